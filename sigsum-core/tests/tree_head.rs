//! Checkpoint body and cosignature message bytes (spec digest §3.1, §4.1),
//! and real signatures from proof P-a (sigsum-go `TestVerify`).
use sigsum_core::cosignature::{Cosignature, Message};
use sigsum_core::crypto::DefaultBackend;
use sigsum_core::tree_head::{sigsum_origin, TreeHead};
use sigsum_core::{Hash, PublicKey, Signature};

fn h(s: &str) -> Hash {
    Hash::from_hex(s.as_bytes()).unwrap()
}

#[test]
fn body_and_cosigned_message_bytes() {
    let zero_key_hash = PublicKey([0; 32]).key_hash();
    let th = TreeHead {
        size: 257,
        root_hash: Hash(core::array::from_fn(|i| i as u8)),
    };
    let body = th.sigsum_body(&zero_key_hash);
    assert_eq!(
        body.as_bytes(),
        b"sigsum.org/v1/tree/66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925\n257\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n"
    );
    let msg = Message::new(72623859790382856, &body).unwrap();
    assert_eq!(
        msg.as_bytes(),
        b"cosignature/v1\ntime 72623859790382856\nsigsum.org/v1/tree/66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925\n257\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n"
    );
    assert!(Message::new(1 << 63, &body).is_err());
    assert_eq!(&sigsum_origin(&zero_key_hash)[..19], b"sigsum.org/v1/tree/");
}

#[test]
fn real_log_signature_and_cosignature_from_proof_p_a() {
    let log_key =
        PublicKey::from_hex(b"ac26c0a855ac451a6539478e1a160388f024b385f1363efcda470170076c01e5")
            .unwrap();
    let witness =
        PublicKey::from_hex(b"cbe357e6b464049e703b7be6c89201193acc2a18c095b0691aaf50b9b1e1578a")
            .unwrap();
    let th = TreeHead {
        size: 4,
        root_hash: h("3ddc56fd46e71e517b6936b977a457da7d398108141fcdf5c8386cdd724ab7a8"),
    };
    let sig = Signature::from_hex(b"ccbdd8c784726b732b8edd2039fbad5506e4acccd56e3e5d86c0ee109b3d2662e6881fe3d09fc48f9ddd31494463c5ec44926ff9158785ad1dd9b5d6434b0804").unwrap();
    assert!(th.verify_log_signature(&log_key, &sig, &DefaultBackend));
    let cosig = Cosignature {
        key_hash: witness.key_hash(),
        timestamp: 1683202758,
        signature: Signature::from_hex(b"e8d6c447d7847d5c1431ef86f8c60fa0cbacd975388b2a8f202fe4b0f9d0d544989c9d9351752d86aae2df72b9d7135b6b09de2ccaa6d68edf638105d69be609").unwrap(),
    };
    assert!(cosig.verify(&witness, &log_key.key_hash(), &th, &DefaultBackend));
    // Reject twins: each input changed.
    let other = TreeHead { size: 5, ..th };
    assert!(!th.verify_log_signature(&witness, &sig, &DefaultBackend));
    assert!(!other.verify_log_signature(&log_key, &sig, &DefaultBackend));
    let mut root = th.root_hash;
    root.0[31] ^= 1;
    assert!(!TreeHead {
        root_hash: root,
        ..th
    }
    .verify_log_signature(&log_key, &sig, &DefaultBackend));
    assert!(!cosig.verify(&witness, &log_key.key_hash(), &other, &DefaultBackend));
    assert!(!Cosignature {
        timestamp: 1683202759,
        ..cosig
    }
    .verify(&witness, &log_key.key_hash(), &th, &DefaultBackend));
    assert!(!Cosignature {
        key_hash: log_key.key_hash(),
        ..cosig
    }
    .verify(&witness, &log_key.key_hash(), &th, &DefaultBackend));
    assert!(!cosig.verify(&witness, &witness.key_hash(), &th, &DefaultBackend));
    let mut bad = cosig;
    bad.signature.0[0] ^= 1;
    assert!(!bad.verify(&witness, &log_key.key_hash(), &th, &DefaultBackend));
}

/// Sizes above 2^63 - 1 cannot be serialized by sigsum-go (its writer
/// refuses them) and no parser yields them, but a `TreeHead` built by a
/// caller (e.g. over the C ABI) can hold one. A signature over the
/// 20-digit body must not verify; the largest legal size still does.
#[test]
fn tree_size_above_2_pow_63_never_verifies() {
    let log = testkit::proof::Key::from_seed([0x11; 32]);
    let witness = testkit::proof::Key::from_seed([0x22; 32]);
    let log_key = PublicKey(log.public);
    let witness_key = PublicKey(witness.public);
    let root = h("3ddc56fd46e71e517b6936b977a457da7d398108141fcdf5c8386cdd724ab7a8");
    for (size, valid) in [(u64::MAX >> 1, true), (1 << 63, false), (u64::MAX, false)] {
        let th = TreeHead {
            size,
            root_hash: root,
        };
        let body = th.sigsum_body(&log_key.key_hash());
        assert!(body.as_bytes().ends_with(b"=\n"), "{size}: body written");
        let sig = Signature(log.sign(body.as_bytes()));
        assert_eq!(
            th.verify_log_signature(&log_key, &sig, &DefaultBackend),
            valid,
            "log signature, size {size}"
        );
        let msg = Message::new(1234, &body).unwrap();
        let cosig = Cosignature {
            key_hash: witness_key.key_hash(),
            timestamp: 1234,
            signature: Signature(witness.sign(msg.as_bytes())),
        };
        assert_eq!(
            cosig.verify(&witness_key, &log_key.key_hash(), &th, &DefaultBackend),
            valid,
            "cosignature, size {size}"
        );
    }
}

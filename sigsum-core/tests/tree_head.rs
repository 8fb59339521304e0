//! Checkpoint body and cosignature message bytes (Sigsum `log.md` §2.2.2,
//! §2.2.3; sigsum-go `pkg/types/tree_head.go`; C2SP `tlog-cosignature`),
//! and real signatures from proof P-a (sigsum-go `TestVerify`).
#![cfg(feature = "parsers")]
use sigsum_core::{
    sigsum_origin, Cosignature, CosignedMessage, DefaultBackend, Ed25519Backend, Hash, PublicKey,
    Signature, SignedTreeHead, TextPolicy, TreeHead, TrustPolicy, WitnessSet, MAX_BODY_SIZE,
    MAX_COSIGNED_MESSAGE_SIZE, MAX_DECIMAL, MAX_ORIGIN_SIZE,
};

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
    let msg = CosignedMessage::new(72623859790382856, &body).unwrap();
    assert_eq!(
        msg.as_bytes(),
        b"cosignature/v1\ntime 72623859790382856\nsigsum.org/v1/tree/66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925\n257\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n"
    );
    assert!(CosignedMessage::new(1 << 63, &body).is_none());
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
        let msg = CosignedMessage::new(1234, &body).unwrap();
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

fn vector(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../tests/vectors/checkpoint/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Sigsum `log.md` §3.1 (commit 031bdd39): the real jellyfish
/// `get-tree-head` example. The log signature is valid; the second
/// cosignature is valid too, but its first field holds the witness's
/// *public key* instead of its key hash, so a verifier keyed by
/// `H(public key)` must treat it as an unknown witness (and must not
/// "fix" that by also matching raw keys).
#[test]
fn log_md_get_tree_head_example_key_hash_field_holds_a_public_key() {
    let text = vector("jellyfish-get-tree-head-1285.txt");
    let sth = SignedTreeHead::parse(&text).unwrap();
    let jellyfish =
        PublicKey::from_hex(b"154f49976b59ff09a123675f58cb3e346e0455753c3c3b15d465dcb4f6512b0b")
            .unwrap();
    let rgdd =
        PublicKey::from_hex(b"73b6cbe5e3c8e679fb5967b78c59e95db2969a5c13b3423b5e69523e3d52f531")
            .unwrap();
    assert_eq!(sth.tree_head.size, 1285);
    assert_eq!(
        sth.tree_head.root_hash,
        h("8100f29c0e9017a7512dab0911bf06a4b5b99cd77d8c710635307b5d217af1f6")
    );
    assert!(sth
        .tree_head
        .verify_log_signature(&jellyfish, &sth.signature, &DefaultBackend));
    // Reject twins of the log signature: another key, size, root, signature.
    assert!(!sth
        .tree_head
        .verify_log_signature(&rgdd, &sth.signature, &DefaultBackend));
    let bigger = TreeHead {
        size: 1286,
        ..sth.tree_head
    };
    assert!(!bigger.verify_log_signature(&jellyfish, &sth.signature, &DefaultBackend));
    let mut root = sth.tree_head.root_hash;
    root.0[0] ^= 0x80;
    let other_root = TreeHead {
        root_hash: root,
        ..sth.tree_head
    };
    assert!(!other_root.verify_log_signature(&jellyfish, &sth.signature, &DefaultBackend));
    let mut sig = sth.signature;
    sig.0[63] ^= 1;
    assert!(!sth
        .tree_head
        .verify_log_signature(&jellyfish, &sig, &DefaultBackend));

    let cosigs: Vec<Cosignature> = sth.cosignatures.iter().collect();
    assert_eq!(cosigs.len(), 2);
    let c = cosigs[1];
    assert_eq!((c.key_hash.0, c.timestamp), (rgdd.0, 1687170591));
    // The witness key hash per archive/2023-05-30-litenotes.md.
    assert_eq!(
        rgdd.key_hash(),
        h("52f139f2823d04b5451e6d2c81c0bf17555b638bc399b6ba05d012222b68d2a9")
    );
    // The signature itself is good over this tree head...
    let log_kh = jellyfish.key_hash();
    let body = sth.tree_head.sigsum_body(&log_kh);
    assert!(c.verify_body(&rgdd, &body, &DefaultBackend));
    // ...but not as the cosignature it claims to be: its key hash field is
    // not H(rgdd).
    assert!(!c.verify(&rgdd, &log_kh, &sth.tree_head, &DefaultBackend));
    let fixed = Cosignature {
        key_hash: rgdd.key_hash(),
        ..c
    };
    assert!(fixed.verify(&rgdd, &log_kh, &sth.tree_head, &DefaultBackend));
    assert!(!fixed.verify(&rgdd, &log_kh, &bigger, &DefaultBackend));

    // A policy naming the witness does not know the line's "key hash", so
    // the line is an unknown witness and the quorum is not met.
    let policy_text = format!(
        "log {jellyfish}\nwitness rgdd@tee.sigsum.org {rgdd}\nquorum rgdd@tee.sigsum.org\n"
    );
    let policy = TextPolicy::parse(policy_text.as_bytes()).unwrap();
    assert!(policy.log_key(&log_kh).is_some());
    let mut verified = WitnessSet::EMPTY;
    for c in &cosigs {
        if let Some((i, key)) = policy.witness(&c.key_hash) {
            if c.verify(&key, &log_kh, &sth.tree_head, &DefaultBackend) {
                verified.insert(i);
            }
        }
    }
    assert!(verified.is_empty());
    assert!(!policy.is_satisfied(&verified));
    // The same line with the key hash the protocol requires would count.
    let (i, key) = policy.witness(&fixed.key_hash).unwrap();
    assert!(fixed.verify(&key, &log_kh, &sth.tree_head, &DefaultBackend));
    verified.insert(i);
    assert!(policy.is_satisfied(&verified));
    // The first cosignature is from a witness whose key is not published.
    assert!(policy.witness(&cosigs[0].key_hash).is_none());
}

/// OpenSSH `sshsig` signed data: `"SSHSIG" || str(namespace) || str("") ||
/// str("sha256") || str(H(message))`, with `str(x) = u32be(len) || x`.
fn sshsig_signed_data(namespace: &str, message: &[u8]) -> Vec<u8> {
    fn string(out: &mut Vec<u8>, x: &[u8]) {
        out.extend_from_slice(&(x.len() as u32).to_be_bytes());
        out.extend_from_slice(x);
    }
    let mut out = b"SSHSIG".to_vec();
    string(&mut out, namespace.as_bytes());
    string(&mut out, b"");
    string(&mut out, b"sha256");
    string(&mut out, &sigsum_core::sha256(message).0);
    out
}

/// The older tree-head signing formats (sigsum-go `pkg/types/tree_head.go`
/// `VerifyVersion0`, deprecated) must not verify.
/// Format 2 is sigsum-go's `TestSignedTreeHeadVerifyVersion0` vector, a real
/// signature over the SSH-signature blob (checked here, so the test can
/// fail); format 1 (origin `sigsum.org/v1/<hex>` without `tree/`) is
/// signed here.
#[test]
fn legacy_tree_head_signing_formats_do_not_verify() {
    // The sshsig construction, checked against sigsum-go's
    // internal/ssh/ssh_test.go TestSignedData.
    let hex: String = sshsig_signed_data("test", b"foo\n")
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(hex, "5353485349470000000474657374000000000000000673686132353600000020b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c");

    // Format 2: SSHSIG("signed-tree-head:v0@sigsum.org", u64be(size) || root).
    let key =
        PublicKey::from_hex(b"22c091e3f75497ef19015c5daf143910e20cda7295b0fd1ddf83825686efeca6")
            .unwrap();
    let th = TreeHead {
        size: 4,
        root_hash: h("84ec3e1ba5433358988ac74bed33a30bda42cc983b87e4940a423c2d84890f0f"),
    };
    let sig = Signature::from_hex(b"7e2084ded0f7625136e6c811ac7eae2cb79613cadb12a6437b391cdae3a5c915dcd30b5b5fe4fbf417a2d607a4cfcb3612d7fd4ffe9453c0d29ec002a6d47709").unwrap();
    let mut blob = th.size.to_be_bytes().to_vec();
    blob.extend_from_slice(&th.root_hash.0);
    let legacy = sshsig_signed_data("signed-tree-head:v0@sigsum.org", &blob);
    assert!(
        DefaultBackend.verify(&key, &legacy, &sig),
        "the vector is real"
    );
    assert!(!th.verify_log_signature(&key, &sig, &DefaultBackend));

    // Format 1: the same three lines with origin "sigsum.org/v1/<hex>".
    let log = testkit::proof::Key::from_seed([0x33; 32]);
    let log_key = PublicKey(log.public);
    let old_origin = format!("sigsum.org/v1/{}", log_key.key_hash());
    let old_body = th.body(old_origin.as_bytes()).unwrap();
    let old_sig = Signature(log.sign(old_body.as_bytes()));
    assert!(DefaultBackend.verify(&log_key, old_body.as_bytes(), &old_sig));
    assert!(!th.verify_log_signature(&log_key, &old_sig, &DefaultBackend));
    // Twin: the current format with the same key verifies.
    let new_sig = Signature(log.sign(th.sigsum_body(&log_key.key_hash()).as_bytes()));
    assert!(th.verify_log_signature(&log_key, &new_sig, &DefaultBackend));
}

/// The size limits are exact: the largest body (a 256-byte origin, a
/// 19-digit size) is `MAX_BODY_SIZE` bytes and its cosigned message with a
/// 19-digit timestamp `MAX_COSIGNED_MESSAGE_SIZE`; one more origin byte is
/// refused.
#[test]
fn largest_body_and_cosigned_message_fill_their_limits() {
    let th = TreeHead {
        size: MAX_DECIMAL,
        root_hash: Hash([0xab; 32]),
    };
    let origin = [b'o'; MAX_ORIGIN_SIZE];
    let body = th.body(&origin).unwrap();
    assert_eq!(body.as_bytes().len(), MAX_BODY_SIZE);
    assert!(th.body(&[b'o'; MAX_ORIGIN_SIZE + 1]).is_none());
    let message = CosignedMessage::new(MAX_DECIMAL, &body).unwrap();
    assert_eq!(message.as_bytes().len(), MAX_COSIGNED_MESSAGE_SIZE);
    assert!(CosignedMessage::new(MAX_DECIMAL + 1, &body).is_none());
    // The Debug form shows the body text.
    let small = th.body(b"o").unwrap();
    assert_eq!(
        format!("{small:?}"),
        "CheckpointBody(Ok(\"o\\n9223372036854775807\\nq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6s=\\n\"))"
    );
}

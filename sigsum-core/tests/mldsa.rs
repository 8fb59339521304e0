//! ML-DSA-44 cosignatures (C2SP tlog-cosignature, type 0x06): the
//! `cosigned_message` layout, key ids, signature blobs, and (feature
//! `mldsa`) verification against signatures made by other implementations:
//! filippo.io/torchwood (Go `crypto/mldsa`, a real test vector), the pure
//! Python dilithium-py and the JavaScript @noble/post-quantum (see
//! `tests/vectors/mldsa/README.md`).
#![cfg(feature = "parsers")]

use serde_json::{json, Value};
use sigsum_core::*;
use testkit::mldsa as tk;

fn dir() -> String {
    format!("{}/../tests/vectors/mldsa", env!("CARGO_MANIFEST_DIR"))
}

fn read(name: &str) -> String {
    let path = format!("{}/{name}", dir());
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn json_file(name: &str) -> Value {
    serde_json::from_str(&read(name)).unwrap()
}

fn unhex<const N: usize>(s: &str) -> [u8; N] {
    let mut out = [0u8; N];
    hex::decode_to_slice(s, &mut out).unwrap();
    out
}

fn hexs(b: &[u8]) -> String {
    testkit::note::hex(b)
}

fn seed(b: u8) -> [u8; 32] {
    let mut s = [0u8; 32];
    s[0] = b;
    s
}

fn h(b: u8) -> Hash {
    Hash([b; 32])
}

// ------------------------------------------------------------ the message

/// The generated cases: (cosigner, timestamp, origin, start, end, hash, seed).
type Case = (Vec<u8>, u64, Vec<u8>, u64, u64, Hash, [u8; 32]);

fn cases() -> Vec<Case> {
    // The checkpoint of the tlog-cosignature spec's example.
    let spec_root = Hash(unhex(
        "0ac5186a91863e8e1d90c808014aa89bf5da8e3ee1d9f07630f0378f68f1ab62",
    ));
    vec![
        (
            b"witness.example.com/w1".to_vec(),
            1679315147,
            b"example.com/behind-the-sofa".to_vec(),
            0,
            20852163,
            spec_root,
            seed(1),
        ),
        (
            b"witness.example.com/w1".to_vec(),
            0,
            b"example.com/behind-the-sofa".to_vec(),
            0,
            20852163,
            spec_root,
            seed(1),
        ),
        // A subtree (start != 0, so timestamp 0).
        (
            b"example.com/pq".to_vec(),
            0,
            b"example.com/log".to_vec(),
            8,
            16,
            h(0x5a),
            seed(2),
        ),
        // Longest names, largest timestamp and size.
        (
            vec![b'n'; 255],
            (1 << 63) - 1,
            vec![b'o'; 255],
            0,
            u64::MAX,
            h(0xff),
            seed(3),
        ),
        // The empty tree.
        (b"w".to_vec(), 1, b"o".to_vec(), 0, 0, EMPTY_ROOT, seed(4)),
        // Names are bytes: UTF-8 beyond ASCII.
        (
            "wïtness.example/ü".as_bytes().to_vec(),
            1767225600,
            "lög.example/€".as_bytes().to_vec(),
            0,
            1,
            h(0x01),
            seed(5),
        ),
    ]
}

fn message(c: &Case) -> SubtreeMessage {
    SubtreeMessage::new(&c.0, c.1, &c.2, c.3, c.4, &c.5).unwrap()
}

#[test]
fn layout_matches_the_naive_builder() {
    for c in cases() {
        let ours = message(&c);
        let naive = tk::subtree_message(&c.0, c.1, &c.2, c.3, c.4, &c.5 .0);
        assert_eq!(ours.as_bytes(), &naive[..]);
        assert_eq!(&ours.as_bytes()[..12], SUBTREE_LABEL);
        assert_eq!(
            ours.as_bytes().len(),
            12 + 1 + c.0.len() + 8 + 1 + c.2.len() + 8 + 8 + 32
        );
    }
}

#[test]
fn layout_written_out_by_hand() {
    let m = SubtreeMessage::new(b"ab", 0x0102, b"xyz", 0, 7, &h(0xee)).unwrap();
    let mut want = b"subtree/v1\n\x00".to_vec();
    want.extend_from_slice(&[2, b'a', b'b']);
    want.extend_from_slice(&[0, 0, 0, 0, 0, 0, 1, 2]);
    want.extend_from_slice(&[3, b'x', b'y', b'z']);
    want.extend_from_slice(&[0; 8]);
    want.extend_from_slice(&[0, 0, 0, 0, 0, 0, 0, 7]);
    want.extend_from_slice(&[0xee; 32]);
    assert_eq!(m.as_bytes(), &want[..]);
    assert_eq!(
        SubtreeMessage::checkpoint(b"ab", 0x0102, b"xyz", 7, &h(0xee)).unwrap(),
        m
    );
    assert!(format!("{m:?}").starts_with("SubtreeMessage(737562747265652f76310a00026162"));
}

#[test]
fn largest_message_is_the_named_limit() {
    let m = SubtreeMessage::new(&[b'n'; 255], 0, &[b'o'; 255], 0, 1, &h(1)).unwrap();
    assert_eq!(m.as_bytes().len(), MAX_SUBTREE_MESSAGE_SIZE);
    assert_eq!(MAX_SUBTREE_MESSAGE_SIZE, 580);
}

#[test]
fn names_of_one_to_255_bytes() {
    let ok = |n: &[u8], o: &[u8]| SubtreeMessage::new(n, 0, o, 0, 1, &h(1)).is_some();
    assert!(ok(b"n", b"o"));
    assert!(ok(&[b'n'; 255], b"o"));
    assert!(ok(b"n", &[b'o'; 255]));
    assert!(!ok(&[b'n'; 256], b"o"));
    assert!(!ok(b"n", &[b'o'; 256]));
    assert!(!ok(&[b'n'; 511], b"o"), "the length byte does not wrap");
    assert!(!ok(b"", b"o"));
    assert!(!ok(b"n", b""));
    assert_eq!(MAX_SUBTREE_NAME_SIZE, 255);
}

#[test]
fn timestamp_at_most_2_63_minus_1() {
    let ok = |t: u64| SubtreeMessage::new(b"n", t, b"o", 0, 1, &h(1)).is_some();
    assert!(ok(0));
    assert!(ok((1 << 63) - 1));
    assert!(!ok(1 << 63));
    assert!(!ok(u64::MAX));
    assert_eq!(MAX_COSIGNATURE_TIMESTAMP, (1 << 63) - 1);
}

#[test]
fn subtrees_with_a_start_have_timestamp_zero() {
    assert!(SubtreeMessage::new(b"n", 0, b"o", 4, 8, &h(1)).is_some());
    assert!(SubtreeMessage::new(b"n", 1, b"o", 4, 8, &h(1)).is_none());
    assert!(SubtreeMessage::new(b"n", 1, b"o", 0, 8, &h(1)).is_some());
}

#[test]
fn ranges_must_be_subtrees() {
    let ok = |s: u64, e: u64| SubtreeMessage::new(b"n", 0, b"o", s, e, &h(1)).is_some();
    assert!(!ok(5, 4), "start > end");
    assert!(!ok(u64::MAX, 0));
    assert!(!ok(2, 5), "width 3: start must be a multiple of 4");
    assert!(ok(4, 7));
    assert!(ok(4, 8));
    assert!(!ok(4, 9), "width 5: start must be a multiple of 8");
    assert!(ok(0, u64::MAX));
    assert!(ok(1 << 63, u64::MAX));
    assert!(!ok(1, u64::MAX), "BIT_CEIL overflows: no start but 0 fits");
    assert!(ok((1 << 62) + (1 << 63), u64::MAX), "width 2^62 - 1");
    assert!(!ok(3 << 61, u64::MAX), "width above 2^63");
}

#[test]
fn empty_subtrees_have_the_empty_hash() {
    let m = |s: u64, hash: &Hash| SubtreeMessage::new(b"n", 0, b"o", s, s, hash).is_some();
    assert!(m(0, &EMPTY_ROOT));
    assert!(m(8, &EMPTY_ROOT));
    assert!(m(3, &EMPTY_ROOT));
    assert!(!m(0, &h(1)));
    assert!(!m(8, &h(0)));
}

/// `is_valid_subtree` against the draft's definition, written naively.
#[test]
fn is_valid_subtree_exhaustive_small() {
    fn naive(start: u64, end: u64) -> bool {
        if start > end {
            return false;
        }
        if start == end {
            return true;
        }
        let mut ceil = 1u64;
        while ceil < end - start {
            ceil *= 2;
        }
        start % ceil == 0
    }
    for start in 0..130 {
        for end in 0..130 {
            assert_eq!(
                is_valid_subtree(start, end),
                naive(start, end),
                "[{start}, {end})"
            );
        }
    }
}

// ------------------------------------------------------- key ids and blobs

#[test]
fn key_id_matches_the_naive_one() {
    for b in 0..4 {
        let key = tk::public_key(seed(b));
        for name in ["a", "witness.example.com/w1", "wïtness"] {
            assert_eq!(
                mldsa_key_id(name.as_bytes(), &key).0,
                tk::key_id(name, &key)
            );
        }
    }
    // The type byte is part of the id: not the Ed25519 cosignature id of
    // the first 32 bytes, not another name's id.
    let key = tk::public_key(seed(1));
    assert_ne!(mldsa_key_id(b"a", &key), mldsa_key_id(b"b", &key));
    let mut key2 = key;
    key2[1311] ^= 1;
    assert_ne!(mldsa_key_id(b"a", &key), mldsa_key_id(b"a", &key2));
}

fn blob_bytes(id: [u8; 4], ts: u64, sig: &[u8]) -> Vec<u8> {
    let mut b = id.to_vec();
    b.extend_from_slice(&ts.to_be_bytes());
    b.extend_from_slice(sig);
    b
}

#[test]
fn cosignature_blob() {
    let sig = [0x42u8; MLDSA44_SIGNATURE_SIZE];
    let bytes = blob_bytes([1, 2, 3, 4], 1679315147, &sig);
    assert_eq!(bytes.len(), 4 + MLDSA_COSIGNATURE_BLOB_SIZE);
    let c = MlDsaCosignature::from_bytes(&bytes).unwrap();
    assert_eq!(c.key_id.0, [1, 2, 3, 4]);
    assert_eq!(c.timestamp, 1679315147);
    assert_eq!(c.signature, sig);
    assert_eq!(
        format!("{c:?}"),
        "MlDsaCosignature { key_id: KeyId(01020304), timestamp: 1679315147, .. }"
    );
    let b64 = testkit::note::base64(&bytes);
    assert_eq!(MlDsaCosignature::from_base64(b64.as_bytes()), Some(c));

    // Reject twins: truncated, extended, empty, timestamp 2^63.
    assert_eq!(
        MlDsaCosignature::from_bytes(&bytes[..bytes.len() - 1]),
        None
    );
    let mut longer = bytes.clone();
    longer.push(0);
    assert_eq!(MlDsaCosignature::from_bytes(&longer), None);
    assert_eq!(MlDsaCosignature::from_bytes(&[]), None);
    assert_eq!(MlDsaCosignature::from_bytes(&bytes[..12]), None);
    let top = blob_bytes([1, 2, 3, 4], (1 << 63) - 1, &sig);
    assert_eq!(
        MlDsaCosignature::from_bytes(&top).unwrap().timestamp,
        (1 << 63) - 1
    );
    let over = blob_bytes([1, 2, 3, 4], 1 << 63, &sig);
    assert_eq!(MlDsaCosignature::from_bytes(&over), None);
    // An Ed25519 cosignature blob is not an ML-DSA one.
    assert_eq!(MlDsaCosignature::from_bytes(&bytes[..4 + 8 + 64]), None);

    // Base64: truncated, extended, not padded, not base64.
    let short = testkit::note::base64(&bytes[..bytes.len() - 1]);
    assert_eq!(MlDsaCosignature::from_base64(short.as_bytes()), None);
    let long = testkit::note::base64(&longer);
    assert_eq!(MlDsaCosignature::from_base64(long.as_bytes()), None);
    let mut bad = b64.clone().into_bytes();
    bad[10] = b'*';
    assert_eq!(MlDsaCosignature::from_base64(&bad), None);
    assert_eq!(MlDsaCosignature::from_base64(b""), None);
}

/// The testkit witness writes the line and vkey of the spec.
#[test]
fn testkit_line_and_vkey() {
    let key = tk::public_key(seed(7));
    let id = mldsa_key_id(b"w.example/pq", &key);
    let vkey = tk::vkey(seed(7), "w.example/pq");
    let (name, rest) = vkey.split_once('+').unwrap();
    let (hex_id, b64) = rest.split_once('+').unwrap();
    assert_eq!(name, "w.example/pq");
    assert_eq!(hex_id, id.to_string());
    let mut raw = vec![SIG_TYPE_MLDSA_COSIGNATURE];
    raw.extend_from_slice(&key);
    assert_eq!(b64, testkit::note::base64(&raw));

    let line = tk::cosignature_line(seed(7), "w.example/pq", 5, "o.example", 3, &[9; 32]);
    let b64 = line
        .strip_prefix("\u{2014} w.example/pq ")
        .unwrap()
        .strip_suffix('\n')
        .unwrap();
    let c = MlDsaCosignature::from_base64(b64.as_bytes()).unwrap();
    assert_eq!(c.key_id, id);
    assert_eq!(c.timestamp, 5);
}

// ------------------------------------------------------------ vector files

fn case_json(c: &Case) -> Value {
    let key = tk::public_key(c.6);
    let msg = message(c);
    json!({
        "cosigner": String::from_utf8(c.0.clone()).unwrap(),
        "timestamp": c.1.to_string(),
        "origin": String::from_utf8(c.2.clone()).unwrap(),
        "start": c.3.to_string(),
        "end": c.4.to_string(),
        "hash": hexs(&c.5 .0),
        "seed": hexs(&c.6),
        "public_key": hexs(&key),
        "key_id": mldsa_key_id(&c.0, &key).to_string(),
        "message": hexs(msg.as_bytes()),
        "signature": hexs(&tk::sign(c.6, msg.as_bytes())),
    })
}

fn rustcrypto_json() -> String {
    let v = json!({
        "_comment": "Generated by sigsum-core/tests/mldsa.rs (regenerate_rustcrypto_vectors): message by sigsum-core's SubtreeMessage, key (from the 32-byte seed, FIPS 204 ML-DSA.KeyGen_internal) and deterministic signature (FIPS 204 ML-DSA.Sign, rnd = 0, empty context) by RustCrypto ml-dsa 0.1.2 through testkit. u64 values are decimal strings. Checked by crosscheck.py (dilithium-py) and crosscheck.mjs (@noble/post-quantum).",
        "cases": cases().iter().map(case_json).collect::<Vec<_>>(),
    });
    serde_json::to_string_pretty(&v).unwrap() + "\n"
}

/// The committed file is exactly what the generator writes now.
#[test]
fn rustcrypto_vectors_are_current() {
    assert_eq!(
        read("rustcrypto.json"),
        rustcrypto_json(),
        "run: cargo test -p sigsum-core --test mldsa -- --ignored regenerate"
    );
}

/// `cargo test -p sigsum-core --test mldsa -- --ignored regenerate`
#[test]
#[ignore]
fn regenerate_rustcrypto_vectors() {
    std::fs::write(format!("{}/rustcrypto.json", dir()), rustcrypto_json()).unwrap();
}

/// The other implementations' files describe the same cases.
#[test]
fn independent_files_cover_every_case() {
    let ours = json_file("rustcrypto.json");
    let n = ours["cases"].as_array().unwrap().len();
    for f in ["dilithium-py.json", "noble.json"] {
        let theirs = json_file(f);
        let tc = theirs["cases"].as_array().unwrap();
        assert_eq!(tc.len(), n, "{f}");
        for (t, o) in tc.iter().zip(ours["cases"].as_array().unwrap()) {
            assert_eq!(t["message"], o["message"], "{f}");
            assert_eq!(t["public_key"], o["public_key"], "{f}");
            assert_eq!(t["deterministic_signature"], o["signature"], "{f}");
            assert_ne!(t["hedged_signature"], o["signature"], "{f}");
        }
    }
}

// ------------------------------------------------------------ verification

#[cfg(feature = "mldsa")]
mod verify {
    use super::*;

    fn b64(s: &str) -> Vec<u8> {
        let mut out = vec![0u8; s.len()];
        use base64ct::Encoding;
        let n = base64ct::Base64::decode(s, &mut out).unwrap().len();
        out.truncate(n);
        out
    }

    /// The real ML-DSA-44 checkpoint of filippo.io/torchwood's litewitness
    /// test (signed by Go's crypto/mldsa, randomized): key id, layout and
    /// verification agree with Go.
    #[test]
    fn torchwood_checkpoint() {
        let vkey = read("torchwood-mldsa-log.vkey");
        let mut parts = vkey.trim_end().splitn(3, '+');
        let (name, id, key) = (
            parts.next().unwrap(),
            parts.next().unwrap(),
            b64(parts.next().unwrap()),
        );
        assert_eq!(key[0], SIG_TYPE_MLDSA_COSIGNATURE);
        let key: [u8; 1312] = key[1..].try_into().unwrap();
        assert_eq!(mldsa_key_id(name.as_bytes(), &key).to_string(), id);
        // testkit's key generation from the seed of torchwood's generator.
        let gentest_seed =
            unhex("2886adc2b0eabfce67c0472939127998bf886cf256bfee8ba76a253fce1146e0");
        assert_eq!(tk::public_key(gentest_seed), key);

        let note = read("torchwood-mldsa-log.checkpoint");
        let (body, sigs) = note.split_once("\n\n").unwrap();
        let lines: Vec<&str> = body.lines().collect();
        let (origin, size) = (lines[0], lines[1].parse::<u64>().unwrap());
        let root = Hash(b64(lines[2]).try_into().unwrap());
        let line = sigs.strip_suffix('\n').unwrap();
        let (prefix, sig_b64) = line.rsplit_once(' ').unwrap();
        assert_eq!(prefix, format!("\u{2014} {name}"));
        let c = MlDsaCosignature::from_base64(sig_b64.as_bytes()).unwrap();
        assert_eq!(c.key_id.to_string(), id);
        assert_eq!(c.timestamp, 0);

        let msg = SubtreeMessage::checkpoint(
            name.as_bytes(),
            c.timestamp,
            origin.as_bytes(),
            size,
            &root,
        )
        .unwrap();
        assert!(verify_mldsa44(&key, msg.as_bytes(), &c.signature));
        assert!(RustCryptoMlDsa.verify_mldsa44(&key, msg.as_bytes(), &c.signature));
        // Twins: each field of the message changed.
        for m in twins(name.as_bytes(), 0, origin.as_bytes(), 0, size, &root) {
            assert!(!verify_mldsa44(&key, m.as_bytes(), &c.signature));
        }
    }

    /// Every accepted message with one field changed (all still valid
    /// messages).
    fn twins(
        name: &[u8],
        ts: u64,
        origin: &[u8],
        start: u64,
        end: u64,
        hash: &Hash,
    ) -> Vec<SubtreeMessage> {
        let mut name2 = name.to_vec();
        name2[0] ^= 1;
        let mut origin2 = origin.to_vec();
        origin2[0] ^= 1;
        let mut hash2 = *hash;
        hash2.0[31] ^= 1;
        // One byte longer, or shorter at the limit.
        let other_len = if name.len() < 255 {
            [name, b"x"].concat()
        } else {
            name[..254].to_vec()
        };
        let mut last_origin = origin.to_vec();
        *last_origin.last_mut().unwrap() = b'z';
        let mut out = vec![
            SubtreeMessage::new(&name2, ts, origin, start, end, hash),
            SubtreeMessage::new(&other_len, ts, origin, start, end, hash),
            SubtreeMessage::new(name, ts, &origin2, start, end, hash),
            SubtreeMessage::new(name, ts, &last_origin, start, end, hash),
        ];
        if start == 0 {
            out.push(SubtreeMessage::new(name, ts ^ 1, origin, start, end, hash));
            let next = if end == u64::MAX { end - 1 } else { end + 1 };
            out.push(SubtreeMessage::new(name, ts, origin, start, next, hash));
            out.push(SubtreeMessage::new(
                name,
                ts,
                origin,
                start,
                end ^ (1 << 40),
                hash,
            ));
        } else {
            // A subtree: another aligned start or end.
            out.push(SubtreeMessage::new(name, ts, origin, 0, end, hash));
            out.push(SubtreeMessage::new(name, ts, origin, start, end - 1, hash));
        }
        if start != end {
            out.push(SubtreeMessage::new(name, ts, origin, start, end, &hash2));
        }
        out.into_iter()
            .map(|m| m.expect("twin is a valid message"))
            .filter(|m| m != &SubtreeMessage::new(name, ts, origin, start, end, hash).unwrap())
            .collect()
    }

    fn check_case(file: &str, o: &Value, sig_field: &str, t: &Value) {
        let key: [u8; 1312] = unhex(o["public_key"].as_str().unwrap());
        let msg_hex = o["message"].as_str().unwrap();
        let sig: [u8; 2420] = unhex(t[sig_field].as_str().unwrap());
        let c = &cases()[cases()
            .iter()
            .position(|c| hexs(message(c).as_bytes()) == msg_hex)
            .unwrap_or_else(|| panic!("{file}: no case with this message"))];
        let msg = message(c);
        assert!(
            verify_mldsa44(&key, msg.as_bytes(), &sig),
            "{file} {sig_field}"
        );
        assert!(tk::verify(&key, msg.as_bytes(), &sig));
        for m in twins(&c.0, c.1, &c.2, c.3, c.4, &c.5) {
            assert!(
                !verify_mldsa44(&key, m.as_bytes(), &sig),
                "{file}: twin {m:?}"
            );
        }
        // Wrong key: another seed.
        let other = tk::public_key(seed(0xee));
        assert!(!verify_mldsa44(&other, msg.as_bytes(), &sig));
    }

    /// Our signatures, the independent implementations' deterministic
    /// ones (equal to ours) and their randomized ones all verify; none
    /// verifies a changed message.
    #[test]
    fn signatures_of_three_implementations() {
        let ours = json_file("rustcrypto.json");
        for o in ours["cases"].as_array().unwrap() {
            check_case("rustcrypto.json", o, "signature", o);
        }
        for f in ["dilithium-py.json", "noble.json"] {
            let theirs = json_file(f);
            for (o, t) in ours["cases"]
                .as_array()
                .unwrap()
                .iter()
                .zip(theirs["cases"].as_array().unwrap())
            {
                check_case(f, o, "hedged_signature", t);
            }
        }
    }

    /// One bit flipped in every byte of a signature: always rejected.
    #[test]
    fn signature_bit_flips() {
        let c = &cases()[0];
        let msg = message(c);
        let key = tk::public_key(c.6);
        let sig = tk::sign(c.6, msg.as_bytes());
        assert!(verify_mldsa44(&key, msg.as_bytes(), &sig));
        for i in 0..MLDSA44_SIGNATURE_SIZE {
            let mut bad = sig;
            bad[i] ^= 1 << (i % 8);
            assert!(!verify_mldsa44(&key, msg.as_bytes(), &bad), "byte {i}");
        }
        // Degenerate signatures.
        assert!(!verify_mldsa44(&key, msg.as_bytes(), &[0; 2420]));
        assert!(!verify_mldsa44(&key, msg.as_bytes(), &[0xff; 2420]));
    }

    /// Keys: any 1312 bytes decode; all-zero, all-ones and flipped keys
    /// reject (no panic).
    #[test]
    fn key_twins() {
        let c = &cases()[1];
        let msg = message(c);
        let key = tk::public_key(c.6);
        let sig = tk::sign(c.6, msg.as_bytes());
        for i in [0, 31, 32, 700, 1311] {
            let mut bad = key;
            bad[i] ^= 0x80;
            assert!(!verify_mldsa44(&bad, msg.as_bytes(), &sig), "key byte {i}");
        }
        assert!(!verify_mldsa44(&[0; 1312], msg.as_bytes(), &sig));
        assert!(!verify_mldsa44(&[0xff; 1312], msg.as_bytes(), &sig));
    }

    /// The key of another cosigner name: the key id differs (the line is
    /// not this witness's), and a message naming the other cosigner does
    /// not verify.
    #[test]
    fn key_of_another_name() {
        let c = &cases()[0];
        let key = tk::public_key(c.6);
        let line = tk::cosignature_line(
            c.6,
            "witness.example.com/w1",
            c.1,
            "example.com/behind-the-sofa",
            c.4,
            &c.5 .0,
        );
        let b64 = line.trim_end().rsplit_once(' ').unwrap().1;
        let cos = MlDsaCosignature::from_base64(b64.as_bytes()).unwrap();
        assert_eq!(cos.key_id, mldsa_key_id(b"witness.example.com/w1", &key));
        assert_ne!(cos.key_id, mldsa_key_id(b"witness.example.com/w2", &key));
        let good = message(c);
        assert!(verify_mldsa44(&key, good.as_bytes(), &cos.signature));
        let other =
            SubtreeMessage::new(b"witness.example.com/w2", c.1, &c.2, c.3, c.4, &c.5).unwrap();
        assert!(!verify_mldsa44(&key, other.as_bytes(), &cos.signature));
    }

    /// A backend behind a reference is a backend.
    #[test]
    fn backend_by_reference() {
        fn generic<B: MlDsaBackend>(b: B, k: &[u8; 1312], m: &[u8], s: &[u8; 2420]) -> bool {
            b.verify_mldsa44(k, m, s)
        }
        let c = &cases()[2];
        let msg = message(c);
        let key = tk::public_key(c.6);
        let sig = tk::sign(c.6, msg.as_bytes());
        let by_ref: &RustCryptoMlDsa = &RustCryptoMlDsa;
        let by_ref_ref: &&RustCryptoMlDsa = &by_ref;
        assert!(generic(by_ref, &key, msg.as_bytes(), &sig));
        assert!(generic(by_ref_ref, &key, msg.as_bytes(), &sig));
        assert!(!generic(by_ref_ref, &key, b"", &sig));
    }

    /// One verification runs in a thread with a 512 KiB stack. No
    /// allocator: the decoded key (its expanded matrix, about 25 KB) and
    /// the temporaries are on the stack. Measured: 86.8 KB on Cortex-M4
    /// and riscv32imc (`embedded`, bin `mldsa`, opt-level "z", under
    /// QEMU); on x86_64 a release test passes with 128 KiB, this debug
    /// build (generic ml-dsa code instantiated at opt-level 0) needs
    /// 384 KiB.
    #[test]
    fn verification_fits_a_small_stack() {
        let c = &cases()[0];
        let msg = message(c);
        let key = tk::public_key(c.6);
        let sig = tk::sign(c.6, msg.as_bytes());
        let ok = std::thread::Builder::new()
            .stack_size(512 * 1024)
            .spawn(move || verify_mldsa44(&key, msg.as_bytes(), &sig))
            .unwrap()
            .join()
            .unwrap();
        assert!(ok);
    }
}

/// Messages compare by their bytes: each field changed makes them unequal.
#[test]
fn messages_compare_by_content() {
    let root = h(1);
    let m = |name: &[u8], ts, origin: &[u8], size| {
        SubtreeMessage::checkpoint(name, ts, origin, size, &root).unwrap()
    };
    let base = m(b"w.example", 5, b"o.example", 10);
    assert_eq!(base, m(b"w.example", 5, b"o.example", 10));
    assert_ne!(base, m(b"x.example", 5, b"o.example", 10));
    assert_ne!(base, m(b"w.example", 6, b"o.example", 10));
    assert_ne!(base, m(b"w.example", 5, b"p.example", 10));
    assert_ne!(base, m(b"w.example", 5, b"o.example", 11));
    assert_ne!(
        base,
        SubtreeMessage::checkpoint(b"w.example", 5, b"o.example", 10, &h(2)).unwrap()
    );
}

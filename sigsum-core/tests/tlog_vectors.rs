//! Real C2SP vectors (tests/vectors/c2sp/README.md says where each comes
//! from) under tlog-policies.

#![cfg(feature = "parsers")]

use sigsum_core::{
    hash_leaf, root_from_inclusion, sha256, verify_tlog_checkpoint, verify_tlog_proof, Checkpoint,
    DefaultBackend, Hash, QuorumTime, TlogError, TlogOptions, TlogPolicy, TlogProof,
    MAX_TLOG_SIGNATURE_LINES,
};
use testkit::tlog::vkey;

fn read(path: &str) -> Vec<u8> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/");
    std::fs::read(format!("{dir}{path}")).unwrap()
}

fn key(hex: &str) -> [u8; 32] {
    let mut k = [0u8; 32];
    for (i, b) in k.iter_mut().enumerate() {
        *b = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap();
    }
    k
}

fn sigsum_origin(log: &[u8; 32]) -> String {
    testkit::note::sigsum_origin(log)
}

#[test]
fn oak_tlog_proof_verifies_and_its_twins_fail() {
    let proof = read("c2sp/oak-test.tlog-proof");
    let policy_text = read("c2sp/oak-test.policy");
    let entry = read("c2sp/oak-test.entry");
    let policy = TlogPolicy::parse(&policy_text).unwrap();
    let strict = TlogOptions {
        reject_invalid_cosignatures: true,
    };
    let v = verify_tlog_proof(
        &proof,
        &hash_leaf(&entry),
        &policy,
        &DefaultBackend,
        &strict,
    )
    .unwrap();
    assert_eq!(v.index, 3);
    assert_eq!(v.checkpoint.tree_head.size, 4);
    assert_eq!(v.checkpoint.origin, "fake.log.origin/log");
    assert_eq!(v.checkpoint.signature_checks, 2);
    assert_eq!(v.checkpoint.quorum_time, QuorumTime::At(1771605822));
    assert_eq!(v.checkpoint.median_timestamp(), Some(1771605822));
    assert!(v.unauthenticated_extra.is_none());
    // Twins: another entry; the witness not trusted; another index.
    let other = verify_tlog_proof(
        &proof,
        &hash_leaf(b"test entry dat"),
        &policy,
        &DefaultBackend,
        &strict,
    );
    assert!(matches!(other.unwrap_err(), TlogError::Inclusion(_)));
    let text = String::from_utf8(policy_text.clone()).unwrap();
    let no_witness = text.replace("quorum w1", "quorum none");
    let p2 = TlogPolicy::parse(no_witness.as_bytes()).unwrap();
    assert!(verify_tlog_proof(&proof, &hash_leaf(&entry), &p2, &DefaultBackend, &strict).is_ok());
    let proof_text = String::from_utf8(proof.clone()).unwrap();
    let moved = proof_text.replacen("index 3", "index 2", 1);
    assert!(verify_tlog_proof(
        moved.as_bytes(),
        &hash_leaf(&entry),
        &policy,
        &DefaultBackend,
        &strict
    )
    .is_err());
    // Every single-byte change of the proof is rejected (parse or verify).
    for i in 0..proof.len() {
        let mut m = proof.clone();
        m[i] ^= 0x01;
        let r = verify_tlog_proof(&m, &hash_leaf(&entry), &policy, &DefaultBackend, &strict);
        assert!(r.is_err(), "byte {i} flipped was accepted");
    }
    // Truncated anywhere: rejected.
    for n in 0..proof.len() {
        assert!(
            TlogProof::parse(&proof[..n]).is_err() || {
                verify_tlog_proof(
                    &proof[..n],
                    &hash_leaf(&entry),
                    &policy,
                    &DefaultBackend,
                    &strict,
                )
                .is_err()
            }
        );
    }
}

#[test]
fn oak_tesseroak_path_reaches_its_root() {
    let text = String::from_utf8(read("c2sp/oak-tesseroak-path.txt")).unwrap();
    let mut index = 0;
    let mut size = 0;
    let mut root = Hash([0; 32]);
    let mut path = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let b64 = |s: &str| {
            let mut out = [0u8; 32];
            let v = sigsum_core::Hash::from_slice(&decode(s)).unwrap();
            out.copy_from_slice(&v.0);
            Hash(out)
        };
        if let Some(v) = line.strip_prefix("index ") {
            index = v.parse().unwrap();
        } else if let Some(v) = line.strip_prefix("size ") {
            size = v.parse().unwrap();
        } else if let Some(v) = line.strip_prefix("root ") {
            root = b64(v);
        } else if !line.starts_with("entry ") {
            path.push(b64(line));
        }
    }
    let leaf = hash_leaf(b"hello tesseroak\n");
    assert_eq!(
        root_from_inclusion(&leaf, index, size, &path).unwrap(),
        root
    );
    assert_ne!(
        root_from_inclusion(&hash_leaf(b"hello tesseroak"), index, size, &path).unwrap(),
        root
    );
}

/// Standard base64 (test-side, to read the vector files).
fn decode(s: &str) -> Vec<u8> {
    let mut out = vec![0u8; s.len()];
    let n = decode_into(s.as_bytes(), &mut out);
    out.truncate(n);
    out
}

fn decode_into(s: &[u8], out: &mut [u8]) -> usize {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut n = 0;
    let mut acc = 0u32;
    let mut bits = 0;
    for &c in s {
        if c == b'=' {
            break;
        }
        acc = (acc << 6) | A.iter().position(|&a| a == c).unwrap() as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out[n] = (acc >> bits) as u8;
            n += 1;
        }
    }
    n
}

#[test]
fn serverless_test_log_checkpoint_under_tlog_policies() {
    let note = read("c2sp/serverless-test-52.checkpoint");
    let log = "log github.com/AlCutter/serverless-test/log+28035191+AVtQ/9lW+g90rQY3+pODJvMQ8X/tTvh/EuvCDLSmUk4S\n";
    let opts = TlogOptions::default();
    let t = format!("{log}quorum none\n");
    let p = TlogPolicy::parse(t.as_bytes()).unwrap();
    let c = verify_tlog_checkpoint(&note, &p, &DefaultBackend, &opts).unwrap();
    assert_eq!(c.tree_head.size, 52);
    assert_eq!(c.signature_checks, 1);
    // Its witnesses sign with type 0x01 note signatures; as tlog-policy
    // witnesses (type 0x04 vkeys, the same Ed25519 keys) their lines carry
    // other key ids, so they are not cosignatures: quorum not met.
    let wolsey = "AVcofP6JyFkxhQ+/FK7omBtGLVS22tGC6fH+zvK5WrIx";
    let k = decode(wolsey);
    let wkey: [u8; 32] = k[1..].try_into().unwrap();
    let t = format!(
        "{log}witness W {}\nquorum W\n",
        vkey("wolsey-bank-alfred", 0x04, &wkey)
    );
    let p = TlogPolicy::parse(t.as_bytes()).unwrap();
    assert_eq!(
        verify_tlog_checkpoint(&note, &p, &DefaultBackend, &opts).unwrap_err(),
        TlogError::QuorumNotMet {
            verified: 0,
            failed: 0,
            unsupported: 0
        }
    );
    // The log vkey as a witness line (type 0x01) is refused by the policy.
    assert!(TlogPolicy::parse(
        format!("{log}witness W wolsey-bank-alfred+0336ecb0+{wolsey}\nquorum W\n").as_bytes()
    )
    .is_err());
}

#[test]
fn rekor_v1_checkpoint_parses_but_no_policy_trusts_it() {
    let note = read("c2sp/rekor-v1-19690453.checkpoint");
    let cp = Checkpoint::parse_with_limit(&note, MAX_TLOG_SIGNATURE_LINES).unwrap();
    assert_eq!(cp.origin, "rekor.sigstore.dev - 2605736670972794746");
    assert_eq!(cp.extensions(), b"Timestamp: 1686822643859631300\n");
    // An Ed25519 key named like Rekor's key: the origin is not its name.
    let t = format!(
        "log {}\nquorum none\n",
        vkey("rekor.sigstore.dev", 0x01, &[9; 32])
    );
    let p = TlogPolicy::parse(t.as_bytes()).unwrap();
    assert_eq!(
        verify_tlog_checkpoint(&note, &p, &DefaultBackend, &TlogOptions::default()).unwrap_err(),
        TlogError::UnknownOrigin
    );
}

#[test]
fn go_sumdb_key_name_is_not_its_origin() {
    let note = read("checkpoint/gosumdb-30055305.checkpoint");
    let p = TlogPolicy::parse(
        b"log sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8\nquorum none\n",
    )
    .unwrap();
    assert_eq!(
        verify_tlog_checkpoint(&note, &p, &DefaultBackend, &TlogOptions::default()).unwrap_err(),
        TlogError::UnknownOrigin
    );
}

#[test]
fn sigsum_checkpoints_under_tlog_policies() {
    let jelly = key("154f49976b59ff09a123675f58cb3e346e0455753c3c3b15d465dcb4f6512b0b");
    let origin = sigsum_origin(&jelly);
    let t = format!("log {}\nquorum none\n", vkey(&origin, 0x01, &jelly));
    let p = TlogPolicy::parse(t.as_bytes()).unwrap();
    for f in [
        "checkpoint/jellyfish-30586.checkpoint",
        "checkpoint/jellyfish-30588.checkpoint",
    ] {
        let note = read(f);
        let c =
            verify_tlog_checkpoint(&note, &p, &DefaultBackend, &TlogOptions::default()).unwrap();
        assert_eq!(c.origin, origin);
    }
    // P-a: a Sigsum log and witness (sigsum-go's test data), the witness as
    // a cosignature/v1 vkey.
    let log = key("ac26c0a855ac451a6539478e1a160388f024b385f1363efcda470170076c01e5");
    let w = key("cbe357e6b464049e703b7be6c89201193acc2a18c095b0691aaf50b9b1e1578a");
    let wname = format!(
        "sigsum.org/v1/witness/{}",
        testkit::note::hex(&sha256(&w).0)
    );
    let text = format!(
        "log {}\nwitness W {}\nquorum W\n",
        vkey(&sigsum_origin(&log), 0x01, &log),
        vkey(&wname, 0x04, &w)
    );
    let p = TlogPolicy::parse(text.as_bytes()).unwrap();
    let note = read("checkpoint/p-a-cosigned.checkpoint");
    let c = verify_tlog_checkpoint(&note, &p, &DefaultBackend, &TlogOptions::default()).unwrap();
    assert_eq!(c.quorum_time, QuorumTime::At(1683202758));
    // The same witness under another name: its line is not matched.
    let renamed = text.replace(&wname, "other.example");
    let renamed = renamed.replace(
        &vkey(&wname, 0x04, &w)[wname.len()..],
        &vkey("other.example", 0x04, &w)["other.example".len()..],
    );
    let p = TlogPolicy::parse(renamed.as_bytes()).unwrap();
    assert!(matches!(
        verify_tlog_checkpoint(&note, &p, &DefaultBackend, &TlogOptions::default()).unwrap_err(),
        TlogError::QuorumNotMet { verified: 0, .. }
    ));
}

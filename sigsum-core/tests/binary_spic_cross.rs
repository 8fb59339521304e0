//! Cross-check against spic's own C verifier, when one is available:
//! `SPIC_VERIFIER=/path/to/prog cargo test -p sigsum-core --test
//! binary_spic_cross -- --ignored`, where `prog POLICY PROOF HASH-HEX
//! KEY-HEX...` prints the `spic_verify` result code (spic.c built with a
//! SHA-256 and Ed25519 provider; spic's code is not part of this
//! repository). On the generated corpus converted to spic, and on every
//! one-byte flip of a sample of those proofs and policies, both verifiers
//! must give the same verdict, except where we reject a proof or policy as
//! malformed for one of the encoding accidents listed in
//! docs/binary-formats.md; the failing step must match spic's code when
//! both reject for one reason.
#![cfg(feature = "parsers")]

use std::collections::BTreeMap;
use std::process::Command;

use sigsum_core::{
    spic_policy_from_text, verify_spic_bytes, write_spic_policy, write_spic_proof, BinaryErrorKind,
    BinaryVerifyError, DefaultBackend, Hash, LargeTextPolicy, Proof, PublicKey,
    MAX_SPIC_POLICY_LEN, MAX_SPIC_PROOF_LEN,
};
use testkit::proof::{generate, Options};

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn spic_c(prog: &str, policy: &[u8], proof: &[u8], message: &Hash, keys: &[PublicKey]) -> i32 {
    let dir = std::env::temp_dir().join(format!("spic-cross-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (pp, fp) = (dir.join("policy"), dir.join("proof"));
    std::fs::write(&pp, policy).unwrap();
    std::fs::write(&fp, proof).unwrap();
    let mut cmd = Command::new(prog);
    cmd.arg(&pp).arg(&fp).arg(hex(&message.0));
    for k in keys {
        cmd.arg(hex(&k.0));
    }
    let out = cmd.output().unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

/// spic's code for our outcome, when both name one step.
fn code(r: &Result<sigsum_core::BinaryVerified, BinaryVerifyError>) -> i32 {
    match r {
        Ok(_) => 0,
        Err(BinaryVerifyError::Proof(_) | BinaryVerifyError::Policy(_)) => -1,
        Err(BinaryVerifyError::LeafKeyIndex { .. }) => -2,
        Err(BinaryVerifyError::BadLeafSignature) => -3,
        Err(BinaryVerifyError::Inclusion(_)) => -4,
        Err(BinaryVerifyError::LogKeyIndex { .. }) => -5,
        Err(BinaryVerifyError::BadLogSignature) => -6,
        Err(BinaryVerifyError::WitnessIndex { .. }) => -7,
        Err(BinaryVerifyError::BadCosignature { .. }) => -8,
        Err(BinaryVerifyError::QuorumNotMet { .. }) => -10,
        Err(e) => panic!("{e:?}"),
    }
}

/// The parse errors we raise where spic may accept (encoding accidents).
fn accident(r: &Result<sigsum_core::BinaryVerified, BinaryVerifyError>) -> Option<String> {
    let kind = match r {
        Err(BinaryVerifyError::Proof(e) | BinaryVerifyError::Policy(e)) => e.kind,
        _ => return None,
    };
    let name = format!("{kind:?}");
    let name = name.split([' ', '(']).next().unwrap().to_string();
    matches!(
        kind,
        BinaryErrorKind::TrailingBytes
            | BinaryErrorKind::NonMinimalLeb128 { .. }
            | BinaryErrorKind::Leb128Overflow { .. }
            | BinaryErrorKind::DuplicateWitness { .. }
            | BinaryErrorKind::TimestampTooLarge
            | BinaryErrorKind::TreeSizeTooLarge
            | BinaryErrorKind::ValueTooLarge { .. }
            | BinaryErrorKind::ThresholdTooLarge { .. }
            | BinaryErrorKind::ZeroThreshold
            | BinaryErrorKind::NonCanonicalElement
            | BinaryErrorKind::WitnessCount { .. }
            | BinaryErrorKind::DuplicateLogKey { .. }
            | BinaryErrorKind::DuplicateWitnessKey { .. }
            | BinaryErrorKind::TooManyWitnesses { .. }
            | BinaryErrorKind::TooManyCosignatures { .. }
            | BinaryErrorKind::PathTooLong { .. }
            | BinaryErrorKind::NoLogs
    )
    .then_some(name)
}

#[test]
#[ignore]
fn spic_c_verifier_agrees() {
    let Ok(prog) = std::env::var("SPIC_VERIFIER") else {
        panic!("set SPIC_VERIFIER");
    };
    let mut tally: BTreeMap<String, usize> = BTreeMap::new();
    let mut count = |k: String| *tally.entry(k).or_default() += 1;
    for seed in 0..300u64 {
        let s = generate(seed, &Options::default());
        let text = s.policy.text.as_bytes();
        let policy = LargeTextPolicy::parse(text).unwrap();
        let proof = Proof::parse(s.proof_text.as_bytes()).unwrap();
        let keys: Vec<PublicKey> = s.signer_keys.iter().map(|k| PublicKey(*k)).collect();
        let message = Hash(s.message);
        let mut pbuf = vec![0u8; MAX_SPIC_POLICY_LEN];
        let n =
            write_spic_policy(&spic_policy_from_text(&policy, text).unwrap(), &mut pbuf).unwrap();
        let pol = pbuf[..n].to_vec();
        let loaded = sigsum_core::SpicPolicy::from_bytes(&pol).unwrap();
        let mut fbuf = vec![0u8; MAX_SPIC_PROOF_LEN];
        let Ok(m) = write_spic_proof(&proof, &loaded, &keys, &DefaultBackend, &mut fbuf) else {
            continue;
        };
        let prf = fbuf[..m].to_vec();
        let mut check = |pol: &[u8], prf: &[u8], what: &str| {
            let ours = verify_spic_bytes(&message, &keys, pol, prf, &DefaultBackend);
            let theirs = spic_c(&prog, pol, prf, &message, &keys);
            let mine = code(&ours);
            if (mine == 0) == (theirs == 0) {
                count(if mine == theirs {
                    format!("same verdict, same step {theirs}")
                } else {
                    format!("same verdict, steps {mine} vs spic {theirs}")
                });
            } else if let (true, Some(name)) = (theirs == 0, accident(&ours)) {
                count(format!("spic accepts, we reject: {name}"));
            } else {
                panic!("seed {seed} {what}: ours {ours:?}, spic {theirs}");
            }
        };
        check(&pol, &prf, "as converted");
        if seed % 10 == 0 {
            for i in 0..prf.len() {
                let mut p = prf.clone();
                p[i] ^= 1 << (i % 8);
                check(&pol, &p, &format!("proof byte {i}"));
            }
            for i in 0..pol.len() {
                let mut p = pol.clone();
                p[i] ^= 1 << (i % 8);
                check(&p, &prf, &format!("policy byte {i}"));
            }
            let mut longer = prf.clone();
            longer.push(0);
            check(&pol, &longer, "proof extended");
        }
    }
    for (k, v) in &tally {
        eprintln!("{v:6}  {k}");
    }
}

/// Dump the converted corpus for a comparison with spic's Python compiler:
/// `SPIC_CASES_DIR=/tmp/cases cargo test -p sigsum-core --test
/// binary_spic_cross -- --ignored dump_cases`. Each case directory holds
/// the policy text, the ASCII proof, the submitter keys (hex, one per
/// line), our spic policy and proof, and `all-valid` when every
/// cosignature of a known witness is valid (spic's compiler does not
/// verify cosignatures, ours drops invalid ones; only then must the bytes
/// agree).
#[test]
#[ignore]
fn dump_cases() {
    let Ok(dir) = std::env::var("SPIC_CASES_DIR") else {
        panic!("set SPIC_CASES_DIR");
    };
    for seed in 0..600u64 {
        let s = generate(seed, &Options::default());
        let text = s.policy.text.as_bytes();
        let policy = LargeTextPolicy::parse(text).unwrap();
        let proof = Proof::parse(s.proof_text.as_bytes()).unwrap();
        let keys: Vec<PublicKey> = s.signer_keys.iter().map(|k| PublicKey(*k)).collect();
        let mut pbuf = vec![0u8; MAX_SPIC_POLICY_LEN];
        let n =
            write_spic_policy(&spic_policy_from_text(&policy, text).unwrap(), &mut pbuf).unwrap();
        let loaded = sigsum_core::SpicPolicy::from_bytes(&pbuf[..n]).unwrap();
        let mut fbuf = vec![0u8; MAX_SPIC_PROOF_LEN];
        let case = std::path::Path::new(&dir).join(format!("{seed:04}"));
        std::fs::create_dir_all(&case).unwrap();
        std::fs::write(case.join("policy.txt"), text).unwrap();
        std::fs::write(case.join("proof.txt"), s.proof_text.as_bytes()).unwrap();
        let key_lines: String = keys.iter().map(|k| format!("{}\n", hex(&k.0))).collect();
        std::fs::write(case.join("keys.txt"), key_lines).unwrap();
        std::fs::write(case.join("ours.policy.bin"), &pbuf[..n]).unwrap();
        if let Ok(m) = write_spic_proof(&proof, &loaded, &keys, &DefaultBackend, &mut fbuf) {
            std::fs::write(case.join("ours.proof.bin"), &fbuf[..m]).unwrap();
        }
        if !s.has_invalid_known_cosig() {
            std::fs::write(case.join("all-valid"), b"").unwrap();
        }
    }
}

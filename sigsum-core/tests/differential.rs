//! Differential test against the crates.io `sigsum` crate 0.3 (mullvad,
//! sigsum-rs) on generated proofs and on the real vectors.
//!
//! We must agree (accept/reject) except for these known differences, each
//! checked in its expected direction (see also docs/proof.md):
//!
//! 1. **size-1 proofs**: sigsum-rs splits the text on blank lines and
//!    needs three parts, so it rejects every valid size-1 proof; we accept
//!    them, as sigsum-go does.
//! 2. **version 1 proofs**: sigsum-rs only reads version 2; we (and
//!    sigsum-go) read both.
//! 3. **an invalid cosignature from a known witness**: sigsum-rs rejects
//!    the whole proof; we ignore it (it just does not count), as sigsum-go
//!    does.
//! 4. **`k = 0` thresholds**: sigsum-rs accepts `group g 0 ...` (always
//!    satisfied); sigsum-go and we reject such a policy (`1 <= k <= n`).
//!
//! The mutation part also meets the text-level differences of sigsum-rs's
//! lenient parser (mullvad/sigsum-rs `src/io/ascii/parser.rs`): it uses `str::lines()` (CRLF
//! and a missing final newline accepted, `\r` stripped), Rust's `u64`
//! parser (`+5`, `007`, values up to 2^64 - 1) and does not reject
//! duplicate cosignature key hashes. Any disagreement there must be one of
//! those: an input we reject that contains such a construct.
#![cfg(feature = "parsers")]
use sigsum_core::{verify_bytes, DefaultBackend, Hash, Policy, PolicyErrorKind, PublicKey};
use testkit::proof::{generate, Options, Rng, Scenario};

mod proof_common;

fn theirs(
    message: &[u8; 32],
    signers: &[[u8; 32]],
    policy: &str,
    proof: &str,
) -> Result<(), String> {
    let policy = sigsum::Policy::parse(policy).map_err(|e| format!("policy: {e}"))?;
    let sig = sigsum::SigsumSignature::from_ascii(proof).map_err(|e| format!("proof: {e}"))?;
    let signers: Vec<sigsum::PublicKey> = signers.iter().map(|k| (*k).into()).collect();
    sigsum::verify(&(*message).into(), &sig, &signers, &policy).map_err(|e| e.to_string())
}

fn ours(
    message: &[u8; 32],
    signers: &[[u8; 32]],
    policy: &[u8],
    proof: &[u8],
) -> Result<(), String> {
    let policy = Policy::from_text(policy).map_err(|e| format!("policy: {e}"))?;
    let signers: Vec<PublicKey> = signers.iter().map(|k| PublicKey(*k)).collect();
    verify_bytes(&Hash(*message), &signers, &policy, proof, &DefaultBackend)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

#[derive(Debug, Default)]
struct Tally {
    agree: usize,
    size1: usize,
    v1: usize,
    invalid_known: usize,
    zero_k: usize,
}

fn compare(s: &Scenario, t: &mut Tally, zero_k: bool) {
    let o = ours(
        &s.message,
        &s.signer_keys,
        s.policy.text.as_bytes(),
        s.proof_text.as_bytes(),
    );
    let r = theirs(&s.message, &s.signer_keys, &s.policy.text, &s.proof_text);
    if o.is_ok() == r.is_ok() {
        t.agree += 1;
        return;
    }
    // A known difference, in its expected direction.
    if zero_k {
        let err = Policy::from_text(s.policy.text.as_bytes()).unwrap_err();
        assert_eq!(err.kind, PolicyErrorKind::ThresholdOutOfRange);
        assert!(r.is_ok());
        t.zero_k += 1;
    } else if s.size == 1 {
        assert!(
            o.is_ok() && r.as_ref().unwrap_err().contains("expected 3 parts"),
            "{r:?}"
        );
        t.size1 += 1;
    } else if s.version == 1 {
        assert!(
            o.is_ok() && r.as_ref().unwrap_err().contains("version 1 not supported"),
            "{r:?}"
        );
        t.v1 += 1;
    } else if s.has_invalid_known_cosig() {
        assert!(
            o.is_ok() && r.as_ref().unwrap_err().contains("bad witness cosignature"),
            "{r:?}"
        );
        t.invalid_known += 1;
    } else {
        panic!(
            "unexpected disagreement: ours {o:?}, theirs {r:?}\n{}\n{}",
            s.policy.text, s.proof_text
        );
    }
}

#[test]
fn generated_proofs_agree_except_known_differences() {
    let mut t = Tally::default();
    let opt = Options::default();
    for seed in 0..800 {
        compare(&generate(50_000 + seed, &opt), &mut t, false);
    }
    let zero = Options {
        zero_k: true,
        fault_percent: 0,
        ..Options::default()
    };
    for seed in 0..60 {
        let s = generate(90_000 + seed, &zero);
        if !s.policy.witnesses.is_empty() {
            compare(&s, &mut t, true);
        }
    }
    eprintln!("{t:?}");
    assert!(t.agree > 500, "{t:?}");
    // Every known difference was actually exercised.
    assert!(
        t.size1 > 10 && t.v1 > 10 && t.invalid_known > 10 && t.zero_k > 10,
        "{t:?}"
    );
}

#[test]
fn real_vectors_agree_except_version_1() {
    for case in proof_common::accepted_cases() {
        let signers: Vec<[u8; 32]> = case.signers.iter().map(|k| k.0).collect();
        let policy_text = if case.policy_text.is_empty() {
            String::from_utf8(proof_common::vector(&format!(
                "real/{}.policy",
                case.builtin
            )))
            .unwrap()
        } else {
            String::from_utf8(case.policy_text.clone()).unwrap()
        };
        let proof = String::from_utf8(case.proof.clone()).unwrap();
        let o = ours(
            &case.message.0,
            &signers,
            policy_text.as_bytes(),
            proof.as_bytes(),
        );
        let r = theirs(&case.message.0, &signers, &policy_text, &proof);
        assert!(o.is_ok(), "{}", case.name);
        if proof.starts_with("version=1") {
            assert!(r.unwrap_err().contains("version 1"), "{}", case.name);
        } else {
            assert!(r.is_ok(), "{}: {r:?}", case.name);
        }
    }
}

/// Text-level constructs sigsum-rs accepts and we (and sigsum-go) reject.
fn lenient_construct(text: &str) -> bool {
    if text.contains('\r') || !text.ends_with('\n') {
        return true;
    }
    for line in text.lines() {
        let Some((k, v)) = line.split_once('=') else {
            continue;
        };
        let fields: Vec<&str> = v.split(' ').collect();
        let decimals: Vec<&str> = match k {
            "version" | "size" | "leaf_index" => fields.clone(),
            "cosignature" if fields.len() == 3 => vec![fields[1]],
            _ => vec![],
        };
        for d in decimals {
            let canonical = d
                .parse::<u64>()
                .map(|n| n.to_string() == d && n <= i64::MAX as u64);
            if d.parse::<u64>().is_ok() && canonical != Ok(true) {
                return true;
            }
        }
    }
    // Duplicate cosignature key hashes (case-insensitive).
    let mut seen = std::collections::HashSet::new();
    for line in text.lines() {
        if let Some(v) = line.strip_prefix("cosignature=") {
            if !seen.insert(v.split(' ').next().unwrap_or("").to_lowercase()) {
                return true;
            }
        }
    }
    false
}

#[test]
fn mutated_proofs_agree_except_known_leniencies() {
    let opt = Options {
        fault_percent: 0,
        invalid_cosig_percent: 0,
        v1_percent: 0,
        ..Options::default()
    };
    let mut rng = Rng(99);
    let alphabet = b"0123456789abcdefABCDEF =\n\rxg+";
    let (mut total, mut lenient, mut invalid_known) = (0, 0, 0);
    for seed in 0..300 {
        let s = generate(70_000 + seed, &opt);
        if s.size == 1 {
            continue;
        }
        for _ in 0..5 {
            let mut t = s.proof_text.clone().into_bytes();
            let i = rng.below(t.len() as u64) as usize;
            match rng.below(4) {
                0 => t[i] = alphabet[rng.below(alphabet.len() as u64) as usize],
                1 => {
                    t.remove(i);
                }
                2 => t.insert(i, alphabet[rng.below(alphabet.len() as u64) as usize]),
                _ => {
                    // Duplicate a line.
                    let text = String::from_utf8(t.clone()).unwrap();
                    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
                    let j = rng.below(lines.len() as u64) as usize;
                    lines.insert(j, lines[j]);
                    t = lines.concat().into_bytes();
                }
            }
            let text = String::from_utf8(t).unwrap();
            total += 1;
            let o = ours(
                &s.message,
                &s.signer_keys,
                s.policy.text.as_bytes(),
                text.as_bytes(),
            );
            let r = theirs(&s.message, &s.signer_keys, &s.policy.text, &text);
            if o.is_ok() != r.is_ok() {
                if o.is_ok() {
                    // Known difference 3: a damaged cosignature line of a
                    // known witness is ignored by us, fatal for sigsum-rs.
                    let e = r.unwrap_err();
                    assert!(e.contains("bad witness cosignature"), "{e}\n{text}");
                    invalid_known += 1;
                } else {
                    assert!(
                        lenient_construct(&text),
                        "unexpected disagreement: ours {o:?}, theirs {r:?}\n{text}"
                    );
                    lenient += 1;
                }
            }
        }
    }
    eprintln!(
        "{total} mutated proofs, {lenient} accepted only by sigsum-rs's lenient parser, \
         {invalid_known} with a damaged known cosignature accepted only by us"
    );
    assert!(total > 1000);
}

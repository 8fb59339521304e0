//! Prepared policies and batch verification decide exactly as `verify`:
//! the same verdict and error on every proof of the generated corpus, on a
//! batch of proofs sharing tree heads, on tree heads that differ only in
//! their cosignature lines (with a cache small enough to evict), and on
//! the 1092 Ed25519 vectors through the prepared-key path (see
//! `ed25519_vectors.rs`).
#![cfg(feature = "parsers")]
use proptest::prelude::*;
use sigsum_core::{
    verify, BatchVerifier, DalekBackend, DefaultBackend, Ed25519Backend, Hash, Policy,
    PrepareError, PreparedPolicy, Proof, PublicKey, TextPolicy, TrustPolicy, Verified, VerifyError,
    MAX_COMPILED_LEN,
};
use testkit::batch::batch;
use testkit::proof::{generate, Options};

/// The results, with the count of signature checks set aside (a cached
/// tree head needs fewer).
fn verdict(r: &Result<Verified, VerifyError>) -> Result<Verified, VerifyError> {
    r.map(|v| Verified {
        signature_checks: 0,
        ..v
    })
}

#[test]
fn generated_corpus_same_results() {
    let opt = Options::default();
    for seed in 0..600u64 {
        let s = generate(seed, &opt);
        let policy = Policy::from_text(s.policy.text.as_bytes()).unwrap();
        let proof = Proof::parse(s.proof_text.as_bytes()).unwrap();
        let message = Hash(s.message);
        let signers: Vec<PublicKey> = s.signer_keys.iter().map(|k| PublicKey(*k)).collect();
        let plain = verify(&message, &signers, &policy, &proof, &DefaultBackend);
        let prepared = PreparedPolicy::<_, _, 32>::new(&policy, &signers, DefaultBackend).unwrap();
        // Identical, signature checks included.
        assert_eq!(prepared.verify(&message, &proof), plain, "seed {seed}");
        // The compiled form lists its keys in its own order (by key hash):
        // the same results through a prepared compiled policy.
        let text = TextPolicy::parse(s.policy.text.as_bytes()).unwrap();
        let mut buf = [0u8; MAX_COMPILED_LEN];
        if let Ok(compiled) = text.compile(&mut buf) {
            let plain = verify(&message, &signers, &compiled, &proof, &DefaultBackend);
            let prepared =
                PreparedPolicy::<_, _, 32>::new(&compiled, &signers, DefaultBackend).unwrap();
            assert_eq!(
                prepared.verify(&message, &proof),
                plain,
                "seed {seed} compiled"
            );
        }
        let mut b = BatchVerifier::<_, _, 32, 4>::new(&prepared);
        let first = b.verify(&message, &proof);
        let again = b.verify(&message, &proof);
        assert_eq!(first, plain, "seed {seed}");
        assert_eq!(verdict(&again), verdict(&plain), "seed {seed}");
        if let (Ok(a), Ok(p)) = (&again, &plain) {
            // The second time only the leaf signature is checked.
            assert_eq!(a.signature_checks, 1, "seed {seed}");
            assert!(p.signature_checks >= 2);
        }
    }
}

#[test]
fn a_batch_checks_each_tree_head_once() {
    let b = batch(7, 5, 20);
    let policy = Policy::from_text(b.policy.as_bytes()).unwrap();
    let signers = [PublicKey(b.signer)];
    let prepared = PreparedPolicy::<_, _, 16>::new(&policy, &signers, DefaultBackend).unwrap();
    assert_eq!(prepared.len(), 1 + 8 + 1);
    assert_eq!(prepared.rejected_keys().count(), 0);
    let mut batch_verifier = BatchVerifier::<_, _, 16>::new(&prepared);
    let mut checks = 0;
    for (message, text) in &b.proofs {
        let proof = Proof::parse(text.as_bytes()).unwrap();
        let message = Hash(*message);
        let plain = verify(&message, &signers, &policy, &proof, &DefaultBackend);
        assert!(plain.is_ok(), "{plain:?}");
        let r = batch_verifier.verify(&message, &proof);
        assert_eq!(verdict(&r), verdict(&plain));
        checks += r.unwrap().signature_checks;
    }
    assert_eq!(batch_verifier.hits(), 100 - 5);
    // 100 leaf signatures, and per tree head the log and 4 cosignatures.
    assert_eq!(checks, 100 + 5 * 5);
}

/// The real proof with its tree head changed only in the cosignature
/// lines: dropped, reordered or corrupted lines give other results, and
/// the cache must never mix them up.
fn variants() -> Vec<String> {
    let text = std::fs::read_to_string(format!(
        "{}/../tests/vectors/real/serviceberry-v2.proof",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let cosig: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].starts_with("cosignature="))
        .collect();
    let join = |ls: Vec<String>| ls.join("\n") + "\n";
    let mut out = vec![text.clone()];
    // Drop 1, 3, 5 of the 8 lines (5 dropped: the quorum fails).
    for drop in [1usize, 3, 5] {
        let ls = lines
            .iter()
            .enumerate()
            .filter(|(i, _)| !cosig[..drop].contains(i))
            .map(|(_, l)| l.to_string())
            .collect();
        out.push(join(ls));
    }
    // Reverse the cosignature lines (same verdict, other order).
    let mut ls: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let rev: Vec<String> = cosig.iter().rev().map(|&i| lines[i].to_string()).collect();
    for (k, &i) in cosig.iter().enumerate() {
        ls[i] = rev[k].clone();
    }
    out.push(join(ls));
    // Corrupt 1 and then 5 signatures (the last hex digit).
    for bad in [1usize, 5] {
        let mut ls: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        for &i in &cosig[..bad] {
            let mut l = ls[i].clone();
            let last = l.pop().unwrap();
            l.push(if last == '0' { '1' } else { '0' });
            ls[i] = l;
        }
        out.push(join(ls));
    }
    out
}

fn real_inputs() -> (Policy<'static>, Hash, Vec<PublicKey>) {
    let dir = format!("{}/../tests/vectors/real", env!("CARGO_MANIFEST_DIR"));
    let message = std::fs::read(format!("{dir}/serviceberry.message")).unwrap();
    let key = std::fs::read_to_string(format!("{dir}/serviceberry-signer.pub")).unwrap();
    let signer = sigsum_core::parse_ssh_key(key.as_bytes()).unwrap().key;
    (
        Policy::builtin("sigsum-test-2025-3").unwrap(),
        sigsum_core::sha256(&message),
        vec![signer],
    )
}

#[test]
fn variants_differ_as_expected() {
    let (policy, message, signers) = real_inputs();
    let results: Vec<_> = variants()
        .iter()
        .map(|t| {
            let p = Proof::parse(t.as_bytes()).unwrap();
            verify(&message, &signers, &policy, &p, &DefaultBackend).map(|v| v.cosignatures_failed)
        })
        .collect();
    assert!(results[0].is_ok() && results[4].is_ok());
    assert!(matches!(results[3], Err(VerifyError::QuorumNotMet { .. })));
    assert!(matches!(results[6], Err(VerifyError::QuorumNotMet { .. })));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any sequence of the variants through a 2-entry cache (evictions,
    /// repeats, errors cached) gives, proof by proof, the result of
    /// `verify`.
    #[test]
    fn batch_equals_verify_in_any_order(order in proptest::collection::vec(0usize..7, 1..24)) {
        let (policy, message, signers) = real_inputs();
        let texts = variants();
        let prepared = PreparedPolicy::<_, _, 16>::new(&policy, &signers, DalekBackend).unwrap();
        let mut b = BatchVerifier::<_, _, 16, 2>::new(&prepared);
        for i in order {
            let p = Proof::parse(texts[i].as_bytes()).unwrap();
            let plain = verify(&message, &signers, &policy, &p, &DefaultBackend);
            let got = b.verify(&message, &p);
            prop_assert_eq!(verdict(&got), verdict(&plain), "variant {}", i);
        }
    }
}

/// A tree head whose cosignature lines do not fit a cache entry is
/// verified every time, with the same result.
#[test]
fn long_cosignature_text_is_not_cached() {
    let (policy, message, signers) = real_inputs();
    let text = &variants()[0];
    let extra: String = (0..12u8)
        .map(|i| {
            format!(
                "cosignature={} 1700000000 {}\n",
                hex(&[i + 1; 32]),
                hex(&[0; 64])
            )
        })
        .collect();
    let at = text.find("cosignature=").unwrap();
    let long = format!("{}{extra}{}", &text[..at], &text[at..]);
    let proof = Proof::parse(long.as_bytes()).unwrap();
    let cosig_bytes: usize = long
        .lines()
        .filter(|l| l.starts_with("cosignature="))
        .map(|l| l.len() + 1)
        .sum();
    assert!(
        cosig_bytes > sigsum_core::MAX_CACHED_COSIGNATURE_TEXT,
        "{cosig_bytes}"
    );
    let plain = verify(&message, &signers, &policy, &proof, &DefaultBackend);
    assert!(plain.is_ok());
    let prepared = PreparedPolicy::<_, _, 16>::new(&policy, &signers, DefaultBackend).unwrap();
    let mut b = BatchVerifier::<_, _, 16>::new(&prepared);
    assert_eq!(b.verify(&message, &proof), plain);
    assert_eq!(b.verify(&message, &proof), plain);
    assert_eq!(b.hits(), 0);
    // The real proof (1,808 bytes of cosignature lines) is cached.
    let short = Proof::parse(text.as_bytes()).unwrap();
    b.verify(&message, &short).unwrap();
    assert_eq!(b.verify(&message, &short).unwrap().signature_checks, 1);
    assert_eq!(b.hits(), 1);
}

#[test]
fn capacity_and_rejected_keys() {
    let (policy, _, signers) = real_inputs();
    let valid = signers[0];
    // 2 logs + 8 witnesses + 1 signer.
    assert_eq!(
        PreparedPolicy::<_, _, 10>::new(&policy, &signers, DefaultBackend).err(),
        Some(PrepareError::TooManyKeys { capacity: 10 })
    );
    let p = PreparedPolicy::<_, _, 11>::new(&policy, &signers, DefaultBackend).unwrap();
    assert_eq!(p.len(), 11);
    // A key that is not a curve point is kept and reported; signatures
    // under it fail as without preparing.
    let mut bad = [0u8; 32];
    bad[0] = 2; // y = 2 has no x on edwards25519
    assert!(!DefaultBackend.verify(&PublicKey(bad), b"m", &sigsum_core::Signature([0; 64])));
    let text = format!("log {}\nwitness w {}\nquorum w\n", hex(&valid.0), hex(&bad));
    let policy = Policy::from_text(text.as_bytes()).unwrap();
    let p = PreparedPolicy::<_, _, 4>::new(&policy, &[], DefaultBackend).unwrap();
    let rejected: Vec<_> = p.rejected_keys().collect();
    assert_eq!(rejected, vec![(Some(0), PublicKey(bad))]);
    // Lookups answer as the policy does.
    let kh = PublicKey(bad).key_hash();
    assert_eq!(p.witness(&kh), policy.witness(&kh));
    assert_eq!(p.log_key(&kh), None);
    assert_eq!(p.log_key(&valid.key_hash()), Some(valid));
    assert_eq!(p.witness(&valid.key_hash()), None);
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// The documented storage: 272 bytes per key slot with DalekBackend, and
/// a batch cache entry of about 4.3 KiB.
#[test]
fn storage_sizes() {
    use sigsum_core::TextPolicy;
    let prepared =
        std::mem::size_of::<PreparedPolicy<'static, TextPolicy<'static>, DalekBackend, 64>>();
    assert_eq!(prepared / 64, 272);
    assert!(prepared <= 64 * 272 + 64, "{prepared}");
    let cache = std::mem::size_of::<
        BatchVerifier<'static, 'static, TextPolicy<'static>, DalekBackend, 64, 8>,
    >();
    assert!((8 * 4096..8 * 4400).contains(&cache), "{cache}");
}

/// The quorum questions go to the policy unchanged, an empty preparation
/// is empty, and the capacity error says what it is.
#[test]
fn delegation_emptiness_and_messages() {
    use sigsum_core::{QuorumState, WitnessSet};
    let (policy, _, signers) = real_inputs();
    let p = PreparedPolicy::<_, _, 16>::new(&policy, &signers, DefaultBackend).unwrap();
    assert!(!p.is_empty());
    let sets: Vec<WitnessSet> = [0u64, 0b1, 0b111, 0b1111_1000, 0b1111_1111]
        .iter()
        .map(|bits| {
            let mut s = WitnessSet::EMPTY;
            for i in 0..8u8 {
                if bits & (1 << i) != 0 {
                    s.insert(i);
                }
            }
            s
        })
        .collect();
    let mut states = std::collections::BTreeSet::new();
    for v in &sets {
        assert_eq!(p.is_satisfied(v), policy.is_satisfied(v));
        for a in &sets {
            let d = p.decide(v, a);
            assert_eq!(d, policy.decide(v, a));
            states.insert(format!("{d:?}"));
            assert_eq!(p.missing(v, a), policy.missing(v, a));
        }
    }
    // The sets reach every answer.
    assert_eq!(states.len(), 3, "{states:?}");
    assert!(matches!(
        policy.decide(&sets[4], &WitnessSet::EMPTY),
        QuorumState::Met
    ));
    let empty = sigsum_core::TextPolicy::EMPTY;
    let none = PreparedPolicy::<_, _, 4>::new(&empty, &[], DefaultBackend).unwrap();
    assert!(none.is_empty());
    assert_eq!(none.len(), 0);
    assert_eq!(
        PrepareError::TooManyKeys { capacity: 10 }.to_string(),
        "the policy and signer keys do not fit in 10 prepared keys"
    );
}

/// The cache holds the last C tree heads and replaces the oldest: with 2
/// entries, A B C evicts A (a miss again), B and C stay (hits).
#[test]
fn the_cache_replaces_the_oldest_tree_head() {
    let (policy, message, signers) = real_inputs();
    let texts = variants();
    // Three distinct tree heads that verify: the proof, its cosignature
    // lines reversed, and one cosignature line dropped.
    let [a, b, c] = [&texts[0], &texts[4], &texts[1]].map(|t| Proof::parse(t.as_bytes()).unwrap());
    let prepared = PreparedPolicy::<_, _, 16>::new(&policy, &signers, DefaultBackend).unwrap();
    let mut v = BatchVerifier::<_, _, 16, 2>::new(&prepared);
    for p in [&a, &b, &c] {
        v.verify(&message, p).unwrap();
    }
    assert_eq!(v.hits(), 0);
    v.verify(&message, &b).unwrap();
    v.verify(&message, &c).unwrap();
    assert_eq!(v.hits(), 2);
    let again = v.verify(&message, &a).unwrap();
    assert_eq!(v.hits(), 2);
    assert!(again.signature_checks > 1);
    // A replaced B (the oldest); C is still there.
    v.verify(&message, &c).unwrap();
    assert_eq!(v.hits(), 3);
    v.verify(&message, &b).unwrap();
    assert_eq!(v.hits(), 3);
}

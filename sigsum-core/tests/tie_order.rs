//! `TrustPolicy::missing` and the verifier's order among cosignatures of
//! equal timestamp:
//!
//! * `missing` is the exact minimum (brute force over subsets of the
//!   available witnesses) for text, compiled and `Policy`; the trait default
//!   is coarse but sound.
//! * On the generated corpus, ordering ties by usefulness gives the same
//!   verdict and quorum timestamp as the input order (a policy wrapper
//!   whose `missing` is constant reproduces the old order), never more
//!   signature checks, and fewer in total; text and compiled policies make
//!   the same choices.
//! * The real serviceberry proof (P-e) needs 4 cosignature checks.
#![cfg(feature = "parsers")]
mod proof_common;

use std::cell::Cell;
use std::collections::BTreeSet;

use proof_common::accepted_cases;
use proptest::prelude::*;
use sigsum_core::*;
use testkit::policy::RandomPolicy;
use testkit::proof::{generate, Options};

fn set_of(present: &BTreeSet<usize>, map: &[u8]) -> WitnessSet {
    let mut s = WitnessSet::EMPTY;
    present.iter().for_each(|i| s.insert(map[*i]));
    s
}

fn subset(bits: u64, n: usize) -> BTreeSet<usize> {
    (0..n).filter(|i| bits >> (i % 64) & 1 == 1).collect()
}

/// The fewest witnesses of `available` to add to `verified`, by brute force.
fn brute_missing(
    r: &RandomPolicy,
    verified: &BTreeSet<usize>,
    available: &BTreeSet<usize>,
) -> Option<usize> {
    let avail: Vec<usize> = available.difference(verified).copied().collect();
    (0u32..1 << avail.len())
        .filter(|mask| {
            let mut s = verified.clone();
            for (j, w) in avail.iter().enumerate() {
                if mask >> j & 1 == 1 {
                    s.insert(*w);
                }
            }
            r.eval(&s)
        })
        .map(|mask| mask.count_ones() as usize)
        .min()
}

/// Through the `&P` forwarding impl.
fn missing_via<P: TrustPolicy>(p: &P, v: &WitnessSet, a: &WitnessSet) -> Option<usize> {
    <&P as TrustPolicy>::missing(&p, v, a)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn missing_is_the_exact_minimum(seed: u64, fmt_seed: u64, v: u64, a: u64) {
        let r = RandomPolicy::generate(seed, 1, 10, 6, 4);
        let text = r.render(fmt_seed);
        let p = LargeTextPolicy::parse(&text).unwrap();
        let key_hash = |k: &[u8; 32]| PublicKey(*k).key_hash();
        let tmap: Vec<u8> = r.witness_keys.iter().map(|k| p.witness(&key_hash(k)).unwrap().0).collect();
        let n = r.witness_keys.len();
        let verified = subset(v, n);
        // Overlapping sets are allowed: verified members count as verified.
        let available = subset(a, n);
        let want = brute_missing(&r, &verified, &available);
        let got = p.missing(&set_of(&verified, &tmap), &set_of(&available, &tmap));
        prop_assert_eq!(got, want);
        // With everything available it is the explanation's number.
        let all: BTreeSet<usize> = (0..n).collect();
        let explained = p.explain(&set_of(&verified, &tmap)).missing;
        prop_assert_eq!(
            p.missing(&set_of(&verified, &tmap), &set_of(&all, &tmap)),
            (explained != GroupStatus::UNREACHABLE).then_some(usize::from(explained))
        );
        if r.quorum.is_some() {
            let mut buf = vec![0u8; MAX_COMPILED_LEN];
            let c = p.compile(&mut buf).unwrap();
            let cmap: Vec<u8> = r.witness_keys.iter().map(|k| c.witness(&key_hash(k)).unwrap().0).collect();
            let (cv, ca) = (set_of(&verified, &cmap), set_of(&available, &cmap));
            prop_assert_eq!(c.missing(&cv, &ca), want);
            prop_assert_eq!(Policy::Compiled(c).missing(&cv, &ca), want);
            prop_assert_eq!(missing_via(&c, &cv, &ca), want);
        }
    }
}

/// Only `is_satisfied`: the trait's default `missing`.
struct TwoOf([u8; 3]);

impl TrustPolicy for TwoOf {
    fn log_key(&self, _: &Hash) -> Option<PublicKey> {
        None
    }
    fn witness(&self, _: &Hash) -> Option<(u8, PublicKey)> {
        None
    }
    fn is_satisfied(&self, v: &WitnessSet) -> bool {
        self.0.iter().filter(|i| v.contains(**i)).count() >= 2
    }
}

fn set(items: &[u8]) -> WitnessSet {
    let mut s = WitnessSet::EMPTY;
    items.iter().for_each(|i| s.insert(*i));
    s
}

#[test]
fn default_missing_is_coarse_but_sound() {
    let p = TwoOf([1, 5, 9]);
    assert_eq!(p.missing(&set(&[1, 9]), &set(&[])), Some(0));
    assert_eq!(p.missing(&set(&[1]), &set(&[2, 3])), None);
    assert_eq!(p.missing(&set(&[]), &set(&[2])), None);
    assert_eq!(p.missing(&set(&[1]), &set(&[5])), Some(1));
    // Exact would be 2; the default only knows "at least one".
    assert_eq!(p.missing(&set(&[]), &set(&[1, 5, 9])), Some(1));
}

/// The same policy, but every undecided tie looks equally useful: the
/// verifier then checks ties in input order (its behaviour before
/// `missing` existed).
struct InputOrder<'a>(&'a Policy<'a>);

impl TrustPolicy for InputOrder<'_> {
    fn log_key(&self, h: &Hash) -> Option<PublicKey> {
        self.0.log_key(h)
    }
    fn witness(&self, h: &Hash) -> Option<(u8, PublicKey)> {
        self.0.witness(h)
    }
    fn is_satisfied(&self, v: &WitnessSet) -> bool {
        self.0.is_satisfied(v)
    }
    fn missing(&self, _: &WitnessSet, _: &WitnessSet) -> Option<usize> {
        Some(1)
    }
}

fn outcome(r: &Result<Verified, VerifyError>) -> (bool, Option<u64>, usize) {
    match r {
        Ok(v) => (true, v.quorum_timestamp, v.signature_checks),
        Err(VerifyError::QuorumNotMet {
            verified, failed, ..
        }) => (false, None, 2 + verified + failed),
        Err(_) => (false, None, 0),
    }
}

#[test]
fn tie_order_keeps_verdicts_and_saves_checks() {
    let opt = Options::default();
    let (mut before, mut after, mut fewer, mut compared) = (0, 0, 0, 0);
    for seed in 0..500 {
        let s = generate(seed, &opt);
        let policy = Policy::from_text(s.policy.text.as_bytes()).unwrap();
        let proof = Proof::parse(s.proof_text.as_bytes()).unwrap();
        let message = Hash(s.message);
        let signers: Vec<PublicKey> = s.signer_keys.iter().map(|k| PublicKey(*k)).collect();
        let new = verify(&message, &signers, &policy, &proof, &DefaultBackend);
        let old = verify(
            &message,
            &signers,
            &InputOrder(&policy),
            &proof,
            &DefaultBackend,
        );
        let (n, o) = (outcome(&new), outcome(&old));
        // Same verdict, same quorum timestamp, same error.
        assert_eq!((n.0, n.1), (o.0, o.1), "seed {seed}");
        assert_eq!(new.is_ok(), old.is_ok(), "seed {seed}");
        if let (Err(a), Err(b)) = (&new, &old) {
            assert_eq!(
                std::mem::discriminant(a),
                std::mem::discriminant(b),
                "seed {seed}"
            );
        }
        assert!(n.2 <= o.2, "seed {seed}: {} > {} checks", n.2, o.2);
        if let Ok(v) = &new {
            compared += 1;
            before += o.2;
            after += n.2;
            fewer += usize::from(n.2 < o.2);
            // The compiled form makes the same choices.
            let Policy::Text(text) = &policy else {
                unreachable!()
            };
            let mut buf = vec![0u8; MAX_COMPILED_LEN];
            if let Ok(c) = text.compile(&mut buf) {
                let compiled = Policy::Compiled(c);
                let w = verify(&message, &signers, &compiled, &proof, &DefaultBackend).unwrap();
                assert_eq!(
                    (
                        w.quorum_timestamp,
                        w.signature_checks,
                        w.cosignatures_failed
                    ),
                    (
                        v.quorum_timestamp,
                        v.signature_checks,
                        v.cosignatures_failed
                    ),
                    "seed {seed}"
                );
            }
        }
    }
    eprintln!("{compared} verified: {after} signature checks with tie ordering, {before} in input order; {fewer} proofs need fewer");
    assert!(compared > 100);
    assert!(fewer > 0 && after < before);
}

/// Counts every signature check.
#[derive(Default)]
struct CountingBackend(Cell<usize>);

impl Ed25519Backend for CountingBackend {
    fn verify(&self, key: &PublicKey, msg: &[u8], sig: &Signature) -> bool {
        self.0.set(self.0.get() + 1);
        DefaultBackend.verify(key, msg, sig)
    }
}

#[test]
fn serviceberry_needs_four_cosignatures() {
    let cases = accepted_cases();
    let pe = cases.iter().find(|c| c.name == "P-e").unwrap();
    let policy = pe.policy();
    let backend = CountingBackend::default();
    let v = verify_bytes(&pe.message, &pe.signers, &policy, &pe.proof, &backend).unwrap();
    assert_eq!(backend.0.get(), 6);
    assert_eq!((v.signature_checks, v.cosignatures_verified), (6, 4));
    assert_eq!(v.quorum_timestamp, Some(1770193051));
    // Input order checks one more, same timestamp.
    let old = verify_bytes(
        &pe.message,
        &pe.signers,
        &InputOrder(&policy),
        &pe.proof,
        &DefaultBackend,
    )
    .unwrap();
    assert_eq!(
        (old.signature_checks, old.quorum_timestamp),
        (7, v.quorum_timestamp)
    );
    // Four is the minimum: no set of 3 known witnesses satisfies it.
    let proof = Proof::parse(&pe.proof).unwrap();
    let mut all = WitnessSet::EMPTY;
    for c in proof.signed_tree_head.cosignatures.iter() {
        all.insert(policy.witness(&c.key_hash).unwrap().0);
    }
    assert_eq!(policy.missing(&WitnessSet::EMPTY, &all), Some(4));
}

/// Records the key of every signature check, in order.
#[derive(Default)]
struct RecordingBackend(std::cell::RefCell<Vec<PublicKey>>);

impl Ed25519Backend for RecordingBackend {
    fn verify(&self, key: &PublicKey, msg: &[u8], sig: &Signature) -> bool {
        self.0.borrow_mut().push(*key);
        DefaultBackend.verify(key, msg, sig)
    }
}

/// Among equally useful cosignatures of equal timestamp, the first in
/// input order is checked first (the documented tie rule). On the real
/// proof all 8 timestamps tie; a witness outside the 2-of-3 group leaves 3
/// further cosignatures needed, one inside it 4, so the first cosignature
/// checked is the first line of a witness outside the group.
#[test]
fn equally_useful_ties_go_in_input_order() {
    let cases = accepted_cases();
    let pe = cases.iter().find(|c| c.name == "P-e").unwrap();
    let text = std::fs::read(format!(
        "{}/../tests/vectors/real/sigsum-test-2025-3.policy",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let policy = TextPolicy::parse(&text).unwrap();
    let group = policy.groups().next().unwrap();
    assert_eq!((group.threshold, group.members), (2, 3));
    let proof = Proof::parse(&pe.proof).unwrap();
    let first_outside = proof
        .signed_tree_head
        .cosignatures
        .iter()
        .map(|c| policy.witness(&c.key_hash).unwrap())
        .find(|(i, _)| policy.witness_at(*i).unwrap().parent() != Some(0))
        .unwrap()
        .1;
    let backend = RecordingBackend::default();
    verify_bytes(&pe.message, &pe.signers, &policy, &pe.proof, &backend).unwrap();
    let checked = backend.0.borrow();
    // Leaf, log, then the cosignatures.
    assert_eq!(checked.len(), 6);
    assert_eq!(checked[2], first_outside);
}

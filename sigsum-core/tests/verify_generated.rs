//! Generated corpus (testkit::proof): random trees, keys, witnesses,
//! policies and proofs, honest and broken, v1 and v2, size 1 to 2^40.
//!
//! * The verdict equals the generator's check-everything reference,
//!   including the quorum timestamp.
//! * It also equals a check-everything verifier written here from the
//!   library primitives (every known cosignature checked, no early stop),
//!   and the early stop never checks more signatures and saves some.
//! * Writing a proof back as v2 and re-parsing gives the same proof.
//! * Random byte mutations never panic, and a mutated proof that still
//!   verifies differs from the original only in cosignature lines or hex
//!   case.
#![cfg(feature = "parsers")]
use sigsum_core::{
    verify, DefaultBackend, Hash, Policy, Proof, ProofVersion, PublicKey, TrustPolicy, VerifyError,
    WitnessSet, MAX_V2_TEXT_SIZE,
};
use testkit::proof::{generate, Expected, Options, Rng, Scenario};

const CASES: u64 = 1200;

fn signers(s: &Scenario) -> Vec<PublicKey> {
    s.signer_keys.iter().map(|k| PublicKey(*k)).collect()
}

fn classify(r: &Result<sigsum_core::Verified, VerifyError>) -> Expected {
    match r {
        Ok(v) => Expected::Ok {
            quorum_timestamp: v.quorum_timestamp,
        },
        Err(VerifyError::UnknownSignerKey) => Expected::UnknownSigner,
        Err(VerifyError::UnknownLog) => Expected::UnknownLog,
        Err(VerifyError::ShortChecksumMismatch) => Expected::ShortChecksum,
        Err(VerifyError::BadLeafSignature) => Expected::BadLeafSignature,
        Err(VerifyError::BadLogSignature) => Expected::BadLogSignature,
        Err(VerifyError::Inclusion(_)) => Expected::Inclusion,
        Err(VerifyError::QuorumNotMet { .. }) => Expected::QuorumNotMet,
        Err(e) => panic!("unexpected error {e:?}"),
    }
}

/// The cosignature part, checking everything (no early stop): the set of
/// known witnesses with a valid cosignature satisfies the policy?
fn check_everything(policy: &Policy<'_>, proof: &Proof<'_>) -> (bool, usize) {
    let log_key = policy.log_key(&proof.log_key_hash).unwrap();
    let sth = &proof.signed_tree_head;
    let mut set = WitnessSet::EMPTY;
    let mut known = 0;
    for c in sth.cosignatures.iter() {
        if let Some((i, key)) = policy.witness(&c.key_hash) {
            known += 1;
            if c.verify(&key, &log_key.key_hash(), &sth.tree_head, &DefaultBackend) {
                set.insert(i);
            }
        }
    }
    (policy.is_satisfied(&set), known)
}

#[test]
fn generated_corpus_matches_the_reference() {
    let opt = Options::default();
    let (mut ok, mut size1, mut v1, mut invalid_known, mut quorum_fail) = (0, 0, 0, 0, 0);
    let (mut checks_done, mut checks_all) = (0usize, 0usize);
    for seed in 0..CASES {
        let s = generate(seed, &opt);
        let policy = Policy::from_text(s.policy.text.as_bytes())
            .unwrap_or_else(|e| panic!("seed {seed}: policy {e}\n{}", s.policy.text));
        let proof = Proof::parse(s.proof_text.as_bytes())
            .unwrap_or_else(|e| panic!("seed {seed}: {e}\n{}", s.proof_text));
        let message = Hash(s.message);
        let result = verify(&message, &signers(&s), &policy, &proof, &DefaultBackend);
        assert_eq!(
            classify(&result),
            s.expected,
            "seed {seed}: {result:?}\n{}\n{}",
            s.policy.text,
            s.proof_text
        );
        // Check-everything reference from the library primitives.
        if matches!(s.expected, Expected::Ok { .. } | Expected::QuorumNotMet) {
            let (holds, known) = check_everything(&policy, &proof);
            assert_eq!(holds, result.is_ok(), "seed {seed}");
            checks_all += 2 + known;
            if let Ok(v) = &result {
                checks_done += v.signature_checks;
                assert!(v.signature_checks <= 2 + known);
                assert_eq!(
                    v.cosignatures_verified + v.cosignatures_failed + 2,
                    v.signature_checks
                );
            } else {
                // Unreachable quorums stop early too; count what we can.
                if let Err(VerifyError::QuorumNotMet {
                    verified,
                    failed,
                    total_known,
                }) = result
                {
                    assert_eq!(total_known, known);
                    assert!(verified + failed <= known);
                    checks_done += 2 + verified + failed;
                }
            }
        }
        ok += usize::from(result.is_ok());
        size1 += usize::from(s.size == 1);
        v1 += usize::from(s.version == 1);
        invalid_known += usize::from(s.has_invalid_known_cosig());
        quorum_fail += usize::from(s.expected == Expected::QuorumNotMet);

        // Round trip through the v2 writer.
        let mut buf = vec![0u8; MAX_V2_TEXT_SIZE];
        let text = proof.to_v2_text(&mut buf).unwrap().to_vec();
        let again = Proof::parse(&text).unwrap();
        assert_eq!(again.version, ProofVersion::V2);
        assert_eq!(again.leaf_signature, proof.leaf_signature);
        assert_eq!(
            again.signed_tree_head.tree_head,
            proof.signed_tree_head.tree_head
        );
        assert_eq!(again.leaf_index, proof.leaf_index);
        assert!(again.path.iter().eq(proof.path.iter()));
        let mut a: Vec<_> = proof.signed_tree_head.cosignatures.iter().collect();
        a.sort_by_key(|c| c.key_hash);
        assert!(again.signed_tree_head.cosignatures.iter().eq(a.into_iter()));
        if s.version == 2 && s.fault != testkit::proof::Fault::ShortChecksum {
            let r2 = verify(&message, &signers(&s), &policy, &again, &DefaultBackend);
            assert_eq!(classify(&r2), classify(&result), "seed {seed}");
        }
    }
    eprintln!(
        "{CASES} generated: {ok} verified, {quorum_fail} quorum failures, {size1} size 1, {v1} v1, \
         {invalid_known} with invalid known cosignatures; signature checks {checks_done} of {checks_all}"
    );
    assert!(ok > 300 && size1 > 50 && v1 > 100 && invalid_known > 100 && quorum_fail > 30);
    assert!(checks_done < checks_all);
}

#[test]
fn mutated_generated_proofs() {
    let opt = Options {
        fault_percent: 0,
        invalid_cosig_percent: 0,
        ..Options::default()
    };
    let mut rng = Rng(7);
    let alphabet = b"0123456789abcdefABCDEF =\n\rxg-+";
    let (mut total, mut accepted) = (0, 0);
    for seed in 0..400 {
        let s = generate(10_000 + seed, &opt);
        let policy = Policy::from_text(s.policy.text.as_bytes()).unwrap();
        let orig = Proof::parse(s.proof_text.as_bytes()).unwrap();
        let message = Hash(s.message);
        let orig_ok = verify(&message, &signers(&s), &policy, &orig, &DefaultBackend).is_ok();
        for _ in 0..4 {
            let mut t = s.proof_text.clone().into_bytes();
            let i = rng.below(t.len() as u64) as usize;
            match rng.below(3) {
                0 => t[i] = alphabet[rng.below(alphabet.len() as u64) as usize],
                1 => {
                    t.remove(i);
                }
                _ => t.insert(i, alphabet[rng.below(alphabet.len() as u64) as usize]),
            }
            if t == s.proof_text.as_bytes() {
                continue;
            }
            total += 1;
            let Ok(p) = Proof::parse(&t) else { continue };
            if verify(&message, &signers(&s), &policy, &p, &DefaultBackend).is_ok() {
                accepted += 1;
                assert!(orig_ok, "seed {seed}: mutation made a failing proof verify");
                // Only cosignature lines (or hex case) may differ.
                assert_eq!(p.log_key_hash, orig.log_key_hash);
                assert_eq!(p.leaf_key_hash, orig.leaf_key_hash);
                assert_eq!(p.leaf_signature, orig.leaf_signature);
                assert_eq!(
                    p.signed_tree_head.tree_head,
                    orig.signed_tree_head.tree_head
                );
                assert_eq!(
                    p.signed_tree_head.signature,
                    orig.signed_tree_head.signature
                );
                assert_eq!(p.leaf_index, orig.leaf_index);
                assert!(p.path.iter().eq(orig.path.iter()));
            }
        }
    }
    eprintln!("{total} mutated proofs, {accepted} still verify (cosignature or hex-case changes)");
    assert!(total > 1500);
}

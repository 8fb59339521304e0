//! Round trip on the generated corpus (testkit::proof): ASCII proof ->
//! spic / TKey bytes -> verify gives the verdict of the ASCII verification.
//!
//! * TKey: the same verdict, the same failing step and the same quorum
//!   timestamp (the TKey proof carries every field of the ASCII proof but
//!   one: the short checksum of version-1 proofs, so a v1 proof whose
//!   only fault is that checksum verifies once converted).
//! * spic: the same verdict. The failing step is the same, except that
//!   spic stores no root hash, so a proof whose path does not lead to the
//!   signed root fails at the log signature instead of the inclusion
//!   check; and the converter drops invalid cosignatures and keeps the
//!   first smallest satisfying set (spic's compiler), so the quorum
//!   timestamp is never newer than the ASCII one.
#![cfg(feature = "parsers")]

use sigsum_core::{
    spic_policy_from_compiled, spic_policy_from_text, verify, verify_spic, verify_tkey,
    verify_tkey_with, write_spic_policy, write_spic_proof, write_tkey_policy, write_tkey_proof,
    BinaryVerifyError, DefaultBackend, Hash, LargeTextPolicy, Policy, Proof, PublicKey, SpicPolicy,
    SpicProof, SpicWriteError, TkeyPolicy, TkeyProof, TrustPolicy, VerifyError, WitnessSet,
    MAX_COMPILED_LEN, MAX_SPIC_POLICY_LEN, MAX_SPIC_PROOF_LEN, MAX_TKEY_POLICY_LEN,
    MAX_TKEY_PROOF_LEN,
};
use testkit::proof::{generate, Options, Scenario};

const CASES: u64 = 600;

fn signers(s: &Scenario) -> Vec<PublicKey> {
    s.signer_keys.iter().map(|k| PublicKey(*k)).collect()
}

/// The step names shared by both verifiers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Ok,
    UnknownSigner,
    UnknownLog,
    Inclusion,
    BadLeaf,
    BadLog,
    Quorum,
    ShortChecksum,
}

fn ascii_step(r: &Result<sigsum_core::Verified, VerifyError>) -> Step {
    match r {
        Ok(_) => Step::Ok,
        Err(VerifyError::UnknownSignerKey) => Step::UnknownSigner,
        Err(VerifyError::UnknownLog) => Step::UnknownLog,
        Err(VerifyError::Inclusion(_)) => Step::Inclusion,
        Err(VerifyError::BadLeafSignature) => Step::BadLeaf,
        Err(VerifyError::BadLogSignature) => Step::BadLog,
        Err(VerifyError::QuorumNotMet { .. }) => Step::Quorum,
        Err(VerifyError::ShortChecksumMismatch) => Step::ShortChecksum,
        Err(e) => panic!("unexpected {e:?}"),
    }
}

fn binary_step(r: &Result<sigsum_core::BinaryVerified, BinaryVerifyError>) -> Step {
    match r {
        Ok(_) => Step::Ok,
        Err(BinaryVerifyError::UnknownSignerKey) => Step::UnknownSigner,
        Err(BinaryVerifyError::UnknownLog) => Step::UnknownLog,
        Err(BinaryVerifyError::Inclusion(_)) => Step::Inclusion,
        Err(BinaryVerifyError::BadLeafSignature) => Step::BadLeaf,
        Err(BinaryVerifyError::BadLogSignature) => Step::BadLog,
        Err(BinaryVerifyError::QuorumNotMet { .. }) => Step::Quorum,
        Err(e) => panic!("unexpected {e:?}"),
    }
}

#[test]
fn tkey_round_trip_matches_ascii() {
    let mut counts = [0usize; 8];
    for seed in 0..CASES {
        let s = generate(seed, &Options::default());
        let text = s.policy.text.as_bytes();
        let policy = Policy::from_text(text).unwrap();
        let proof = Proof::parse(s.proof_text.as_bytes()).unwrap();
        let message = Hash(s.message);
        let keys = signers(&s);
        let ascii = verify(&message, &keys, &policy, &proof, &DefaultBackend);
        let mut buf = vec![0u8; MAX_TKEY_PROOF_LEN];
        let n = write_tkey_proof(&proof, Some(&policy), &mut buf).unwrap();
        let tkey = TkeyProof::parse(&buf[..n]).unwrap();
        let binary = verify_tkey_with(&message, &keys, &policy, &tkey, &DefaultBackend);
        let (a, b) = (ascii_step(&ascii), binary_step(&binary));
        // TKey proofs carry no short checksum (the one field only v1 ASCII
        // proofs have), and the ASCII verifier stops there: the converted
        // proof is judged on the rest (sigsum-go, too, only checks the
        // short checksum's syntax).
        if a != Step::ShortChecksum {
            assert_eq!(
                a, b,
                "seed {seed}: {ascii:?} vs {binary:?}\n{}",
                s.proof_text
            );
        }
        counts[b as usize] += 1;
        if let (Ok(x), Ok(y)) = (&ascii, &binary) {
            assert_eq!(x.quorum_timestamp, y.quorum_timestamp, "seed {seed}");
            assert_eq!(
                (x.tree_size, x.leaf_index, x.log_key_hash, x.signer_key_hash),
                (y.tree_size, y.leaf_index, y.log_key_hash, y.signer_key_hash)
            );
            assert_eq!(x.signature_checks, y.signature_checks, "seed {seed}");
        }
        // Through a policy blob with the keys inside, when the policy
        // compiles (`quorum none` cannot) and the signer is given.
        if let Policy::Text(t) = &policy {
            let mut cbuf = vec![0u8; MAX_COMPILED_LEN];
            if let (Ok(compiled), false) = (t.compile(&mut cbuf), keys.is_empty()) {
                let mut pbuf = vec![0u8; MAX_TKEY_POLICY_LEN];
                let m = write_tkey_policy(&keys, &compiled, &mut pbuf).unwrap();
                let blob = TkeyPolicy::from_bytes(&pbuf[..m]).unwrap();
                let again = verify_tkey(&message, &blob, &tkey, &DefaultBackend);
                assert_eq!(binary_step(&again), b, "seed {seed}");
            }
        }
    }
    // The corpus exercises every step.
    for (i, c) in counts.iter().enumerate().take(7) {
        assert!(*c > 0, "step {i} never seen: {counts:?}");
    }
}

/// The quorum timestamp of a spic proof by its definition: the newest `T`
/// among the proof's timestamps such that the cosignatures with timestamp
/// `>= T` satisfy the quorum; `None` when the quorum needs none.
fn spic_quorum_timestamp(policy: &SpicPolicy, proof: &SpicProof) -> Option<u64> {
    if policy.is_satisfied(&WitnessSet::EMPTY) {
        return None;
    }
    let cosignatures: Vec<(u64, u8)> = proof
        .cosignatures()
        .map(|c| (c.timestamp, c.witness))
        .collect();
    let satisfied_from = |t: u64| {
        let mut set = WitnessSet::EMPTY;
        for &(_, w) in cosignatures.iter().filter(|c| c.0 >= t) {
            set.insert(w);
        }
        policy.is_satisfied(&set)
    };
    let t = cosignatures
        .iter()
        .map(|c| c.0)
        .filter(|&t| satisfied_from(t))
        .max();
    assert!(t.is_some(), "a verified proof satisfies its quorum");
    t
}

#[test]
fn spic_round_trip_matches_ascii() {
    let mut counts = [0usize; 8];
    let mut older = 0;
    for seed in 0..CASES {
        let s = generate(seed, &Options::default());
        let text = s.policy.text.as_bytes();
        let policy = Policy::from_text(text).unwrap();
        let large = LargeTextPolicy::parse(text).unwrap();
        let proof = Proof::parse(s.proof_text.as_bytes()).unwrap();
        let message = Hash(s.message);
        let keys = signers(&s);
        let ascii = verify(&message, &keys, &policy, &proof, &DefaultBackend);

        let draft = spic_policy_from_text(&large, text).unwrap();
        let mut pbuf = vec![0u8; MAX_SPIC_POLICY_LEN];
        let m = write_spic_policy(&draft, &mut pbuf).unwrap();
        let spic_policy = SpicPolicy::from_bytes(&pbuf[..m])
            .unwrap_or_else(|e| panic!("seed {seed}: {e}\n{}", s.policy.text));
        // The spic policy answers quorum questions as the text policy.
        // spic's compiler lists only the witnesses the quorum uses.
        assert!(spic_policy.witness_count() <= large.witness_count());
        for mask in 0u32..(1 << large.witness_count()) {
            let mut set_text = sigsum_core::WitnessSet::EMPTY;
            let mut set_spic = sigsum_core::WitnessSet::EMPTY;
            for (i, w) in large.witnesses().enumerate() {
                if mask & (1 << i) != 0 {
                    set_text.insert(i as u8);
                    if let Some((j, _)) = spic_policy.witness(&w.key_hash) {
                        set_spic.insert(j);
                    }
                }
            }
            assert_eq!(
                large.is_satisfied(&set_text),
                spic_policy.is_satisfied(&set_spic),
                "seed {seed} mask {mask:b}\n{}",
                s.policy.text
            );
        }

        let mut buf = vec![0u8; MAX_SPIC_PROOF_LEN];
        let binary = match write_spic_proof(&proof, &spic_policy, &keys, &DefaultBackend, &mut buf)
        {
            Ok(n) => {
                let p = SpicProof::parse(&buf[..n]).unwrap();
                let r = verify_spic(&message, &keys, &spic_policy, &p, &DefaultBackend);
                if let Ok(v) = &r {
                    let expected = spic_quorum_timestamp(&spic_policy, &p);
                    assert_eq!(v.quorum_timestamp, expected, "seed {seed}");
                }
                r
            }
            Err(SpicWriteError::UnknownSigner) => Err(BinaryVerifyError::UnknownSignerKey),
            Err(SpicWriteError::UnknownLog) => Err(BinaryVerifyError::UnknownLog),
            Err(SpicWriteError::QuorumNotMet) => {
                // Only when the ASCII proof fails too.
                assert!(ascii.is_err(), "seed {seed}");
                counts[Step::Quorum as usize] += 1;
                continue;
            }
            Err(e) => panic!("seed {seed}: {e}"),
        };
        let (a, b) = (ascii_step(&ascii), binary_step(&binary));
        let ok = match (a, b) {
            (x, y) if x == y => true,
            (Step::ShortChecksum, _) => true,
            (Step::Inclusion, Step::BadLog) => true,
            _ => false,
        };
        assert!(ok, "seed {seed}: {ascii:?} vs {binary:?}\n{}", s.proof_text);
        counts[b as usize] += 1;
        if let (Ok(x), Ok(y)) = (&ascii, &binary) {
            assert!(y.quorum_timestamp <= x.quorum_timestamp, "seed {seed}");
            older += usize::from(y.quorum_timestamp < x.quorum_timestamp);
            assert_eq!(y.cosignatures_failed, 0);
        }

        // The canonical route (text -> compiled -> spic) gives the same
        // verdict; when the policy compiles.
        if let Policy::Text(t) = &policy {
            let mut cbuf = vec![0u8; MAX_COMPILED_LEN];
            if let Ok(compiled) = t.compile(&mut cbuf) {
                let draft = spic_policy_from_compiled(&compiled).unwrap();
                let mut pbuf2 = vec![0u8; MAX_SPIC_POLICY_LEN];
                let m2 = write_spic_policy(&draft, &mut pbuf2).unwrap();
                let canonical = SpicPolicy::from_bytes(&pbuf2[..m2]).unwrap();
                let again =
                    match write_spic_proof(&proof, &canonical, &keys, &DefaultBackend, &mut buf) {
                        Ok(n) => {
                            let p = SpicProof::parse(&buf[..n]).unwrap();
                            binary_step(&verify_spic(
                                &message,
                                &keys,
                                &canonical,
                                &p,
                                &DefaultBackend,
                            ))
                        }
                        Err(_) => b,
                    };
                assert_eq!(again, b, "seed {seed}");
            }
        }
    }
    for (i, c) in counts.iter().enumerate().take(7) {
        assert!(*c > 0, "step {i} never seen: {counts:?}");
    }
    eprintln!("spic steps {counts:?}, older quorum timestamp in {older} proofs");
    // docs/binary-formats.md: 64 of the 600 generated proofs.
    assert_eq!(older, 64);
}

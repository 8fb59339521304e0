//! End-to-end verification of the real proofs of tests/vectors/proofs (P-a, P-b,
//! P-d, P-e), the legacy P-f proofs, early stopping, quorum timestamps,
//! fallback policies and the max-age check.
#![cfg(feature = "parsers")]
mod proof_common;

use std::cell::Cell;

use proof_common::*;
use sigsum_core::{
    leaf_checksum, sha256, verify, verify_bytes, verify_with_fallbacks, DefaultBackend,
    Ed25519Backend, Freshness, FreshnessError, Hash, Leaf, MerkleError, Policy, Proof,
    ProofErrorKind, ProofVersion, PublicKey, Signature, VerifyError,
};

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
fn every_real_proof_verifies() {
    for case in accepted_cases() {
        let proof = Proof::parse(&case.proof).unwrap();
        let backend = CountingBackend::default();
        let v = verify(
            &case.message,
            &case.signers,
            &case.policy(),
            &proof,
            &backend,
        )
        .unwrap_or_else(|e| panic!("{}: {e}", case.name));
        assert_eq!(v.signature_checks, backend.0.get(), "{}", case.name);
        assert_eq!(v.log_key_hash, proof.log_key_hash);
        assert_eq!(v.signer_key_hash, case.signers[0].key_hash());
        assert_eq!(v.tree_size, proof.signed_tree_head.tree_head.size);
        assert_eq!(v.leaf_index, proof.leaf_index);
        assert_eq!(v.policy_index, 0);
        assert_eq!(v.cosignatures_failed, 0, "{}", case.name);
        assert_eq!(v.signature_checks, 2 + v.cosignatures_verified);
        // verify_bytes gives the same answer.
        let v2 = verify_bytes(
            &case.message,
            &case.signers,
            &case.policy(),
            &case.proof,
            &DefaultBackend,
        )
        .unwrap();
        assert_eq!(v, v2);
        // Reject twins: another message, no signer key.
        let mut other = case.message;
        other.0[0] ^= 1;
        let err = verify(
            &other,
            &case.signers,
            &case.policy(),
            &proof,
            &DefaultBackend,
        );
        match proof.version {
            ProofVersion::V1 { .. } => assert_eq!(err, Err(VerifyError::ShortChecksumMismatch)),
            ProofVersion::V2 => {
                assert_eq!(err, Err(VerifyError::Inclusion(MerkleError::RootMismatch)))
            }
        }
        assert_eq!(
            verify(&case.message, &[], &case.policy(), &proof, &DefaultBackend),
            Err(VerifyError::UnknownSignerKey)
        );
    }
}

#[test]
fn exact_results_and_early_stop() {
    let cases = accepted_cases();
    let expected: [(&str, usize, Option<u64>, u64, u64); 5] = [
        // name, cosignatures checked, quorum timestamp, size, index
        ("P-a", 1, Some(1683202758), 4, 3),
        ("P-b", 0, None, 4, 3),
        // 2 of 3 needed; 5 cosignature lines, 3 known: stops after 2.
        ("P-d odd", 2, Some(1749045854), 930, 929),
        ("P-d even", 2, Some(1750089614), 1329, 1326),
        // 8 known cosignatures, equal timestamps: the quorum (4 of
        // {glasklar 2-of-3, 5 witnesses}) is met after the fourth, the
        // minimum (ties are ordered by usefulness).
        ("P-e", 4, Some(1770193051), 381382, 381381),
    ];
    for (case, (name, checked, ts, size, index)) in cases.iter().zip(expected) {
        assert_eq!(case.name, name);
        let v = verify_bytes(
            &case.message,
            &case.signers,
            &case.policy(),
            &case.proof,
            &DefaultBackend,
        )
        .unwrap();
        assert_eq!(v.cosignatures_verified, checked, "{name}");
        assert_eq!(v.signature_checks, 2 + checked, "{name}");
        assert_eq!(v.quorum_timestamp, ts, "{name}");
        assert_eq!((v.tree_size, v.leaf_index), (size, index), "{name}");
    }
    // P-e checks 6 signatures where checking everything takes 10.
    let pe = &cases[4];
    let proof = Proof::parse(&pe.proof).unwrap();
    assert_eq!(proof.signed_tree_head.cosignatures.len(), 8);
}

#[test]
fn sigsum_test2_policy_is_not_met_by_p_d() {
    // sigsum-test2-2025 knows nisse, rgdd, smartit (group 2 of 3) and
    // stagemole among the P-d witnesses but needs 4 of 5 top-level members.
    let case = &accepted_cases()[2];
    let policy = Policy::builtin("sigsum-test2-2025").unwrap();
    let err = verify_bytes(
        &case.message,
        &case.signers,
        &policy,
        &case.proof,
        &DefaultBackend,
    );
    // Known: nisse, rgdd, stagemole, smartit (4 lines). Even if all were
    // valid the top group would have 2 of the 4 members it needs, so the
    // quorum is unreachable before any cosignature is checked.
    assert_eq!(
        err,
        Err(VerifyError::QuorumNotMet {
            verified: 0,
            failed: 0,
            total_known: 4
        })
    );
}

#[test]
fn legacy_tools_md_proofs_fail_at_the_leaf_signature() {
    let text = vector("proofs/legacy-tools.policy");
    let policy = text_policy(&text);
    let signer = hex_key("proofs/legacy-tools-signer.hex");
    for name in ["old-friend", "hello-again"] {
        let proof = vector(&format!("proofs/legacy-tools-{name}.proof"));
        let msg = sha256(&vector(&format!("proofs/legacy-tools-{name}.data")));
        assert_eq!(
            verify_bytes(&msg, &[signer], &policy, &proof, &DefaultBackend),
            Err(VerifyError::BadLeafSignature),
            "{name}"
        );
    }
}

#[test]
fn sigsum_ts_stray_line_is_rejected() {
    let text = vector("proofs/sigsum-ts-stray-line.proof");
    let err = Proof::parse(&text).unwrap_err();
    assert_eq!(err.line, 8);
    assert_eq!(
        err.kind,
        ProofErrorKind::UnexpectedKey {
            expected: "cosignature"
        }
    );
}

#[test]
fn v1_short_checksum_is_compared_first() {
    let case = &accepted_cases()[2];
    let text = String::from_utf8(case.proof.clone()).unwrap();
    let bad = text.replace("leaf=f62f ", "leaf=f62e ");
    // Even with every other field intact, the short checksum fails first.
    assert_eq!(
        verify_bytes(
            &case.message,
            &case.signers,
            &case.policy(),
            bad.as_bytes(),
            &DefaultBackend
        ),
        Err(VerifyError::ShortChecksumMismatch)
    );
    // Uppercase short checksum is the same value.
    let upper = text.replace("leaf=f62f ", "leaf=F62F ");
    assert!(verify_bytes(
        &case.message,
        &case.signers,
        &case.policy(),
        upper.as_bytes(),
        &DefaultBackend
    )
    .is_ok());
}

#[test]
fn fallback_policies_say_which_one_held() {
    let pe = &accepted_cases()[4];
    let test1 = Policy::builtin("sigsum-test1-2025").unwrap(); // barreleye only
    let test3 = Policy::builtin("sigsum-test-2025-3").unwrap();
    let proof = Proof::parse(&pe.proof).unwrap();
    let v = verify_with_fallbacks(
        &pe.message,
        &pe.signers,
        &[&test1, &test3],
        &proof,
        &DefaultBackend,
    )
    .unwrap();
    assert_eq!(v.policy_index, 1);
    let v = verify_with_fallbacks(
        &pe.message,
        &pe.signers,
        &[&test3, &test1],
        &proof,
        &DefaultBackend,
    )
    .unwrap();
    assert_eq!(v.policy_index, 0);
    // No policy knows the log.
    assert_eq!(
        verify_with_fallbacks(&pe.message, &pe.signers, &[&test1], &proof, &DefaultBackend),
        Err(VerifyError::UnknownLog)
    );
    assert_eq!(
        verify_with_fallbacks(&pe.message, &pe.signers, &[], &proof, &DefaultBackend),
        Err(VerifyError::NoPolicy)
    );
    // A primary whose quorum fails, then a fallback that holds: the log
    // signature is checked once for both.
    let strict = text_policy(
        "log 47e481606d8acba747a6b053d6c2d191605fb122175d410a1202a91430abce39\n\
         witness a 0000000000000000000000000000000000000000000000000000000000000001\n\
         quorum a\n"
            .as_bytes(),
    );
    let none = text_policy(
        b"log 47e481606d8acba747a6b053d6c2d191605fb122175d410a1202a91430abce39\nquorum none\n",
    );
    let v = verify_with_fallbacks(
        &pe.message,
        &pe.signers,
        &[&strict, &none],
        &proof,
        &DefaultBackend,
    )
    .unwrap();
    assert_eq!((v.policy_index, v.signature_checks), (1, 2));
    assert_eq!(v.quorum_timestamp, None);
    // If none holds, the primary's error is reported.
    assert_eq!(
        verify_with_fallbacks(
            &pe.message,
            &pe.signers,
            &[&strict, &test1],
            &proof,
            &DefaultBackend
        ),
        Err(VerifyError::QuorumNotMet {
            verified: 0,
            failed: 0,
            total_known: 0
        })
    );
}

#[test]
fn max_age() {
    let pe = &accepted_cases()[4];
    let v = verify_bytes(
        &pe.message,
        &pe.signers,
        &pe.policy(),
        &pe.proof,
        &DefaultBackend,
    )
    .unwrap();
    let ts = 1770193051;
    let rule = |now, max_age, max_skew| Freshness {
        now,
        max_age,
        max_skew,
    };
    assert_eq!(v.check_freshness(&rule(ts + 100, 100, 0)), Ok(()));
    assert_eq!(
        v.check_freshness(&rule(ts - 5, 0, 5)),
        Ok(()),
        "within the skew"
    );
    assert_eq!(
        v.check_freshness(&rule(ts - 6, 0, 5)),
        Err(FreshnessError::InFuture {
            quorum_timestamp: ts,
            now: ts - 6
        })
    );
    assert_eq!(
        v.check_freshness(&rule(ts + 101, 100, 0)),
        Err(FreshnessError::TooOld {
            quorum_timestamp: ts,
            age: 101
        })
    );
    let pb = &accepted_cases()[1];
    let v = verify_bytes(
        &pb.message,
        &pb.signers,
        &pb.policy(),
        &pb.proof,
        &DefaultBackend,
    )
    .unwrap();
    assert_eq!(
        v.check_freshness(&rule(0, u64::MAX, u64::MAX)),
        Err(FreshnessError::NoQuorumTimestamp)
    );
}

#[test]
fn size_one_leaf_hash_is_the_root() {
    // P-c size 1 (keys unknown): the leaf built from the message hashes to
    // the root, and the parser gives index 0 and an empty path.
    for v in ["v1", "v2"] {
        let text = vector(&format!("proofs/go-size1-{v}.proof"));
        let proof = Proof::parse(&text).unwrap();
        let msg = Hash::from_slice(&vector("proofs/go-size1.message")).unwrap();
        let leaf = Leaf {
            checksum: leaf_checksum(&msg),
            signature: proof.leaf_signature,
            key_hash: proof.leaf_key_hash,
        };
        assert_eq!(leaf.hash(), proof.signed_tree_head.tree_head.root_hash);
        assert_eq!((proof.leaf_index, proof.path.len()), (0, 0));
        if let ProofVersion::V1 { short_checksum } = proof.version {
            assert_eq!(short_checksum, leaf_checksum(&msg).0[..2]);
        }
    }
}

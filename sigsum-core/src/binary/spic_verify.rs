//! Verification of a spic proof under a spic policy, as spic's
//! `spic_verify` decides.

use super::error::BinaryVerifyError;
use super::spic_policy::SpicPolicy;
use super::spic_proof::SpicProof;
use super::BinaryVerified;
use crate::cosignature::Cosignature;
use crate::crypto::Ed25519Backend;
use crate::leaf::{leaf_checksum, leaf_signed_data, Leaf};
use crate::merkle::root_from_inclusion;
use crate::tree_head::TreeHead;
use crate::types::{Hash, PublicKey};
use crate::witness_set::WitnessSet;

/// Verify a spic `proof` for the 32-byte `message` (normally `H(data)`)
/// under `policy`, the leaf signed by `submitter_keys[leaf_key_index]`.
///
/// Accepts exactly the proofs spic's verifier accepts among those that
/// parse here ([`SpicProof::parse`], [`SpicPolicy::from_bytes`]): every
/// cosignature in the proof must verify (an invalid one is fatal, as in
/// spic, even when the others meet the quorum), and the witnesses whose
/// cosignature the proof carries must satisfy the quorum. The checks run
/// cheapest first, so a proof with several faults may name another step
/// than spic would:
///
/// 1. key indexes: leaf ([`BinaryVerifyError::LeafKeyIndex`]), log
///    ([`BinaryVerifyError::LogKeyIndex`]), witnesses
///    ([`BinaryVerifyError::WitnessIndex`]);
/// 2. the quorum on the cosigning witnesses
///    ([`BinaryVerifyError::QuorumNotMet`]; spic checks it last, the
///    verdict is the same);
/// 3. the leaf hash and the inclusion path, giving the root
///    ([`BinaryVerifyError::Inclusion`]);
/// 4. the leaf signature ([`BinaryVerifyError::BadLeafSignature`]);
/// 5. the log signature over the checkpoint of the computed root
///    ([`BinaryVerifyError::BadLogSignature`]);
/// 6. every cosignature, in proof order
///    ([`BinaryVerifyError::BadCosignature`]).
///
/// [`BinaryVerified::quorum_timestamp`] is the newest `T` such that the
/// cosignatures with timestamp `>= T` satisfy the quorum, as for ASCII
/// proofs.
pub fn verify_spic<B: Ed25519Backend>(
    message: &Hash,
    submitter_keys: &[PublicKey],
    policy: &SpicPolicy<'_>,
    proof: &SpicProof<'_>,
    backend: &B,
) -> Result<BinaryVerified, BinaryVerifyError> {
    let signer = usize::try_from(proof.leaf_key_index)
        .ok()
        .and_then(|i| submitter_keys.get(i))
        .ok_or(BinaryVerifyError::LeafKeyIndex {
            index: proof.leaf_key_index,
            keys: submitter_keys.len(),
        })?;
    let log_key = usize::try_from(proof.log_key_index)
        .ok()
        .and_then(|i| policy.log_key(i))
        .ok_or(BinaryVerifyError::LogKeyIndex {
            index: proof.log_key_index,
            logs: policy.log_count(),
        })?;
    // Witness indexes and the cosigning set.
    let mut claimed = WitnessSet::EMPTY;
    for c in proof.cosignatures() {
        if usize::from(c.witness) >= policy.witness_count() {
            return Err(BinaryVerifyError::WitnessIndex {
                index: c.witness,
                witnesses: policy.witness_count(),
            });
        }
        claimed.insert(c.witness);
    }
    if !policy.is_satisfied(&claimed) {
        return Err(BinaryVerifyError::QuorumNotMet {
            verified: claimed.len(),
            failed: 0,
            total_known: claimed.len(),
        });
    }

    let checksum = leaf_checksum(message);
    let signer_key_hash = signer.key_hash();
    let leaf = Leaf {
        checksum,
        signature: proof.leaf_signature,
        key_hash: signer_key_hash,
    };
    let root_hash = root_from_inclusion(
        &leaf.hash(),
        proof.leaf_index,
        proof.tree_size,
        proof.path(),
    )
    .map_err(BinaryVerifyError::Inclusion)?;
    let mut checks = 0usize;
    let mut check = |key: &PublicKey, msg: &[u8], sig| {
        checks = checks.saturating_add(1);
        backend.verify(key, msg, sig)
    };
    if !check(signer, &leaf_signed_data(&checksum), &proof.leaf_signature) {
        return Err(BinaryVerifyError::BadLeafSignature);
    }
    let tree_head = TreeHead {
        size: proof.tree_size,
        root_hash,
    };
    let log_key_hash = log_key.key_hash();
    let body = tree_head.sigsum_body(&log_key_hash);
    if !check(&log_key, body.as_bytes(), &proof.log_signature) {
        return Err(BinaryVerifyError::BadLogSignature);
    }
    for (position, c) in proof.cosignatures().enumerate() {
        let witness =
            policy
                .witness_key(usize::from(c.witness))
                .ok_or(BinaryVerifyError::WitnessIndex {
                    index: c.witness,
                    witnesses: policy.witness_count(),
                })?;
        let cosignature = Cosignature {
            key_hash: Hash::default(),
            timestamp: c.timestamp,
            signature: c.signature,
        };
        checks = checks.saturating_add(1);
        if !cosignature.verify_body(&witness, &body, backend) {
            return Err(BinaryVerifyError::BadCosignature {
                position: u8::try_from(position).unwrap_or(u8::MAX),
                witness: c.witness,
            });
        }
    }

    // The quorum timestamp: the newest `T` such that the cosignatures with
    // timestamp `>= T` satisfy the quorum. The proof lists them oldest
    // first (the deltas are unsigned), so the cosignatures from the i-th
    // on shrink as i grows and, the quorum being monotone, satisfy it up
    // to some i: `T` is that cosignature's timestamp. One forward pass
    // over the proof, no copy of the cosignatures.
    let mut quorum_timestamp = None;
    if !policy.is_satisfied(&WitnessSet::EMPTY) {
        let mut from_here = claimed;
        for c in proof.cosignatures() {
            if !policy.is_satisfied(&from_here) {
                break;
            }
            quorum_timestamp = Some(c.timestamp);
            from_here.remove(c.witness);
        }
    }
    Ok(BinaryVerified {
        log_key_hash,
        signer_key_hash,
        leaf_index: proof.leaf_index,
        tree_size: proof.tree_size,
        root_hash,
        cosignatures_verified: proof.cosignature_count(),
        cosignatures_failed: 0,
        quorum_timestamp,
        signature_checks: checks,
    })
}

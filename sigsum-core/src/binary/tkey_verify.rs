//! Verification of a TKey proof: Sigsum's rules (sigsum-go's
//! `SigsumProof.Verify`) on the binary fields.

use super::error::BinaryVerifyError;
use super::tkey_policy::TkeyPolicy;
use super::tkey_proof::{TkeyProof, MAX_TKEY_COSIGNATURES};
use super::BinaryVerified;
use crate::cosignature::Cosignature;
use crate::crypto::Ed25519Backend;
use crate::leaf::{leaf_checksum, leaf_signed_data, Leaf};
use crate::merkle::verify_inclusion;
use crate::policy::{QuorumState, TrustPolicy};
use crate::tree_head::TreeHead;
use crate::types::{Hash, PublicKey};
use crate::witness_set::WitnessSet;

/// Verify a TKey `proof` for the 32-byte `message` (on the device,
/// `H(message blob)`) under a TKey policy blob: the submitter keys and the
/// compiled policy both come from `policy`.
///
/// The same verdict as [`verify`](crate::verify) on the equivalent ASCII
/// proof (version 2), checks cheapest first:
///
/// 1. the submitter key: one of the blob's keys must hash to the proof's
///    submitter key hash ([`BinaryVerifyError::UnknownSignerKey`]);
/// 2. the log: the policy must list the proof's log key hash
///    ([`BinaryVerifyError::UnknownLog`]);
/// 3. the leaf hash and the inclusion proof to the proof's root
///    ([`BinaryVerifyError::Inclusion`]);
/// 4. the leaf signature ([`BinaryVerifyError::BadLeafSignature`]);
/// 5. the log signature over the checkpoint whose origin is derived from
///    the policy's log key ([`BinaryVerifyError::BadLogSignature`]);
/// 6. cosignatures from witnesses the policy names, newest first, until
///    the quorum is decided ([`BinaryVerifyError::QuorumNotMet`]).
///    Cosignatures from unknown witnesses are skipped and an invalid
///    cosignature only does not count, as in sigsum-go.
pub fn verify_tkey<B: Ed25519Backend>(
    message: &Hash,
    policy: &TkeyPolicy<'_>,
    proof: &TkeyProof<'_>,
    backend: &B,
) -> Result<BinaryVerified, BinaryVerifyError> {
    verify(
        message,
        |h| policy.submitter(h),
        policy.policy(),
        proof,
        backend,
    )
}

/// [`verify_tkey`] with the submitter keys and the policy given apart
/// (any [`TrustPolicy`]: a compiled policy, a text policy, a builtin).
pub fn verify_tkey_with<P: TrustPolicy + ?Sized, B: Ed25519Backend>(
    message: &Hash,
    submitter_keys: &[PublicKey],
    policy: &P,
    proof: &TkeyProof<'_>,
    backend: &B,
) -> Result<BinaryVerified, BinaryVerifyError> {
    verify(
        message,
        |h| submitter_keys.iter().find(|k| k.key_hash() == *h).copied(),
        policy,
        proof,
        backend,
    )
}

fn verify<P: TrustPolicy + ?Sized, B: Ed25519Backend>(
    message: &Hash,
    signer: impl FnOnce(&Hash) -> Option<PublicKey>,
    policy: &P,
    proof: &TkeyProof<'_>,
    backend: &B,
) -> Result<BinaryVerified, BinaryVerifyError> {
    let signer = signer(&proof.submitter_key_hash).ok_or(BinaryVerifyError::UnknownSignerKey)?;
    let log_key = policy
        .log_key(&proof.log_key_hash)
        .filter(|k| k.key_hash() == proof.log_key_hash)
        .ok_or(BinaryVerifyError::UnknownLog)?;
    let checksum = leaf_checksum(message);
    let leaf = Leaf {
        checksum,
        signature: proof.leaf_signature,
        key_hash: proof.submitter_key_hash,
    };
    verify_inclusion(
        &leaf.hash(),
        proof.leaf_index,
        proof.tree_size,
        &proof.root_hash,
        proof.path(),
    )
    .map_err(BinaryVerifyError::Inclusion)?;
    let mut checks = 1usize;
    if !backend.verify(&signer, &leaf_signed_data(&checksum), &leaf.signature) {
        return Err(BinaryVerifyError::BadLeafSignature);
    }
    let tree_head = TreeHead {
        size: proof.tree_size,
        root_hash: proof.root_hash,
    };
    let body = tree_head.sigsum_body(&proof.log_key_hash);
    checks = checks.saturating_add(1);
    if !backend.verify(&log_key, body.as_bytes(), &proof.log_signature) {
        return Err(BinaryVerifyError::BadLogSignature);
    }

    // Known cosignatures, newest first (ties in proof order).
    let mut entries = [(0u64, 0u8, 0u8); MAX_TKEY_COSIGNATURES];
    let mut known = 0usize;
    let mut pending = WitnessSet::EMPTY;
    for (position, c) in proof.cosignatures().enumerate() {
        let Some((witness, _)) = policy.witness(&c.key_hash) else {
            continue;
        };
        let (Some(slot), Ok(position)) = (entries.get_mut(known), u8::try_from(position)) else {
            break;
        };
        *slot = (c.timestamp, position, witness);
        pending.insert(witness);
        known = known.saturating_add(1);
    }
    let entries = entries.get_mut(..known).unwrap_or_default();
    // Stable: a tie keeps proof order.
    for i in 1..entries.len() {
        let mut j = i;
        while let (Some(prev), Some(a), Some(b)) = (
            j.checked_sub(1),
            j.checked_sub(1).and_then(|p| entries.get(p)),
            entries.get(j),
        ) {
            if a.0 >= b.0 {
                break;
            }
            swap(entries, prev, j);
            j = prev;
        }
    }
    let mut verified = WitnessSet::EMPTY;
    let (mut good, mut failed) = (0usize, 0usize);
    let mut quorum_timestamp = None;
    let mut index = 0usize;
    loop {
        match policy.decide(&verified, &pending) {
            QuorumState::Met => break,
            QuorumState::Unreachable => {
                return Err(BinaryVerifyError::QuorumNotMet {
                    verified: good,
                    failed,
                    total_known: known,
                })
            }
            QuorumState::Undecided => {}
        }
        let Some((timestamp, position, witness)) =
            pick_next(policy, entries, index, &verified, &pending)
        else {
            if policy.is_satisfied(&verified) {
                break;
            }
            return Err(BinaryVerifyError::QuorumNotMet {
                verified: good,
                failed,
                total_known: known,
            });
        };
        index = index.saturating_add(1);
        pending.remove(witness);
        let valid = proof
            .cosignature(usize::from(position))
            .and_then(|c| {
                let (_, key) = policy.witness(&c.key_hash)?;
                let cosignature = Cosignature {
                    key_hash: c.key_hash,
                    timestamp: c.timestamp,
                    signature: c.signature,
                };
                Some(cosignature.verify_body(&key, &body, backend))
            })
            .unwrap_or(false);
        checks = checks.saturating_add(1);
        if valid {
            verified.insert(witness);
            good = good.saturating_add(1);
            quorum_timestamp = Some(timestamp);
        } else {
            failed = failed.saturating_add(1);
        }
    }
    Ok(BinaryVerified {
        log_key_hash: proof.log_key_hash,
        signer_key_hash: proof.submitter_key_hash,
        leaf_index: proof.leaf_index,
        tree_size: proof.tree_size,
        root_hash: proof.root_hash,
        cosignatures_verified: good,
        cosignatures_failed: failed,
        quorum_timestamp,
        signature_checks: checks,
    })
}

/// Swap two entries by value (nothing if either is out of range).
/// `slice::swap` may overlap, so at opt-level "z" it becomes a call to
/// `memmove`, which links 1.5 KB of compiler-builtins code on Cortex-M;
/// two copies of a 16-byte `Copy` value do not.
fn swap(entries: &mut [(u64, u8, u8)], a: usize, b: usize) {
    if let (Some(&x), Some(&y)) = (entries.get(a), entries.get(b)) {
        if let Some(e) = entries.get_mut(a) {
            *e = y;
        }
        if let Some(e) = entries.get_mut(b) {
            *e = x;
        }
    }
}

/// Move the cosignature to check next to `entries[index]` and return it:
/// among the remaining ones with the newest timestamp (their order changes
/// neither the verdict nor the quorum timestamp), the one that, if valid,
/// leaves the fewest further cosignatures needed ([`TrustPolicy::missing`];
/// ties in proof order), as [`verify`](crate::verify) does for ASCII
/// proofs, so both check the same number of signatures.
fn pick_next<P: TrustPolicy + ?Sized>(
    policy: &P,
    entries: &mut [(u64, u8, u8)],
    index: usize,
    verified: &WitnessSet,
    pending: &WitnessSet,
) -> Option<(u64, u8, u8)> {
    let rest = entries.get_mut(index..)?;
    let newest = rest.first()?.0;
    let ties = rest.iter().take_while(|e| e.0 == newest).count();
    let mut best: Option<(usize, usize)> = None;
    if ties > 1 {
        for (i, e) in rest.iter().take(ties).enumerate() {
            let mut v = *verified;
            v.insert(e.2);
            let mut p = *pending;
            p.remove(e.2);
            let need = policy.missing(&v, &p).unwrap_or(usize::MAX);
            if best.map_or(true, |(b, _)| need < b) {
                best = Some((need, i));
            }
        }
    }
    if let Some((_, i)) = best {
        for k in (1..=i).rev() {
            swap(rest, k.saturating_sub(1), k);
        }
    }
    rest.first().copied()
}

//! Writers of the TKey proof and policy blob (feature `tools`).

use core::fmt;

use super::tkey_policy::MAX_TKEY_POLICY_LEN;
use super::tkey_proof::MAX_TKEY_COSIGNATURES;
use crate::policy::{CompiledPolicy, TrustPolicy};
use crate::proof::Proof;
use crate::types::PublicKey;
use crate::writer::Writer;

/// Why a TKey proof or policy blob could not be written.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TkeyWriteError {
    /// The output buffer is too small.
    BufferTooSmall,
    /// More than 16 cosignatures remain (give the policy, so that those of
    /// unknown witnesses are dropped).
    TooManyCosignatures,
    /// No submitter key.
    NoSubmitterKeys,
    /// More than 255 submitter keys.
    TooManySubmitterKeys,
    /// The blob would be longer than [`MAX_TKEY_POLICY_LEN`].
    PolicyTooLarge,
}

impl fmt::Display for TkeyWriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::BufferTooSmall => "output buffer too small",
            Self::TooManyCosignatures => "a TKey proof holds at most 16 cosignatures",
            Self::NoSubmitterKeys => "no submitter key",
            Self::TooManySubmitterKeys => "a TKey policy blob holds at most 255 submitter keys",
            Self::PolicyTooLarge => "the policy blob would be longer than 10000 bytes",
        })
    }
}

impl core::error::Error for TkeyWriteError {}

/// Write the TKey form of a Sigsum `proof` (version 1 or 2) into `out`;
/// returns the number of bytes written. With `policy`, cosignatures from
/// witnesses it does not name are left out (they never count); the others
/// keep their order.
pub fn write_tkey_proof(
    proof: &Proof<'_>,
    policy: Option<&dyn TrustPolicy>,
    out: &mut [u8],
) -> Result<usize, TkeyWriteError> {
    let sth = &proof.signed_tree_head;
    let kept = |c: &crate::cosignature::Cosignature| {
        policy.map_or(true, |p| p.witness(&c.key_hash).is_some())
    };
    let count = sth.cosignatures.iter().filter(|c| kept(c)).count();
    let count = u8::try_from(count)
        .ok()
        .filter(|n| usize::from(*n) <= MAX_TKEY_COSIGNATURES)
        .ok_or(TkeyWriteError::TooManyCosignatures)?;
    let nodes = u8::try_from(proof.path.len()).map_err(|_| TkeyWriteError::BufferTooSmall)?;
    let mut w = Writer::new(out);
    let mut put = |bytes: &[u8]| w.bytes(bytes).map_err(|_| TkeyWriteError::BufferTooSmall);
    put(&proof.log_key_hash.0)?;
    put(&proof.leaf_key_hash.0)?;
    put(&proof.leaf_signature.0)?;
    put(&sth.tree_head.size.to_le_bytes())?;
    put(&sth.tree_head.root_hash.0)?;
    put(&sth.signature.0)?;
    put(&proof.leaf_index.to_le_bytes())?;
    put(&[count, nodes])?;
    for c in sth.cosignatures.iter().filter(|c| kept(c)) {
        put(&c.timestamp.to_le_bytes())?;
        put(&c.key_hash.0)?;
        put(&c.signature.0)?;
    }
    for node in proof.path.iter() {
        put(&node.0)?;
    }
    Ok(w.len())
}

/// Write a TKey policy blob: the submitter keys (sorted by key hash,
/// duplicates dropped) and the compiled `policy`. Returns the number of
/// bytes written.
pub fn write_tkey_policy(
    submitter_keys: &[PublicKey],
    policy: &CompiledPolicy<'_>,
    out: &mut [u8],
) -> Result<usize, TkeyWriteError> {
    if submitter_keys.is_empty() {
        return Err(TkeyWriteError::NoSubmitterKeys);
    }
    let mut w = Writer::new(out);
    let too_small = |_| TkeyWriteError::BufferTooSmall;
    // Distinct key hashes in increasing order, selected one by one (no
    // allocation; at most 255 keys).
    let mut previous = None;
    let mut n = 0u8;
    w.byte(0).map_err(too_small)?;
    loop {
        let next = submitter_keys
            .iter()
            .map(|k| (k.key_hash(), *k))
            .filter(|(h, _)| previous.map_or(true, |p| *h > p))
            .min_by(|a, b| a.0.cmp(&b.0));
        let Some((hash, key)) = next else {
            break;
        };
        n = n
            .checked_add(1)
            .ok_or(TkeyWriteError::TooManySubmitterKeys)?;
        w.bytes(&key.0).map_err(too_small)?;
        previous = Some(hash);
    }
    w.bytes(policy.as_bytes()).map_err(too_small)?;
    if w.len() > MAX_TKEY_POLICY_LEN {
        return Err(TkeyWriteError::PolicyTooLarge);
    }
    let len = w.len();
    if let Some(first) = out.first_mut() {
        *first = n;
    }
    Ok(len)
}

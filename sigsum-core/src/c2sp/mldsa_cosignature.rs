//! ML-DSA-44 cosignature lines (C2SP `tlog-cosignature`, type 0x06):
//! `key_id || u64be(timestamp) || signature[2420]` over the `subtree/v1`
//! message of a checkpoint.

use super::tlog_checkpoint::Outcome;
use crate::checkpoint::Checkpoint;
use crate::note::{SignatureLine, KEY_ID_SIZE};

/// Size of an ML-DSA-44 signature (FIPS 204).
pub const MLDSA44_SIGNATURE_SIZE: usize = 2420;
/// Size of an ML-DSA-44 cosignature line's blob after the key id:
/// `u64be(timestamp) || signature[2420]`.
pub const MLDSA_COSIGNATURE_BLOB_SIZE: usize = 8 + MLDSA44_SIGNATURE_SIZE;

/// Check `line` as the cosignature of the ML-DSA-44 witness named `name`
/// whose vkey's key text is `encoded` (base64 of `0x06 || key`).
pub(super) fn check(
    line: &SignatureLine<'_>,
    name: &str,
    encoded: &[u8],
    checkpoint: &Checkpoint<'_>,
) -> Outcome {
    if line.decoded_len() != KEY_ID_SIZE.saturating_add(MLDSA_COSIGNATURE_BLOB_SIZE) {
        return Outcome::Invalid;
    }
    let _ = (name, encoded, checkpoint);
    Outcome::Unsupported
}

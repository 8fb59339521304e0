//! ML-DSA-44 cosignature lines (C2SP `tlog-cosignature`, type 0x06):
//! `key_id || u64be(timestamp) || signature[2420]` over the `subtree/v1`
//! message of a checkpoint (start 0, end = tree size, the root hash).
//!
//! With the `mldsa` feature they are verified with RustCrypto `ml-dsa`
//! ([`verify_mldsa44`](crate::verify_mldsa44)); without it a well-formed
//! line is reported as not checked, and never counts.

use super::tlog_checkpoint::Outcome;
use crate::checkpoint::Checkpoint;
use crate::mldsa::MLDSA_COSIGNATURE_BLOB_SIZE;
use crate::note::{SignatureLine, KEY_ID_SIZE};

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
    verify(line, name, encoded, checkpoint)
}

#[cfg(feature = "mldsa")]
fn verify(
    line: &SignatureLine<'_>,
    name: &str,
    encoded: &[u8],
    checkpoint: &Checkpoint<'_>,
) -> Outcome {
    use crate::encoding::decode_base64;
    use crate::mldsa::{verify_mldsa44, MlDsaCosignature, SubtreeMessage, MLDSA44_PUBLIC_KEY_SIZE};

    // A timestamp above 2^63 - 1 makes the line invalid.
    let Some(cosignature) = MlDsaCosignature::from_base64(line.encoded) else {
        return Outcome::Invalid;
    };
    let mut buf = [0u8; 1 + MLDSA44_PUBLIC_KEY_SIZE];
    let key = decode_base64(encoded, &mut buf)
        .ok()
        .and_then(|k| k.get(1..))
        .and_then(|k| <&[u8; MLDSA44_PUBLIC_KEY_SIZE]>::try_from(k).ok());
    let Some(key) = key else {
        return Outcome::Invalid;
    };
    let head = &checkpoint.tree_head;
    let message = SubtreeMessage::checkpoint(
        name.as_bytes(),
        cosignature.timestamp,
        checkpoint.origin.as_bytes(),
        head.size,
        &head.root_hash,
    );
    match message {
        Some(m) if verify_mldsa44(key, m.as_bytes(), &cosignature.signature) => {
            Outcome::Valid(cosignature.timestamp)
        }
        _ => Outcome::Invalid,
    }
}

#[cfg(not(feature = "mldsa"))]
fn verify(_: &SignatureLine<'_>, _: &str, _: &[u8], _: &Checkpoint<'_>) -> Outcome {
    Outcome::Unsupported
}

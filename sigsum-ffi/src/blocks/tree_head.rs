//! Tree heads and witness cosignatures: the signed messages and their
//! signature checks.

use sigsum_core::{Cosignature, CosignedMessage, Hash, TreeHead, MAX_DECIMAL};

use crate::backend::{sigsum_backend, Backend};
use crate::ffi::{read_in, write_bytes};
use crate::panic::ffi_status;
use crate::status::sigsum_status;
use crate::types::{
    sigsum_cosignature, sigsum_hash, sigsum_public_key, sigsum_signature, sigsum_tree_head,
};

/// Write the checkpoint body a Sigsum log signs for `tree_head`,
/// `"sigsum.org/v1/tree/<hex log_key_hash>\n<size>\n<base64 root>\n"`, to
/// `out` (`out_cap` bytes; `SIGSUM_MAX_BODY_SIZE` always suffices, else
/// `SIGSUM_STATUS_BUFFER_TOO_SMALL`) and its length to `*out_len`. The body
/// is not NUL-terminated; nothing is written on failure.
///
/// # Safety
///
/// `tree_head`, `log_key_hash` readable; `out` writable for `out_cap` bytes
/// (NULL only if `out_cap` is 0); `out_len` writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_tree_head_write_body(
    tree_head: *const sigsum_tree_head,
    log_key_hash: *const sigsum_hash,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let th = unsafe { read_in(tree_head) }?;
        // SAFETY: forwarded from this function's contract.
        let kh = unsafe { read_in(log_key_hash) }?;
        let body = TreeHead::from(th).sigsum_body(&kh.into());
        // SAFETY: forwarded from this function's contract.
        unsafe { write_bytes(out, out_cap, out_len, body.as_bytes()) }
    })
}

/// Check the log's `signature` over the checkpoint body of `tree_head`, the
/// origin being derived from `log_key`: `SIGSUM_STATUS_OK` if valid, else
/// `SIGSUM_STATUS_BAD_LOG_SIGNATURE`. `backend`: NULL for the built-in
/// verifier.
///
/// # Safety
///
/// `tree_head`, `log_key`, `signature` readable; `backend` NULL or valid.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_tree_head_verify(
    tree_head: *const sigsum_tree_head,
    log_key: *const sigsum_public_key,
    signature: *const sigsum_signature,
    backend: *const sigsum_backend,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let th = unsafe { read_in(tree_head) }?;
        // SAFETY: forwarded from this function's contract.
        let key = unsafe { read_in(log_key) }?;
        // SAFETY: forwarded from this function's contract.
        let sig = unsafe { read_in(signature) }?;
        // SAFETY: forwarded from this function's contract.
        let b = unsafe { Backend::from_ptr(backend) }?;
        if TreeHead::from(th).verify_log_signature(&key.into(), &sig.into(), &b) {
            Ok(())
        } else {
            Err(sigsum_status::BadLogSignature)
        }
    })
}

/// Write the message a witness signs for `tree_head` of the log with key
/// hash `log_key_hash` at `timestamp`, `"cosignature/v1\ntime
/// <timestamp>\n"` followed by the checkpoint body, to `out` (`out_cap`
/// bytes; `SIGSUM_MAX_COSIGNED_MESSAGE_SIZE` always suffices) and its
/// length to `*out_len`. A timestamp above 2^63 - 1 is
/// `SIGSUM_STATUS_INVALID_PARAMETER`. Nothing is written on failure.
///
/// # Safety
///
/// As `sigsum_tree_head_write_body`.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_cosignature_write_message(
    timestamp: u64,
    tree_head: *const sigsum_tree_head,
    log_key_hash: *const sigsum_hash,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let th = unsafe { read_in(tree_head) }?;
        // SAFETY: forwarded from this function's contract.
        let kh = unsafe { read_in(log_key_hash) }?;
        if timestamp > MAX_DECIMAL {
            return Err(sigsum_status::InvalidParameter);
        }
        let body = TreeHead::from(th).sigsum_body(&kh.into());
        // The timestamp is in range and the buffer is the maximum size.
        let msg = CosignedMessage::new(timestamp, &body).ok_or(sigsum_status::Panic)?;
        // SAFETY: forwarded from this function's contract.
        unsafe { write_bytes(out, out_cap, out_len, msg.as_bytes()) }
    })
}

/// Check a witness `cosignature` by `witness_key` on `tree_head` of the log
/// whose key hash is `log_key_hash`.
///
/// Fails with `SIGSUM_STATUS_KEY_HASH_MISMATCH` if `cosignature->key_hash`
/// is not the hash of `witness_key`, `SIGSUM_STATUS_INVALID_PARAMETER` if
/// the timestamp exceeds 2^63 - 1 (no cosignature has one),
/// `SIGSUM_STATUS_BAD_COSIGNATURE` if the signature does not verify with
/// `backend` (NULL for the built-in verifier).
///
/// # Safety
///
/// All pointers but `backend` must be readable; `backend` NULL or valid.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_cosignature_verify(
    cosignature: *const sigsum_cosignature,
    witness_key: *const sigsum_public_key,
    log_key_hash: *const sigsum_hash,
    tree_head: *const sigsum_tree_head,
    backend: *const sigsum_backend,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let c = unsafe { read_in(cosignature) }?;
        // SAFETY: forwarded from this function's contract.
        let wk = unsafe { read_in(witness_key) }?;
        // SAFETY: forwarded from this function's contract.
        let kh = unsafe { read_in(log_key_hash) }?;
        // SAFETY: forwarded from this function's contract.
        let th = unsafe { read_in(tree_head) }?;
        // SAFETY: forwarded from this function's contract.
        let b = unsafe { Backend::from_ptr(backend) }?;
        let c = Cosignature::from(c);
        let wk = wk.into();
        // Diagnose first, so each failure has its own status; the verdict
        // itself is the core's.
        if sigsum_core::PublicKey::key_hash(&wk) != c.key_hash {
            return Err(sigsum_status::KeyHashMismatch);
        }
        if c.timestamp > MAX_DECIMAL {
            return Err(sigsum_status::InvalidParameter);
        }
        if c.verify(&wk, &Hash::from(kh), &TreeHead::from(th), &b) {
            Ok(())
        } else {
            Err(sigsum_status::BadCosignature)
        }
    })
}

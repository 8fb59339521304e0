//! One Ed25519 signature check, with the built-in verifier or a backend.

use crate::backend::{sigsum_backend, Backend};
use crate::ffi::{bytes_in, read_in};
use crate::panic::ffi_status;
use crate::status::sigsum_status;
use crate::types::{sigsum_public_key, sigsum_signature};
use sigsum_core::Ed25519Backend;

/// Check an Ed25519 signature over `message` (`message_len` bytes) with
/// `backend` (NULL for the built-in verifier).
///
/// Returns `SIGSUM_STATUS_OK` if the signature is valid,
/// `SIGSUM_STATUS_BAD_SIGNATURE` if not, `SIGSUM_STATUS_NULL_PARAMETER` if
/// `public_key` or `signature` is NULL (or `message` is NULL with a non-zero
/// length), `SIGSUM_STATUS_INVALID_PARAMETER` for a backend without a verify
/// function.
///
/// # Safety
///
/// `public_key` and `signature` must point to readable structs; `message`
/// must be readable for `message_len` bytes (it may be NULL if
/// `message_len` is 0); `backend` must be NULL or a valid backend.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_ed25519_verify(
    public_key: *const sigsum_public_key,
    message: *const u8,
    message_len: usize,
    signature: *const sigsum_signature,
    backend: *const sigsum_backend,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let key = unsafe { read_in(public_key) }?;
        // SAFETY: forwarded from this function's contract.
        let msg = unsafe { bytes_in(message, message_len) }?;
        // SAFETY: forwarded from this function's contract.
        let sig = unsafe { read_in(signature) }?;
        // SAFETY: forwarded from this function's contract.
        let backend = unsafe { Backend::from_ptr(backend) }?;
        if backend.verify(&key.into(), msg, &sig.into()) {
            Ok(())
        } else {
            Err(sigsum_status::BadSignature)
        }
    })
}

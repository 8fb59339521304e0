//! Sigsum leaves: binary form, signed data, hash, signature check.

use sigsum_core::{leaf_signed_data, Leaf};

use crate::backend::{sigsum_backend, Backend};
use crate::ffi::{bytes_in, read_in, write_bytes, Out};
use crate::panic::ffi_status;
use crate::status::sigsum_status;
use crate::types::{sigsum_hash, sigsum_leaf, sigsum_public_key};

/// Parse a binary leaf from `bytes` (`bytes_len` must be exactly
/// `SIGSUM_LEAF_SIZE`, 128, else `SIGSUM_STATUS_MALFORMED_LEAF`).
///
/// Writes `*out` only on success.
///
/// # Safety
///
/// `bytes` must be readable for `bytes_len` bytes; `out` writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_leaf_parse(
    bytes: *const u8,
    bytes_len: usize,
    out: *mut sigsum_leaf,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let b = unsafe { bytes_in(bytes, bytes_len) }?;
        let out = Out::new(out)?;
        let l = Leaf::from_bytes(b).map_err(|_| sigsum_status::MalformedLeaf)?;
        // SAFETY: writable per contract.
        unsafe { out.write(l.into()) };
        Ok(())
    })
}

/// Write the `SIGSUM_LEAF_SIZE` (128) byte binary form of `leaf`
/// (`checksum || signature || key_hash`) to `out` (`out_cap` bytes) and
/// its length to `*out_len`; `SIGSUM_STATUS_BUFFER_TOO_SMALL` (nothing
/// written) if `out_cap` is below 128.
///
/// # Safety
///
/// `leaf` must be readable; `out` writable for `out_cap` bytes; `out_len`
/// writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_leaf_write_bytes(
    leaf: *const sigsum_leaf,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let l = unsafe { read_in(leaf) }?;
        // SAFETY: forwarded from this function's contract.
        unsafe { write_bytes(out, out_cap, out_len, &Leaf::from(l).to_bytes()) }
    })
}

/// Write the `SIGSUM_LEAF_SIGNED_DATA_SIZE` (56) bytes a submitter signs
/// for a leaf with `checksum` (`"sigsum.org/v1/tree-leaf"`, a NUL byte, the
/// checksum) to `out` (`out_cap` bytes) and its length to `*out_len`;
/// `SIGSUM_STATUS_BUFFER_TOO_SMALL` (nothing written) if `out_cap` is
/// below 56. The checksum of a message is `SHA-256(message)`
/// (`sigsum_hash_sha256`).
///
/// # Safety
///
/// `checksum` must be readable; `out` writable for `out_cap` bytes;
/// `out_len` writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_leaf_write_signed_data(
    checksum: *const sigsum_hash,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let c = unsafe { read_in(checksum) }?;
        // SAFETY: forwarded from this function's contract.
        unsafe { write_bytes(out, out_cap, out_len, &leaf_signed_data(&c.into())) }
    })
}

/// The Merkle leaf hash of `leaf`, `SHA-256(0x00 || 128-byte leaf)`,
/// written to `*out`.
///
/// Writes `*out` only on success. Fails only on invalid arguments.
///
/// # Safety
///
/// `leaf` must be readable; `out` writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_leaf_hash(
    leaf: *const sigsum_leaf,
    out: *mut sigsum_hash,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let l = unsafe { read_in(leaf) }?;
        let out = Out::new(out)?;
        // SAFETY: writable per contract.
        unsafe { out.write(Leaf::from(l).hash().into()) };
        Ok(())
    })
}

/// Check that `signer_key` made `leaf`: its key hash must equal
/// `leaf->key_hash` (else `SIGSUM_STATUS_KEY_HASH_MISMATCH`, before any
/// signature check) and the signature over the leaf signed data must
/// verify with `backend` (NULL for the built-in verifier; else
/// `SIGSUM_STATUS_BAD_LEAF_SIGNATURE`).
///
/// # Safety
///
/// `leaf` and `signer_key` must be readable; `backend` NULL or valid.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_leaf_verify(
    leaf: *const sigsum_leaf,
    signer_key: *const sigsum_public_key,
    backend: *const sigsum_backend,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let l = unsafe { read_in(leaf) }?;
        // SAFETY: forwarded from this function's contract.
        let k = unsafe { read_in(signer_key) }?;
        // SAFETY: forwarded from this function's contract.
        let b = unsafe { Backend::from_ptr(backend) }?;
        let key = sigsum_core::PublicKey::from(k);
        let leaf = Leaf::from(l);
        // Diagnose first, so each failure has its own status; the verdict
        // itself is the core's.
        if key.key_hash() != leaf.key_hash {
            return Err(sigsum_status::KeyHashMismatch);
        }
        leaf.verify(&key, &b)
            .map_err(|_| sigsum_status::BadLeafSignature)
    })
}

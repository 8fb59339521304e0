//! Leaves: checksum, signed data, binary form, hash, signature check.

use sigsum_core::{hash_leaf, hash_node};
use sigsum_core::{leaf_checksum, leaf_signed_data, Leaf};

use crate::backend::{sigsum_backend, Backend};
use crate::ffi::{bytes_in, read_in, Out, OutBuf};
use crate::panic::ffi_status;
use crate::status::sigsum_status;
use crate::types::{
    sigsum_hash, sigsum_leaf, sigsum_public_key, SIGSUM_LEAF_SIGNED_DATA_SIZE, SIGSUM_LEAF_SIZE,
};

/// The leaf checksum of a 32-byte `message`: `SHA-256(message)`.
///
/// In Sigsum the message is normally `SHA-256(data)` of the signed file, so
/// the checksum is a double hash. Writes `*checksum` only on success.
///
/// # Safety
///
/// `message` must be readable; `checksum` writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_leaf_checksum(
    message: *const sigsum_hash,
    checksum_out: *mut sigsum_hash,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let m = unsafe { read_in(message) }?;
        let out = Out::new(checksum_out)?;
        let c = leaf_checksum(&m.into());
        // SAFETY: writable per contract.
        unsafe { out.write(c.into()) };
        Ok(())
    })
}

/// The `SIGSUM_LEAF_SIGNED_DATA_SIZE` (56) bytes a submitter signs for
/// `checksum`: `"sigsum.org/v1/tree-leaf"`, a NUL byte, the checksum.
///
/// Writes `out` (56 bytes) only on success.
///
/// # Safety
///
/// `checksum` must be readable; `out` writable for 56 bytes.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_leaf_signed_data(
    checksum: *const sigsum_hash,
    out: *mut u8,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let c = unsafe { read_in(checksum) }?;
        if out.is_null() {
            return Err(sigsum_status::NullParameter);
        }
        let dst = OutBuf::new(out, SIGSUM_LEAF_SIGNED_DATA_SIZE)?;
        let data = leaf_signed_data(&c.into());
        // SAFETY: writable for 56 bytes per contract.
        unsafe { dst.write(&data) }
    })
}

/// Parse a binary leaf (`bytes_len` must be exactly `SIGSUM_LEAF_SIZE`,
/// 128, else `SIGSUM_STATUS_LEAF_LENGTH`).
///
/// Writes `*leaf` only on success.
///
/// # Safety
///
/// `bytes` must be readable for `bytes_len` bytes; `leaf` writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_leaf_from_bytes(
    bytes: *const u8,
    bytes_len: usize,
    leaf: *mut sigsum_leaf,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let b = unsafe { bytes_in(bytes, bytes_len) }?;
        let out = Out::new(leaf)?;
        let l = Leaf::from_bytes(b)?;
        // SAFETY: writable per contract.
        unsafe { out.write(l.into()) };
        Ok(())
    })
}

/// The 128-byte binary form of `leaf` (`checksum || signature ||
/// key_hash`), written to `out` (`SIGSUM_LEAF_SIZE` bytes) only on success.
///
/// # Safety
///
/// `leaf` must be readable; `out` writable for 128 bytes.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_leaf_to_bytes(
    leaf: *const sigsum_leaf,
    out: *mut u8,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let l = unsafe { read_in(leaf) }?;
        if out.is_null() {
            return Err(sigsum_status::NullParameter);
        }
        let dst = OutBuf::new(out, SIGSUM_LEAF_SIZE)?;
        let bytes = Leaf::from(l).to_bytes();
        // SAFETY: writable for 128 bytes per contract.
        unsafe { dst.write(&bytes) }
    })
}

/// The Merkle leaf hash of `leaf`: `SHA-256(0x00 || 128-byte leaf)`.
///
/// Writes `*hash` only on success.
///
/// # Safety
///
/// `leaf` must be readable; `hash` writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_leaf_hash(
    leaf: *const sigsum_leaf,
    hash: *mut sigsum_hash,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let l = unsafe { read_in(leaf) }?;
        let out = Out::new(hash)?;
        let h = Leaf::from(l).hash();
        // SAFETY: writable per contract.
        unsafe { out.write(h.into()) };
        Ok(())
    })
}

/// Check that `submitter_key` made `leaf`: its key hash must equal
/// `leaf->key_hash` (else `SIGSUM_STATUS_LEAF_KEY_HASH_MISMATCH`) and the
/// signature over the leaf signed data must verify with `backend` (NULL for
/// the built-in verifier; else `SIGSUM_STATUS_LEAF_BAD_SIGNATURE`).
///
/// # Safety
///
/// `leaf` and `submitter_key` must be readable; `backend` NULL or valid.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_leaf_verify(
    leaf: *const sigsum_leaf,
    submitter_key: *const sigsum_public_key,
    backend: *const sigsum_backend,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let l = unsafe { read_in(leaf) }?;
        // SAFETY: forwarded from this function's contract.
        let k = unsafe { read_in(submitter_key) }?;
        // SAFETY: forwarded from this function's contract.
        let b = unsafe { Backend::from_ptr(backend) }?;
        Leaf::from(l).verify(&k.into(), &b)?;
        Ok(())
    })
}

/// RFC 6962 leaf hash of arbitrary data: `SHA-256(0x00 || data)`.
///
/// Writes `*hash` only on success.
///
/// # Safety
///
/// `data` must be readable for `data_len` bytes; `hash` writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_merkle_hash_leaf(
    data: *const u8,
    data_len: usize,
    hash: *mut sigsum_hash,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let d = unsafe { bytes_in(data, data_len) }?;
        let out = Out::new(hash)?;
        let h = hash_leaf(d);
        // SAFETY: writable per contract.
        unsafe { out.write(h.into()) };
        Ok(())
    })
}

/// RFC 6962 interior node hash: `SHA-256(0x01 || left || right)`.
///
/// Writes `*hash` only on success; `hash` may alias `left` or `right`.
///
/// # Safety
///
/// `left` and `right` must be readable; `hash` writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_merkle_hash_node(
    left: *const sigsum_hash,
    right: *const sigsum_hash,
    hash: *mut sigsum_hash,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let l = unsafe { read_in(left) }?;
        // SAFETY: forwarded from this function's contract.
        let r = unsafe { read_in(right) }?;
        let out = Out::new(hash)?;
        let h = hash_node(&l.into(), &r.into());
        // SAFETY: writable per contract.
        unsafe { out.write(h.into()) };
        Ok(())
    })
}

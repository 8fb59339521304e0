//! Merkle inclusion and consistency proofs (RFC 9162), from arrays of hashes.

use sigsum_core::{
    consistency_path_len, inclusion_path_len, root_from_inclusion, verify_consistency,
    verify_inclusion, Hash,
};

use crate::ffi::{hashes_in, read_in, Out};
use crate::panic::ffi_status;
use crate::status::sigsum_status;
use crate::types::sigsum_hash;

fn nodes(path: &[sigsum_hash]) -> impl ExactSizeIterator<Item = Hash> + '_ {
    path.iter().map(|h| Hash(h.bytes))
}

/// The number of hashes in the inclusion proof of leaf `index` in a tree
/// of `size` leaves (0 for a tree of one leaf), written to `*path_len` on
/// success. `SIGSUM_STATUS_MERKLE_INDEX_OUT_OF_RANGE` if `index >= size`.
///
/// # Safety
///
/// `path_len` must be writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_inclusion_path_len(
    index: u64,
    size: u64,
    path_len: *mut usize,
) -> sigsum_status {
    ffi_status(|| {
        let out = Out::new(path_len)?;
        let n = inclusion_path_len(index, size).ok_or(sigsum_status::MerkleIndexOutOfRange)?;
        // SAFETY: writable per contract.
        unsafe { out.write(n) };
        Ok(())
    })
}

/// The number of hashes in the consistency proof from a tree of `old_size`
/// leaves to one of `new_size` leaves (0 when the sizes are equal or
/// `old_size` is 0), written to `*path_len` on success.
/// `SIGSUM_STATUS_MERKLE_OLD_SIZE_AFTER_NEW_SIZE` if `old_size > new_size`.
///
/// # Safety
///
/// `path_len` must be writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_consistency_path_len(
    old_size: u64,
    new_size: u64,
    path_len: *mut usize,
) -> sigsum_status {
    ffi_status(|| {
        let out = Out::new(path_len)?;
        let n = consistency_path_len(old_size, new_size)
            .ok_or(sigsum_status::MerkleOldSizeAfterNewSize)?;
        // SAFETY: writable per contract.
        unsafe { out.write(n) };
        Ok(())
    })
}

/// Verify that `leaf_hash` is leaf `index` of the tree of `size` leaves
/// whose root is `root`, with the inclusion proof `path` (`path_len`
/// hashes, the leaf's sibling first; `(NULL, 0)` for a one-leaf tree).
///
/// Fails with `SIGSUM_STATUS_MERKLE_INDEX_OUT_OF_RANGE` (`index >= size`),
/// `SIGSUM_STATUS_MERKLE_PATH_TOO_SHORT` / `_TOO_LONG` (checked before any
/// hashing), `SIGSUM_STATUS_MERKLE_PATH_LIMIT_EXCEEDED`, or
/// `SIGSUM_STATUS_MERKLE_ROOT_MISMATCH`.
///
/// # Safety
///
/// `leaf_hash` and `root` must be readable; `path` readable for `path_len`
/// hashes (NULL only if `path_len` is 0).
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_inclusion_verify(
    leaf_hash: *const sigsum_hash,
    index: u64,
    size: u64,
    root: *const sigsum_hash,
    path: *const sigsum_hash,
    path_len: usize,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let leaf = unsafe { read_in(leaf_hash) }?;
        // SAFETY: forwarded from this function's contract.
        let root = unsafe { read_in(root) }?;
        // SAFETY: forwarded from this function's contract.
        let path = unsafe { hashes_in(path, path_len) }?;
        verify_inclusion(&leaf.into(), index, size, &root.into(), nodes(path))?;
        Ok(())
    })
}

/// The root an inclusion proof leads to (same arguments and errors as
/// `sigsum_inclusion_verify`, without the final comparison), written to
/// `*root` on success. `root` may alias `leaf_hash` or a path element.
///
/// # Safety
///
/// `leaf_hash` readable; `path` readable for `path_len` hashes; `root`
/// writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_inclusion_root(
    leaf_hash: *const sigsum_hash,
    index: u64,
    size: u64,
    path: *const sigsum_hash,
    path_len: usize,
    root: *mut sigsum_hash,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let leaf = unsafe { read_in(leaf_hash) }?;
        // SAFETY: forwarded from this function's contract.
        let path = unsafe { hashes_in(path, path_len) }?;
        let out = Out::new(root)?;
        let r = root_from_inclusion(&leaf.into(), index, size, nodes(path))?;
        // SAFETY: writable per contract.
        unsafe { out.write(r.into()) };
        Ok(())
    })
}

/// Verify that the tree of `old_size` leaves with root `old_root` is a
/// prefix of the tree of `new_size` leaves with root `new_root`, with the
/// consistency proof `path` (`path_len` hashes).
///
/// Fails with `SIGSUM_STATUS_MERKLE_OLD_SIZE_AFTER_NEW_SIZE`, `_NON_EMPTY_PATH`
/// (equal sizes or `old_size` 0 need an empty path), `_OLD_ROOT_NOT_EMPTY`,
/// `_EQUAL_SIZE_ROOTS_DIFFER`, `_PATH_TOO_SHORT` / `_TOO_LONG`,
/// `_PATH_LIMIT_EXCEEDED`, `_OLD_ROOT_MISMATCH` or `_NEW_ROOT_MISMATCH`
/// (all `SIGSUM_STATUS_MERKLE_*`).
///
/// # Safety
///
/// `old_root`, `new_root` readable; `path` readable for `path_len` hashes.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_consistency_verify(
    old_size: u64,
    new_size: u64,
    old_root: *const sigsum_hash,
    new_root: *const sigsum_hash,
    path: *const sigsum_hash,
    path_len: usize,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let old = unsafe { read_in(old_root) }?;
        // SAFETY: forwarded from this function's contract.
        let new = unsafe { read_in(new_root) }?;
        // SAFETY: forwarded from this function's contract.
        let path = unsafe { hashes_in(path, path_len) }?;
        verify_consistency(old_size, new_size, &old.into(), &new.into(), nodes(path))?;
        Ok(())
    })
}

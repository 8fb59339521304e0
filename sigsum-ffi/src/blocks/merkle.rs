//! Merkle trees (RFC 9162): node hashes, inclusion and consistency proofs
//! from arrays of hashes.

use sigsum_core::{
    hash_leaf, hash_node, root_from_inclusion, verify_consistency, verify_inclusion, Hash,
};

use crate::detail::{sigsum_detail, sigsum_step, with_detail};
use crate::errors;
use crate::ffi::{bytes_in, hashes_in, read_in, Out};
use crate::panic::ffi_status;
use crate::status::sigsum_status;
use crate::types::sigsum_hash;

fn nodes(path: &[sigsum_hash]) -> impl ExactSizeIterator<Item = Hash> + '_ {
    path.iter().map(|h| Hash(h.bytes))
}

/// RFC 6962 leaf hash of arbitrary `data` (`data_len` bytes):
/// `SHA-256(0x00 || data)`, written to `*out`. (A Sigsum leaf's hash is
/// `sigsum_leaf_hash`.)
///
/// Writes `*out` only on success. Fails only on invalid arguments.
///
/// # Safety
///
/// `data` must be readable for `data_len` bytes; `out` writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_merkle_hash_leaf(
    data: *const u8,
    data_len: usize,
    out: *mut sigsum_hash,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let d = unsafe { bytes_in(data, data_len) }?;
        let out = Out::new(out)?;
        // SAFETY: writable per contract.
        unsafe { out.write(hash_leaf(d).into()) };
        Ok(())
    })
}

/// RFC 6962 interior node hash: `SHA-256(0x01 || left || right)`, written
/// to `*out` (which may alias `left` or `right`).
///
/// Writes `*out` only on success. Fails only on invalid arguments.
///
/// # Safety
///
/// `left` and `right` must be readable; `out` writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_merkle_hash_node(
    left: *const sigsum_hash,
    right: *const sigsum_hash,
    out: *mut sigsum_hash,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let l = unsafe { read_in(left) }?;
        // SAFETY: forwarded from this function's contract.
        let r = unsafe { read_in(right) }?;
        let out = Out::new(out)?;
        // SAFETY: writable per contract.
        unsafe { out.write(hash_node(&l.into(), &r.into()).into()) };
        Ok(())
    })
}

/// Verify that `leaf_hash` is leaf `leaf_index` of the tree of `tree_size`
/// leaves whose root is `root_hash`, with the inclusion proof `path`
/// (`path_count` hashes, the leaf's sibling first; `(NULL, 0)` for a
/// one-leaf tree).
///
/// Fails with `SIGSUM_STATUS_INCLUSION_FAILED`; `detail->message` says why:
/// the index is not below the size, the path has the wrong length (checked
/// before any hashing), or it does not lead to the root. `detail` (NULL or
/// writable) is always written.
///
/// # Safety
///
/// `leaf_hash` and `root_hash` must be readable; `path` readable for
/// `path_count` hashes (NULL only if `path_count` is 0); `detail` NULL or
/// writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_merkle_verify_inclusion(
    leaf_hash: *const sigsum_hash,
    leaf_index: u64,
    tree_size: u64,
    root_hash: *const sigsum_hash,
    path: *const sigsum_hash,
    path_count: usize,
    detail: *mut sigsum_detail,
) -> sigsum_status {
    with_detail(detail, |d| {
        // SAFETY: forwarded from this function's contract.
        let leaf = unsafe { read_in(leaf_hash) }?;
        // SAFETY: forwarded from this function's contract.
        let root = unsafe { read_in(root_hash) }?;
        // SAFETY: forwarded from this function's contract.
        let path = unsafe { hashes_in(path, path_count) }?;
        verify_inclusion(
            &leaf.into(),
            leaf_index,
            tree_size,
            &root.into(),
            nodes(path),
        )
        .map_err(|e| errors::merkle(d, sigsum_step::Inclusion, &e))
    })
}

/// The root hash an inclusion proof leads to, written to `*out` on success
/// (which may alias `leaf_hash` or a path element): same arguments and
/// errors as `sigsum_merkle_verify_inclusion`, without the final
/// comparison.
///
/// # Safety
///
/// `leaf_hash` readable; `path` readable for `path_count` hashes; `out`
/// writable; `detail` NULL or writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_merkle_compute_root(
    leaf_hash: *const sigsum_hash,
    leaf_index: u64,
    tree_size: u64,
    path: *const sigsum_hash,
    path_count: usize,
    out: *mut sigsum_hash,
    detail: *mut sigsum_detail,
) -> sigsum_status {
    with_detail(detail, |d| {
        // SAFETY: forwarded from this function's contract.
        let leaf = unsafe { read_in(leaf_hash) }?;
        // SAFETY: forwarded from this function's contract.
        let path = unsafe { hashes_in(path, path_count) }?;
        let out = Out::new(out)?;
        let r = root_from_inclusion(&leaf.into(), leaf_index, tree_size, nodes(path))
            .map_err(|e| errors::merkle(d, sigsum_step::Inclusion, &e))?;
        // SAFETY: writable per contract.
        unsafe { out.write(r.into()) };
        Ok(())
    })
}

/// Verify that the tree of `old_size` leaves with root `old_root` is a
/// prefix of the tree of `new_size` leaves with root `new_root`, with the
/// consistency proof `path` (`path_count` hashes).
///
/// Fails with `SIGSUM_STATUS_CONSISTENCY_FAILED`; `detail->message` says
/// why: the old size is larger than the new size, the path has the wrong
/// length (equal sizes and an empty old tree need an empty path), the
/// roots of equal sizes differ, or the path does not lead to the old or to
/// the new root. `detail` (NULL or writable) is always written.
///
/// # Safety
///
/// `old_root`, `new_root` readable; `path` readable for `path_count`
/// hashes; `detail` NULL or writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_merkle_verify_consistency(
    old_size: u64,
    new_size: u64,
    old_root: *const sigsum_hash,
    new_root: *const sigsum_hash,
    path: *const sigsum_hash,
    path_count: usize,
    detail: *mut sigsum_detail,
) -> sigsum_status {
    with_detail(detail, |d| {
        // SAFETY: forwarded from this function's contract.
        let old = unsafe { read_in(old_root) }?;
        // SAFETY: forwarded from this function's contract.
        let new = unsafe { read_in(new_root) }?;
        // SAFETY: forwarded from this function's contract.
        let path = unsafe { hashes_in(path, path_count) }?;
        verify_consistency(old_size, new_size, &old.into(), &new.into(), nodes(path))
            .map_err(|e| errors::merkle(d, sigsum_step::Consistency, &e))
    })
}

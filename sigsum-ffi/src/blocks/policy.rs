//! Questions to a loaded policy: its logs, its witnesses, its quorum.

use sigsum_core::{TrustPolicy, WitnessSet};

use crate::ffi::{hashes_in, read_in, Out};
use crate::panic::ffi_status;
use crate::policy::{policy_in, sigsum_policy};
use crate::status::sigsum_status;
use crate::types::{sigsum_hash, sigsum_public_key};

/// Look up a log of the loaded `policy` by its key hash `key_hash`: write
/// its public key to `*out` if the policy lists it, else fail with
/// `SIGSUM_STATUS_UNKNOWN_LOG`.
///
/// # Safety
///
/// `policy` a loaded policy (see `sigsum_policy`); `key_hash` readable;
/// `out` writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_policy_find_log(
    policy: *const sigsum_policy,
    key_hash: *const sigsum_hash,
    out: *mut sigsum_public_key,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let p = unsafe { policy_in(policy) }?;
        // SAFETY: forwarded from this function's contract.
        let kh = unsafe { read_in(key_hash) }?;
        let out = Out::new(out)?;
        let key = p.log_key(&kh.into()).ok_or(sigsum_status::UnknownLog)?;
        // SAFETY: writable per contract.
        unsafe { out.write(key.into()) };
        Ok(())
    })
}

/// Look up a witness of the loaded `policy` by its key hash `key_hash`:
/// write its public key to `*out` and, if `index_out` is not NULL, its
/// index in the policy (stable for a given policy, below 255) to
/// `*index_out`. `SIGSUM_STATUS_UNKNOWN_WITNESS` if the policy does not
/// list it.
///
/// # Safety
///
/// `policy` a loaded policy; `key_hash` readable; `out` writable;
/// `index_out` NULL or writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_policy_find_witness(
    policy: *const sigsum_policy,
    key_hash: *const sigsum_hash,
    out: *mut sigsum_public_key,
    index_out: *mut u32,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let p = unsafe { policy_in(policy) }?;
        // SAFETY: forwarded from this function's contract.
        let kh = unsafe { read_in(key_hash) }?;
        let out = Out::new(out)?;
        let out_index = Out::optional(index_out);
        let (i, key) = p.witness(&kh.into()).ok_or(sigsum_status::UnknownWitness)?;
        // SAFETY: writable per contract.
        unsafe { out.write(key.into()) };
        if let Some(o) = out_index {
            // SAFETY: writable per contract.
            unsafe { o.write(u32::from(i)) };
        }
        Ok(())
    })
}

/// Quorum evaluation: do the witnesses whose key hashes are listed in
/// `witness_key_hashes` (`witness_key_hashes_count` hashes; `(NULL, 0)` for
/// none) satisfy the quorum of the loaded `policy`? The caller lists the
/// witnesses whose cosignatures it verified (for example with
/// `sigsum_checkpoint_verify_cosignatures`). Key hashes the policy does not
/// know are ignored, duplicates count once.
///
/// Returns `SIGSUM_STATUS_OK` if the quorum is met,
/// `SIGSUM_STATUS_QUORUM_NOT_MET` if not.
///
/// # Safety
///
/// `policy` a loaded policy; `witness_key_hashes` readable for
/// `witness_key_hashes_count` hashes.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_policy_check_quorum(
    policy: *const sigsum_policy,
    witness_key_hashes: *const sigsum_hash,
    witness_key_hashes_count: usize,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let p = unsafe { policy_in(policy) }?;
        // SAFETY: forwarded from this function's contract.
        let hashes = unsafe { hashes_in(witness_key_hashes, witness_key_hashes_count) }?;
        let mut set = WitnessSet::EMPTY;
        for h in hashes {
            if let Some((i, _)) = p.witness(&(*h).into()) {
                set.insert(i);
            }
        }
        if p.is_satisfied(&set) {
            Ok(())
        } else {
            Err(sigsum_status::QuorumNotMet)
        }
    })
}

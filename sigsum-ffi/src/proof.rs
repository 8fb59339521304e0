//! Verify a Sigsum proof, with an optional freshness check.

use core::ffi::c_char;

use sigsum_core::{verify, Freshness, FreshnessError, Proof, PublicKey, Verified, VerifyError};

use crate::backend::{sigsum_backend, Backend};
use crate::basic::text_in;
use crate::detail::{sigsum_detail, sigsum_step, with_detail};
use crate::errors;
use crate::ffi::{array_in, read_in};
use crate::policy::{policy_in, sigsum_policy};
use crate::status::sigsum_status;
use crate::types::{sigsum_hash, sigsum_public_key};

/// Most submitter keys `sigsum_proof_verify` takes.
pub const SIGSUM_MAX_SIGNER_KEYS: usize = 256;

/// The freshness `sigsum_proof_verify` requires of a proof, in POSIX
/// seconds.
///
/// The proof's quorum timestamp T is the newest time such that the
/// cosignatures with timestamp >= T alone satisfy the policy's quorum.
/// The proof is fresh if T exists (`SIGSUM_STATUS_NO_QUORUM_TIMESTAMP`
/// otherwise: a `quorum none` policy asks for no cosignature, so it has no
/// T), T is at most `max_skew` seconds after `now`
/// (`SIGSUM_STATUS_IN_FUTURE` otherwise), and `now - T` (0 if T is after
/// `now`) is at most `max_age` (`SIGSUM_STATUS_TOO_OLD` otherwise).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct sigsum_freshness {
    /// The current time.
    pub now: u64,
    /// The largest accepted age of the quorum timestamp, in seconds.
    pub max_age: u64,
    /// How far in the future (after `now`) the quorum timestamp may be,
    /// in seconds: the clock skew you accept between you and the
    /// witnesses. `UINT64_MAX` accepts any future timestamp (as age 0).
    pub max_skew: u64,
}

impl From<sigsum_freshness> for Freshness {
    fn from(f: sigsum_freshness) -> Self {
        Freshness {
            now: f.now,
            max_age: f.max_age,
            max_skew: f.max_skew,
        }
    }
}

/// The status of a freshness failure (the core's one rule,
/// `Verified::check_freshness`).
pub(crate) fn stale_status(e: &FreshnessError) -> sigsum_status {
    match e {
        FreshnessError::NoQuorumTimestamp => sigsum_status::NoQuorumTimestamp,
        FreshnessError::InFuture { .. } => sigsum_status::InFuture,
        _ => sigsum_status::TooOld,
    }
}

/// Verify a Sigsum proof, as sigsum-go's `sigsum-verify` does: the 32-byte
/// `message` (normally SHA-256 of the signed data, see
/// `sigsum_hash_sha256`) was signed by one of `signer_keys`
/// (`signer_keys_count` keys, at most `SIGSUM_MAX_SIGNER_KEYS`), logged by a
/// log of `policy` (loaded with a `sigsum_policy_load_*` function), and
/// cosigned by witnesses satisfying its quorum; and, if `freshness` is not
/// NULL, that the quorum timestamp is fresh (see `sigsum_freshness`).
///
/// `proof` is the proof text (`proof_len` bytes; version 1 or 2,
/// sigsum-go's format, parsed strictly). `backend`: NULL for the built-in
/// Ed25519 verifier.
///
/// Returns `SIGSUM_STATUS_OK` if the proof holds; otherwise the reason:
/// `SIGSUM_STATUS_MALFORMED_PROOF`, a verdict of the 200 block
/// (`SIGSUM_STATUS_SHORT_CHECKSUM_MISMATCH`, `_UNKNOWN_SIGNER_KEY`,
/// `_UNKNOWN_LOG`, `_INCLUSION_FAILED`, `_BAD_LEAF_SIGNATURE`,
/// `_BAD_LOG_SIGNATURE`, `_QUORUM_NOT_MET`), a freshness status of the 300
/// block, or an argument error. Checks run cheapest first: parse, short
/// checksum (v1), signer key, log, inclusion, leaf signature, log
/// signature, cosignatures (newest first, only until the quorum is
/// decided), freshness.
///
/// If `detail` is not NULL it is always written: on failure the `step` that
/// failed, the `line` of a syntax error and the `message` (and the
/// cosignature counts for a quorum failure); once the proof verified (also
/// when the freshness check then fails) the counts, the log and submitter
/// key hashes, leaf index, tree size and the quorum timestamp.
///
/// # Safety
///
/// `message` readable; `signer_keys` readable for `signer_keys_count` keys
/// (NULL only if 0); `policy` a loaded policy whose input is alive and
/// unchanged; `proof` readable for `proof_len` bytes; `freshness` and
/// `backend` NULL or valid; `detail` NULL or writable.
#[no_mangle]
#[must_use]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn sigsum_proof_verify(
    message: *const sigsum_hash,
    signer_keys: *const sigsum_public_key,
    signer_keys_count: usize,
    policy: *const sigsum_policy,
    proof: *const c_char,
    proof_len: usize,
    freshness: *const sigsum_freshness,
    backend: *const sigsum_backend,
    detail: *mut sigsum_detail,
) -> sigsum_status {
    with_detail(detail, |d| {
        // SAFETY: forwarded from this function's contract.
        let msg = unsafe { read_in(message) }?;
        // SAFETY: forwarded from this function's contract.
        let keys = unsafe { array_in(signer_keys, signer_keys_count) }?;
        // SAFETY: forwarded from this function's contract.
        let text = unsafe { text_in(proof, proof_len) }?;
        let fresh = if freshness.is_null() {
            None
        } else {
            // SAFETY: non-NULL and readable per this function's contract.
            Some(unsafe { read_in(freshness) }?)
        };
        // SAFETY: forwarded from this function's contract.
        let b = unsafe { Backend::from_ptr(backend) }?;
        // SAFETY: forwarded from this function's contract.
        let policy = unsafe { policy_in(policy) }.map_err(|s| {
            d.fail(
                s,
                sigsum_step::Arguments,
                0,
                0,
                &"policy is NULL, misaligned or not loaded",
            )
        })?;
        let mut key_buf = [PublicKey([0; 32]); SIGSUM_MAX_SIGNER_KEYS];
        let keys = copy_keys(keys, &mut key_buf).ok_or_else(|| {
            d.fail(
                sigsum_status::InvalidParameter,
                sigsum_step::Arguments,
                0,
                0,
                &format_args!("more than {SIGSUM_MAX_SIGNER_KEYS} signer keys"),
            )
        })?;
        let p = Proof::parse(text).map_err(|e| errors::proof(d, e))?;
        let v = verify(&msg.into(), keys, policy, &p, &b);
        report(d, v, fresh)
    })
}

/// Write a verification's outcome to `d`: the failure, or the counts and
/// the proof's values and then the freshness check.
pub(crate) fn report(
    d: &mut sigsum_detail,
    v: Result<Verified, VerifyError>,
    fresh: Option<sigsum_freshness>,
) -> Result<(), sigsum_status> {
    let v = v.map_err(|e| errors::verify(d, e))?;
    d.cosignatures_verified = u32::try_from(v.cosignatures_verified).unwrap_or(u32::MAX);
    d.cosignatures_failed = u32::try_from(v.cosignatures_failed).unwrap_or(u32::MAX);
    d.signature_checks = u32::try_from(v.signature_checks).unwrap_or(u32::MAX);
    if let Some(ts) = v.quorum_timestamp {
        d.has_quorum_timestamp = 1;
        d.quorum_timestamp = ts;
    }
    d.leaf_index = v.leaf_index;
    d.tree_size = v.tree_size;
    d.log_key_hash = v.log_key_hash.into();
    d.signer_key_hash = v.signer_key_hash.into();
    if let Some(f) = fresh {
        v.check_freshness(&f.into())
            .map_err(|e| d.fail(stale_status(&e), sigsum_step::Freshness, 0, 0, &e))?;
    }
    Ok(())
}

/// The keys as core keys, in `buf`; `None` if there are too many.
pub(crate) fn copy_keys<'k>(
    keys: &[sigsum_public_key],
    buf: &'k mut [PublicKey; SIGSUM_MAX_SIGNER_KEYS],
) -> Option<&'k [PublicKey]> {
    let buf = buf.get_mut(..keys.len())?;
    for (dst, k) in buf.iter_mut().zip(keys) {
        *dst = PublicKey(k.bytes);
    }
    Some(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(now: u64, max_age: u64, max_skew: u64) -> sigsum_freshness {
        sigsum_freshness {
            now,
            max_age,
            max_skew,
        }
    }

    /// The C parameters are the core's rule, and each way to fail it has
    /// its own status.
    #[test]
    fn freshness_is_the_core_rule() {
        let rule = |now, max_age, max_skew| Freshness::from(f(now, max_age, max_skew));
        let t = Some(1000);
        let status = |r: Freshness| r.check(t).map_err(|e| stale_status(&e));
        assert_eq!(status(rule(1010, 10, 0)), Ok(()));
        assert_eq!(status(rule(1011, 10, 0)), Err(sigsum_status::TooOld));
        assert_eq!(status(rule(990, 0, 10)), Ok(()));
        assert_eq!(
            status(rule(989, u64::MAX, 10)),
            Err(sigsum_status::InFuture)
        );
        assert_eq!(
            rule(0, u64::MAX, u64::MAX)
                .check(None)
                .map_err(|e| stale_status(&e)),
            Err(sigsum_status::NoQuorumTimestamp)
        );
    }

    #[test]
    fn at_most_the_documented_number_of_keys() {
        let mut buf = [PublicKey([0; 32]); SIGSUM_MAX_SIGNER_KEYS];
        let keys = vec![sigsum_public_key { bytes: [7; 32] }; SIGSUM_MAX_SIGNER_KEYS + 1];
        assert_eq!(copy_keys(&keys[..256], &mut buf).map(<[_]>::len), Some(256));
        assert!(copy_keys(&keys, &mut buf).is_none());
        assert_eq!(copy_keys(&[], &mut buf).map(<[_]>::len), Some(0));
    }
}

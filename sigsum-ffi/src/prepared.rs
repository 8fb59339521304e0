//! Many proofs under one policy: a prepared policy (the loaded policy with
//! every key decoded once) and a batch (a cache of verified tree heads).

use core::ffi::c_char;
use core::mem::{align_of, needs_drop, size_of};

use sigsum_core::{
    BatchVerifier, DalekBackend, Policy, PrepareError, PreparedPolicy, Proof, PublicKey,
};

use crate::basic::text_in;
use crate::detail::{sigsum_detail, sigsum_step, with_detail};
use crate::errors;
use crate::ffi::{array_in, read_in, storage_out};
use crate::policy::{policy_in, sigsum_policy};
use crate::proof::{copy_keys, report, sigsum_freshness, SIGSUM_MAX_SIGNER_KEYS};
use crate::status::sigsum_status;
use crate::types::{sigsum_hash, sigsum_public_key};

/// Most keys a `sigsum_prepared_policy` holds: the policy's logs and
/// witnesses and the signer keys together.
pub const SIGSUM_MAX_PREPARED_KEYS: usize = 128;

/// Size in bytes of a `sigsum_prepared_policy`.
pub const SIGSUM_PREPARED_POLICY_SIZE: usize = 36864;

/// Size in bytes of a `sigsum_batch`.
pub const SIGSUM_BATCH_SIZE: usize = 36864;

/// A prepared policy, in caller-owned storage: a loaded `sigsum_policy`
/// with every log and witness key and the signer keys decoded once
/// (Ed25519 points decompressed, key hashes computed), for verifying any
/// number of proofs with `sigsum_prepared_policy_verify` or through a
/// `sigsum_batch`. Verdicts and statuses are exactly those of
/// `sigsum_proof_verify` with the same policy and keys and the built-in
/// Ed25519 verifier (a custom `sigsum_backend` cannot be prepared).
///
/// **It borrows the `sigsum_policy`** it was made from (which borrows its
/// text or blob): keep that alive, unchanged and at the same address while
/// the prepared policy is used. It is read-only once initialized: any
/// number of threads may use it at once. `SIGSUM_PREPARED_POLICY_SIZE`
/// bytes, aligned as `uint64_t`; the same copy and initialization rules as
/// `sigsum_policy`.
#[repr(C)]
pub struct sigsum_prepared_policy {
    /// Private: the prepared policy (`SIGSUM_PREPARED_POLICY_SIZE` bytes).
    pub opaque: [u64; 4608],
}

impl Default for sigsum_prepared_policy {
    fn default() -> Self {
        sigsum_prepared_policy {
            opaque: [0; SIGSUM_PREPARED_POLICY_SIZE / 8],
        }
    }
}

/// A batch: a cache of the last 8 cosigned tree heads verified through it
/// (`SIGSUM_BATCH_SIZE` bytes, aligned as `uint64_t`), so that proofs
/// sharing a tree head check its log signature and cosignatures once. One
/// per thread: `sigsum_batch_verify` updates it.
///
/// **It borrows the `sigsum_prepared_policy`** it was made from: keep that
/// alive, unchanged and at the same address while the batch is used.
#[repr(C)]
pub struct sigsum_batch {
    /// Private: the cache (`SIGSUM_BATCH_SIZE` bytes).
    pub opaque: [u64; 4608],
}

impl Default for sigsum_batch {
    fn default() -> Self {
        sigsum_batch {
            opaque: [0; SIGSUM_BATCH_SIZE / 8],
        }
    }
}

type Prepared = PreparedPolicy<'static, Policy<'static>, DalekBackend, SIGSUM_MAX_PREPARED_KEYS>;
type Batch =
    BatchVerifier<'static, 'static, Policy<'static>, DalekBackend, SIGSUM_MAX_PREPARED_KEYS>;

/// What a `sigsum_prepared_policy` holds once initialized.
#[repr(C)]
struct LoadedPrepared {
    magic: u64,
    prepared: Prepared,
}

/// What a `sigsum_batch` holds once initialized.
#[repr(C)]
struct LoadedBatch {
    magic: u64,
    batch: Batch,
}

/// Marks an initialized `sigsum_prepared_policy` ("sigsumPP").
const PREPARED_MAGIC: u64 = u64::from_be_bytes(*b"sigsumPP");
/// Marks an initialized `sigsum_batch` ("sigsumBT").
const BATCH_MAGIC: u64 = u64::from_be_bytes(*b"sigsumBT");

const _: () = {
    assert!(size_of::<LoadedPrepared>() <= size_of::<sigsum_prepared_policy>());
    assert!(align_of::<LoadedPrepared>() <= align_of::<sigsum_prepared_policy>());
    assert!(size_of::<sigsum_prepared_policy>() == SIGSUM_PREPARED_POLICY_SIZE);
    assert!(size_of::<LoadedBatch>() <= size_of::<sigsum_batch>());
    assert!(align_of::<LoadedBatch>() <= align_of::<sigsum_batch>());
    assert!(size_of::<sigsum_batch>() == SIGSUM_BATCH_SIZE);
    assert!(!needs_drop::<Prepared>() && !needs_drop::<Batch>());
};

/// Borrow the prepared policy behind a pointer.
///
/// # Safety
///
/// If not NULL, `ptr` must point to a readable `sigsum_prepared_policy`
/// that is either initialized (and what it borrows alive, unchanged and
/// unmoved) or does not start with [`PREPARED_MAGIC`], and that is not
/// modified during `'a`.
unsafe fn prepared_in<'a>(
    ptr: *const sigsum_prepared_policy,
) -> Result<&'a Prepared, sigsum_status> {
    if ptr.is_null() {
        return Err(sigsum_status::NullParameter);
    }
    if !ptr.is_aligned() {
        return Err(sigsum_status::InvalidParameter);
    }
    let loaded = ptr.cast::<LoadedPrepared>();
    // SAFETY: non-NULL, aligned and readable per the contract; any bit
    // pattern is a valid u64.
    if unsafe { core::ptr::addr_of!((*loaded).magic).read() } != PREPARED_MAGIC {
        return Err(sigsum_status::InvalidParameter);
    }
    // SAFETY: the magic says `sigsum_prepared_policy_init` wrote a valid
    // `LoadedPrepared` here, whose borrows are alive per the contract.
    Ok(unsafe { &(*loaded).prepared })
}

fn arguments(d: &mut sigsum_detail, s: sigsum_status, what: &str) -> sigsum_status {
    d.fail(s, sigsum_step::Arguments, 0, 0, &what)
}

/// Prepare `policy` (loaded with a `sigsum_policy_load_*` function) and
/// `signer_keys` (`signer_keys_count` keys, at most
/// `SIGSUM_MAX_SIGNER_KEYS`) into `*out`: every key decoded once. `*out`
/// then **borrows `*policy`**.
///
/// `SIGSUM_STATUS_POLICY_TOO_LARGE` if the policy's keys and the signer
/// keys are more than `SIGSUM_MAX_PREPARED_KEYS` (verify such proofs with
/// `sigsum_proof_verify`). A key that is not a valid Ed25519 point is not
/// an error (no signature verifies under it, as with `sigsum_proof_verify`).
///
/// Writes `*out` only on success; `detail` (NULL or writable) always.
///
/// # Safety
///
/// `policy` a loaded policy that stays alive, unchanged and at the same
/// address while `*out` is used; `signer_keys` readable for
/// `signer_keys_count` keys (NULL only if 0); `out` writable; `detail`
/// NULL or writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_prepared_policy_init(
    policy: *const sigsum_policy,
    signer_keys: *const sigsum_public_key,
    signer_keys_count: usize,
    out: *mut sigsum_prepared_policy,
    detail: *mut sigsum_detail,
) -> sigsum_status {
    with_detail(detail, |d| {
        // SAFETY: forwarded from this function's contract.
        let keys = unsafe { array_in(signer_keys, signer_keys_count) }?;
        let out = storage_out(out)?;
        // SAFETY: forwarded from this function's contract.
        let policy = unsafe { policy_in(policy) }
            .map_err(|s| arguments(d, s, "policy is NULL, misaligned or not loaded"))?;
        let mut key_buf = [PublicKey([0; 32]); SIGSUM_MAX_SIGNER_KEYS];
        let keys = copy_keys(keys, &mut key_buf).ok_or_else(|| {
            let what = "more than SIGSUM_MAX_SIGNER_KEYS signer keys";
            arguments(d, sigsum_status::InvalidParameter, what)
        })?;
        // SAFETY: the C contract keeps the policy alive, unchanged and
        // unmoved while the prepared policy is used, which is what the
        // erased lifetime stands for.
        let policy: &'static Policy<'static> = unsafe { core::mem::transmute(policy) };
        let prepared = Prepared::new(policy, keys, DalekBackend).map_err(|e| match e {
            PrepareError::TooManyKeys { .. } => {
                d.fail(sigsum_status::PolicyTooLarge, sigsum_step::Policy, 0, 0, &e)
            }
            _ => d.fail(
                sigsum_status::InvalidParameter,
                sigsum_step::Policy,
                0,
                0,
                &e,
            ),
        })?;
        // SAFETY: in bounds and aligned (const assertions), writable per
        // the contract.
        unsafe {
            out.cast::<LoadedPrepared>().write(LoadedPrepared {
                magic: PREPARED_MAGIC,
                prepared,
            })
        };
        Ok(())
    })
}

/// `sigsum_proof_verify` with a prepared policy and its signer keys (and
/// the built-in Ed25519 verifier): the same verdicts, statuses and detail.
///
/// # Safety
///
/// `prepared` initialized by `sigsum_prepared_policy_init` (what it
/// borrows alive); `message` readable; `proof` readable for `proof_len`
/// bytes; `freshness` NULL or readable; `detail` NULL or writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_prepared_policy_verify(
    prepared: *const sigsum_prepared_policy,
    message: *const sigsum_hash,
    proof: *const c_char,
    proof_len: usize,
    freshness: *const sigsum_freshness,
    detail: *mut sigsum_detail,
) -> sigsum_status {
    with_detail(detail, |d| {
        // SAFETY: forwarded from this function's contract.
        let (msg, text, fresh) = unsafe { proof_inputs(message, proof, proof_len, freshness) }?;
        // SAFETY: forwarded from this function's contract.
        let prepared = unsafe { prepared_in(prepared) }.map_err(|s| {
            arguments(
                d,
                s,
                "prepared policy is NULL, misaligned or not initialized",
            )
        })?;
        let p = Proof::parse(text).map_err(|e| errors::proof(d, e))?;
        report(d, prepared.verify(&msg.into(), &p), fresh)
    })
}

/// The inputs of a verification: the message, the proof text and the
/// optional freshness rule.
///
/// # Safety
///
/// `message` readable; `proof` readable for `proof_len` bytes during
/// `'a`; `freshness` NULL or readable.
unsafe fn proof_inputs<'a>(
    message: *const sigsum_hash,
    proof: *const c_char,
    proof_len: usize,
    freshness: *const sigsum_freshness,
) -> Result<(sigsum_hash, &'a [u8], Option<sigsum_freshness>), sigsum_status> {
    // SAFETY: forwarded from this function's contract.
    let msg = unsafe { read_in(message) }?;
    // SAFETY: forwarded from this function's contract.
    let text = unsafe { text_in(proof, proof_len) }?;
    let fresh = if freshness.is_null() {
        None
    } else {
        // SAFETY: non-NULL and readable per the contract.
        Some(unsafe { read_in(freshness) }?)
    };
    Ok((msg, text, fresh))
}

/// Start an empty batch over `prepared` in `*out`, which then **borrows
/// `*prepared`**.
///
/// # Safety
///
/// `prepared` initialized, alive, unchanged and at the same address while
/// `*out` is used; `out` writable; `detail` NULL or writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_batch_init(
    prepared: *const sigsum_prepared_policy,
    out: *mut sigsum_batch,
    detail: *mut sigsum_detail,
) -> sigsum_status {
    with_detail(detail, |d| {
        let out = storage_out(out)?;
        // SAFETY: forwarded from this function's contract.
        let prepared = unsafe { prepared_in(prepared) }.map_err(|s| {
            arguments(
                d,
                s,
                "prepared policy is NULL, misaligned or not initialized",
            )
        })?;
        // SAFETY: the C contract keeps the prepared policy alive,
        // unchanged and unmoved while the batch is used.
        let prepared: &'static Prepared = unsafe { core::mem::transmute(prepared) };
        // SAFETY: in bounds and aligned (const assertions), writable per
        // the contract.
        unsafe {
            out.cast::<LoadedBatch>().write(LoadedBatch {
                magic: BATCH_MAGIC,
                batch: Batch::new(prepared),
            })
        };
        Ok(())
    })
}

/// `sigsum_prepared_policy_verify` through the batch: a tree head already
/// verified through it (same log, size, root hash, log signature and
/// byte-identical cosignature lines) is not verified again. The same
/// verdicts, statuses and detail, except `detail->signature_checks`, which
/// counts the checks this call did.
///
/// # Safety
///
/// `batch` initialized by `sigsum_batch_init` (what it borrows alive) and
/// not used by another thread during the call; `message` readable;
/// `proof` readable for `proof_len` bytes; `freshness` NULL or readable;
/// `detail` NULL or writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_batch_verify(
    batch: *mut sigsum_batch,
    message: *const sigsum_hash,
    proof: *const c_char,
    proof_len: usize,
    freshness: *const sigsum_freshness,
    detail: *mut sigsum_detail,
) -> sigsum_status {
    with_detail(detail, |d| {
        // SAFETY: forwarded from this function's contract.
        let (msg, text, fresh) = unsafe { proof_inputs(message, proof, proof_len, freshness) }?;
        let batch = storage_out(batch)?.cast::<LoadedBatch>();
        // SAFETY: non-NULL, aligned and readable per the contract; any bit
        // pattern is a valid u64.
        if unsafe { core::ptr::addr_of!((*batch).magic).read() } != BATCH_MAGIC {
            let what = "batch is not initialized";
            return Err(arguments(d, sigsum_status::InvalidParameter, what));
        }
        // SAFETY: the magic says `sigsum_batch_init` wrote a valid
        // `LoadedBatch`; the caller gives this call exclusive use of it.
        let batch = unsafe { &mut (*batch).batch };
        let p = Proof::parse(text).map_err(|e| errors::proof(d, e))?;
        report(d, batch.verify(&msg.into(), &p), fresh)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::sigsum_policy_load_text;
    use crate::proof::sigsum_proof_verify;

    fn vector(name: &str) -> Vec<u8> {
        std::fs::read(format!(
            "{}/../tests/vectors/proofs/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    /// Through the C entry points (the unsafe storage handling, also under
    /// Miri): init, verify and batch verify agree with
    /// `sigsum_proof_verify`, and unset storage is refused.
    #[test]
    fn prepared_and_batch_through_the_c_api() {
        let policy_text = vector("pa.policy");
        let proof = vector("pa.proof");
        let message = sigsum_hash {
            bytes: vector("pa.message").try_into().unwrap(),
        };
        let signer_hex = vector("pa-signer.hex");
        let signer = sigsum_public_key {
            bytes: PublicKey::from_hex(signer_hex.trim_ascii()).unwrap().0,
        };
        let mut policy = sigsum_policy::default();
        let mut prepared = Box::<sigsum_prepared_policy>::default();
        let mut batch = Box::<sigsum_batch>::default();
        let (text, len) = (proof.as_ptr().cast::<c_char>(), proof.len());
        // SAFETY: valid pointers and lengths; the inputs outlive the
        // objects that borrow them (same scope, not moved).
        unsafe {
            assert_eq!(
                sigsum_policy_load_text(
                    policy_text.as_ptr().cast(),
                    policy_text.len(),
                    &mut policy,
                    core::ptr::null_mut()
                ),
                sigsum_status::Ok
            );
            let null = core::ptr::null_mut();
            // Unset storage is refused.
            assert_eq!(
                sigsum_prepared_policy_verify(
                    &*prepared,
                    &message,
                    text,
                    len,
                    core::ptr::null(),
                    null
                ),
                sigsum_status::InvalidParameter
            );
            assert_eq!(
                sigsum_batch_init(&*prepared, &mut *batch, null),
                sigsum_status::InvalidParameter
            );
            assert_eq!(
                sigsum_batch_verify(&mut *batch, &message, text, len, core::ptr::null(), null),
                sigsum_status::InvalidParameter
            );
            // Without signer keys: refused early (no signature checks, so
            // this part stays quick under Miri).
            assert_eq!(
                sigsum_prepared_policy_init(&policy, core::ptr::null(), 0, &mut *prepared, null),
                sigsum_status::Ok
            );
            assert_eq!(
                sigsum_prepared_policy_verify(
                    &*prepared,
                    &message,
                    text,
                    len,
                    core::ptr::null(),
                    null
                ),
                sigsum_status::UnknownSignerKey
            );
            assert_eq!(
                sigsum_batch_init(&*prepared, &mut *batch, null),
                sigsum_status::Ok
            );
            assert_eq!(
                sigsum_batch_verify(&mut *batch, &message, text, len, core::ptr::null(), null),
                sigsum_status::UnknownSignerKey
            );
            if cfg!(miri) {
                return;
            }
            // With the signer: the proof verifies, as with
            // sigsum_proof_verify, and the second time from the cache.
            let mut want = crate::detail::sigsum_detail::default();
            assert_eq!(
                sigsum_proof_verify(
                    &message,
                    &signer,
                    1,
                    &policy,
                    text,
                    len,
                    core::ptr::null(),
                    core::ptr::null(),
                    &mut want
                ),
                sigsum_status::Ok
            );
            assert_eq!(
                sigsum_prepared_policy_init(&policy, &signer, 1, &mut *prepared, null),
                sigsum_status::Ok
            );
            let mut got = crate::detail::sigsum_detail::default();
            assert_eq!(
                sigsum_prepared_policy_verify(
                    &*prepared,
                    &message,
                    text,
                    len,
                    core::ptr::null(),
                    &mut got
                ),
                sigsum_status::Ok
            );
            assert_eq!(got.signature_checks, want.signature_checks);
            assert_eq!(got.tree_size, want.tree_size);
            assert_eq!(
                sigsum_batch_init(&*prepared, &mut *batch, null),
                sigsum_status::Ok
            );
            for checks in [want.signature_checks, 1] {
                assert_eq!(
                    sigsum_batch_verify(
                        &mut *batch,
                        &message,
                        text,
                        len,
                        core::ptr::null(),
                        &mut got
                    ),
                    sigsum_status::Ok
                );
                assert_eq!(got.signature_checks, checks);
            }
        }
    }
}

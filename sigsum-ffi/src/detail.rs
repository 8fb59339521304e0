//! The optional diagnostic struct of parsing and verifying functions.

use crate::ffi::Out;
use crate::panic::ffi_status;
use crate::status::sigsum_status;
use crate::types::sigsum_hash;

/// `sigsum_detail.step`: nothing failed (or the function has no steps).
pub const SIGSUM_STEP_NONE: u32 = 0;
/// `sigsum_detail.step`: checking the arguments (pointers, lengths).
pub const SIGSUM_STEP_ARGUMENTS: u32 = 1;
/// `sigsum_detail.step`: reading the policy (text, compiled or builtin).
pub const SIGSUM_STEP_POLICY: u32 = 2;
/// `sigsum_detail.step`: parsing the proof text.
pub const SIGSUM_STEP_PROOF_PARSE: u32 = 3;
/// `sigsum_detail.step`: v1 proofs, the short checksum against the message.
pub const SIGSUM_STEP_SHORT_CHECKSUM: u32 = 4;
/// `sigsum_detail.step`: finding the submitter key by the leaf's key hash.
pub const SIGSUM_STEP_SIGNER_KEY: u32 = 5;
/// `sigsum_detail.step`: finding the proof's log in the policy.
pub const SIGSUM_STEP_LOG: u32 = 6;
/// `sigsum_detail.step`: the inclusion proof.
pub const SIGSUM_STEP_INCLUSION: u32 = 7;
/// `sigsum_detail.step`: the leaf signature.
pub const SIGSUM_STEP_LEAF_SIGNATURE: u32 = 8;
/// `sigsum_detail.step`: the log signature on the tree head.
pub const SIGSUM_STEP_LOG_SIGNATURE: u32 = 9;
/// `sigsum_detail.step`: witness cosignatures and the quorum.
pub const SIGSUM_STEP_QUORUM: u32 = 10;
/// `sigsum_detail.step`: the freshness (maximum age) check.
pub const SIGSUM_STEP_FRESHNESS: u32 = 11;
/// `sigsum_detail.step`: parsing keys.
pub const SIGSUM_STEP_KEYS: u32 = 12;
/// `sigsum_detail.step`: parsing or checking a checkpoint.
pub const SIGSUM_STEP_CHECKPOINT: u32 = 13;

/// Diagnostics of a parsing or verifying call.
///
/// Functions that take a `sigsum_detail *detail` accept NULL (no
/// diagnostics). Otherwise, **unlike other outputs, `*detail` is written on
/// success and on failure**: it is zeroed, then filled with what is known.
/// Fields that do not apply to a call stay 0.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct sigsum_detail {
    /// The status the call returned.
    pub status: u32,
    /// The step that failed (`SIGSUM_STEP_*`), `SIGSUM_STEP_NONE` on success.
    pub step: u32,
    /// 1-based line of a text input where parsing failed, 0 if none
    /// (or if the error concerns the whole input).
    pub line: u32,
    /// 1-based byte column within `line` where known, else 0.
    pub column: u32,
    /// Proof verification: valid cosignatures counted towards the quorum.
    pub cosignatures_verified: u32,
    /// Proof verification: cosignatures from known witnesses that did not
    /// verify (ignored, as sigsum-go does).
    pub cosignatures_failed: u32,
    /// Proof verification (quorum failures): cosignatures from witnesses the
    /// policy knows.
    pub cosignatures_known: u32,
    /// Proof verification: Ed25519 checks done (leaf, log, cosignatures).
    pub signature_checks: u32,
    /// 1 if `quorum_timestamp` is set (the quorum needed cosignatures).
    pub has_quorum_timestamp: u32,
    /// Always zero.
    pub reserved: u32,
    /// The quorum timestamp: the newest time T such that the cosignatures
    /// with timestamp >= T alone satisfy the quorum (POSIX seconds).
    pub quorum_timestamp: u64,
    /// Proof verification: the leaf index in the tree.
    pub leaf_index: u64,
    /// Proof verification: the size of the cosigned tree.
    pub tree_size: u64,
    /// Proof verification: the key hash of the log.
    pub log_key_hash: sigsum_hash,
    /// Proof verification: the key hash of the submitter.
    pub signer_key_hash: sigsum_hash,
}

/// Run a body that fills a local detail; write it to `detail` (if not NULL)
/// whatever the outcome, with `status` and, on failure, `step` set.
pub(crate) fn with_detail(
    detail: *mut sigsum_detail,
    f: impl FnOnce(&mut sigsum_detail) -> Result<(), sigsum_status>,
) -> sigsum_status {
    let out = Out::optional(detail);
    let mut d = sigsum_detail::default();
    let status = ffi_status(|| f(&mut d));
    if status == sigsum_status::Ok {
        d.step = SIGSUM_STEP_NONE;
    } else if d.step == SIGSUM_STEP_NONE {
        d.step = SIGSUM_STEP_ARGUMENTS;
    }
    d.status = status as u32;
    if let Some(out) = out {
        // SAFETY: every function taking a detail documents that it must be
        // NULL or writable.
        unsafe { out.write(d) };
    }
    status
}

/// A short English name of a `SIGSUM_STEP_*` value, as a static
/// NUL-terminated string (`"unknown step"` for other values). Never NULL.
///
/// # Safety
///
/// None: any value is allowed.
#[no_mangle]
pub unsafe extern "C" fn sigsum_step_str(step: u32) -> *const core::ffi::c_char {
    crate::panic::ffi_call(|| {
        match step {
            SIGSUM_STEP_NONE => c"none",
            SIGSUM_STEP_ARGUMENTS => c"arguments",
            SIGSUM_STEP_POLICY => c"policy",
            SIGSUM_STEP_PROOF_PARSE => c"proof syntax",
            SIGSUM_STEP_SHORT_CHECKSUM => c"short checksum",
            SIGSUM_STEP_SIGNER_KEY => c"submitter key",
            SIGSUM_STEP_LOG => c"log",
            SIGSUM_STEP_INCLUSION => c"inclusion proof",
            SIGSUM_STEP_LEAF_SIGNATURE => c"leaf signature",
            SIGSUM_STEP_LOG_SIGNATURE => c"log signature",
            SIGSUM_STEP_QUORUM => c"cosignatures and quorum",
            SIGSUM_STEP_FRESHNESS => c"freshness",
            SIGSUM_STEP_KEYS => c"keys",
            SIGSUM_STEP_CHECKPOINT => c"checkpoint",
            _ => c"unknown step",
        }
        .as_ptr()
    })
}

/// Freshness check after a successful `sigsum_proof_verify`: the quorum
/// timestamp in `detail` must be at most `max_age` seconds before `now`
/// (POSIX seconds; a timestamp in the future counts as age 0).
///
/// Returns `SIGSUM_STATUS_OK`, `SIGSUM_STATUS_VERIFY_TOO_OLD`, or
/// `SIGSUM_STATUS_VERIFY_NO_QUORUM_TIMESTAMP` when the quorum needed no
/// cosignature (`quorum none`: the age cannot be known) or `detail` is not
/// from a successful verification. `detail` is not modified.
///
/// # Safety
///
/// `detail` must be readable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_check_max_age(
    detail: *const sigsum_detail,
    now: u64,
    max_age: u64,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let d = unsafe { crate::ffi::read_in(detail) }?;
        let verified = sigsum_core::Verified {
            policy_index: 0,
            log_key_hash: d.log_key_hash.into(),
            signer_key_hash: d.signer_key_hash.into(),
            leaf_index: d.leaf_index,
            tree_size: d.tree_size,
            cosignatures_verified: d.cosignatures_verified as usize,
            cosignatures_failed: d.cosignatures_failed as usize,
            quorum_timestamp: (d.status == 0 && d.has_quorum_timestamp == 1)
                .then_some(d.quorum_timestamp),
            signature_checks: d.signature_checks as usize,
        };
        // No future check here (a timestamp ahead of `now` counts as age 0):
        // `sigsum_check_max_age` keeps its documented behaviour.
        let rule = sigsum_core::Freshness {
            now,
            max_age,
            max_skew: u64::MAX,
        };
        verified.check_freshness(&rule)?;
        Ok(())
    })
}

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

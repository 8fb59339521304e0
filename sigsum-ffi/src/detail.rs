//! The optional diagnostic struct of parsing and verifying functions, and
//! the steps it names.

use core::ffi::c_char;
use core::fmt;

use crate::ffi::Out;
use crate::keys::sigsum_span;
use crate::panic::{ffi_call, ffi_status};
use crate::status::sigsum_status;
use crate::types::sigsum_hash;

/// `sigsum_detail.step`: where a call failed. Each step is written once
/// here: its number and its doc comment, whose first paragraph (without
/// the final period) is what `sigsum_step_str` returns.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum sigsum_step {
    /// None.
    ///
    /// The call succeeded.
    None = 0,
    /// Arguments.
    ///
    /// Checking the arguments (pointers, lengths, sizes).
    Arguments = 1,
    /// Policy.
    ///
    /// Reading, loading or compiling the policy.
    Policy = 2,
    /// Proof syntax.
    ///
    /// Parsing the proof text (`line` says where).
    ProofParse = 3,
    /// Short checksum.
    ///
    /// Version 1 proofs: the short checksum against the message.
    ShortChecksum = 4,
    /// Submitter key.
    ///
    /// Finding the submitter key by the leaf's key hash.
    SignerKey = 5,
    /// Log.
    ///
    /// Finding the proof's log in the policy.
    Log = 6,
    /// Inclusion proof.
    Inclusion = 7,
    /// Leaf signature.
    LeafSignature = 8,
    /// Log signature.
    ///
    /// The log's signature on the tree head.
    LogSignature = 9,
    /// Cosignatures and quorum.
    ///
    /// Witness cosignatures and the policy's quorum.
    Quorum = 10,
    /// Freshness.
    ///
    /// The quorum timestamp against `sigsum_freshness`.
    Freshness = 11,
    /// Keys.
    ///
    /// Parsing keys and key files (`line` and `column` say where).
    Keys = 12,
    /// Checkpoint.
    ///
    /// Parsing or checking a checkpoint (`line` and `column` say where).
    Checkpoint = 13,
    /// Consistency proof.
    Consistency = 14,
    /// Leaf.
    ///
    /// Parsing a binary leaf.
    Leaf = 15,
    /// Hex.
    ///
    /// Parsing a hex value.
    Hex = 16,
}

include!(concat!(env!("OUT_DIR"), "/step_table.rs"));

/// Size in bytes of `sigsum_detail.message`, its terminating NUL included.
pub const SIGSUM_DETAIL_MESSAGE_SIZE: usize = 128;

/// Diagnostics of a parsing or verifying call.
///
/// Functions that take a `sigsum_detail *detail` accept NULL (no
/// diagnostics). Otherwise, **unlike other outputs, `*detail` is written on
/// success and on failure**: it is zeroed, then filled with what is known.
/// Fields that do not apply to a call stay 0.
///
/// On failure `status` is the returned status, `step` the step that failed,
/// `line`/`column` the place in a text input where known, and `message`
/// the finer reason in English.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct sigsum_detail {
    /// The status the call returned.
    pub status: u32,
    /// The step that failed (`SIGSUM_STEP_*`), `SIGSUM_STEP_NONE` on success.
    pub step: u32,
    /// 1-based line of a text input where the failure is, 0 if none (or if
    /// it concerns the whole input).
    pub line: u32,
    /// 1-based byte column within `line` where known, else 0. For a
    /// binary input (`line` 0) the 1-based byte position.
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
    /// Padding, always zero.
    pub padding: u32,
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
    /// On failure, the finer reason in English: the library's description
    /// of the error (which may repeat the line or column), or the status
    /// description for argument errors. NUL-terminated, truncated to
    /// `SIGSUM_DETAIL_MESSAGE_SIZE - 1` bytes. Empty on success. For people
    /// and logs: its wording may change, do not parse it.
    pub message: [c_char; SIGSUM_DETAIL_MESSAGE_SIZE],
    /// C2SP checkpoints and tlog-proofs (`sigsum_tlog_*`), once the
    /// checkpoint verified: the median of the valid cosignatures'
    /// timestamps (for an even number the lower middle one), POSIX
    /// seconds; 0 when `cosignatures_verified` is 0.
    pub median_timestamp: u64,
    /// `sigsum_tlog_proof_verify`, once the proof parsed: where the
    /// `extra` line's data (its padded base64) is in the proof text; `len`
    /// 0 without an `extra` line. **Not authenticated** by anything in the
    /// proof.
    pub extra: sigsum_span,
    /// C2SP checkpoints and tlog-proofs, once the checkpoint verified: the
    /// checkpoint's root hash.
    pub root_hash: sigsum_hash,
    /// C2SP checkpoints and tlog-proofs: cosignatures from policy witnesses
    /// that were not checked because libsigsum was built without ML-DSA-44
    /// support (they do not count towards the quorum).
    pub cosignatures_unsupported: u32,
    /// Padding, always zero.
    pub padding2: u32,
}

impl sigsum_detail {
    /// All zero.
    pub const ZERO: sigsum_detail = sigsum_detail {
        status: 0,
        step: 0,
        line: 0,
        column: 0,
        cosignatures_verified: 0,
        cosignatures_failed: 0,
        cosignatures_known: 0,
        signature_checks: 0,
        has_quorum_timestamp: 0,
        padding: 0,
        quorum_timestamp: 0,
        leaf_index: 0,
        tree_size: 0,
        log_key_hash: sigsum_hash { bytes: [0; 32] },
        signer_key_hash: sigsum_hash { bytes: [0; 32] },
        message: [0; SIGSUM_DETAIL_MESSAGE_SIZE],
        median_timestamp: 0,
        extra: sigsum_span { offset: 0, len: 0 },
        root_hash: sigsum_hash { bytes: [0; 32] },
        cosignatures_unsupported: 0,
        padding2: 0,
    };

    /// Record a failure: `step`, the place (0 where unknown) and the
    /// message `why`; returns `status` for `Err(..)`.
    pub(crate) fn fail(
        &mut self,
        status: sigsum_status,
        step: sigsum_step,
        line: u32,
        column: u32,
        why: &dyn fmt::Display,
    ) -> sigsum_status {
        self.step = step as u32;
        self.line = line;
        self.column = column;
        self.set_message(why);
        status
    }

    /// Write `why` into `message`, truncated to fit with its NUL.
    pub(crate) fn set_message(&mut self, why: &dyn fmt::Display) {
        self.message = [0; SIGSUM_DETAIL_MESSAGE_SIZE];
        let mut w = MessageWriter {
            buf: &mut self.message,
            len: 0,
        };
        let _ = fmt::write(&mut w, format_args!("{why}"));
    }

    /// `true` if `message` is empty.
    fn message_is_empty(&self) -> bool {
        self.message.first() == Some(&0)
    }
}

impl Default for sigsum_detail {
    fn default() -> Self {
        Self::ZERO
    }
}

/// Formats into a fixed `char` array without allocating: stops at the last
/// whole UTF-8 character that fits before the terminating NUL, and writes
/// NUL bytes as `?` so the message is never cut short by one.
struct MessageWriter<'a> {
    buf: &'a mut [c_char; SIGSUM_DETAIL_MESSAGE_SIZE],
    len: usize,
}

impl fmt::Write for MessageWriter<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let room = SIGSUM_DETAIL_MESSAGE_SIZE
            .saturating_sub(1)
            .saturating_sub(self.len);
        let mut n = s.len().min(room);
        while !s.is_char_boundary(n) {
            n = n.saturating_sub(1);
        }
        let dst = self.buf.get_mut(self.len..).unwrap_or_default();
        for (d, &b) in dst
            .iter_mut()
            .zip(s.as_bytes().get(..n).unwrap_or_default())
        {
            // `as` reinterprets the byte for a signed `char`.
            *d = (if b == 0 { b'?' } else { b }) as c_char;
        }
        self.len = self.len.saturating_add(n);
        if n < s.len() {
            // Truncated: stop here (the remaining text is dropped).
            return Err(fmt::Error);
        }
        Ok(())
    }
}

/// Run a body that fills a local detail; write it to `detail` (if not NULL)
/// whatever the outcome, with `status` and, on failure, `step` (arguments
/// if the body set none) and `message` (the status description if the body
/// set none).
pub(crate) fn with_detail(
    detail: *mut sigsum_detail,
    f: impl FnOnce(&mut sigsum_detail) -> Result<(), sigsum_status>,
) -> sigsum_status {
    let out = Out::optional(detail);
    let mut d = sigsum_detail::ZERO;
    let status = ffi_status(|| f(&mut d));
    if status == sigsum_status::Ok {
        d = sigsum_detail {
            status: 0,
            step: sigsum_step::None as u32,
            line: 0,
            column: 0,
            message: [0; SIGSUM_DETAIL_MESSAGE_SIZE],
            ..d
        };
    } else {
        if d.step == sigsum_step::None as u32 {
            d.step = sigsum_step::Arguments as u32;
        }
        if d.message_is_empty() {
            d.set_message(&status.message().to_str().unwrap_or_default());
        }
    }
    d.status = status as u32;
    if let Some(out) = out {
        // SAFETY: every function taking a detail documents that it must be
        // NULL or writable.
        unsafe { out.write(d) };
    }
    status
}

/// A short English name of a `SIGSUM_STEP_*` value (the first sentence of
/// its documentation in this header), as a static NUL-terminated string;
/// `"unknown step"` for other values. Never NULL; must not be freed.
///
/// # Safety
///
/// None: any value is allowed.
#[no_mangle]
pub unsafe extern "C" fn sigsum_step_str(step: u32) -> *const c_char {
    ffi_call(|| {
        sigsum_step::from_u32(step)
            .map_or(c"unknown step", sigsum_step::message)
            .as_ptr()
    })
}

#[cfg(test)]
mod tests {
    use core::ffi::CStr;

    use super::*;

    fn message(d: &sigsum_detail) -> String {
        // SAFETY: the array is NUL-terminated by construction.
        unsafe { CStr::from_ptr(d.message.as_ptr()) }
            .to_str()
            .unwrap()
            .to_string()
    }

    #[test]
    fn messages_are_truncated_safely_and_nul_terminated() {
        let mut d = sigsum_detail::ZERO;
        d.set_message(&"short");
        assert_eq!(message(&d), "short");
        let long = "é".repeat(100); // 200 bytes, 2 per character
        d.set_message(&long);
        let m = message(&d);
        assert_eq!(m.len(), 126); // 127 would split a character
        assert!(long.starts_with(&m));
        assert_eq!(d.message[126], 0);
        d.set_message(&"a\0b");
        assert_eq!(message(&d), "a?b");
        d.set_message(&format_args!("{}{}", "x".repeat(127), "y"));
        assert_eq!(message(&d), "x".repeat(127));
    }

    #[test]
    fn steps_are_distinct_and_unknown_values_named() {
        let mut seen = std::collections::BTreeSet::new();
        for s in sigsum_step::ALL {
            assert!(seen.insert(s.message()));
            // SAFETY: no requirements.
            let p = unsafe { sigsum_step_str(s as u32) };
            // SAFETY: static string.
            assert_eq!(unsafe { CStr::from_ptr(p) }, s.message());
        }
        for n in [17, 99, u32::MAX] {
            // SAFETY: no requirements.
            let p = unsafe { sigsum_step_str(n) };
            // SAFETY: static string.
            assert_eq!(unsafe { CStr::from_ptr(p) }, c"unknown step");
        }
    }

    #[test]
    fn with_detail_fills_step_and_message() {
        let mut d = sigsum_detail::ZERO;
        let s = with_detail(&mut d, |_| Err(sigsum_status::NullParameter));
        assert_eq!(s, sigsum_status::NullParameter);
        assert_eq!(d.step, sigsum_step::Arguments as u32);
        assert_eq!(message(&d), "A required pointer argument is NULL");
        let s = with_detail(&mut d, |d| {
            d.line = 3;
            d.leaf_index = 7;
            d.set_message(&"stale");
            Ok(())
        });
        assert_eq!(s, sigsum_status::Ok);
        assert_eq!((d.line, d.leaf_index, d.message[0]), (0, 7, 0));
    }
}

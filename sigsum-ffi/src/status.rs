//! The one status type of the C API.
//!
//! Each code is written once, below: the variant, its number and its doc
//! comment, whose first paragraph (without the final period) is the message
//! `sigsum_status_str` returns. `build.rs` generates the number and message
//! tables from this enum (`OUT_DIR/status_table.rs`), and cbindgen reads it
//! for the header.
//!
//! # Numbering rules (ABI)
//!
//! * `0` is success. The other codes are grouped in blocks of 100 by what
//!   the caller should do about them: `1..99` the call itself was wrong (a
//!   bug in the caller, or an internal error), `100..199` an input is
//!   malformed or unusable (fix the input), `200..299` the inputs are
//!   well-formed but do not verify (reject), `300..399` the proof verified
//!   but is not fresh enough.
//! * A code is one failure a caller acts on; the finer reason (which line,
//!   which field, which check) is in `sigsum_detail` (`step`, `line`,
//!   `column`, `message`), never a code of its own.
//! * New codes are appended at the end of their block. Before 1.0 a minor
//!   release may renumber (the SONAME carries the minor version); from 1.0
//!   on a code is never renumbered or reused, and a retired code stays
//!   listed as a comment.
//! * C callers must treat an unknown code as a failure. Status values passed
//!   *in* from C are plain `uint32_t` (see [`sigsum_status_str`]), never the
//!   enum, so an out-of-range value is never undefined behaviour.

use core::ffi::c_char;

use crate::panic::ffi_call;

/// The result of every fallible libsigsum function: `SIGSUM_STATUS_OK` (0)
/// on success, otherwise what failed. `sigsum_status_str` describes any
/// code; `sigsum_detail` (where a function takes one) says where and why.
/// Treat any code you do not know as a failure.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum sigsum_status {
    /// Success.
    Ok = 0,

    // --- 1..99: the call itself ---
    /// A required pointer argument is NULL.
    ///
    /// Also a NULL buffer or array with a non-zero length.
    NullParameter = 1,
    /// An argument has an invalid value.
    ///
    /// For example a length above `PTRDIFF_MAX`, more keys than the
    /// function takes, a misaligned array or policy, a `sigsum_policy` no
    /// load function has filled, a backend without a verify function, or a
    /// timestamp above 2^63 - 1. `detail->message` says which, where the
    /// function takes a detail.
    InvalidParameter = 2,
    /// The output buffer is too small.
    ///
    /// Nothing was written; the size that always suffices is the
    /// function's `SIGSUM_MAX_*` constant.
    BufferTooSmall = 3,
    /// Internal error (a panic was caught).
    ///
    /// Should never happen: please report it.
    Panic = 4,

    // --- 100..199: an input is malformed or unusable ---
    /// Malformed hex value.
    MalformedHex = 100,
    /// Malformed public key.
    ///
    /// Raw hex, an OpenSSH line (also a key line of a key file), a vkey or
    /// PEM; also a key of another type than Ed25519.
    MalformedKey = 101,
    /// Malformed key file.
    ///
    /// A problem of the file as a whole: no keys, too many keys, a
    /// duplicate key, an indented comment, or key lines that disagree on
    /// `sigsum-policy`.
    MalformedKeyFile = 102,
    /// Malformed text policy.
    MalformedPolicy = 103,
    /// Text policy too large to load.
    ///
    /// More logs, witnesses or groups than a loaded `sigsum_policy` holds
    /// (or than the compiled format holds, when compiling): compile it
    /// (`sigsum_policy_compile`) and load the compiled form. A
    /// `sigsum_tlog_policy` holds 32 logs, 64 witnesses and 32 groups.
    PolicyTooLarge = 104,
    /// Malformed compiled policy.
    MalformedCompiledPolicy = 105,
    /// Policy has no compiled form.
    ///
    /// `quorum none`, or a quorum program longer than the format allows.
    PolicyNotCompilable = 106,
    /// Invalid policy name.
    ///
    /// Names match `^[a-z0-9][a-z0-9-]+$`.
    InvalidPolicyName = 107,
    /// Unknown builtin policy.
    UnknownPolicy = 108,
    /// Malformed proof.
    MalformedProof = 109,
    /// Malformed checkpoint.
    MalformedCheckpoint = 110,
    /// Malformed leaf.
    ///
    /// A binary leaf is exactly `SIGSUM_LEAF_SIZE` bytes.
    MalformedLeaf = 111,
    /// Checkpoint too large.
    ///
    /// A C2SP checkpoint whose text (origin, size, root hash and extension
    /// lines) is longer than `SIGSUM_MAX_TLOG_CHECKPOINT_TEXT_SIZE` bytes,
    /// which libsigsum does not verify.
    CheckpointTooLarge = 112,
    /// Malformed binary proof.
    ///
    /// A spic or TKey proof (`detail->column`: the 1-based byte position
    /// of the faulty field).
    MalformedBinaryProof = 113,
    /// Malformed binary policy.
    ///
    /// A spic policy or a TKey policy blob (`detail->column`: the 1-based
    /// byte position of the faulty field).
    MalformedBinaryPolicy = 114,

    // --- 200..299: well-formed, but does not verify ---
    /// Proof is for another message.
    ///
    /// A version 1 proof whose short checksum is not the start of
    /// `SHA-256(message)`.
    ShortChecksumMismatch = 200,
    /// Unknown signer key.
    ///
    /// None of the submitter keys hashes to the leaf's key hash.
    UnknownSignerKey = 201,
    /// Unknown log.
    ///
    /// The policy does not list the proof's log (C2SP checkpoints: no log
    /// of the tlog-policy has the checkpoint's origin as its key name).
    UnknownLog = 202,
    /// Inclusion proof failed.
    InclusionFailed = 203,
    /// Bad leaf signature.
    BadLeafSignature = 204,
    /// Bad log signature.
    ///
    /// Also a checkpoint without a signature line of the log's key.
    BadLogSignature = 205,
    /// Quorum not met.
    QuorumNotMet = 206,
    /// Unknown witness.
    UnknownWitness = 207,
    /// Key hash does not match the key.
    KeyHashMismatch = 208,
    /// Bad cosignature.
    BadCosignature = 209,
    /// Consistency proof failed.
    ConsistencyFailed = 210,
    /// Checkpoint origin is not the log's.
    OriginMismatch = 211,
    /// Bad signature.
    BadSignature = 212,
    /// Duplicate cosignature.
    ///
    /// A C2SP checkpoint with two signature lines from the same witness
    /// key: the checkpoint is rejected.
    DuplicateCosignature = 213,
    /// Key index out of range.
    ///
    /// A spic proof names a submitter, log or witness key by an index the
    /// keys or the policy do not have.
    KeyIndexOutOfRange = 214,

    // --- 300..399: verified, but not fresh enough ---
    /// No quorum timestamp to check freshness against.
    ///
    /// The policy's quorum needs no cosignature (`quorum none`).
    NoQuorumTimestamp = 300,
    /// Proof too old.
    ///
    /// The quorum timestamp is more than `max_age` seconds before `now`.
    TooOld = 301,
    /// Quorum timestamp in the future.
    ///
    /// More than `max_skew` seconds after `now`.
    InFuture = 302,
}

include!(concat!(env!("OUT_DIR"), "/status_table.rs"));

/// A description of `status` as a static NUL-terminated English string:
/// the first sentence of its documentation in this header.
///
/// Takes the status as a plain integer, so any value is allowed: an unknown
/// code gives `"unknown status"`. The string is owned by the library, lives
/// for the whole program and must not be freed or modified. Never returns
/// NULL.
///
/// # Safety
///
/// None: any value of `status` is allowed.
#[no_mangle]
pub unsafe extern "C" fn sigsum_status_str(status: u32) -> *const c_char {
    ffi_call(|| {
        sigsum_status::from_u32(status)
            .map_or(c"unknown status", sigsum_status::message)
            .as_ptr()
    })
}

#[cfg(test)]
mod tests {
    use core::ffi::CStr;

    use super::*;

    /// `(name, value)` of every `SIGSUM_STATUS_*` enumerator in the committed
    /// header.
    fn header_statuses() -> Vec<(String, u32)> {
        include_str!("../../include/sigsum.h")
            .lines()
            .filter_map(|l| {
                let l = l.trim().strip_prefix("SIGSUM_STATUS_")?;
                let (name, value) = l.trim_end_matches(',').split_once(" = ")?;
                Some((name.to_string(), value.parse().ok()?))
            })
            .collect()
    }

    #[test]
    fn header_lists_exactly_the_known_statuses() {
        let header = header_statuses();
        assert_eq!(header.len(), sigsum_status::ALL.len());
        for (s, (name, value)) in sigsum_status::ALL.iter().zip(&header) {
            assert_eq!(*s as u32, *value, "{name}");
            assert_eq!(sigsum_status::from_u32(*value), Some(*s));
            let rust = format!("{s:?}").to_ascii_uppercase();
            assert_eq!(rust, name.replace('_', ""), "{name}");
        }
    }

    #[test]
    fn codes_are_few_unique_blocked_and_described() {
        let all = sigsum_status::ALL;
        assert!(all.len() <= 50, "{} status codes", all.len());
        let mut seen = std::collections::BTreeSet::new();
        let mut messages = std::collections::BTreeSet::new();
        for s in all {
            assert!(seen.insert(s as u32));
            assert!(messages.insert(s.message()), "{s:?} shares its message");
            assert!(!s.message().is_empty());
            assert!(
                s as u32 == 0 || (s as u32) < 400,
                "{s:?} outside the blocks"
            );
            // SAFETY: no requirements.
            let p = unsafe { sigsum_status_str(s as u32) };
            // SAFETY: static NUL-terminated string.
            assert_eq!(unsafe { CStr::from_ptr(p) }, s.message());
        }
        assert_eq!(sigsum_status::Ok as u32, 0);
        assert_eq!(sigsum_status::Ok.message(), c"Success");
        for n in [5u32, 99, 115, 215, 303, 4000, u32::MAX] {
            assert_eq!(sigsum_status::from_u32(n), None);
            // SAFETY: no requirements.
            let p = unsafe { sigsum_status_str(n) };
            // SAFETY: static NUL-terminated string.
            assert_eq!(unsafe { CStr::from_ptr(p) }, c"unknown status");
        }
    }

    #[test]
    fn header_version_macros_follow_cargo() {
        let h = include_str!("../../include/sigsum.h");
        for (name, v) in [
            ("MAJOR", env!("CARGO_PKG_VERSION_MAJOR")),
            ("MINOR", env!("CARGO_PKG_VERSION_MINOR")),
            ("PATCH", env!("CARGO_PKG_VERSION_PATCH")),
        ] {
            let line = format!("#define SIGSUM_VERSION_{name} {v}\n");
            assert!(h.contains(&line), "{line}");
        }
        // SAFETY: no requirements.
        let p = unsafe { crate::version::sigsum_version_str() };
        // SAFETY: static NUL-terminated string.
        let s = unsafe { CStr::from_ptr(p) };
        assert_eq!(s.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
    }
}

//! The one status type of the C API, and the mapping of every core error.
//!
//! # Numbering rules (ABI)
//!
//! * `0` is success; every failure has its own non-zero code.
//! * Codes are grouped in blocks of 100 by the module they come from:
//!   `1..99` the C glue itself, `100` encodings, `200` leaves, `300` Merkle
//!   proofs, `400` tree heads and cosignatures, `500` signed notes and
//!   checkpoints, `600` key formats, `700` text policies, `800` compiled
//!   policies, `900` proof files, `1000` proof verification.
//! * **A code is never renumbered and never reused.** A retired code stays
//!   listed as a comment. New codes are appended at the end of their block.
//! * C callers must treat an unknown code as a failure: newer libraries may
//!   return codes an older header does not list. Status values passed *in*
//!   from C are plain `uint32_t` (see [`sigsum_status_str`]), never the enum,
//!   so an out-of-range value is never undefined behaviour.

use core::ffi::{c_char, CStr};

use sigsum_core::encoding::EncodingError;
use sigsum_core::leaf::LeafError;
use sigsum_core::writer::BufferTooSmall;

use crate::panic::ffi_call;

/// The result of every fallible libsigsum function: `SIGSUM_STATUS_OK` (0)
/// on success, otherwise the reason for the failure.
///
/// Codes are stable: they are never renumbered or reused. Treat any code you
/// do not know as a failure. `sigsum_status_str` describes any code.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum sigsum_status {
    /// Success.
    Ok = 0,

    // --- 1..99: the C glue ---
    /// A required pointer argument was NULL (or a NULL buffer had a non-zero
    /// length).
    NullParameter = 1,
    /// A length argument was impossible (larger than `PTRDIFF_MAX`) or not
    /// the size a fixed-size value needs.
    InvalidLength = 2,
    /// The caller's output buffer is too small; nothing was written.
    BufferTooSmall = 3,
    /// An internal error that should never happen (a Rust panic was caught
    /// at the API boundary). Please report it.
    Panic = 4,
    /// An argument had an invalid value (for example an unknown name, or a
    /// `sigsum_backend` without a verify function).
    InvalidParameter = 5,
    /// `sigsum_ed25519_verify`: the signature is not valid.
    BadSignature = 6,

    // --- 100..199: encodings (decimal, hex, base64) ---
    /// A decimal number was empty.
    DecimalEmpty = 100,
    /// A decimal number had a leading zero ("01", "00").
    DecimalLeadingZero = 101,
    /// A decimal number contained a byte other than 0-9 (signs, spaces, CR).
    DecimalSyntax = 102,
    /// A decimal number exceeded 2^63 - 1.
    DecimalRange = 103,
    /// A hex value had the wrong number of digits.
    HexLength = 104,
    /// A hex value contained a non-hex byte.
    HexSyntax = 105,
    /// Base64 was malformed (alphabet, padding, trailing bits, line breaks).
    Base64Syntax = 106,
    /// Base64 decoded to the wrong number of bytes.
    Base64Length = 107,

    // --- 200..299: leaves ---
    /// A binary leaf was not exactly 128 bytes.
    LeafLength = 200,
    /// The leaf's key hash is not the hash of the given submitter key.
    LeafKeyHashMismatch = 201,
    /// The leaf signature does not verify under the submitter key.
    LeafBadSignature = 202,

    // --- 400..499: tree heads and cosignatures ---
    /// The log's signature over the tree head does not verify.
    TreeHeadBadSignature = 400,
    /// The cosignature's key hash is not the hash of the witness key.
    CosignatureKeyHashMismatch = 401,
    /// The cosignature timestamp exceeds 2^63 - 1.
    CosignatureTimestampRange = 402,
    /// The witness signature over the cosigned message does not verify.
    CosignatureBadSignature = 403,
}

/// Every status, for lookups by number and for tests.
pub(crate) const ALL: &[sigsum_status] = {
    use sigsum_status as S;
    &[
        S::Ok,
        S::NullParameter,
        S::InvalidLength,
        S::BufferTooSmall,
        S::Panic,
        S::InvalidParameter,
        S::BadSignature,
        S::DecimalEmpty,
        S::DecimalLeadingZero,
        S::DecimalSyntax,
        S::DecimalRange,
        S::HexLength,
        S::HexSyntax,
        S::Base64Syntax,
        S::Base64Length,
        S::LeafLength,
        S::LeafKeyHashMismatch,
        S::LeafBadSignature,
        S::TreeHeadBadSignature,
        S::CosignatureKeyHashMismatch,
        S::CosignatureTimestampRange,
        S::CosignatureBadSignature,
    ]
};

impl sigsum_status {
    /// The status with number `n`, if there is one.
    pub fn from_u32(n: u32) -> Option<sigsum_status> {
        ALL.iter().copied().find(|s| *s as u32 == n)
    }

    /// A short English description (static, NUL-terminated).
    pub fn message(self) -> &'static CStr {
        use sigsum_status as S;
        match self {
            S::Ok => c"ok",
            S::NullParameter => c"required pointer argument is NULL",
            S::InvalidLength => c"invalid length argument",
            S::BufferTooSmall => c"output buffer too small",
            S::Panic => c"internal error (caught panic)",
            S::InvalidParameter => c"invalid argument",
            S::BadSignature => c"signature not valid",
            S::DecimalEmpty => c"empty decimal number",
            S::DecimalLeadingZero => c"decimal number with a leading zero",
            S::DecimalSyntax => c"invalid decimal number",
            S::DecimalRange => c"decimal number above 2^63-1",
            S::HexLength => c"hex value of the wrong length",
            S::HexSyntax => c"invalid hex digit",
            S::Base64Syntax => c"invalid base64",
            S::Base64Length => c"base64 value of the wrong length",
            S::LeafLength => c"leaf is not 128 bytes",
            S::LeafKeyHashMismatch => c"leaf key hash does not match the key",
            S::LeafBadSignature => c"leaf signature not valid",
            S::TreeHeadBadSignature => c"log signature on tree head not valid",
            S::CosignatureKeyHashMismatch => c"cosignature key hash does not match the witness key",
            S::CosignatureTimestampRange => c"cosignature timestamp above 2^63-1",
            S::CosignatureBadSignature => c"cosignature not valid",
        }
    }
}

impl From<EncodingError> for sigsum_status {
    fn from(e: EncodingError) -> Self {
        use sigsum_status as S;
        use EncodingError as E;
        match e {
            E::DecimalEmpty => S::DecimalEmpty,
            E::DecimalLeadingZero => S::DecimalLeadingZero,
            E::DecimalSyntax => S::DecimalSyntax,
            E::DecimalRange => S::DecimalRange,
            E::HexLength => S::HexLength,
            E::HexSyntax => S::HexSyntax,
            E::Base64Syntax => S::Base64Syntax,
            E::Base64Length => S::Base64Length,
        }
    }
}

impl From<LeafError> for sigsum_status {
    fn from(e: LeafError) -> Self {
        match e {
            LeafError::Length => sigsum_status::LeafLength,
            LeafError::KeyHashMismatch => sigsum_status::LeafKeyHashMismatch,
            LeafError::BadSignature => sigsum_status::LeafBadSignature,
        }
    }
}

impl From<BufferTooSmall> for sigsum_status {
    fn from(_: BufferTooSmall) -> Self {
        sigsum_status::BufferTooSmall
    }
}

/// A description of `status` as a static NUL-terminated English string.
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
        assert_eq!(header.len(), ALL.len(), "header and ALL differ in length");
        for (s, (name, value)) in ALL.iter().zip(&header) {
            assert_eq!(*s as u32, *value, "{name}");
            assert_eq!(sigsum_status::from_u32(*value), Some(*s));
        }
    }

    #[test]
    fn codes_are_unique_blocked_and_described() {
        let mut seen = std::collections::BTreeSet::new();
        let mut messages = std::collections::BTreeSet::new();
        for s in ALL {
            assert!(seen.insert(*s as u32));
            assert!(messages.insert(s.message()), "{s:?} shares its message");
            assert!(!s.message().is_empty());
        }
        assert_eq!(sigsum_status::Ok as u32, 0);
        for n in [7u32, 99, 108, 203, 404, 4000, u32::MAX] {
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
        let p = unsafe { crate::version::sigsum_version() };
        // SAFETY: static NUL-terminated string.
        let s = unsafe { CStr::from_ptr(p) };
        assert_eq!(s.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
    }
}

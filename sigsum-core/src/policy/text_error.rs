//! Why a policy was rejected: the kind and the line (text policies,
//! policy names, builtins).

use core::fmt;

use crate::encoding::EncodingError;
use crate::keys::error::KeyErrorKind;

/// The longest accepted line, in bytes, without its `\n` but counting a
/// stripped `\r` (sigsum-go's `bufio.Scanner` limit of 64 KiB including the
/// newline).
pub const MAX_LINE_LEN: usize = 65535;

/// Why a text policy was rejected.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicyErrorKind {
    /// A byte `0x00`-`0x08`, `0x0A`-`0x1F` or `0x7F` (the byte is given).
    ControlCharacter(u8),
    /// A line longer than [`MAX_LINE_LEN`].
    LineTooLong,
    /// The first field is not `log`, `witness`, `group` or `quorum`.
    UnknownKeyword,
    /// A `log` line without a key, or with more than key and URL.
    LogArguments,
    /// A `witness` line without name and key, or with more than name, key
    /// and URL.
    WitnessArguments,
    /// A `group` line without name, threshold and at least one member.
    GroupArguments,
    /// A `quorum` line without exactly one name.
    QuorumArguments,
    /// A public key that is not 64 hex digits.
    InvalidKey(EncodingError),
    /// A tlog-policy key that is not a valid vkey (the reason, as for
    /// [`Vkey::parse`](crate::Vkey::parse); ML-DSA-44 vkeys included).
    InvalidVkey(KeyErrorKind),
    /// A tlog-policy vkey whose signature type does not fit the line: a
    /// `log` needs 0x01 (Ed25519 note signatures), a `witness` 0x04
    /// (Ed25519 `cosignature/v1`) or 0x06 (ML-DSA-44 `subtree/v1`).
    VkeyType {
        /// The vkey's type byte.
        found: u8,
    },
    /// A threshold that is not `any`, `all` or a canonical decimal.
    ThresholdSyntax,
    /// A threshold `k` outside `1..=n` (n = number of members).
    ThresholdOutOfRange,
    /// A log key listed twice.
    DuplicateLog,
    /// A witness key listed twice.
    DuplicateWitness,
    /// A witness or group name defined twice.
    DuplicateName,
    /// A witness or group named `none`.
    ReservedName,
    /// A group member or quorum that names no earlier witness or group.
    UndefinedName,
    /// A witness or group used as a group member a second time.
    AlreadyMember,
    /// `none` used as a group member.
    NoneAsMember,
    /// A second `quorum` line.
    QuorumRedefined,
    /// No `quorum` line (reported with line 0).
    NoQuorum,
    /// More `log` lines than the capacity.
    TooManyLogs {
        /// The capacity.
        max: u16,
    },
    /// More `witness` lines than the capacity.
    TooManyWitnesses {
        /// The capacity.
        max: u16,
    },
    /// More `group` lines than the capacity.
    TooManyGroups {
        /// The capacity.
        max: u16,
    },
    /// A policy name (`sigsum-policy=` of a key file, `-P`) that does not
    /// match sigsum-go's `^[a-z0-9][a-z0-9-]+$` (line 0).
    InvalidName,
    /// A well-formed policy name that is not a [`Builtin`](crate::Builtin)
    /// (line 0).
    UnknownBuiltin,
    /// The shipped compiled form of a builtin failed to load (cannot
    /// happen with the shipped files, which tests load; kept so that
    /// nothing panics). [`Builtin::compiled`](crate::Builtin::compiled)
    /// gives the [`CompiledError`](crate::CompiledError).
    BuiltinBlob,
}

/// A text policy error: the kind and the 1-based line (0 when the error
/// concerns the whole input, i.e. [`PolicyErrorKind::NoQuorum`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PolicyError {
    /// 1-based line number, 0 for end-of-input errors.
    pub line: u32,
    /// What went wrong.
    pub kind: PolicyErrorKind,
}

impl fmt::Display for PolicyErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::ControlCharacter(b) => write!(f, "invalid control character 0x{b:02x}"),
            Self::LineTooLong => write!(f, "line longer than {MAX_LINE_LEN} bytes"),
            Self::UnknownKeyword => f.write_str("unknown keyword"),
            Self::LogArguments => {
                f.write_str("invalid log policy line, public key required, url optional")
            }
            Self::WitnessArguments => f.write_str(
                "invalid witness policy line, name and public key required, url optional",
            ),
            Self::GroupArguments => f.write_str(
                "invalid group policy line, name, threshold and at least one member required",
            ),
            Self::QuorumArguments => f.write_str("invalid quorum policy line, one name required"),
            Self::InvalidKey(e) => write!(f, "invalid public key: {e}"),
            Self::InvalidVkey(e) => write!(f, "invalid vkey: {e}"),
            Self::VkeyType { found } => {
                write!(
                    f,
                    "vkey of signature type 0x{found:02x} cannot be used here"
                )
            }
            Self::ThresholdSyntax => {
                f.write_str("invalid threshold: expected any, all or a decimal number")
            }
            Self::ThresholdOutOfRange => f.write_str("threshold out of range"),
            Self::DuplicateLog => f.write_str("duplicate log"),
            Self::DuplicateWitness => f.write_str("duplicate witness"),
            Self::DuplicateName => f.write_str("duplicate name"),
            Self::ReservedName => f.write_str("the name \"none\" is predefined"),
            Self::UndefinedName => f.write_str("undefined name"),
            Self::AlreadyMember => f.write_str("group/witness is already a group member"),
            Self::NoneAsMember => f.write_str("\"none\" cannot be a group member"),
            Self::QuorumRedefined => f.write_str("quorum can only be set once"),
            Self::NoQuorum => f.write_str("no quorum defined"),
            Self::TooManyLogs { max } => write!(f, "more than {max} logs"),
            Self::TooManyWitnesses { max } => write!(f, "more than {max} witnesses"),
            Self::TooManyGroups { max } => write!(f, "more than {max} groups"),
            Self::InvalidName => {
                f.write_str("invalid policy name: does not match ^[a-z0-9][a-z0-9-]+$")
            }
            Self::UnknownBuiltin => f.write_str("no builtin policy with this name"),
            Self::BuiltinBlob => f.write_str("the builtin's compiled form does not load"),
        }
    }
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}", self.kind)
        } else {
            write!(f, "line {}: {}", self.line, self.kind)
        }
    }
}

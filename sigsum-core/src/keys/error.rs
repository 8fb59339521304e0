//! The one error of the key formats: where (line, column) and why.

use core::fmt;

use crate::encoding::EncodingError;

/// A public key, key file or vkey was rejected, or a key could not be
/// written: the place and the reason.
///
/// `line` and `column` count from 1; 0 means "not applicable" (the input
/// is a single line: [`parse_ssh_key`](crate::parse_ssh_key),
/// [`Vkey::parse`](crate::Vkey::parse); or the reason concerns the whole
/// input). Columns are byte offsets of the offending field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyError {
    /// The line, from 1 (0: not applicable).
    pub line: u32,
    /// The column, from 1 (0: not applicable).
    pub column: u32,
    /// What was wrong.
    pub kind: KeyErrorKind,
}

impl KeyError {
    /// The reason `kind` at `line`, `column`.
    pub(crate) const fn at(line: u32, column: u32, kind: KeyErrorKind) -> Self {
        KeyError { line, column, kind }
    }

    /// The same error, on line `line` of a file.
    pub(crate) const fn on_line(self, line: u32) -> Self {
        KeyError { line, ..self }
    }
}

#[cfg(feature = "tools")]
impl From<crate::writer::BufferTooSmall> for KeyError {
    fn from(_: crate::writer::BufferTooSmall) -> Self {
        KeyError::at(0, 0, KeyErrorKind::BufferTooSmall)
    }
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (0, 0) => {}
            (0, column) => write!(f, "column {column}: ")?,
            (line, 0) => write!(f, "line {line}: ")?,
            (line, column) => write!(f, "line {line}, column {column}: ")?,
        }
        self.kind.fmt(f)
    }
}

/// Why a key was rejected, by format.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyErrorKind {
    // Raw hex keys.
    /// A hex key is not exactly 64 hex digits.
    Hex(EncodingError),

    // OpenSSH key lines (the column is the offending field's).
    /// A control character (other than TAB) inside the line (the column is
    /// the character's).
    ControlCharacter,
    /// The line has no key type and key field (after the policy option).
    MissingFields,
    /// `sigsum-policy=` is not followed by a double-quoted name.
    PolicyNotQuoted,
    /// `sigsum-policy=""`.
    PolicyEmpty,
    /// The policy name contains `"`, `'`, `\`, a space or a control
    /// character, or (in [`parse_ssh_key`](crate::parse_ssh_key), which
    /// returns the name as a `&str`) is not valid UTF-8. In a
    /// [`KeyFile`](crate::KeyFile) a name that is not UTF-8 is accepted and
    /// reported only when the name is asked for ([`Self::PolicyNotUtf8`]).
    PolicyForbiddenChar,
    /// A second `sigsum-policy=` option.
    RepeatedPolicy,
    /// The key type is not `ssh-ed25519` (other key types and options are
    /// not supported).
    KeyType,
    /// The key field is not valid base64.
    Base64,
    /// The key blob does not start with the `ssh-ed25519` blob prefix.
    BlobPrefix,
    /// The key blob is not 51 bytes.
    BlobLength,

    // OpenSSH key files.
    /// A comment that does not start at column 1.
    IndentedComment,
    /// The same key appears twice (`line` is the second).
    DuplicateKey {
        /// The first line with the key.
        first: u32,
    },
    /// More than [`MAX_KEYS_PER_FILE`](crate::MAX_KEYS_PER_FILE) keys
    /// (`line` is the first over the limit).
    TooManyKeys {
        /// The limit.
        max: u32,
    },
    /// A line (key, comment or empty) longer than
    /// [`MAX_KEY_FILE_LINE_LEN`](crate::MAX_KEY_FILE_LINE_LEN) bytes, a
    /// stripped `\r` included.
    LineTooLong {
        /// The limit.
        max: u32,
    },
    /// The file has no keys.
    NoKeys,
    /// Key lines disagree on the `sigsum-policy` name (a missing option
    /// differs from any name).
    PolicyConflict {
        /// The first key line.
        first: u32,
    },
    /// The `sigsum-policy` name all key lines agree on is not valid UTF-8,
    /// so it names no policy (from
    /// [`KeyFile::policy_name`](crate::KeyFile::policy_name) only: parsing
    /// the file accepts it, as sigsum-go does). The place is the first key
    /// line's option.
    PolicyNotUtf8,

    // PEM (RFC 7468) SubjectPublicKeyInfo keys.
    /// Line 1 is not `-----BEGIN PUBLIC KEY-----`.
    PemBegin,
    /// Line 1 is a PEM BEGIN line with another label (e.g. a private key).
    PemLabel,
    /// No `-----END PUBLIC KEY-----` line.
    PemMissingEnd,
    /// A line between BEGIN and END is empty, longer than 64 characters,
    /// or not base64.
    PemBase64,
    /// The DER is not 44 bytes.
    PemDerLength,
    /// The DER is not an Ed25519 SubjectPublicKeyInfo.
    PemDerPrefix,
    /// Something follows the END line.
    PemTrailing,

    // Signed-note verifier keys (vkeys).
    /// Fewer than three `+`-separated fields.
    VkeyFields,
    /// The name is empty or not a valid key name, or not UTF-8.
    VkeyName,
    /// The key id field is not 8 hex digits.
    VkeyKeyIdHex(EncodingError),
    /// The key field is not valid base64.
    VkeyBase64,
    /// The key field decodes to nothing.
    VkeyEmptyKey,
    /// The type byte is not 0x01 (Ed25519) or 0x04 (cosignature).
    VkeyType {
        /// The type byte found.
        found: u8,
    },
    /// The key after the type byte is not 32 bytes.
    VkeyKeyLength,
    /// The key id is not `H(name || 0x0A || type || key)[..4]`.
    VkeyKeyIdMismatch,

    // Writing keys.
    /// The output buffer is too small.
    BufferTooSmall,
    /// A comment contains a control character or a line break.
    Comment,
    /// A policy name is empty or contains `"`, `'`, `\`, a space or a
    /// control character.
    PolicyName,
}

impl fmt::Display for KeyErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Hex(e) => write!(f, "invalid hex key: {e}"),
            Self::ControlCharacter => f.write_str("control character in key line"),
            Self::MissingFields => f.write_str("expected \"ssh-ed25519 <key>\""),
            Self::PolicyNotQuoted => {
                f.write_str("sigsum-policy= must be followed by a double-quoted name")
            }
            Self::PolicyEmpty => f.write_str("empty sigsum-policy name"),
            Self::PolicyForbiddenChar => f.write_str("forbidden character in sigsum-policy name"),
            Self::RepeatedPolicy => f.write_str("repeated sigsum-policy option"),
            Self::KeyType => {
                f.write_str("expected ssh-ed25519 (other key types and options are not supported)")
            }
            Self::Base64 => f.write_str("invalid base64 in key"),
            Self::BlobPrefix => f.write_str("key blob is not an ssh-ed25519 key"),
            Self::BlobLength => f.write_str("key blob is not 51 bytes"),
            Self::IndentedComment => f.write_str("comments must start in column 1"),
            Self::DuplicateKey { first } => {
                write!(f, "duplicate public key (first on line {first})")
            }
            Self::TooManyKeys { max } => write!(f, "more than {max} keys"),
            Self::LineTooLong { max } => write!(f, "line longer than {max} bytes"),
            Self::NoKeys => f.write_str("no public keys found"),
            Self::PolicyConflict { first } => {
                write!(f, "sigsum-policy differs from the one on line {first}")
            }
            Self::PolicyNotUtf8 => f.write_str("sigsum-policy name is not valid UTF-8"),
            Self::PemBegin => f.write_str("expected -----BEGIN PUBLIC KEY-----"),
            Self::PemLabel => f.write_str("not a public key (expected -----BEGIN PUBLIC KEY-----)"),
            Self::PemMissingEnd => f.write_str("missing -----END PUBLIC KEY-----"),
            Self::PemBase64 => f.write_str("invalid base64 line"),
            Self::PemDerLength => f.write_str("not a 44-byte Ed25519 public key"),
            Self::PemDerPrefix => f.write_str("not an Ed25519 SubjectPublicKeyInfo"),
            Self::PemTrailing => f.write_str("text after -----END PUBLIC KEY-----"),
            Self::VkeyFields => f.write_str("vkey is not <name>+<key id>+<key>"),
            Self::VkeyName => f.write_str("invalid vkey key name"),
            Self::VkeyKeyIdHex(e) => write!(f, "vkey key id is not 8 hex digits: {e}"),
            Self::VkeyBase64 => f.write_str("invalid base64 in vkey"),
            Self::VkeyEmptyKey => f.write_str("empty vkey key data"),
            Self::VkeyType { found } => write!(f, "unsupported vkey key type 0x{found:02x}"),
            Self::VkeyKeyLength => f.write_str("vkey key is not 32 bytes"),
            Self::VkeyKeyIdMismatch => f.write_str("vkey key id does not match its name and key"),
            Self::BufferTooSmall => f.write_str("output buffer too small"),
            Self::Comment => f.write_str("key comment contains a control character"),
            Self::PolicyName => f.write_str("invalid policy name"),
        }
    }
}

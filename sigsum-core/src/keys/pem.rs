//! PEM SubjectPublicKeyInfo Ed25519 public keys (RFC 8410, RFC 7468), as
//! `openssl pkey -pubout` writes them:

use core::fmt;

use crate::encoding::decode_base64;
use crate::lines::{LineMode, Lines};
use crate::types::PublicKey;
#[cfg(feature = "tools")]
use crate::writer::{BufferTooSmall, Writer};

/// The BEGIN line.
pub const PEM_BEGIN: &str = "-----BEGIN PUBLIC KEY-----";
/// The END line.
pub const PEM_END: &str = "-----END PUBLIC KEY-----";
/// DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410 §4).
pub const SPKI_PREFIX: &[u8; 12] = b"\x30\x2a\x30\x05\x06\x03\x2b\x65\x70\x03\x21\x00";
/// Size of an Ed25519 SubjectPublicKeyInfo.
pub const SPKI_SIZE: usize = 44;
/// Longest base64 line (RFC 7468).
pub const MAX_PEM_LINE: usize = 64;

/// Why a PEM key was rejected. Lines count from 1.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PemError {
    /// Line 1 is not `-----BEGIN PUBLIC KEY-----`.
    Begin,
    /// Line 1 is a PEM BEGIN line with another label (e.g. a private key).
    Label,
    /// No `-----END PUBLIC KEY-----` line.
    MissingEnd,
    /// A line between BEGIN and END is empty, longer than 64 characters,
    /// or not base64.
    Base64 {
        /// The line.
        line: u32,
    },
    /// The DER is not 44 bytes.
    DerLength,
    /// The DER is not an Ed25519 SubjectPublicKeyInfo.
    DerPrefix,
    /// Something follows the END line.
    Trailing {
        /// The first extra line.
        line: u32,
    },
}

impl fmt::Display for PemError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Begin => write!(f, "line 1: expected {PEM_BEGIN}"),
            Self::Label => write!(f, "line 1: not a public key (expected {PEM_BEGIN})"),
            Self::MissingEnd => write!(f, "missing {PEM_END}"),
            Self::Base64 { line } => write!(f, "line {line}: invalid base64 line"),
            Self::DerLength => f.write_str("not a 44-byte Ed25519 public key"),
            Self::DerPrefix => f.write_str("not an Ed25519 SubjectPublicKeyInfo"),
            Self::Trailing { line } => write!(f, "line {line}: text after {PEM_END}"),
        }
    }
}

#[cfg(feature = "tools")]
/// The 44-byte DER SubjectPublicKeyInfo of a key.
pub fn spki_der(key: &PublicKey) -> [u8; SPKI_SIZE] {
    super::prefixed_key::<SPKI_SIZE>(SPKI_PREFIX, key)
}

/// Read the key from a DER SubjectPublicKeyInfo.
pub fn parse_spki_der(der: &[u8]) -> Result<PublicKey, PemError> {
    let key = der
        .strip_prefix(SPKI_PREFIX.as_slice())
        .ok_or(if der.len() == SPKI_SIZE {
            PemError::DerPrefix
        } else {
            PemError::DerLength
        })?;
    PublicKey::from_slice(key).ok_or(PemError::DerLength)
}

/// Parse a PEM public key (see the module docs).
///
/// ```text
/// -----BEGIN PUBLIC KEY-----
/// MCowBQYDK2VwAyEA<key, 43 more base64 characters>
/// -----END PUBLIC KEY-----
/// ```
///
/// The DER is always 44 bytes: `30 2a 30 05 06 03 2b 65 70 03 21 00 ||
/// key[32]`. Parsing is strict: the first line is the
/// `BEGIN PUBLIC KEY` line (no text before it), base64 lines of 1 to 64
/// characters follow, then the `END PUBLIC KEY` line and nothing else. CRLF
/// line endings and a missing final newline are accepted.
pub fn parse_pem_key(input: &[u8]) -> Result<PublicKey, PemError> {
    let mut lines = Lines::new(input, LineMode::Lenient).filter_map(Result::ok);
    match lines.next() {
        Some(l) if l.text == PEM_BEGIN.as_bytes() => {}
        Some(l) if l.text.starts_with(b"-----BEGIN ") && l.text.ends_with(b"-----") => {
            return Err(PemError::Label)
        }
        _ => return Err(PemError::Begin),
    }
    // The base64 text, concatenated: 60 characters for a 44-byte DER; a
    // little room so that longer input is a length error.
    let mut b64 = [0u8; 68];
    let mut len = 0usize;
    let mut ended = false;
    let mut last_line = 2;
    for l in lines.by_ref() {
        if l.text == PEM_END.as_bytes() {
            ended = true;
            break;
        }
        let alphabet = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=');
        if l.text.is_empty() || l.text.len() > MAX_PEM_LINE || !l.text.iter().all(alphabet) {
            return Err(PemError::Base64 { line: l.number });
        }
        last_line = l.number;
        let end = len.saturating_add(l.text.len());
        let slot = b64.get_mut(len..end).ok_or(PemError::DerLength)?;
        slot.copy_from_slice(l.text);
        len = end;
    }
    if !ended {
        return Err(PemError::MissingEnd);
    }
    if let Some(l) = lines.next() {
        return Err(PemError::Trailing { line: l.number });
    }
    let mut der = [0u8; 51];
    let der = decode_base64(b64.get(..len).unwrap_or_default(), &mut der)
        .map_err(|_| PemError::Base64 { line: last_line })?;
    parse_spki_der(der)
}

#[cfg(feature = "tools")]
/// Write the PEM form of a key (three lines, LF, final newline).
pub fn write_pem_key(key: &PublicKey, w: &mut Writer<'_>) -> Result<(), BufferTooSmall> {
    w.bytes(PEM_BEGIN.as_bytes())?;
    w.byte(b'\n')?;
    w.base64(&spki_der(key))?;
    w.byte(b'\n')?;
    w.bytes(PEM_END.as_bytes())?;
    w.byte(b'\n')
}

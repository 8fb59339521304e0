//! PEM SubjectPublicKeyInfo Ed25519 public keys (RFC 8410, RFC 7468), as
//! `openssl pkey -pubout` writes them:

use super::error::{KeyError, KeyErrorKind as K};
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

#[cfg(feature = "tools")]
/// The 44-byte DER SubjectPublicKeyInfo of a key.
pub fn spki_der(key: &PublicKey) -> [u8; SPKI_SIZE] {
    super::prefixed_key::<SPKI_SIZE>(SPKI_PREFIX, key)
}

/// Read the key from a DER SubjectPublicKeyInfo.
pub fn parse_spki_der(der: &[u8]) -> Result<PublicKey, KeyError> {
    let key = der
        .strip_prefix(SPKI_PREFIX.as_slice())
        .ok_or(if der.len() == SPKI_SIZE {
            KeyError::at(0, 0, K::PemDerPrefix)
        } else {
            KeyError::at(0, 0, K::PemDerLength)
        })?;
    PublicKey::from_slice(key).ok_or(KeyError::at(0, 0, K::PemDerLength))
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
pub fn parse_pem_key(input: &[u8]) -> Result<PublicKey, KeyError> {
    let mut lines = Lines::new(input, LineMode::Lenient).filter_map(Result::ok);
    match lines.next() {
        Some(l) if l.text == PEM_BEGIN.as_bytes() => {}
        Some(l) if l.text.starts_with(b"-----BEGIN ") && l.text.ends_with(b"-----") => {
            return Err(KeyError::at(1, 0, K::PemLabel))
        }
        _ => return Err(KeyError::at(1, 0, K::PemBegin)),
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
            return Err(KeyError::at(l.number, 0, K::PemBase64));
        }
        last_line = l.number;
        let end = len.saturating_add(l.text.len());
        let slot = b64
            .get_mut(len..end)
            .ok_or(KeyError::at(0, 0, K::PemDerLength))?;
        slot.copy_from_slice(l.text);
        len = end;
    }
    if !ended {
        return Err(KeyError::at(0, 0, K::PemMissingEnd));
    }
    if let Some(l) = lines.next() {
        return Err(KeyError::at(l.number, 0, K::PemTrailing));
    }
    let mut der = [0u8; 51];
    let der = decode_base64(b64.get(..len).unwrap_or_default(), &mut der)
        .map_err(|_| KeyError::at(last_line, 0, K::PemBase64))?;
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

//! Public key formats: raw hex, OpenSSH lines and key files, signed-note
//! verifier keys (vkeys), and PEM SubjectPublicKeyInfo.
//!
//! Every parser takes bytes and returns a [`PublicKey`] (plus what the
//! format carries: policy name, comment, key name); every writer appends to
//! a caller buffer through [`Writer`]. Nothing allocates.
//!
//! | format | parse | write | spec |
//! |---|---|---|---|
//! | raw hex (64 digits) | [`parse_hex_key`] | `write_hex_key` | sigsum-go `sigsum-key` |
//! | `ssh-ed25519 <base64> [comment]` | [`ssh::parse_ssh_key`] | `write_ssh_key` | OpenSSH `authorized_keys`, sigsum-go `internal/ssh` |
//! | OpenSSH multi-key file | [`ssh::KeyFile::parse`] | | sigsum-go `sigsum-verify -k` |
//! | vkey `name+id+base64(type‖key)` | [`vkey::Vkey::parse`] | `Vkey::write` | C2SP `signed-note` |
//! | PEM `BEGIN PUBLIC KEY` | [`pem::parse_pem_key`] | `write_pem_key` | RFC 8410 |

pub mod error;
pub mod pem;
pub mod ssh;
pub mod vkey;

use crate::types::PublicKey;
#[cfg(feature = "tools")]
use crate::writer::{BufferTooSmall, Writer};
use error::{KeyError, KeyErrorKind};

/// Parse a raw hex public key: exactly 64 hex digits, either case, after
/// trimming surrounding ASCII white space (SP, TAB, CR, LF), as
/// `sigsum-key from-hex` does.
pub fn parse_hex_key(input: &[u8]) -> Result<PublicKey, KeyError> {
    PublicKey::from_hex(trim_ascii_space(input))
        .map_err(|e| KeyError::at(0, 0, KeyErrorKind::Hex(e)))
}

#[cfg(feature = "tools")]
/// Write a public key as 64 lowercase hex digits (no newline).
pub fn write_hex_key(key: &PublicKey, w: &mut Writer<'_>) -> Result<(), BufferTooSmall> {
    w.hex(&key.0)
}

#[cfg(feature = "tools")]
/// `prefix || key` as an `N`-byte array, for the fixed key encodings
/// (OpenSSH blob, DER SubjectPublicKeyInfo). `N` must be
/// `prefix.len() + 32`; the callers' sizes are constants checked by tests.
fn prefixed_key<const N: usize>(prefix: &[u8], key: &PublicKey) -> [u8; N] {
    let mut out = [0u8; N];
    out.iter_mut()
        .zip(prefix.iter().chain(key.0.iter()))
        .for_each(|(d, s)| *d = *s);
    out
}

/// Strip leading and trailing SP, TAB, CR and LF.
fn trim_ascii_space(mut s: &[u8]) -> &[u8] {
    let space = |b: &u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
    while let Some((first, rest)) = s.split_first() {
        if !space(first) {
            break;
        }
        s = rest;
    }
    while let Some((last, rest)) = s.split_last() {
        if !space(last) {
            break;
        }
        s = rest;
    }
    s
}

/// The fields of `line` separated by runs of SP or TAB, each with its
/// 1-based column.
pub(crate) fn fields(line: &[u8]) -> impl Iterator<Item = (u32, &[u8])> + '_ {
    let mut pos = 0usize;
    core::iter::from_fn(move || {
        let rest = line.get(pos..)?;
        let start = pos.saturating_add(rest.iter().position(|b| !matches!(b, b' ' | b'\t'))?);
        let field = line.get(start..)?;
        let len = field
            .iter()
            .position(|b| matches!(b, b' ' | b'\t'))
            .unwrap_or(field.len());
        pos = start.saturating_add(len);
        let column = u32::try_from(start.saturating_add(1)).unwrap_or(u32::MAX);
        Some((column, field.get(..len)?))
    })
}

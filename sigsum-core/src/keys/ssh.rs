//! OpenSSH `ssh-ed25519` public key lines and multi-key files.

use super::error::{KeyError, KeyErrorKind as K};
use super::fields;
use crate::encoding::decode_base64;
use crate::lines::{LineMode, Lines};
use crate::types::PublicKey;
#[cfg(feature = "tools")]
use crate::writer::Writer;

/// The key type field.
pub const SSH_ED25519: &str = "ssh-ed25519";
/// The first 19 bytes of every Ed25519 key blob.
pub const BLOB_PREFIX: &[u8; 19] = b"\x00\x00\x00\x0bssh-ed25519\x00\x00\x00\x20";
/// Size of an Ed25519 key blob.
pub const BLOB_SIZE: usize = 51;
/// The option that names a Sigsum policy.
pub const POLICY_OPTION: &str = "sigsum-policy=";
/// Most keys accepted in one key file.
pub const MAX_KEYS_PER_FILE: usize = 256;
/// The longest accepted key-file line, in bytes, without its `\n` but
/// counting a stripped `\r`; comment lines count too. sigsum-go reads key
/// files with a `bufio.Scanner`, whose 64 KiB buffer (the newline
/// included) fails on longer lines. The same value, counted the same way,
/// as the text policy limit [`crate::MAX_LINE_LEN`].
pub const MAX_KEY_FILE_LINE_LEN: usize = 65535;

/// A parsed key line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SshKey<'a> {
    /// The Ed25519 public key.
    pub key: PublicKey,
    /// The `sigsum-policy` name, if the option is present. In the keys of a
    /// [`KeyFile`] it is also `None` for a name that is not valid UTF-8
    /// (such a name can name no policy; [`KeyFile::policy_name`] reports
    /// it).
    pub policy: Option<&'a str>,
    /// Everything after the key field, without leading white space (may be
    /// empty).
    pub comment: &'a [u8],
}

/// Check a `sigsum-policy="<name>"` field (which must start with
/// [`POLICY_OPTION`]) and return the name, which must be UTF-8.
pub(crate) fn parse_policy_option(field: &[u8], column: u32) -> Result<&str, KeyError> {
    let name = parse_policy_option_bytes(field, column)?;
    core::str::from_utf8(name).map_err(|_| KeyError::at(0, column, K::PolicyForbiddenChar))
}

/// [`parse_policy_option`] without the UTF-8 check (sigsum-go's
/// `getPolicy`, plus no control characters).
fn parse_policy_option_bytes(field: &[u8], column: u32) -> Result<&[u8], KeyError> {
    let quoted = field
        .strip_prefix(POLICY_OPTION.as_bytes())
        .ok_or(KeyError::at(0, column, K::PolicyNotQuoted))?;
    let name = quoted
        .strip_prefix(b"\"")
        .and_then(|q| q.strip_suffix(b"\""))
        .ok_or(KeyError::at(0, column, K::PolicyNotQuoted))?;
    if name.is_empty() {
        return Err(KeyError::at(0, column, K::PolicyEmpty));
    }
    if !is_valid_policy_name(name) {
        return Err(KeyError::at(0, column, K::PolicyForbiddenChar));
    }
    Ok(name)
}

/// A policy name as sigsum-go's `getPolicy` accepts it (non-empty, no `"`
/// `'` `\` space or newline), also without other control characters. The
/// name regex `^[a-z0-9][a-z0-9-]+$` is checked later, at lookup, as in
/// sigsum-go.
fn is_valid_policy_name(name: &[u8]) -> bool {
    !name.is_empty()
        && name
            .iter()
            .all(|&b| !matches!(b, b'"' | b'\'' | b'\\' | b' ') && b >= 0x20 && b != 0x7f)
}

/// Parse one OpenSSH key line (see the module docs). Line breaks at the
/// very end (`\n`, `\r\n`, trailing blank lines of a one-key file) are
/// ignored; any other control character is an error.
///
/// A line is `[sigsum-policy="<name>"] ssh-ed25519 <base64 blob> [comment]`
/// with fields separated by runs of SP or TAB (sigsum-go
/// `internal/ssh/public.go`). The blob is exactly 51 bytes:
/// `00 00 00 0b "ssh-ed25519" 00 00 00 20 || key[32]` (68 base64
/// characters). The only option recognised is `sigsum-policy="<name>"`, and
/// only as the first field; any other option (`no-pty`, `command="…"`) or
/// key type is rejected ([`KeyErrorKind::KeyType`](crate::KeyErrorKind::KeyType)).
///
/// Multi-key files ([`KeyFile`], sigsum-go `pkg/key/key.go`): lines split
/// on `\n` with one trailing `\r` stripped, the last line need not end in
/// `\n`, no line (comments included) longer than
/// [`MAX_KEY_FILE_LINE_LEN`] bytes counting the `\r`, as sigsum-go's
/// `bufio.Scanner`; empty lines and lines **starting** with `#` are
/// skipped; an indented `#` is an error; every other line must be a key
/// line; duplicate
/// keys, files without keys and (when asked for the policy name) lines that
/// disagree on `sigsum-policy` are errors. A policy name that is not valid
/// UTF-8 (sigsum-go forbids only `"`, `'`, `\`, space and newline there) can
/// name no policy: a key file accepts it, and [`KeyFile::policy_name`]
/// reports it ([`KeyErrorKind::PolicyNotUtf8`](crate::KeyErrorKind::PolicyNotUtf8)), so that it fails a run
/// that uses the name and not one that names its policy otherwise (as
/// `sigsum-verify -p`/`-P`).
///
/// Divergences from sigsum-go (stricter): control characters other than
/// TAB inside a line are rejected (sigsum-go's base64 decoder silently
/// skips `\r`/`\n` inside the key field, and its one-key file reader takes
/// everything after the key field, further lines included, as the
/// comment); a single-line parse ignores only line breaks at the very end
/// (`\n`, `\r\n`, or trailing blank lines, which sigsum-go's
/// `ReadPublicKeyFile` also accepts); base64 must be canonical; at most
/// [`MAX_KEYS_PER_FILE`] keys per file.
pub fn parse_ssh_key(line: &[u8]) -> Result<SshKey<'_>, KeyError> {
    let k = parse_line(line, true)?;
    let policy = match k.policy {
        Some((column, name)) => Some(
            core::str::from_utf8(name)
                .map_err(|_| KeyError::at(0, column, K::PolicyForbiddenChar))?,
        ),
        None => None,
    };
    Ok(SshKey {
        key: k.key,
        policy,
        comment: k.comment,
    })
}

/// A parsed key line whose policy name (with the option's column) is not
/// yet known to be UTF-8.
#[derive(Clone, Copy)]
struct RawKey<'a> {
    key: PublicKey,
    policy: Option<(u32, &'a [u8])>,
    comment: &'a [u8],
}

impl<'a> RawKey<'a> {
    /// The public form: a name that is not UTF-8 is `None`.
    fn ssh_key(&self) -> SshKey<'a> {
        SshKey {
            key: self.key,
            policy: self
                .policy
                .and_then(|(_, name)| core::str::from_utf8(name).ok()),
            comment: self.comment,
        }
    }
}

/// [`parse_ssh_key`]; with `utf8_policy` a policy name that is not UTF-8
/// is an error (at the option, before the rest of the line is checked).
fn parse_line(line: &[u8], utf8_policy: bool) -> Result<RawKey<'_>, KeyError> {
    let end = line
        .iter()
        .rposition(|&b| b != b'\n' && b != b'\r')
        .map_or(0, |i| i.saturating_add(1));
    let line = line.get(..end).unwrap_or_default();
    if let Some(i) = line
        .iter()
        .position(|&b| (b < 0x20 && b != b'\t') || b == 0x7f)
    {
        return Err(KeyError::at(
            0,
            u32::try_from(i.saturating_add(1)).unwrap_or(u32::MAX),
            K::ControlCharacter,
        ));
    }
    let mut it = fields(line);
    let end_column = u32::try_from(line.len().saturating_add(1)).unwrap_or(u32::MAX);
    let (mut col, mut first) = it.next().ok_or(KeyError::at(0, 1, K::MissingFields))?;
    let mut policy = None;
    if first.starts_with(POLICY_OPTION.as_bytes()) {
        let name = if utf8_policy {
            parse_policy_option(first, col)?.as_bytes()
        } else {
            parse_policy_option_bytes(first, col)?
        };
        policy = Some((col, name));
        (col, first) = it
            .next()
            .ok_or(KeyError::at(0, end_column, K::MissingFields))?;
    }
    let (key_col, key_field) = it
        .next()
        .ok_or(KeyError::at(0, end_column, K::MissingFields))?;
    if first.starts_with(POLICY_OPTION.as_bytes()) {
        return Err(KeyError::at(0, col, K::RepeatedPolicy));
    }
    if first != SSH_ED25519.as_bytes() {
        return Err(KeyError::at(0, col, K::KeyType));
    }
    let key = decode_blob(key_field, key_col)?;
    let comment = match it.next() {
        Some((c, _)) => line
            .get(usize::try_from(c).unwrap_or(usize::MAX).saturating_sub(1)..)
            .unwrap_or_default(),
        None => &[],
    };
    // Trailing white space is not part of the comment.
    let comment_len = comment
        .iter()
        .rposition(|b| !matches!(b, b' ' | b'\t'))
        .map_or(0, |i| i.saturating_add(1));
    Ok(RawKey {
        key,
        policy,
        comment: comment.get(..comment_len).unwrap_or_default(),
    })
}

fn decode_blob(field: &[u8], column: u32) -> Result<PublicKey, KeyError> {
    // Room for a few bytes more than a key blob, so that longer blobs are a
    // length error rather than a buffer error.
    let mut buf = [0u8; BLOB_SIZE.saturating_add(3)];
    if field.len() > crate::encoding::base64_len(buf.len()) {
        return Err(KeyError::at(0, column, K::BlobLength));
    }
    let blob = decode_base64(field, &mut buf).map_err(|_| KeyError::at(0, column, K::Base64))?;
    let Some(key) = blob.strip_prefix(BLOB_PREFIX.as_slice()) else {
        return Err(KeyError::at(0, column, K::BlobPrefix));
    };
    PublicKey::from_slice(key).ok_or(KeyError::at(0, column, K::BlobLength))
}

#[cfg(feature = "tools")]
/// The 51-byte OpenSSH blob of a key.
pub fn key_blob(key: &PublicKey) -> [u8; BLOB_SIZE] {
    super::prefixed_key::<BLOB_SIZE>(BLOB_PREFIX, key)
}

#[cfg(feature = "tools")]
/// Write `[sigsum-policy="<policy>" ]ssh-ed25519 <base64 blob>[ <comment>]\n`.
///
/// sigsum-go writes the comment `sigsum key`. The policy name and comment
/// are checked so that the line parses back to the same values.
pub fn write_ssh_key(
    key: &PublicKey,
    policy: Option<&str>,
    comment: &str,
    w: &mut Writer<'_>,
) -> Result<(), KeyError> {
    if comment
        .bytes()
        .any(|b| (b < 0x20 && b != b'\t') || b == 0x7f)
        || comment.starts_with([' ', '\t'])
        || comment.ends_with([' ', '\t'])
    {
        return Err(KeyError::at(0, 0, K::Comment));
    }
    if let Some(p) = policy {
        if !is_valid_policy_name(p.as_bytes()) {
            return Err(KeyError::at(0, 0, K::PolicyName));
        }
        w.bytes(POLICY_OPTION.as_bytes())?;
        w.byte(b'"')?;
        w.bytes(p.as_bytes())?;
        w.bytes(b"\" ")?;
    }
    w.bytes(SSH_ED25519.as_bytes())?;
    w.byte(b' ')?;
    w.base64(&key_blob(key))?;
    if !comment.is_empty() {
        w.byte(b' ')?;
        w.bytes(comment.as_bytes())?;
    }
    w.byte(b'\n')?;
    Ok(())
}

/// One key of a key file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyLine<'a> {
    /// The line number.
    pub line: u32,
    /// The parsed line.
    pub key: SshKey<'a>,
}

/// A checked OpenSSH multi-key file (authorized_keys style), borrowing the
/// input.
#[derive(Clone, Copy, Debug)]
pub struct KeyFile<'a> {
    input: &'a [u8],
    count: usize,
}

impl<'a> KeyFile<'a> {
    /// Parse and check a key file (see the module docs). Policy names may
    /// differ, and need not be UTF-8; [`KeyFile::policy_name`] checks that
    /// they agree and are.
    pub fn parse(input: &'a [u8]) -> Result<KeyFile<'a>, KeyError> {
        let file = KeyFile { input, count: 0 };
        let mut count = 0usize;
        for item in file.items() {
            let (line, key) = item?;
            count = count.saturating_add(1);
            if count > MAX_KEYS_PER_FILE {
                return Err(KeyError::at(
                    line,
                    0,
                    K::TooManyKeys {
                        max: MAX_KEYS_PER_FILE as u32,
                    },
                ));
            }
            // Earlier keys were checked already: compare.
            if let Some(first) = file
                .items()
                .take(count.saturating_sub(1))
                .filter_map(Result::ok)
                .find(|(_, k)| k.key == key.key)
            {
                return Err(KeyError::at(line, 0, K::DuplicateKey { first: first.0 }));
            }
        }
        if count == 0 {
            return Err(KeyError::at(0, 0, K::NoKeys));
        }
        Ok(KeyFile { input, count })
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.count
    }

    /// `true` if there are no keys (never for a parsed file).
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The keys with their line numbers, in file order (a policy name
    /// that is not UTF-8 shows as `None`, see [`SshKey::policy`]).
    pub fn keys(&self) -> impl Iterator<Item = KeyLine<'a>> + 'a {
        self.items()
            .filter_map(Result::ok)
            .map(|(line, k)| KeyLine {
                line,
                key: k.ssh_key(),
            })
    }

    /// The policy name all key lines agree on (`None` if no line has the
    /// option); an error if they disagree, as sigsum-go's
    /// `ParsePublicKeysWithPolicy` (names compared byte for byte), or if
    /// the name they agree on is not valid UTF-8
    /// ([`KeyErrorKind::PolicyNotUtf8`](crate::KeyErrorKind::PolicyNotUtf8); sigsum-go fails such a name when
    /// it looks the policy up).
    pub fn policy_name(&self) -> Result<Option<&'a str>, KeyError> {
        let mut keys = self.items().filter_map(Result::ok);
        let Some((first_line, first)) = keys.next() else {
            return Err(KeyError::at(0, 0, K::NoKeys));
        };
        let name = |k: &RawKey<'a>| k.policy.map(|(_, name)| name);
        for (line, k) in keys {
            if name(&k) != name(&first) {
                return Err(KeyError::at(
                    line,
                    0,
                    K::PolicyConflict { first: first_line },
                ));
            }
        }
        match first.policy {
            None => Ok(None),
            Some((column, name)) => core::str::from_utf8(name)
                .map(Some)
                .map_err(|_| KeyError::at(first_line, column, K::PolicyNotUtf8)),
        }
    }

    /// Every key line, parsed, with comments and empty lines skipped.
    fn items(&self) -> impl Iterator<Item = Result<(u32, RawKey<'a>), KeyError>> + 'a {
        let input = self.input;
        Lines::new(input, LineMode::Lenient).filter_map(move |l| {
            let l = l.ok()?;
            let text = l.text;
            let line = l.number;
            // Counted as the text policy reader counts (a stripped `\r`
            // included), before comments are skipped.
            let after = l.offset.saturating_add(text.len());
            let raw_len = if input.get(after) == Some(&b'\r') {
                text.len().saturating_add(1)
            } else {
                text.len()
            };
            if raw_len > MAX_KEY_FILE_LINE_LEN {
                return Some(Err(KeyError::at(
                    line,
                    0,
                    K::LineTooLong {
                        max: MAX_KEY_FILE_LINE_LEN as u32,
                    },
                )));
            }
            if text.is_empty() || text.starts_with(b"#") {
                return None;
            }
            if fields(text)
                .next()
                .is_some_and(|(_, f)| f.starts_with(b"#"))
            {
                return Some(Err(KeyError::at(line, 0, K::IndentedComment)));
            }
            Some(
                parse_line(text, false)
                    .map(|k| (line, k))
                    .map_err(|e| e.on_line(line)),
            )
        })
    }
}

#[cfg(test)]
#[path = "../../tests/unit/policy_option.rs"]
mod policy_option_tests;

//! C2SP signed notes: a text, a blank line, and signature lines.

use core::fmt;

use crate::encoding::{decode_base64, decode_base64_runs, decode_hex_array, EncodingError};
use crate::types::sha256_parts;
use crate::types::PublicKey;
#[cfg(feature = "tools")]
use crate::writer::{BufferTooSmall, Writer};

/// Most signature lines accepted in one note by [`Note::parse`] and in a
/// Sigsum checkpoint (signed-note: at least 16 must be accepted; sigsum-go's
/// limit is 16).
pub const MAX_SIGNATURE_LINES: usize = 16;
/// Most signature lines accepted in a C2SP checkpoint
/// ([`Note::parse_with_limit`] as the `tlog` verifiers call it): room for
/// the log's signatures and, for each of the 64 witnesses a
/// [`TlogPolicy`](crate::TlogPolicy) holds, both an Ed25519 and an ML-DSA-44
/// cosignature. An ML-DSA line is about 3.3 KB of base64; lines of unknown
/// keys are only checked for syntax, never decoded into memory.
pub const MAX_TLOG_SIGNATURE_LINES: usize = 130;
/// Longest key name, in bytes.
pub const MAX_KEY_NAME_SIZE: usize = 255;
/// Size of a key id.
pub const KEY_ID_SIZE: usize = 4;
/// Largest signature blob (after the key id) that is decoded and handed
/// out: a cosignature/v1 blob, `u64be(timestamp) || signature[64]`. Longer
/// signatures are validated but only reported by length.
pub const MAX_SIGNATURE_BLOB_SIZE: usize = 72;
/// Signature type byte of Ed25519 note signatures (log signatures).
pub const SIG_TYPE_ED25519: u8 = 0x01;
/// Signature type byte of timestamped witness cosignatures
/// (`cosignature/v1`).
pub const SIG_TYPE_COSIGNATURE: u8 = 0x04;
/// The signature line prefix: U+2014 EM DASH and a space.
pub const SIGNATURE_PREFIX: &[u8; 4] = b"\xe2\x80\x94 ";

/// A 4-byte signed-note key id. Display is lowercase hex.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct KeyId(pub [u8; KEY_ID_SIZE]);

impl KeyId {
    /// Decode exactly 8 hex digits (either case).
    pub fn from_hex(hex: &[u8]) -> Result<Self, EncodingError> {
        decode_hex_array(hex).map(Self)
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in self.0.iter() {
            write!(f, "{:02x}", b)?;
        }
        Ok(())
    }
}

impl fmt::Debug for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KeyId({})", self)
    }
}

/// The key id of a key: `SHA-256(name || 0x0A || sig_type || key)[..4]`.
///
/// Use [`SIG_TYPE_ED25519`] for log signatures (the name is the log's key
/// name, for Sigsum the origin) and [`SIG_TYPE_COSIGNATURE`] for witness
/// cosignatures.
pub fn key_id(name: &[u8], sig_type: u8, key: &PublicKey) -> KeyId {
    let h = sha256_parts(&[name, &[b'\n', sig_type], &key.0]);
    let mut id = [0u8; KEY_ID_SIZE];
    id.iter_mut().zip(h.0.iter()).for_each(|(d, s)| *d = *s);
    KeyId(id)
}

/// `true` if `name` is a valid signed-note key name: non-empty, at most
/// [`MAX_KEY_NAME_SIZE`] bytes, UTF-8, no Unicode white space, no `+`, no
/// control characters.
pub fn is_valid_key_name(name: &[u8]) -> bool {
    !name.is_empty()
        && name.len() <= MAX_KEY_NAME_SIZE
        && core::str::from_utf8(name).is_ok_and(|s| {
            s.chars()
                .all(|c| !c.is_whitespace() && !c.is_control() && c != '+')
        })
}

/// Why a signed note was rejected. Line numbers count from 1 over the
/// whole input; columns are 1-based byte offsets within the line.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoteError {
    /// The input is not valid UTF-8.
    NotUtf8 {
        /// Line of the first invalid byte.
        line: u32,
    },
    /// A control character (below U+0020, other than the `\n` terminator;
    /// includes `\r` and TAB).
    ControlCharacter {
        /// Line of the character.
        line: u32,
        /// Column of the character.
        column: u32,
    },
    /// The last line does not end in `\n` (also: empty input).
    MissingNewline {
        /// Number of the unterminated line (0 for empty input).
        line: u32,
    },
    /// There is no blank line separating the text from the signatures.
    MissingBlankLine,
    /// The text before the blank line is empty.
    EmptyText,
    /// The blank line is the last line: there are no signature lines.
    NoSignatures,
    /// More than [`MAX_SIGNATURE_LINES`] signature lines.
    TooManySignatures {
        /// The first line over the limit.
        line: u32,
    },
    /// A signature line does not start with `"— "` (U+2014 and one space).
    SignaturePrefix {
        /// The offending line.
        line: u32,
    },
    /// A signature line is not exactly `— name base64` with single spaces
    /// and non-empty fields.
    SignatureFields {
        /// The offending line.
        line: u32,
    },
    /// The key name is empty, too long, or contains white space, `+` or a
    /// control character.
    KeyName {
        /// The offending line.
        line: u32,
    },
    /// The signature is not valid (padded, canonical) base64.
    SignatureBase64 {
        /// The offending line.
        line: u32,
    },
    /// Two signature lines have the same key name, key id and length.
    DuplicateSignature {
        /// The second line.
        line: u32,
        /// The first line with the same name and key id.
        first: u32,
    },
    /// A cosignature's timestamp is above 2^63 - 1 (tlog-cosignature
    /// timestamps are seconds since the epoch; sigsum-go rejects these).
    CosignatureTimestamp {
        /// The signature line.
        line: u32,
    },
    /// More than [`MAX_WITNESSES`](crate::MAX_WITNESSES) witnesses were
    /// given to verify cosignature lines against.
    TooManyWitnesses,
}

impl fmt::Display for NoteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotUtf8 { line } => write!(f, "line {line}: note is not valid UTF-8"),
            Self::ControlCharacter { line, column } => {
                write!(f, "line {line}, column {column}: control character in note")
            }
            Self::MissingNewline { line } => {
                write!(f, "line {line}: note does not end with a newline")
            }
            Self::MissingBlankLine => f.write_str("no blank line before the note signatures"),
            Self::EmptyText => f.write_str("empty note text"),
            Self::NoSignatures => f.write_str("note has no signature lines"),
            Self::TooManySignatures { line } => write!(
                f,
                "line {line}: more than {MAX_SIGNATURE_LINES} signature lines"
            ),
            Self::SignaturePrefix { line } => {
                write!(f, "line {line}: signature line does not start with \"— \"")
            }
            Self::SignatureFields { line } => write!(
                f,
                "line {line}: signature line is not \"— <name> <signature>\""
            ),
            Self::KeyName { line } => write!(f, "line {line}: invalid key name"),
            Self::SignatureBase64 { line } => write!(f, "line {line}: invalid base64 signature"),
            Self::DuplicateSignature { line, first } => write!(
                f,
                "line {line}: repeats the key name, key id and length of line {first}"
            ),
            Self::CosignatureTimestamp { line } => {
                write!(f, "line {line}: cosignature timestamp above 2^63-1")
            }
            Self::TooManyWitnesses => f.write_str("too many witnesses"),
        }
    }
}

/// A parsed signed note, borrowing the input.
///
/// ```text
/// <text, one or more lines, each ending in \n>
/// \n
/// — <key name> <base64(key_id[4] || signature blob)>\n     (1 to 16 lines)
/// ```
///
/// [`Note::parse`] checks the whole note up front and then hands out the
/// exact text bytes (signatures are over these bytes, including the final
/// newline) and an infallible iterator over the signature lines. Nothing is
/// copied except the decoded start of each signature blob.
///
/// Rules (C2SP `signed-note`; sigsum-go `pkg/checkpoint`):
///
/// * The note is valid UTF-8 and has no control character below U+0020
///   other than the `\n` line terminators (so a `\r` of a CRLF file is
///   rejected as [`NoteError::ControlCharacter`]). Every line ends in `\n`.
/// * The text is separated from the signatures at the **last** blank line
///   (signed-note; the text may contain blank lines). The text is not empty.
/// * 1 to [`MAX_SIGNATURE_LINES`] signature lines, each exactly
///   `U+2014 SP name SP base64 LF`: single spaces, a key name that is
///   non-empty, at most [`MAX_KEY_NAME_SIZE`] bytes and free of Unicode
///   white space and `+`, and padded, canonical base64.
/// * A signature whose decoded length does not fit the caller's signature
///   type (including one shorter than a key id) is not an error: the caller
///   skips it, as sigsum-go does ("unwanted signature").
/// * **Repeated signatures are an error** ([`NoteError::DuplicateSignature`]):
///   two lines with the same key name, key id and signature length are
///   rejected, whatever key they claim to be from. Name and id identify a
///   key and the length its signature type, so a second line is either
///   redundant or an attempt to make verifiers disagree about which line
///   counts. (A line with the same name and id but another length is not a
///   candidate signature of that key and is skipped as "unwanted", as in
///   sigsum-go's `TestCheckpointVerifyCosignatureByKey`.) sigsum-go only
///   rejects a second log signature line ("duplicate log signature") and
///   keeps every cosignature line.
/// * Divergences from sigsum-go (stricter, documented): key names are
///   checked (sigsum-go accepts any bytes without a space, and skips a
///   line with an empty name or an empty signature field as unwanted; here
///   both are [`NoteError::SignatureFields`]), control
///   characters and invalid UTF-8 anywhere are rejected, base64 must be
///   canonical (see [`EncodingError::Base64Syntax`]), and the text may have any number
///   of lines (sigsum-go's checkpoint parser wants exactly three, which
///   [`Checkpoint::verify_sigsum`](crate::Checkpoint::verify_sigsum) enforces for Sigsum checkpoints).
#[derive(Clone, Copy, Debug)]
pub struct Note<'a> {
    text: &'a [u8],
    signatures: SignatureLines<'a>,
}

impl<'a> Note<'a> {
    /// Parse and check a whole signed note (see the module docs), with at
    /// most [`MAX_SIGNATURE_LINES`] signature lines.
    pub fn parse(input: &'a [u8]) -> Result<Note<'a>, NoteError> {
        Self::parse_with_limit(input, MAX_SIGNATURE_LINES)
    }

    /// [`Note::parse`] with at most `max_lines` signature lines (at least
    /// 16 are always accepted, as signed-note requires; C2SP checkpoints
    /// use [`MAX_TLOG_SIGNATURE_LINES`]).
    pub fn parse_with_limit(input: &'a [u8], max_lines: usize) -> Result<Note<'a>, NoteError> {
        check_characters(input)?;
        if !input.ends_with(b"\n") {
            return Err(NoteError::MissingNewline {
                line: count_lines(input).saturating_add(u32::from(!input.is_empty())),
            });
        }
        // The last blank line starts right after the last "\n\n" (or is
        // the first line when the input starts with "\n").
        let blank = match input.windows(2).rposition(|w| w == b"\n\n") {
            Some(i) => i.saturating_add(1),
            None if input.first() == Some(&b'\n') => 0,
            None => return Err(NoteError::MissingBlankLine),
        };
        let text = input.get(..blank).unwrap_or_default();
        if text.is_empty() {
            return Err(NoteError::EmptyText);
        }
        let sig_block = input.get(blank.saturating_add(1)..).unwrap_or_default();
        if sig_block.is_empty() {
            return Err(NoteError::NoSignatures);
        }
        let first_line = count_lines(text).saturating_add(2);
        let max_lines = max_lines.max(MAX_SIGNATURE_LINES);
        let signatures = SignatureLines::parse_at(sig_block, first_line, max_lines)?;
        Ok(Note { text, signatures })
    }

    /// The note text: the exact signed bytes, including the final newline,
    /// without the blank separator line.
    pub fn text(&self) -> &'a [u8] {
        self.text
    }

    /// The signature lines, in input order.
    pub fn signatures(&self) -> SignatureLines<'a> {
        self.signatures
    }
}

/// Number of `\n` in `s`.
fn count_lines(s: &[u8]) -> u32 {
    u32::try_from(s.iter().filter(|&&b| b == b'\n').count()).unwrap_or(u32::MAX)
}

/// 1-based line and column of byte `offset` in `input`.
fn position(input: &[u8], offset: usize) -> (u32, u32) {
    let before = input.get(..offset).unwrap_or_default();
    let line = count_lines(before).saturating_add(1);
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i.saturating_add(1));
    let column = u32::try_from(offset.saturating_sub(start).saturating_add(1)).unwrap_or(u32::MAX);
    (line, column)
}

/// UTF-8, and no control characters other than `\n`.
fn check_characters(input: &[u8]) -> Result<(), NoteError> {
    if let Err(e) = core::str::from_utf8(input) {
        return Err(NoteError::NotUtf8 {
            line: position(input, e.valid_up_to()).0,
        });
    }
    if let Some(i) = input.iter().position(|&b| b < 0x20 && b != b'\n') {
        let (line, column) = position(input, i);
        return Err(NoteError::ControlCharacter { line, column });
    }
    Ok(())
}

/// One signature line of a note.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SignatureLine<'a> {
    /// 1-based line number in the input.
    pub line: u32,
    /// The key name (validated: non-empty, at most [`MAX_KEY_NAME_SIZE`]
    /// bytes, UTF-8, no white space, `+` or control characters).
    pub name: &'a str,
    /// The base64 signature text as it appears on the line.
    pub encoded: &'a [u8],
    decoded_len: usize,
    head: [u8; KEY_ID_SIZE + MAX_SIGNATURE_BLOB_SIZE],
}

impl<'a> SignatureLine<'a> {
    /// Number of decoded signature bytes, key id included.
    pub fn decoded_len(&self) -> usize {
        self.decoded_len
    }

    /// The key id (the first 4 decoded bytes), or `None` if the signature
    /// is shorter than a key id.
    pub fn key_id(&self) -> Option<KeyId> {
        if self.decoded_len < KEY_ID_SIZE {
            return None;
        }
        let id: [u8; KEY_ID_SIZE] = self.head.get(..KEY_ID_SIZE)?.try_into().ok()?;
        Some(KeyId(id))
    }

    /// The signature blob after the key id, if there is a key id and the
    /// blob is at most [`MAX_SIGNATURE_BLOB_SIZE`] bytes.
    pub fn blob(&self) -> Option<&[u8]> {
        if self.decoded_len < KEY_ID_SIZE {
            return None;
        }
        self.head.get(KEY_ID_SIZE..self.decoded_len)
    }

    /// The key id and blob if the blob is exactly `N` bytes; `None` means
    /// "unwanted signature" for a type whose blobs are `N` bytes.
    pub fn blob_array<const N: usize>(&self) -> Option<(KeyId, [u8; N])> {
        let blob: [u8; N] = self.blob()?.try_into().ok()?;
        Some((self.key_id()?, blob))
    }

    /// Parse one line (without its `\n`) found at line number `line`.
    fn parse(text: &'a [u8], line: u32) -> Result<Self, NoteError> {
        let rest = text
            .strip_prefix(SIGNATURE_PREFIX)
            .ok_or(NoteError::SignaturePrefix { line })?;
        let mut fields = rest.split(|&b| b == b' ');
        let (Some(name), Some(encoded), None) = (fields.next(), fields.next(), fields.next())
        else {
            return Err(NoteError::SignatureFields { line });
        };
        if name.is_empty() || encoded.is_empty() {
            return Err(NoteError::SignatureFields { line });
        }
        if !is_valid_key_name(name) {
            return Err(NoteError::KeyName { line });
        }
        let name = core::str::from_utf8(name).map_err(|_| NoteError::KeyName { line })?;
        let mut head = [0u8; KEY_ID_SIZE + MAX_SIGNATURE_BLOB_SIZE];
        let decoded_len =
            decode_prefix(encoded, &mut head).map_err(|_| NoteError::SignatureBase64 { line })?;
        Ok(SignatureLine {
            line,
            name,
            encoded,
            decoded_len,
            head,
        })
    }
}

impl<'a> SignatureLine<'a> {
    /// Read a line that [`SignatureLine::parse`] accepted when the note
    /// was parsed, decoding only the start of the signature (an ML-DSA
    /// line is 3.3 KB of base64; iterating a note's lines must not decode
    /// them all again). `None` only if the line was not checked.
    fn parse_checked(text: &'a [u8], line: u32) -> Option<Self> {
        // Characters that decode to at least the head (26 groups, 78 bytes).
        const HEAD_CHARS: usize = (KEY_ID_SIZE + MAX_SIGNATURE_BLOB_SIZE).div_ceil(3) * 4;
        let rest = text.strip_prefix(SIGNATURE_PREFIX)?;
        let space = rest.iter().position(|&b| b == b' ')?;
        let name = core::str::from_utf8(rest.get(..space)?).ok()?;
        let encoded = rest.get(space.saturating_add(1)..)?;
        let padding = encoded.iter().rev().take_while(|&&b| b == b'=').count();
        let decoded_len = (encoded.len() / 4)
            .saturating_mul(3)
            .saturating_sub(padding);
        let mut buf = [0u8; HEAD_CHARS / 4 * 3];
        let start = decode_base64(encoded.get(..HEAD_CHARS).unwrap_or(encoded), &mut buf).ok()?;
        let mut head = [0u8; KEY_ID_SIZE + MAX_SIGNATURE_BLOB_SIZE];
        head.iter_mut().zip(start).for_each(|(d, s)| *d = *s);
        Some(SignatureLine {
            line,
            name,
            encoded,
            decoded_len,
            head,
        })
    }
}

/// Decode padded canonical base64 of any length, keeping the first
/// `head.len()` bytes; returns the total decoded length.
fn decode_prefix(encoded: &[u8], head: &mut [u8]) -> Result<usize, EncodingError> {
    let mut total = 0usize;
    decode_base64_runs(encoded, |bytes| {
        for b in bytes {
            if let Some(d) = head.get_mut(total) {
                *d = *b;
            }
            total = total.saturating_add(1);
        }
    })?;
    Ok(total)
}

/// Key name, key id and decoded length of a signature line that
/// [`SignatureLine::parse`] accepted, read without decoding the whole
/// signature (`None` if it is shorter than a key id).
fn line_identity(text: &[u8]) -> Option<(&[u8], KeyId, usize)> {
    let rest = text.strip_prefix(SIGNATURE_PREFIX)?;
    let space = rest.iter().position(|&b| b == b' ')?;
    let name = rest.get(..space)?;
    let encoded = rest.get(space.saturating_add(1)..)?;
    let padding = encoded.iter().rev().take_while(|&&b| b == b'=').count();
    let len = (encoded.len() / 4)
        .saturating_mul(3)
        .saturating_sub(padding);
    // The first 8 characters hold the first 6 bytes (or fewer, padded).
    let mut head = [0u8; 6];
    let decoded = decode_base64(encoded.get(..8)?, &mut head).ok()?;
    let id: [u8; KEY_ID_SIZE] = decoded.get(..KEY_ID_SIZE)?.try_into().ok()?;
    Some((name, KeyId(id), len))
}

/// The signature lines of a note, or a bare list of them (a witness's
/// `add-checkpoint` response). Created only by parsing, which checks every
/// line, so iteration cannot fail.
#[derive(Clone, Copy, Debug)]
pub struct SignatureLines<'a> {
    rest: &'a [u8],
    line: u32,
}

impl<'a> SignatureLines<'a> {
    /// Parse a bare list of signature lines (no text, no blank line): at
    /// least one and at most [`MAX_SIGNATURE_LINES`] lines, all rules of the
    /// module docs apply. Line numbers start at 1.
    pub fn parse(input: &'a [u8]) -> Result<SignatureLines<'a>, NoteError> {
        check_characters(input)?;
        if input.is_empty() {
            return Err(NoteError::NoSignatures);
        }
        if !input.ends_with(b"\n") {
            return Err(NoteError::MissingNewline {
                line: count_lines(input).saturating_add(1),
            });
        }
        Self::parse_at(input, 1, MAX_SIGNATURE_LINES)
    }

    /// Check a block of `\n`-terminated lines whose first line has number
    /// `first_line`. The caller has checked characters and the final `\n`.
    fn parse_at(
        block: &'a [u8],
        first_line: u32,
        max_lines: usize,
    ) -> Result<SignatureLines<'a>, NoteError> {
        let lines = SignatureLines {
            rest: block,
            line: first_line,
        };
        let mut count = 0usize;
        for (text, number) in lines.raw() {
            count = count.saturating_add(1);
            if count > max_lines {
                return Err(NoteError::TooManySignatures { line: number });
            }
            let sig = SignatureLine::parse(text, number)?;
            // Duplicate (name, key id, length): compare with every earlier
            // line, from their (checked) text without decoding them again.
            if let Some(id) = sig.key_id() {
                let this = (sig.name.as_bytes(), id, sig.decoded_len);
                for (earlier, first) in lines.raw().take(count.saturating_sub(1)) {
                    if line_identity(earlier) == Some(this) {
                        return Err(NoteError::DuplicateSignature {
                            line: number,
                            first,
                        });
                    }
                }
            }
        }
        Ok(lines)
    }

    /// The raw lines (without `\n`) and their numbers.
    fn raw(&self) -> RawLines<'a> {
        RawLines {
            rest: self.rest,
            line: self.line,
        }
    }

    /// Number of signature lines.
    pub fn len(&self) -> usize {
        self.raw().count()
    }

    /// `true` if there are no lines (never the case for a parsed note).
    pub fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    /// Iterate over the lines.
    pub fn iter(&self) -> SignatureIter<'a> {
        SignatureIter { raw: self.raw() }
    }
}

impl<'a> IntoIterator for SignatureLines<'a> {
    type Item = SignatureLine<'a>;
    type IntoIter = SignatureIter<'a>;
    fn into_iter(self) -> SignatureIter<'a> {
        self.iter()
    }
}

#[derive(Clone, Debug)]
struct RawLines<'a> {
    rest: &'a [u8],
    line: u32,
}

impl<'a> Iterator for RawLines<'a> {
    type Item = (&'a [u8], u32);
    fn next(&mut self) -> Option<Self::Item> {
        let i = self.rest.iter().position(|&b| b == b'\n')?;
        let text = self.rest.get(..i)?;
        self.rest = self.rest.get(i.saturating_add(1)..).unwrap_or_default();
        let number = self.line;
        self.line = self.line.saturating_add(1);
        Some((text, number))
    }
}

/// Iterator over the [`SignatureLine`]s of a parsed note.
#[derive(Clone, Debug)]
pub struct SignatureIter<'a> {
    raw: RawLines<'a>,
}

impl<'a> Iterator for SignatureIter<'a> {
    type Item = SignatureLine<'a>;
    fn next(&mut self) -> Option<SignatureLine<'a>> {
        // Lines were checked when the note was parsed; a failure here cannot
        // happen and would end the iteration.
        let (text, number) = self.raw.next()?;
        SignatureLine::parse_checked(text, number)
    }
}

#[cfg(feature = "tools")]
/// Write one signature line `— <name> <base64(key_id || blob)>\n`.
///
/// The name is written as given; use [`is_valid_key_name`] first if it is
/// not known to be valid.
pub fn write_signature_line(
    w: &mut Writer<'_>,
    name: &[u8],
    key_id: &KeyId,
    blob: &[u8],
) -> Result<(), BufferTooSmall> {
    w.bytes(SIGNATURE_PREFIX)?;
    w.bytes(name)?;
    w.byte(b' ')?;
    // Encode key id and blob as one base64 string without joining them in
    // memory: whole 3-byte groups of the concatenation, chunk by chunk.
    let mut group = [0u8; 3];
    let mut n = 0usize;
    for b in key_id.0.iter().chain(blob.iter()) {
        if let Some(slot) = group.get_mut(n) {
            *slot = *b;
        }
        n = n.saturating_add(1);
        if n == 3 {
            w.base64(&group)?;
            n = 0;
        }
    }
    w.base64(group.get(..n).unwrap_or_default())?;
    w.byte(b'\n')
}

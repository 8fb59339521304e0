//! Tree heads and the checkpoint body the log signs.
//!
//! The log signs, directly with Ed25519 and no prefix, exactly three lines
//! (the C2SP `tlog-checkpoint` body):
//!
//! ```text
//! sigsum.org/v1/tree/<64 lowercase hex of H(log public key)>\n
//! <size in decimal>\n
//! <base64 of the root hash>\n
//! ```
//!
//! The origin is always derived from the trusted log key, never read from
//! the input.
//!
//! [`SignedTreeHead`] is the ASCII form of a cosigned tree head (the log's
//! `get-tree-head` response, and block 2 of a proof):
//!
//! ```text
//! size=<decimal>
//! root_hash=<64 hex>
//! signature=<128 hex>
//! cosignature=<64 hex key hash> <decimal timestamp> <128 hex>   (0..64 lines)
//! ```
//!
//! parsed as strictly as sigsum-go (see [`SignedTreeHead::parse_lines`]),
//! without copying or allocating.

use crate::cosignature::Cosignature;
use crate::crypto::Ed25519Backend;
use crate::encoding::{decode_hex_array, parse_decimal, EncodingError, MAX_DECIMAL};
use crate::hexscan;
use crate::lines::{split_fields, split_key_value, Line, LineMode, Lines};
use crate::types::{Hash, PublicKey, Signature};
use crate::writer::{BufferTooSmall, Writer};

/// Prefix of a Sigsum checkpoint origin.
pub const ORIGIN_PREFIX: &[u8; 19] = b"sigsum.org/v1/tree/";
/// Length of a Sigsum origin: prefix plus 64 hex digits.
pub const ORIGIN_SIZE: usize = 83;
/// Largest checkpoint body: an origin of up to [`MAX_ORIGIN_SIZE`] bytes,
/// a 19-digit size, a 44-character root, three newlines.
pub const MAX_BODY_SIZE: usize = MAX_ORIGIN_SIZE + 19 + 44 + 3;
/// Largest origin line accepted in a checkpoint body.
pub const MAX_ORIGIN_SIZE: usize = 256;

/// A tree head: the size of the tree and its root hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TreeHead {
    /// Number of leaves (at most 2^63 - 1).
    pub size: u64,
    /// The Merkle tree root hash.
    pub root_hash: Hash,
}

/// The Sigsum origin of the log whose key hash is `log_key_hash`:
/// `"sigsum.org/v1/tree/" || lowercase hex(log_key_hash)`.
pub fn sigsum_origin(log_key_hash: &Hash) -> [u8; ORIGIN_SIZE] {
    let mut out = [0u8; ORIGIN_SIZE];
    let mut w = Writer::new(&mut out);
    // Cannot fail: the buffer is exactly the right size.
    let _ = w.bytes(ORIGIN_PREFIX);
    let _ = w.hex(&log_key_hash.0);
    out
}

/// A checkpoint body in a fixed buffer (no allocation).
#[derive(Clone, Copy)]
pub struct Body {
    buf: [u8; MAX_BODY_SIZE],
    len: usize,
}

impl Body {
    /// The body bytes.
    pub fn as_bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or_default()
    }
}

impl core::fmt::Debug for Body {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_tuple("Body")
            .field(&core::str::from_utf8(self.as_bytes()))
            .finish()
    }
}

impl TreeHead {
    /// Write the checkpoint body `origin\nsize\nbase64(root)\n`.
    pub fn write_body(&self, origin: &[u8], w: &mut Writer<'_>) -> Result<(), BufferTooSmall> {
        w.bytes(origin)?;
        w.byte(b'\n')?;
        w.decimal(self.size)?;
        w.byte(b'\n')?;
        w.base64(&self.root_hash.0)?;
        w.byte(b'\n')
    }

    /// The checkpoint body with an arbitrary origin (at most
    /// [`MAX_ORIGIN_SIZE`] bytes).
    pub fn body(&self, origin: &[u8]) -> Result<Body, BufferTooSmall> {
        if origin.len() > MAX_ORIGIN_SIZE {
            return Err(BufferTooSmall);
        }
        let mut buf = [0u8; MAX_BODY_SIZE];
        let mut w = Writer::new(&mut buf);
        self.write_body(origin, &mut w)?;
        let len = w.len();
        Ok(Body { buf, len })
    }

    /// The Sigsum checkpoint body of this tree head for the log whose key
    /// hash is `log_key_hash`.
    pub fn sigsum_body(&self, log_key_hash: &Hash) -> Body {
        let origin = sigsum_origin(log_key_hash);
        let mut buf = [0u8; MAX_BODY_SIZE];
        let mut w = Writer::new(&mut buf);
        // Cannot fail: a Sigsum origin always fits.
        let _ = self.write_body(&origin, &mut w);
        let len = w.len();
        Body { buf, len }
    }

    /// Verify a log's signature over the Sigsum checkpoint body of this
    /// tree head, with the origin derived from `log_key`.
    ///
    /// A size above 2^63 - 1 never verifies: no parser produces one, and
    /// sigsum-go's writer refuses to serialize it, so such a tree head
    /// cannot have been signed by a conforming log.
    pub fn verify_log_signature<B: Ed25519Backend>(
        &self,
        log_key: &PublicKey,
        signature: &Signature,
        backend: &B,
    ) -> bool {
        self.verify_log_signature_hashed(log_key, &log_key.key_hash(), signature, backend)
    }

    /// [`Self::verify_log_signature`] for a caller that already holds
    /// `log_key_hash == H(log_key)` (checked by the caller).
    pub(crate) fn verify_log_signature_hashed<B: Ed25519Backend>(
        &self,
        log_key: &PublicKey,
        log_key_hash: &Hash,
        signature: &Signature,
        backend: &B,
    ) -> bool {
        if self.size > MAX_DECIMAL {
            return false;
        }
        let body = self.sigsum_body(log_key_hash);
        backend.verify(log_key, body.as_bytes(), signature)
    }
}

// ---------------------------------------------------------------------------
// ASCII signed tree head (`get-tree-head` response, block 2 of a proof)
// ---------------------------------------------------------------------------

/// Most `cosignature=` lines accepted in one signed tree head.
///
/// sigsum-go has no limit. Real tree heads carry about ten (one per witness
/// a log talks to), and a policy can name at most
/// [`MAX_WITNESSES`](crate::policy::MAX_WITNESSES) witnesses. We stop at
/// 64 so that verification can order the cosignatures in a fixed 1 KiB
/// stack array; a tree head with more lines is rejected with
/// [`AsciiError::TooManyCosignatures`] (a documented divergence: sigsum-go
/// would accept it).
pub const MAX_COSIGNATURES: usize = 64;

/// Why a line of a Sigsum ASCII key/value text (tree head, proof) was
/// rejected. Shared by [`TreeHeadError`] and [`crate::proof::ProofError`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AsciiError {
    /// The last line does not end in `\n`.
    MissingNewline,
    /// The input ended where a `expected=` line was required.
    UnexpectedEof {
        /// The key that was expected.
        expected: &'static str,
    },
    /// An empty line where a `expected=` line was required.
    UnexpectedEmptyLine {
        /// The key that was expected.
        expected: &'static str,
    },
    /// A non-empty line without `=`.
    MissingEquals,
    /// A line with another key than the one required at this position
    /// (keys have a fixed order).
    UnexpectedKey {
        /// The key that was expected.
        expected: &'static str,
    },
    /// A value with the wrong number of space-separated fields (fields are
    /// separated by exactly one space).
    FieldCount {
        /// The line's key.
        key: &'static str,
        /// The number of fields required.
        expected: u8,
    },
    /// A field that is not valid decimal or hex of the right length.
    BadValue {
        /// The line's key.
        key: &'static str,
        /// 0-based index of the field in the value.
        field: u8,
        /// What was wrong with it.
        error: EncodingError,
    },
    /// A second cosignature with the same witness key hash (rejected even
    /// when the witness is unknown, as sigsum-go does).
    DuplicateCosignature {
        /// Line number of the first cosignature with this key hash.
        first_line: u32,
    },
    /// More than [`MAX_COSIGNATURES`] cosignature lines.
    TooManyCosignatures,
}

impl core::fmt::Display for AsciiError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::MissingNewline => f.write_str("last line does not end in a newline"),
            Self::UnexpectedEof { expected } => {
                write!(f, "unexpected end of input, expected \"{expected}=\"")
            }
            Self::UnexpectedEmptyLine { expected } => {
                write!(f, "unexpected empty line, expected \"{expected}=\"")
            }
            Self::MissingEquals => f.write_str("line is not of the form key=value"),
            Self::UnexpectedKey { expected } => write!(f, "expected key \"{expected}\""),
            Self::FieldCount { key, expected } => {
                write!(
                    f,
                    "\"{key}\" needs exactly {expected} space-separated values"
                )
            }
            Self::BadValue { key, field, error } => {
                write!(f, "\"{key}\" value {}: {error}", u16::from(*field) + 1)
            }
            Self::DuplicateCosignature { first_line } => write!(
                f,
                "duplicate cosignature key hash (first on line {first_line})"
            ),
            Self::TooManyCosignatures => {
                write!(f, "more than {MAX_COSIGNATURES} cosignatures")
            }
        }
    }
}

/// A signed tree head could not be parsed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TreeHeadError {
    /// 1-based line number (counted from the start of the whole input).
    pub line: u32,
    /// What was wrong.
    pub kind: AsciiError,
}

impl core::fmt::Display for TreeHeadError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "line {}: {}", self.line, self.kind)
    }
}

/// How the cosignature list of a signed tree head ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TreeHeadEnd {
    /// At the end of the input.
    Eof,
    /// At an empty line (consumed); a proof continues after it.
    EmptyLine,
}

/// A signed tree head in ASCII form: tree head, log signature and the
/// witness cosignatures, borrowed from the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SignedTreeHead<'a> {
    /// Size and root hash.
    pub tree_head: TreeHead,
    /// The log's signature over the checkpoint body.
    pub signature: Signature,
    /// The `cosignature=` lines (validated, decoded on iteration).
    pub cosignatures: Cosignatures<'a>,
}

/// The `cosignature=` lines of a signed tree head, kept as the borrowed
/// input text. They were fully validated when parsed (syntax, no duplicate
/// key hash, at most [`MAX_COSIGNATURES`]); iterating decodes them (lazy
/// decoding: parsing only checks the hex digits and the decimal).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cosignatures<'a> {
    text: &'a [u8],
    count: usize,
    first_line: u32,
}

impl<'a> Cosignatures<'a> {
    /// Number of cosignatures.
    pub fn len(&self) -> usize {
        self.count
    }

    /// `true` if there are none.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Line number of the first cosignature line.
    pub fn first_line(&self) -> u32 {
        self.first_line
    }

    /// The cosignatures, in input order.
    pub fn iter(&self) -> CosignatureIter<'a> {
        CosignatureIter { rest: self.text }
    }

    /// The cosignature at 0-based position `i` (the lines before it are
    /// skipped, not decoded).
    pub fn get(&self, i: usize) -> Option<Cosignature> {
        self.iter().nth(i)
    }

    /// Key hash and timestamp of each cosignature, in input order, without
    /// decoding the signatures (for ordering before checking).
    pub(crate) fn key_hashes_and_timestamps(&self) -> impl Iterator<Item = (Hash, u64)> + 'a {
        let mut rest = self.text;
        core::iter::from_fn(move || {
            let (key_hash, timestamp, _, len) = split_cosignature_line(rest)?;
            rest = rest.get(len.saturating_add(1)..).unwrap_or_default();
            Some((Hash::from_hex(key_hash).ok()?, timestamp))
        })
    }
}

/// A decimal at the start of `text`, up to the first non-digit: `(value,
/// digits)` if it is one `parse_decimal` accepts (`0|[1-9][0-9]*`, at most
/// 2^63 - 1), else `None`. One pass, for the fast path.
fn leading_decimal(text: &[u8]) -> Option<(u64, usize)> {
    let mut value = 0u64;
    let mut digits = 0usize;
    // 19 digits always fit in a u64; a 20th digit is out of range anyway.
    for &b in text.iter().take(20) {
        let d = b.wrapping_sub(b'0');
        if d > 9 {
            break;
        }
        value = value.wrapping_mul(10).wrapping_add(u64::from(d));
        digits = digits.wrapping_add(1);
    }
    let ok = match digits {
        0 | 20 => false,
        1 => true,
        _ => text.first() != Some(&b'0') && value <= MAX_DECIMAL,
    };
    ok.then_some((value, digits))
}

/// The fields of a line of the form `cosignature=<64 bytes> <decimal>
/// <128 bytes>\n` at the start of `text`: key hash hex, timestamp,
/// signature hex and the line length without `\n`. The decimal is checked,
/// the hex digits are not.
#[allow(clippy::type_complexity)]
fn split_cosignature_line(text: &[u8]) -> Option<(&[u8], u64, &[u8], usize)> {
    const PREFIX: &[u8] = b"cosignature=";
    let rest = text.strip_prefix(PREFIX)?;
    let (key_hash, rest) = rest.split_at_checked(64)?;
    let rest = rest.strip_prefix(b" ")?;
    let (timestamp, digits) = leading_decimal(rest)?;
    let rest = rest.get(digits..)?.strip_prefix(b" ")?;
    let (signature, rest) = rest.split_at_checked(128)?;
    if rest.first() != Some(&b'\n') {
        return None;
    }
    // 12 + 64 + 1 + digits + 1 + 128.
    let len = digits.saturating_add(206);
    Some((key_hash, timestamp, signature, len))
}

/// The fast path of the parser: `Some(line length)` iff `text` starts with
/// a valid `cosignature=` line (exactly the lines
/// [`parse_cosignature_value`] accepts, found without searching for the
/// newline and without decoding).
fn valid_cosignature_line(text: &[u8]) -> Option<usize> {
    let (key_hash, _, signature, len) = split_cosignature_line(text)?;
    (hexscan::is_hex(key_hash) && hexscan::is_hex(signature)).then_some(len)
}

/// Iterator over validated cosignature lines.
#[derive(Clone, Debug)]
pub struct CosignatureIter<'a> {
    rest: &'a [u8],
}

impl CosignatureIter<'_> {
    /// Skip one line; `false` at the end.
    fn skip(&mut self) -> bool {
        let len = split_cosignature_line(self.rest).map(|(_, _, _, len)| len);
        match len.and_then(|n| self.rest.get(n.saturating_add(1)..)) {
            Some(rest) => {
                self.rest = rest;
                true
            }
            None => {
                self.rest = &[];
                false
            }
        }
    }
}

impl Iterator for CosignatureIter<'_> {
    type Item = Cosignature;

    fn next(&mut self) -> Option<Cosignature> {
        let text = self.rest;
        if !self.skip() {
            return None;
        }
        // Cannot fail: the parser accepts exactly the lines the fast path
        // accepts (`valid_cosignature_line`), so every stored line splits
        // and decodes here (the fuzz targets check that nothing is lost).
        let (key_hash, timestamp, signature, _) = split_cosignature_line(text)?;
        Some(Cosignature {
            key_hash: Hash::from_hex(key_hash).ok()?,
            timestamp,
            signature: Signature::from_hex(signature).ok()?,
        })
    }

    fn nth(&mut self, n: usize) -> Option<Cosignature> {
        for _ in 0..n {
            if !self.skip() {
                return None;
            }
        }
        self.next()
    }
}

pub(crate) fn ascii_err(line: u32, kind: AsciiError) -> TreeHeadError {
    TreeHeadError { line, kind }
}

/// Read the next line, which must be `key=<value>`; returns the line and
/// the value.
pub(crate) fn expect_value<'a>(
    lines: &mut Lines<'a>,
    key: &'static str,
) -> Result<(Line<'a>, &'a [u8]), TreeHeadError> {
    let number = lines.line_number().saturating_add(1);
    let line = match lines.next() {
        None => {
            return Err(ascii_err(
                number,
                AsciiError::UnexpectedEof { expected: key },
            ))
        }
        Some(Err(e)) => return Err(ascii_err(e.line, AsciiError::MissingNewline)),
        Some(Ok(line)) => line,
    };
    if line.text.is_empty() {
        return Err(ascii_err(
            line.number,
            AsciiError::UnexpectedEmptyLine { expected: key },
        ));
    }
    let (k, v) =
        split_key_value(line.text).ok_or(ascii_err(line.number, AsciiError::MissingEquals))?;
    if k != key.as_bytes() {
        return Err(ascii_err(
            line.number,
            AsciiError::UnexpectedKey { expected: key },
        ));
    }
    Ok((line, v))
}

/// Split a value into exactly `N` single-space-separated fields.
pub(crate) fn fields<'v, const N: usize>(
    line: u32,
    key: &'static str,
    value: &'v [u8],
) -> Result<[&'v [u8]; N], TreeHeadError> {
    split_fields::<N>(value).ok_or(ascii_err(
        line,
        AsciiError::FieldCount {
            key,
            expected: u8::try_from(N).unwrap_or(u8::MAX),
        },
    ))
}

/// Fast path for a line `prefix` + `2 * N` hex digits + `\n`: decoded and
/// consumed without searching for the newline; `None` (nothing consumed)
/// otherwise, and the caller takes the slow path for the exact error.
pub(crate) fn fast_hex_line<const N: usize>(
    lines: &mut Lines<'_>,
    prefix: &[u8],
) -> Option<[u8; N]> {
    let hex = lines
        .rest()
        .strip_prefix(prefix)?
        .get(..N.saturating_mul(2))?;
    let value = decode_hex_array::<N>(hex).ok()?;
    lines.next_known(prefix.len().saturating_add(hex.len()))?;
    Some(value)
}

/// Decode a hex field of exactly `N` bytes.
pub(crate) fn hex_field<const N: usize>(
    line: u32,
    key: &'static str,
    field: u8,
    s: &[u8],
) -> Result<[u8; N], TreeHeadError> {
    decode_hex_array::<N>(s)
        .map_err(|error| ascii_err(line, AsciiError::BadValue { key, field, error }))
}

/// Decode a decimal field (`0|[1-9][0-9]*`, at most 2^63 - 1).
pub(crate) fn decimal_field(
    line: u32,
    key: &'static str,
    field: u8,
    s: &[u8],
) -> Result<u64, TreeHeadError> {
    parse_decimal(s).map_err(|error| ascii_err(line, AsciiError::BadValue { key, field, error }))
}

fn parse_cosignature_value(line: u32, value: &[u8]) -> Result<Cosignature, TreeHeadError> {
    const KEY: &str = "cosignature";
    let [kh, ts, sig] = fields::<3>(line, KEY, value)?;
    Ok(Cosignature {
        key_hash: Hash(hex_field::<32>(line, KEY, 0, kh)?),
        timestamp: decimal_field(line, KEY, 1, ts)?,
        signature: Signature(hex_field::<64>(line, KEY, 2, sig)?),
    })
}

impl<'a> SignedTreeHead<'a> {
    /// Parse a complete `get-tree-head` response: `size=`, `root_hash=`,
    /// `signature=`, then 0 to [`MAX_COSIGNATURES`] `cosignature=` lines up
    /// to the end of the input (an empty line is an error here).
    pub fn parse(input: &'a [u8]) -> Result<Self, TreeHeadError> {
        let mut lines = Lines::new(input, LineMode::Strict);
        let (sth, end) = Self::parse_lines(&mut lines)?;
        match end {
            TreeHeadEnd::Eof => Ok(sth),
            TreeHeadEnd::EmptyLine => Err(ascii_err(
                lines.line_number(),
                AsciiError::UnexpectedEmptyLine {
                    expected: "cosignature",
                },
            )),
        }
    }

    /// Parse a signed tree head from `lines` (strict mode), positioned at
    /// its `size=` line. The cosignature list ends at the end of the input
    /// or at an empty line, which is consumed; the result says which.
    ///
    /// As strict as sigsum-go: fixed key order, exactly one space between
    /// fields, decimals without leading zeros and at most 2^63 - 1, exact
    /// hex lengths (either case), `\r` kept (so CRLF input fails), every
    /// line ends in `\n`, and a duplicate cosignature key hash is an error
    /// even for a witness no policy knows.
    pub fn parse_lines(lines: &mut Lines<'a>) -> Result<(Self, TreeHeadEnd), TreeHeadError> {
        let (line, v) = expect_value(lines, "size")?;
        let size = decimal_field(line.number, "size", 0, v)?;
        let root_hash = match fast_hex_line::<32>(lines, b"root_hash=") {
            Some(h) => Hash(h),
            None => {
                let (line, v) = expect_value(lines, "root_hash")?;
                Hash(hex_field::<32>(line.number, "root_hash", 0, v)?)
            }
        };
        let signature = match fast_hex_line::<64>(lines, b"signature=") {
            Some(s) => Signature(s),
            None => {
                let (line, v) = expect_value(lines, "signature")?;
                Signature(hex_field::<64>(line.number, "signature", 0, v)?)
            }
        };

        let start = lines.rest();
        let first_line = lines.line_number().saturating_add(1);
        let mut consumed = 0usize;
        let mut count = 0usize;
        // Offsets (in `start`) of the key hash fields so far, for the
        // duplicate check: compared as text, case-insensitively, never
        // decoded.
        let mut key_hashes = [0usize; MAX_COSIGNATURES];
        let end = loop {
            let line = match valid_cosignature_line(lines.rest()).and_then(|n| lines.next_known(n))
            {
                Some(line) => line,
                None => {
                    // Slow path, for the exact error (or the end).
                    match lines.peek() {
                        None => break TreeHeadEnd::Eof,
                        Some(Err(e)) => return Err(ascii_err(e.line, AsciiError::MissingNewline)),
                        Some(Ok(line)) if line.text.is_empty() => {
                            lines.next();
                            break TreeHeadEnd::EmptyLine;
                        }
                        Some(Ok(_)) => {}
                    }
                    let (line, value) = expect_value(lines, "cosignature")?;
                    parse_cosignature_value(line.number, value)?;
                    line
                }
            };
            if count >= MAX_COSIGNATURES {
                return Err(ascii_err(line.number, AsciiError::TooManyCosignatures));
            }
            // "cosignature=" is 12 bytes.
            let key_at = consumed.saturating_add(12);
            let key_hash = start.get(key_at..key_at.saturating_add(64));
            let previous = key_hashes.get(..count).unwrap_or_default();
            if let Some(i) = previous.iter().position(|&at| {
                let other = start.get(at..at.saturating_add(64));
                matches!((key_hash, other), (Some(a), Some(b)) if hexscan::eq_ignore_case(a, b))
            }) {
                let first = u32::try_from(i).unwrap_or(u32::MAX);
                return Err(ascii_err(
                    line.number,
                    AsciiError::DuplicateCosignature {
                        first_line: first_line.saturating_add(first),
                    },
                ));
            }
            if let Some(slot) = key_hashes.get_mut(count) {
                *slot = key_at;
            }
            count = count.saturating_add(1);
            consumed = consumed.saturating_add(line.text.len()).saturating_add(1);
        };
        let sth = SignedTreeHead {
            tree_head: TreeHead { size, root_hash },
            signature,
            cosignatures: Cosignatures {
                text: start.get(..consumed).unwrap_or_default(),
                count,
                first_line,
            },
        };
        Ok((sth, end))
    }

    /// Write the ASCII form (`size=`, `root_hash=`, `signature=`,
    /// `cosignature=` lines) with lowercase hex and the cosignatures sorted
    /// by key hash, so the output is deterministic (sigsum-go writes them in
    /// random map order).
    pub fn write_ascii(&self, w: &mut Writer<'_>) -> Result<(), BufferTooSmall> {
        w.bytes(b"size=")?;
        w.decimal(self.tree_head.size)?;
        w.bytes(b"\nroot_hash=")?;
        w.hex(&self.tree_head.root_hash.0)?;
        w.bytes(b"\nsignature=")?;
        w.hex(&self.signature.0)?;
        w.byte(b'\n')?;
        // Selection by increasing key hash; key hashes are unique.
        let mut last: Option<Hash> = None;
        for _ in 0..self.cosignatures.len() {
            let next = self
                .cosignatures
                .iter()
                .filter(|c| last.map_or(true, |l| c.key_hash > l))
                .min_by(|a, b| a.key_hash.cmp(&b.key_hash));
            let Some(c) = next else { break };
            w.bytes(b"cosignature=")?;
            w.hex(&c.key_hash.0)?;
            w.byte(b' ')?;
            w.decimal(c.timestamp)?;
            w.byte(b' ')?;
            w.hex(&c.signature.0)?;
            w.byte(b'\n')?;
            last = Some(c.key_hash);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Room for a cosignature line and one inserted byte.
    const CAP: usize = 240;

    /// `cosignature=<KH> <timestamp> <ab x 64>\n` in a fixed buffer.
    fn line(timestamp: &[u8]) -> ([u8; CAP], usize) {
        const KH: &[u8] = b"4e89cc51651f0d95f3c6127c15e1a42e3ddf7046c5b17b752689c402e773bb4d";
        let mut buf = [0u8; CAP];
        let mut w = Writer::new(&mut buf);
        w.bytes(b"cosignature=").unwrap();
        w.bytes(KH).unwrap();
        w.byte(b' ').unwrap();
        w.bytes(timestamp).unwrap();
        w.byte(b' ').unwrap();
        for _ in 0..64 {
            w.bytes(b"ab").unwrap();
        }
        w.byte(b'\n').unwrap();
        let n = w.len();
        (buf, n)
    }

    /// Fast and slow path agree on one candidate line; returns whether it
    /// was a single line (compared) or not.
    fn agree(line: &[u8]) -> bool {
        let body = line.strip_suffix(b"\n");
        // A line containing a further newline is two lines to the slow
        // path; compare only single lines.
        if body.is_some_and(|l| l.contains(&b'\n')) {
            return false;
        }
        let fast = valid_cosignature_line(line);
        let slow = body.and_then(|l| {
            let (k, v) = split_key_value(l)?;
            (k == b"cosignature")
                .then(|| parse_cosignature_value(1, v).ok())
                .flatten()
        });
        assert_eq!(
            fast.is_some(),
            slow.is_some(),
            "{:?}",
            core::str::from_utf8(line)
        );
        if let (Some(len), Some(c)) = (fast, slow) {
            assert_eq!(len + 1, line.len());
            let mut it = CosignatureIter { rest: line };
            assert_eq!(it.next(), Some(c));
            assert_eq!(it.next(), None);
        }
        true
    }

    /// The fast path accepts exactly the `cosignature=` lines the slow
    /// path (`parse_cosignature_value`) accepts, with the same values:
    /// the iterator relies on it (it has no slow path). Every byte of a
    /// valid line replaced by, or preceded by, bytes near every field's
    /// classes, or deleted; and timestamps around the decimal rules.
    #[test]
    fn fast_cosignature_line_equals_slow_path() {
        let alphabet: &[u8] = b"0123456789aAfFgG =\n\r\t+-/:@`\x00\x7f\x80\xff";
        let (base, n) = line(b"1700000000");
        let base = &base[..n];
        assert!(valid_cosignature_line(base).is_some());
        let mut checked = 0;
        let mut buf = [0u8; CAP];
        for pos in 0..n {
            for &c in alphabet {
                buf[..n].copy_from_slice(base);
                buf[pos] = c;
                checked += usize::from(agree(&buf[..n]));
                buf[..pos].copy_from_slice(&base[..pos]);
                buf[pos] = c;
                buf[pos + 1..=n].copy_from_slice(&base[pos..]);
                checked += usize::from(agree(&buf[..=n]));
            }
            buf[..pos].copy_from_slice(&base[..pos]);
            buf[pos..n - 1].copy_from_slice(&base[pos + 1..]);
            checked += usize::from(agree(&buf[..n - 1]));
        }
        let timestamps: [&[u8]; 11] = [
            b"0",
            b"00",
            b"01",
            b"9223372036854775807",
            b"9223372036854775808",
            b"18446744073709551615",
            b"99999999999999999999",
            b"1234567890123456789",
            b"+1",
            b"-0",
            b"",
        ];
        for ts in timestamps {
            let (l, n) = line(ts);
            checked += usize::from(agree(&l[..n]));
        }
        assert!(checked > 10_000, "{checked}");
    }
}

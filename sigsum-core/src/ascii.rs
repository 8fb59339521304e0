//! The line grammar of Sigsum's ASCII `key=value` formats (signed tree
//! heads, proofs), as sigsum-go's `ascii` package reads it.
//!
//! A line is `key=value\n`: keys come in a fixed order, a value is one or
//! more fields separated by exactly one space, each field a decimal
//! (`0|[1-9][0-9]*`, at most 2^63 - 1) or hex of an exact length (either
//! case); `\r` is data (so CRLF input fails) and every line ends in `\n`.
//!
//! Each line shape has **one matcher** here, which alone decides whether a
//! line is accepted:
//!
//! * [`hex_line_value`] for `key=<hex>` lines (decoded at once, by
//!   [`hex_line`]);
//! * [`cosignature_line`] and [`node_line`] for the lines a parser keeps as
//!   text and decodes lazily: the parser accepts a line only when the
//!   matcher does, and the iterators decode the stored text with the same
//!   matcher, so they yield every accepted line.
//!
//! A matcher looks at fixed positions and never searches for the newline,
//! so the well-formed case is fast by construction. When it rejects a
//! line, [`expect_value`], [`fields`], [`hex_field`] and [`decimal_field`]
//! (the general reading of the grammar) say exactly why, with the line
//! number. They only explain a rejection; a unit test checks over ~12k
//! mutated lines that they find a fault in exactly the lines the matcher
//! rejects.

use crate::encoding::{decode_hex_array, leading_decimal, parse_decimal, EncodingError};
use crate::hexscan;
use crate::lines::{split_fields, split_key_value, Line, Lines};
use crate::merkle::MAX_PATH_LEN;

/// Most `cosignature=` lines accepted in one signed tree head.
///
/// sigsum-go has no limit. Real tree heads carry about ten (one per witness
/// a log talks to), and a policy can name at most
/// [`MAX_WITNESSES`](crate::MAX_WITNESSES) witnesses. We stop at 64 so that
/// verification can order the cosignatures in a fixed 1 KiB stack array; a
/// tree head with more lines is rejected with
/// [`ProofErrorKind::TooManyCosignatures`] (a documented divergence: sigsum-go
/// would accept it).
pub const MAX_COSIGNATURES: usize = 64;

/// Why a Sigsum ASCII key/value text (a proof, a signed tree head) was
/// rejected: the line grammar's reasons, then the proof's.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProofErrorKind {
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
    /// `version=` is neither 1 nor 2.
    UnknownVersion(u64),
    /// The line after `leaf=` is not empty.
    ExpectedEmptyLine,
    /// `size=0`: an empty tree cannot contain the leaf.
    EmptyTree,
    /// `size=1` but the tree head is followed by an empty line (a size-1
    /// proof ends right after the tree head).
    SizeOneTrailingLine,
    /// `size>=2` but the input ends after the tree head.
    MissingInclusionProof,
    /// No `node_hash` line although `size >= 2`.
    EmptyPath,
    /// More than [`MAX_PATH_LEN`](crate::MAX_PATH_LEN) `node_hash` lines.
    PathTooLong,
}

impl core::fmt::Display for ProofErrorKind {
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
            Self::UnknownVersion(v) => write!(f, "unknown proof version {v}"),
            Self::ExpectedEmptyLine => f.write_str("expected an empty line after \"leaf=\""),
            Self::EmptyTree => f.write_str("invalid tree: empty (size=0)"),
            Self::SizeOneTrailingLine => {
                f.write_str("a proof for a tree of size 1 must end after the tree head")
            }
            Self::MissingInclusionProof => f.write_str("missing inclusion proof part"),
            Self::EmptyPath => f.write_str("inclusion proof has no node_hash line"),
            Self::PathTooLong => write!(f, "more than {MAX_PATH_LEN} node_hash lines"),
        }
    }
}

/// A proof or a signed tree head could not be parsed: the line and the
/// reason (the one error of Sigsum's ASCII formats).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProofError {
    /// 1-based line number (counted from the start of the whole input).
    pub line: u32,
    /// What was wrong.
    pub kind: ProofErrorKind,
}

impl core::fmt::Display for ProofError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "line {}: {}", self.line, self.kind)
    }
}

pub(crate) fn ascii_err(line: u32, kind: ProofErrorKind) -> ProofError {
    ProofError { line, kind }
}

// ---------------------------------------------------------------------
// The general reading: exact errors.
// ---------------------------------------------------------------------

/// Read the next line, which must be `key=<value>`; returns the line and
/// the value.
pub(crate) fn expect_value<'a>(
    lines: &mut Lines<'a>,
    key: &'static str,
) -> Result<(Line<'a>, &'a [u8]), ProofError> {
    let number = lines.line_number().saturating_add(1);
    let line = match lines.next() {
        None => {
            return Err(ascii_err(
                number,
                ProofErrorKind::UnexpectedEof { expected: key },
            ))
        }
        Some(Err(e)) => return Err(ascii_err(e.line, ProofErrorKind::MissingNewline)),
        Some(Ok(line)) => line,
    };
    if line.text.is_empty() {
        return Err(ascii_err(
            line.number,
            ProofErrorKind::UnexpectedEmptyLine { expected: key },
        ));
    }
    let (k, v) =
        split_key_value(line.text).ok_or(ascii_err(line.number, ProofErrorKind::MissingEquals))?;
    if k != key.as_bytes() {
        return Err(ascii_err(
            line.number,
            ProofErrorKind::UnexpectedKey { expected: key },
        ));
    }
    Ok((line, v))
}

/// Split a value into exactly `N` single-space-separated fields.
pub(crate) fn fields<'v, const N: usize>(
    line: u32,
    key: &'static str,
    value: &'v [u8],
) -> Result<[&'v [u8]; N], ProofError> {
    split_fields::<N>(value).ok_or(ascii_err(
        line,
        ProofErrorKind::FieldCount {
            key,
            expected: u8::try_from(N).unwrap_or(u8::MAX),
        },
    ))
}

/// Decode a hex field of exactly `N` bytes.
pub(crate) fn hex_field<const N: usize>(
    line: u32,
    key: &'static str,
    field: u8,
    s: &[u8],
) -> Result<[u8; N], ProofError> {
    decode_hex_array::<N>(s)
        .map_err(|error| ascii_err(line, ProofErrorKind::BadValue { key, field, error }))
}

/// Decode a decimal field (`0|[1-9][0-9]*`, at most 2^63 - 1).
pub(crate) fn decimal_field(
    line: u32,
    key: &'static str,
    field: u8,
    s: &[u8],
) -> Result<u64, ProofError> {
    parse_decimal(s)
        .map_err(|error| ascii_err(line, ProofErrorKind::BadValue { key, field, error }))
}

// ---------------------------------------------------------------------
// The matchers: one per line shape.
// ---------------------------------------------------------------------

/// The matcher of `prefix` (`key` and `=`) + `2 * N` hex digits + `\n` at
/// the start of `text`: the decoded value.
fn hex_line_value<const N: usize>(text: &[u8], prefix: &[u8]) -> Option<[u8; N]> {
    let rest = text.strip_prefix(prefix)?;
    let (hex, rest) = rest.split_at_checked(N.saturating_mul(2))?;
    if rest.first() != Some(&b'\n') {
        return None;
    }
    decode_hex_array::<N>(hex).ok()
}

/// A `key=<2 * N hex digits>` line ([`hex_line_value`]), decoded and
/// consumed. Any other line is an error, with the exact reason.
pub(crate) fn hex_line<const N: usize>(
    lines: &mut Lines<'_>,
    prefix: &[u8],
    key: &'static str,
) -> Result<[u8; N], ProofError> {
    match hex_line_value::<N>(lines.rest(), prefix) {
        Some(value) => {
            lines.next_known(prefix.len().saturating_add(N.saturating_mul(2)));
            Ok(value)
        }
        None => Err(hex_line_error::<N>(lines, key)),
    }
}

/// Why the next line is not a `key=<2 * N hex digits>` line (called only
/// when [`hex_line_value`] rejected it).
fn hex_line_error<const N: usize>(lines: &mut Lines<'_>, key: &'static str) -> ProofError {
    let explained = (|| {
        let (line, value) = expect_value(lines, key)?;
        hex_field::<N>(line.number, key, 0, value)?;
        Ok(line)
    })();
    match explained {
        Err(e) => e,
        // Cannot happen (tested): see `cosignature_line_error`.
        Ok(line) => ascii_err(
            line.number,
            ProofErrorKind::BadValue {
                key,
                field: 0,
                error: EncodingError::HexLength,
            },
        ),
    }
}

/// The fields of a `cosignature=` line, validated but not decoded.
#[derive(Clone, Copy, Debug)]
pub(crate) struct CosignatureLine<'a> {
    /// 64 hex digits (either case).
    pub(crate) key_hash: &'a [u8],
    /// The decimal timestamp, at most 2^63 - 1.
    pub(crate) timestamp: u64,
    /// 128 hex digits (either case).
    pub(crate) signature: &'a [u8],
    /// The line's length without its `\n`.
    pub(crate) len: usize,
}

/// `"cosignature="`.
pub(crate) const COSIGNATURE_KEY_PREFIX: &[u8; 12] = b"cosignature=";

/// The matcher of `cosignature=<64 hex> <decimal> <128 hex>\n` at the start
/// of `text`.
pub(crate) fn cosignature_line(text: &[u8]) -> Option<CosignatureLine<'_>> {
    let rest = text.strip_prefix(COSIGNATURE_KEY_PREFIX)?;
    let (key_hash, rest) = rest.split_at_checked(64)?;
    let rest = rest.strip_prefix(b" ")?;
    let (timestamp, digits) = leading_decimal(rest)?;
    let rest = rest.get(digits..)?.strip_prefix(b" ")?;
    let (signature, rest) = rest.split_at_checked(128)?;
    if rest.first() != Some(&b'\n') || !hexscan::is_hex(key_hash) || !hexscan::is_hex(signature) {
        return None;
    }
    Some(CosignatureLine {
        key_hash,
        timestamp,
        signature,
        // 12 + 64 + 1 + digits + 1 + 128.
        len: digits.saturating_add(206),
    })
}

/// Why the next line is not a `cosignature=` line (called only when
/// [`cosignature_line`] rejected it).
pub(crate) fn cosignature_line_error(lines: &mut Lines<'_>) -> ProofError {
    const KEY: &str = "cosignature";
    let explained = (|| {
        let (line, value) = expect_value(lines, KEY)?;
        let n = line.number;
        let [kh, ts, sig] = fields::<3>(n, KEY, value)?;
        hex_field::<32>(n, KEY, 0, kh)?;
        decimal_field(n, KEY, 1, ts)?;
        hex_field::<64>(n, KEY, 2, sig)?;
        Ok(line)
    })();
    match explained {
        Err(e) => e,
        // Cannot happen (the unit test below checks it): the general
        // reading finds a fault in every line the matcher rejects.
        Ok(line) => ascii_err(
            line.number,
            ProofErrorKind::FieldCount {
                key: KEY,
                expected: 3,
            },
        ),
    }
}

/// `node_hash=` + 64 hex digits + `\n`.
pub(crate) const NODE_LINE_LEN: usize = 75;

/// The matcher of a `node_hash=<64 hex>\n` line at the start of `text`:
/// the hex digits.
pub(crate) fn node_line(text: &[u8]) -> Option<&[u8]> {
    let hex = text.strip_prefix(b"node_hash=")?.get(..64)?;
    (text.get(NODE_LINE_LEN.saturating_sub(1)) == Some(&b'\n') && hexscan::is_hex(hex))
        .then_some(hex)
}

/// Why the next line is not a `node_hash=` line (called only when
/// [`node_line`] rejected it).
pub(crate) fn node_line_error(lines: &mut Lines<'_>) -> ProofError {
    const KEY: &str = "node_hash";
    let explained = (|| {
        let (line, value) = expect_value(lines, KEY)?;
        hex_field::<32>(line.number, KEY, 0, value)?;
        Ok(line)
    })();
    match explained {
        Err(e) => e,
        // Cannot happen (tested): see `cosignature_line_error`.
        Ok(line) => ascii_err(
            line.number,
            ProofErrorKind::BadValue {
                key: KEY,
                field: 0,
                error: EncodingError::HexLength,
            },
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::LineMode;
    use crate::writer::Writer;

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

    /// Matcher and general reading agree on one candidate line; returns
    /// whether it was a single line (compared) or not.
    fn agree(line: &[u8], matcher: fn(&[u8]) -> bool, general: fn(&mut Lines<'_>) -> bool) -> bool {
        // A line containing a further newline is two lines to the general
        // reading; compare only single lines.
        if line.strip_suffix(b"\n").is_some_and(|l| l.contains(&b'\n')) {
            return false;
        }
        let mut lines = Lines::new(line, LineMode::Strict);
        assert_eq!(
            matcher(line),
            general(&mut lines),
            "{:?}",
            core::str::from_utf8(line)
        );
        true
    }

    fn general_cosignature(lines: &mut Lines<'_>) -> bool {
        (|| {
            let (line, value) = expect_value(lines, "cosignature")?;
            let [kh, ts, sig] = fields::<3>(line.number, "cosignature", value)?;
            hex_field::<32>(1, "cosignature", 0, kh)?;
            decimal_field(1, "cosignature", 1, ts)?;
            hex_field::<64>(1, "cosignature", 2, sig)
        })()
        .is_ok()
    }

    fn general_node(lines: &mut Lines<'_>) -> bool {
        expect_value(lines, "node_hash")
            .and_then(|(_, v)| hex_field::<32>(1, "node_hash", 0, v))
            .is_ok()
    }

    /// Every byte of `base` replaced by, or preceded by, each byte of
    /// `alphabet`, or deleted: the candidates compared.
    fn mutations(base: &[u8], each: &mut dyn FnMut(&[u8]) -> bool) -> usize {
        let alphabet: &[u8] = b"0123456789aAfFgG =\n\r\t+-/:@`\x00\x7f\x80\xff";
        let n = base.len();
        let mut checked = 0;
        let mut buf = [0u8; CAP];
        for pos in 0..n {
            for &c in alphabet {
                buf[..n].copy_from_slice(base);
                buf[pos] = c;
                checked += usize::from(each(&buf[..n]));
                buf[..pos].copy_from_slice(&base[..pos]);
                buf[pos] = c;
                buf[pos + 1..=n].copy_from_slice(&base[pos..]);
                checked += usize::from(each(&buf[..=n]));
            }
            buf[..pos].copy_from_slice(&base[..pos]);
            buf[pos..n - 1].copy_from_slice(&base[pos + 1..]);
            checked += usize::from(each(&buf[..n - 1]));
        }
        checked
    }

    /// The cosignature matcher accepts exactly the lines in which the
    /// general reading finds no fault (so a rejected line always gets its
    /// exact error), over every single-byte mutation of a valid line and
    /// timestamps around the decimal rules.
    #[test]
    fn cosignature_matcher_equals_general_reading() {
        let matcher = |l: &[u8]| cosignature_line(l).is_some_and(|c| c.len + 1 == l.len());
        let (base, n) = line(b"1700000000");
        assert!(matcher(&base[..n]));
        let mut checked = mutations(&base[..n], &mut |l| agree(l, matcher, general_cosignature));
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
            checked += usize::from(agree(&l[..n], matcher, general_cosignature));
        }
        assert!(checked > 10_000, "{checked}");
    }

    fn general_root_hash(lines: &mut Lines<'_>) -> bool {
        expect_value(lines, "root_hash")
            .and_then(|(_, v)| hex_field::<32>(1, "root_hash", 0, v))
            .is_ok()
    }

    /// The same for the eagerly decoded `key=<hex>` lines (here
    /// `root_hash=`).
    #[test]
    fn hex_line_matcher_equals_general_reading() {
        let matcher = |l: &[u8]| hex_line_value::<32>(l, b"root_hash=").is_some() && l.len() == 75;
        let base = b"root_hash=4e89cc51651f0d95f3c6127c15e1a42e3ddf7046c5b17b752689c402e773bb4d\n";
        assert!(matcher(base));
        let checked = mutations(base, &mut |l| agree(l, matcher, general_root_hash));
        assert!(checked > 3_000, "{checked}");
    }

    /// The same for `node_hash=` lines.
    #[test]
    fn node_matcher_equals_general_reading() {
        let matcher = |l: &[u8]| node_line(l).is_some() && l.len() == NODE_LINE_LEN;
        let base = b"node_hash=4e89cc51651f0d95f3c6127c15e1a42e3ddf7046c5b17b752689c402e773bb4d\n";
        assert!(matcher(base));
        let checked = mutations(base, &mut |l| agree(l, matcher, general_node));
        assert!(checked > 3_000, "{checked}");
    }
}

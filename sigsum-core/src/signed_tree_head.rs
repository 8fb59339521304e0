//! The ASCII signed tree head: a log's `get-tree-head` response, and block
//! 2 of a proof.

use crate::ascii::{
    ascii_err, cosignature_line, cosignature_line_error, decimal_field, expect_value, hex_line,
    ProofError, ProofErrorKind, COSIGNATURE_KEY_PREFIX, MAX_COSIGNATURES,
};
use crate::cosignature::Cosignature;
use crate::hexscan;
use crate::lines::{LineMode, Lines};
use crate::tree_head::TreeHead;
use crate::types::{Hash, Signature};
#[cfg(feature = "tools")]
use crate::writer::{BufferTooSmall, Writer};

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
///
/// ```text
/// size=<decimal>
/// root_hash=<64 hex>
/// signature=<128 hex>
/// cosignature=<64 hex key hash> <decimal timestamp> <128 hex>   (0..64 lines)
/// ```
///
/// Parsed as strictly as sigsum-go (see [`SignedTreeHead::parse`]) with
/// the `key=value` line grammar of sigsum-go's `ascii` package, without copying or
/// allocating: the cosignature lines are validated and kept as text, and
/// decoded by [`CosignatureIter`].
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
    /// The `cosignature=` lines, exactly as in the input.
    pub(crate) fn text(&self) -> &'a [u8] {
        self.text
    }

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
        let mut lines = self.iter();
        core::iter::from_fn(move || {
            let line = lines.next_line()?;
            Some((Hash::from_hex(line.key_hash).ok()?, line.timestamp))
        })
    }
}

/// Iterator over the validated cosignature lines of [`Cosignatures`].
///
/// Every stored line was accepted by the same matcher this iterator reads
/// it with, so it yields all of them.
#[derive(Clone, Debug)]
pub struct CosignatureIter<'a> {
    rest: &'a [u8],
}

impl<'a> CosignatureIter<'a> {
    /// The next line's fields, undecoded.
    fn next_line(&mut self) -> Option<crate::ascii::CosignatureLine<'a>> {
        let line = cosignature_line(self.rest)?;
        self.rest = self
            .rest
            .get(line.len.saturating_add(1)..)
            .unwrap_or_default();
        Some(line)
    }
}

impl Iterator for CosignatureIter<'_> {
    type Item = Cosignature;

    fn next(&mut self) -> Option<Cosignature> {
        let line = self.next_line()?;
        Some(Cosignature {
            key_hash: Hash::from_hex(line.key_hash).ok()?,
            timestamp: line.timestamp,
            signature: Signature::from_hex(line.signature).ok()?,
        })
    }

    fn nth(&mut self, n: usize) -> Option<Cosignature> {
        for _ in 0..n {
            self.next_line()?;
        }
        self.next()
    }
}

impl<'a> SignedTreeHead<'a> {
    /// Parse a complete `get-tree-head` response: `size=`, `root_hash=`,
    /// `signature=`, then 0 to [`MAX_COSIGNATURES`] `cosignature=` lines up
    /// to the end of the input (an empty line is an error here).
    pub fn parse(input: &'a [u8]) -> Result<Self, ProofError> {
        let mut lines = Lines::new(input, LineMode::Strict);
        let (sth, end) = Self::parse_lines(&mut lines)?;
        match end {
            TreeHeadEnd::Eof => Ok(sth),
            TreeHeadEnd::EmptyLine => Err(ascii_err(
                lines.line_number(),
                ProofErrorKind::UnexpectedEmptyLine {
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
    pub(crate) fn parse_lines(lines: &mut Lines<'a>) -> Result<(Self, TreeHeadEnd), ProofError> {
        let (line, v) = expect_value(lines, "size")?;
        let size = decimal_field(line.number, "size", 0, v)?;
        let root_hash = Hash(hex_line::<32>(lines, b"root_hash=", "root_hash")?);
        let signature = Signature(hex_line::<64>(lines, b"signature=", "signature")?);

        let start = lines.rest();
        let first_line = lines.line_number().saturating_add(1);
        let mut consumed = 0usize;
        let mut count = 0usize;
        // Offsets (in `start`) of the key hash fields so far, for the
        // duplicate check: compared as text, case-insensitively, never
        // decoded.
        let mut key_hashes = [0usize; MAX_COSIGNATURES];
        let end = loop {
            let Some(line) = cosignature_line(lines.rest()).and_then(|c| lines.next_known(c.len))
            else {
                match lines.peek() {
                    None => break TreeHeadEnd::Eof,
                    Some(Ok(line)) if line.text.is_empty() => {
                        lines.next();
                        break TreeHeadEnd::EmptyLine;
                    }
                    _ => return Err(cosignature_line_error(lines)),
                }
            };
            if count >= MAX_COSIGNATURES {
                return Err(ascii_err(line.number, ProofErrorKind::TooManyCosignatures));
            }
            let key_at = consumed.saturating_add(COSIGNATURE_KEY_PREFIX.len());
            let key_hash = start.get(key_at..key_at.saturating_add(64));
            let previous = key_hashes.get(..count).unwrap_or_default();
            if let Some(i) = previous.iter().position(|&at| {
                let other = start.get(at..at.saturating_add(64));
                matches!((key_hash, other), (Some(a), Some(b)) if hexscan::eq_ignore_case(a, b))
            }) {
                let first = u32::try_from(i).unwrap_or(u32::MAX);
                return Err(ascii_err(
                    line.number,
                    ProofErrorKind::DuplicateCosignature {
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
    #[cfg(feature = "tools")]
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

    const STH: &[u8] = b"size=10\n\
root_hash=4e89cc51651f0d95f3c6127c15e1a42e3ddf7046c5b17b752689c402e773bb4d\n\
signature=4e89cc51651f0d95f3c6127c15e1a42e3ddf7046c5b17b752689c402e773bb4d4e89cc51651f0d95f3c6127c15e1a42e3ddf7046c5b17b752689c402e773bb4d\n\
cosignature=1c997261f16e6e81d13f420900a2542a4b6a049c2d996324ee5d82a90ca3360c 5 4e89cc51651f0d95f3c6127c15e1a42e3ddf7046c5b17b752689c402e773bb4d4e89cc51651f0d95f3c6127c15e1a42e3ddf7046c5b17b752689c402e773bb4d\n";

    /// `parse_lines` reports how the cosignature list ended and leaves the
    /// reader after it (a proof continues after the empty line).
    #[test]
    fn parse_lines_reports_its_end() {
        let mut text = [0u8; 512];
        let n = STH.len();
        text[..n].copy_from_slice(STH);
        text[n..n + 8].copy_from_slice(b"\nrest=1\n");
        let mut lines = Lines::new(&text[..n + 8], LineMode::Strict);
        let (t, end) = SignedTreeHead::parse_lines(&mut lines).unwrap();
        assert_eq!((end, t.cosignatures.len()), (TreeHeadEnd::EmptyLine, 1));
        assert_eq!(lines.next().unwrap().unwrap().text, b"rest=1");

        let mut lines = Lines::new(STH, LineMode::Strict);
        let (t, end) = SignedTreeHead::parse_lines(&mut lines).unwrap();
        assert_eq!((end, t.cosignatures.len()), (TreeHeadEnd::Eof, 1));
        assert_eq!(t.cosignatures.iter().count(), 1);
        assert!(lines.next().is_none());
    }
}

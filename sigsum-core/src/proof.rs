//! Sigsum proof files (`sigsum-submit` output), versions 2 and 1.

#[cfg(feature = "tools")]
use crate::ascii::MAX_COSIGNATURES;
use crate::ascii::{
    ascii_err, decimal_field, expect_value, fields, hex_field, hex_line, node_line,
    node_line_error, ProofError, ProofErrorKind, NODE_LINE_LEN,
};
use crate::lines::{LineMode, Lines};
use crate::merkle::MAX_PATH_LEN;
use crate::signed_tree_head::{SignedTreeHead, TreeHeadEnd};
use crate::types::{Hash, Signature};
#[cfg(feature = "tools")]
use crate::writer::{BufferTooSmall, Writer};

#[cfg(feature = "tools")]
/// Largest version-2 text [`Proof::write_v2`] can produce: every line at
/// its longest, [`MAX_COSIGNATURES`] cosignatures, [`MAX_PATH_LEN`] nodes.
pub const MAX_V2_TEXT_SIZE: usize = 10 // version=2\n
    + 69 // log=<64>\n
    + 199 // leaf=<64> <128>\n
    + 1
    + 25 // size=<19>\n
    + 75 // root_hash=<64>\n
    + 139 // signature=<128>\n
    + MAX_COSIGNATURES * 226 // cosignature=<64> <19> <128>\n
    + 1
    + 31 // leaf_index=<19>\n
    + MAX_PATH_LEN * 75; // node_hash=<64>\n

/// The proof format version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProofVersion {
    /// Version 1: the leaf line starts with a short checksum.
    V1 {
        /// The first two bytes of the leaf checksum `H(message)`.
        short_checksum: [u8; 2],
    },
    /// Version 2 (what `sigsum-submit` writes today).
    V2,
}

/// The inclusion path: the validated `node_hash` lines, borrowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InclusionPath<'a> {
    text: &'a [u8],
    len: usize,
}

impl<'a> InclusionPath<'a> {
    /// Number of node hashes (0 for a size-1 proof).
    pub fn len(&self) -> usize {
        self.len
    }

    /// `true` for a size-1 proof.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The node hashes, leaf's sibling first (decoded on iteration).
    pub fn iter(&self) -> PathIter<'a> {
        PathIter {
            rest: self.text,
            remaining: self.len,
        }
    }
}

/// Iterator over the validated `node_hash` lines of an [`InclusionPath`].
///
/// Every stored line was accepted by the same matcher this iterator reads
/// it with, so it yields all of them.
#[derive(Clone, Debug)]
pub struct PathIter<'a> {
    rest: &'a [u8],
    remaining: usize,
}

/// The length is exact, so Merkle verification checks it before hashing.
impl ExactSizeIterator for PathIter<'_> {}

impl Iterator for PathIter<'_> {
    type Item = Hash;

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }

    fn next(&mut self) -> Option<Hash> {
        let hex = node_line(self.rest)?;
        self.remaining = self.remaining.saturating_sub(1);
        self.rest = self.rest.get(NODE_LINE_LEN..).unwrap_or_default();
        Hash::from_hex(hex).ok()
    }
}

/// Fast path for a version-2 `leaf=<64 hex> <128 hex>\n` line: decoded
/// and consumed, or `None` (nothing consumed; the slow path then gives the
/// exact error).
fn fast_leaf_v2(lines: &mut Lines<'_>) -> Option<(Hash, Signature)> {
    let rest = lines.rest().strip_prefix(b"leaf=")?;
    let (key_hash, rest) = rest.split_at_checked(64)?;
    let signature = rest.strip_prefix(b" ")?.get(..128)?;
    let key_hash = Hash::from_hex(key_hash).ok()?;
    let signature = Signature::from_hex(signature).ok()?;
    // "leaf=" + 64 + " " + 128.
    lines.next_known(198)?;
    Some((key_hash, signature))
}

/// A parsed Sigsum proof, borrowing the input text.
///
/// ```text
/// version=2
/// log=<hex H(log key)>
/// leaf=<hex H(submitter key)> <hex leaf signature>
///
/// size=<decimal>
/// root_hash=<hex>
/// signature=<hex log signature>
/// cosignature=<hex H(witness key)> <decimal timestamp> <hex signature>   (0..n)
///
/// leaf_index=<decimal>
/// node_hash=<hex>                                                        (1..63)
/// ```
///
/// Version 1 differs only in line 3: `leaf=<4 hex> <key hash> <signature>`,
/// where the 4 hex digits are the first two bytes of the leaf checksum
/// `H(message)`. When the tree has one leaf (`size=1`) the proof ends right
/// after the last tree-head line: no empty line, no inclusion part.
///
/// [`Proof::parse`] is exactly as strict as sigsum-go's
/// `SigsumProof.FromASCII`: fixed line order, single spaces, every line ends
/// in `\n`, `\r` is kept (so CRLF fails), decimals without leading zeros and
/// at most 2^63 - 1, exact hex lengths (either case), size 0 rejected, 1..63
/// `node_hash` lines when `size >= 2`, duplicate cosignature key hashes
/// rejected. It borrows the input and allocates nothing; the cosignature and
/// `node_hash` lines are validated (shape, hex digits, decimals, duplicate
/// key hashes compared as text) but kept as text, and decoded lazily by
/// their iterators. Well-formed lines take fixed-shape fast paths; any
/// other line goes through the general line parser, which gives the exact
/// error and line number (see `docs/performance.md`).
///
/// Divergences (all documented in `docs/proof.md`):
/// * sigsum-rs and sigsum-ts reject valid size-1 proofs; we accept them, as
///   sigsum-go does.
/// * More than [`MAX_COSIGNATURES`](crate::MAX_COSIGNATURES) cosignature lines are rejected
///   (sigsum-go has no limit).
/// * The v1 short checksum is compared with the message during
///   verification (sigsum-go only checks its syntax); see
///   [`crate::verify`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Proof<'a> {
    /// Format version (and the v1 short checksum).
    pub version: ProofVersion,
    /// `log=`: the key hash of the log.
    pub log_key_hash: Hash,
    /// The key hash of the submitter (from `leaf=`).
    pub leaf_key_hash: Hash,
    /// The submitter's leaf signature (from `leaf=`).
    pub leaf_signature: Signature,
    /// The cosigned tree head.
    pub signed_tree_head: SignedTreeHead<'a>,
    /// `leaf_index=` (0 for a size-1 proof).
    pub leaf_index: u64,
    /// The inclusion path (empty for a size-1 proof).
    pub path: InclusionPath<'a>,
}

impl<'a> Proof<'a> {
    /// Parse a proof file (version 1 or 2). See the module docs for the
    /// rules.
    pub fn parse(input: &'a [u8]) -> Result<Self, ProofError> {
        let mut lines = Lines::new(input, LineMode::Strict);

        let (line, v) = expect_value(&mut lines, "version")?;
        let version_number = decimal_field(line.number, "version", 0, v)?;
        if version_number != 1 && version_number != 2 {
            return Err(ascii_err(
                line.number,
                ProofErrorKind::UnknownVersion(version_number),
            ));
        }
        let log_key_hash = Hash(hex_line::<32>(&mut lines, b"log=", "log")?);
        let fast_leaf = match version_number {
            2 => fast_leaf_v2(&mut lines),
            _ => None,
        };
        let (version, leaf_key_hash, leaf_signature) = match (fast_leaf, version_number) {
            (Some((kh, sig)), _) => (ProofVersion::V2, kh, sig),
            (None, 2) => {
                let (line, v) = expect_value(&mut lines, "leaf")?;
                let n = line.number;
                let [kh, sig] = fields::<2>(n, "leaf", v)?;
                (
                    ProofVersion::V2,
                    Hash(hex_field::<32>(n, "leaf", 0, kh)?),
                    Signature(hex_field::<64>(n, "leaf", 1, sig)?),
                )
            }
            (None, _) => {
                let (line, v) = expect_value(&mut lines, "leaf")?;
                let n = line.number;
                let [short, kh, sig] = fields::<3>(n, "leaf", v)?;
                (
                    ProofVersion::V1 {
                        short_checksum: hex_field::<2>(n, "leaf", 0, short)?,
                    },
                    Hash(hex_field::<32>(n, "leaf", 1, kh)?),
                    Signature(hex_field::<64>(n, "leaf", 2, sig)?),
                )
            }
        };
        let number = lines.line_number().saturating_add(1);
        match lines.next() {
            None => {
                return Err(ascii_err(
                    number,
                    ProofErrorKind::UnexpectedEof { expected: "size" },
                ))
            }
            Some(Err(e)) => return Err(ascii_err(e.line, ProofErrorKind::MissingNewline)),
            Some(Ok(l)) if l.text.is_empty() => {}
            Some(Ok(l)) => return Err(ascii_err(l.number, ProofErrorKind::ExpectedEmptyLine)),
        }

        let size_line = lines.line_number().saturating_add(1);
        let (signed_tree_head, end) = SignedTreeHead::parse_lines(&mut lines)?;
        let size = signed_tree_head.tree_head.size;
        if size == 0 {
            return Err(ascii_err(size_line, ProofErrorKind::EmptyTree));
        }
        let empty_path = InclusionPath { text: &[], len: 0 };
        if size == 1 {
            if end == TreeHeadEnd::EmptyLine {
                return Err(ascii_err(
                    lines.line_number(),
                    ProofErrorKind::SizeOneTrailingLine,
                ));
            }
            return Ok(Proof {
                version,
                log_key_hash,
                leaf_key_hash,
                leaf_signature,
                signed_tree_head,
                leaf_index: 0,
                path: empty_path,
            });
        }
        if end == TreeHeadEnd::Eof {
            return Err(ascii_err(
                lines.line_number().saturating_add(1),
                ProofErrorKind::MissingInclusionProof,
            ));
        }
        let (line, v) = expect_value(&mut lines, "leaf_index")?;
        let leaf_index = decimal_field(line.number, "leaf_index", 0, v)?;

        let start = lines.rest();
        let mut consumed = 0usize;
        let mut len = 0usize;
        while !lines.is_empty() {
            let matched = node_line(lines.rest())
                .and_then(|_| lines.next_known(NODE_LINE_LEN.saturating_sub(1)));
            let Some(line) = matched else {
                return Err(node_line_error(&mut lines));
            };
            if len >= MAX_PATH_LEN {
                return Err(ascii_err(line.number, ProofErrorKind::PathTooLong));
            }
            len = len.saturating_add(1);
            consumed = consumed.saturating_add(line.text.len()).saturating_add(1);
        }
        if len == 0 {
            return Err(ascii_err(
                lines.line_number().saturating_add(1),
                ProofErrorKind::EmptyPath,
            ));
        }
        Ok(Proof {
            version,
            log_key_hash,
            leaf_key_hash,
            leaf_signature,
            signed_tree_head,
            leaf_index,
            path: InclusionPath {
                text: start.get(..consumed).unwrap_or_default(),
                len,
            },
        })
    }

    #[cfg(feature = "tools")]
    /// Write this proof as version-2 text (lowercase hex, cosignatures
    /// sorted by key hash, so the output is deterministic). A version-1
    /// proof is converted (its short checksum is dropped, as sigsum-go
    /// does). [`MAX_V2_TEXT_SIZE`] bytes always suffice.
    ///
    /// Numbers are written as they are: a parsed proof never holds one
    /// above 2^63 - 1, but a hand-built `size` or `leaf_index` above that
    /// is written too (sigsum-go's `ascii` writer refuses it),
    /// and the text then fails [`Proof::parse`]. Build proofs by parsing.
    pub fn write_v2(&self, w: &mut Writer<'_>) -> Result<(), BufferTooSmall> {
        w.bytes(b"version=2\nlog=")?;
        w.hex(&self.log_key_hash.0)?;
        w.bytes(b"\nleaf=")?;
        w.hex(&self.leaf_key_hash.0)?;
        w.byte(b' ')?;
        w.hex(&self.leaf_signature.0)?;
        w.bytes(b"\n\n")?;
        self.signed_tree_head.write_ascii(w)?;
        if self.signed_tree_head.tree_head.size >= 2 {
            w.bytes(b"\nleaf_index=")?;
            w.decimal(self.leaf_index)?;
            w.byte(b'\n')?;
            for node in self.path.iter() {
                w.bytes(b"node_hash=")?;
                w.hex(&node.0)?;
                w.byte(b'\n')?;
            }
        }
        Ok(())
    }

    #[cfg(feature = "tools")]
    /// [`Proof::write_v2`] into `out`, returning the written prefix.
    pub fn to_v2_text<'o>(&self, out: &'o mut [u8]) -> Result<&'o [u8], BufferTooSmall> {
        let mut w = Writer::new(out);
        self.write_v2(&mut w)?;
        Ok(w.into_written())
    }
}

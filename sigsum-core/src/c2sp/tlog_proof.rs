//! C2SP `tlog-proof` (`c2sp.org/tlog-proof@v1`): an index, an inclusion
//! path and a cosigned checkpoint, verified against a caller-given leaf
//! hash under a tlog-policy.

use super::error::{TlogError, TlogProofError, TlogProofErrorKind as Kind};
use super::tlog_checkpoint::{verify_checkpoint, CosignedCheckpoint, TlogOptions};
use super::tlog_policy::TlogPolicyN;
use crate::checkpoint::Checkpoint;
use crate::crypto::Ed25519Backend;
use crate::encoding::EncodingError;
use crate::encoding::{decode_base64, decode_base64_array, decode_base64_runs, parse_decimal};
use crate::merkle::{verify_inclusion, MAX_PATH_LEN};
use crate::note::MAX_TLOG_SIGNATURE_LINES;
use crate::types::Hash;

/// The first line of a tlog-proof.
pub const TLOG_PROOF_HEADER: &[u8] = b"c2sp.org/tlog-proof@v1";

/// A parsed tlog-proof, borrowing the input. Not yet verified.
///
/// ```text
/// c2sp.org/tlog-proof@v1
/// extra <base64>                 (optional, unauthenticated)
/// index <decimal>
/// <base64 of a 32-byte hash>     (0 to 63 lines: the inclusion path)
///
/// <checkpoint note>
/// ```
///
/// [`TlogProof::parse`] is as strict as the Sigsum proof parser: every
/// line ends in `\n`; the lines before the checkpoint are printable ASCII
/// (no `\r`, no TAB); the header is exact; the `extra` data, if the line is
/// present, is non-empty padded canonical base64 (tlog-proof: without extra
/// data the line is omitted); the index is a canonical decimal
/// (`0|[1-9][0-9]*`, at most 2^63 - 1); each path line is canonical base64
/// of exactly 32 bytes, at most [`MAX_PATH_LEN`] of them; one blank line,
/// then a checkpoint ([`Checkpoint::parse_with_limit`] with
/// [`MAX_TLOG_SIGNATURE_LINES`]), which runs to the end of the input.
#[derive(Clone, Copy, Debug)]
pub struct TlogProof<'a> {
    /// The leaf index.
    pub index: u64,
    extra: Option<&'a [u8]>,
    path: TlogPath<'a>,
    checkpoint: Checkpoint<'a>,
}

/// The `extra` data of a tlog-proof: opaque, application-defined and
/// **not authenticated** by anything in the proof (tlog-proof: applications
/// must not trust it implicitly; use it only as an input that the leaf
/// hash then binds, or as a hint).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnauthenticatedExtra<'a> {
    base64: &'a [u8],
}

impl<'a> UnauthenticatedExtra<'a> {
    /// The data as written: padded canonical base64.
    pub fn base64(&self) -> &'a [u8] {
        self.base64
    }

    /// The decoded length.
    pub fn len(&self) -> usize {
        let padding = self.base64.iter().rev().take_while(|&&b| b == b'=').count();
        (self.base64.len() / 4)
            .saturating_mul(3)
            .saturating_sub(padding)
    }

    /// `true` if there are no bytes (never, for a parsed proof).
    pub fn is_empty(&self) -> bool {
        self.base64.is_empty()
    }

    /// Decode into `out` (at least [`len`](Self::len) bytes).
    pub fn decode<'o>(&self, out: &'o mut [u8]) -> Result<&'o [u8], EncodingError> {
        decode_base64(self.base64, out)
    }
}

/// The inclusion path of a tlog-proof: validated base64 lines, decoded on
/// iteration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TlogPath<'a> {
    text: &'a [u8],
    len: usize,
}

impl<'a> TlogPath<'a> {
    /// Number of hashes.
    pub fn len(&self) -> usize {
        self.len
    }

    /// `true` if the path is empty (a tree of one leaf).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The hashes, the leaf's sibling first.
    pub fn iter(&self) -> impl Iterator<Item = Hash> + 'a {
        // Every line was decoded once when parsed; a failure cannot happen
        // and would end the iteration early (then the root cannot match).
        self.text
            .split(|&b| b == b'\n')
            .take(self.len)
            .map_while(|l| decode_base64_array::<32>(l).ok().map(Hash))
    }
}

/// Splits the input into `\n`-terminated lines, counting them.
struct LineCursor<'a> {
    rest: &'a [u8],
    line: u32,
}

impl<'a> LineCursor<'a> {
    /// The next line (without `\n`), checked to be printable ASCII.
    fn next(&mut self) -> Result<(&'a [u8], u32), TlogProofError> {
        self.line = self.line.saturating_add(1);
        let line = self.line;
        let err = |kind| TlogProofError { line, kind };
        if self.rest.is_empty() {
            return Err(err(Kind::MissingCheckpoint));
        }
        let end = self
            .rest
            .iter()
            .position(|&b| b == b'\n')
            .ok_or(err(Kind::MissingNewline))?;
        let text = self.rest.get(..end).unwrap_or_default();
        self.rest = self.rest.get(end.saturating_add(1)..).unwrap_or_default();
        if text.iter().any(|&b| !(0x20..0x7f).contains(&b)) {
            return Err(err(Kind::Character));
        }
        Ok((text, line))
    }
}

impl<'a> TlogProof<'a> {
    /// Parse a tlog-proof (see the type's docs for the rules).
    pub fn parse(input: &'a [u8]) -> Result<TlogProof<'a>, TlogProofError> {
        let mut lines = LineCursor {
            rest: input,
            line: 0,
        };
        let (header, line) = lines.next()?;
        if header != TLOG_PROOF_HEADER {
            return Err(TlogProofError {
                line,
                kind: Kind::Header,
            });
        }
        let (mut text, mut line) = lines.next()?;
        let mut extra = None;
        if let Some(data) = text.strip_prefix(b"extra ") {
            let err = |kind| TlogProofError { line, kind };
            if data.is_empty() {
                return Err(err(Kind::EmptyExtra));
            }
            decode_base64_runs(data, |_| {}).map_err(|e| err(Kind::ExtraBase64(e)))?;
            extra = Some(data);
            (text, line) = lines.next()?;
        }
        let digits = text.strip_prefix(b"index ").ok_or(TlogProofError {
            line,
            kind: Kind::MissingIndex,
        })?;
        let index = parse_decimal(digits).map_err(|e| TlogProofError {
            line,
            kind: Kind::Index(e),
        })?;
        let path_start = input.len().saturating_sub(lines.rest.len());
        let mut len = 0usize;
        loop {
            let (text, line) = lines.next()?;
            if text.is_empty() {
                break;
            }
            let err = |kind| TlogProofError { line, kind };
            if len >= MAX_PATH_LEN {
                return Err(err(Kind::PathTooLong));
            }
            decode_base64_array::<32>(text).map_err(|e| err(Kind::PathHash(e)))?;
            len = len.saturating_add(1);
        }
        let path_end = input.len().saturating_sub(lines.rest.len());
        let checkpoint_line = lines.line.saturating_add(1);
        if lines.rest.is_empty() {
            return Err(TlogProofError {
                line: checkpoint_line,
                kind: Kind::MissingCheckpoint,
            });
        }
        let checkpoint = Checkpoint::parse_with_limit(lines.rest, MAX_TLOG_SIGNATURE_LINES)
            .map_err(|e| TlogProofError {
                line: checkpoint_line,
                kind: Kind::Checkpoint(e),
            })?;
        Ok(TlogProof {
            index,
            extra,
            path: TlogPath {
                text: input.get(path_start..path_end).unwrap_or_default(),
                len,
            },
            checkpoint,
        })
    }

    /// The `extra` data, if the proof has an `extra` line.
    pub fn unauthenticated_extra(&self) -> Option<UnauthenticatedExtra<'a>> {
        self.extra.map(|base64| UnauthenticatedExtra { base64 })
    }

    /// The inclusion path.
    pub fn path(&self) -> TlogPath<'a> {
        self.path
    }

    /// The checkpoint (parsed, not verified).
    pub fn checkpoint(&self) -> &Checkpoint<'a> {
        &self.checkpoint
    }

    /// Verify the proof for the leaf whose hash is `leaf_hash` under
    /// `policy` (tlog-proof, "Verifying a tlog proof"):
    ///
    /// 1. the leaf hash is the caller's: it is application-defined (for
    ///    RFC 6962 logs of entries, [`hash_leaf`](crate::hash_leaf) of the
    ///    entry bytes, `SHA-256(0x00 || entry)`);
    /// 2. and 3. the checkpoint is signed by a policy log key of its origin
    ///    and cosigned by a quorum of the policy's witnesses
    ///    (as [`verify_tlog_checkpoint`](crate::verify_tlog_checkpoint));
    /// 4. the inclusion path leads from the leaf hash at `index` to the
    ///    checkpoint's root hash ([`TlogError::Inclusion`]; an index not
    ///    below the tree size is
    ///    [`MerkleError::IndexOutOfRange`](crate::MerkleError::IndexOutOfRange)).
    pub fn verify<B, const L: usize, const W: usize, const G: usize, const P: usize>(
        &self,
        leaf_hash: &Hash,
        policy: &TlogPolicyN<'_, L, W, G, P>,
        backend: &B,
        options: &TlogOptions,
    ) -> Result<VerifiedTlogProof<'a>, TlogError>
    where
        B: Ed25519Backend,
    {
        let checkpoint = verify_checkpoint(&self.checkpoint, policy, backend, options)?;
        let head = &checkpoint.tree_head;
        verify_inclusion(
            leaf_hash,
            self.index,
            head.size,
            &head.root_hash,
            self.path.iter(),
        )
        .map_err(TlogError::Inclusion)?;
        Ok(VerifiedTlogProof {
            index: self.index,
            leaf_hash: *leaf_hash,
            checkpoint,
            unauthenticated_extra: self.unauthenticated_extra(),
        })
    }
}

/// Parse and verify a tlog-proof in one step ([`TlogProof::parse`],
/// [`TlogProof::verify`]).
pub fn verify_tlog_proof<'a, B, const L: usize, const W: usize, const G: usize, const P: usize>(
    proof: &'a [u8],
    leaf_hash: &Hash,
    policy: &TlogPolicyN<'_, L, W, G, P>,
    backend: &B,
    options: &TlogOptions,
) -> Result<VerifiedTlogProof<'a>, TlogError>
where
    B: Ed25519Backend,
{
    TlogProof::parse(proof)?.verify(leaf_hash, policy, backend, options)
}

/// A verified tlog-proof.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VerifiedTlogProof<'a> {
    /// The leaf index.
    pub index: u64,
    /// The leaf hash that was proven included.
    pub leaf_hash: Hash,
    /// The verified, cosigned checkpoint: tree size, root, witnesses and
    /// their timestamps, the quorum time
    /// ([`CosignedCheckpoint::quorum_time`]) and the median timestamp.
    pub checkpoint: CosignedCheckpoint<'a>,
    /// The proof's `extra` data: **not authenticated**.
    pub unauthenticated_extra: Option<UnauthenticatedExtra<'a>>,
}

//! spic proofs (florolf/spic `doc/formats.md`, `ProofV1`): a Sigsum proof
//! compiled against one spic policy, keys referred to by index.

use super::error::{BinaryError, BinaryErrorKind};
use super::reader::Reader;
use super::spic_policy::{MAX_SPIC_WITNESSES, U32_MAX};
use crate::encoding::MAX_DECIMAL;
use crate::merkle::MAX_PATH_LEN;
use crate::types::{Hash, Signature, HASH_SIZE};

/// The most cosignatures a spic proof can carry here: one per witness of
/// the largest policy (a witness may cosign once).
pub const MAX_SPIC_COSIGNATURES: usize = MAX_SPIC_WITNESSES;

/// One cosignature of a spic proof, with its absolute timestamp.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SpicCosignature {
    /// POSIX seconds (the sum of the deltas so far), below 2^63.
    pub timestamp: u64,
    /// The witness index in the policy (below [`MAX_SPIC_WITNESSES`]).
    pub witness: u8,
    /// The Ed25519 signature over the cosigned checkpoint.
    pub signature: Signature,
}

/// A parsed spic proof borrowing its bytes.
///
/// Layout (BARE; `uint` is LEB128):
///
/// | field | encoding |
/// |---|---|
/// | leaf key index | `uint`, index into the submitter keys |
/// | leaf signature | 64 bytes |
/// | tree size | `uint` |
/// | leaf index | `uint` |
/// | inclusion path | `uint` count, then 32-byte nodes (leaf's sibling first) |
/// | log key index | `uint`, index into the policy's logs |
/// | log signature | 64 bytes, over the checkpoint with the computed root |
/// | cosignatures | `uint` count, then each: `uint` timestamp delta (to the previous one, the first to 0), `uint` witness index, 64-byte signature |
///
/// The root hash is not stored: it is computed from the path and
/// authenticated by the log signature. The leaf key hash and the log key
/// hash are not stored either: they are the hashes of the indexed keys.
///
/// # Parsing is strict
///
/// [`SpicProof::parse`] rejects, each with its [`BinaryErrorKind`] and
/// offset: truncation, trailing bytes, non-minimal or oversized LEB128,
/// key indexes above 2^32 - 1 (as spic), a tree size or a timestamp of
/// 2^63 or more (spic writes them as `0` into the signed text, so a
/// signature over size or time `0` would verify), more than
/// [`MAX_PATH_LEN`] path nodes or [`MAX_SPIC_COSIGNATURES`] cosignatures,
/// a witness index of 64 or more, and a witness that cosigns twice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SpicProof<'a> {
    /// Index of the submitter key that signed the leaf.
    pub leaf_key_index: u32,
    /// The leaf signature.
    pub leaf_signature: Signature,
    /// The tree size, below 2^63.
    pub tree_size: u64,
    /// The leaf index (checked against the size when verifying).
    pub leaf_index: u64,
    path: &'a [u8],
    /// Index of the log key in the policy.
    pub log_key_index: u32,
    /// The log's signature over the checkpoint.
    pub log_signature: Signature,
    cosignatures: &'a [u8],
    cosignature_count: u8,
}

fn signature(r: &mut Reader<'_>, field: &'static str) -> Result<Signature, BinaryError> {
    r.array::<64>(field).map(Signature)
}

/// Read one cosignature; `previous` is the timestamp before it.
fn read_cosignature(r: &mut Reader<'_>, previous: u64) -> Result<SpicCosignature, BinaryError> {
    let at = r.offset();
    let delta = r.uleb("cosignature timestamp")?;
    let timestamp = previous
        .checked_add(delta)
        .filter(|t| *t <= MAX_DECIMAL)
        .ok_or(BinaryError {
            offset: at,
            kind: BinaryErrorKind::TimestampTooLarge,
        })?;
    let index = r.uleb_max("witness index", MAX_SPIC_WITNESSES.saturating_sub(1) as u64)?;
    let signature = signature(r, "cosignature")?;
    Ok(SpicCosignature {
        timestamp,
        witness: u8::try_from(index).unwrap_or(u8::MAX),
        signature,
    })
}

impl<'a> SpicProof<'a> {
    /// Parse a spic proof; every byte must belong to it.
    pub fn parse(bytes: &'a [u8]) -> Result<Self, BinaryError> {
        let mut r = Reader::new(bytes);
        let leaf_key_index = r.uleb_max("leaf key index", U32_MAX)?;
        let leaf_signature = signature(&mut r, "leaf signature")?;
        let size_at = r.offset();
        let tree_size = r.uleb("tree size")?;
        if tree_size > MAX_DECIMAL {
            return Err(BinaryError {
                offset: size_at,
                kind: BinaryErrorKind::TreeSizeTooLarge,
            });
        }
        let leaf_index = r.uleb("leaf index")?;
        let path_at = r.offset();
        let nodes = r.uleb("inclusion path")?;
        if nodes > MAX_PATH_LEN as u64 {
            return Err(BinaryError {
                offset: path_at,
                kind: BinaryErrorKind::PathTooLong {
                    max: MAX_PATH_LEN as u8,
                },
            });
        }
        let path = r.take(
            usize::try_from(nodes)
                .unwrap_or(usize::MAX)
                .saturating_mul(HASH_SIZE),
            "inclusion path",
        )?;
        let log_key_index = r.uleb_max("log key index", U32_MAX)?;
        let log_signature = signature(&mut r, "log signature")?;
        let count_at = r.offset();
        let count = r.uleb("cosignatures")?;
        if count > MAX_SPIC_COSIGNATURES as u64 {
            return Err(BinaryError {
                offset: count_at,
                kind: BinaryErrorKind::TooManyCosignatures {
                    max: MAX_SPIC_COSIGNATURES as u8,
                },
            });
        }
        let start = r.offset();
        let mut seen = 0u64;
        let mut timestamp = 0u64;
        for _ in 0..count {
            let at = r.offset();
            let c = read_cosignature(&mut r, timestamp)?;
            let bit = 1u64.checked_shl(u32::from(c.witness)).unwrap_or(0);
            if seen & bit != 0 {
                return Err(BinaryError {
                    offset: at,
                    kind: BinaryErrorKind::DuplicateWitness { index: c.witness },
                });
            }
            seen |= bit;
            timestamp = c.timestamp;
        }
        let cosignatures = bytes.get(start..r.offset()).unwrap_or_default();
        r.finish()?;
        Ok(SpicProof {
            leaf_key_index: u32::try_from(leaf_key_index).unwrap_or(u32::MAX),
            leaf_signature,
            tree_size,
            leaf_index,
            path,
            log_key_index: u32::try_from(log_key_index).unwrap_or(u32::MAX),
            log_signature,
            cosignatures,
            cosignature_count: u8::try_from(count).unwrap_or(u8::MAX),
        })
    }

    /// The inclusion path, the leaf's sibling first.
    pub fn path(&self) -> impl ExactSizeIterator<Item = Hash> + 'a {
        self.path
            .chunks_exact(HASH_SIZE)
            .map(|c| Hash::from_slice(c).unwrap_or_default())
    }

    /// Number of path nodes.
    pub fn path_len(&self) -> usize {
        self.path.len() / HASH_SIZE
    }

    /// Number of cosignatures.
    pub fn cosignature_count(&self) -> usize {
        usize::from(self.cosignature_count)
    }

    /// The cosignatures in proof order (ascending timestamps).
    pub fn cosignatures(&self) -> impl Iterator<Item = SpicCosignature> + 'a {
        let mut r = Reader::new(self.cosignatures);
        let mut previous = 0u64;
        core::iter::from_fn(move || {
            if r.is_empty() {
                return None;
            }
            let c = read_cosignature(&mut r, previous).ok()?;
            previous = c.timestamp;
            Some(c)
        })
    }
}

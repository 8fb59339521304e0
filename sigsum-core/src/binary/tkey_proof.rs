//! The binary Sigsum proof of the TKey sign-if-logged prototype protocol
//! (Sigsum documentation, `archive/2025-11-21-signed-if-logged-protocol.md`).

use super::error::{BinaryError, BinaryErrorKind};
use super::reader::Reader;
use crate::encoding::MAX_DECIMAL;
use crate::merkle::MAX_PATH_LEN;
use crate::types::{Hash, Signature, HASH_SIZE};

/// Size of the fixed part of a TKey proof.
pub const TKEY_FIXED_LEN: usize = 242;
/// Size of one cosignature in a TKey proof.
pub const TKEY_COSIGNATURE_LEN: usize = 104;
/// The most cosignatures a TKey proof can carry.
pub const MAX_TKEY_COSIGNATURES: usize = 16;
/// The largest TKey proof: 242 + 16·104 + 63·32 = 3922 bytes (the
/// protocol document says 3858, from a fixed part of 178 bytes; the fixed
/// part is 242).
pub const MAX_TKEY_PROOF_LEN: usize =
    TKEY_FIXED_LEN + MAX_TKEY_COSIGNATURES * TKEY_COSIGNATURE_LEN + MAX_PATH_LEN * HASH_SIZE;

/// One cosignature of a TKey proof.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TkeyCosignature {
    /// POSIX seconds, below 2^63.
    pub timestamp: u64,
    /// `H(witness public key)`.
    pub key_hash: Hash,
    /// The Ed25519 signature over the cosigned checkpoint.
    pub signature: Signature,
}

/// A parsed TKey proof borrowing its bytes.
///
/// Layout (integers little-endian):
///
/// | offset | size | field |
/// |---|---|---|
/// | 0 | 32 | log key hash |
/// | 32 | 32 | submitter key hash |
/// | 64 | 64 | leaf signature |
/// | 128 | 8 | tree size |
/// | 136 | 32 | root hash |
/// | 168 | 64 | log signature |
/// | 232 | 8 | leaf index |
/// | 240 | 1 | cosignature count (at most 16) |
/// | 241 | 1 | path length (at most 63) |
/// | 242 | 104 each | cosignatures: timestamp (8), witness key hash (32), signature (64) |
/// | … | 32 each | inclusion path, the leaf's sibling first |
///
/// The fields are those of a Sigsum proof (version 2); verification
/// follows Sigsum's rules ([`verify_tkey`](crate::verify_tkey)).
///
/// # Parsing is strict
///
/// [`TkeyProof::parse`] rejects, each with its [`BinaryErrorKind`] and
/// offset: truncation, trailing bytes, a tree size or a timestamp of 2^63
/// or more (no Sigsum log or witness signs one, and the ASCII proof cannot
/// carry one), more than 16 cosignatures or 63 path nodes, and two
/// cosignatures with the same witness key hash (as the ASCII proof
/// parser). [`TkeyProof::parse_prefix`] returns the bytes after the proof
/// instead: on the device they are the message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TkeyProof<'a> {
    /// `H(log public key)`.
    pub log_key_hash: Hash,
    /// `H(submitter public key)`.
    pub submitter_key_hash: Hash,
    /// The leaf signature.
    pub leaf_signature: Signature,
    /// The tree size, below 2^63.
    pub tree_size: u64,
    /// The root hash.
    pub root_hash: Hash,
    /// The log's signature over the checkpoint.
    pub log_signature: Signature,
    /// The leaf index (checked against the size when verifying).
    pub leaf_index: u64,
    cosignatures: &'a [u8],
    path: &'a [u8],
}

fn hash(r: &mut Reader<'_>, field: &'static str) -> Result<Hash, BinaryError> {
    r.array::<32>(field).map(Hash)
}

fn signature(r: &mut Reader<'_>, field: &'static str) -> Result<Signature, BinaryError> {
    r.array::<64>(field).map(Signature)
}

fn decode_cosignature(bytes: &[u8]) -> Option<TkeyCosignature> {
    let (ts, rest) = bytes.split_first_chunk::<8>()?;
    let (key_hash, signature) = rest.split_first_chunk::<32>()?;
    Some(TkeyCosignature {
        timestamp: u64::from_le_bytes(*ts),
        key_hash: Hash(*key_hash),
        signature: Signature::from_slice(signature)?,
    })
}

impl<'a> TkeyProof<'a> {
    /// Parse a proof that fills `bytes` exactly.
    pub fn parse(bytes: &'a [u8]) -> Result<Self, BinaryError> {
        let (proof, rest) = Self::parse_prefix(bytes)?;
        if !rest.is_empty() {
            return Err(BinaryError {
                offset: bytes.len().saturating_sub(rest.len()),
                kind: BinaryErrorKind::TrailingBytes,
            });
        }
        Ok(proof)
    }

    /// Parse the proof at the start of `bytes`; the rest (on the device,
    /// the message to sign) is returned with it.
    pub fn parse_prefix(bytes: &'a [u8]) -> Result<(Self, &'a [u8]), BinaryError> {
        let mut r = Reader::new(bytes);
        let log_key_hash = hash(&mut r, "log key hash")?;
        let submitter_key_hash = hash(&mut r, "submitter key hash")?;
        let leaf_signature = signature(&mut r, "leaf signature")?;
        let size_at = r.offset();
        let tree_size = r.u64_le("tree size")?;
        if tree_size > MAX_DECIMAL {
            return Err(BinaryError {
                offset: size_at,
                kind: BinaryErrorKind::TreeSizeTooLarge,
            });
        }
        let root_hash = hash(&mut r, "root hash")?;
        let log_signature = signature(&mut r, "log signature")?;
        let leaf_index = r.u64_le("leaf index")?;
        let count_at = r.offset();
        let count = r.u8("cosignature count")?;
        if usize::from(count) > MAX_TKEY_COSIGNATURES {
            return Err(BinaryError {
                offset: count_at,
                kind: BinaryErrorKind::TooManyCosignatures {
                    max: MAX_TKEY_COSIGNATURES as u8,
                },
            });
        }
        let path_at = r.offset();
        let nodes = r.u8("path length")?;
        if usize::from(nodes) > MAX_PATH_LEN {
            return Err(BinaryError {
                offset: path_at,
                kind: BinaryErrorKind::PathTooLong {
                    max: MAX_PATH_LEN as u8,
                },
            });
        }
        let cosig_at = r.offset();
        let cosignatures = r.take(
            usize::from(count).saturating_mul(TKEY_COSIGNATURE_LEN),
            "cosignatures",
        )?;
        for (i, chunk) in cosignatures.chunks_exact(TKEY_COSIGNATURE_LEN).enumerate() {
            let at = cosig_at.saturating_add(i.saturating_mul(TKEY_COSIGNATURE_LEN));
            let c = decode_cosignature(chunk).ok_or(BinaryError {
                offset: at,
                kind: BinaryErrorKind::Truncated {
                    field: "cosignatures",
                },
            })?;
            if c.timestamp > MAX_DECIMAL {
                return Err(BinaryError {
                    offset: at,
                    kind: BinaryErrorKind::TimestampTooLarge,
                });
            }
            let earlier = cosignatures
                .chunks_exact(TKEY_COSIGNATURE_LEN)
                .take(i)
                .filter_map(decode_cosignature);
            if earlier.into_iter().any(|e| e.key_hash == c.key_hash) {
                return Err(BinaryError {
                    offset: at.saturating_add(8),
                    kind: BinaryErrorKind::DuplicateCosignature {
                        position: u8::try_from(i).unwrap_or(u8::MAX),
                    },
                });
            }
        }
        let path = r.take(
            usize::from(nodes).saturating_mul(HASH_SIZE),
            "inclusion path",
        )?;
        Ok((
            TkeyProof {
                log_key_hash,
                submitter_key_hash,
                leaf_signature,
                tree_size,
                root_hash,
                log_signature,
                leaf_index,
                cosignatures,
                path,
            },
            r.rest(),
        ))
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
        self.cosignatures.len() / TKEY_COSIGNATURE_LEN
    }

    /// The cosignatures in proof order.
    pub fn cosignatures(&self) -> impl Iterator<Item = TkeyCosignature> + 'a {
        self.cosignatures
            .chunks_exact(TKEY_COSIGNATURE_LEN)
            .filter_map(decode_cosignature)
    }

    /// Cosignature `i`.
    pub fn cosignature(&self, i: usize) -> Option<TkeyCosignature> {
        self.cosignatures
            .chunks_exact(TKEY_COSIGNATURE_LEN)
            .nth(i)
            .and_then(decode_cosignature)
    }
}

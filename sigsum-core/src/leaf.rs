//! Sigsum leaves: what the submitter signs, the 128-byte leaf, its hash.

use crate::crypto::Ed25519Backend;
use crate::merkle;
use crate::types::sha256;
use crate::types::{Hash, PublicKey, Signature};

/// The namespace of leaf signatures.
pub const LEAF_NAMESPACE: &[u8; 23] = b"sigsum.org/v1/tree-leaf";
/// Size of the signed blob: namespace, NUL, checksum.
pub const SIGNED_DATA_SIZE: usize = 56;
/// Size of the binary leaf.
pub const LEAF_SIZE: usize = 128;

/// Why a leaf was rejected.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeafError {
    /// A binary leaf was not exactly 128 bytes.
    Length,
    /// The leaf's key hash is not the hash of the given key.
    KeyHashMismatch,
    /// The leaf signature does not verify.
    BadSignature,
}

impl core::fmt::Display for LeafError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            Self::Length => "leaf is not 128 bytes",
            Self::KeyHashMismatch => "leaf key hash does not match the key",
            Self::BadSignature => "leaf signature not valid",
        })
    }
}

/// The checksum a leaf carries for a 32-byte message: `H(message)`.
pub fn leaf_checksum(message: &Hash) -> Hash {
    sha256(&message.0)
}

/// The 56 bytes a submitter signs for `checksum`.
pub fn leaf_signed_data(checksum: &Hash) -> [u8; SIGNED_DATA_SIZE] {
    let mut out = [0u8; SIGNED_DATA_SIZE];
    let (ns, rest) = out.split_at_mut(LEAF_NAMESPACE.len());
    ns.copy_from_slice(LEAF_NAMESPACE);
    // rest = NUL || checksum
    if let Some((_nul, cs)) = rest.split_first_mut() {
        cs.copy_from_slice(&checksum.0);
    }
    out
}

/// A Sigsum leaf.
///
/// * The submitter's message is 32 bytes (normally `H(data)`); the leaf's
///   `checksum` is `H(message)`.
/// * The signed blob is 56 bytes: `"sigsum.org/v1/tree-leaf" || 0x00 ||
///   checksum` ([`leaf_signed_data`]).
/// * The leaf is `checksum[32] || signature[64] || key_hash[32]`
///   ([`Leaf::to_bytes`]), and its Merkle leaf hash is
///   `H(0x00 || leaf)` ([`Leaf::hash`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Leaf {
    /// `H(message)`.
    pub checksum: Hash,
    /// The submitter's signature over [`leaf_signed_data`]`(checksum)`.
    pub signature: Signature,
    /// `H(submitter public key)`.
    pub key_hash: Hash,
}

impl Leaf {
    /// The 128-byte binary form.
    pub fn to_bytes(&self) -> [u8; LEAF_SIZE] {
        let mut out = [0u8; LEAF_SIZE];
        let (c, rest) = out.split_at_mut(32);
        let (s, k) = rest.split_at_mut(64);
        c.copy_from_slice(&self.checksum.0);
        s.copy_from_slice(&self.signature.0);
        k.copy_from_slice(&self.key_hash.0);
        out
    }

    /// Parse the 128-byte binary form.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, LeafError> {
        let bytes: &[u8; LEAF_SIZE] = bytes.try_into().map_err(|_| LeafError::Length)?;
        let (c, rest) = bytes.split_at(32);
        let (s, k) = rest.split_at(64);
        Ok(Leaf {
            checksum: Hash::from_slice(c).ok_or(LeafError::Length)?,
            signature: Signature::from_slice(s).ok_or(LeafError::Length)?,
            key_hash: Hash::from_slice(k).ok_or(LeafError::Length)?,
        })
    }

    /// The RFC 6962 leaf hash `H(0x00 || leaf)`.
    pub fn hash(&self) -> Hash {
        merkle::hash_leaf(&self.to_bytes())
    }

    /// Check that `key` is the submitter: its hash equals `key_hash`
    /// (bitwise), and the signature over [`leaf_signed_data`] verifies.
    pub fn verify<B: Ed25519Backend>(&self, key: &PublicKey, backend: &B) -> Result<(), LeafError> {
        if key.key_hash() != self.key_hash {
            return Err(LeafError::KeyHashMismatch);
        }
        if !backend.verify(key, &leaf_signed_data(&self.checksum), &self.signature) {
            return Err(LeafError::BadSignature);
        }
        Ok(())
    }
}

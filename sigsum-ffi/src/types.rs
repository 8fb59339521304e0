//! Plain fixed-size C structs and their conversions to core types.

use sigsum_core::{Cosignature, Hash, Leaf, PublicKey, Signature, TreeHead};

/// Size in bytes of a SHA-256 hash (`sigsum_hash`).
pub const SIGSUM_HASH_SIZE: usize = 32;
/// Size in bytes of an Ed25519 public key (`sigsum_public_key`).
pub const SIGSUM_PUBLIC_KEY_SIZE: usize = 32;
/// Size in bytes of an Ed25519 signature (`sigsum_signature`).
pub const SIGSUM_SIGNATURE_SIZE: usize = 64;
/// Size in bytes of a binary Sigsum leaf.
pub const SIGSUM_LEAF_SIZE: usize = 128;
/// Size in bytes of the data a submitter signs for a leaf
/// (`"sigsum.org/v1/tree-leaf"`, a NUL byte, the 32-byte checksum).
pub const SIGSUM_LEAF_SIGNED_DATA_SIZE: usize = 56;
/// Buffer size that always holds a checkpoint body
/// (`sigsum_tree_head_write_body`).
pub const SIGSUM_MAX_BODY_SIZE: usize = 322;
/// Buffer size that always holds a cosigned message
/// (`sigsum_cosignature_write_message`).
pub const SIGSUM_MAX_COSIGNED_MESSAGE_SIZE: usize = 362;

const _: () = {
    assert!(SIGSUM_HASH_SIZE == sigsum_core::HASH_SIZE);
    assert!(SIGSUM_PUBLIC_KEY_SIZE == sigsum_core::PUBLIC_KEY_SIZE);
    assert!(SIGSUM_SIGNATURE_SIZE == sigsum_core::SIGNATURE_SIZE);
    assert!(SIGSUM_LEAF_SIZE == sigsum_core::LEAF_SIZE);
    assert!(SIGSUM_LEAF_SIGNED_DATA_SIZE == sigsum_core::SIGNED_DATA_SIZE);
    assert!(SIGSUM_MAX_BODY_SIZE == sigsum_core::MAX_BODY_SIZE);
    assert!(SIGSUM_MAX_COSIGNED_MESSAGE_SIZE == sigsum_core::MAX_COSIGNED_MESSAGE_SIZE);
};

/// A SHA-256 hash: leaf hashes, Merkle nodes and roots, key hashes.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct sigsum_hash {
    /// The 32 hash bytes.
    pub bytes: [u8; SIGSUM_HASH_SIZE],
}

/// A raw Ed25519 public key (RFC 8032 encoding; not validated until used).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct sigsum_public_key {
    /// The 32 key bytes.
    pub bytes: [u8; SIGSUM_PUBLIC_KEY_SIZE],
}

/// A raw Ed25519 signature (`R || S`).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct sigsum_signature {
    /// The 64 signature bytes.
    pub bytes: [u8; SIGSUM_SIGNATURE_SIZE],
}

/// A tree head: the number of leaves and the Merkle root.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct sigsum_tree_head {
    /// Number of leaves in the tree.
    pub size: u64,
    /// Root hash of the tree.
    pub root_hash: sigsum_hash,
}

/// A Sigsum leaf: `checksum || signature || key_hash` (128 bytes in binary).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct sigsum_leaf {
    /// `SHA-256(message)`, where the message is normally `SHA-256(data)`.
    pub checksum: sigsum_hash,
    /// The submitter's signature over the leaf signed data.
    pub signature: sigsum_signature,
    /// `SHA-256(submitter public key)`.
    pub key_hash: sigsum_hash,
}

/// A witness cosignature (`cosignature/v1`).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct sigsum_cosignature {
    /// `SHA-256(witness public key)`.
    pub key_hash: sigsum_hash,
    /// POSIX seconds; valid values are at most 2^63 - 1.
    pub timestamp: u64,
    /// The witness signature over the cosigned message.
    pub signature: sigsum_signature,
}

impl From<sigsum_hash> for Hash {
    fn from(h: sigsum_hash) -> Self {
        Hash(h.bytes)
    }
}
impl From<Hash> for sigsum_hash {
    fn from(h: Hash) -> Self {
        sigsum_hash { bytes: h.0 }
    }
}
impl From<sigsum_public_key> for PublicKey {
    fn from(k: sigsum_public_key) -> Self {
        PublicKey(k.bytes)
    }
}
impl From<PublicKey> for sigsum_public_key {
    fn from(k: PublicKey) -> Self {
        sigsum_public_key { bytes: k.0 }
    }
}
impl From<sigsum_signature> for Signature {
    fn from(s: sigsum_signature) -> Self {
        Signature(s.bytes)
    }
}
impl From<Signature> for sigsum_signature {
    fn from(s: Signature) -> Self {
        sigsum_signature { bytes: s.0 }
    }
}
impl From<sigsum_tree_head> for TreeHead {
    fn from(t: sigsum_tree_head) -> Self {
        TreeHead {
            size: t.size,
            root_hash: t.root_hash.into(),
        }
    }
}
impl From<TreeHead> for sigsum_tree_head {
    fn from(t: TreeHead) -> Self {
        sigsum_tree_head {
            size: t.size,
            root_hash: t.root_hash.into(),
        }
    }
}
impl From<sigsum_leaf> for Leaf {
    fn from(l: sigsum_leaf) -> Self {
        Leaf {
            checksum: l.checksum.into(),
            signature: l.signature.into(),
            key_hash: l.key_hash.into(),
        }
    }
}
impl From<Leaf> for sigsum_leaf {
    fn from(l: Leaf) -> Self {
        sigsum_leaf {
            checksum: l.checksum.into(),
            signature: l.signature.into(),
            key_hash: l.key_hash.into(),
        }
    }
}
impl From<sigsum_cosignature> for Cosignature {
    fn from(c: sigsum_cosignature) -> Self {
        Cosignature {
            key_hash: c.key_hash.into(),
            timestamp: c.timestamp,
            signature: c.signature.into(),
        }
    }
}
impl From<Cosignature> for sigsum_cosignature {
    fn from(c: Cosignature) -> Self {
        sigsum_cosignature {
            key_hash: c.key_hash.into(),
            timestamp: c.timestamp,
            signature: c.signature.into(),
        }
    }
}

//! Fixed-size values (SHA-256 hashes, Ed25519 public keys and signatures)
//! and SHA-256 itself.

use core::fmt;

use sha2::{Digest, Sha256};

use crate::encoding::{self, EncodingError};

/// Size of a SHA-256 hash in bytes.
pub const HASH_SIZE: usize = 32;
/// Size of an Ed25519 public key in bytes.
pub const PUBLIC_KEY_SIZE: usize = 32;
/// Size of an Ed25519 signature in bytes.
pub const SIGNATURE_SIZE: usize = 64;

/// A SHA-256 hash (also used for key hashes, roots and Merkle nodes).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Hash(pub [u8; HASH_SIZE]);

/// A raw 32-byte Ed25519 public key (RFC 8032 encoding, not validated).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PublicKey(pub [u8; PUBLIC_KEY_SIZE]);

/// A raw 64-byte Ed25519 signature (`R || S`).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Signature(pub [u8; SIGNATURE_SIZE]);

macro_rules! fixed_bytes {
    ($t:ident, $n:expr, $what:literal) => {
        impl $t {
            #[doc = concat!("The ", $what, " as bytes.")]
            pub const fn as_bytes(&self) -> &[u8; $n] {
                &self.0
            }

            #[doc = concat!("Decode a ", $what, " from exactly ", stringify!($n), "*2 hex digits (either case).")]
            pub fn from_hex(hex: &[u8]) -> Result<Self, EncodingError> {
                encoding::decode_hex_array(hex).map(Self)
            }

            #[doc = concat!("Take a ", $what, " from a slice of exactly ", stringify!($n), " bytes.")]
            pub fn from_slice(bytes: &[u8]) -> Option<Self> {
                <[u8; $n]>::try_from(bytes).ok().map(Self)
            }
        }

        impl From<[u8; $n]> for $t {
            fn from(bytes: [u8; $n]) -> Self {
                Self(bytes)
            }
        }

        impl AsRef<[u8]> for $t {
            fn as_ref(&self) -> &[u8] {
                &self.0
            }
        }

        /// Lowercase hex.
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                for b in self.0.iter() {
                    write!(f, "{:02x}", b)?;
                }
                Ok(())
            }
        }

        impl fmt::Debug for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($t), "({})"), self)
            }
        }
    };
}

fixed_bytes!(Hash, HASH_SIZE, "hash");
fixed_bytes!(PublicKey, PUBLIC_KEY_SIZE, "public key");
fixed_bytes!(Signature, SIGNATURE_SIZE, "signature");

impl PublicKey {
    /// The key hash: SHA-256 of the raw 32-byte key, no prefix.
    ///
    /// Identifies submitters (leaf `key_hash`), logs (`log=`, checkpoint
    /// origin) and witnesses (`cosignature=`).
    pub fn key_hash(&self) -> Hash {
        sha256(&self.0)
    }
}

/// SHA-256 of `data`.
pub fn sha256(data: &[u8]) -> Hash {
    Hash(Sha256::digest(data).into())
}

/// SHA-256 of the concatenation of `parts`, without copying them together.
pub(crate) fn sha256_parts(parts: &[&[u8]]) -> Hash {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p);
    }
    Hash(h.finalize().into())
}

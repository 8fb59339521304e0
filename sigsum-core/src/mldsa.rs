//! ML-DSA-44 cosignatures: C2SP `tlog-cosignature`, signature type 0x06.
//!
//! A cosigner with an ML-DSA-44 key signs the `cosigned_message` structure
//! of the spec (section "ML-DSA-44 signed message"), here
//! [`SubtreeMessage`]:
//!
//! ```text
//! "subtree/v1\n\0" || u8 len || cosigner_name || u64be timestamp
//!   || u8 len || log_origin || u64be start || u64be end || hash[32]
//! ```
//!
//! For a checkpoint, `start` is 0 and `end` is the tree size; extension
//! lines of the checkpoint are not signed. The note signature blob after
//! the 4-byte key id is `u64be timestamp || ml_dsa_44_signature[2420]`
//! ([`MlDsaCosignature`]); the key id is [`mldsa_key_id`].
//!
//! **Variant.** The signature is FIPS 204 `ML-DSA.Sign` / `ML-DSA.Verify`
//! ("pure" ML-DSA, not HashML-DSA) with the **empty context string**. The
//! spec only says "ML-DSA-44 ([FIPS 204])"; the reference implementation by
//! the spec's author, filippo.io/torchwood (`cosignature.go`), signs with
//! Go's `crypto/mldsa` `PrivateKey.Sign(nil, m, crypto.Hash(0))` and
//! verifies with `mldsa.Verify(k, m, sig, nil)`, which Go documents as a
//! directly signed message with an empty context (`crypto/mldsa`,
//! `Options.Context`: "it is empty by default").
//!
//! Building messages, key ids and parsing blobs is always available; the
//! verification itself ([`verify_mldsa44`], [`RustCryptoMlDsa`]) needs the
//! `mldsa` feature. [`MlDsaBackend`] lets a caller bring another
//! implementation.

use core::fmt;

use crate::encoding::decode_base64_array;
use crate::merkle::EMPTY_ROOT;
use crate::note::{KeyId, KEY_ID_SIZE};
use crate::types::{sha256_parts, Hash, HASH_SIZE};

/// Size of an ML-DSA-44 public key (FIPS 204 `pkEncode`), in bytes.
pub const MLDSA44_PUBLIC_KEY_SIZE: usize = 1312;
/// Size of an ML-DSA-44 signature (FIPS 204 `sigEncode`), in bytes.
pub const MLDSA44_SIGNATURE_SIZE: usize = 2420;
/// Signature type byte of ML-DSA-44 cosignatures (tlog-cosignature), used
/// in key ids and vkeys.
pub const SIG_TYPE_MLDSA_COSIGNATURE: u8 = 0x06;
/// Size of the note signature blob after the key id:
/// `u64be timestamp || ml_dsa_44_signature`.
pub const MLDSA_COSIGNATURE_BLOB_SIZE: usize = 8 + MLDSA44_SIGNATURE_SIZE;
/// The label that starts every `cosigned_message` (12 bytes, NUL included).
pub const SUBTREE_LABEL: &[u8; 12] = b"subtree/v1\n\0";
/// Longest cosigner name and log origin in a `cosigned_message`
/// (`opaque <1..2^8-1>`), in bytes.
pub const MAX_SUBTREE_NAME_SIZE: usize = 255;
/// Largest `cosigned_message`: label, two names of 255 bytes with their
/// length bytes, timestamp, start, end and hash.
pub const MAX_SUBTREE_MESSAGE_SIZE: usize = 12 + 1 + 255 + 8 + 1 + 255 + 8 + 8 + 32;
/// Largest timestamp a cosignature may carry (`2^63 - 1`).
pub const MAX_COSIGNATURE_TIMESTAMP: u64 = i64::MAX as u64;

/// The key id of an ML-DSA-44 cosigner key:
/// `SHA-256(name || "\n" || 0x06 || key)[..4]`.
pub fn mldsa_key_id(name: &[u8], key: &[u8; MLDSA44_PUBLIC_KEY_SIZE]) -> KeyId {
    let h = sha256_parts(&[name, &[b'\n', SIG_TYPE_MLDSA_COSIGNATURE], key]);
    let mut id = [0u8; KEY_ID_SIZE];
    id.iter_mut().zip(h.0.iter()).for_each(|(d, s)| *d = *s);
    KeyId(id)
}

/// `true` if `[start, end)` is a subtree a cosignature can be about.
///
/// `start <= end`, and `start` is 0 or a multiple of `BIT_CEIL(end -
/// start)` (draft-ietf-plants-merkle-tree-certs, "Subtrees"). Empty ranges
/// `[x, x)` are allowed, as in filippo.io/torchwood's `ValidSubtree` (the
/// checkpoint of an empty tree is `[0, 0)`).
pub fn is_valid_subtree(start: u64, end: u64) -> bool {
    let Some(width) = end.checked_sub(start) else {
        return false;
    };
    if start == 0 || width == 0 {
        return true;
    }
    // BIT_CEIL(width) = 2^k; `start` is a multiple of 2^k iff it has at
    // least k trailing zero bits. No power of two above 2^63 can divide a
    // non-zero u64.
    width
        .checked_next_power_of_two()
        .is_some_and(|c| start.trailing_zeros() >= c.trailing_zeros())
}

/// A tlog-cosignature `cosigned_message` (the bytes an ML-DSA-44 cosigner
/// signs), built in a fixed buffer of [`MAX_SUBTREE_MESSAGE_SIZE`] bytes.
#[derive(Clone)]
pub struct SubtreeMessage {
    buf: [u8; MAX_SUBTREE_MESSAGE_SIZE],
    len: usize,
}

impl SubtreeMessage {
    /// Build the message, or `None` if the spec forbids these values:
    ///
    /// * `cosigner_name` or `origin` is empty or longer than
    ///   [`MAX_SUBTREE_NAME_SIZE`] bytes (`opaque <1..2^8-1>`);
    /// * `timestamp` exceeds [`MAX_COSIGNATURE_TIMESTAMP`] (`2^63 - 1`);
    /// * `start` is not zero and `timestamp` is (spec: "If `start` is not
    ///   zero, `timestamp` MUST be zero");
    /// * `[start, end)` is not a subtree ([`is_valid_subtree`]);
    /// * the subtree is empty (`start == end`) and `hash` is not the hash of
    ///   the empty tree, [`EMPTY_ROOT`] (as torchwood).
    ///
    /// The names are bytes and are not checked further (signed-note key
    /// name rules are the caller's: a name that is not a valid key name
    /// never matches a signature line).
    pub fn new(
        cosigner_name: &[u8],
        timestamp: u64,
        origin: &[u8],
        start: u64,
        end: u64,
        hash: &Hash,
    ) -> Option<Self> {
        let name_len = short_len(cosigner_name)?;
        let origin_len = short_len(origin)?;
        if timestamp > MAX_COSIGNATURE_TIMESTAMP
            || (start != 0 && timestamp != 0)
            || !is_valid_subtree(start, end)
            || (start == end && *hash != EMPTY_ROOT)
        {
            return None;
        }
        let mut msg = Self {
            buf: [0u8; MAX_SUBTREE_MESSAGE_SIZE],
            len: 0,
        };
        let parts: [&[u8]; 9] = [
            SUBTREE_LABEL,
            &[name_len],
            cosigner_name,
            &timestamp.to_be_bytes(),
            &[origin_len],
            origin,
            &start.to_be_bytes(),
            &end.to_be_bytes(),
            &hash.0,
        ];
        for part in parts {
            msg.push(part)?;
        }
        Some(msg)
    }

    /// The message of a cosignature on a checkpoint: `start = 0`,
    /// `end = tree_size`, `hash = root` (see [`SubtreeMessage::new`]).
    pub fn checkpoint(
        cosigner_name: &[u8],
        timestamp: u64,
        origin: &[u8],
        tree_size: u64,
        root: &Hash,
    ) -> Option<Self> {
        Self::new(cosigner_name, timestamp, origin, 0, tree_size, root)
    }

    /// The encoded message.
    pub fn as_bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }

    fn push(&mut self, part: &[u8]) -> Option<()> {
        let end = self.len.checked_add(part.len())?;
        self.buf.get_mut(self.len..end)?.copy_from_slice(part);
        self.len = end;
        Some(())
    }
}

impl fmt::Debug for SubtreeMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SubtreeMessage(")?;
        for b in self.as_bytes() {
            write!(f, "{:02x}", b)?;
        }
        write!(f, ")")
    }
}

impl PartialEq for SubtreeMessage {
    fn eq(&self, other: &Self) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for SubtreeMessage {}

/// The length byte of an `opaque <1..2^8-1>` field.
fn short_len(field: &[u8]) -> Option<u8> {
    if field.is_empty() {
        return None;
    }
    u8::try_from(field.len()).ok()
}

/// The decoded payload of an ML-DSA-44 cosignature line: key id,
/// timestamp and signature.
#[derive(Clone, PartialEq, Eq)]
pub struct MlDsaCosignature {
    /// The key id (first 4 bytes).
    pub key_id: KeyId,
    /// The cosignature timestamp, at most [`MAX_COSIGNATURE_TIMESTAMP`].
    pub timestamp: u64,
    /// The ML-DSA-44 signature over the [`SubtreeMessage`].
    pub signature: [u8; MLDSA44_SIGNATURE_SIZE],
}

impl MlDsaCosignature {
    /// Split `key_id || u64be timestamp || signature` (exactly
    /// `4 + MLDSA_COSIGNATURE_BLOB_SIZE` bytes); `None` on another length
    /// or a timestamp above `2^63 - 1`.
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let (id, rest) = bytes.split_first_chunk::<KEY_ID_SIZE>()?;
        let (ts, sig) = rest.split_first_chunk::<8>()?;
        let signature: [u8; MLDSA44_SIGNATURE_SIZE] = sig.try_into().ok()?;
        let timestamp = u64::from_be_bytes(*ts);
        if timestamp > MAX_COSIGNATURE_TIMESTAMP {
            return None;
        }
        Some(Self {
            key_id: KeyId(*id),
            timestamp,
            signature,
        })
    }

    /// Decode the base64 of a signature line (strict, padded) and split it
    /// as [`MlDsaCosignature::from_bytes`].
    pub fn from_base64(text: &[u8]) -> Option<Self> {
        let bytes =
            decode_base64_array::<{ KEY_ID_SIZE + MLDSA_COSIGNATURE_BLOB_SIZE }>(text).ok()?;
        Self::from_bytes(&bytes)
    }
}

impl fmt::Debug for MlDsaCosignature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MlDsaCosignature")
            .field("key_id", &self.key_id)
            .field("timestamp", &self.timestamp)
            .finish_non_exhaustive()
    }
}

/// An ML-DSA-44 verifier (FIPS 204 `ML-DSA.Verify`, empty context).
///
/// Implementations must not panic; any failure, including a signature that
/// does not decode (malformed hint, `z` out of range), is a rejection.
/// Every 1312-byte string is a valid ML-DSA-44 public key encoding
/// (`pkDecode` cannot fail), so the only key check is the length, which the
/// type fixes.
pub trait MlDsaBackend {
    /// `true` iff `signature` is a valid ML-DSA-44 signature of `message`
    /// under `key`, with the empty context string.
    fn verify_mldsa44(
        &self,
        key: &[u8; MLDSA44_PUBLIC_KEY_SIZE],
        message: &[u8],
        signature: &[u8; MLDSA44_SIGNATURE_SIZE],
    ) -> bool;
}

impl<B: MlDsaBackend + ?Sized> MlDsaBackend for &B {
    fn verify_mldsa44(
        &self,
        key: &[u8; MLDSA44_PUBLIC_KEY_SIZE],
        message: &[u8],
        signature: &[u8; MLDSA44_SIGNATURE_SIZE],
    ) -> bool {
        (**self).verify_mldsa44(key, message, signature)
    }
}

/// The ML-DSA-44 backend of feature `mldsa`: RustCrypto's `ml-dsa` crate
/// 0.1, default features off.
///
/// No allocator: the decoded key (with its expanded matrix, about 25 KB)
/// and the verification temporaries live on the stack. One verification
/// used 86.8 KB of stack on Cortex-M4 and riscv32imc (`embedded/`, bin
/// `mldsa`, opt-level "z", measured under QEMU) and adds about 20 KB of
/// code on Cortex-M4.
#[cfg(feature = "mldsa")]
#[derive(Clone, Copy, Debug, Default)]
pub struct RustCryptoMlDsa;

#[cfg(feature = "mldsa")]
impl MlDsaBackend for RustCryptoMlDsa {
    fn verify_mldsa44(
        &self,
        key: &[u8; MLDSA44_PUBLIC_KEY_SIZE],
        message: &[u8],
        signature: &[u8; MLDSA44_SIGNATURE_SIZE],
    ) -> bool {
        verify_mldsa44(key, message, signature)
    }
}

/// `true` iff `signature` is a valid ML-DSA-44 signature (FIPS 204
/// `ML-DSA.Verify`, pure, empty context) of `message` under `key`.
///
/// Never panics: a signature that does not decode is `false`. Every
/// 1312-byte key decodes (FIPS 204 `pkDecode` has no invalid input), so a
/// bad key is just a key under which nothing verifies. Stack: see
/// [`RustCryptoMlDsa`].
#[cfg(feature = "mldsa")]
pub fn verify_mldsa44(
    key: &[u8; MLDSA44_PUBLIC_KEY_SIZE],
    message: &[u8],
    signature: &[u8; MLDSA44_SIGNATURE_SIZE],
) -> bool {
    use ml_dsa::{EncodedSignature, EncodedVerifyingKey, MlDsa44, Signature, VerifyingKey};

    let Ok(sig) = EncodedSignature::<MlDsa44>::try_from(signature.as_slice()) else {
        return false;
    };
    let Some(sig) = Signature::<MlDsa44>::decode(&sig) else {
        return false;
    };
    let Ok(vk) = EncodedVerifyingKey::<MlDsa44>::try_from(key.as_slice()) else {
        return false;
    };
    VerifyingKey::<MlDsa44>::decode(&vk).verify_with_context(message, &[], &sig)
}

// The hash in a message is a SHA-256 value.
const _: () = assert!(HASH_SIZE == 32);

//! Tree heads and the checkpoint body the log signs.

use crate::crypto::Ed25519Backend;
use crate::encoding::MAX_DECIMAL;
use crate::types::{Hash, PublicKey, Signature};
use crate::writer::{BufferTooSmall, Writer};

/// Prefix of a Sigsum checkpoint origin.
pub const ORIGIN_PREFIX: &[u8; 19] = b"sigsum.org/v1/tree/";
/// Length of a Sigsum origin: prefix plus 64 hex digits.
pub const ORIGIN_SIZE: usize = 83;
/// Largest checkpoint body: an origin of up to [`MAX_ORIGIN_SIZE`] bytes,
/// a 19-digit size, a 44-character root, three newlines.
pub const MAX_BODY_SIZE: usize = MAX_ORIGIN_SIZE + 19 + 44 + 3;
/// Largest origin line accepted in a checkpoint body.
pub const MAX_ORIGIN_SIZE: usize = 256;

/// A tree head: the size of the tree and its root hash.
///
/// The log signs, directly with Ed25519 and no prefix, exactly three lines
/// (the C2SP `tlog-checkpoint` body):
///
/// ```text
/// sigsum.org/v1/tree/<64 lowercase hex of H(log public key)>\n
/// <size in decimal>\n
/// <base64 of the root hash>\n
/// ```
///
/// The origin is always derived from the trusted log key, never read from
/// the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TreeHead {
    /// Number of leaves (at most 2^63 - 1).
    pub size: u64,
    /// The Merkle tree root hash.
    pub root_hash: Hash,
}

/// The Sigsum origin of the log whose key hash is `log_key_hash`:
/// `"sigsum.org/v1/tree/" || lowercase hex(log_key_hash)`.
pub fn sigsum_origin(log_key_hash: &Hash) -> [u8; ORIGIN_SIZE] {
    let mut out = [0u8; ORIGIN_SIZE];
    let mut w = Writer::new(&mut out);
    // Cannot fail: the buffer is exactly the right size.
    let _ = w.bytes(ORIGIN_PREFIX);
    let _ = w.hex(&log_key_hash.0);
    out
}

/// A checkpoint body in a fixed buffer (no allocation).
#[derive(Clone, Copy)]
pub struct CheckpointBody {
    buf: [u8; MAX_BODY_SIZE],
    len: usize,
}

impl CheckpointBody {
    /// The body bytes.
    pub fn as_bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or_default()
    }
}

impl core::fmt::Debug for CheckpointBody {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_tuple("CheckpointBody")
            .field(&core::str::from_utf8(self.as_bytes()))
            .finish()
    }
}

impl TreeHead {
    /// Write the checkpoint body `origin\nsize\nbase64(root)\n`.
    pub(crate) fn write_body(
        &self,
        origin: &[u8],
        w: &mut Writer<'_>,
    ) -> Result<(), BufferTooSmall> {
        w.bytes(origin)?;
        w.byte(b'\n')?;
        w.decimal(self.size)?;
        w.byte(b'\n')?;
        w.base64(&self.root_hash.0)?;
        w.byte(b'\n')
    }

    /// The checkpoint body with an arbitrary origin; `None` if the origin
    /// is longer than [`MAX_ORIGIN_SIZE`] bytes.
    pub fn body(&self, origin: &[u8]) -> Option<CheckpointBody> {
        if origin.len() > MAX_ORIGIN_SIZE {
            return None;
        }
        let mut buf = [0u8; MAX_BODY_SIZE];
        let mut w = Writer::new(&mut buf);
        self.write_body(origin, &mut w).ok()?;
        let len = w.len();
        Some(CheckpointBody { buf, len })
    }

    /// The Sigsum checkpoint body of this tree head for the log whose key
    /// hash is `log_key_hash`.
    pub fn sigsum_body(&self, log_key_hash: &Hash) -> CheckpointBody {
        let origin = sigsum_origin(log_key_hash);
        let mut buf = [0u8; MAX_BODY_SIZE];
        let mut w = Writer::new(&mut buf);
        // Cannot fail: a Sigsum origin always fits.
        let _ = self.write_body(&origin, &mut w);
        let len = w.len();
        CheckpointBody { buf, len }
    }

    /// Verify a log's signature over the Sigsum checkpoint body of this
    /// tree head, with the origin derived from `log_key`.
    ///
    /// A size above 2^63 - 1 never verifies: no parser produces one, and
    /// sigsum-go's writer refuses to serialize it, so such a tree head
    /// cannot have been signed by a conforming log.
    pub fn verify_log_signature<B: Ed25519Backend>(
        &self,
        log_key: &PublicKey,
        signature: &Signature,
        backend: &B,
    ) -> bool {
        self.verify_log_signature_hashed(log_key, &log_key.key_hash(), signature, backend)
    }

    /// [`Self::verify_log_signature`] for a caller that already holds
    /// `log_key_hash == H(log_key)` (checked by the caller).
    pub(crate) fn verify_log_signature_hashed<B: Ed25519Backend>(
        &self,
        log_key: &PublicKey,
        log_key_hash: &Hash,
        signature: &Signature,
        backend: &B,
    ) -> bool {
        if self.size > MAX_DECIMAL {
            return false;
        }
        let body = self.sigsum_body(log_key_hash);
        backend.verify(log_key, body.as_bytes(), signature)
    }
}

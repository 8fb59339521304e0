//! Witness cosignatures (C2SP `tlog-cosignature`, `cosignature/v1`).

use crate::crypto::Ed25519Backend;
use crate::encoding::MAX_DECIMAL;
use crate::tree_head::{CheckpointBody, TreeHead, MAX_BODY_SIZE};
use crate::types::{Hash, PublicKey, Signature};
use crate::writer::Writer;

/// First line of the cosigned message, without its newline.
pub const COSIGNATURE_NAMESPACE: &[u8; 14] = b"cosignature/v1";
/// Largest cosigned message: header, `time ` line, largest body.
pub const MAX_COSIGNED_MESSAGE_SIZE: usize = 15 + 5 + 19 + 1 + MAX_BODY_SIZE;

/// One witness cosignature: who, when, and the signature.
///
/// A witness signs, directly with Ed25519:
///
/// ```text
/// cosignature/v1\n
/// time <timestamp>\n
/// <checkpoint body>
/// ```
///
/// The witness name is not part of the signed message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cosignature {
    /// `H(witness public key)`.
    pub key_hash: Hash,
    /// POSIX seconds, at most 2^63 - 1.
    pub timestamp: u64,
    /// Ed25519 signature over the cosigned message.
    pub signature: Signature,
}

/// The cosigned message in a fixed buffer.
#[derive(Clone, Copy)]
pub struct CosignedMessage {
    buf: [u8; MAX_COSIGNED_MESSAGE_SIZE],
    len: usize,
}

impl CosignedMessage {
    /// Build `cosignature/v1\ntime <timestamp>\n<body>`; `None` if the
    /// timestamp exceeds 2^63 - 1 (no conforming witness signs one).
    pub fn new(timestamp: u64, body: &CheckpointBody) -> Option<CosignedMessage> {
        if timestamp > MAX_DECIMAL {
            return None;
        }
        let mut buf = [0u8; MAX_COSIGNED_MESSAGE_SIZE];
        let mut w = Writer::new(&mut buf);
        w.bytes(COSIGNATURE_NAMESPACE).ok()?;
        w.bytes(b"\ntime ").ok()?;
        w.decimal(timestamp).ok()?;
        w.byte(b'\n').ok()?;
        w.bytes(body.as_bytes()).ok()?;
        let len = w.len();
        Some(CosignedMessage { buf, len })
    }

    /// The message bytes.
    pub fn as_bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or_default()
    }
}

impl Cosignature {
    /// Verify this cosignature by `witness_key` over the Sigsum checkpoint
    /// of `tree_head` for the log whose key hash is `log_key_hash`.
    ///
    /// Also checks that `key_hash` is the hash of `witness_key` and that the
    /// timestamp and the tree size are at most 2^63 - 1 (sigsum-go's writer
    /// refuses larger values, so they cannot be part of a cosigned message).
    pub fn verify<B: Ed25519Backend>(
        &self,
        witness_key: &PublicKey,
        log_key_hash: &Hash,
        tree_head: &TreeHead,
        backend: &B,
    ) -> bool {
        if witness_key.key_hash() != self.key_hash || tree_head.size > MAX_DECIMAL {
            return false;
        }
        self.verify_body(witness_key, &tree_head.sigsum_body(log_key_hash), backend)
    }

    /// Verify over an arbitrary checkpoint body (for non-Sigsum signed
    /// notes). Does not look at `key_hash`.
    pub fn verify_body<B: Ed25519Backend>(
        &self,
        witness_key: &PublicKey,
        body: &CheckpointBody,
        backend: &B,
    ) -> bool {
        match CosignedMessage::new(self.timestamp, body) {
            Some(msg) => backend.verify(witness_key, msg.as_bytes(), &self.signature),
            None => false,
        }
    }
}

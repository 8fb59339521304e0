//! Why a C2SP checkpoint or tlog-proof was rejected.

use core::fmt;

use crate::checkpoint::CheckpointError;
use crate::encoding::EncodingError;
use crate::merkle::MerkleError;

use super::tlog_checkpoint::MAX_TLOG_CHECKPOINT_TEXT_SIZE;

/// Why a tlog-proof's text was rejected ([`TlogProof::parse`]).
///
/// [`TlogProof::parse`]: crate::TlogProof::parse
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TlogProofError {
    /// The line (from 1); for [`TlogProofErrorKind::Checkpoint`] the
    /// checkpoint's first line (the error's own line numbers count from
    /// there).
    pub line: u32,
    /// What is wrong.
    pub kind: TlogProofErrorKind,
}

/// What is wrong in a tlog-proof's text.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TlogProofErrorKind {
    /// The first line is not `c2sp.org/tlog-proof@v1`.
    Header,
    /// A control character (other than the `\n` ending a line) or a byte
    /// outside ASCII before the checkpoint.
    Character,
    /// The input ends inside a line (no `\n`) before the checkpoint.
    MissingNewline,
    /// An `extra` line whose data is empty (the line must then be
    /// omitted).
    EmptyExtra,
    /// The `extra` data is not padded canonical base64.
    ExtraBase64(EncodingError),
    /// There is no `index <decimal>` line where it must be.
    MissingIndex,
    /// The index is not a canonical decimal of at most 2^63 - 1.
    Index(EncodingError),
    /// A path line is not canonical base64 of exactly 32 bytes.
    PathHash(EncodingError),
    /// More than [`MAX_PATH_LEN`](crate::MAX_PATH_LEN) path lines.
    PathTooLong,
    /// The input ends before the blank line and the checkpoint.
    MissingCheckpoint,
    /// The checkpoint is invalid.
    Checkpoint(CheckpointError),
}

impl fmt::Display for TlogProofError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let line = self.line;
        match self.kind {
            TlogProofErrorKind::Header => {
                write!(f, "line {line}: not a c2sp.org/tlog-proof@v1 proof")
            }
            TlogProofErrorKind::Character => {
                write!(f, "line {line}: control character or non-ASCII byte")
            }
            TlogProofErrorKind::MissingNewline => {
                write!(f, "line {line}: line does not end with a newline")
            }
            TlogProofErrorKind::EmptyExtra => write!(f, "line {line}: empty extra data"),
            TlogProofErrorKind::ExtraBase64(e) => {
                write!(f, "line {line}: invalid extra data: {e}")
            }
            TlogProofErrorKind::MissingIndex => {
                write!(f, "line {line}: expected \"index <decimal>\"")
            }
            TlogProofErrorKind::Index(e) => write!(f, "line {line}: invalid index: {e}"),
            TlogProofErrorKind::PathHash(e) => {
                write!(f, "line {line}: invalid inclusion path hash: {e}")
            }
            TlogProofErrorKind::PathTooLong => write!(
                f,
                "line {line}: more than {} inclusion path hashes",
                crate::merkle::MAX_PATH_LEN
            ),
            TlogProofErrorKind::MissingCheckpoint => {
                write!(f, "line {line}: no blank line and checkpoint")
            }
            TlogProofErrorKind::Checkpoint(e) => {
                write!(f, "checkpoint starting on line {line}: {e}")
            }
        }
    }
}

impl core::error::Error for TlogProofError {}

/// Why a C2SP checkpoint or tlog-proof did not verify.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TlogError {
    /// The proof text is invalid.
    Proof(TlogProofError),
    /// The checkpoint note is invalid.
    Checkpoint(CheckpointError),
    /// The checkpoint text is longer than
    /// [`MAX_TLOG_CHECKPOINT_TEXT_SIZE`] bytes.
    CheckpointTooLarge,
    /// No log of the policy has the checkpoint's origin as its key name.
    UnknownOrigin,
    /// No signature line is from a policy key of the origin's log.
    NoLogSignature,
    /// A signature line from a policy key of the log does not verify
    /// (signed-note: a failing signature from a known key rejects the
    /// note).
    BadLogSignature {
        /// The signature line (in the checkpoint).
        line: u32,
    },
    /// Two signature lines are from the same witness key.
    DuplicateCosignature {
        /// The second line.
        line: u32,
        /// The first line.
        first: u32,
    },
    /// A cosignature from a policy witness does not verify, and the
    /// options ask to reject the note for it
    /// ([`TlogOptions::reject_invalid_cosignatures`](crate::TlogOptions)).
    BadCosignature {
        /// The signature line.
        line: u32,
    },
    /// The valid cosignatures do not satisfy the policy's quorum.
    QuorumNotMet {
        /// Witnesses with a valid cosignature.
        verified: u16,
        /// Witnesses whose cosignature line did not verify.
        failed: u16,
        /// ML-DSA-44 cosignatures that could not be checked because the
        /// `mldsa` feature is off.
        unsupported: u16,
    },
    /// The inclusion proof does not lead to the checkpoint's root (or the
    /// index is not below the tree size).
    Inclusion(MerkleError),
}

impl From<CheckpointError> for TlogError {
    fn from(e: CheckpointError) -> Self {
        Self::Checkpoint(e)
    }
}

impl From<TlogProofError> for TlogError {
    fn from(e: TlogProofError) -> Self {
        Self::Proof(e)
    }
}

impl fmt::Display for TlogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Proof(e) => write!(f, "invalid tlog-proof: {e}"),
            Self::Checkpoint(e) => write!(f, "invalid checkpoint: {e}"),
            Self::CheckpointTooLarge => write!(
                f,
                "checkpoint text longer than {MAX_TLOG_CHECKPOINT_TEXT_SIZE} bytes"
            ),
            Self::UnknownOrigin => f.write_str("checkpoint origin is not a log of the policy"),
            Self::NoLogSignature => f.write_str("no signature from the log's policy key"),
            Self::BadLogSignature { line } => {
                write!(f, "checkpoint line {line}: invalid log signature")
            }
            Self::DuplicateCosignature { line, first } => write!(
                f,
                "checkpoint line {line}: second cosignature from the witness of line {first}"
            ),
            Self::BadCosignature { line } => {
                write!(f, "checkpoint line {line}: invalid cosignature")
            }
            Self::QuorumNotMet {
                verified,
                failed,
                unsupported,
            } => {
                write!(
                    f,
                    "witness quorum not met ({verified} valid cosignatures, {failed} invalid"
                )?;
                if *unsupported > 0 {
                    write!(
                        f,
                        ", {unsupported} ML-DSA-44 not checked: feature mldsa is off"
                    )?;
                }
                f.write_str(")")
            }
            Self::Inclusion(e) => write!(f, "inclusion proof: {e}"),
        }
    }
}

impl core::error::Error for TlogError {}

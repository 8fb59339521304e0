//! C2SP transparency-log formats beyond Sigsum's: checkpoints of any log
//! verified under a `tlog-policy` (Ed25519 `cosignature/v1` and ML-DSA-44
//! `subtree/v1` cosignatures), and `tlog-proof` inclusion proofs.
//!
//! | file | spec |
//! |---|---|
//! | `tlog_key.rs` | vkeys of types 0x01, 0x04, 0x06 (C2SP `signed-note`, `tlog-cosignature`) |
//! | `tlog_policy.rs` | C2SP `tlog-policy` |
//! | `tlog_checkpoint.rs` | C2SP `tlog-checkpoint` + `tlog-cosignature` under a policy |
//! | `mldsa_cosignature.rs` | ML-DSA-44 cosignature lines (`tlog-cosignature`) |
//! | `tlog_proof.rs` | C2SP `tlog-proof` |
//! | `error.rs` | [`TlogProofError`], [`TlogError`] |

mod error;
mod mldsa_cosignature;
mod tlog_checkpoint;
mod tlog_key;
mod tlog_policy;
mod tlog_proof;

pub use error::{TlogError, TlogProofError, TlogProofErrorKind};
pub use tlog_checkpoint::{
    verify_tlog_checkpoint, CosignedCheckpoint, TlogOptions, MAX_TLOG_CHECKPOINT_TEXT_SIZE,
};
pub use tlog_key::{TlogKey, TlogKeyMaterial};
pub use tlog_policy::{
    TlogLog, TlogPolicy, TlogPolicyN, TlogWitness, MAX_TLOG_GROUPS, MAX_TLOG_LOGS,
    MAX_TLOG_WITNESSES,
};
pub use tlog_proof::{
    verify_tlog_proof, TlogPath, TlogProof, UnauthenticatedExtra, VerifiedTlogProof,
    TLOG_PROOF_HEADER,
};

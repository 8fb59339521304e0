//! Binary proof formats for devices: florolf's **spic** proofs and
//! policies, and the proof and policy blob of the **TKey sign-if-logged**
//! prototype protocol. Parsed without allocation, borrowing the caller's
//! bytes, and verified with the same [`Ed25519Backend`](crate::Ed25519Backend),
//! Merkle, leaf, checkpoint and cosignature code as ASCII proofs.
//!
//! Nothing here uses a text parser: the module builds with the ASCII
//! formats switched off. The writers (from a Sigsum ASCII proof and a
//! text or compiled policy) need feature `tools`.
//!
//! | format | parse | verify | write (`tools`) |
//! |---|---|---|---|
//! | spic policy | [`SpicPolicy::from_bytes`] | | [`write_spic_policy`](crate::write_spic_policy) |
//! | spic proof | [`SpicProof::parse`] | [`verify_spic`], [`verify_spic_bytes`] | [`write_spic_proof`](crate::write_spic_proof) |
//! | TKey policy blob | [`TkeyPolicy::from_bytes`] | | [`write_tkey_policy`](crate::write_tkey_policy) |
//! | TKey proof | [`TkeyProof::parse`], [`TkeyProof::parse_prefix`] | [`verify_tkey`], [`verify_tkey_with`], [`verify_tkey_bytes`] | [`write_tkey_proof`](crate::write_tkey_proof) |
//!
//! The choices where spic is loose, and the differences from spic, are
//! listed in `docs/binary-formats.md`.

mod error;
mod reader;
mod spic_policy;
mod spic_proof;
mod spic_verify;
mod tkey_policy;
mod tkey_proof;
mod tkey_verify;

#[cfg(all(feature = "tools", feature = "parsers"))]
mod spic_write;
#[cfg(all(feature = "tools", feature = "parsers"))]
mod tkey_write;

pub use error::{BinaryError, BinaryErrorKind, BinaryVerifyError};
pub use spic_policy::{SpicElement, SpicPolicy, MAX_SPIC_STACK, MAX_SPIC_WITNESSES};
pub use spic_proof::{SpicCosignature, SpicProof, MAX_SPIC_COSIGNATURES};
pub use spic_verify::verify_spic;
pub use tkey_policy::{TkeyPolicy, MAX_TKEY_POLICY_LEN};
pub use tkey_proof::{
    TkeyCosignature, TkeyProof, MAX_TKEY_COSIGNATURES, MAX_TKEY_PROOF_LEN, TKEY_COSIGNATURE_LEN,
    TKEY_FIXED_LEN,
};
pub use tkey_verify::{verify_tkey, verify_tkey_with};

#[cfg(all(feature = "tools", feature = "parsers"))]
pub use spic_write::{
    spic_policy_from_compiled, spic_policy_from_text, write_spic_policy, write_spic_proof,
    SpicPolicyDraft, SpicWriteError, MAX_SPIC_POLICY_LEN, MAX_SPIC_PROOF_LEN,
};
#[cfg(all(feature = "tools", feature = "parsers"))]
pub use tkey_write::{write_tkey_policy, write_tkey_proof, TkeyWriteError};

use crate::crypto::Ed25519Backend;
use crate::types::{Hash, PublicKey};

/// A binary proof that verified.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BinaryVerified {
    /// Key hash of the log that logged the leaf.
    pub log_key_hash: Hash,
    /// Key hash of the submitter whose key signed the leaf.
    pub signer_key_hash: Hash,
    /// The leaf's index in the tree.
    pub leaf_index: u64,
    /// The size of the cosigned tree.
    pub tree_size: u64,
    /// The root hash of the cosigned tree (for spic, computed from the
    /// inclusion path).
    pub root_hash: Hash,
    /// Valid cosignatures checked (spic: all in the proof).
    pub cosignatures_verified: usize,
    /// Cosignatures from known witnesses that did not verify (TKey only;
    /// ignored, as in sigsum-go).
    pub cosignatures_failed: usize,
    /// The quorum timestamp: the newest `T` such that the cosignatures with
    /// timestamp `>= T` satisfy the quorum; `None` when the quorum needs no
    /// cosignature.
    pub quorum_timestamp: Option<u64>,
    /// Ed25519 verifications done (leaf, log, cosignatures).
    pub signature_checks: usize,
}

/// [`verify_spic`] from the policy and proof bytes: a parse error is
/// [`BinaryVerifyError::Policy`] or [`BinaryVerifyError::Proof`].
pub fn verify_spic_bytes<B: Ed25519Backend>(
    message: &Hash,
    submitter_keys: &[PublicKey],
    policy: &[u8],
    proof: &[u8],
    backend: &B,
) -> Result<BinaryVerified, BinaryVerifyError> {
    let policy = SpicPolicy::from_bytes(policy).map_err(BinaryVerifyError::Policy)?;
    let proof = SpicProof::parse(proof).map_err(BinaryVerifyError::Proof)?;
    verify_spic(message, submitter_keys, &policy, &proof, backend)
}

/// [`verify_tkey`] from the policy blob and proof bytes (the proof must
/// fill `proof` exactly): a parse error is [`BinaryVerifyError::Policy`] or
/// [`BinaryVerifyError::Proof`].
pub fn verify_tkey_bytes<B: Ed25519Backend>(
    message: &Hash,
    policy: &[u8],
    proof: &[u8],
    backend: &B,
) -> Result<BinaryVerified, BinaryVerifyError> {
    let policy = TkeyPolicy::from_bytes(policy).map_err(BinaryVerifyError::Policy)?;
    let proof = TkeyProof::parse(proof).map_err(BinaryVerifyError::Proof)?;
    verify_tkey(message, &policy, &proof, backend)
}

//! # sigsum-core
//!
//! An embeddable verifier for [Sigsum](https://www.sigsum.org) transparency
//! logs: `#![no_std]`, no allocator, no `unsafe`, and no panic on any input.
//!
//! Data flows one way: **bytes -> parsed view -> verified result**. Parsers
//! borrow the caller's bytes; fixed limits are named constants; every failure
//! is a distinct error value. Every error type is `Copy`, implements
//! [`core::error::Error`], and its enums are `#[non_exhaustive]`.
//!
//! ```
//! # #[cfg(feature = "parsers")]
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use sigsum_core::{sha256, verify, DefaultBackend, KeyFile, Policy, Proof};
//!
//! # let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/real/");
//! # let read = |name: &str| std::fs::read(format!("{dir}{name}")).unwrap();
//! let (data, proof_text, key_file) = (
//!     read("serviceberry.message"),
//!     read("serviceberry-v2.proof"),
//!     read("serviceberry-signer.pub"),
//! );
//! let keys: Vec<_> = KeyFile::parse(&key_file)?.keys().map(|l| l.key.key).collect();
//! let policy = Policy::builtin("sigsum-test-2025-3")?;
//! let proof = Proof::parse(&proof_text)?; // zero copy: borrows proof_text
//! let verified = verify(&sha256(&data), &keys, &policy, &proof, &DefaultBackend)?;
//! assert_eq!(verified.tree_size, 381382);
//! # Ok(())
//! # }
//! # #[cfg(not(feature = "parsers"))]
//! # fn main() {}
//! ```
//!
//! # What is here
//!
//! | concept | items |
//! |---|---|
//! | values | [`Hash`](struct@Hash), [`PublicKey`], [`Signature`], [`sha256`] |
//! | signatures | [`Ed25519Backend`], `DefaultBackend` (feature `dalek`), `CompactBackend` (feature `compact`) |
//! | proofs | [`Proof`], [`verify`], [`verify_bytes`], [`verify_with_fallbacks`], [`Verified`], [`Freshness`] |
//! | policies | [`TrustPolicy`], [`Policy`], [`TextPolicy`], [`CompiledPolicy`], [`Builtin`], [`WitnessSet`], [`quorum_time`] |
//! | keys | [`parse_hex_key`], [`KeyFile`], [`parse_ssh_key`], [`Vkey`], [`parse_pem_key`] |
//! | tree heads | [`TreeHead`], [`SignedTreeHead`], [`Cosignature`], [`CheckpointBody`] |
//! | signed notes | [`Note`], [`Checkpoint`], [`NoteWitness`], [`NoteCosignature`], [`verify_cosignature_lines`] |
//! | Merkle proofs | [`verify_inclusion`], [`verify_consistency`], [`root_from_inclusion`], [`hash_leaf`], [`hash_node`] |
//! | leaves | [`Leaf`], [`leaf_checksum`], [`leaf_signed_data`] |
//! | C2SP | [`TlogPolicy`], [`verify_tlog_checkpoint`], [`CosignedCheckpoint`], [`TlogProof`], [`verify_tlog_proof`], [`TlogError`]; ML-DSA-44: [`SubtreeMessage`], [`MlDsaCosignature`] |
//! | binary proofs (spic, TKey) | [`SpicPolicy`], [`SpicProof`], [`verify_spic`], [`TkeyPolicy`], [`TkeyProof`], [`verify_tkey`], [`BinaryVerified`] |
//!
//! # Features
//!
//! | feature | default | what |
//! |---|---|---|
//! | `dalek` | yes | `DalekBackend`, ed25519-dalek 2.x: decides exactly as Go's `crypto/ed25519` |
//! | `parsers` | yes | the text parsers and what takes their output: ASCII proofs and signed tree heads, `verify` (and its variants), `PreparedPolicy`, signed notes, checkpoints, keys (hex, OpenSSH, vkey, PEM), text policies, `Policy`, builtins by name or from their text (`Builtin::from_name`, `Builtin::parse`, `check_policy_name`); and the base64ct dependency |
//! | `compact` | no | `CompactBackend`, ed25519-compact (not Go-compatible on crafted signatures) |
//! | `mldsa` | no | ML-DSA-44 cosignatures (tlog-cosignature type 0x06): `verify_mldsa44`, `RustCryptoMlDsa` (RustCrypto `ml-dsa`, no allocator; needs Rust 1.87) |
//! | `tools` | no | what only tools need: writers of every format (`Writer`, the spic and TKey writers), the policy compiler and policy hash, the canonical-bytecode check, quorum explanations, step-by-step Merkle verifiers |
//!
//! Without `parsers` (`default-features = false, features = ["dalek"]`)
//! the crate is what a device that receives binary data needs: values and
//! SHA-256, the Ed25519 backends, leaves, Merkle inclusion and consistency
//! proofs, tree heads and the checkpoint bodies and cosigned messages over
//! them, compiled policies (and the builtins in compiled form:
//! `Builtin::SigsumTest2025_3.compiled()`), [`TrustPolicy`], [`WitnessSet`],
//! the quorum engine and [`quorum_time`], and [`Freshness`]; no text
//! parser is compiled. The concept table above lists both; the items of
//! rows "proofs" (except `Freshness`), "keys" and "signed notes", `Policy`,
//! `TextPolicy` and `SignedTreeHead` need `parsers`.
//!
//! Specifications: C2SP `signed-note`, `tlog-checkpoint`,
//! `tlog-cosignature`, `tlog-policy`, `tlog-proof`; the Sigsum `log.md` and sigsum-go's `doc/` (proof
//! and policy formats); RFC 6962 / RFC 9162 (Merkle proofs).
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
// The docs link to the text parsers' items wherever they matter; without
// the `parsers` feature those items, and so the links, do not exist.
#![cfg_attr(not(feature = "parsers"), allow(rustdoc::broken_intra_doc_links))]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]

// Lowest layer: values and encodings; they import nothing above them.
mod encoding;
mod hexscan;
#[cfg(feature = "parsers")]
mod lines;
mod types;
mod witness_set;
mod writer;

mod crypto;

// Formats, in the order data flows. Always built: what needs no text
// parser (binary values and proof formats, Merkle proofs, leaves, tree
// heads and the messages cosigned over them, compiled policies and the
// quorum engine).
mod binary;
mod consistency;
mod cosignature;
mod error;
mod freshness;
mod leaf;
mod merkle;
mod policy;
mod tree_head;

// The text parsers (feature `parsers`): ASCII proofs and signed tree
// heads, signed notes and checkpoints, keys, text policies, and what takes
// their output (proof verification, prepared policies).
#[cfg(feature = "parsers")]
mod ascii;
#[cfg(feature = "parsers")]
mod c2sp;
#[cfg(feature = "parsers")]
mod checkpoint;
#[cfg(feature = "parsers")]
mod keys;
#[cfg(feature = "parsers")]
mod mldsa;
#[cfg(feature = "parsers")]
mod note;
#[cfg(feature = "parsers")]
mod note_cosignature;
#[cfg(feature = "parsers")]
mod prepared;
#[cfg(feature = "parsers")]
mod proof;
#[cfg(feature = "parsers")]
mod signed_tree_head;
#[cfg(feature = "parsers")]
mod verify;

pub use consistency::{consistency_path_len, verify_consistency};
pub use cosignature::{
    Cosignature, CosignedMessage, COSIGNATURE_NAMESPACE, MAX_COSIGNED_MESSAGE_SIZE,
};
#[cfg(feature = "compact")]
pub use crypto::CompactBackend;
#[cfg(feature = "dalek")]
pub use crypto::{DalekBackend, DefaultBackend};
pub use crypto::{Ed25519Backend, PrepareKeys};
pub use encoding::{EncodingError, MAX_DECIMAL};
pub use freshness::{Freshness, FreshnessError};
pub use leaf::{
    leaf_checksum, leaf_signed_data, Leaf, LeafError, LEAF_NAMESPACE, LEAF_SIZE, SIGNED_DATA_SIZE,
};
pub use merkle::{
    hash_leaf, hash_node, inclusion_path_len, root_from_inclusion, verify_inclusion, MerkleError,
    EMPTY_ROOT, MAX_PATH_LEN,
};
pub use policy::{
    quorum_time, Builtin, CompiledError, CompiledPolicy, PolicyKeys, QuorumState, QuorumTime,
    TrustPolicy, MAX_COMPILED_LEN,
};
pub use tree_head::{sigsum_origin, CheckpointBody, TreeHead, MAX_BODY_SIZE, MAX_ORIGIN_SIZE};
pub use types::{sha256, Hash, PublicKey, Signature, HASH_SIZE, PUBLIC_KEY_SIZE, SIGNATURE_SIZE};
pub use witness_set::{WitnessSet, MAX_WITNESSES};

// Binary proof formats (spic, TKey); their writers read ASCII proofs and
// text policies (features `tools` and `parsers`).
#[cfg(all(feature = "tools", feature = "parsers"))]
pub use binary::{
    spic_policy_from_compiled, spic_policy_from_text, write_spic_policy, write_spic_proof,
    write_tkey_policy, write_tkey_proof, SpicPolicyDraft, SpicWriteError, TkeyWriteError,
    MAX_SPIC_POLICY_LEN, MAX_SPIC_PROOF_LEN,
};
pub use binary::{
    verify_spic, verify_spic_bytes, verify_tkey, verify_tkey_bytes, verify_tkey_with, BinaryError,
    BinaryErrorKind, BinaryVerified, BinaryVerifyError, SpicCosignature, SpicElement, SpicPolicy,
    SpicProof, TkeyCosignature, TkeyPolicy, TkeyProof, MAX_SPIC_COSIGNATURES, MAX_SPIC_STACK,
    MAX_SPIC_WITNESSES, MAX_TKEY_COSIGNATURES, MAX_TKEY_POLICY_LEN, MAX_TKEY_PROOF_LEN,
    TKEY_COSIGNATURE_LEN, TKEY_FIXED_LEN,
};
// End of binary proof formats.
// The text parsers and what takes their output (feature `parsers`).
#[cfg(feature = "parsers")]
pub use {
    ascii::{ProofError, ProofErrorKind, MAX_COSIGNATURES},
    checkpoint::{Checkpoint, CheckpointError, LogSignature},
    keys::error::{KeyError, KeyErrorKind},
    keys::parse_hex_key,
    keys::pem::parse_pem_key,
    keys::ssh::{
        parse_ssh_key, KeyFile, KeyLine, SshKey, MAX_KEYS_PER_FILE, MAX_KEY_FILE_LINE_LEN,
    },
    keys::vkey::Vkey,
    note::{
        key_id, KeyId, Note, NoteError, SignatureIter, SignatureLine, SignatureLines, KEY_ID_SIZE,
        MAX_KEY_NAME_SIZE, MAX_SIGNATURE_BLOB_SIZE, MAX_SIGNATURE_LINES, MAX_TLOG_SIGNATURE_LINES,
        SIG_TYPE_COSIGNATURE, SIG_TYPE_ED25519,
    },
    note_cosignature::{
        verify_cosignature_lines, verify_cosignature_lines_indexed, CosignatureReport,
        NoteCosignature, NoteWitness,
    },
    policy::{
        check_policy_name, program_capacity, GroupEntry, LargeTextPolicy, LogEntry, Policy,
        PolicyError, PolicyErrorKind, PolicyNode, TextPolicy, TextPolicyN, WitnessEntry,
        MAX_GROUPS, MAX_LINE_LEN, MAX_LOGS, MAX_TEXT_WITNESSES,
    },
    prepared::{BatchVerifier, PrepareError, PreparedPolicy, MAX_CACHED_COSIGNATURE_TEXT},
    proof::{InclusionPath, PathIter, Proof, ProofVersion},
    signed_tree_head::{CosignatureIter, Cosignatures, SignedTreeHead},
    verify::{verify, verify_bytes, verify_with_fallbacks, Verified, VerifyError},
};
// C2SP checkpoints of any log, tlog-policy, tlog-proof; ML-DSA-44
// cosignatures (tlog-cosignature type 0x06). Text formats: feature
// `parsers`.
#[cfg(feature = "parsers")]
pub use c2sp::{
    verify_tlog_checkpoint, verify_tlog_proof, CosignedCheckpoint, TlogError, TlogKey,
    TlogKeyMaterial, TlogLog, TlogOptions, TlogPath, TlogPolicy, TlogPolicyN, TlogProof,
    TlogProofError, TlogProofErrorKind, TlogWitness, UnauthenticatedExtra, VerifiedTlogProof,
    MAX_TLOG_CHECKPOINT_TEXT_SIZE, MAX_TLOG_GROUPS, MAX_TLOG_LOGS, MAX_TLOG_WITNESSES,
    TLOG_PROOF_HEADER,
};
#[cfg(feature = "parsers")]
pub use mldsa::{
    is_valid_subtree, mldsa_key_id, MlDsaBackend, MlDsaCosignature, SubtreeMessage,
    MAX_COSIGNATURE_TIMESTAMP, MAX_SUBTREE_MESSAGE_SIZE, MAX_SUBTREE_NAME_SIZE,
    MLDSA44_PUBLIC_KEY_SIZE, MLDSA44_SIGNATURE_SIZE, MLDSA_COSIGNATURE_BLOB_SIZE,
    SIG_TYPE_MLDSA_COSIGNATURE, SUBTREE_LABEL,
};
#[cfg(all(feature = "parsers", feature = "mldsa"))]
pub use mldsa::{verify_mldsa44, RustCryptoMlDsa};

// Only for tools (feature `tools`): writers, the policy compiler, the
// canonical-bytecode check, quorum explanations, step-by-step Merkle
// verifiers.
#[cfg(feature = "tools")]
pub use {
    consistency::ConsistencyVerifier,
    merkle::InclusionVerifier,
    policy::{
        check_canonical, evaluate_program, validate_program, GroupStatus, Instruction,
        Instructions, NonCanonical, QuorumReport,
    },
    writer::{BufferTooSmall, Writer},
};
// Tools for the text formats (features `tools` and `parsers`).
#[cfg(all(feature = "tools", feature = "parsers"))]
pub use {
    checkpoint::write_checkpoint, encoding::parse_decimal, keys::pem::write_pem_key,
    keys::ssh::write_ssh_key, keys::write_hex_key, note::is_valid_key_name,
    note::write_signature_line, policy::CompileError, proof::MAX_V2_TEXT_SIZE,
};

// Unit tests of private modules, kept with the other tests.
#[cfg(all(test, feature = "parsers"))]
#[path = "../tests/unit/encoding.rs"]
mod encoding_tests;

/// The README's Rust examples, compiled and run as doctests.
#[doc = include_str!("../../README.md")]
#[cfg(all(doctest, feature = "parsers"))]
pub struct ReadmeDoctests;

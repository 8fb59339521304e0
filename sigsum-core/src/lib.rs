//! # sigsum-core
//!
//! An embeddable verifier for [Sigsum](https://www.sigsum.org) transparency
//! logs: `#![no_std]`, no allocator, no `unsafe`, and no panic on any input.
//!
//! Data flows one way: **bytes -> parsed view -> verified result**. Parsers
//! borrow the caller's bytes; fixed limits are named constants; every failure
//! is a distinct error value.
//!
//! | module | concept |
//! |---|---|
//! | [`types`] | `Hash`, `PublicKey`, `Signature`, key hashes |
//! | [`crypto`] | SHA-256 and the pluggable Ed25519 backend |
//! | [`error`] | every error type implements `core::error::Error` |
//! | [`encoding`] | strict decimal, hex and base64 as sigsum-go reads them |
//! | [`keys`] | public key formats: hex, OpenSSH, vkey, PEM |
//! | [`lines`] | the strict line reader shared by the text formats |
//! | [`writer`] | formatting into caller-provided buffers |
//! | [`leaf`] | the signed leaf blob, the 128-byte leaf and its hash |
//! | [`merkle`] | RFC 6962 hashing, inclusion and consistency proofs |
//! | [`tree_head`] | tree heads, the checkpoint body the log signs, ASCII signed tree heads |
//! | [`note`] | C2SP signed notes: text, signature lines, key ids |
//! | [`checkpoint`] | checkpoints as signed notes; Sigsum checkpoint verification |
//! | [`cosignature`] | witness cosignatures (`cosignature/v1`), ASCII and signed-note forms |
//! | [`policy`] | trust policies and quorum evaluation |
//! | [`proof`] | Sigsum proof files (v1, v2): parse and write |
//! | [`verify`] | end-to-end proof verification against a policy |
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
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

pub mod checkpoint;
pub mod cosignature;
pub mod crypto;
pub mod encoding;
pub mod error;
pub mod freshness;
mod hexscan;
pub mod keys;
pub mod leaf;
pub mod lines;
pub mod merkle;
pub mod note;
pub mod policy;
pub mod proof;
pub mod tree_head;
pub mod types;
pub mod verify;
pub mod writer;

pub use freshness::{Freshness, FreshnessError};
pub use types::{Hash, PublicKey, Signature};

/// The README's Rust examples, compiled and run as doctests.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

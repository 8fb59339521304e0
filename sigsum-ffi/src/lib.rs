//! # libsigsum: the C ABI of sigsum-core
//!
//! All unsafe code of the project lives in this crate. The headers
//! `include/sigsum.h` (the verification API) and `include/sigsum_blocks.h`
//! (the building blocks) are generated from it by cbindgen 0.29.4 (`make
//! header`) and committed; CI fails if they drift. `docs/ffi.md` is the
//! manual.
//!
//! Conventions for every exported function (also in the header):
//!
//! * Names are `sigsum_<object>_<verb>`. Inputs first, outputs last, the
//!   optional `sigsum_detail *detail` very last; an input buffer is
//!   `x, x_len`, an input array `x, x_count`, an output `out` (or
//!   `<what>_out`), with `out_cap` and `out_len` when its size varies.
//! * No allocation and no state: the caller owns all memory. Fixed-size
//!   values are plain structs, variable data are pointer + length pairs, and
//!   `(NULL, 0)` is an empty input.
//! * Fallible functions return a `sigsum_status` (0 = `SIGSUM_STATUS_OK`).
//!   Outputs are written **only on success**; output buffers must not
//!   overlap inputs. The detail says where and why (step, line, column,
//!   message).
//! * Every body runs inside a panic boundary (`panic::ffi_call`): a panic
//!   never unwinds into C, it becomes `SIGSUM_STATUS_PANIC`.
//! * Every verifying function takes an optional `const sigsum_backend *`
//!   (NULL = the built-in Ed25519 verifier).
//! * All functions are thread-safe: there is no global state.
#![deny(missing_docs, unsafe_op_in_unsafe_fn)]
#![deny(clippy::undocumented_unsafe_blocks)]
#![allow(non_camel_case_types)]
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

// The verification group (include/sigsum.h), in header order: cbindgen
// emits functions in the order of these declarations.
pub mod proof;

pub mod policy;

pub mod prepared;

pub mod tlog;

pub mod keys;

pub mod basic;

pub mod backend;

pub mod status;

pub mod detail;

pub mod version;

pub mod types;

// The building blocks (include/sigsum_blocks.h).
pub mod blocks;

// Binary proofs for devices (spic, TKey), in sigsum_blocks.h.
pub mod binary;

pub(crate) mod errors;
pub(crate) mod ffi;
pub(crate) mod panic;

pub use backend::*;
pub use basic::*;
pub use binary::*;
pub use blocks::checkpoint::*;
pub use blocks::ed25519::*;
pub use blocks::leaf::*;
pub use blocks::merkle::*;
pub use blocks::policy::*;
pub use blocks::proof::*;
pub use blocks::tree_head::*;
pub use detail::*;
pub use keys::*;
pub use policy::*;
pub use prepared::*;
pub use proof::*;
pub use status::*;
pub use tlog::*;
pub use types::*;
pub use version::*;

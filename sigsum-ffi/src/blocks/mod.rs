//! The building blocks: the pieces `sigsum_proof_verify` is made of, for
//! callers who assemble their own checks (monitors, witnesses, checkpoint
//! verifiers). Declared in `include/sigsum_blocks.h`, which includes
//! `sigsum.h`, in the order of the declarations below.

pub mod proof;

pub mod policy;

pub mod checkpoint;

pub mod merkle;

pub mod leaf;

pub mod tree_head;

pub mod ed25519;

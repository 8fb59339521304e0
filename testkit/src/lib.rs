//! Test support for sigsum-core: an independent, naive reference written
//! with std (Merkle tree builder, signers, generators). It deliberately does
//! not depend on sigsum-core, so tests compare two implementations.
pub mod batch;
pub mod merkle;
pub mod mldsa;
pub mod note;
pub mod policy;
pub mod proof;
pub mod tlog;

//! Sizes of the proof-path types, for the embedded 16 KiB stack budget
//! (see docs/proof.md). Upper bounds, so a change that bloats them fails.
#![cfg(feature = "parsers")]
use core::mem::size_of;

use sigsum_core::{CheckpointBody, Proof, ProofError, SignedTreeHead, Verified, VerifyError};

#[test]
fn proof_path_type_sizes() {
    let sizes = [
        ("Proof", size_of::<Proof<'_>>(), 320),
        ("SignedTreeHead", size_of::<SignedTreeHead<'_>>(), 160),
        ("Verified", size_of::<Verified>(), 128),
        ("VerifyError", size_of::<VerifyError>(), 64),
        ("ProofError", size_of::<ProofError>(), 48),
        ("Body", size_of::<CheckpointBody>(), 384),
    ];
    for (name, size, bound) in sizes {
        println!("size_of::<{name}>() = {size}");
        assert!(size <= bound, "{name}: {size} > {bound}");
    }
}

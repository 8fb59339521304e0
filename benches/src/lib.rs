//! Shared inputs of the benchmarks (`benches/core.rs`) and of the
//! instruction-count tool (`examples/icount.rs`): the real serviceberry
//! proof, message, signer and policy from tests/vectors/real.
#![allow(clippy::expect_used, clippy::panic)]

use sigsum_core::{leaf_checksum, sha256, Hash, Leaf, PublicKey, Signature};

/// Vectors of the real serviceberry proof, read from tests/vectors/real.
pub struct Real {
    /// The proof text.
    pub proof: String,
    /// The signed message.
    pub message: Vec<u8>,
    /// The submitter's public key.
    pub signer: PublicKey,
    /// The `sigsum-test-2025-3` policy text.
    pub policy: String,
}

/// A file of tests/vectors/real as text.
pub fn vector(name: &str) -> String {
    let path = format!(
        "{}/../tests/vectors/real/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Load the real vectors.
pub fn real() -> Real {
    let signer_hex = vector("serviceberry-signer.hex");
    Real {
        proof: vector("serviceberry-v2.proof"),
        message: vector("serviceberry.message").into_bytes(),
        signer: PublicKey::from_hex(signer_hex.trim().as_bytes()).expect("signer hex"),
        policy: vector("sigsum-test-2025-3.policy"),
    }
}

/// The leaf of the real proof: the values of its `leaf=` line.
pub fn real_leaf(r: &Real) -> Leaf {
    let line = r
        .proof
        .lines()
        .find_map(|l| l.strip_prefix("leaf="))
        .expect("leaf line");
    let (key_hash, sig) = line.split_once(' ').expect("leaf fields");
    Leaf {
        checksum: leaf_checksum(&sha256(&r.message)),
        signature: Signature::from_hex(sig.as_bytes()).expect("leaf sig"),
        key_hash: Hash::from_hex(key_hash.as_bytes()).expect("leaf key hash"),
    }
}

/// The compiled form of `sigsum-test-2025-3` from the compiled-policy vectors.
pub fn compiled_test_2025_3() -> Vec<u8> {
    let path = format!(
        "{}/../tests/vectors/policy/compiled-policy-vectors.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("compiled vectors");
    let mut in_vector = false;
    for line in text.lines() {
        if line == "vector builtin/sigsum-test-2025-3" {
            in_vector = true;
        } else if in_vector {
            if let Some(hex) = line.strip_prefix("compiled ") {
                return (0..hex.len())
                    .step_by(2)
                    .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex"))
                    .collect();
            }
        }
    }
    panic!("no compiled sigsum-test-2025-3 in {path}");
}

/// 1000 generated proofs under 10 cosigned tree heads (100 leaves each),
/// with a policy shaped like `sigsum-test-2025-3` (`testkit::batch`).
pub fn batch_1000() -> testkit::batch::Batch {
    testkit::batch::batch(1, 10, 100)
}

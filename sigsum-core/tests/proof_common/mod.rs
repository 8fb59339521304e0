//! Shared helpers of the proof and verify tests: vector files, the real
//! proof cases, and a small test-only trust policy.
#![allow(dead_code)]

use sigsum_core::{sha256, EncodingError, Hash, Policy, ProofErrorKind, PublicKey, SignedTreeHead};

/// Bytes of `tests/vectors/<rel>`.
pub fn vector(rel: &str) -> Vec<u8> {
    let path = format!("{}/../tests/vectors/{rel}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The decimal rule (sigsum-go's `IntFromDecimal`), observed through the
/// `size=` field of a signed tree head: the value, or the field's
/// encoding error.
pub fn parse_decimal(s: &[u8]) -> Result<u64, EncodingError> {
    let mut text = b"size=".to_vec();
    text.extend_from_slice(s);
    text.extend_from_slice(b"\nroot_hash=");
    text.extend_from_slice(&[b'0'; 64]);
    text.extend_from_slice(b"\nsignature=");
    text.extend_from_slice(&[b'0'; 128]);
    text.push(b'\n');
    match SignedTreeHead::parse(&text) {
        Ok(t) => Ok(t.tree_head.size),
        Err(e) => match e.kind {
            ProofErrorKind::BadValue {
                key: "size", error, ..
            } => Err(error),
            _ => panic!("{s:?}: {e}"),
        },
    }
}

/// A raw hex public key file.
pub fn hex_key(rel: &str) -> PublicKey {
    let text = vector(rel);
    PublicKey::from_hex(String::from_utf8(text).unwrap().trim().as_bytes()).unwrap()
}

/// Parse a policy text (sigsum-go format).
pub fn text_policy(text: &[u8]) -> Policy<'_> {
    Policy::from_text(text).unwrap_or_else(|e| panic!("policy: {e}"))
}

/// One real proof that must verify.
pub struct Case {
    pub name: &'static str,
    pub proof: Vec<u8>,
    pub message: Hash,
    pub signers: Vec<PublicKey>,
    /// Policy text, or empty for a builtin policy.
    pub policy_text: Vec<u8>,
    /// Name of the builtin policy (when `policy_text` is empty).
    pub builtin: &'static str,
}

impl Case {
    /// The case's policy.
    pub fn policy(&self) -> Policy<'_> {
        if self.policy_text.is_empty() {
            Policy::builtin(self.builtin).unwrap()
        } else {
            text_policy(&self.policy_text)
        }
    }
}

fn raw_message(rel: &str) -> Hash {
    Hash::from_slice(&vector(rel)).unwrap()
}

fn data_message(rel: &str) -> Hash {
    sha256(&vector(rel))
}

/// Every real proof in `tests/vectors/proofs/README.md` that must verify.
pub fn accepted_cases() -> Vec<Case> {
    vec![
        Case {
            name: "P-a",
            proof: vector("proofs/pa.proof"),
            message: raw_message("proofs/pa.message"),
            signers: vec![hex_key("proofs/pa-signer.hex")],
            policy_text: vector("proofs/pa.policy"),
            builtin: "",
        },
        Case {
            name: "P-b",
            proof: vector("proofs/pb.proof"),
            message: raw_message("proofs/pb.message"),
            signers: vec![hex_key("proofs/pb-signer.hex")],
            policy_text: vector("proofs/pb.policy"),
            builtin: "",
        },
        Case {
            name: "P-d odd",
            proof: vector("proofs/barreleye-v1-odd.proof"),
            message: data_message("proofs/barreleye-v1-odd.data"),
            signers: vec![hex_key("proofs/barreleye-signer.hex")],
            policy_text: vec![],
            builtin: "sigsum-test1-2025",
        },
        Case {
            name: "P-d even",
            proof: vector("proofs/barreleye-v1-even.proof"),
            message: data_message("proofs/barreleye-v1-even.data"),
            signers: vec![hex_key("proofs/barreleye-signer.hex")],
            policy_text: vec![],
            builtin: "sigsum-test1-2025",
        },
        Case {
            name: "P-e",
            proof: vector("real/serviceberry-v2.proof"),
            message: data_message("real/serviceberry.message"),
            signers: vec![hex_key("real/serviceberry-signer.hex")],
            policy_text: vec![],
            builtin: "sigsum-test-2025-3",
        },
    ]
}

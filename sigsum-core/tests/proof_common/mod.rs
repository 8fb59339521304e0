//! Shared helpers of the proof and verify tests: vector files, the real
//! proof cases, and a small test-only trust policy.
#![allow(dead_code)]

use std::collections::HashMap;

use sigsum_core::crypto::sha256;
use sigsum_core::policy::{TrustPolicy, WitnessSet};
use sigsum_core::{Hash, PublicKey};

/// Bytes of `tests/vectors/<rel>`.
pub fn vector(rel: &str) -> Vec<u8> {
    let path = format!("{}/../tests/vectors/{rel}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A raw hex public key file.
pub fn hex_key(rel: &str) -> PublicKey {
    let text = vector(rel);
    PublicKey::from_hex(String::from_utf8(text).unwrap().trim().as_bytes()).unwrap()
}

/// Test-only policy (temporary until the policy module's `Policy` lands):
/// `log`, `witness`, `group` (k, any, all) and `quorum` lines.
#[derive(Clone, Debug)]
pub struct TestPolicy {
    pub logs: Vec<PublicKey>,
    pub witnesses: Vec<PublicKey>,
    nodes: Vec<Node>,
    quorum: Option<usize>,
}

#[derive(Clone, Debug)]
enum Node {
    Witness(u8),
    Group { k: usize, members: Vec<usize> },
}

impl TestPolicy {
    pub fn parse(text: &str) -> TestPolicy {
        let mut p = TestPolicy {
            logs: vec![],
            witnesses: vec![],
            nodes: vec![],
            quorum: None,
        };
        let mut names: HashMap<String, usize> = HashMap::new();
        for line in text.lines() {
            let f: Vec<&str> = line.split_whitespace().collect();
            match f.as_slice() {
                [] => {}
                [c, ..] if c.starts_with('#') => {}
                ["log", key, ..] => p.logs.push(PublicKey::from_hex(key.as_bytes()).unwrap()),
                ["witness", name, key, ..] => {
                    let idx = p.witnesses.len() as u8;
                    p.witnesses.push(PublicKey::from_hex(key.as_bytes()).unwrap());
                    names.insert(name.to_string(), p.nodes.len());
                    p.nodes.push(Node::Witness(idx));
                }
                ["group", name, k, members @ ..] => {
                    let members: Vec<usize> = members.iter().map(|m| names[*m]).collect();
                    let k = match *k {
                        "any" => 1,
                        "all" => members.len(),
                        n => n.parse().unwrap(),
                    };
                    names.insert(name.to_string(), p.nodes.len());
                    p.nodes.push(Node::Group { k, members });
                }
                ["quorum", "none"] => p.quorum = None,
                ["quorum", name] => p.quorum = Some(names[*name]),
                _ => panic!("bad policy line {line}"),
            }
        }
        p
    }

    fn eval(&self, node: usize, set: &WitnessSet) -> bool {
        match &self.nodes[node] {
            Node::Witness(i) => set.contains(*i),
            Node::Group { k, members } => {
                members.iter().filter(|m| self.eval(**m, set)).count() >= *k
            }
        }
    }
}

impl TrustPolicy for TestPolicy {
    fn log_key(&self, key_hash: &Hash) -> Option<PublicKey> {
        self.logs.iter().find(|k| k.key_hash() == *key_hash).copied()
    }

    fn witness(&self, key_hash: &Hash) -> Option<(u8, PublicKey)> {
        self.witnesses
            .iter()
            .position(|k| k.key_hash() == *key_hash)
            .map(|i| (i as u8, self.witnesses[i]))
    }

    fn is_satisfied(&self, verified: &WitnessSet) -> bool {
        match self.quorum {
            None => true,
            Some(q) => self.eval(q, verified),
        }
    }
}

/// Parse a policy file from the vectors.
pub fn policy(rel: &str) -> TestPolicy {
    TestPolicy::parse(&String::from_utf8(vector(rel)).unwrap())
}

/// One real proof that must verify.
pub struct Case {
    pub name: &'static str,
    pub proof: Vec<u8>,
    pub message: Hash,
    pub signers: Vec<PublicKey>,
    pub policy: TestPolicy,
}

fn raw_message(rel: &str) -> Hash {
    Hash::from_slice(&vector(rel)).unwrap()
}

fn data_message(rel: &str) -> Hash {
    sha256(&vector(rel))
}

/// Every real proof of the spec digest that must verify.
pub fn accepted_cases() -> Vec<Case> {
    vec![
        Case {
            name: "P-a",
            proof: vector("proofs/pa.proof"),
            message: raw_message("proofs/pa.message"),
            signers: vec![hex_key("proofs/pa-signer.hex")],
            policy: policy("proofs/pa.policy"),
        },
        Case {
            name: "P-b",
            proof: vector("proofs/pb.proof"),
            message: raw_message("proofs/pb.message"),
            signers: vec![hex_key("proofs/pb-signer.hex")],
            policy: policy("proofs/pb.policy"),
        },
        Case {
            name: "P-d odd",
            proof: vector("proofs/barreleye-v1-odd.proof"),
            message: data_message("proofs/barreleye-v1-odd.data"),
            signers: vec![hex_key("proofs/barreleye-signer.hex")],
            policy: policy("real/sigsum-test1-2025.policy"),
        },
        Case {
            name: "P-d even",
            proof: vector("proofs/barreleye-v1-even.proof"),
            message: data_message("proofs/barreleye-v1-even.data"),
            signers: vec![hex_key("proofs/barreleye-signer.hex")],
            policy: policy("real/sigsum-test1-2025.policy"),
        },
        Case {
            name: "P-e",
            proof: vector("real/serviceberry-v2.proof"),
            message: data_message("real/serviceberry.message"),
            signers: vec![hex_key("real/serviceberry-signer.hex")],
            policy: policy("real/sigsum-test-2025-3.policy"),
        },
    ]
}

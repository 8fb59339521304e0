//! Many proofs sharing few cosigned tree heads, as a log's batch of
//! submissions: `trees` trees of `per_tree` real leaves (every leaf a
//! proof), each tree head signed by the log and cosigned by the 8
//! witnesses of a policy shaped like `sigsum-test-2025-3` (one log; quorum
//! 4 of {a 2-of-3 group, 5 more witnesses}).

use crate::merkle::{hex, leaf_hash, sha256, Hash, Tree};
use crate::proof::{checkpoint_body, cosigned_message, leaf_signed_data, Key, Rng};

/// A batch: the policy text, the signer key, and `(message, proof text)`
/// for every leaf of every tree.
pub struct Batch {
    /// The policy.
    pub policy: String,
    /// The submitter's public key.
    pub signer: [u8; 32],
    /// The proofs, tree after tree: the message (SHA-256 of the data) and
    /// the proof text.
    pub proofs: Vec<([u8; 32], String)>,
    /// The data of each proof (`proofs[i].0 == SHA-256(data[i])`).
    pub data: Vec<Vec<u8>>,
}

fn hex64(b: &[u8; 64]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// `trees` tree heads of `per_tree` leaves each, from `seed`.
pub fn batch(seed: u64, trees: usize, per_tree: usize) -> Batch {
    let mut rng = Rng(seed ^ 0xba7c4);
    let log = Key::random(&mut rng);
    let witnesses: Vec<Key> = (0..8).map(|_| Key::random(&mut rng)).collect();
    let signer = Key::random(&mut rng);
    let mut policy = format!("log {}\n", hex(&log.public));
    for (i, w) in witnesses.iter().enumerate() {
        policy.push_str(&format!("witness w{i} {}\n", hex(&w.public)));
    }
    policy.push_str("group g 2 w0 w1 w2\ngroup q 4 g w3 w4 w5 w6 w7\nquorum q\n");

    let mut proofs = Vec::with_capacity(trees * per_tree);
    let mut data = Vec::with_capacity(trees * per_tree);
    let mut leaves_before = 0u64;
    let mut all_leaves: Vec<Hash> = Vec::new();
    for t in 0..trees {
        // Each tree head extends the log by `per_tree` leaves.
        let mut batch = Vec::with_capacity(per_tree);
        for _ in 0..per_tree {
            let file = format!("file {} of tree {t}\n", data.len()).into_bytes();
            let message = sha256(&file);
            data.push(file);
            let checksum = sha256(&message);
            let sig = signer.sign(&leaf_signed_data(&checksum));
            let mut leaf = checksum.to_vec();
            leaf.extend_from_slice(&sig);
            leaf.extend_from_slice(&signer.key_hash);
            all_leaves.push(leaf_hash(&leaf));
            batch.push((message, sig));
        }
        let tree = Tree::new(all_leaves.clone());
        let size = tree.len();
        let root = tree.root(size);
        let body = checkpoint_body(&log.key_hash, size, &root);
        let log_sig = log.sign(body.as_bytes());
        let timestamp = 1_700_000_000 + 600 * t as u64;
        let cosigs: String = witnesses
            .iter()
            .map(|w| {
                let s = w.sign(cosigned_message(timestamp, &body).as_bytes());
                format!(
                    "cosignature={} {timestamp} {}\n",
                    hex(&w.key_hash),
                    hex64(&s)
                )
            })
            .collect();
        for (i, (message, sig)) in batch.into_iter().enumerate() {
            let index = leaves_before + i as u64;
            let mut text = format!(
                "version=2\nlog={}\nleaf={} {}\n\nsize={size}\nroot_hash={}\nsignature={}\n{cosigs}",
                hex(&log.key_hash),
                hex(&signer.key_hash),
                hex64(&sig),
                hex(&root),
                hex64(&log_sig),
            );
            if size >= 2 {
                text.push_str(&format!("\nleaf_index={index}\n"));
                for p in tree.inclusion_proof(index, size) {
                    text.push_str(&format!("node_hash={}\n", hex(&p)));
                }
            }
            proofs.push((message, text));
        }
        leaves_before = size;
    }
    Batch {
        policy,
        signer: signer.public,
        proofs,
        data,
    }
}

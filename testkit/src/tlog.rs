//! C2SP test data: vkeys, tlog-policies, cosigned checkpoints of any log
//! and tlog-proofs, from seeds (Ed25519 only; ML-DSA-44 witnesses are in
//! their own module when the signer is available).

use crate::merkle::Tree;
use crate::note::{
    base64, checkpoint_text, cosignature_line, hex, key_id, log_signature_line, public_key,
};

/// A seed from a small number.
pub fn seed(n: u8) -> [u8; 32] {
    [n; 32]
}

/// The vkey `<name>+<hex id>+<base64(type || key)>` of an Ed25519 key.
pub fn vkey(name: &str, sig_type: u8, key: &[u8; 32]) -> String {
    let mut data = vec![sig_type];
    data.extend_from_slice(key);
    format!(
        "{name}+{}+{}",
        hex(&key_id(name, sig_type, key)),
        base64(&data)
    )
}

/// An Ed25519 witness: seed and cosigner name.
#[derive(Clone, Debug)]
pub struct Witness {
    /// Seed of the key.
    pub seed: [u8; 32],
    /// Signed-note key name.
    pub name: String,
}

impl Witness {
    /// Witness number `n` (seed `100 + n`, name `witness<n>.example`).
    pub fn new(n: u8) -> Self {
        Witness {
            seed: seed(n.wrapping_add(100)),
            name: format!("witness{n}.example"),
        }
    }

    /// Its vkey (type 0x04).
    pub fn vkey(&self) -> String {
        vkey(&self.name, 0x04, &public_key(self.seed))
    }

    /// Its cosignature line over `text` at `timestamp`.
    pub fn cosign(&self, timestamp: u64, text: &str) -> String {
        cosignature_line(self.seed, &self.name, timestamp, text)
    }
}

/// A log with a tree of test leaves.
pub struct Log {
    /// Seed of the log key.
    pub seed: [u8; 32],
    /// Origin (and key name).
    pub origin: String,
    /// The tree.
    pub tree: Tree,
}

impl Log {
    /// A log `origin` with `size` test leaves (log key seed 7).
    pub fn new(origin: &str, size: u64) -> Self {
        Log {
            seed: seed(7),
            origin: origin.to_string(),
            tree: Tree::with_test_leaves(size),
        }
    }

    /// Its vkey (type 0x01).
    pub fn vkey(&self) -> String {
        vkey(&self.origin, 0x01, &public_key(self.seed))
    }

    /// The checkpoint text of the whole tree, with extension lines.
    pub fn text(&self, extensions: &[&str]) -> String {
        checkpoint_text(
            &self.origin,
            self.tree.len(),
            &self.tree.root(self.tree.len()),
            extensions,
        )
    }

    /// A checkpoint note of `text` signed by the log and cosigned by each
    /// `(witness, timestamp)`, in that order.
    pub fn note(&self, text: &str, cosigners: &[(&Witness, u64)]) -> String {
        let mut s = format!("{text}\n");
        s.push_str(&log_signature_line(self.seed, &self.origin, text));
        for (w, t) in cosigners {
            s.push_str(&w.cosign(*t, text));
        }
        s
    }

    /// A tlog-proof of leaf `index` with checkpoint note `note`.
    pub fn proof(&self, index: u64, extra: Option<&[u8]>, note: &str) -> String {
        let mut s = String::from("c2sp.org/tlog-proof@v1\n");
        if let Some(e) = extra {
            s.push_str(&format!("extra {}\n", base64(e)));
        }
        s.push_str(&format!("index {index}\n"));
        for h in self.tree.inclusion_proof(index, self.tree.len()) {
            s.push_str(&base64(&h));
            s.push('\n');
        }
        s.push('\n');
        s.push_str(note);
        s
    }
}

/// A tlog-policy text: the log, the witnesses as `W<i>`, and `quorum`
/// given as the last lines (e.g. `"group G 2 W0 W1 W2\nquorum G\n"`).
pub fn policy(log: &Log, witnesses: &[Witness], quorum: &str) -> String {
    let mut s = format!("log {}\n", log.vkey());
    for (i, w) in witnesses.iter().enumerate() {
        s.push_str(&format!("witness W{i} {}\n", w.vkey()));
    }
    s.push_str(quorum);
    s
}

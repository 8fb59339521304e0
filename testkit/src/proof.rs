//! Generator of Sigsum proofs for tests: random trees, keys, witnesses,
//! policies, and honest (or deliberately broken) proofs as text, together
//! with the verdict a check-everything reference gives.
//!
//! Independent of sigsum-core: the tree is computed from the recursive
//! RFC 6962 definitions (subtrees that do not contain the proven leaf are
//! replaced by pseudo-random hashes, so sizes up to 2^62 stay cheap), the
//! signed messages are built from the byte layouts of the Sigsum `log.md`
//! spec (§2.2.2 tree head, §2.2.3 cosignature, §2.2.4 leaf), and the
//! expected verdict is computed by checking every cosignature.

use ed25519_dalek::{Signer, SigningKey};

use crate::merkle::{hex, leaf_hash, node_hash, sha256, Hash};

/// A small deterministic PRNG (splitmix64).
#[derive(Clone, Debug)]
pub struct Rng(pub u64);

impl Rng {
    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e3779b97f4a7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// `true` with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// 32 random bytes.
    pub fn bytes32(&mut self) -> [u8; 32] {
        let mut out = [0u8; 32];
        for c in out.chunks_mut(8) {
            c.copy_from_slice(&self.next_u64().to_le_bytes());
        }
        out
    }
}

/// An Ed25519 key pair.
#[derive(Clone, Debug)]
pub struct Key {
    signing: SigningKey,
    /// Raw public key.
    pub public: [u8; 32],
    /// `H(public)`.
    pub key_hash: Hash,
}

impl Key {
    /// The key with this seed.
    pub fn from_seed(seed: [u8; 32]) -> Key {
        let signing = SigningKey::from_bytes(&seed);
        let public = signing.verifying_key().to_bytes();
        Key {
            signing,
            key_hash: sha256(&public),
            public,
        }
    }

    /// A random key.
    pub fn random(rng: &mut Rng) -> Key {
        Key::from_seed(rng.bytes32())
    }

    /// Ed25519 signature of `msg`.
    pub fn sign(&self, msg: &[u8]) -> [u8; 64] {
        self.signing.sign(msg).to_bytes()
    }
}

/// Padded standard base64.
pub fn base64(data: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for c in data.chunks(3) {
        let b = [c[0], *c.get(1).unwrap_or(&0), *c.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= c.len() {
                out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The 56 bytes a submitter signs: `"sigsum.org/v1/tree-leaf" || 0 || checksum`.
pub fn leaf_signed_data(checksum: &Hash) -> Vec<u8> {
    let mut v = b"sigsum.org/v1/tree-leaf\0".to_vec();
    v.extend_from_slice(checksum);
    v
}

/// The checkpoint body the log signs.
pub fn checkpoint_body(log_key_hash: &Hash, size: u64, root: &Hash) -> String {
    format!(
        "sigsum.org/v1/tree/{}\n{size}\n{}\n",
        hex(log_key_hash),
        base64(root)
    )
}

/// The message a witness signs.
pub fn cosigned_message(timestamp: u64, body: &str) -> String {
    format!("cosignature/v1\ntime {timestamp}\n{body}")
}

/// MTH of leaves `[a, b)` of a tree whose only real leaf is `target`
/// (hash `target_hash`); other subtrees are pseudo-random.
fn subtree(a: u64, b: u64, target: u64, target_hash: &Hash, salt: &Hash) -> Hash {
    if !(a..b).contains(&target) {
        let mut d = salt.to_vec();
        d.extend_from_slice(&a.to_be_bytes());
        d.extend_from_slice(&b.to_be_bytes());
        return sha256(&d);
    }
    if b - a == 1 {
        return *target_hash;
    }
    let k = split(b - a);
    node_hash(
        &subtree(a, a + k, target, target_hash, salt),
        &subtree(a + k, b, target, target_hash, salt),
    )
}

/// Largest power of two smaller than `n` (`n >= 2`).
fn split(n: u64) -> u64 {
    let mut k = 1;
    while k * 2 < n {
        k *= 2;
    }
    k
}

/// RFC 6962 PATH(m, D[a:b]), leaf's sibling first.
fn path(m: u64, a: u64, b: u64, target_hash: &Hash, salt: &Hash) -> Vec<Hash> {
    if b - a == 1 {
        return vec![];
    }
    let k = split(b - a);
    if m < a + k {
        let mut p = path(m, a, a + k, target_hash, salt);
        p.push(subtree(a + k, b, m, target_hash, salt));
        p
    } else {
        let mut p = path(m, a + k, b, target_hash, salt);
        p.push(subtree(a, a + k, m, target_hash, salt));
        p
    }
}

/// Root and inclusion path of leaf `index` in a tree of `size` leaves.
pub fn tree(index: u64, size: u64, leaf: &Hash, salt: &Hash) -> (Hash, Vec<Hash>) {
    (
        subtree(0, size, index, leaf, salt),
        path(index, 0, size, leaf, salt),
    )
}

/// A quorum rule over witness indices.
#[derive(Clone, Debug)]
pub enum Rule {
    /// Witness `i` cosigned.
    Witness(usize),
    /// At least `k` of the members hold.
    Group(usize, Vec<Rule>),
}

impl Rule {
    /// Naive evaluation.
    pub fn holds(&self, valid: &[bool]) -> bool {
        match self {
            Rule::Witness(i) => valid[*i],
            Rule::Group(k, m) => m.iter().filter(|r| r.holds(valid)).count() >= *k,
        }
    }
}

/// A generated policy.
#[derive(Clone, Debug)]
pub struct GenPolicy {
    /// Trusted logs.
    pub logs: Vec<Key>,
    /// Witnesses, named `w<i>`.
    pub witnesses: Vec<Key>,
    /// `None` = `quorum none`.
    pub quorum: Option<Rule>,
    /// The policy text (sigsum-go format).
    pub text: String,
}

impl GenPolicy {
    /// Whether the quorum holds for the witnesses marked valid.
    pub fn holds(&self, valid: &[bool]) -> bool {
        self.quorum.as_ref().is_none_or(|q| q.holds(valid))
    }
}

fn gen_rule(
    rng: &mut Rng,
    members: &[usize],
    text: &mut String,
    groups: &mut usize,
    zero_k: bool,
) -> (Rule, String) {
    if members.len() == 1 && rng.chance(70) {
        return (Rule::Witness(members[0]), format!("w{}", members[0]));
    }
    // Split members into 1..=3 parts, some of which become subgroups.
    let mut parts: Vec<Vec<usize>> = vec![];
    let mut rest = members.to_vec();
    while !rest.is_empty() {
        let take = if rest.len() > 2 && rng.chance(25) {
            1 + rng.below(rest.len() as u64 / 2) as usize
        } else {
            1
        };
        parts.push(rest.drain(..take).collect());
    }
    let mut rules = vec![];
    let mut names = vec![];
    for p in parts {
        let (r, n) = if p.len() == 1 {
            (Rule::Witness(p[0]), format!("w{}", p[0]))
        } else {
            gen_rule(rng, &p, text, groups, zero_k)
        };
        rules.push(r);
        names.push(n);
    }
    let n = rules.len();
    let k = if zero_k {
        0
    } else {
        1 + rng.below(n as u64) as usize
    };
    let kt = if !zero_k && k == n && rng.chance(30) {
        "all".to_string()
    } else if k == 1 && rng.chance(30) {
        "any".to_string()
    } else {
        k.to_string()
    };
    let name = format!("g{groups}");
    *groups += 1;
    text.push_str(&format!("group {name} {kt} {}\n", names.join(" ")));
    (Rule::Group(k, rules), name)
}

/// A random policy with `logs` logs and `n` witnesses. With `zero_k`, the
/// top group has threshold 0 (valid for sigsum-rs, not for sigsum-go).
pub fn gen_policy(rng: &mut Rng, logs: usize, n: usize, zero_k: bool) -> GenPolicy {
    let logs: Vec<Key> = (0..logs).map(|_| Key::random(rng)).collect();
    let witnesses: Vec<Key> = (0..n).map(|_| Key::random(rng)).collect();
    let mut text = String::new();
    for l in &logs {
        text.push_str(&format!("log {}\n", hex(&l.public)));
    }
    for (i, w) in witnesses.iter().enumerate() {
        text.push_str(&format!("witness w{i} {}\n", hex(&w.public)));
    }
    let quorum = if n == 0 || (!zero_k && rng.chance(5)) {
        text.push_str("quorum none\n");
        None
    } else {
        let members: Vec<usize> = (0..n).collect();
        let mut groups = 0;
        let (rule, name) = if zero_k {
            // Force a top-level group.
            let names: Vec<String> = members.iter().map(|i| format!("w{i}")).collect();
            text.push_str(&format!("group top 0 {}\n", names.join(" ")));
            (
                Rule::Group(0, members.into_iter().map(Rule::Witness).collect()),
                "top".to_string(),
            )
        } else {
            gen_rule(rng, &members, &mut text, &mut groups, false)
        };
        text.push_str(&format!("quorum {name}\n"));
        Some(rule)
    };
    GenPolicy {
        logs,
        witnesses,
        quorum,
        text,
    }
}

/// The single fault injected into a scenario (at most one, so the expected
/// error does not depend on the order of the checks).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// An honest proof (cosignatures may still be invalid or missing).
    None,
    /// The verifier is not given the submitter's key.
    UnknownSigner,
    /// The proof's log is not in the policy.
    UnknownLog,
    /// v1 proof whose short checksum does not match the message.
    ShortChecksum,
    /// The leaf signature is over another checksum.
    BadLeafSignature,
    /// The log signed another root.
    BadLogSignature,
    /// One node hash is corrupted.
    BadPath,
    /// The leaf index is off by one (still `< size` when possible).
    BadIndex,
}

/// Expected verdict of a check-everything verifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    /// Verifies; `quorum_timestamp` as defined in sigsum-core's verify.
    Ok {
        /// Newest T such that valid cosignatures with ts >= T satisfy the
        /// quorum (`None` when no cosignature is needed).
        quorum_timestamp: Option<u64>,
    },
    /// See [`Fault`].
    UnknownSigner,
    /// See [`Fault`].
    UnknownLog,
    /// See [`Fault`].
    ShortChecksum,
    /// See [`Fault`].
    BadLeafSignature,
    /// See [`Fault`].
    BadLogSignature,
    /// The inclusion proof fails.
    Inclusion,
    /// The valid cosignatures do not satisfy the quorum.
    QuorumNotMet,
}

/// One generated cosignature line.
#[derive(Clone, Debug)]
pub struct GenCosig {
    /// Witness key hash.
    pub key_hash: Hash,
    /// Timestamp.
    pub timestamp: u64,
    /// Signature.
    pub signature: [u8; 64],
    /// Index of the policy witness, if the policy knows it.
    pub witness: Option<usize>,
    /// Whether the signature is valid.
    pub valid: bool,
}

/// A generated verification problem.
#[derive(Clone, Debug)]
pub struct Scenario {
    /// The 32-byte message.
    pub message: Hash,
    /// Keys the verifier is given.
    pub signer_keys: Vec<[u8; 32]>,
    /// The policy.
    pub policy: GenPolicy,
    /// The proof text.
    pub proof_text: String,
    /// Proof version (1 or 2).
    pub version: u8,
    /// Tree size and leaf index in the proof.
    pub size: u64,
    /// Leaf index in the proof.
    pub index: u64,
    /// The cosignatures, in text order.
    pub cosigs: Vec<GenCosig>,
    /// The injected fault.
    pub fault: Fault,
    /// What a check-everything verifier says.
    pub expected: Expected,
}

impl Scenario {
    /// `true` if a known witness has an invalid cosignature.
    pub fn has_invalid_known_cosig(&self) -> bool {
        self.cosigs.iter().any(|c| c.witness.is_some() && !c.valid)
    }
}

/// Knobs for [`generate`].
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Percentage of version-1 proofs.
    pub v1_percent: u64,
    /// Percentage of proofs with a fault other than cosignature problems.
    pub fault_percent: u64,
    /// Percentage of known witnesses whose cosignature is invalid.
    pub invalid_cosig_percent: u64,
    /// Top-level threshold 0 (sigsum-rs-only policies).
    pub zero_k: bool,
    /// Largest tree size.
    pub max_size: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            v1_percent: 15,
            fault_percent: 40,
            invalid_cosig_percent: 15,
            zero_k: false,
            max_size: 1 << 40,
        }
    }
}

/// A random tree size: often small, sometimes around powers of two,
/// sometimes large.
fn gen_size(rng: &mut Rng, max: u64) -> u64 {
    let s = match rng.below(10) {
        0 => 1,
        1..=4 => 1 + rng.below(20),
        5 | 6 => 1 + rng.below(5000),
        7 => {
            let p = 1u64 << rng.below(40);
            (p + rng.below(3)).saturating_sub(1).max(1)
        }
        _ => 1 + rng.below(max),
    };
    s.clamp(1, max)
}

/// Generate scenario number `seed`.
pub fn generate(seed: u64, opt: &Options) -> Scenario {
    let mut rng = Rng(seed.wrapping_mul(0x2545f4914f6cdd1d) ^ 0x5eed);
    let nwit = rng.below(8) as usize;
    let nlogs = 1 + rng.below(3) as usize;
    let policy = gen_policy(&mut rng, nlogs, nwit, opt.zero_k);
    let log = policy.logs[rng.below(nlogs as u64) as usize].clone();
    let signer = Key::random(&mut rng);
    let message = rng.bytes32();
    let checksum = sha256(&message);
    let version = if rng.chance(opt.v1_percent) { 1 } else { 2 };

    let fault = if rng.chance(opt.fault_percent) {
        match rng.below(7) {
            0 => Fault::UnknownSigner,
            1 => Fault::UnknownLog,
            2 if version == 1 => Fault::ShortChecksum,
            2 => Fault::BadLeafSignature,
            3 => Fault::BadLeafSignature,
            4 => Fault::BadLogSignature,
            5 => Fault::BadPath,
            _ => Fault::BadIndex,
        }
    } else {
        Fault::None
    };

    let leaf_sig = if fault == Fault::BadLeafSignature {
        signer.sign(&leaf_signed_data(&sha256(b"another message")))
    } else {
        signer.sign(&leaf_signed_data(&checksum))
    };
    let mut leaf = checksum.to_vec();
    leaf.extend_from_slice(&leaf_sig);
    leaf.extend_from_slice(&signer.key_hash);
    let lh = leaf_hash(&leaf);

    let size = gen_size(&mut rng, opt.max_size);
    let index = rng.below(size);
    let salt = rng.bytes32();
    let (root, mut path) = tree(index, size, &lh, &salt);

    let mut fault = fault;
    let mut proof_index = index;
    match fault {
        Fault::BadPath if !path.is_empty() => {
            let i = rng.below(path.len() as u64) as usize;
            path[i][rng.below(32) as usize] ^= 1 << rng.below(8);
        }
        Fault::BadIndex if size >= 2 => {
            proof_index = if index + 1 < size {
                index + 1
            } else {
                index - 1
            };
        }
        Fault::BadPath | Fault::BadIndex => fault = Fault::None, // size 1
        _ => {}
    }

    let proof_log = if fault == Fault::UnknownLog {
        Key::random(&mut rng)
    } else {
        log.clone()
    };
    let body = checkpoint_body(&proof_log.key_hash, size, &root);
    let log_sig = if fault == Fault::BadLogSignature {
        let mut other = root;
        other[0] ^= 1;
        log.sign(checkpoint_body(&log.key_hash, size, &other).as_bytes())
    } else {
        proof_log.sign(body.as_bytes())
    };

    // Cosignatures: known witnesses cosign (valid or not) or not at all;
    // plus a few unknown witnesses.
    let base_ts = 1_700_000_000 + rng.below(100_000_000);
    let mut cosigs = vec![];
    for (i, w) in policy.witnesses.iter().enumerate() {
        if rng.chance(25) {
            continue;
        }
        let ts = base_ts - rng.below(4) * 60;
        let invalid = rng.chance(opt.invalid_cosig_percent);
        let signature = if invalid {
            w.sign(cosigned_message(ts + 1, &body).as_bytes())
        } else {
            w.sign(cosigned_message(ts, &body).as_bytes())
        };
        cosigs.push(GenCosig {
            key_hash: w.key_hash,
            timestamp: ts,
            signature,
            witness: Some(i),
            valid: !invalid,
        });
    }
    for _ in 0..rng.below(3) {
        let w = Key::random(&mut rng);
        let ts = base_ts - rng.below(4) * 60;
        cosigs.push(GenCosig {
            key_hash: w.key_hash,
            timestamp: ts,
            signature: w.sign(cosigned_message(ts, &body).as_bytes()),
            witness: None,
            valid: true,
        });
    }
    // Shuffle.
    for i in (1..cosigs.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        cosigs.swap(i, j);
    }

    // Text.
    let mut t = format!("version={version}\nlog={}\nleaf=", hex(&proof_log.key_hash));
    if version == 1 {
        let mut short = [checksum[0], checksum[1]];
        if fault == Fault::ShortChecksum {
            short[1] ^= 1;
        }
        t.push_str(&format!("{:02x}{:02x} ", short[0], short[1]));
    }
    t.push_str(&format!(
        "{} {}\n\nsize={size}\nroot_hash={}\nsignature={}\n",
        hex(&signer.key_hash),
        hex64(&leaf_sig),
        hex(&root),
        hex64(&log_sig)
    ));
    for c in &cosigs {
        t.push_str(&format!(
            "cosignature={} {} {}\n",
            hex(&c.key_hash),
            c.timestamp,
            hex64(&c.signature)
        ));
    }
    if size >= 2 {
        t.push_str(&format!("\nleaf_index={proof_index}\n"));
        for p in &path {
            t.push_str(&format!("node_hash={}\n", hex(p)));
        }
    }

    let signer_keys = if fault == Fault::UnknownSigner {
        vec![Key::random(&mut rng).public]
    } else if rng.chance(30) {
        vec![Key::random(&mut rng).public, signer.public]
    } else {
        vec![signer.public]
    };

    let expected = match fault {
        Fault::UnknownSigner => Expected::UnknownSigner,
        Fault::UnknownLog => Expected::UnknownLog,
        Fault::ShortChecksum => Expected::ShortChecksum,
        Fault::BadLeafSignature => Expected::BadLeafSignature,
        Fault::BadLogSignature => Expected::BadLogSignature,
        Fault::BadPath | Fault::BadIndex => Expected::Inclusion,
        Fault::None => quorum_verdict(&policy, &cosigs),
    };
    Scenario {
        message,
        signer_keys,
        policy,
        proof_text: t,
        version,
        size,
        index: proof_index,
        cosigs,
        fault,
        expected,
    }
}

/// Check-everything quorum verdict and the quorum timestamp.
pub fn quorum_verdict(policy: &GenPolicy, cosigs: &[GenCosig]) -> Expected {
    let n = policy.witnesses.len();
    let valid_with = |min_ts: u64| {
        let mut v = vec![false; n];
        for c in cosigs {
            if let (Some(i), true) = (c.witness, c.valid) {
                if c.timestamp >= min_ts {
                    v[i] = true;
                }
            }
        }
        v
    };
    if !policy.holds(&valid_with(0)) {
        return Expected::QuorumNotMet;
    }
    if policy.holds(&vec![false; n]) {
        return Expected::Ok {
            quorum_timestamp: None,
        };
    }
    let mut ts: Vec<u64> = cosigs
        .iter()
        .filter(|c| c.witness.is_some() && c.valid)
        .map(|c| c.timestamp)
        .collect();
    ts.sort_unstable_by(|a, b| b.cmp(a));
    let t = ts.into_iter().find(|t| policy.holds(&valid_with(*t)));
    Expected::Ok {
        quorum_timestamp: t,
    }
}

fn hex64(b: &[u8; 64]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

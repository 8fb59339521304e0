//! Random trust policies and a naive reference evaluator.
//!
//! [`RandomPolicy::generate`] builds a random quorum tree (witnesses,
//! nested k-of-n groups, unreferenced witnesses, optional `quorum none`)
//! from a seed; [`RandomPolicy::render`] writes it as policy text with
//! random but valid formatting (line order, blanks, tabs, comments, CRLF,
//! hex case, `any`/`all`/numeric thresholds, names); [`RandomPolicy::eval`]
//! evaluates the tree recursively on a set of witness numbers. Nothing here
//! uses sigsum-core.

use std::collections::BTreeSet;

/// A small deterministic PRNG (SplitMix64).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// Seeded generator.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// `true` with probability `num/den`.
    pub fn chance(&mut self, num: u64, den: u64) -> bool {
        self.next_u64() % den < num
    }

    /// Fisher-Yates shuffle.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

/// A node of the reference tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RefNode {
    /// Witness number `i` (index into [`RandomPolicy::witness_keys`]).
    Witness(usize),
    /// Group number `g` (index into [`RandomPolicy::groups`]).
    Group(usize),
}

/// A k-of-n group of the reference tree.
#[derive(Clone, Debug)]
pub struct RefGroup {
    /// Threshold.
    pub k: usize,
    /// Members (each node is a member of at most one group).
    pub members: Vec<RefNode>,
}

/// A random policy.
#[derive(Clone, Debug)]
pub struct RandomPolicy {
    /// Log keys.
    pub log_keys: Vec<[u8; 32]>,
    /// Witness keys (witness number = position).
    pub witness_keys: Vec<[u8; 32]>,
    /// Groups in creation order (members always created earlier).
    pub groups: Vec<RefGroup>,
    /// The quorum; `None` means `quorum none`.
    pub quorum: Option<RefNode>,
}

fn random_key(rng: &mut Rng) -> [u8; 32] {
    let mut k = [0u8; 32];
    for chunk in k.chunks_mut(8) {
        chunk.copy_from_slice(&rng.next_u64().to_le_bytes());
    }
    k
}

impl RandomPolicy {
    /// A random policy with 0..=`max_logs` logs, 1..=`max_witnesses`
    /// witnesses and at most `max_groups` groups of up to `max_members`
    /// members.
    pub fn generate(
        seed: u64,
        max_logs: usize,
        max_witnesses: usize,
        max_groups: usize,
        max_members: usize,
    ) -> Self {
        let mut rng = Rng::new(seed);
        let nlogs = rng.below(max_logs + 1);
        let nwitnesses = 1 + rng.below(max_witnesses);
        let log_keys = (0..nlogs).map(|_| random_key(&mut rng)).collect();
        let witness_keys = (0..nwitnesses).map(|_| random_key(&mut rng)).collect();
        // Free nodes: not yet a member of any group.
        let mut free: Vec<RefNode> = (0..nwitnesses).map(RefNode::Witness).collect();
        let mut groups: Vec<RefGroup> = Vec::new();
        let ngroups = rng.below(max_groups + 1);
        for g in 0..ngroups {
            if free.is_empty() {
                break;
            }
            rng.shuffle(&mut free);
            let n = 1 + rng.below(max_members.min(free.len()));
            let members: Vec<RefNode> = free.drain(..n).collect();
            let k = 1 + rng.below(n);
            groups.push(RefGroup { k, members });
            free.push(RefNode::Group(g));
        }
        let quorum = if rng.chance(1, 20) {
            None
        } else if rng.chance(1, 10) || groups.is_empty() {
            // Any node, even one that is also a member elsewhere.
            if rng.chance(1, 2) || groups.is_empty() {
                Some(RefNode::Witness(rng.below(nwitnesses)))
            } else {
                Some(RefNode::Group(rng.below(groups.len())))
            }
        } else {
            Some(RefNode::Group(groups.len() - 1))
        };
        RandomPolicy {
            log_keys,
            witness_keys,
            groups,
            quorum,
        }
    }

    /// Evaluate `node` with witnesses `present` (by number).
    pub fn eval_node(&self, node: &RefNode, present: &BTreeSet<usize>) -> bool {
        match node {
            RefNode::Witness(i) => present.contains(i),
            RefNode::Group(g) => {
                let group = &self.groups[*g];
                let count = group
                    .members
                    .iter()
                    .filter(|m| self.eval_node(m, present))
                    .count();
                count >= group.k
            }
        }
    }

    /// Evaluate the quorum with witnesses `present` (by number).
    pub fn eval(&self, present: &BTreeSet<usize>) -> bool {
        match &self.quorum {
            None => true,
            Some(q) => self.eval_node(q, present),
        }
    }

    /// The fewest witnesses to add to `present` to satisfy the quorum, by
    /// exhaustive search over the missing ones (small policies only).
    pub fn min_missing(&self, present: &BTreeSet<usize>) -> Option<usize> {
        let missing: Vec<usize> = (0..self.witness_keys.len())
            .filter(|i| !present.contains(i))
            .collect();
        assert!(missing.len() <= 16, "exhaustive search too large");
        let mut best: Option<usize> = None;
        for mask in 0u32..(1 << missing.len()) {
            let n = mask.count_ones() as usize;
            if best.is_some_and(|b| n >= b) {
                continue;
            }
            let mut set = present.clone();
            for (j, w) in missing.iter().enumerate() {
                if mask & (1 << j) != 0 {
                    set.insert(*w);
                }
            }
            if self.eval(&set) {
                best = Some(n);
            }
        }
        best
    }

    /// The name used for witness `i` with naming `style`.
    pub fn witness_name(i: usize, style: u64) -> String {
        match style % 3 {
            0 => format!("w{i}"),
            1 => format!("witness.example/{i}#x"),
            _ => format!("W-{}-{i}", "\u{e9}"),
        }
    }

    /// The name used for group `g` with naming `style`.
    pub fn group_name(g: usize, style: u64) -> String {
        match style % 3 {
            0 => format!("g{g}"),
            1 => format!("group:{g}"),
            _ => format!("G_{g}"),
        }
    }

    /// Render as policy text. `seed` picks the formatting and naming; any
    /// seed gives a text with the same meaning.
    pub fn render(&self, seed: u64) -> Vec<u8> {
        let mut rng = Rng::new(seed ^ 0x005e_ed0f_7e47);
        let style = rng.next_u64();
        let sep = |rng: &mut Rng| -> &'static str {
            match rng.below(4) {
                0 => " ",
                1 => "\t",
                2 => "  ",
                _ => " \t ",
            }
        };
        let hex = |rng: &mut Rng, key: &[u8; 32]| -> String {
            let h: String = key.iter().map(|b| format!("{b:02x}")).collect();
            match rng.below(3) {
                0 => h.to_uppercase(),
                _ => h,
            }
        };
        // Witness and log lines may go anywhere before first use; put
        // them (shuffled) first, then groups in creation order.
        let mut defs: Vec<String> = Vec::new();
        for (i, key) in self.witness_keys.iter().enumerate() {
            let name = Self::witness_name(i, style);
            let mut line = format!(
                "witness{}{name}{}{}",
                sep(&mut rng),
                sep(&mut rng),
                hex(&mut rng, key)
            );
            if rng.chance(1, 3) {
                line.push_str(&format!("{}https://w{i}.example", sep(&mut rng)));
            }
            defs.push(line);
        }
        for key in &self.log_keys {
            let mut line = format!("log{}{}", sep(&mut rng), hex(&mut rng, key));
            if rng.chance(1, 2) {
                line.push_str(&format!("{}https://log.example", sep(&mut rng)));
            }
            defs.push(line);
        }
        rng.shuffle(&mut defs);
        let node_name = |n: &RefNode| match n {
            RefNode::Witness(i) => Self::witness_name(*i, style),
            RefNode::Group(g) => Self::group_name(*g, style),
        };
        let mut lines = defs;
        for (g, group) in self.groups.iter().enumerate() {
            let n = group.members.len();
            let threshold = if group.k == 1 && rng.chance(1, 2) {
                "any".to_string()
            } else if group.k == n && rng.chance(1, 2) {
                "all".to_string()
            } else {
                group.k.to_string()
            };
            let mut members: Vec<String> = group.members.iter().map(node_name).collect();
            rng.shuffle(&mut members);
            let mut line = format!(
                "group{}{}{}{threshold}",
                sep(&mut rng),
                Self::group_name(g, style),
                sep(&mut rng)
            );
            for m in members {
                line.push_str(sep(&mut rng));
                line.push_str(&m);
            }
            lines.push(line);
        }
        let quorum = match &self.quorum {
            None => "none".to_string(),
            Some(q) => node_name(q),
        };
        lines.push(format!("quorum{}{quorum}", sep(&mut rng)));
        let crlf = rng.chance(1, 4);
        let mut out = String::new();
        for line in lines {
            if rng.chance(1, 6) {
                out.push_str(&format!("{}# comment {}\n", sep(&mut rng), rng.next_u64()));
            }
            if rng.chance(1, 8) {
                out.push_str(if crlf { "\r\n" } else { "\n" });
            }
            if rng.chance(1, 4) {
                out.push_str(sep(&mut rng));
            }
            out.push_str(&line);
            if rng.chance(1, 4) {
                out.push_str(sep(&mut rng));
            }
            out.push_str(if crlf { "\r\n" } else { "\n" });
        }
        let mut bytes = out.into_bytes();
        if rng.chance(1, 5) {
            // No final newline.
            while bytes.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                bytes.pop();
            }
        }
        bytes
    }
}

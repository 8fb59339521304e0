//! Canonical compilation of a text policy into the compiled blob
//! (the format of sigsum-c's policy compiler, see `docs/policy.md`), bit-exact with the sigsum-c compiler as
//! ported to sigsum-ts.

use core::cmp::Ordering;
use core::fmt;

use sha2::{Digest, Sha256};

use super::compiled::{CompiledPolicy, COMPILED_VERSION, HEADER_LEN, MAX_COMPILED_KEYS};
use super::program::{
    encode, encoded_len, CompiledError, MAX_PROGRAM_LEN, OP_ADD, OP_AT_LEAST, OP_PUSH,
};
use super::text::{PolicyNode, TextPolicyN, MAX_GROUPS_LIMIT};
use crate::types::{Hash, PublicKey, PUBLIC_KEY_SIZE};
use crate::writer::Writer;

/// Why a text policy could not be compiled.
///
/// * Log and witness tables: every `log` / `witness` line (referenced by
///   the quorum or not), sorted by key hash. A witness's index is its
///   position in the sorted table.
/// * Fragments: a witness is `push(index)`; a one-member group is its
///   member's fragment (no `>=1`); a group of n >= 2 members compiles its
///   members, sorts the fragments by length, then bytes, and emits
///   `F1 F2 ADD F3 ADD … Fn ADD >=K` (`any` = 1, `all` = n).
/// * The program is the fragment of the quorum node. `quorum none` has no
///   encoding (an empty program is invalid, and no byte string means
///   "always satisfied"): it is [`CompileError::QuorumNone`], as in the
///   port. Defining an encoding would need agreement with sigsum-c.
/// * Limits, checked in the port's order: 255 logs, 255 witnesses, then
///   `quorum none`, then a program of at most 255 bytes.
///
/// Everything without bytes in the output is irrelevant: names, URLs,
/// comments, line order, hex case, member order, unreachable groups. The
/// **policy hash** is SHA-256 of the blob ([`TextPolicyN::policy_hash`]),
/// so two texts with the same meaning have the same hash.
///
/// No allocation: the program is built in place in a 255-byte buffer
/// (members written contiguously in size order, runs of equal size sorted
/// by bytes, then spread apart to insert the ADDs), and the tables are
/// streamed in sorted order.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompileError {
    /// More than 255 logs.
    TooManyLogs {
        /// The number of logs.
        count: usize,
    },
    /// More than 255 witnesses.
    TooManyWitnesses {
        /// The number of witnesses.
        count: usize,
    },
    /// `quorum none` has no compiled encoding.
    QuorumNone,
    /// A tlog-policy witness has an ML-DSA-44 key: the compiled format
    /// holds 32-byte Ed25519 keys only.
    MlDsaWitness {
        /// The witness index.
        witness: u8,
    },
    /// The program would be longer than 255 bytes.
    ProgramTooLong {
        /// Its length in bytes.
        len: usize,
    },
    /// The output buffer is too small.
    BufferTooSmall {
        /// The blob length.
        needed: usize,
    },
    /// The compiled blob failed to load (a bug; reported, never a panic).
    Internal(CompiledError),
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooManyLogs { count } => {
                write!(f, "policy lists {count} logs, can have at most 255")
            }
            Self::TooManyWitnesses { count } => {
                write!(f, "policy lists {count} witnesses, can have at most 255")
            }
            Self::QuorumNone => f.write_str("quorum none cannot be compiled"),
            Self::MlDsaWitness { witness } => write!(
                f,
                "witness {witness} has an ML-DSA-44 key; compiled policies hold Ed25519 keys only"
            ),
            Self::ProgramTooLong { len } => write!(
                f,
                "policy quorum too complex, {len} bytes of bytecode, can have at most 255"
            ),
            Self::BufferTooSmall { needed } => {
                write!(f, "output buffer too small, {needed} bytes needed")
            }
            Self::Internal(e) => write!(f, "internal error, compiled policy invalid: {e}"),
        }
    }
}

/// Rank of each key hash (position in sorted order; ties by index).
fn ranks<'h>(hashes: impl Iterator<Item = &'h Hash> + Clone, out: &mut [u8; 255]) {
    for (i, hi) in hashes.clone().enumerate() {
        let rank = hashes
            .clone()
            .enumerate()
            .filter(|(j, hj)| match hj.0.cmp(&hi.0) {
                Ordering::Less => true,
                Ordering::Equal => *j < i,
                Ordering::Greater => false,
            })
            .count();
        if let Some(slot) = out.get_mut(i) {
            *slot = u8::try_from(rank).unwrap_or(u8::MAX);
        }
    }
}

/// Everything needed to stream the blob: table ranks and the program.
struct Plan {
    log_rank: [u8; 255],
    witness_rank: [u8; 255],
    nlogs: usize,
    nwitnesses: usize,
    program: [u8; MAX_PROGRAM_LEN],
    program_len: usize,
}

impl Plan {
    fn total_len(&self) -> usize {
        HEADER_LEN
            .saturating_add(
                self.nlogs
                    .saturating_add(self.nwitnesses)
                    .saturating_mul(PUBLIC_KEY_SIZE),
            )
            .saturating_add(self.program_len)
    }
}

struct Sizes<'p, 'a, const L: usize, const W: usize, const G: usize, const P: usize> {
    policy: &'p TextPolicyN<'a, L, W, G, P>,
    witness_rank: &'p [u8; 255],
    group_size: [usize; MAX_GROUPS_LIMIT],
}

impl<const L: usize, const W: usize, const G: usize, const P: usize> Sizes<'_, '_, L, W, G, P> {
    fn node(&self, node: PolicyNode) -> usize {
        match node {
            PolicyNode::None => 0,
            PolicyNode::Witness(i) => encoded_len(usize::from(
                self.witness_rank.get(usize::from(i)).copied().unwrap_or(0),
            )),
            PolicyNode::Group(g) => self.group_size.get(usize::from(g)).copied().unwrap_or(0),
        }
    }

    /// Follow one-member groups down to the node that emits bytes.
    fn collapse(&self, mut node: PolicyNode) -> PolicyNode {
        while let PolicyNode::Group(g) = node {
            let one = self.policy.group_at(g).is_some_and(|x| x.members == 1);
            match self.policy.members(g).next() {
                Some(m) if one => node = m,
                _ => break,
            }
        }
        node
    }

    /// The smallest member size of group `g` strictly above `above`.
    fn next_size(&self, g: u8, above: usize) -> Option<usize> {
        self.policy
            .members(g)
            .map(|m| self.node(m))
            .filter(|s| *s > above)
            .min()
    }

    /// The largest member size of group `g` strictly below `below`.
    fn prev_size(&self, g: u8, below: usize) -> Option<usize> {
        self.policy
            .members(g)
            .map(|m| self.node(m))
            .filter(|s| *s < below)
            .max()
    }

    /// Write the fragment of `node` into `buf` (`buf.len()` = its size).
    fn emit(&self, node: PolicyNode, buf: &mut [u8]) {
        match self.collapse(node) {
            PolicyNode::None => {}
            PolicyNode::Witness(i) => {
                let rank = self.witness_rank.get(usize::from(i)).copied().unwrap_or(0);
                encode(usize::from(rank), OP_PUSH, buf);
            }
            PolicyNode::Group(g) => self.emit_group(g, buf),
        }
    }

    fn emit_group(&self, g: u8, buf: &mut [u8]) {
        let Some(group) = self.policy.group_at(g) else {
            return;
        };
        let n = usize::from(group.members);
        let k = usize::from(group.threshold);
        let k_len = encoded_len(k);
        let members_len = buf
            .len()
            .saturating_sub(k_len)
            .saturating_sub(n.saturating_sub(1));
        // 1. Members contiguously, ascending size; each run of equal size
        //    sorted by bytes.
        let mut pos = 0usize;
        let mut size = 0usize;
        while let Some(s) = self.next_size(g, size) {
            size = s;
            let run_start = pos;
            for m in self.policy.members(g).filter(|m| self.node(*m) == s) {
                let end = pos.saturating_add(s);
                if let Some(slot) = buf.get_mut(pos..end) {
                    self.emit(m, slot);
                }
                pos = end;
            }
            if let Some(run) = buf.get_mut(run_start..pos) {
                sort_chunks(run, s);
            }
        }
        // 2. Spread: fragment i (0-based) moves right by max(i - 1, 0) and
        //    is followed by ADD for i >= 1. Walk from the last one so no
        //    unmoved fragment is overwritten.
        let mut end = members_len;
        let mut i = n;
        let mut below = usize::MAX;
        while let Some(s) = self.prev_size(g, below) {
            below = s;
            let count = self
                .policy
                .members(g)
                .filter(|m| self.node(*m) == s)
                .count();
            for _ in 0..count {
                i = i.saturating_sub(1);
                let start = end.saturating_sub(s);
                if i >= 1 {
                    let dest = start.saturating_add(i).saturating_sub(1);
                    // In bounds by construction (`buf` is exactly the
                    // group's size); checked anyway because `copy_within`
                    // panics and clippy's slicing lint does not see it.
                    if end > buf.len() || dest.saturating_add(s) > buf.len() {
                        return;
                    }
                    buf.copy_within(start..end, dest);
                    if let Some(add) = buf.get_mut(dest.saturating_add(s)) {
                        *add = OP_ADD;
                    }
                }
                end = start;
            }
        }
        // 3. The threshold.
        let k_start = buf.len().saturating_sub(k_len);
        if let Some(slot) = buf.get_mut(k_start..) {
            encode(k, OP_AT_LEAST, slot);
        }
    }
}

/// Insertion sort of the `s`-byte chunks of `run` by bytes.
fn sort_chunks(run: &mut [u8], s: usize) {
    if s == 0 {
        return;
    }
    let count = run.len().checked_div(s).unwrap_or(0);
    for i in 1..count {
        let mut j = i;
        while j > 0 {
            let a = j.saturating_sub(1).saturating_mul(s);
            let b = j.saturating_mul(s);
            let ordered = run.get(a..b) <= run.get(b..b.saturating_add(s));
            if ordered {
                break;
            }
            let (left, right) = run.split_at_mut(b);
            if let (Some(x), Some(y)) = (left.get_mut(a..), right.get_mut(..s)) {
                x.swap_with_slice(y);
            }
            j = j.saturating_sub(1);
        }
    }
}

/// Send the first `n` of `keys` (text order) to `sink` in rank order, key
/// `i` having rank `ranks[i]` (the sorted order of the compiled blob).
fn emit_keys_by_rank<'k>(
    ranks: &[u8],
    n: usize,
    keys: impl Iterator<Item = &'k PublicKey> + Clone,
    sink: &mut dyn FnMut(&[u8]),
) {
    for r in 0..n {
        let pos = ranks.iter().take(n).position(|x| usize::from(*x) == r);
        if let Some(key) = pos.and_then(|i| keys.clone().nth(i)) {
            sink(key.as_bytes());
        }
    }
}

impl<'a, const L: usize, const W: usize, const G: usize, const P: usize>
    TextPolicyN<'a, L, W, G, P>
{
    fn plan(&self) -> Result<Plan, CompileError> {
        let nlogs = self.log_count();
        let nwitnesses = self.witness_count();
        if nlogs > MAX_COMPILED_KEYS {
            return Err(CompileError::TooManyLogs { count: nlogs });
        }
        if nwitnesses > MAX_COMPILED_KEYS {
            return Err(CompileError::TooManyWitnesses { count: nwitnesses });
        }
        let quorum = match self.quorum() {
            None | Some(PolicyNode::None) => return Err(CompileError::QuorumNone),
            Some(q) => q,
        };
        let mut log_rank = [0u8; 255];
        ranks(self.logs().map(|l| &l.key_hash), &mut log_rank);
        let mut witness_rank = [0u8; 255];
        ranks(self.witnesses().map(|w| &w.key_hash), &mut witness_rank);

        // Group sizes bottom-up (children have smaller indices).
        let mut sizes = Sizes {
            policy: self,
            witness_rank: &witness_rank,
            group_size: [0; MAX_GROUPS_LIMIT],
        };
        let mut member_sum = [0usize; MAX_GROUPS_LIMIT];
        for (i, w) in self.witnesses().enumerate() {
            if let (Some(p), Ok(i)) = (w.parent(), u8::try_from(i)) {
                let s = sizes.node(PolicyNode::Witness(i));
                if let Some(sum) = member_sum.get_mut(usize::from(p)) {
                    *sum = sum.saturating_add(s);
                }
            }
        }
        for (g, group) in self.groups().enumerate() {
            let sum = member_sum.get(g).copied().unwrap_or(0);
            let n = usize::from(group.members);
            let size = if n == 1 {
                sum
            } else {
                sum.saturating_add(n.saturating_sub(1))
                    .saturating_add(encoded_len(usize::from(group.threshold)))
            };
            if let Some(slot) = sizes.group_size.get_mut(g) {
                *slot = size;
            }
            if let Some(parent) = group
                .parent()
                .and_then(|p| member_sum.get_mut(usize::from(p)))
            {
                *parent = parent.saturating_add(size);
            }
        }
        let program_len = sizes.node(quorum);
        if program_len > MAX_PROGRAM_LEN {
            return Err(CompileError::ProgramTooLong { len: program_len });
        }
        let mut program = [0u8; MAX_PROGRAM_LEN];
        if let Some(buf) = program.get_mut(..program_len) {
            sizes.emit(quorum, buf);
        }
        Ok(Plan {
            log_rank,
            witness_rank,
            nlogs,
            nwitnesses,
            program,
            program_len,
        })
    }

    /// Stream the blob in order to `sink`.
    fn emit_blob(&self, plan: &Plan, sink: &mut dyn FnMut(&[u8])) {
        let count = |n: usize| u8::try_from(n).unwrap_or(u8::MAX);
        sink(&[
            COMPILED_VERSION,
            count(plan.nlogs),
            count(plan.nwitnesses),
            count(plan.program_len),
        ]);
        emit_keys_by_rank(
            &plan.log_rank,
            plan.nlogs,
            self.logs().map(|l| &l.key),
            sink,
        );
        emit_keys_by_rank(
            &plan.witness_rank,
            plan.nwitnesses,
            self.witnesses().map(|w| &w.key),
            sink,
        );
        sink(plan.program.get(..plan.program_len).unwrap_or_default());
    }

    /// The length of the compiled blob.
    pub fn compiled_len(&self) -> Result<usize, CompileError> {
        self.plan().map(|p| p.total_len())
    }

    /// Compile into `out` (at least [`compiled_len`](Self::compiled_len)
    /// bytes; [`super::compiled::MAX_COMPILED_LEN`] always suffices) and
    /// return the loaded result, which borrows `out`.
    pub fn compile<'o>(&self, out: &'o mut [u8]) -> Result<CompiledPolicy<'o>, CompileError> {
        let plan = self.plan()?;
        let needed = plan.total_len();
        let Some(out) = out.get_mut(..needed) else {
            return Err(CompileError::BufferTooSmall { needed });
        };
        let mut w = Writer::new(out);
        let mut overflow = false;
        self.emit_blob(&plan, &mut |bytes| overflow |= w.bytes(bytes).is_err());
        if overflow || w.len() != needed {
            return Err(CompileError::BufferTooSmall { needed });
        }
        let written: &'o [u8] = w.into_written();
        CompiledPolicy::from_bytes(written).map_err(CompileError::Internal)
    }

    /// The policy hash: SHA-256 of the canonical compiled blob, computed
    /// without materialising it.
    pub fn policy_hash(&self) -> Result<Hash, CompileError> {
        let plan = self.plan()?;
        let mut h = Sha256::new();
        self.emit_blob(&plan, &mut |bytes| h.update(bytes));
        Ok(Hash(h.finalize().into()))
    }
}

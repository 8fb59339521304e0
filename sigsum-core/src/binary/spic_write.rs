//! Writers of spic policies and proofs (feature `tools`): from a Sigsum
//! text or compiled policy, and from a Sigsum ASCII proof.

use core::fmt;

use super::reader::{encode_uleb, MAX_LEB128_LEN};
use super::spic_policy::{SpicElement, SpicPolicy, MAX_SPIC_WITNESSES};
use super::spic_proof::MAX_SPIC_COSIGNATURES;
use crate::crypto::Ed25519Backend;
use crate::merkle::MAX_PATH_LEN;
use crate::policy::{CompiledPolicy, Instruction, Instructions, PolicyNode, TextPolicyN};
use crate::proof::Proof;
use crate::types::{Hash, PublicKey, HASH_SIZE, PUBLIC_KEY_SIZE, SIGNATURE_SIZE};
use crate::witness_set::WitnessSet;
use crate::writer::Writer;

/// The most groups a spic policy written here can have (a text policy's
/// group indices are bytes), plus the top element.
const MAX_ELEMENTS: usize = 256;
/// The longest encoded quorum element: three 32-bit LEB128 integers.
const MAX_ELEMENT_LEN: usize = 15;

/// The longest spic policy the writers produce: 255 logs, 64 witnesses,
/// 256 elements.
pub const MAX_SPIC_POLICY_LEN: usize = 5
    + 255 * PUBLIC_KEY_SIZE
    + 1
    + MAX_SPIC_WITNESSES * PUBLIC_KEY_SIZE
    + 5
    + MAX_ELEMENTS * MAX_ELEMENT_LEN;

/// The longest spic proof: every field at its largest.
pub const MAX_SPIC_PROOF_LEN: usize = 5
    + SIGNATURE_SIZE
    + 2 * MAX_LEB128_LEN
    + 1
    + MAX_PATH_LEN * HASH_SIZE
    + 5
    + SIGNATURE_SIZE
    + 1
    + MAX_SPIC_COSIGNATURES * (MAX_LEB128_LEN + 1 + SIGNATURE_SIZE);

/// Why a spic policy or proof could not be written.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpicWriteError {
    /// The output buffer is too small.
    BufferTooSmall,
    /// The policy has more than [`MAX_SPIC_WITNESSES`] witnesses.
    TooManyWitnesses,
    /// A compiled policy whose program is not a tree (a witness or a
    /// group counted twice), or empty: spic cannot express it.
    NotATree,
    /// The text given with a text policy is not the text it was parsed
    /// from (a group line is missing).
    TextMismatch,
    /// None of the submitter keys hashes to the proof's leaf key hash.
    UnknownSigner,
    /// The spic policy does not list the proof's log.
    UnknownLog,
    /// The valid cosignatures from the policy's witnesses do not satisfy
    /// its quorum, so no spic proof would verify.
    QuorumNotMet,
}

impl fmt::Display for SpicWriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::BufferTooSmall => "output buffer too small",
            Self::TooManyWitnesses => "spic policies hold at most 64 witnesses",
            Self::NotATree => "the quorum is not a tree of groups (spic cannot express it)",
            Self::TextMismatch => "the policy text does not match the parsed policy",
            Self::UnknownSigner => "no submitter key matches the proof's leaf key hash",
            Self::UnknownLog => "the spic policy does not list the proof's log",
            Self::QuorumNotMet => {
                "the valid cosignatures of known witnesses do not satisfy the quorum"
            }
        })
    }
}

impl core::error::Error for SpicWriteError {}

/// A spic policy before encoding: logs, witnesses in quorum order, and
/// the elements (fixed arrays, no allocation).
#[derive(Clone, Debug)]
pub struct SpicPolicyDraft {
    logs: [PublicKey; 255],
    nlogs: usize,
    witnesses: [PublicKey; MAX_SPIC_WITNESSES],
    nwitnesses: usize,
    elements: [SpicElement; MAX_ELEMENTS],
    nelements: usize,
    overflow: bool,
}

impl SpicPolicyDraft {
    fn new() -> Self {
        SpicPolicyDraft {
            logs: [PublicKey([0; 32]); 255],
            nlogs: 0,
            witnesses: [PublicKey([0; 32]); MAX_SPIC_WITNESSES],
            nwitnesses: 0,
            elements: [SpicElement::default(); MAX_ELEMENTS],
            nelements: 0,
            overflow: false,
        }
    }

    fn push_log(&mut self, key: PublicKey) {
        match self.logs.get_mut(self.nlogs) {
            Some(slot) => {
                *slot = key;
                self.nlogs = self.nlogs.saturating_add(1);
            }
            None => self.overflow = true,
        }
    }

    fn push_witness(&mut self, key: PublicKey) -> Result<(), SpicWriteError> {
        let slot = self
            .witnesses
            .get_mut(self.nwitnesses)
            .ok_or(SpicWriteError::TooManyWitnesses)?;
        *slot = key;
        self.nwitnesses = self.nwitnesses.saturating_add(1);
        Ok(())
    }

    fn push_element(&mut self, e: SpicElement) -> Result<(), SpicWriteError> {
        let slot = self
            .elements
            .get_mut(self.nelements)
            .ok_or(SpicWriteError::NotATree)?;
        *slot = e;
        self.nelements = self.nelements.saturating_add(1);
        Ok(())
    }

    /// The logs, in the order written (spic's compiler sorts the keys).
    pub fn logs(&self) -> &[PublicKey] {
        self.logs.get(..self.nlogs).unwrap_or_default()
    }

    /// The witnesses in quorum order.
    pub fn witnesses(&self) -> &[PublicKey] {
        self.witnesses.get(..self.nwitnesses).unwrap_or_default()
    }

    /// The quorum elements.
    pub fn elements(&self) -> &[SpicElement] {
        self.elements.get(..self.nelements).unwrap_or_default()
    }

    /// Sort the logs by key bytes, as spic's compiler does.
    fn sort_logs(&mut self) {
        let logs = self.logs.get_mut(..self.nlogs).unwrap_or_default();
        logs.sort_unstable();
    }
}

fn write_uleb(w: &mut Writer<'_>, v: u64) -> Result<(), SpicWriteError> {
    let mut buf = [0u8; MAX_LEB128_LEN];
    let n = encode_uleb(v, &mut buf);
    w.bytes(buf.get(..n).unwrap_or_default())
        .map_err(|_| SpicWriteError::BufferTooSmall)
}

fn write_element(w: &mut Writer<'_>, e: &SpicElement) -> Result<(), SpicWriteError> {
    let mut flags = u64::from(e.threshold) << 2;
    if e.children > 0 {
        flags |= 1;
    }
    if e.witnesses > 0 {
        flags |= 2;
    }
    write_uleb(w, flags)?;
    if e.children > 0 {
        write_uleb(w, u64::from(e.children))?;
    }
    if e.witnesses > 0 {
        write_uleb(w, u64::from(e.witnesses))?;
    }
    Ok(())
}

/// Encode `draft` into `out`; returns the number of bytes written.
pub fn write_spic_policy(draft: &SpicPolicyDraft, out: &mut [u8]) -> Result<usize, SpicWriteError> {
    let mut qbuf = [0u8; MAX_ELEMENTS * MAX_ELEMENT_LEN];
    let mut q = Writer::new(&mut qbuf);
    for e in draft.elements() {
        write_element(&mut q, e)?;
    }
    let qlen = q.len();
    let mut w = Writer::new(out);
    let too_small = |_| SpicWriteError::BufferTooSmall;
    write_uleb(&mut w, draft.logs().len() as u64)?;
    for k in draft.logs() {
        w.bytes(&k.0).map_err(too_small)?;
    }
    write_uleb(&mut w, draft.witnesses().len() as u64)?;
    for k in draft.witnesses() {
        w.bytes(&k.0).map_err(too_small)?;
    }
    write_uleb(&mut w, qlen as u64)?;
    w.bytes(qbuf.get(..qlen).unwrap_or_default())
        .map_err(too_small)?;
    Ok(w.len())
}

/// The member names of group `name` in the order of its `group` line.
fn group_line<'t>(text: &'t [u8], name: &[u8]) -> Option<impl Iterator<Item = &'t [u8]> + 't> {
    text.split(|b| *b == b'\n').find_map(|line| {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let mut fields = line
            .split(|b| *b == b' ' || *b == b'\t')
            .filter(|f| !f.is_empty());
        (fields.next() == Some(b"group") && fields.next() == Some(name)).then(|| fields.skip(1))
    })
}

/// spic's compiler (`SigsumPolicy.compile`) on a text policy: groups in
/// post-order, each group's witnesses after those of its child groups, in
/// the order of the `group` lines.
struct FromText<'p, 't, const L: usize, const W: usize, const G: usize, const P: usize> {
    policy: &'p TextPolicyN<'t, L, W, G, P>,
    text: &'t [u8],
}

impl<const L: usize, const W: usize, const G: usize, const P: usize> FromText<'_, '_, L, W, G, P> {
    /// The members of group `g` in line order.
    fn members(
        &self,
        g: u8,
        each: &mut dyn FnMut(PolicyNode) -> Result<(), SpicWriteError>,
    ) -> Result<(), SpicWriteError> {
        let group = self
            .policy
            .group_at(g)
            .ok_or(SpicWriteError::TextMismatch)?;
        let names = group_line(self.text, group.name).ok_or(SpicWriteError::TextMismatch)?;
        for name in names {
            each(self.policy.find(name).ok_or(SpicWriteError::TextMismatch)?)?;
        }
        Ok(())
    }

    /// A 1-of-1 group around a group stands for its member (spic's
    /// compiler folds it).
    fn fold(&self, g: u8) -> Result<u8, SpicWriteError> {
        let mut g = g;
        loop {
            let entry = self
                .policy
                .group_at(g)
                .ok_or(SpicWriteError::TextMismatch)?;
            if entry.threshold != 1 || entry.members != 1 {
                return Ok(g);
            }
            let mut only = None;
            self.members(g, &mut |m| {
                only = Some(m);
                Ok(())
            })?;
            match only {
                Some(PolicyNode::Group(child)) => g = child,
                _ => return Ok(g),
            }
        }
    }

    fn group(&self, g: u8, draft: &mut SpicPolicyDraft) -> Result<(), SpicWriteError> {
        let g = self.fold(g)?;
        let entry = self
            .policy
            .group_at(g)
            .ok_or(SpicWriteError::TextMismatch)?;
        let mut children = 0u32;
        self.members(g, &mut |m| {
            if let PolicyNode::Group(child) = m {
                self.group(child, draft)?;
                children = children.saturating_add(1);
            }
            Ok(())
        })?;
        let mut witnesses = 0u32;
        self.members(g, &mut |m| {
            if let PolicyNode::Witness(w) = m {
                let key = self
                    .policy
                    .witness_at(w)
                    .ok_or(SpicWriteError::TextMismatch)?
                    .key;
                draft.push_witness(key)?;
                witnesses = witnesses.saturating_add(1);
            }
            Ok(())
        })?;
        draft.push_element(SpicElement {
            threshold: u32::from(entry.threshold),
            children,
            witnesses,
        })
    }
}

/// The spic form of a text policy, as spic's compiler builds it from the
/// same text: logs sorted by key bytes, witnesses in the order the quorum
/// consumes them, which follows the order of the members on the `group`
/// lines (so two spellings of one policy can give two spic policies; use
/// [`spic_policy_from_compiled`] for one form per meaning). `text` must be
/// the text `policy` was parsed from.
pub fn spic_policy_from_text<const L: usize, const W: usize, const G: usize, const P: usize>(
    policy: &TextPolicyN<'_, L, W, G, P>,
    text: &[u8],
) -> Result<SpicPolicyDraft, SpicWriteError> {
    let mut draft = SpicPolicyDraft::new();
    for log in policy.logs() {
        draft.push_log(log.key);
    }
    draft.sort_logs();
    match policy.quorum() {
        None | Some(PolicyNode::None) => draft.push_element(SpicElement::default())?,
        Some(PolicyNode::Witness(w)) => {
            let key = policy
                .witness_at(w)
                .ok_or(SpicWriteError::TextMismatch)?
                .key;
            draft.push_witness(key)?;
            draft.push_element(SpicElement {
                threshold: 1,
                children: 0,
                witnesses: 1,
            })?;
        }
        Some(PolicyNode::Group(g)) => FromText { policy, text }.group(g, &mut draft)?,
    }
    if draft.overflow {
        return Err(SpicWriteError::BufferTooSmall);
    }
    Ok(draft)
}

/// One term of a value of a compiled program: a witness or a group.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Term {
    #[default]
    Empty,
    Witness(u32),
    Group(u16),
}

/// The quorum tree of a compiled program (at most 255 instructions).
struct Tree {
    /// Each group: threshold, first member in `members`, member count.
    groups: [(u32, u16, u16); 256],
    ngroups: usize,
    members: [Term; 256],
    nmembers: usize,
}

impl Tree {
    /// Rebuild the tree; `None` unless every value of the program is used
    /// once and the program ends with one term.
    fn build(program: &[u8]) -> Option<(Tree, Term)> {
        let mut tree = Tree {
            groups: [(0, 0, 0); 256],
            ngroups: 0,
            members: [Term::Empty; 256],
            nmembers: 0,
        };
        let mut terms = [Term::Empty; 256];
        let mut nterms = 0usize;
        let mut starts = [0u16; 256];
        let mut nvalues = 0usize;
        for item in Instructions::new(program) {
            let (_, op) = item.ok()?;
            match op {
                Instruction::Push(i) => {
                    *terms.get_mut(nterms)? = Term::Witness(i);
                    *starts.get_mut(nvalues)? = u16::try_from(nterms).ok()?;
                    nterms = nterms.checked_add(1)?;
                    nvalues = nvalues.checked_add(1)?;
                }
                Instruction::Add => nvalues = nvalues.checked_sub(1).filter(|v| *v >= 1)?,
                Instruction::AtLeast(k) => {
                    let top = nvalues.checked_sub(1)?;
                    let start = usize::from(*starts.get(top)?);
                    let first = tree.nmembers;
                    for t in terms.get(start..nterms)? {
                        *tree.members.get_mut(tree.nmembers)? = *t;
                        tree.nmembers = tree.nmembers.checked_add(1)?;
                    }
                    let count = nterms.checked_sub(start)?;
                    *tree.groups.get_mut(tree.ngroups)? =
                        (k, u16::try_from(first).ok()?, u16::try_from(count).ok()?);
                    *terms.get_mut(start)? = Term::Group(u16::try_from(tree.ngroups).ok()?);
                    tree.ngroups = tree.ngroups.checked_add(1)?;
                    nterms = start.checked_add(1)?;
                }
            }
        }
        (nvalues == 1 && nterms == 1).then_some(())?;
        Some((tree, *terms.first()?))
    }

    fn members(&self, g: u16) -> &[Term] {
        let Some(&(_, first, count)) = self.groups.get(usize::from(g)) else {
            return &[];
        };
        let end = usize::from(first).saturating_add(usize::from(count));
        self.members
            .get(usize::from(first)..end)
            .unwrap_or_default()
    }

    fn emit(
        &self,
        g: u16,
        witness_key: &dyn Fn(u32) -> Option<PublicKey>,
        seen: &mut WitnessSet,
        draft: &mut SpicPolicyDraft,
    ) -> Result<(), SpicWriteError> {
        let threshold = self.groups.get(usize::from(g)).map_or(0, |x| x.0);
        let members = self.members(g);
        if let (1, [Term::Group(child)]) = (threshold, members) {
            return self.emit(*child, witness_key, seen, draft);
        }
        let mut children = 0u32;
        for m in members {
            if let Term::Group(child) = m {
                self.emit(*child, witness_key, seen, draft)?;
                children = children.saturating_add(1);
            }
        }
        let mut witnesses = 0u32;
        for m in members {
            if let Term::Witness(i) = m {
                let index = u8::try_from(*i).map_err(|_| SpicWriteError::NotATree)?;
                if seen.contains(index) {
                    return Err(SpicWriteError::NotATree);
                }
                seen.insert(index);
                draft.push_witness(witness_key(*i).ok_or(SpicWriteError::NotATree)?)?;
                witnesses = witnesses.saturating_add(1);
            }
        }
        draft.push_element(SpicElement {
            threshold,
            children,
            witnesses,
        })
    }
}

/// The spic form of a compiled policy. A canonical compiled policy
/// identifies a policy's meaning, so every spelling of one text policy
/// gives the same spic policy this way: logs sorted by key bytes, witnesses
/// in the order the quorum consumes them, groups in the compiled
/// program's order. Fails with [`SpicWriteError::NotATree`] when a witness
/// is used twice (possible only in a hand-made blob).
pub fn spic_policy_from_compiled(
    policy: &CompiledPolicy<'_>,
) -> Result<SpicPolicyDraft, SpicWriteError> {
    let mut draft = SpicPolicyDraft::new();
    for key in policy.log_keys() {
        draft.push_log(key);
    }
    draft.sort_logs();
    let witness_key = |i: u32| {
        usize::try_from(i)
            .ok()
            .and_then(|i| policy.witness_keys().nth(i))
    };
    let (tree, top) = Tree::build(policy.program()).ok_or(SpicWriteError::NotATree)?;
    let mut seen = WitnessSet::EMPTY;
    match top {
        Term::Empty => return Err(SpicWriteError::NotATree),
        Term::Witness(i) => {
            draft.push_witness(witness_key(i).ok_or(SpicWriteError::NotATree)?)?;
            draft.push_element(SpicElement {
                threshold: 1,
                children: 0,
                witnesses: 1,
            })?;
        }
        Term::Group(g) => tree.emit(g, &witness_key, &mut seen, &mut draft)?,
    }
    if draft.overflow {
        return Err(SpicWriteError::BufferTooSmall);
    }
    Ok(draft)
}

/// Write the spic form of the Sigsum `proof` for `policy` (a loaded spic
/// policy) into `out`; returns the number of bytes written.
///
/// As spic's compiler (`compile_proof`): the leaf key index is the
/// position in `submitter_keys` of the key whose hash is the leaf's key
/// hash, the log key index the position of the proof's log in the policy;
/// cosignatures from witnesses the policy does not list are dropped, the
/// others sorted by timestamp, then key hash, and the first smallest set
/// that satisfies the quorum is kept (in that order, timestamps as
/// deltas). Unlike spic's compiler, each cosignature is verified first
/// (with `backend`, on the proof's tree head) and invalid ones are
/// dropped: spic treats an invalid cosignature as fatal, so keeping one
/// would turn a proof that verifies as ASCII into one that fails.
pub fn write_spic_proof<B: Ed25519Backend>(
    proof: &Proof<'_>,
    policy: &SpicPolicy<'_>,
    submitter_keys: &[PublicKey],
    backend: &B,
    out: &mut [u8],
) -> Result<usize, SpicWriteError> {
    let leaf_key_index = submitter_keys
        .iter()
        .position(|k| k.key_hash() == proof.leaf_key_hash)
        .ok_or(SpicWriteError::UnknownSigner)?;
    let log_key_index = policy
        .log_keys()
        .position(|k| k.key_hash() == proof.log_key_hash)
        .ok_or(SpicWriteError::UnknownLog)?;
    let sth = &proof.signed_tree_head;
    let body = sth.tree_head.sigsum_body(&proof.log_key_hash);

    // (timestamp, key hash, position in the proof, witness index)
    let mut candidates = [(0u64, Hash::default(), 0usize, 0u8); MAX_SPIC_WITNESSES];
    let mut n = 0usize;
    for (position, c) in sth.cosignatures.iter().enumerate() {
        let Some((index, key)) = policy
            .witness_keys()
            .enumerate()
            .find(|(_, k)| k.key_hash() == c.key_hash)
        else {
            continue;
        };
        if !c.verify_body(&key, &body, backend) {
            continue;
        }
        let Some(slot) = candidates.get_mut(n) else {
            break;
        };
        *slot = (
            c.timestamp,
            c.key_hash,
            position,
            u8::try_from(index).unwrap_or(u8::MAX),
        );
        n = n.saturating_add(1);
    }
    let candidates = candidates.get_mut(..n).unwrap_or_default();
    candidates.sort_unstable_by_key(|c| (c.0, c.1));

    // The first smallest satisfying combination, in the order of
    // itertools.combinations: greedily take the earliest candidate that
    // still allows a set of the minimal size.
    let all = candidates.iter().fold(WitnessSet::EMPTY, |mut s, c| {
        s.insert(c.3);
        s
    });
    let mut remaining = policy
        .missing(&WitnessSet::EMPTY, &all)
        .ok_or(SpicWriteError::QuorumNotMet)?;
    let mut chosen = WitnessSet::EMPTY;
    let mut keep = [false; MAX_SPIC_WITNESSES];
    for (i, c) in candidates.iter().enumerate() {
        if remaining == 0 {
            break;
        }
        let mut with = chosen;
        with.insert(c.3);
        let later =
            candidates
                .iter()
                .skip(i.saturating_add(1))
                .fold(WitnessSet::EMPTY, |mut s, c| {
                    s.insert(c.3);
                    s
                });
        if policy.missing(&with, &later).is_some_and(|m| m < remaining) {
            chosen = with;
            remaining = remaining.saturating_sub(1);
            if let Some(k) = keep.get_mut(i) {
                *k = true;
            }
        }
    }

    let mut w = Writer::new(out);
    let too_small = |_| SpicWriteError::BufferTooSmall;
    write_uleb(&mut w, leaf_key_index as u64)?;
    w.bytes(&proof.leaf_signature.0).map_err(too_small)?;
    write_uleb(&mut w, sth.tree_head.size)?;
    write_uleb(&mut w, proof.leaf_index)?;
    write_uleb(&mut w, proof.path.len() as u64)?;
    for node in proof.path.iter() {
        w.bytes(&node.0).map_err(too_small)?;
    }
    write_uleb(&mut w, log_key_index as u64)?;
    w.bytes(&sth.signature.0).map_err(too_small)?;
    write_uleb(&mut w, chosen.len() as u64)?;
    let mut previous = 0u64;
    for (c, _) in candidates.iter().zip(keep).filter(|(_, k)| *k) {
        let Some(cosignature) = sth.cosignatures.get(c.2) else {
            continue;
        };
        write_uleb(&mut w, c.0.saturating_sub(previous))?;
        write_uleb(&mut w, u64::from(c.3))?;
        w.bytes(&cosignature.signature.0).map_err(too_small)?;
        previous = c.0;
    }
    Ok(w.len())
}

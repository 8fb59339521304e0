//! The quorum engine: the one interpreter of quorum programs, behind
//! every policy form.
//!
//! Every policy holds its quorum as a program in the bytecode of sigsum-c's
//! compiled policies (push witness `i`, `ADD`, `>=K`; see
//! [`CompiledPolicy`](super::CompiledPolicy)): a compiled policy has it in
//! its blob, a text policy compiles its quorum tree into one when it is
//! parsed, and `quorum none` is the empty program (always satisfied). One
//! interpreter, [`run`], answers every question about it, by computing for
//! each value of the program the fewest further cosignatures that would
//! make it hold (its *need*): a witness needs 0 if its cosignature
//! verified, 1 if it may still verify, otherwise it is [`UNREACHABLE`]; a
//! `>=K` over a sum of terms needs the sum of the `K` smallest needs of the
//! terms. Then
//!
//! * the quorum is satisfied iff its need is 0 when every unverified
//!   witness is unreachable ([`satisfied`]). sigsum-c counts satisfied
//!   terms instead; a second machine doing that here was faster (about
//!   470 instead of 760 x86-64 instructions for the test policy, against
//!   2.4 million for a whole verification) but cost 180 bytes of device
//!   code, so there is one machine;
//! * [`missing`] is the need when some witnesses may still verify (exact
//!   for programs where each witness and group counts once, which every
//!   compiler output and every text policy is);
//! * the explanation of a decision reports each `>=K` (each group) on the
//!   way.
//!
//! The early decision of [`super::TrustPolicy::decide`] follows: quorums are
//! monotone, so "met on `verified`" and "not met even on `verified ∪
//! pending`" decide the answer (a test checks it against full evaluation of
//! every completion). Fixed-size stacks, no allocation, no panic on any
//! program.

use super::program::{decode, Instruction};
use crate::witness_set::WitnessSet;

/// Unreachable need (a threshold above the member count, only possible in
/// a hand-made compiled program).
pub(crate) const UNREACHABLE: u16 = u16::MAX;

/// The state of one group.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GroupStatus {
    /// Members that are satisfied.
    pub satisfied_members: u16,
    /// k.
    pub threshold: u16,
    /// n.
    pub members: u16,
    /// The fewest additional cosignatures that would satisfy the group
    /// (0 iff it is satisfied).
    pub missing: u16,
}

#[cfg(feature = "tools")]
impl GroupStatus {
    /// The `missing` value of a group or quorum that no set of further
    /// cosignatures can satisfy.
    pub const UNREACHABLE: u16 = UNREACHABLE;

    /// `true` iff at least `threshold` members are satisfied.
    pub fn is_satisfied(&self) -> bool {
        self.missing == 0
    }
}

/// The state of every group of a text policy (index = group index) and of
/// the quorum.
#[cfg(feature = "tools")]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuorumReport<const G: usize> {
    pub(crate) groups: [GroupStatus; G],
    pub(crate) ngroups: usize,
    /// The fewest additional cosignatures that would satisfy the quorum
    /// (0 iff it is satisfied).
    pub missing: u16,
}

#[cfg(feature = "tools")]
impl<const G: usize> QuorumReport<G> {
    /// `true` iff the quorum is satisfied.
    pub fn is_satisfied(&self) -> bool {
        self.missing == 0
    }

    /// The status of every group, by group index.
    pub fn groups(&self) -> impl Iterator<Item = &GroupStatus> + '_ {
        self.groups.iter().take(self.ngroups)
    }

    /// The status of group `i`.
    pub fn group(&self, i: u8) -> Option<&GroupStatus> {
        self.groups().nth(usize::from(i))
    }
}

/// The fewest further cosignatures each value needs. A value (a sum) is a
/// run of contiguous terms starting at `starts[v]`; at most `TERMS` terms
/// (one per push: a `>=K` replaces its run by one term) in at most
/// `VALUES` values at once.
struct Needs<F, G, const TERMS: usize, const VALUES: usize> {
    witness_need: F,
    on_group: G,
    terms: [u16; TERMS],
    nterms: usize,
    starts: [u16; VALUES],
    nvalues: usize,
    groups: usize,
}

impl<F, G, const TERMS: usize, const VALUES: usize> Needs<F, G, TERMS, VALUES>
where
    F: Fn(u32) -> u16,
    G: FnMut(usize, GroupStatus),
{
    /// Run `program`, one step per instruction (the one decoder,
    /// [`decode`]). `false` if the program is malformed or a stack is
    /// full.
    fn execute(&mut self, program: &[u8]) -> bool {
        let mut pos = 0usize;
        while let Some(item) = decode(program, pos) {
            let Ok((op, next)) = item else {
                return false;
            };
            let step = match op {
                Instruction::Push(i) => self.push(i),
                Instruction::Add => self.add(),
                Instruction::AtLeast(k) => self.at_least(k),
            };
            if step.is_none() {
                return false;
            }
            pos = next;
        }
        true
    }

    /// Push the need of witness `i` as a one-term value.
    fn push(&mut self, i: u32) -> Option<()> {
        *self.terms.get_mut(self.nterms)? = (self.witness_need)(i);
        *self.starts.get_mut(self.nvalues)? = u16::try_from(self.nterms).ok()?;
        self.nterms = self.nterms.checked_add(1)?;
        self.nvalues = self.nvalues.checked_add(1)?;
        Some(())
    }

    /// Add the two top values: their terms are adjacent, so drop the
    /// upper start to merge them.
    fn add(&mut self) -> Option<()> {
        if self.nvalues < 2 {
            return None;
        }
        self.nvalues = self.nvalues.checked_sub(1)?;
        Some(())
    }

    /// Replace the top value by the group `>= k` over its terms: one term,
    /// the sum of the `k` smallest needs (0 if `k` terms are met).
    fn at_least(&mut self, k: u32) -> Option<()> {
        let start = usize::from(*self.starts.get(self.nvalues.checked_sub(1)?)?);
        let run = self.terms.get_mut(start..self.nterms)?;
        let members = run.len();
        let satisfied = run.iter().filter(|n| **n == 0).count();
        let k = usize::try_from(k).unwrap_or(usize::MAX);
        let need = if satisfied >= k {
            0
        } else {
            sum_smallest(run, k)
        };
        (self.on_group)(
            self.groups,
            GroupStatus {
                satisfied_members: u16::try_from(satisfied).unwrap_or(u16::MAX),
                threshold: u16::try_from(k).unwrap_or(u16::MAX),
                members: u16::try_from(members).unwrap_or(u16::MAX),
                missing: need,
            },
        );
        self.groups = self.groups.saturating_add(1);
        *self.terms.get_mut(start)? = need;
        self.nterms = start.checked_add(1)?;
        Some(())
    }
}

/// Run `program` where witness `i` needs `witness_need(i)` cosignatures
/// (see [`Needs`] for `TERMS` and `VALUES`). Returns the need of the
/// single value the program leaves (0 for the empty program: `quorum
/// none`), or [`UNREACHABLE`] for a malformed program or one that leaves
/// other than one value. `on_group` gets the status of every `>=K`, in
/// program order, with its 0-based position among the `>=K` instructions.
pub(crate) fn run<const TERMS: usize, const VALUES: usize>(
    program: &[u8],
    witness_need: impl Fn(u32) -> u16,
    on_group: impl FnMut(usize, GroupStatus),
) -> u16 {
    if program.is_empty() {
        return 0;
    }
    let mut m = Needs::<_, _, TERMS, VALUES> {
        witness_need,
        on_group,
        terms: [0; TERMS],
        nterms: 0,
        starts: [0; VALUES],
        nvalues: 0,
        groups: 0,
    };
    match (m.execute(program), m.nvalues, m.nterms, m.terms.first()) {
        (true, 1, 1, Some(need)) => *need,
        _ => UNREACHABLE,
    }
}

/// `true` iff the witnesses in `verified` satisfy `program`'s quorum (the
/// empty program always: `quorum none`): a need of 0 when no other witness
/// may verify.
pub(crate) fn satisfied<const TERMS: usize, const VALUES: usize>(
    program: &[u8],
    verified: &WitnessSet,
) -> bool {
    missing::<TERMS, VALUES>(program, verified, &WitnessSet::EMPTY) == Some(0)
}

/// [`super::TrustPolicy::missing`]: the fewest further witnesses from
/// `available` whose cosignatures, added to `verified`, satisfy the quorum.
pub(crate) fn missing<const TERMS: usize, const VALUES: usize>(
    program: &[u8],
    verified: &WitnessSet,
    available: &WitnessSet,
) -> Option<usize> {
    let need = |i: u32| match u8::try_from(i) {
        Ok(i) if verified.contains(i) => 0,
        Ok(i) if available.contains(i) => 1,
        _ => UNREACHABLE,
    };
    let need = run::<TERMS, VALUES>(program, need, |_, _| {});
    (need != UNREACHABLE).then_some(usize::from(need))
}

/// Sum of the `k` smallest values (may reorder `needs`); `UNREACHABLE`
/// if there are fewer than `k`.
///
/// No `sort_unstable`: it is about 2 KiB of code on small targets, and the
/// verifier calls this (through `TrustPolicy::missing`). Up to 32 values
/// are insertion-sorted; more are counted in buckets: a real need is at
/// most 255 (each witness counts once in the tree), anything larger is
/// [`UNREACHABLE`].
fn sum_smallest(needs: &mut [u16], k: usize) -> u16 {
    if needs.len() < k {
        return UNREACHABLE;
    }
    if needs.len() <= 32 {
        for i in 1..needs.len() {
            let mut j = i;
            while let (Some(prev), Some(cur)) = (
                j.checked_sub(1).and_then(|p| needs.get(p)).copied(),
                needs.get(j).copied(),
            ) {
                if prev <= cur {
                    break;
                }
                needs.swap(j.saturating_sub(1), j);
                j = j.saturating_sub(1);
            }
        }
        return needs.get(..k).map_or(UNREACHABLE, |c| {
            c.iter().fold(0u16, |acc, n| acc.saturating_add(*n))
        });
    }
    let mut buckets = [0u16; 256];
    for n in needs.iter() {
        if let Some(b) = buckets.get_mut(usize::from(*n)) {
            *b = b.saturating_add(1);
        }
    }
    let mut left = k;
    let mut sum = 0u16;
    for (value, count) in (0u16..).zip(buckets.iter()) {
        if left == 0 {
            break;
        }
        let take = left.min(usize::from(*count));
        let part = u16::try_from(take).unwrap_or(u16::MAX);
        sum = sum.saturating_add(value.saturating_mul(part));
        left = left.saturating_sub(take);
    }
    if left > 0 {
        UNREACHABLE
    } else {
        sum
    }
}

#[cfg(test)]
mod tests {
    use super::{sum_smallest, UNREACHABLE};

    #[test]
    fn sum_smallest_equals_sorting() {
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        for len in 0..90usize {
            for k in 0..=len + 1 {
                let mut buf = [0u16; 90];
                for slot in buf.iter_mut().take(len) {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    *slot = match x % 8 {
                        0 => UNREACHABLE,
                        1..=3 => (x >> 8) as u16 % 2,
                        _ => (x >> 8) as u16 % 256,
                    };
                }
                let mut sorted_buf = buf;
                let v = &mut buf[..len];
                let sorted = &mut sorted_buf[..len];
                sorted.sort_unstable();
                let want = if k > len {
                    UNREACHABLE
                } else {
                    sorted[..k].iter().fold(0u16, |a, n| a.saturating_add(*n))
                };
                assert_eq!(sum_smallest(v, k), want, "len {len} k {k}");
            }
        }
    }
}

//! Explaining a quorum decision: per group, how many members are satisfied
//! and how many more cosignatures would satisfy it. Fixed-size output, no
//! allocation.
//!
//! "More cosignatures" counts witnesses not yet in the verified set. For a
//! group it is the sum of the `k - satisfied` smallest needs among its
//! unsatisfied members; since each witness or group is a member at most
//! once, members are independent and this is the exact minimum.
//!
//! The early decision of [`super::TrustPolicy::decide`] needs nothing from
//! here: quorums are monotone, so "met on `verified`" and "not met even on
//! `verified ∪ pending`" decide the answer, and two evaluations suffice (a
//! test checks it against full evaluation of every completion).

use super::compiled::{CompiledPolicy, Instruction, Instructions};
use super::text::{PolicyNode, TextPolicyN, MAX_GROUPS_LIMIT};
use crate::witness_set::WitnessSet;

/// The most members a text group can have (255 witnesses + 255 groups).
const MAX_MEMBERS: usize = 2 * MAX_GROUPS_LIMIT;

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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuorumReport<const G: usize> {
    groups: [GroupStatus; G],
    ngroups: usize,
    /// The fewest additional cosignatures that would satisfy the quorum
    /// (0 iff it is satisfied).
    pub missing: u16,
}

impl<const G: usize> QuorumReport<G> {
    /// `true` iff the quorum is satisfied.
    #[cfg(feature = "tools")]
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

/// What one witness needs: 0 if verified, 1 if available, else
/// [`UNREACHABLE`].
fn need_of(i: u8, verified: &WitnessSet, available: &WitnessSet) -> u16 {
    if verified.contains(i) {
        0
    } else if available.contains(i) {
        1
    } else {
        UNREACHABLE
    }
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

impl<'a, const L: usize, const W: usize, const G: usize> TextPolicyN<'a, L, W, G> {
    #[cfg(feature = "tools")]
    /// Explain the quorum on `verified`: each group's satisfied members and
    /// missing cosignatures, and the quorum's. `report.is_satisfied()`
    /// equals [`TextPolicyN::evaluate`].
    pub fn explain(&self, verified: &WitnessSet) -> QuorumReport<G> {
        self.explain_needs(|i| u16::from(!verified.contains(i)))
    }

    /// [`super::TrustPolicy::missing`]: like [`Self::explain`], but a
    /// witness outside `verified ∪ available` can never count.
    pub(crate) fn missing_from(&self, verified: &WitnessSet, available: &WitnessSet) -> u16 {
        self.explain_needs(|i| need_of(i, verified, available))
            .missing
    }

    /// The report where witness `i` needs `witness_need(i)` cosignatures.
    fn explain_needs(&self, witness_need: impl Fn(u8) -> u16) -> QuorumReport<G> {
        let mut report = QuorumReport {
            groups: [GroupStatus::default(); G],
            ngroups: self.group_count(),
            missing: 0,
        };
        let mut needs = [0u16; MAX_MEMBERS];
        for (g, group) in self.groups().enumerate() {
            let Ok(gi) = u8::try_from(g) else { break };
            let mut n = 0usize;
            for m in self.members(gi) {
                let need = match m {
                    PolicyNode::Witness(i) => witness_need(i),
                    PolicyNode::Group(c) => report.group(c).map_or(UNREACHABLE, |s| s.missing),
                    PolicyNode::None => 0,
                };
                if let Some(slot) = needs.get_mut(n) {
                    *slot = need;
                }
                n = n.saturating_add(1);
            }
            let member_needs = needs.get_mut(..n).unwrap_or_default();
            let satisfied = member_needs.iter().filter(|x| **x == 0).count();
            let missing = sum_smallest(member_needs, usize::from(group.threshold));
            if let Some(slot) = report.groups.get_mut(g) {
                *slot = GroupStatus {
                    satisfied_members: u16::try_from(satisfied).unwrap_or(u16::MAX),
                    threshold: group.threshold,
                    members: group.members,
                    missing,
                };
            }
        }
        report.missing = match self.quorum() {
            None => UNREACHABLE,
            Some(PolicyNode::None) => 0,
            Some(PolicyNode::Witness(i)) => witness_need(i),
            Some(PolicyNode::Group(g)) => report.group(g).map_or(UNREACHABLE, |s| s.missing),
        };
        report
    }
}

impl CompiledPolicy<'_> {
    #[cfg(feature = "tools")]
    /// The fewest additional cosignatures that would satisfy the quorum
    /// (0 iff it is satisfied; [`GroupStatus::UNREACHABLE`] if none would). Runs the
    /// program over "needs" instead of bits: a push is 0 or 1, a sum keeps
    /// its terms (contiguous on a term stack), `>=K` replaces them by the
    /// sum of the K smallest. Exact for canonical programs (each witness
    /// once); fixed stacks of 255 + 128 entries.
    pub fn missing_cosignatures(&self, verified: &WitnessSet) -> u16 {
        self.missing_needs(|i| u16::from(!verified.contains(i)))
    }

    /// [`super::TrustPolicy::missing`]: like
    /// [`Self::missing_cosignatures`], but a witness outside
    /// `verified ∪ available` can never count.
    pub(crate) fn missing_from(&self, verified: &WitnessSet, available: &WitnessSet) -> u16 {
        self.missing_needs(|i| need_of(i, verified, available))
    }

    /// The quorum's need where witness `i` needs `witness_need(i)`.
    fn missing_needs(&self, witness_need: impl Fn(u8) -> u16) -> u16 {
        let mut terms = [0u16; 255];
        let mut nterms = 0usize;
        let mut starts = [0u8; 128];
        let mut nvalues = 0usize;
        for item in Instructions::new(self.program()) {
            let Ok((_, op)) = item else {
                return UNREACHABLE;
            };
            match op {
                Instruction::Push(i) => {
                    let need = u8::try_from(i).map_or(UNREACHABLE, &witness_need);
                    let (Some(t), Some(s)) = (terms.get_mut(nterms), starts.get_mut(nvalues))
                    else {
                        return UNREACHABLE;
                    };
                    *t = need;
                    *s = u8::try_from(nterms).unwrap_or(u8::MAX);
                    nterms = nterms.saturating_add(1);
                    nvalues = nvalues.saturating_add(1);
                }
                // The two top values' terms are adjacent: drop the upper
                // start to merge them.
                Instruction::Add => nvalues = nvalues.saturating_sub(1),
                Instruction::AtLeast(k) => {
                    let Some(start) = nvalues
                        .checked_sub(1)
                        .and_then(|v| starts.get(v))
                        .map(|s| usize::from(*s))
                    else {
                        return UNREACHABLE;
                    };
                    let Some(run) = terms.get_mut(start..nterms) else {
                        return UNREACHABLE;
                    };
                    let k = usize::try_from(k).unwrap_or(usize::MAX);
                    let need = sum_smallest(run, k);
                    if let Some(t) = terms.get_mut(start) {
                        *t = need;
                    }
                    nterms = start.saturating_add(1);
                }
            }
        }
        if nvalues == 1 && nterms == 1 {
            terms.first().copied().unwrap_or(UNREACHABLE)
        } else {
            UNREACHABLE
        }
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

//! A text policy's quorum tree compiled into the program the quorum engine
//! runs (the bytecode of compiled policies), at parse time.

use super::program::{encode, encoded_len, OP_ADD, OP_AT_LEAST, OP_PUSH};

/// A node of the quorum tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicyNode {
    /// The predefined empty group `none`: always satisfied.
    None,
    /// The witness with this index (definition order).
    Witness(u8),
    /// The group with this index (definition order).
    Group(u8),
}

/// The bytes a text policy with room for `w` witnesses and `g` groups needs
/// for its quorum program: the last const parameter of
/// [`TextPolicyN`](crate::TextPolicyN).
///
/// At most `w` pushes (one byte for indices below 64, two above), one
/// `ADD` per group member beyond the first (at most `w + g`), and one `>=K`
/// per group (at most two bytes: `K` is below 4096).
pub const fn program_capacity(w: usize, g: usize) -> usize {
    let short = if w < 64 { w } else { 64 };
    let long = w.saturating_sub(short).saturating_mul(2);
    short
        .saturating_add(long)
        .saturating_add(w.saturating_add(g))
        .saturating_add(g.saturating_mul(2))
}

/// Compile a quorum tree into
/// `program`. The tree has `nwitnesses` witnesses and `ngroups` groups,
/// numbered together as nodes (witnesses first); `parent_of(node)` is the
/// group a node is a member of, `threshold(group)` its `K`. Post-order, each group as its members (witnesses, then
/// groups, in text order), an `ADD` after each member beyond the first, and
/// `>=threshold`. The quorum's code comes first, then that of every other
/// group no group contains (so that an explanation reaches every group).
/// `group_order[i]` is set to the group of the `i`-th `>=K`. Iterative: a
/// stack of open groups with the position of the next node to look at.
/// Returns the program's length and the quorum's; `None` if a buffer is
/// too small (impossible with [`program_capacity`]).
pub(super) fn build_program<const G: usize>(
    (nwitnesses, ngroups): (usize, usize),
    parent_of: impl Fn(usize) -> Option<u8>,
    threshold: impl Fn(u8) -> u16,
    quorum: Option<PolicyNode>,
    program: &mut [u8],
    group_order: &mut [u8],
) -> Option<(usize, usize)> {
    let nodes = nwitnesses.saturating_add(ngroups);
    let mut out = ProgramWriter {
        buf: program,
        len: 0,
    };
    let mut order = 0usize;
    let mut quorum_len = 0;
    let others = (0..ngroups)
        .filter(|g| parent_of(nwitnesses.saturating_add(*g)).is_none())
        .filter_map(|g| u8::try_from(g).ok().map(PolicyNode::Group))
        .filter(|g| quorum != Some(*g))
        .map(Some);
    for (i, root) in core::iter::once(quorum).chain(others).enumerate() {
        match root {
            Some(PolicyNode::Witness(w)) => out.op(OP_PUSH, usize::from(w))?,
            Some(PolicyNode::None) | None => {}
            Some(PolicyNode::Group(top)) => {
                // (group, next node position, members emitted so far)
                let mut stack = [(0u8, 0usize, 0usize); G];
                *stack.first_mut()? = (top, 0, 0);
                let mut depth = 1usize;
                while let Some(d) = depth.checked_sub(1) {
                    let &(g, pos, emitted) = stack.get(d)?;
                    match (pos..nodes).find(|&p| parent_of(p) == Some(g)) {
                        Some(p) if p < nwitnesses => {
                            out.op(OP_PUSH, p)?;
                            if emitted > 0 {
                                out.add()?;
                            }
                            *stack.get_mut(d)? =
                                (g, p.saturating_add(1), emitted.saturating_add(1));
                        }
                        Some(p) => {
                            // Descend; the ADD follows when the child closes.
                            stack.get_mut(d)?.1 = p.saturating_add(1);
                            let child = u8::try_from(p.saturating_sub(nwitnesses)).ok()?;
                            *stack.get_mut(depth)? = (child, 0, 0);
                            depth = depth.saturating_add(1);
                        }
                        None => {
                            out.op(OP_AT_LEAST, usize::from(threshold(g)))?;
                            *group_order.get_mut(order)? = g;
                            order = order.saturating_add(1);
                            depth = d;
                            // The closed group is a member of its parent.
                            if let Some(parent) = d.checked_sub(1).and_then(|d| stack.get_mut(d)) {
                                if parent.2 > 0 {
                                    out.add()?;
                                }
                                parent.2 = parent.2.saturating_add(1);
                            }
                        }
                    }
                }
            }
        }
        if i == 0 {
            quorum_len = out.len;
        }
    }
    Some((out.len, quorum_len))
}

/// Appends bytecode to a text policy's program buffer; `None` when full.
struct ProgramWriter<'b> {
    buf: &'b mut [u8],
    len: usize,
}

impl ProgramWriter<'_> {
    /// An instruction of class `op` with immediate `v` (minimal prefixes).
    fn op(&mut self, op: u8, v: usize) -> Option<()> {
        let n = encoded_len(v);
        let end = self.len.checked_add(n)?;
        encode(v, op, self.buf.get_mut(self.len..end)?);
        self.len = end;
        Some(())
    }

    fn add(&mut self) -> Option<()> {
        *self.buf.get_mut(self.len)? = OP_ADD;
        self.len = self.len.checked_add(1)?;
        Some(())
    }
}

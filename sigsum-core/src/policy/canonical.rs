//! The optional canonical check (`docs/policy.md`): is a
//! (structurally valid) program exactly what the canonical compiler emits
//! for some sigsum-go-valid policy?

use core::fmt;

use super::compiled::CompiledPolicy;
use super::program::{Instruction, Instructions};
use crate::witness_set::WitnessSet;

/// Why a valid program is not canonical. Offsets are program offsets of
/// the offending instruction.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NonCanonical {
    /// The program is not structurally valid (see
    /// [`validate_program`](crate::validate_program)).
    Invalid,
    /// The right operand of an `ADD` is a sum.
    RightNestedAdd {
        /// Offset of the `ADD`.
        offset: usize,
    },
    /// A `>=K` applied to a single term (a one-member group).
    ThresholdOnSingleTerm {
        /// Offset of the `>=K`.
        offset: usize,
    },
    /// A `>=K` with K outside `1..=n`.
    ThresholdOutOfRange {
        /// Offset of the `>=K`.
        offset: usize,
    },
    /// The program ends in a sum.
    BareSum,
    /// A witness index pushed twice.
    DuplicateWitness {
        /// Offset of the second push.
        offset: usize,
    },
    /// Terms of a sum not in increasing (length, bytes) order.
    MemberOrder {
        /// Offset of the `ADD` joining the out-of-order term.
        offset: usize,
    },
}

impl fmt::Display for NonCanonical {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Invalid => f.write_str("invalid program"),
            Self::RightNestedAdd { offset } => {
                write!(f, "right operand of ADD at offset {offset} is a sum")
            }
            Self::ThresholdOnSingleTerm { offset } => {
                write!(f, ">=K at offset {offset} applied to a single term")
            }
            Self::ThresholdOutOfRange { offset } => {
                write!(f, "threshold at offset {offset} outside 1..n")
            }
            Self::BareSum => f.write_str("program ends in a sum"),
            Self::DuplicateWitness { offset } => {
                write!(f, "witness pushed again at offset {offset}")
            }
            Self::MemberOrder { offset } => {
                write!(f, "terms not in canonical order at ADD offset {offset}")
            }
        }
    }
}

/// A value on the check stack: a term (witness or thresholded group) or a
/// sum of terms, with the byte span of its last term.
#[derive(Clone, Copy, Default)]
struct Value {
    terms: usize,
    start: usize,
    last_start: usize,
    last_end: usize,
}

/// Check that `program` (which must pass `validate_program`) is canonical.
///
/// Structural validity ([`validate_program`](crate::validate_program), enforced at
/// load) does not prove that a blob came from the compiler: `>=0`, unsorted
/// members or a witness used twice all load. Where the blob is an identity
/// (a TKey derives its key from it; a blob is compared with a compilation
/// of a trusted text) call [`check_canonical`] too, or compare policy
/// hashes.
///
/// One pass with a stack of at most 128 value descriptors, no allocation.
/// A program is canonical iff
///
/// 1. every `ADD` chain leans left: the right operand of `ADD` is never a
///    sum ([`NonCanonical::RightNestedAdd`]);
/// 2. every `>=K` applies to a sum of n >= 2 terms
///    ([`NonCanonical::ThresholdOnSingleTerm`]: an unflattened one-member
///    group) with `1 <= K <= n` ([`NonCanonical::ThresholdOutOfRange`]);
/// 3. the program does not end in a bare sum;
/// 4. each witness index appears at most once
///    ([`NonCanonical::DuplicateWitness`]);
/// 5. within each sum, the terms' byte strings are strictly increasing by
///    (length, bytes) ([`NonCanonical::MemberOrder`]).
///
/// Given minimal prefixes (checked at load), these are exactly the
/// properties of the compiler's output, so the program recompiles to
/// itself. Structural problems (1-3) are reported first, in program order,
/// then duplicates, then order, which matches the verdicts in the vector
/// file.
pub fn check_canonical(program: &[u8]) -> Result<(), NonCanonical> {
    let mut stack = [Value::default(); 128];
    let mut depth = 0usize;
    let mut seen = WitnessSet::EMPTY;
    let mut duplicate: Option<NonCanonical> = None;
    let mut order: Option<NonCanonical> = None;
    let mut ops = Instructions::new(program).peekable();
    while let Some(item) = ops.next() {
        let (offset, op) = item.map_err(|_| NonCanonical::Invalid)?;
        let end = match ops.peek() {
            Some(Ok((next, _))) => *next,
            _ => program.len(),
        };
        match op {
            Instruction::Push(i) => {
                let i = u8::try_from(i).map_err(|_| NonCanonical::Invalid)?;
                if seen.contains(i) {
                    duplicate.get_or_insert(NonCanonical::DuplicateWitness { offset });
                }
                seen.insert(i);
                let slot = stack.get_mut(depth).ok_or(NonCanonical::Invalid)?;
                *slot = Value {
                    terms: 1,
                    start: offset,
                    last_start: offset,
                    last_end: end,
                };
                depth = depth.saturating_add(1);
            }
            Instruction::Add => {
                let top = depth
                    .checked_sub(1)
                    .and_then(|d| stack.get(d))
                    .copied()
                    .ok_or(NonCanonical::Invalid)?;
                if top.terms != 1 {
                    return Err(NonCanonical::RightNestedAdd { offset });
                }
                depth = depth.saturating_sub(1);
                let below = depth
                    .checked_sub(1)
                    .and_then(|d| stack.get_mut(d))
                    .ok_or(NonCanonical::Invalid)?;
                let last = program.get(below.last_start..below.last_end);
                let new = program.get(top.last_start..top.last_end);
                if last.map(|s| (s.len(), s)) >= new.map(|s| (s.len(), s)) {
                    order.get_or_insert(NonCanonical::MemberOrder { offset });
                }
                below.terms = below.terms.saturating_add(1);
                below.last_start = top.last_start;
                below.last_end = top.last_end;
            }
            Instruction::AtLeast(k) => {
                let v = depth
                    .checked_sub(1)
                    .and_then(|d| stack.get_mut(d))
                    .ok_or(NonCanonical::Invalid)?;
                if v.terms < 2 {
                    return Err(NonCanonical::ThresholdOnSingleTerm { offset });
                }
                let k = usize::try_from(k).unwrap_or(usize::MAX);
                if k < 1 || k > v.terms {
                    return Err(NonCanonical::ThresholdOutOfRange { offset });
                }
                *v = Value {
                    terms: 1,
                    start: v.start,
                    last_start: v.start,
                    last_end: end,
                };
            }
        }
    }
    match (depth, stack.first()) {
        (1, Some(v)) if v.terms == 1 => {}
        (1, Some(_)) => return Err(NonCanonical::BareSum),
        _ => return Err(NonCanonical::Invalid),
    }
    match (duplicate, order) {
        (Some(e), _) | (None, Some(e)) => Err(e),
        (None, None) => Ok(()),
    }
}

impl CompiledPolicy<'_> {
    /// [`check_canonical`] on this policy's program. (The tables are
    /// already canonical: strictly sorted, checked at load.)
    pub fn check_canonical(&self) -> Result<(), NonCanonical> {
        check_canonical(self.program())
    }
}

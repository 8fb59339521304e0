//! spic policies (florolf/spic `doc/formats.md`, `PolicyV1`): log keys,
//! witness keys in quorum order, and a quorum program of counting groups.

use super::error::{BinaryError, BinaryErrorKind};
use super::reader::Reader;
use crate::policy::TrustPolicy;
use crate::types::{Hash, PublicKey, PUBLIC_KEY_SIZE};
use crate::witness_set::WitnessSet;

/// The most witnesses a spic policy can hold: spic's verifier keeps the
/// valid cosignatures in one 64-bit word.
pub const MAX_SPIC_WITNESSES: usize = 64;
/// The most results a spic quorum program may hold on its stack at once:
/// spic's verifier uses its 189-byte scratch area as the stack and fails
/// the 189th push.
pub const MAX_SPIC_STACK: usize = 188;

/// The largest value a spic `uint32` field can hold.
pub(crate) const U32_MAX: u64 = 0xffff_ffff;

/// A need no set of further cosignatures can meet.
const UNREACHABLE: u16 = u16::MAX;

/// One quorum element: a group that pops `children` results, consumes the
/// next `witnesses` witnesses, and pushes `count >= threshold`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SpicElement {
    /// The group's threshold.
    pub threshold: u32,
    /// Results of child groups popped from the stack.
    pub children: u32,
    /// Witnesses consumed, in witness-table order.
    pub witnesses: u32,
}

/// A loaded, validated spic policy borrowing its bytes.
///
/// Layout (BARE; `uint` is LEB128):
///
/// | field | encoding |
/// |---|---|
/// | logs | `uint` count, then 32-byte Ed25519 keys |
/// | witnesses | `uint` count, then 32-byte keys, in quorum order |
/// | quorum | `uint` length, then that many bytes of elements |
///
/// A quorum element is `uint flags_and_threshold` (bit 0: a `groups`
/// count follows, bit 1: a `witnesses` count follows, bits 2 and up: the
/// threshold), then the counts. Elements run in order on a stack of
/// results: each pops `groups` results, adds them to the number of valid
/// cosignatures among the next `witnesses` witnesses, and pushes whether
/// the sum reaches the threshold. The quorum holds iff exactly one result
/// is left and it is 1. `quorum none` is the single element `0x00`.
///
/// # Loading is strict
///
/// spic's verifier decodes the policy lazily while verifying; this loader
/// checks everything upfront and rejects, each with its own
/// [`BinaryErrorKind`] and offset: truncation and trailing bytes (after
/// the policy and inside the quorum data), non-minimal or oversized
/// integers, no log, more than [`MAX_SPIC_WITNESSES`] witnesses, a key
/// listed twice, an empty program, a flag with a zero count, a threshold
/// of 0 in a group with members or above its member count, a stack
/// underflow, more than [`MAX_SPIC_STACK`] results, a final depth other
/// than 1, and groups that do not consume every witness exactly once.
/// Every proof verified under a policy rejected here would be rejected by
/// spic too, except for the listed-twice keys and the unused or missing
/// witnesses, which spic accepts (see `docs/binary-formats.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SpicPolicy<'a> {
    bytes: &'a [u8],
    logs: &'a [u8],
    witnesses: &'a [u8],
    quorum: &'a [u8],
}

/// Decode one element from `r` (the quorum data).
pub(crate) fn read_element(r: &mut Reader<'_>) -> Result<SpicElement, BinaryError> {
    let start = r.offset();
    let flags = r.uleb_max("quorum element", U32_MAX)?;
    let mut e = SpicElement {
        threshold: u32::try_from(flags >> 2).unwrap_or(u32::MAX),
        children: 0,
        witnesses: 0,
    };
    let count = |r: &mut Reader<'_>, field| -> Result<u32, BinaryError> {
        let v = r.uleb_max(field, U32_MAX)?;
        if v == 0 {
            return Err(BinaryError {
                offset: start,
                kind: BinaryErrorKind::NonCanonicalElement,
            });
        }
        Ok(u32::try_from(v).unwrap_or(u32::MAX))
    };
    if flags & 1 != 0 {
        e.children = count(r, "group count")?;
    }
    if flags & 2 != 0 {
        e.witnesses = count(r, "witness count")?;
    }
    Ok(e)
}

/// Read a key table: `uint` count, then the keys.
fn read_keys<'a>(
    r: &mut Reader<'a>,
    field: &'static str,
    max: u64,
) -> Result<(&'a [u8], usize), BinaryError> {
    let count = r.uleb_max(field, max)?;
    let n = usize::try_from(count).unwrap_or(usize::MAX);
    let table = r.take(n.saturating_mul(PUBLIC_KEY_SIZE), field)?;
    Ok((table, n))
}

/// The index of the first key equal to an earlier one.
fn first_duplicate(table: &[u8]) -> Option<usize> {
    let keys = || table.chunks_exact(PUBLIC_KEY_SIZE);
    keys()
        .enumerate()
        .position(|(i, k)| keys().take(i).any(|e| e == k))
}

impl<'a> SpicPolicy<'a> {
    /// Load and strictly validate a spic policy (see the type docs).
    pub fn from_bytes(bytes: &'a [u8]) -> Result<Self, BinaryError> {
        let mut r = Reader::new(bytes);
        let logs_at = r.offset();
        let (logs, nlogs) = read_keys(&mut r, "log keys", U32_MAX)?;
        if nlogs == 0 {
            return Err(BinaryError {
                offset: logs_at,
                kind: BinaryErrorKind::NoLogs,
            });
        }
        if let Some(i) = first_duplicate(logs) {
            return Err(BinaryError {
                offset: logs_at,
                kind: BinaryErrorKind::DuplicateLogKey {
                    index: u32::try_from(i).unwrap_or(u32::MAX),
                },
            });
        }
        let witnesses_at = r.offset();
        let count = r.uleb("witness keys")?;
        if count > MAX_SPIC_WITNESSES as u64 {
            return Err(BinaryError {
                offset: witnesses_at,
                kind: BinaryErrorKind::TooManyWitnesses {
                    max: MAX_SPIC_WITNESSES as u8,
                },
            });
        }
        let nwitnesses = usize::try_from(count).unwrap_or(usize::MAX);
        let witnesses = r.take(nwitnesses.saturating_mul(PUBLIC_KEY_SIZE), "witness keys")?;
        if let Some(i) = first_duplicate(witnesses) {
            return Err(BinaryError {
                offset: witnesses_at,
                kind: BinaryErrorKind::DuplicateWitnessKey {
                    index: u8::try_from(i).unwrap_or(u8::MAX),
                },
            });
        }
        let qlen = r.uleb_max("quorum", U32_MAX)?;
        let quorum_at = r.offset();
        let quorum = r.take(usize::try_from(qlen).unwrap_or(usize::MAX), "quorum")?;
        r.finish()?;
        validate(quorum, quorum_at, nwitnesses)?;
        Ok(SpicPolicy {
            bytes,
            logs,
            witnesses,
            quorum,
        })
    }

    /// The whole policy.
    pub fn as_bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// Number of logs.
    pub fn log_count(&self) -> usize {
        self.logs.len() / PUBLIC_KEY_SIZE
    }

    /// Number of witnesses.
    pub fn witness_count(&self) -> usize {
        self.witnesses.len() / PUBLIC_KEY_SIZE
    }

    /// The log key with index `i` (the proof's log key index).
    pub fn log_key(&self, i: usize) -> Option<PublicKey> {
        self.logs
            .chunks_exact(PUBLIC_KEY_SIZE)
            .nth(i)
            .and_then(PublicKey::from_slice)
    }

    /// The witness key with index `i` (a cosignature's witness index).
    pub fn witness_key(&self, i: usize) -> Option<PublicKey> {
        self.witnesses
            .chunks_exact(PUBLIC_KEY_SIZE)
            .nth(i)
            .and_then(PublicKey::from_slice)
    }

    /// The log keys in table order.
    pub fn log_keys(&self) -> impl Iterator<Item = PublicKey> + 'a {
        self.logs
            .chunks_exact(PUBLIC_KEY_SIZE)
            .filter_map(PublicKey::from_slice)
    }

    /// The witness keys in table (quorum) order.
    pub fn witness_keys(&self) -> impl Iterator<Item = PublicKey> + 'a {
        self.witnesses
            .chunks_exact(PUBLIC_KEY_SIZE)
            .filter_map(PublicKey::from_slice)
    }

    /// The quorum program's elements in order.
    pub fn elements(&self) -> impl Iterator<Item = SpicElement> + 'a {
        let mut r = Reader::new(self.quorum);
        core::iter::from_fn(move || {
            if r.is_empty() {
                return None;
            }
            read_element(&mut r).ok()
        })
    }

    /// `true` iff the witnesses in `verified` satisfy the quorum (spic's
    /// evaluation: a witness index is its position in the table).
    pub fn is_satisfied(&self, verified: &WitnessSet) -> bool {
        self.missing(verified, &WitnessSet::EMPTY) == Some(0)
    }

    /// The fewest witnesses from `available` whose cosignatures, added to
    /// `verified`, satisfy the quorum: `Some(0)` iff `verified` does, `None`
    /// iff even `verified ∪ available` does not. Exact: every witness
    /// counts in one group only.
    pub fn missing(&self, verified: &WitnessSet, available: &WitnessSet) -> Option<usize> {
        let need = run(self.quorum, |i| {
            if verified.contains(i) {
                0
            } else if available.contains(i) {
                1
            } else {
                UNREACHABLE
            }
        });
        (need != UNREACHABLE).then_some(usize::from(need))
    }
}

/// The one pass over a program: checks it (the loader) and computes the
/// need of every element (the evaluator). For validation `witness_need`
/// is irrelevant.
struct Machine {
    stack: [u16; MAX_SPIC_STACK],
    depth: usize,
    next_witness: u64,
}

/// Sum of the `k` smallest of the needs counted in `histogram` (index =
/// need, last bucket = unreachable).
fn k_smallest(histogram: &[u16; MAX_SPIC_WITNESSES + 2], k: u32) -> u16 {
    let mut left = k;
    let mut sum = 0u16;
    for (need, count) in histogram.iter().enumerate() {
        if left == 0 {
            break;
        }
        let take = left.min(u32::from(*count));
        if take == 0 {
            continue;
        }
        if need == MAX_SPIC_WITNESSES + 1 {
            return UNREACHABLE;
        }
        let need = u16::try_from(need).unwrap_or(UNREACHABLE);
        let add = need.saturating_mul(u16::try_from(take).unwrap_or(UNREACHABLE));
        sum = sum.saturating_add(add);
        left = left.saturating_sub(take);
    }
    if left > 0 {
        UNREACHABLE
    } else {
        sum.min(UNREACHABLE.saturating_sub(1))
    }
}

impl Machine {
    fn new() -> Self {
        Machine {
            stack: [0; MAX_SPIC_STACK],
            depth: 0,
            next_witness: 0,
        }
    }

    /// Run one element; the error kind if it is invalid.
    fn step(
        &mut self,
        e: &SpicElement,
        witness_need: &impl Fn(u8) -> u16,
    ) -> Result<(), BinaryErrorKind> {
        let members = u64::from(e.children).saturating_add(u64::from(e.witnesses));
        if u64::from(e.threshold) > members {
            return Err(BinaryErrorKind::ThresholdTooLarge {
                threshold: e.threshold,
                members: u32::try_from(members).unwrap_or(u32::MAX),
            });
        }
        if e.threshold == 0 && members > 0 {
            return Err(BinaryErrorKind::ZeroThreshold);
        }
        let children = usize::try_from(e.children).unwrap_or(usize::MAX);
        let base = self
            .depth
            .checked_sub(children)
            .ok_or(BinaryErrorKind::StackUnderflow)?;
        let end = self
            .next_witness
            .checked_add(u64::from(e.witnesses))
            .filter(|end| *end <= MAX_SPIC_WITNESSES as u64)
            .ok_or(BinaryErrorKind::WitnessCount {
                consumed: u32::try_from(self.next_witness.saturating_add(u64::from(e.witnesses)))
                    .unwrap_or(u32::MAX),
                listed: 0,
            })?;
        let mut histogram = [0u16; MAX_SPIC_WITNESSES + 2];
        let mut count = |need: u16| {
            let bucket = if need == UNREACHABLE {
                MAX_SPIC_WITNESSES + 1
            } else {
                usize::from(need).min(MAX_SPIC_WITNESSES)
            };
            if let Some(h) = histogram.get_mut(bucket) {
                *h = h.saturating_add(1);
            }
        };
        for need in self.stack.get(base..self.depth).unwrap_or_default() {
            count(*need);
        }
        for i in self.next_witness..end {
            count(witness_need(u8::try_from(i).unwrap_or(u8::MAX)));
        }
        self.next_witness = end;
        let need = k_smallest(&histogram, e.threshold);
        let slot = self
            .stack
            .get_mut(base)
            .ok_or(BinaryErrorKind::StackOverflow {
                max: MAX_SPIC_STACK as u8,
            })?;
        *slot = need;
        self.depth = base.saturating_add(1);
        Ok(())
    }
}

/// Check `program` for a policy of `nwitnesses` witnesses; `at` is its
/// offset in the policy (for errors).
fn validate(program: &[u8], at: usize, nwitnesses: usize) -> Result<(), BinaryError> {
    let mut r = Reader::new(program);
    let mut m = Machine::new();
    let shift = |e: BinaryError| BinaryError {
        offset: e.offset.saturating_add(at),
        kind: e.kind,
    };
    if r.is_empty() {
        return Err(BinaryError {
            offset: at,
            kind: BinaryErrorKind::EmptyQuorum,
        });
    }
    let listed = u8::try_from(nwitnesses).unwrap_or(u8::MAX);
    while !r.is_empty() {
        let start = r.offset().saturating_add(at);
        let e = read_element(&mut r).map_err(shift)?;
        m.step(&e, &|_| 0).map_err(|kind| {
            let kind = match kind {
                BinaryErrorKind::WitnessCount { consumed, .. } => {
                    BinaryErrorKind::WitnessCount { consumed, listed }
                }
                k => k,
            };
            BinaryError {
                offset: start,
                kind,
            }
        })?;
    }
    let end = at.saturating_add(program.len());
    if m.depth != 1 {
        return Err(BinaryError {
            offset: end,
            kind: BinaryErrorKind::FinalDepth {
                depth: u8::try_from(m.depth).unwrap_or(u8::MAX),
            },
        });
    }
    if m.next_witness != nwitnesses as u64 {
        return Err(BinaryError {
            offset: end,
            kind: BinaryErrorKind::WitnessCount {
                consumed: u32::try_from(m.next_witness).unwrap_or(u32::MAX),
                listed,
            },
        });
    }
    Ok(())
}

/// The need of a validated program (see [`SpicPolicy::missing`]);
/// [`UNREACHABLE`] if it cannot be run.
fn run(program: &[u8], witness_need: impl Fn(u8) -> u16) -> u16 {
    let mut r = Reader::new(program);
    let mut m = Machine::new();
    while !r.is_empty() {
        let Ok(e) = read_element(&mut r) else {
            return UNREACHABLE;
        };
        if m.step(&e, &witness_need).is_err() {
            return UNREACHABLE;
        }
    }
    match (m.depth, m.stack.first()) {
        (1, Some(need)) => *need,
        _ => UNREACHABLE,
    }
}

/// A spic policy answers the questions of Sigsum verification too, so
/// an ASCII or TKey proof can be checked under it (Sigsum's rules).
impl TrustPolicy for SpicPolicy<'_> {
    /// Linear search, hashing each log key.
    fn log_key(&self, key_hash: &Hash) -> Option<PublicKey> {
        self.log_keys().find(|k| k.key_hash() == *key_hash)
    }

    /// Linear search, hashing each witness key; the index is the spic
    /// witness index.
    fn witness(&self, key_hash: &Hash) -> Option<(u8, PublicKey)> {
        self.witness_keys()
            .enumerate()
            .find(|(_, k)| k.key_hash() == *key_hash)
            .and_then(|(i, k)| Some((u8::try_from(i).ok()?, k)))
    }

    fn is_satisfied(&self, verified: &WitnessSet) -> bool {
        SpicPolicy::is_satisfied(self, verified)
    }

    fn missing(&self, verified: &WitnessSet, available: &WitnessSet) -> Option<usize> {
        SpicPolicy::missing(self, verified, available)
    }
}

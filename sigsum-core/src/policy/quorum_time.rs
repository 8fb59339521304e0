//! The quorum time of a set of valid cosignatures.

use super::trust_policy::TrustPolicy;
use crate::witness_set::WitnessSet;

/// When the quorum was last attested.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuorumTime {
    /// The quorum holds without any cosignature (`quorum none`).
    Unbounded,
    /// The newest T such that the cosignatures with timestamp `>= T`
    /// satisfy the quorum.
    At(u64),
}

impl QuorumTime {
    /// The timestamp, as [`crate::Freshness::check`] takes it (`None` for
    /// [`QuorumTime::Unbounded`]).
    pub fn timestamp(self) -> Option<u64> {
        match self {
            QuorumTime::Unbounded => None,
            QuorumTime::At(t) => Some(t),
        }
    }
}

/// The quorum time of `cosigned` (witness index, timestamp of a **valid**
/// cosignature), in any order; `None` if the quorum is not met.
///
/// Tries the distinct timestamps in descending order: O(n²) comparisons
/// plus one quorum evaluation per distinct timestamp (n is at most a few
/// hundred), no allocation.
///
/// The **quorum time** T of a set of valid cosignatures (witness index,
/// timestamp) is the newest time such that the quorum holds using only the
/// cosignatures with timestamp `>= T`. It is always one of the timestamps;
/// a witness with several valid cosignatures counts from its newest one.
/// If the quorum holds with no cosignature at all (`quorum none`) there is
/// no such time ([`QuorumTime::Unbounded`]).
///
/// Proof verification computes T on the way (it checks cosignatures newest
/// first and stops when the quorum is met; the timestamp of the one that
/// completed it is T) and reports it as
/// [`crate::Verified::quorum_timestamp`]. [`quorum_time`] computes it for
/// cosignatures checked some other way (for example the cosignature lines
/// of a checkpoint note). Recency is then judged by the crate's one
/// freshness rule, [`crate::Freshness`].
pub fn quorum_time<P: TrustPolicy + ?Sized>(
    policy: &P,
    cosigned: &[(u8, u64)],
) -> Option<QuorumTime> {
    if policy.is_satisfied(&WitnessSet::EMPTY) {
        return Some(QuorumTime::Unbounded);
    }
    let mut bound: Option<u64> = None; // exclusive upper bound
    loop {
        let t = cosigned
            .iter()
            .map(|(_, ts)| *ts)
            .filter(|ts| bound.map_or(true, |b| *ts < b))
            .max()?;
        let mut set = WitnessSet::EMPTY;
        cosigned
            .iter()
            .filter(|(_, ts)| *ts >= t)
            .for_each(|(w, _)| set.insert(*w));
        if policy.is_satisfied(&set) {
            return Some(QuorumTime::At(t));
        }
        bound = Some(t);
    }
}

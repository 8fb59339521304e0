//! Freshness: how recent is the evidence that a quorum of witnesses saw a
//! tree head?
//!
//! sigsum-go ignores cosignature timestamps once verified (spec digest
//! §4.3, §9 item 12). This module adds the check an application may want:
//!
//! * The **quorum time** T of a set of valid cosignatures (witness index,
//!   timestamp) is the newest time such that the quorum holds using only
//!   the cosignatures with timestamp `>= T`. It is always one of the
//!   timestamps. A witness with several valid cosignatures counts from its
//!   newest one.
//! * If the quorum holds with no cosignature at all (`quorum none`) there
//!   is no such time: [`QuorumTime::Unbounded`], and
//!   [`check_freshness`] refuses it ([`FreshnessError::NoCosignedTime`]):
//!   a policy that asks for no witnesses cannot vouch for recency.
//! * [`check_freshness`] accepts iff `T <= now` and `now - T <= max_age`.
//!   A quorum time in the future is rejected
//!   ([`FreshnessError::InFuture`]; C2SP allows verifiers to reject future
//!   timestamps): a caller that expects clock skew adds it to `now`.
//!
//! Two equivalent ways to get T, both without allocation:
//!
//! * [`quorum_time`]: given all valid cosignatures in any order, try the
//!   distinct timestamps in descending order (O(n²) comparisons plus one
//!   quorum evaluation per distinct timestamp, n <= a few hundred).
//! * [`QuorumClock`]: a verifier that checks cosignatures in descending
//!   timestamp order adds each valid one and stops as soon as the quorum
//!   is met; the timestamp of the cosignature that completed it is exactly
//!   T. Proof: when the first cosignature with timestamp t is added, every
//!   cosignature with a larger timestamp is already in the set, and the
//!   quorum did not hold on them; after adding it (and possibly more with
//!   timestamp t) it holds, so by monotonicity it holds on all of
//!   `{timestamp >= t}`, and not on `{timestamp > t}`. Adding out of order
//!   is an error ([`FreshnessError::OutOfOrder`]), so the equivalence
//!   cannot silently break. A test checks both against each other.

use core::fmt;

use super::{TrustPolicy, WitnessSet};

/// When the quorum was last attested.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuorumTime {
    /// The quorum holds without any cosignature (`quorum none`).
    Unbounded,
    /// The newest T such that the cosignatures with timestamp `>= T`
    /// satisfy the quorum.
    At(u64),
}

/// Why a freshness check failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FreshnessError {
    /// The cosignatures do not satisfy the quorum at all.
    QuorumNotMet,
    /// The quorum needs no cosignature, so there is no attested time.
    NoCosignedTime,
    /// The quorum time is later than `now`.
    InFuture {
        /// The quorum time.
        timestamp: u64,
    },
    /// The quorum time is more than `max_age` seconds before `now`.
    TooOld {
        /// The quorum time.
        timestamp: u64,
        /// `now - timestamp`.
        age: u64,
    },
    /// [`QuorumClock::add`] got a timestamp larger than an earlier one.
    OutOfOrder,
}

impl fmt::Display for FreshnessError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::QuorumNotMet => f.write_str("not enough cosignatures for the quorum"),
            Self::NoCosignedTime => {
                f.write_str("the policy requires no cosignatures, so freshness cannot be checked")
            }
            Self::InFuture { timestamp } => {
                write!(f, "quorum time {timestamp} is in the future")
            }
            Self::TooOld { timestamp, age } => {
                write!(f, "quorum time {timestamp} is too old ({age} seconds)")
            }
            Self::OutOfOrder => f.write_str("cosignatures not added in descending timestamp order"),
        }
    }
}

/// The quorum time of `cosigned` (witness index, timestamp of a **valid**
/// cosignature), in any order; `None` if the quorum is not met.
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

/// Accept a quorum time iff it exists, is not after `now` and at most
/// `max_age` seconds before it. Returns T.
pub fn check_freshness(
    time: Option<QuorumTime>,
    now: u64,
    max_age: u64,
) -> Result<u64, FreshnessError> {
    match time {
        None => Err(FreshnessError::QuorumNotMet),
        Some(QuorumTime::Unbounded) => Err(FreshnessError::NoCosignedTime),
        Some(QuorumTime::At(timestamp)) => {
            let Some(age) = now.checked_sub(timestamp) else {
                return Err(FreshnessError::InFuture { timestamp });
            };
            if age > max_age {
                Err(FreshnessError::TooOld { timestamp, age })
            } else {
                Ok(timestamp)
            }
        }
    }
}

/// Incremental quorum time, for verifiers that check cosignatures in
/// descending timestamp order and stop early (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuorumClock {
    verified: WitnessSet,
    last: Option<u64>,
    met: Option<QuorumTime>,
}

impl QuorumClock {
    /// Start with no cosignatures.
    pub fn new<P: TrustPolicy + ?Sized>(policy: &P) -> Self {
        let met = policy
            .is_satisfied(&WitnessSet::EMPTY)
            .then_some(QuorumTime::Unbounded);
        QuorumClock {
            verified: WitnessSet::EMPTY,
            last: None,
            met,
        }
    }

    /// Add a valid cosignature. Timestamps must not increase. Returns the
    /// quorum time once the quorum is met (then later additions change
    /// nothing, and the caller may stop checking).
    pub fn add<P: TrustPolicy + ?Sized>(
        &mut self,
        policy: &P,
        witness: u8,
        timestamp: u64,
    ) -> Result<Option<QuorumTime>, FreshnessError> {
        if self.last.is_some_and(|last| timestamp > last) {
            return Err(FreshnessError::OutOfOrder);
        }
        self.last = Some(timestamp);
        if self.met.is_none() {
            self.verified.insert(witness);
            if policy.is_satisfied(&self.verified) {
                self.met = Some(QuorumTime::At(timestamp));
            }
        }
        Ok(self.met)
    }

    /// The quorum time, if the quorum is met.
    pub fn quorum_time(&self) -> Option<QuorumTime> {
        self.met
    }

    /// The witnesses added before the quorum was met.
    pub fn verified(&self) -> &WitnessSet {
        &self.verified
    }
}

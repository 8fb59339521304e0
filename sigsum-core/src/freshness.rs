//! Freshness: the one rule for "is this cosigned tree head recent enough".

use core::fmt;

/// A freshness requirement, in POSIX seconds.
///
/// sigsum-go ignores cosignature timestamps once the cosignatures verify.
/// An application that also wants recency checks the **quorum timestamp**
/// `T` of a verified proof ([`crate::Verified::quorum_timestamp`]): the
/// newest time such that the cosignatures with timestamp `>= T` alone
/// satisfy the quorum. [`Freshness::check`] is the only freshness rule of
/// this crate; [`crate::Verified::check_freshness`], `sigsum-verify
/// --max-age` and the C function `sigsum_proof_verify` all use it:
///
/// * no `T` (the quorum needs no cosignature, `quorum none`) is
///   [`FreshnessError::NoQuorumTimestamp`]: a policy that asks for no
///   witnesses cannot vouch for recency;
/// * `T > now + max_skew` is [`FreshnessError::InFuture`]: witnesses' clocks
///   may run a little ahead of the verifier's (C2SP `tlog-cosignature`
///   lets verifiers reject timestamps in the future), but not by more than
///   the caller allows;
/// * otherwise the age is `now - T` (0 when `T` is ahead of `now` within
///   the skew), and an age above `max_age` is [`FreshnessError::TooOld`].
///
/// All arithmetic saturates: `now + max_skew` never wraps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Freshness {
    /// The verifier's current time.
    pub now: u64,
    /// The largest accepted age `now - T`.
    pub max_age: u64,
    /// How far `T` may be ahead of `now` (witness clock skew).
    pub max_skew: u64,
}

impl Freshness {
    /// The skew `sigsum-verify --max-age` allows: five minutes.
    pub const DEFAULT_MAX_SKEW: u64 = 300;

    /// Apply the rule (see the module docs) to a quorum timestamp.
    pub fn check(&self, quorum_timestamp: Option<u64>) -> Result<(), FreshnessError> {
        let t = quorum_timestamp.ok_or(FreshnessError::NoQuorumTimestamp)?;
        if t > self.now.saturating_add(self.max_skew) {
            return Err(FreshnessError::InFuture {
                quorum_timestamp: t,
                now: self.now,
            });
        }
        let age = self.now.saturating_sub(t);
        if age > self.max_age {
            return Err(FreshnessError::TooOld {
                quorum_timestamp: t,
                age,
            });
        }
        Ok(())
    }
}

/// Why a freshness check failed.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FreshnessError {
    /// The quorum needs no cosignature, so there is no quorum timestamp.
    NoQuorumTimestamp,
    /// The quorum timestamp is more than `max_skew` seconds after `now`.
    InFuture {
        /// The quorum timestamp.
        quorum_timestamp: u64,
        /// The current time given.
        now: u64,
    },
    /// The quorum timestamp is more than `max_age` seconds before `now`.
    TooOld {
        /// The quorum timestamp.
        quorum_timestamp: u64,
        /// `now - quorum_timestamp`.
        age: u64,
    },
}

impl fmt::Display for FreshnessError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoQuorumTimestamp => f.write_str(
                "the policy's quorum needs no cosignature, so there is no timestamp to check",
            ),
            Self::InFuture {
                quorum_timestamp,
                now,
            } => write!(
                f,
                "quorum timestamp {quorum_timestamp} is in the future (now {now})"
            ),
            Self::TooOld {
                quorum_timestamp,
                age,
            } => write!(
                f,
                "too old: quorum timestamp {quorum_timestamp} is {age} seconds old"
            ),
        }
    }
}

impl core::error::Error for FreshnessError {}

//! What proof verification needs from a trust policy, whatever its form.

use crate::types::{Hash, PublicKey};
use crate::witness_set::WitnessSet;

/// Whether a quorum is decided given what has been checked so far.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuorumState {
    /// The verified witnesses already satisfy the quorum.
    Met,
    /// Even if every pending cosignature verified, the quorum would fail.
    Unreachable,
    /// The answer depends on pending cosignatures.
    Undecided,
}

/// What proof verification needs from a trust policy.
///
/// Implemented by every policy form (text, builtin, compiled), so they give
/// the same answer on the same input.
///
/// This module defines the contract every policy form implements
/// ([`TrustPolicy`]) and the witness bit set ([`WitnessSet`]) that quorum
/// evaluation works on. Proof verification is written against the trait
/// only, so text, builtin and compiled policies are interchangeable.
///
/// | form | what |
/// |---|---|
/// | [`TextPolicy`](crate::TextPolicy) | the sigsum-go text format ([`PolicyError`](crate::PolicyError)) |
/// | [`Builtin`](crate::Builtin) | the four builtin named policies, embedded verbatim and pre-compiled |
/// | [`CompiledPolicy`](crate::CompiledPolicy) | the compiled blob: strict loader and bytecode evaluator |
/// | `TextPolicyN::compile` (feature `tools`) | canonical text → blob compiler and the policy hash |
/// | [`quorum_time`](crate::quorum_time) | the quorum time of a set of valid cosignatures |
///
/// [`Policy`](crate::Policy) wraps the forms in one type for proof verification.
///
/// ```
/// use sigsum_core::{Builtin, TrustPolicy, WitnessSet};
///
/// let policy = Builtin::SigsumTest1_2025.compiled().unwrap();
/// // The barreleye test log is trusted:
/// let log_hash = sigsum_core::Hash::from_hex(
///     b"4e89cc51651f0d95f3c6127c15e1a42e3ddf7046c5b17b752689c402e773bb4d").unwrap();
/// assert!(policy.log_key(&log_hash).is_some());
/// // Look witnesses up by the key hash of a `cosignature=` line, collect
/// // the indices of those whose cosignature verifies, then ask:
/// let nisse = sigsum_core::Hash::from_hex(
///     b"1c997261f16e6e81d13f420900a2542a4b6a049c2d996324ee5d82a90ca3360c").unwrap();
/// let (index, _key) = policy.witness(&nisse).unwrap();
/// let mut verified = WitnessSet::EMPTY;
/// verified.insert(index);
/// assert!(!policy.is_satisfied(&verified)); // 2 of 3 needed
/// ```
pub trait TrustPolicy {
    /// The public key of the log whose key hash is `key_hash`, if trusted.
    fn log_key(&self, key_hash: &Hash) -> Option<PublicKey>;

    /// The index (stable for this policy, `< MAX_WITNESSES`) and public key
    /// of the witness whose key hash is `key_hash`, if the policy names it.
    fn witness(&self, key_hash: &Hash) -> Option<(u8, PublicKey)>;

    /// The key of the witness for which [`witness`](Self::witness)`(key_hash)`
    /// returned `index`: the verifier looks a cosignature's witness up
    /// once to order the checks, then asks again for its key when it
    /// checks the signature. It must return exactly the key
    /// [`witness`](Self::witness) returns. The default looks `key_hash` up
    /// again; a policy that finds a key by its index faster overrides it
    /// ([`CompiledPolicy`](crate::CompiledPolicy): no SHA-256 of keys).
    fn witness_key(&self, index: u8, key_hash: &Hash) -> Option<PublicKey> {
        let _ = index;
        self.witness(key_hash).map(|(_, key)| key)
    }

    /// `true` if the witnesses in `verified` (those with a valid
    /// cosignature) satisfy the quorum.
    fn is_satisfied(&self, verified: &WitnessSet) -> bool;

    /// Decide early: quorums are monotone (more valid cosignatures never
    /// hurt), so the result is known once `verified` satisfies it, or once
    /// `verified ∪ pending` cannot.
    fn decide(&self, verified: &WitnessSet, pending: &WitnessSet) -> QuorumState {
        if self.is_satisfied(verified) {
            QuorumState::Met
        } else if !self.is_satisfied(&verified.union(pending)) {
            QuorumState::Unreachable
        } else {
            QuorumState::Undecided
        }
    }

    /// The fewest further witnesses, taken from `available`, whose valid
    /// cosignatures (added to `verified`) would satisfy the quorum:
    /// `Some(0)` iff `verified` already satisfies it, `None` iff even
    /// `verified ∪ available` does not.
    ///
    /// The verifier uses it only to order cosignatures of equal timestamp
    /// (the most useful first), so it never changes a verdict or a quorum
    /// timestamp, only how many signatures are checked. The tree policies
    /// ([`TextPolicyN`](crate::TextPolicyN), [`CompiledPolicy`](crate::CompiledPolicy), [`Policy`](crate::Policy)) compute it exactly
    /// (bottom-up: a witness needs 0 if verified, 1 if available, else it
    /// is unreachable; a `k`-of-`n` group needs the sum of its `k` smallest
    /// member needs). The default is coarse but sound: `Some(0)` / `None`
    /// as above, and otherwise `Some(1)` (at least one more is needed).
    fn missing(&self, verified: &WitnessSet, available: &WitnessSet) -> Option<usize> {
        match self.decide(verified, available) {
            QuorumState::Met => Some(0),
            QuorumState::Unreachable => None,
            QuorumState::Undecided => Some(1),
        }
    }
}

impl<P: TrustPolicy + ?Sized> TrustPolicy for &P {
    fn log_key(&self, key_hash: &Hash) -> Option<PublicKey> {
        (**self).log_key(key_hash)
    }

    fn witness(&self, key_hash: &Hash) -> Option<(u8, PublicKey)> {
        (**self).witness(key_hash)
    }

    fn witness_key(&self, index: u8, key_hash: &Hash) -> Option<PublicKey> {
        (**self).witness_key(index, key_hash)
    }

    fn is_satisfied(&self, verified: &WitnessSet) -> bool {
        (**self).is_satisfied(verified)
    }

    fn decide(&self, verified: &WitnessSet, pending: &WitnessSet) -> QuorumState {
        (**self).decide(verified, pending)
    }

    fn missing(&self, verified: &WitnessSet, available: &WitnessSet) -> Option<usize> {
        (**self).missing(verified, available)
    }
}

/// A policy that lists its keys, for [`PreparedPolicy`](crate::PreparedPolicy)
/// (a separate trait, so that `dyn TrustPolicy` does not link it on small
/// devices). It must list exactly the keys its [`TrustPolicy`] lookups
/// return, with the witness indices they return: a prepared policy answers
/// lookups from this list alone.
pub trait PolicyKeys {
    /// Call `each` with every log key (`None`) and every witness key
    /// (`Some(i)`, its index as [`TrustPolicy::witness`] returns it).
    fn for_each_key(&self, each: &mut dyn FnMut(Option<u8>, &PublicKey));
}

impl<P: PolicyKeys + ?Sized> PolicyKeys for &P {
    fn for_each_key(&self, each: &mut dyn FnMut(Option<u8>, &PublicKey)) {
        (**self).for_each_key(each)
    }
}

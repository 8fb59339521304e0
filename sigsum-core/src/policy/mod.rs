//! Trust policies: which logs are trusted and which witnesses must cosign.
//!
//! This module defines the contract every policy form implements
//! ([`TrustPolicy`]) and the witness bit set ([`WitnessSet`]) that quorum
//! evaluation works on. Proof verification is written against the trait
//! only, so text, builtin and compiled policies are interchangeable.

use crate::types::{Hash, PublicKey};

/// The most witnesses any policy can hold (the compiled format counts them
/// in one byte).
pub const MAX_WITNESSES: usize = 255;

/// A set of witness indices (`0..MAX_WITNESSES`), for example the witnesses
/// whose cosignature verified. Fixed size, no allocation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct WitnessSet {
    bits: [u64; 4],
}

impl WitnessSet {
    /// The empty set.
    pub const EMPTY: WitnessSet = WitnessSet { bits: [0; 4] };

    /// Add witness `index`.
    pub fn insert(&mut self, index: u8) {
        if let Some(w) = self.bits.get_mut(usize::from(index >> 6)) {
            *w |= 1u64 << (index & 63);
        }
    }

    /// Remove witness `index`.
    pub fn remove(&mut self, index: u8) {
        if let Some(w) = self.bits.get_mut(usize::from(index >> 6)) {
            *w &= !(1u64 << (index & 63));
        }
    }

    /// `true` if witness `index` is in the set.
    pub fn contains(&self, index: u8) -> bool {
        self.bits
            .get(usize::from(index >> 6))
            .is_some_and(|w| w & (1u64 << (index & 63)) != 0)
    }

    /// Number of witnesses in the set.
    pub fn len(&self) -> usize {
        self.bits.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// `true` if the set is empty.
    pub fn is_empty(&self) -> bool {
        self.bits.iter().all(|w| *w == 0)
    }

    /// The union of two sets.
    pub fn union(&self, other: &WitnessSet) -> WitnessSet {
        let mut out = *self;
        for (a, b) in out.bits.iter_mut().zip(other.bits.iter()) {
            *a |= *b;
        }
        out
    }

    /// The members in increasing order.
    pub fn iter(&self) -> impl Iterator<Item = u8> + '_ {
        (0..=u8::MAX).filter(move |i| self.contains(*i))
    }
}

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
pub trait TrustPolicy {
    /// The public key of the log whose key hash is `key_hash`, if trusted.
    fn log_key(&self, key_hash: &Hash) -> Option<PublicKey>;

    /// The index (stable for this policy, `< MAX_WITNESSES`) and public key
    /// of the witness whose key hash is `key_hash`, if the policy names it.
    fn witness(&self, key_hash: &Hash) -> Option<(u8, PublicKey)>;

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
}

//! Trust policies: which logs are trusted and which witnesses must cosign.

mod builtin;
#[cfg(feature = "tools")]
mod canonical;
#[cfg(feature = "tools")]
mod compile;
mod compiled;
mod quorum;
mod quorum_time;
mod text;

pub use builtin::{check_policy_name, Builtin, BuiltinError};
#[cfg(feature = "tools")]
pub use canonical::{check_canonical, NonCanonical};
#[cfg(feature = "tools")]
pub use compile::CompileError;
#[cfg(feature = "tools")]
pub use compiled::{evaluate_program, validate_program, Instruction, Instructions};
pub use compiled::{CompiledError, CompiledPolicy, MAX_COMPILED_LEN};
#[cfg(feature = "tools")]
pub use quorum::{GroupStatus, QuorumReport};
pub use quorum_time::{quorum_time, QuorumTime};
pub use text::{
    GroupEntry, LargeTextPolicy, LogEntry, PolicyError, PolicyErrorKind, PolicyNode, TextPolicy,
    TextPolicyN, WitnessEntry, MAX_GROUPS, MAX_LINE_LEN, MAX_LOGS, MAX_TEXT_WITNESSES,
};

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
/// | [`TextPolicy`] | the sigsum-go text format ([`PolicyError`]) |
/// | [`Builtin`] | the four builtin named policies, embedded verbatim and pre-compiled |
/// | [`CompiledPolicy`] | the compiled blob: strict loader and bytecode evaluator |
/// | `TextPolicyN::compile` (feature `tools`) | canonical text → blob compiler and the policy hash |
/// | [`quorum_time`] | the quorum time of a set of valid cosignatures |
///
/// [`Policy`] wraps the forms in one type for proof verification.
///
/// ```
/// use sigsum_core::{Policy, TrustPolicy, WitnessSet};
///
/// let policy = Policy::builtin("sigsum-test1-2025").unwrap();
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
    /// ([`TextPolicyN`], [`CompiledPolicy`], [`Policy`]) compute it exactly
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

/// Any policy form, for proof verification.
///
/// ```
/// use sigsum_core::{Policy, TrustPolicy, WitnessSet};
///
/// // A text policy, compiled into a caller buffer, loaded back: both forms
/// // give the same answers (witness indices differ: text order vs
/// // key-hash order, so always get them from `witness()`).
/// let text = b"log 4644af2abd40f4895a003bca350f9d5912ab301a49c77f13e5b6d905c20a5fe6\n\
///              witness A 1c25f8a44c635457e2e391d1efbca7d4c2951a0aef06225a881e46b98962ac6c\n\
///              witness B 28c92a5a3a054d317c86fc2eeb6a7ab2054d6217100d0be67ded5b74323c5806\n\
///              group G all A B\n\
///              quorum G\n";
/// let policy = Policy::from_text(text).unwrap();
/// let Policy::Text(parsed) = &policy else { unreachable!() };
/// let mut buf = [0u8; 200];
/// let blob = parsed.compile(&mut buf).unwrap().as_bytes();
/// let compiled = Policy::from_compiled(blob).unwrap();
/// for p in [&policy, &compiled] {
///     let mut verified = WitnessSet::EMPTY;
///     for w in parsed.witnesses() {
///         let (index, _key) = p.witness(&w.key_hash).unwrap();
///         assert!(!p.is_satisfied(&verified));
///         verified.insert(index);
///     }
///     assert!(p.is_satisfied(&verified));
/// }
/// ```
///
/// The text variant holds a [`TextPolicy`] with the default capacities
/// (about 10 KiB); on small targets use [`CompiledPolicy`] (or
/// `Policy::Compiled`, a few words) instead, or pass a `&TextPolicy` the
/// caller placed elsewhere (`&P` implements [`TrustPolicy`] too).
#[allow(clippy::large_enum_variant)] // documented above; no allocator to box it
#[derive(Clone, Debug)]
pub enum Policy<'a> {
    /// A parsed text policy (including builtins).
    Text(TextPolicy<'a>),
    /// A loaded compiled policy.
    Compiled(CompiledPolicy<'a>),
}

impl<'a> Policy<'a> {
    /// Parse a text policy.
    pub fn from_text(text: &'a [u8]) -> Result<Self, PolicyError> {
        TextPolicy::parse(text).map(Policy::Text)
    }

    /// Load a compiled policy blob (strictly validated).
    pub fn from_compiled(bytes: &'a [u8]) -> Result<Self, CompiledError> {
        CompiledPolicy::from_bytes(bytes).map(Policy::Compiled)
    }

    /// The builtin policy called `name` (one of [`Builtin::ALL`]), loaded
    /// from its shipped canonical compiled form (no text parsing): the
    /// same as `Builtin::from_name(name)?.compiled()`.
    ///
    /// The `Policy` enum reserves room for its text variant (about
    /// 10 KiB); on small devices hold the [`CompiledPolicy`] from
    /// [`Builtin::compiled`]
    /// directly (64 bytes).
    pub fn builtin(name: &str) -> Result<Policy<'static>, BuiltinError> {
        Builtin::from_name(name)?.compiled().map(Policy::Compiled)
    }
}

impl TrustPolicy for Policy<'_> {
    fn log_key(&self, key_hash: &Hash) -> Option<PublicKey> {
        match self {
            Policy::Text(p) => p.log_key(key_hash),
            Policy::Compiled(p) => p.log_key(key_hash),
        }
    }

    fn witness(&self, key_hash: &Hash) -> Option<(u8, PublicKey)> {
        match self {
            Policy::Text(p) => p.witness(key_hash),
            Policy::Compiled(p) => p.witness(key_hash),
        }
    }

    fn is_satisfied(&self, verified: &WitnessSet) -> bool {
        match self {
            Policy::Text(p) => p.is_satisfied(verified),
            Policy::Compiled(p) => p.is_satisfied(verified),
        }
    }

    fn missing(&self, verified: &WitnessSet, available: &WitnessSet) -> Option<usize> {
        match self {
            Policy::Text(p) => p.missing(verified, available),
            Policy::Compiled(p) => p.missing(verified, available),
        }
    }
}

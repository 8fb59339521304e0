//! [`Policy`]: any policy form (text or compiled) in one type.

use super::builtin::Builtin;
use super::compiled::CompiledPolicy;
use super::program::CompiledError;
use super::text::{PolicyError, PolicyErrorKind, TextPolicy};
use super::trust_policy::{PolicyKeys, TrustPolicy};
use crate::types::{Hash, PublicKey};
use crate::witness_set::WitnessSet;

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
    pub fn builtin(name: &str) -> Result<Policy<'static>, PolicyError> {
        let compiled = Builtin::from_name(name)?
            .compiled()
            .map_err(|_| PolicyError {
                line: 0,
                kind: PolicyErrorKind::BuiltinBlob,
            })?;
        Ok(Policy::Compiled(compiled))
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

    fn witness_key(&self, index: u8, key_hash: &Hash) -> Option<PublicKey> {
        match self {
            Policy::Text(p) => p.witness_key(index, key_hash),
            Policy::Compiled(p) => p.witness_key(index, key_hash),
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

impl PolicyKeys for Policy<'_> {
    fn for_each_key(&self, each: &mut dyn FnMut(Option<u8>, &PublicKey)) {
        match self {
            Policy::Text(p) => p.for_each_key(each),
            Policy::Compiled(p) => p.for_each_key(each),
        }
    }
}

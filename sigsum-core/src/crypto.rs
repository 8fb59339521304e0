//! The pluggable Ed25519 verification backend.

use crate::types::{PublicKey, Signature};

/// An Ed25519 signature verifier.
///
/// Implementations must accept exactly the signatures that Go's
/// `crypto/ed25519.Verify` accepts (see the module docs). They must not
/// panic; any internal failure is a rejection.
///
/// Every signature in Sigsum (leaf, log, witness) is checked through the
/// [`Ed25519Backend`] trait, so embedded and C users can bring their own
/// implementation. A backend **must decide exactly as Go's
/// `crypto/ed25519.Verify`**, which sigsum-go uses: a verifier that accepts a
/// different set of signatures gives a different verdict on the same proof (a
/// split view). Go's rule: any 32-byte key that decodes to a curve point is
/// accepted (non-canonical and small-order included), `S >= L` is rejected,
/// and the cofactorless equation is checked by comparing the encoding of
/// `[S]B - [k]A` with the `R` bytes.
///
/// | backend | feature | agrees with Go |
/// |---|---|---|
/// | [`DalekBackend`] (default) | `dalek` | on all 1092 edge-case vectors in `tests/vectors/ed25519/` |
/// | `CompactBackend` | `compact` | **no**: differs on 241 vectors (cofactored equation; rejects small-order and non-canonical keys and `R`). Only for code-size experiments. |
pub trait Ed25519Backend {
    /// `true` iff `signature` is a valid signature of `message` under `key`.
    fn verify(&self, key: &PublicKey, message: &[u8], signature: &Signature) -> bool;
}

impl<B: Ed25519Backend + ?Sized> Ed25519Backend for &B {
    fn verify(&self, key: &PublicKey, message: &[u8], signature: &Signature) -> bool {
        (**self).verify(key, message, signature)
    }
}

/// A backend that can decode a public key once (for Ed25519, decompress
/// the point) and then verify any number of signatures under it, for
/// [`PreparedPolicy`](crate::PreparedPolicy).
///
/// Contract: `verify(key, m, s)` must equal
/// `prepare(key).is_some_and(|k| verify_prepared(&k, m, s))` for every
/// input, so preparing a key never changes a verdict. The built-in
/// backends implement `verify` that way, so it holds by construction.
pub trait PrepareKeys: Ed25519Backend {
    /// A decoded public key.
    type PreparedKey: Copy;

    /// Decode `key`; `None` if it is not a valid encoding (then no
    /// signature verifies under it).
    fn prepare(&self, key: &PublicKey) -> Option<Self::PreparedKey>;

    /// `true` iff `signature` is a valid signature of `message` under the
    /// decoded `key`.
    fn verify_prepared(
        &self,
        key: &Self::PreparedKey,
        message: &[u8],
        signature: &Signature,
    ) -> bool;
}

/// The default backend: ed25519-dalek 2.x non-strict `verify`.
///
/// Built with `default-features = false` and without
/// `legacy_compatibility` (which would accept `S >= L`), it matches Go's
/// verdict on every vector we have.
#[cfg(feature = "dalek")]
#[derive(Clone, Copy, Debug, Default)]
pub struct DalekBackend;

#[cfg(feature = "dalek")]
impl Ed25519Backend for DalekBackend {
    fn verify(&self, key: &PublicKey, message: &[u8], signature: &Signature) -> bool {
        self.prepare(key)
            .is_some_and(|k| self.verify_prepared(&k, message, signature))
    }
}

#[cfg(feature = "dalek")]
impl PrepareKeys for DalekBackend {
    /// The decompressed point with its encoding (192 bytes).
    type PreparedKey = ed25519_dalek::VerifyingKey;

    fn prepare(&self, key: &PublicKey) -> Option<Self::PreparedKey> {
        ed25519_dalek::VerifyingKey::from_bytes(&key.0).ok()
    }

    fn verify_prepared(
        &self,
        key: &Self::PreparedKey,
        message: &[u8],
        signature: &Signature,
    ) -> bool {
        use ed25519_dalek::Verifier;
        let sig = ed25519_dalek::Signature::from_bytes(&signature.0);
        key.verify(message, &sig).is_ok()
    }
}

/// Optional backend: ed25519-compact (pinned to 2.6.1).
///
/// **Not Go-compatible**: it uses the cofactored equation and rejects
/// small-order and non-canonical keys and `R` values, so on crafted inputs it
/// disagrees with sigsum-go (241 of the 1092 edge-case vectors; the list is
/// checked by `tests/ed25519_vectors.rs`). Honestly generated signatures
/// verify the same way. Use it only where code size matters more than
/// agreement on adversarial signatures.
#[cfg(feature = "compact")]
#[derive(Clone, Copy, Debug, Default)]
pub struct CompactBackend;

#[cfg(feature = "compact")]
impl Ed25519Backend for CompactBackend {
    fn verify(&self, key: &PublicKey, message: &[u8], signature: &Signature) -> bool {
        self.prepare(key)
            .is_some_and(|k| self.verify_prepared(&k, message, signature))
    }
}

#[cfg(feature = "compact")]
impl PrepareKeys for CompactBackend {
    /// The key bytes (ed25519-compact decodes the point at each
    /// verification, so preparing saves nothing here).
    type PreparedKey = ed25519_compact::PublicKey;

    fn prepare(&self, key: &PublicKey) -> Option<Self::PreparedKey> {
        ed25519_compact::PublicKey::from_slice(&key.0).ok()
    }

    fn verify_prepared(
        &self,
        key: &Self::PreparedKey,
        message: &[u8],
        signature: &Signature,
    ) -> bool {
        let Ok(sig) = ed25519_compact::Signature::from_slice(&signature.0) else {
            return false;
        };
        key.verify(message, &sig).is_ok()
    }
}

/// The backend used when the caller does not choose one.
#[cfg(feature = "dalek")]
pub use DalekBackend as DefaultBackend;

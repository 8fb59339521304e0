//! Verifying many proofs under one policy: every key of the policy decoded
//! once ([`PreparedPolicy`]), and each cosigned tree head verified once per
//! batch ([`BatchVerifier`]). Same verdicts and errors as [`verify`](crate::verify).

use core::cell::Cell;

use crate::crypto::{Ed25519Backend, PrepareKeys};
use crate::policy::{PolicyKeys, QuorumState, TrustPolicy};
use crate::proof::Proof;
use crate::types::{Hash, PublicKey, Signature};
use crate::verify::{check_leaf, check_tree_head, verified, Counting, QuorumResult};
use crate::verify::{Verified, VerifyError};
use crate::witness_set::WitnessSet;

/// What a prepared key is to the policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    Log,
    Witness(u8),
    Signer,
}

#[derive(Clone, Copy, Debug)]
struct Entry<K> {
    key_hash: Hash,
    key: PublicKey,
    role: Role,
    /// `None`: the key is not a valid encoding (no signature verifies).
    decoded: Option<K>,
}

/// Why a policy could not be prepared.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrepareError {
    /// The policy's keys and the signer keys do not fit in the `N` slots.
    TooManyKeys {
        /// The capacity `N`.
        capacity: usize,
    },
}

impl core::fmt::Display for PrepareError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::TooManyKeys { capacity } => write!(
                f,
                "the policy and signer keys do not fit in {capacity} prepared keys"
            ),
        }
    }
}

/// A policy with every log, witness and signer key decoded once (Ed25519
/// points decompressed by the backend, key hashes computed), for verifying
/// any number of proofs: [`verify`](Self::verify) gives exactly the
/// verdicts and errors of [`verify`](crate::verify) with the same policy,
/// keys and backend.
///
/// Caller-owned, no allocation: `N` key slots (logs + witnesses + signer
/// keys), each `64 + size_of::<Option<B::PreparedKey>>()` bytes plus
/// padding (272 bytes with [`DalekBackend`](crate::DalekBackend): about
/// 17 KiB for the default `N = 64`). Keys that are not valid encodings are
/// kept, marked, and reported by [`rejected_keys`](Self::rejected_keys):
/// no signature verifies under them, as without preparing.
///
/// The policy lists its keys through [`PolicyKeys`] (the text, compiled
/// and builtin policies do). The prepared policy is itself a
/// [`TrustPolicy`] (lookups by precomputed key hash, binary search) and an
/// [`Ed25519Backend`] (decoded keys; any other key goes to the backend as
/// is).
pub struct PreparedPolicy<'p, P: ?Sized, B: PrepareKeys, const N: usize = 64> {
    policy: &'p P,
    backend: B,
    entries: [Entry<B::PreparedKey>; N],
    len: usize,
}

impl<P: ?Sized, B: PrepareKeys, const N: usize> PreparedPolicy<'_, P, B, N> {
    /// The prepared keys, sorted by key hash and role.
    fn entries(&self) -> &[Entry<B::PreparedKey>] {
        self.entries.get(..self.len).unwrap_or_default()
    }
}

impl<'p, P: TrustPolicy + PolicyKeys + ?Sized, B: PrepareKeys, const N: usize>
    PreparedPolicy<'p, P, B, N>
{
    /// Prepare every log and witness key of `policy`, and `signer_keys`
    /// (the keys a leaf may be signed with, as in [`verify`](crate::verify)).
    pub fn new(policy: &'p P, signer_keys: &[PublicKey], backend: B) -> Result<Self, PrepareError> {
        let empty = Entry {
            key_hash: Hash([0; 32]),
            key: PublicKey([0; 32]),
            role: Role::Log,
            decoded: None,
        };
        let mut prepared = PreparedPolicy {
            policy,
            backend,
            entries: [empty; N],
            len: 0,
        };
        let mut result = Ok(());
        policy.for_each_key(&mut |witness, key| {
            let role = witness.map_or(Role::Log, Role::Witness);
            if result.is_ok() {
                result = prepared.push(role, key);
            }
        });
        result?;
        for key in signer_keys {
            prepared.push(Role::Signer, key)?;
        }
        let (entries, _) = prepared.entries.split_at_mut(prepared.len.min(N));
        entries.sort_unstable_by_key(|e| (e.key_hash.0, e.role));
        Ok(prepared)
    }

    fn push(&mut self, role: Role, key: &PublicKey) -> Result<(), PrepareError> {
        let slot = self
            .entries
            .get_mut(self.len)
            .ok_or(PrepareError::TooManyKeys { capacity: N })?;
        *slot = Entry {
            key_hash: key.key_hash(),
            key: *key,
            role,
            decoded: self.backend.prepare(key),
        };
        self.len = self.len.saturating_add(1);
        Ok(())
    }

    /// The entry for `key_hash` in `role`, by binary search.
    fn find(&self, key_hash: &Hash, role: Role) -> Option<&Entry<B::PreparedKey>> {
        let entries = self.entries();
        let start = entries.partition_point(|e| (e.key_hash.0, e.role) < (key_hash.0, role));
        entries
            .get(start)
            .filter(|e| e.key_hash == *key_hash && e.role == role)
    }

    /// The keys that are not valid encodings: `(Some(witness index), key)`
    /// for a witness, `(None, key)` for a log or a signer key. No
    /// signature verifies under them (with or without preparing).
    pub fn rejected_keys(&self) -> impl Iterator<Item = (Option<u8>, PublicKey)> + '_ {
        self.entries()
            .iter()
            .filter(|e| e.decoded.is_none())
            .map(|e| match e.role {
                Role::Witness(i) => (Some(i), e.key),
                Role::Log | Role::Signer => (None, e.key),
            })
    }

    /// Number of prepared keys (logs, witnesses and signer keys).
    pub fn len(&self) -> usize {
        self.len
    }

    /// `true` if no key was prepared.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// [`verify`](crate::verify) with this policy, backend and the signer
    /// keys given to [`new`](Self::new): the same verdicts and errors.
    pub fn verify(&self, message: &Hash, proof: &Proof<'_>) -> Result<Verified, VerifyError> {
        let backend = Counting {
            inner: self,
            count: Cell::new(0),
        };
        self.check_leaf(message, proof, &backend)?;
        let q = check_tree_head(self, proof, &backend, &mut None)?;
        Ok(verified(0, proof, q, backend.count.get()))
    }

    fn check_leaf<C: Ed25519Backend>(
        &self,
        message: &Hash,
        proof: &Proof<'_>,
        backend: &C,
    ) -> Result<(), VerifyError> {
        let signer = |key_hash: &Hash| self.find(key_hash, Role::Signer).map(|e| e.key);
        let knows_log = self.log_key(&proof.log_key_hash).is_some();
        check_leaf(message, signer, knows_log, proof, backend)
    }
}

impl<P: TrustPolicy + PolicyKeys + ?Sized, B: PrepareKeys, const N: usize> TrustPolicy
    for PreparedPolicy<'_, P, B, N>
{
    fn log_key(&self, key_hash: &Hash) -> Option<PublicKey> {
        self.find(key_hash, Role::Log).map(|e| e.key)
    }

    fn witness(&self, key_hash: &Hash) -> Option<(u8, PublicKey)> {
        let entries = self.entries();
        let start =
            entries.partition_point(|e| (e.key_hash.0, e.role) < (key_hash.0, Role::Witness(0)));
        entries
            .get(start)
            .filter(|e| e.key_hash == *key_hash)
            .and_then(|e| match e.role {
                Role::Witness(i) => Some((i, e.key)),
                Role::Log | Role::Signer => None,
            })
    }

    fn is_satisfied(&self, verified: &WitnessSet) -> bool {
        self.policy.is_satisfied(verified)
    }

    fn decide(&self, verified: &WitnessSet, pending: &WitnessSet) -> QuorumState {
        self.policy.decide(verified, pending)
    }

    fn missing(&self, verified: &WitnessSet, available: &WitnessSet) -> Option<usize> {
        self.policy.missing(verified, available)
    }
}

impl<P: ?Sized, B: PrepareKeys, const N: usize> Ed25519Backend for PreparedPolicy<'_, P, B, N> {
    /// With the decoded key if `key` was prepared, else the backend's
    /// `verify` (the same verdict, see [`PrepareKeys`]).
    fn verify(&self, key: &PublicKey, message: &[u8], signature: &Signature) -> bool {
        match self.entries().iter().find(|e| e.key == *key) {
            Some(e) => e
                .decoded
                .is_some_and(|k| self.backend.verify_prepared(&k, message, signature)),
            None => self.backend.verify(key, message, signature),
        }
    }
}

/// The longest `cosignature=` text (all lines) a [`BatchVerifier`] cache
/// entry holds: 18 lines of 226 bytes. A tree head with more is verified
/// every time (same result, no saving).
pub const MAX_CACHED_COSIGNATURE_TEXT: usize = 4096;

/// A verified cosigned tree head: everything the tree-head steps read
/// (log key hash, size, root hash, log signature, the `cosignature=` lines
/// byte for byte), and what they gave.
#[derive(Clone, Copy)]
struct Cached {
    log_key_hash: Hash,
    size: u64,
    root_hash: Hash,
    signature: Signature,
    text_len: usize,
    text: [u8; MAX_CACHED_COSIGNATURE_TEXT],
    result: Result<QuorumResult, VerifyError>,
}

impl Cached {
    fn matches(&self, proof: &Proof<'_>) -> bool {
        let sth = &proof.signed_tree_head;
        self.signature == sth.signature
            && self.root_hash == sth.tree_head.root_hash
            && self.size == sth.tree_head.size
            && self.log_key_hash == proof.log_key_hash
            && self.text.get(..self.text_len) == Some(sth.cosignatures.text())
    }
}

/// Verifies a batch (or stream) of proofs under one [`PreparedPolicy`],
/// checking each cosigned tree head once: the log signature and the
/// cosignatures of a tree head already seen (same log, size, root hash,
/// log signature and byte for byte the same `cosignature=` lines) are not
/// checked again. Every result equals the one of
/// [`PreparedPolicy::verify`] (and of [`verify`](crate::verify)), except
/// [`Verified::signature_checks`], which counts the checks this call did.
///
/// The cache holds the last `C` distinct tree heads (replaced in turn),
/// compared byte for byte (no hashing): about `C x 4.3` KiB
/// ([`MAX_CACHED_COSIGNATURE_TEXT`] each). One per thread: it is borrowed
/// mutably by [`verify`](Self::verify).
pub struct BatchVerifier<'a, 'p, P: ?Sized, B: PrepareKeys, const N: usize, const C: usize = 8> {
    prepared: &'a PreparedPolicy<'p, P, B, N>,
    cache: [Option<Cached>; C],
    next: usize,
    hits: usize,
}

impl<
        'a,
        'p,
        P: TrustPolicy + PolicyKeys + ?Sized,
        B: PrepareKeys,
        const N: usize,
        const C: usize,
    > BatchVerifier<'a, 'p, P, B, N, C>
{
    /// An empty cache for `prepared`.
    pub fn new(prepared: &'a PreparedPolicy<'p, P, B, N>) -> Self {
        BatchVerifier {
            prepared,
            cache: [None; C],
            next: 0,
            hits: 0,
        }
    }

    /// [`PreparedPolicy::verify`], with the tree head from the cache when
    /// it was verified before.
    pub fn verify(&mut self, message: &Hash, proof: &Proof<'_>) -> Result<Verified, VerifyError> {
        let prepared = self.prepared;
        let backend = Counting {
            inner: prepared,
            count: Cell::new(0),
        };
        prepared.check_leaf(message, proof, &backend)?;
        let cached = self
            .cache
            .iter()
            .flatten()
            .find(|c| c.matches(proof))
            .map(|c| c.result);
        let result = match cached {
            Some(r) => {
                self.hits = self.hits.saturating_add(1);
                r
            }
            None => {
                let r = check_tree_head(prepared, proof, &backend, &mut None);
                self.insert(proof, r);
                r
            }
        };
        let q = result?;
        Ok(verified(0, proof, q, backend.count.get()))
    }

    /// Remember the tree head of `proof` and its result (replacing the
    /// oldest entry); not if its cosignature lines are too long to hold.
    fn insert(&mut self, proof: &Proof<'_>, result: Result<QuorumResult, VerifyError>) {
        let sth = &proof.signed_tree_head;
        let text = sth.cosignatures.text();
        let Some(slot) = self.cache.get_mut(self.next) else {
            return;
        };
        let mut entry = Cached {
            log_key_hash: proof.log_key_hash,
            size: sth.tree_head.size,
            root_hash: sth.tree_head.root_hash,
            signature: sth.signature,
            text_len: text.len(),
            text: [0; MAX_CACHED_COSIGNATURE_TEXT],
            result,
        };
        let Some(dst) = entry.text.get_mut(..text.len()) else {
            return;
        };
        dst.copy_from_slice(text);
        *slot = Some(entry);
        self.next = self.next.saturating_add(1);
        if self.next >= C {
            self.next = 0;
        }
    }

    /// How many proofs reused a cached tree head.
    pub fn hits(&self) -> usize {
        self.hits
    }
}

//! End-to-end verification of a Sigsum proof against a trust policy.

use core::cell::Cell;

use crate::ascii::ProofError;
use crate::ascii::MAX_COSIGNATURES;
use crate::crypto::Ed25519Backend;
use crate::freshness::{Freshness, FreshnessError};
use crate::leaf::{self, Leaf};
use crate::merkle::{verify_inclusion, MerkleError};
use crate::policy::{QuorumState, TrustPolicy};
use crate::proof::{Proof, ProofVersion};
use crate::signed_tree_head::SignedTreeHead;
use crate::types::{Hash, PublicKey};
use crate::witness_set::WitnessSet;

/// A proof that verified.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Verified {
    /// Index of the policy that held (0 = primary) in
    /// [`verify_with_fallbacks`]; always 0 for [`verify`].
    pub policy_index: usize,
    /// Key hash of the log that logged the leaf.
    pub log_key_hash: Hash,
    /// Key hash of the submitter whose key signed the leaf.
    pub signer_key_hash: Hash,
    /// The leaf's index in the tree.
    pub leaf_index: u64,
    /// The size of the cosigned tree.
    pub tree_size: u64,
    /// Valid cosignatures checked (and counted towards the quorum).
    pub cosignatures_verified: usize,
    /// Cosignatures from known witnesses that did not verify (ignored).
    pub cosignatures_failed: usize,
    /// The quorum timestamp: the newest `T` such that the cosignatures with
    /// timestamp `>= T` satisfy the quorum. `None` when the quorum needs no
    /// cosignature (`quorum none`).
    pub quorum_timestamp: Option<u64>,
    /// Ed25519 verifications done (leaf, log, cosignatures).
    pub signature_checks: usize,
}

impl Verified {
    /// The freshness rule ([`Freshness::check`]) on this proof's quorum
    /// timestamp.
    pub fn check_freshness(&self, freshness: &Freshness) -> Result<(), FreshnessError> {
        freshness.check(self.quorum_timestamp)
    }
}

/// Why a proof did not verify: one variant per failing step.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VerifyError {
    /// The proof text is malformed (only from [`verify_bytes`]).
    Proof(ProofError),
    /// No policy was given to [`verify_with_fallbacks`].
    NoPolicy,
    /// v1 proof: the short checksum is not the start of `H(message)` (the
    /// proof is for another message).
    ShortChecksumMismatch,
    /// None of the signer keys hashes to the leaf's key hash.
    UnknownSignerKey,
    /// The policy does not know the proof's log.
    UnknownLog,
    /// The leaf is not included in the tree head.
    Inclusion(MerkleError),
    /// The leaf signature does not verify for the message.
    BadLeafSignature,
    /// The log signature over the tree head does not verify.
    BadLogSignature,
    /// The valid cosignatures do not satisfy the quorum.
    QuorumNotMet {
        /// Valid cosignatures found before the quorum became unreachable.
        verified: usize,
        /// Invalid cosignatures from known witnesses found before that.
        failed: usize,
        /// Cosignatures from witnesses the policy knows.
        total_known: usize,
    },
}

impl core::fmt::Display for VerifyError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::Proof(e) => write!(f, "malformed proof: {e}"),
            Self::NoPolicy => f.write_str("no policy given"),
            Self::ShortChecksumMismatch => f.write_str(
                "short checksum mismatch: the version 1 proof is for another message",
            ),
            Self::UnknownSignerKey => {
                f.write_str("unknown signer key: the leaf key hash matches none of the given keys")
            }
            Self::UnknownLog => f.write_str("unknown log: the policy does not list the proof's log"),
            Self::Inclusion(e) => write!(f, "inclusion proof failed: {e}"),
            Self::BadLeafSignature => f.write_str("bad leaf signature"),
            Self::BadLogSignature => f.write_str("bad log signature"),
            Self::QuorumNotMet {
                verified,
                failed,
                total_known,
            } => write!(
                f,
                "quorum not met: {verified} valid and {failed} invalid of {total_known} cosignatures from known witnesses"
            ),
        }
    }
}

/// Counts the signature checks it forwards.
pub(crate) struct Counting<'b, B: ?Sized> {
    pub(crate) inner: &'b B,
    pub(crate) count: Cell<usize>,
}

impl<B: Ed25519Backend + ?Sized> Ed25519Backend for Counting<'_, B> {
    fn verify(&self, key: &PublicKey, message: &[u8], signature: &crate::types::Signature) -> bool {
        self.count.set(self.count.get().saturating_add(1));
        self.inner.verify(key, message, signature)
    }
}

/// Verify `proof` for the 32-byte `message` (normally `H(data)`), signed by
/// one of `signer_keys`, logged and cosigned as `policy` requires. See the
/// module docs for the order of the checks.
///
/// [`verify`] accepts exactly the proofs sigsum-go's `SigsumProof.Verify`
/// accepts (with the stricter parsing and v1 short-checksum rules listed in
/// [`Proof`](crate::Proof)), but orders the checks so that the cheap ones come
/// first and signature checks last:
///
/// 1. parse (only in [`verify_bytes`]);
/// 2. v1 only: the short checksum must equal the first two bytes of
///    `H(message)` ([`VerifyError::ShortChecksumMismatch`]; sigsum-go only
///    checks its syntax, the proof would fail at the leaf signature anyway);
/// 3. the submitter key: one of `signer_keys` must hash to the leaf's key
///    hash ([`VerifyError::UnknownSignerKey`]);
/// 4. the log: the policy must know the proof's `log=` key hash
///    ([`VerifyError::UnknownLog`]);
/// 5. the leaf hash and the inclusion proof, by hashing only
///    ([`VerifyError::Inclusion`]);
/// 6. the leaf signature ([`VerifyError::BadLeafSignature`]);
/// 7. the log signature over the checkpoint body whose origin is derived from
///    the policy's log key ([`VerifyError::BadLogSignature`]);
/// 8. witness cosignatures, newest first, only until the quorum is decided
///    ([`VerifyError::QuorumNotMet`]).
///
/// sigsum-go checks leaf signature, tree head and cosignatures before the
/// inclusion proof. The set of accepted proofs is the same; only the error
/// reported for a proof with several faults can differ.
///
/// ## Cosignatures
///
/// As in sigsum-go, cosignatures from witnesses the policy does not name are
/// skipped (no signature check), and an invalid cosignature from a known
/// witness is not an error: it just does not count. Because quorums are
/// monotone, the verdict only depends on which known witnesses have a valid
/// cosignature, so we can stop as soon as
/// [`TrustPolicy::decide`] says the quorum is met or unreachable: the answer
/// is the one checking every cosignature would give.
///
/// Known cosignatures are checked in **descending timestamp order**. Among
/// cosignatures with equal timestamps the order changes neither the verdict
/// nor the quorum timestamp, so the most useful comes first: the one that,
/// if valid, leaves the fewest further cosignatures needed
/// ([`TrustPolicy::missing`]; ties in input order). On the real serviceberry
/// proof (8 equal timestamps, quorum 4 of {a 2-of-3 group, 5 witnesses})
/// this checks 4 cosignatures, the minimum, instead of 5.
///
/// When the quorum is met, the timestamp of the cosignature that completed
/// it is the *quorum timestamp*: the newest `T` such that the
/// cosignatures with timestamp `>= T` alone satisfy the quorum
/// ([`Verified::quorum_timestamp`]). [`Verified::check_freshness`] applies
/// the crate's one freshness rule ([`Freshness`]) to it.
pub fn verify<P: TrustPolicy, B: Ed25519Backend>(
    message: &Hash,
    signer_keys: &[PublicKey],
    policy: &P,
    proof: &Proof<'_>,
    backend: &B,
) -> Result<Verified, VerifyError> {
    verify_with_fallbacks(
        message,
        signer_keys,
        &[policy as &dyn TrustPolicy],
        proof,
        backend,
    )
}

/// [`verify`] from the proof text: a parse error is
/// [`VerifyError::Proof`] (with its line number).
pub fn verify_bytes<P: TrustPolicy, B: Ed25519Backend>(
    message: &Hash,
    signer_keys: &[PublicKey],
    policy: &P,
    proof_text: &[u8],
    backend: &B,
) -> Result<Verified, VerifyError> {
    let proof = Proof::parse(proof_text).map_err(VerifyError::Proof)?;
    verify(message, signer_keys, policy, &proof, backend)
}

/// [`verify`] against several policies in order, a primary one and
/// fallbacks: the first policy that holds wins and
/// [`Verified::policy_index`] says which. The leaf and inclusion checks are
/// done once; log signatures once per distinct log key. If none holds, the
/// error is the primary policy's (or [`VerifyError::UnknownLog`] if no
/// policy knows the log).
pub fn verify_with_fallbacks<B: Ed25519Backend>(
    message: &Hash,
    signer_keys: &[PublicKey],
    policies: &[&dyn TrustPolicy],
    proof: &Proof<'_>,
    backend: &B,
) -> Result<Verified, VerifyError> {
    if policies.is_empty() {
        return Err(VerifyError::NoPolicy);
    }
    let backend = Counting {
        inner: backend,
        count: Cell::new(0),
    };
    let signer = |key_hash: &Hash| {
        signer_keys
            .iter()
            .find(|k| k.key_hash() == *key_hash)
            .copied()
    };
    let knows_log = policies
        .iter()
        .any(|p| p.log_key(&proof.log_key_hash).is_some());
    check_leaf(message, signer, knows_log, proof, &backend)?;

    let mut primary_error = None;
    // The last log key whose signature was checked, and the verdict.
    let mut checked_log: Option<(PublicKey, bool)> = None;
    for (index, policy) in policies.iter().enumerate() {
        match check_tree_head(*policy, proof, &backend, &mut checked_log) {
            Ok(q) => return Ok(verified(index, proof, q, backend.count.get())),
            Err(e) => {
                primary_error.get_or_insert(e);
            }
        }
    }
    Err(primary_error.unwrap_or(VerifyError::NoPolicy))
}

/// The result of a proof whose leaf and tree head verified under policy
/// `index`, after `checks` signature checks.
pub(crate) fn verified(
    index: usize,
    proof: &Proof<'_>,
    q: QuorumResult,
    checks: usize,
) -> Verified {
    Verified {
        policy_index: index,
        log_key_hash: proof.log_key_hash,
        signer_key_hash: proof.leaf_key_hash,
        leaf_index: proof.leaf_index,
        tree_size: proof.signed_tree_head.tree_head.size,
        cosignatures_verified: q.verified,
        cosignatures_failed: q.failed,
        quorum_timestamp: q.timestamp,
        signature_checks: checks,
    }
}

/// Steps 2 to 6 of [`verify`]: everything about the leaf. `signer` finds
/// the signer key with a key hash (it must return a key with that hash);
/// `knows_log` says whether a policy knows the proof's log.
pub(crate) fn check_leaf<B: Ed25519Backend>(
    message: &Hash,
    signer: impl FnOnce(&Hash) -> Option<PublicKey>,
    knows_log: bool,
    proof: &Proof<'_>,
    backend: &B,
) -> Result<(), VerifyError> {
    let checksum = leaf::leaf_checksum(message);
    if let ProofVersion::V1 { short_checksum } = proof.version {
        if checksum.0.get(..2) != Some(&short_checksum[..]) {
            return Err(VerifyError::ShortChecksumMismatch);
        }
    }
    let signer = signer(&proof.leaf_key_hash).ok_or(VerifyError::UnknownSignerKey)?;
    if !knows_log {
        return Err(VerifyError::UnknownLog);
    }
    let sth = &proof.signed_tree_head;
    let leaf = Leaf {
        checksum,
        signature: proof.leaf_signature,
        key_hash: proof.leaf_key_hash,
    };
    verify_inclusion(
        &leaf.hash(),
        proof.leaf_index,
        sth.tree_head.size,
        &sth.tree_head.root_hash,
        proof.path.iter(),
    )
    .map_err(VerifyError::Inclusion)?;
    // `signer` hashes to the leaf's key hash (that is how it was found):
    // check the signature only.
    if backend.verify(&signer, &leaf::leaf_signed_data(&checksum), &leaf.signature) {
        Ok(())
    } else {
        Err(VerifyError::BadLeafSignature)
    }
}

/// Steps 7 and 8 of [`verify`] under one policy: the log signature and
/// the cosignatures. `checked_log` remembers the last log key checked and
/// its verdict, so that fallback policies with the same log key do not
/// check it again.
pub(crate) fn check_tree_head<B: Ed25519Backend>(
    policy: &dyn TrustPolicy,
    proof: &Proof<'_>,
    backend: &B,
    checked_log: &mut Option<(PublicKey, bool)>,
) -> Result<QuorumResult, VerifyError> {
    let sth = &proof.signed_tree_head;
    let log_key = policy
        .log_key(&proof.log_key_hash)
        .ok_or(VerifyError::UnknownLog)?;
    // A `TrustPolicy` must return a key whose hash is the one asked for;
    // checked anyway (one SHA-256 per policy), because the log signature
    // is checked under this key's origin while the cosignatures are
    // checked under `log=`'s. A policy that broke the contract could
    // otherwise tie them to different logs.
    if log_key.key_hash() != proof.log_key_hash {
        return Err(VerifyError::UnknownLog);
    }
    let log_ok = match *checked_log {
        Some((k, ok)) if k == log_key => ok,
        _ => {
            // The origin from `log=`, which is H(log_key) (checked above):
            // no second hash of the key.
            let ok = sth.tree_head.verify_log_signature_hashed(
                &log_key,
                &proof.log_key_hash,
                &sth.signature,
                backend,
            );
            *checked_log = Some((log_key, ok));
            ok
        }
    };
    if !log_ok {
        return Err(VerifyError::BadLogSignature);
    }
    check_quorum(policy, &proof.log_key_hash, sth, backend)
}

/// What the cosignatures of a tree head gave.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct QuorumResult {
    pub(crate) verified: usize,
    pub(crate) failed: usize,
    pub(crate) timestamp: Option<u64>,
}

#[derive(Clone, Copy, Default)]
struct Entry {
    timestamp: u64,
    position: u8,
    witness: u8,
}

/// Move the cosignature to check next to `entries[index]` and return it.
///
/// `entries[index..]` are sorted by descending timestamp. Among those with
/// the highest timestamp (the order within them changes neither the verdict
/// nor the quorum timestamp), pick the one that, if valid, leaves the
/// fewest further cosignatures needed ([`TrustPolicy::missing`]); ties in
/// input order. The others keep their relative order.
fn pick_next(
    policy: &dyn TrustPolicy,
    entries: &mut [Entry],
    index: usize,
    verified: &WitnessSet,
    pending: &WitnessSet,
) -> Option<Entry> {
    let rest = entries.get_mut(index..)?;
    let first = rest.first()?;
    let ties = rest
        .iter()
        .take_while(|e| e.timestamp == first.timestamp)
        .count();
    if ties > 1 {
        let mut best: Option<(usize, usize)> = None; // (missing, position)
        for (i, e) in rest.iter().take(ties).enumerate() {
            let mut v = *verified;
            v.insert(e.witness);
            let mut p = *pending;
            p.remove(e.witness);
            // None (unreachable even with this one) sorts last.
            let need = policy.missing(&v, &p).unwrap_or(usize::MAX);
            if best.map_or(true, |(b, _)| need < b) {
                best = Some((need, i));
            }
        }
        if let Some((_, i)) = best {
            // Bubble it to the front (the others keep their order). Swaps,
            // not `rotate_right`: that links a 1.5 KB `memmove` on small
            // targets, and `i < ties <= MAX_COSIGNATURES` is tiny.
            for k in (1..=i).rev() {
                rest.swap(k.saturating_sub(1), k);
            }
        }
    }
    rest.first().copied()
}

/// Check cosignatures from known witnesses, newest first (ties: most
/// useful first, see [`pick_next`]), until `policy`'s quorum is decided.
fn check_quorum<B: Ed25519Backend>(
    policy: &dyn TrustPolicy,
    log_key_hash: &Hash,
    sth: &SignedTreeHead<'_>,
    backend: &B,
) -> Result<QuorumResult, VerifyError> {
    let mut entries = [Entry::default(); MAX_COSIGNATURES];
    let mut known = 0usize;
    let mut pending = WitnessSet::EMPTY;
    for (position, (key_hash, timestamp)) in
        sth.cosignatures.key_hashes_and_timestamps().enumerate()
    {
        let Some((witness, _)) = policy.witness(&key_hash) else {
            continue;
        };
        let (Some(slot), Ok(position)) = (entries.get_mut(known), u8::try_from(position)) else {
            break; // cannot happen: at most MAX_COSIGNATURES lines
        };
        *slot = Entry {
            timestamp,
            position,
            witness,
        };
        pending.insert(witness);
        known = known.saturating_add(1);
    }
    let entries = entries.get_mut(..known).unwrap_or_default();
    // Insertion sort: descending timestamp, ties in input order.
    for i in 1..entries.len() {
        let mut j = i;
        while j > 0 {
            let prev = j.saturating_sub(1);
            let (Some(a), Some(b)) = (entries.get(prev), entries.get(j)) else {
                break;
            };
            if a.timestamp >= b.timestamp {
                break;
            }
            entries.swap(prev, j);
            j = prev;
        }
    }

    let mut verified = WitnessSet::EMPTY;
    let mut result = QuorumResult {
        verified: 0,
        failed: 0,
        timestamp: None,
    };
    let mut index = 0usize;
    loop {
        match policy.decide(&verified, &pending) {
            QuorumState::Met => return Ok(result),
            QuorumState::Unreachable => break,
            QuorumState::Undecided => {}
        }
        let Some(e) = pick_next(policy, entries, index, &verified, &pending) else {
            // Nothing pending: decide() cannot have been undecided unless
            // the policy is inconsistent; trust is_satisfied.
            if policy.is_satisfied(&verified) {
                return Ok(result);
            }
            break;
        };
        index = index.saturating_add(1);
        pending.remove(e.witness);
        let valid = sth
            .cosignatures
            .get(usize::from(e.position))
            .and_then(|c| {
                let key = policy.witness_key(e.witness, &c.key_hash)?;
                Some(c.verify(&key, log_key_hash, &sth.tree_head, backend))
            })
            .unwrap_or(false);
        if valid {
            verified.insert(e.witness);
            result.verified = result.verified.saturating_add(1);
            result.timestamp = Some(e.timestamp);
        } else {
            result.failed = result.failed.saturating_add(1);
        }
    }
    Err(VerifyError::QuorumNotMet {
        verified: result.verified,
        failed: result.failed,
        total_known: known,
    })
}

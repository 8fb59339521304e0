//! Cosigned C2SP checkpoints of any log (`tlog-checkpoint`,
//! `tlog-cosignature`) verified under a tlog-policy: the log's signature,
//! every cosignature from a policy witness, the quorum, and the witnesses'
//! timestamps.

use super::error::TlogError;
use super::tlog_key::{TlogKey, TlogKeyMaterial};
use super::tlog_policy::{TlogPolicyN, MAX_TLOG_WITNESSES};
use crate::checkpoint::Checkpoint;
use crate::cosignature::COSIGNATURE_NAMESPACE;
use crate::crypto::Ed25519Backend;
use crate::encoding::MAX_DECIMAL;
use crate::freshness::{Freshness, FreshnessError};
use crate::mldsa::SIG_TYPE_MLDSA_COSIGNATURE;
use crate::note::{SignatureLine, MAX_TLOG_SIGNATURE_LINES, SIG_TYPE_COSIGNATURE};
use crate::policy::{quorum_time, QuorumTime, TrustPolicy};
use crate::tree_head::TreeHead;
use crate::types::{PublicKey, Signature, SIGNATURE_SIZE};
use crate::witness_set::WitnessSet;
use crate::writer::Writer;

/// The longest checkpoint text (origin, size, root hash and extension
/// lines) that is verified. Ed25519 cosignatures sign the whole text after
/// a 40-byte header, and the message is built in a buffer of this size
/// plus the header on the stack; longer checkpoints are
/// [`TlogError::CheckpointTooLarge`].
pub const MAX_TLOG_CHECKPOINT_TEXT_SIZE: usize = 4096;

/// Room for `cosignature/v1\ntime <19 digits>\n`.
const HEADER_ROOM: usize = 15 + 5 + 19 + 1;

/// Options of C2SP checkpoint verification.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TlogOptions {
    /// Reject the checkpoint if any cosignature from a policy witness does
    /// not verify ([`TlogError::BadCosignature`]), as golang.org/x/mod's
    /// `note.Open` and Sigstore do for every known key (signed-note:
    /// verifiers SHOULD reject such a note). Off by default: an invalid
    /// cosignature then does not count toward the quorum, as in sigsum-go,
    /// so one broken witness cannot veto a quorum of others.
    pub reject_invalid_cosignatures: bool,
}

/// A checkpoint whose log signature verified and whose cosignatures
/// satisfy the policy's quorum.
///
/// Timestamps are those of the valid cosignatures (POSIX seconds, at most
/// 2^63 - 1). The checkpoint's extension lines are covered by the log's
/// signature and by Ed25519 cosignatures, but witnesses vouch only for
/// origin, size and root hash (tlog-cosignature), and ML-DSA-44
/// cosignatures do not cover them at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CosignedCheckpoint<'a> {
    /// The origin line.
    pub origin: &'a str,
    /// Size and root hash.
    pub tree_head: TreeHead,
    /// The extension lines, each with its `\n` (signed by the log, not
    /// vouched for by witnesses).
    pub extensions: &'a [u8],
    /// The policy log (index in [`TlogPolicyN::logs`]) whose signature
    /// verified first.
    pub log: u8,
    /// Witnesses with a valid cosignature.
    pub verified: WitnessSet,
    /// Witnesses whose cosignature line did not verify (they do not count).
    pub failed: WitnessSet,
    /// Witnesses with an ML-DSA-44 cosignature that was not checked
    /// because the `mldsa` feature is off (they do not count).
    pub unsupported: WitnessSet,
    /// The quorum time: the newest T such that the valid cosignatures with
    /// timestamp `>= T` satisfy the quorum ([`quorum_time`]).
    pub quorum_time: QuorumTime,
    /// Signatures checked (log and cosignatures).
    pub signature_checks: u32,
    timestamps: [u64; MAX_TLOG_WITNESSES],
}

impl CosignedCheckpoint<'_> {
    /// The timestamp of witness `index`'s valid cosignature.
    pub fn timestamp(&self, index: u8) -> Option<u64> {
        if !self.verified.contains(index) {
            return None;
        }
        self.timestamps.get(usize::from(index)).copied()
    }

    /// The witnesses with a valid cosignature and their timestamps, by
    /// witness index.
    pub fn cosignatures(&self) -> impl Iterator<Item = (u8, u64)> + '_ {
        self.verified
            .iter()
            .filter_map(|i| Some((i, self.timestamp(i)?)))
    }

    /// The median of the valid cosignatures' timestamps; for an even
    /// number, the lower of the two middle ones (a time some witness
    /// attested, and the older one). `None` without valid cosignatures.
    pub fn median_timestamp(&self) -> Option<u64> {
        let mut sorted = [0u64; MAX_TLOG_WITNESSES];
        let mut n = 0usize;
        for (_, t) in self.cosignatures() {
            if let Some(slot) = sorted.get_mut(n) {
                *slot = t;
                n = n.saturating_add(1);
            }
        }
        let sorted = sorted.get_mut(..n)?;
        sorted.sort_unstable();
        sorted.get(n.checked_sub(1)? / 2).copied()
    }

    /// Apply the crate's freshness rule ([`Freshness::check`]) to the
    /// quorum time.
    pub fn check_freshness(&self, freshness: &Freshness) -> Result<(), FreshnessError> {
        freshness.check(self.quorum_time.timestamp())
    }
}

/// Parse a C2SP checkpoint note (at most [`MAX_TLOG_SIGNATURE_LINES`]
/// signature lines) and verify it under `policy`: a cosigned tree head on
/// its own, as monitors and clients that follow a log check it.
///
/// 1. The text is at most [`MAX_TLOG_CHECKPOINT_TEXT_SIZE`] bytes.
/// 2. **Log.** Some policy log has the origin as its key name
///    ([`TlogError::UnknownOrigin`]). Every signature line named by the
///    origin whose key id is one of those logs' keys is verified (Ed25519
///    over the text); one that fails rejects the note
///    ([`TlogError::BadLogSignature`], signed-note); at least one must be
///    present ([`TlogError::NoLogSignature`]).
/// 3. **Cosignatures.** A line whose key name and key id are a policy
///    witness's vkey's is that witness's cosignature; other lines are
///    ignored whatever their type or size (signed-note: unknown keys are
///    ignored). A second line of the same witness is
///    [`TlogError::DuplicateCosignature`]. Each is verified: type 0x04 as
///    `cosignature/v1` over `cosignature/v1\ntime <t>\n` and the whole
///    checkpoint text, extension lines included; type 0x06 as ML-DSA-44
///    over the `subtree/v1` message of the witness's name, the timestamp,
///    the origin, start 0, end = size and the root hash (feature `mldsa`;
///    without it the witness is `unsupported`). A line of the wrong size for
///    its key, a timestamp above 2^63 - 1 or a bad signature does not count
///    ([`CosignedCheckpoint::failed`]), or rejects the note with
///    [`TlogOptions::reject_invalid_cosignatures`].
/// 4. **Quorum.** The witnesses with a valid cosignature satisfy the
///    policy's quorum ([`TlogError::QuorumNotMet`]).
pub fn verify_tlog_checkpoint<
    'a,
    B,
    const L: usize,
    const W: usize,
    const G: usize,
    const P: usize,
>(
    note: &'a [u8],
    policy: &TlogPolicyN<'_, L, W, G, P>,
    backend: &B,
    options: &TlogOptions,
) -> Result<CosignedCheckpoint<'a>, TlogError>
where
    B: Ed25519Backend,
{
    let checkpoint = Checkpoint::parse_with_limit(note, MAX_TLOG_SIGNATURE_LINES)?;
    verify_checkpoint(&checkpoint, policy, backend, options)
}

/// Verify a parsed checkpoint under `policy` (see
/// [`verify_tlog_checkpoint`]).
pub(crate) fn verify_checkpoint<
    'a,
    B,
    const L: usize,
    const W: usize,
    const G: usize,
    const P: usize,
>(
    checkpoint: &Checkpoint<'a>,
    policy: &TlogPolicyN<'_, L, W, G, P>,
    backend: &B,
    options: &TlogOptions,
) -> Result<CosignedCheckpoint<'a>, TlogError>
where
    B: Ed25519Backend,
{
    let text = checkpoint.text();
    if text.len() > MAX_TLOG_CHECKPOINT_TEXT_SIZE {
        return Err(TlogError::CheckpointTooLarge);
    }
    let origin = checkpoint.origin;
    if policy.logs_for_origin(origin).next().is_none() {
        return Err(TlogError::UnknownOrigin);
    }
    // One pass over the lines (each is read once): the log's signatures
    // and the witnesses' cosignatures. Failures are kept and reported
    // after the pass in the documented order, so the verdict and the
    // error do not depend on the order of the lines.
    let mut checks = 0u32;
    let mut log = None;
    let mut bad_log = None;
    let mut duplicate = None;
    let mut bad_cosignature = None;
    let mut message = CosignedText::new(text);
    let mut lines = [0u32; MAX_TLOG_WITNESSES];
    let mut timestamps = [0u64; MAX_TLOG_WITNESSES];
    let mut verified = WitnessSet::EMPTY;
    let mut failed = WitnessSet::EMPTY;
    let mut unsupported = WitnessSet::EMPTY;
    for line in checkpoint.signatures() {
        let Some(id) = line.key_id() else { continue };
        if line.name == origin {
            let known = policy.logs_for_origin(origin).find(|(_, k)| k.key_id == id);
            if let Some((index, key)) = known {
                let TlogKeyMaterial::Ed25519(public) = key.material else {
                    continue;
                };
                checks = checks.saturating_add(1);
                let valid = line
                    .blob_array::<SIGNATURE_SIZE>()
                    .is_some_and(|(_, sig)| backend.verify(&public, text, &Signature(sig)));
                if valid {
                    log.get_or_insert(index);
                } else {
                    bad_log.get_or_insert(line.line);
                }
                continue;
            }
        }
        let Some((index, key)) = policy.cosigner(line.name, id) else {
            continue;
        };
        let Some(first) = lines.get_mut(usize::from(index)) else {
            continue;
        };
        if *first != 0 {
            duplicate.get_or_insert((line.line, *first));
            continue;
        }
        *first = line.line;
        let outcome = check_cosignature(&line, key, checkpoint, &mut message, backend);
        if !matches!(outcome, Outcome::Unsupported) {
            checks = checks.saturating_add(1);
        }
        match outcome {
            Outcome::Valid(t) => {
                verified.insert(index);
                if let Some(slot) = timestamps.get_mut(usize::from(index)) {
                    *slot = t;
                }
            }
            Outcome::Invalid => {
                bad_cosignature.get_or_insert(line.line);
                failed.insert(index);
            }
            Outcome::Unsupported => unsupported.insert(index),
        }
    }
    if let Some(line) = bad_log {
        return Err(TlogError::BadLogSignature { line });
    }
    let log = log.ok_or(TlogError::NoLogSignature)?;
    if let Some((line, first)) = duplicate {
        return Err(TlogError::DuplicateCosignature { line, first });
    }
    if let (Some(line), true) = (bad_cosignature, options.reject_invalid_cosignatures) {
        return Err(TlogError::BadCosignature { line });
    }
    let count = |s: &WitnessSet| u16::try_from(s.len()).unwrap_or(u16::MAX);
    let not_met = TlogError::QuorumNotMet {
        verified: count(&verified),
        failed: count(&failed),
        unsupported: count(&unsupported),
    };
    if !policy.is_satisfied(&verified) {
        return Err(not_met);
    }
    let mut cosigned = [(0u8, 0u64); MAX_TLOG_WITNESSES];
    let mut n = 0usize;
    for index in verified.iter() {
        let t = timestamps.get(usize::from(index)).copied().unwrap_or(0);
        if let Some(slot) = cosigned.get_mut(n) {
            *slot = (index, t);
            n = n.saturating_add(1);
        }
    }
    let quorum_time = quorum_time(policy, cosigned.get(..n).unwrap_or_default()).ok_or(not_met)?;
    Ok(CosignedCheckpoint {
        origin,
        tree_head: checkpoint.tree_head,
        extensions: checkpoint.extensions(),
        log,
        verified,
        failed,
        unsupported,
        quorum_time,
        signature_checks: checks,
        timestamps,
    })
}

/// What checking one cosignature line gave.
pub(super) enum Outcome {
    /// Valid, with this timestamp.
    Valid(u64),
    /// Wrong size, timestamp above 2^63 - 1, or a bad signature.
    Invalid,
    /// ML-DSA-44 without the `mldsa` feature.
    #[cfg_attr(feature = "mldsa", allow(dead_code))]
    Unsupported,
}

/// The `cosignature/v1` message buffer: the checkpoint text at a fixed
/// offset, the header written right before it for each timestamp.
struct CosignedText {
    buf: [u8; HEADER_ROOM + MAX_TLOG_CHECKPOINT_TEXT_SIZE],
    text_len: usize,
}

impl CosignedText {
    fn new(text: &[u8]) -> Self {
        let mut buf = [0u8; HEADER_ROOM + MAX_TLOG_CHECKPOINT_TEXT_SIZE];
        let text_len = match buf.get_mut(HEADER_ROOM..HEADER_ROOM.saturating_add(text.len())) {
            Some(dst) => {
                dst.copy_from_slice(text);
                text.len()
            }
            None => 0,
        };
        CosignedText { buf, text_len }
    }

    /// `cosignature/v1\ntime <timestamp>\n<text>`.
    fn message(&mut self, timestamp: u64) -> Option<&[u8]> {
        let mut header = [0u8; HEADER_ROOM];
        let mut w = Writer::new(&mut header);
        w.bytes(COSIGNATURE_NAMESPACE).ok()?;
        w.bytes(b"\ntime ").ok()?;
        w.decimal(timestamp).ok()?;
        w.byte(b'\n').ok()?;
        let len = w.len();
        let header = header.get(..len)?;
        let start = HEADER_ROOM.checked_sub(len)?;
        self.buf
            .get_mut(start..HEADER_ROOM)?
            .copy_from_slice(header);
        self.buf.get(start..HEADER_ROOM.checked_add(self.text_len)?)
    }
}

/// Check one witness's cosignature line.
fn check_cosignature<B: Ed25519Backend>(
    line: &SignatureLine<'_>,
    key: &TlogKey<'_>,
    checkpoint: &Checkpoint<'_>,
    message: &mut CosignedText,
    backend: &B,
) -> Outcome {
    match (key.sig_type, key.material) {
        (SIG_TYPE_COSIGNATURE, TlogKeyMaterial::Ed25519(public)) => {
            check_ed25519(line, &public, message, backend)
        }
        (SIG_TYPE_MLDSA_COSIGNATURE, TlogKeyMaterial::MlDsa44 { encoded, .. }) => {
            super::mldsa_cosignature::check(line, key.name, encoded, checkpoint)
        }
        _ => Outcome::Invalid,
    }
}

/// A `cosignature/v1` line: `key_id || u64be(timestamp) || signature[64]`.
fn check_ed25519<B: Ed25519Backend>(
    line: &SignatureLine<'_>,
    public: &PublicKey,
    message: &mut CosignedText,
    backend: &B,
) -> Outcome {
    let Some((_, blob)) = line.blob_array::<{ 8 + SIGNATURE_SIZE }>() else {
        return Outcome::Invalid;
    };
    let (ts, sig) = blob.split_at(8);
    let timestamp = u64::from_be_bytes(ts.try_into().unwrap_or([0xff; 8]));
    let Some(signature) = Signature::from_slice(sig) else {
        return Outcome::Invalid;
    };
    if timestamp > MAX_DECIMAL {
        return Outcome::Invalid;
    }
    match message.message(timestamp) {
        Some(m) if backend.verify(public, m, &signature) => Outcome::Valid(timestamp),
        _ => Outcome::Invalid,
    }
}

//! Witness cosignatures in signed notes (C2SP `tlog-cosignature`): the
//! signature lines `— <name> base64(key_id || u64be(timestamp) ||
//! signature)` of type 0x04, and checking a note's cosignature lines
//! against a list of witnesses.

use crate::cosignature::Cosignature;
use crate::crypto::Ed25519Backend;
use crate::encoding::MAX_DECIMAL;
#[cfg(feature = "tools")]
use crate::note::write_signature_line;
use crate::note::{key_id, KeyId, NoteError, SignatureLine, SignatureLines, SIG_TYPE_COSIGNATURE};
use crate::tree_head::CheckpointBody;
use crate::types::{PublicKey, Signature};
use crate::witness_set::{WitnessSet, MAX_WITNESSES};
#[cfg(feature = "tools")]
use crate::writer::{BufferTooSmall, Writer};

/// Size of a `cosignature/v1` signed-note blob after the key id:
/// `u64be(timestamp) || signature[64]`.
pub const NOTE_COSIGNATURE_BLOB_SIZE: usize = 72;

/// A witness as signed notes name it: key name and public key. The key id
/// of its cosignature lines is `key_id(name, 0x04, key)`.
///
/// An **empty name** identifies the witness by its key alone, as sigsum-go's
/// `Checkpoint.VerifyCosignatureByKey` does: a line with
/// any key name `n` is then this witness's if its key id is
/// `key_id(n, 0x04, key)`. The name is not signed, so this is no weaker;
/// use it when the witness's signed-note key name is not known (Sigsum
/// policies carry only local names).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NoteWitness<'a> {
    /// The witness's key name (empty: any name, see above).
    pub name: &'a [u8],
    /// The witness's public key.
    pub key: PublicKey,
}

impl NoteWitness<'_> {
    /// The key id of this witness's cosignature lines (type 0x04) under its
    /// own name.
    pub fn key_id(&self) -> KeyId {
        key_id(self.name, SIG_TYPE_COSIGNATURE, &self.key)
    }

    /// `true` if a cosignature line with key name `name` and key id `id`
    /// claims to be from this witness: the names are equal (or this
    /// witness's name is empty) and `id` is `key_id(name, 0x04, key)`.
    pub fn matches(&self, name: &[u8], id: KeyId) -> bool {
        (self.name.is_empty() || self.name == name)
            && key_id(name, SIG_TYPE_COSIGNATURE, &self.key) == id
    }
}

/// A cosignature signature line: `— <name> base64(key_id || u64be(ts) ||
/// signature)`.
///
/// Unlike sigsum-go's binary path, a timestamp above 2^63 - 1 is rejected
/// ([`NoteError::CosignatureTimestamp`]), as the ASCII form and C2SP
/// `tlog-cosignature` require.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NoteCosignature<'a> {
    /// Line number in the note.
    pub line: u32,
    /// The key name on the line.
    pub name: &'a str,
    /// The key id on the line.
    pub key_id: KeyId,
    /// POSIX seconds, at most 2^63 - 1.
    pub timestamp: u64,
    /// Ed25519 signature over the cosigned message.
    pub signature: Signature,
}

impl<'a> NoteCosignature<'a> {
    /// Read a cosignature from a signature line. `Ok(None)` if the blob is
    /// not 72 bytes (a line of another
    /// signature type, skipped as sigsum-go does).
    pub fn from_line(line: &SignatureLine<'a>) -> Result<Option<Self>, NoteError> {
        let Some((key_id, blob)) = line.blob_array::<NOTE_COSIGNATURE_BLOB_SIZE>() else {
            return Ok(None);
        };
        let (ts, sig) = blob.split_at(8);
        let timestamp = u64::from_be_bytes(ts.try_into().unwrap_or_default());
        if timestamp > MAX_DECIMAL {
            return Err(NoteError::CosignatureTimestamp { line: line.line });
        }
        let Some(signature) = Signature::from_slice(sig) else {
            return Ok(None);
        };
        Ok(Some(NoteCosignature {
            line: line.line,
            name: line.name,
            key_id,
            timestamp,
            signature,
        }))
    }

    /// `true` if this line claims to be from `witness`
    /// ([`NoteWitness::matches`]: same key name, or any name for a witness
    /// with an empty name, and the key id of that name and the key).
    pub fn is_from(&self, witness: &NoteWitness<'_>) -> bool {
        witness.matches(self.name.as_bytes(), self.key_id)
    }

    /// Verify this line as `witness`'s cosignature over `body`: name and
    /// key id must match, and the signature over
    /// `cosignature/v1\ntime <ts>\n<body>` must verify.
    pub fn verify<B: Ed25519Backend>(
        &self,
        witness: &NoteWitness<'_>,
        body: &CheckpointBody,
        backend: &B,
    ) -> bool {
        self.is_from(witness)
            && Cosignature {
                key_hash: witness.key.key_hash(),
                timestamp: self.timestamp,
                signature: self.signature,
            }
            .verify_body(&witness.key, body, backend)
    }

    /// Write this cosignature as a signature line.
    #[cfg(feature = "tools")]
    pub fn write(&self, w: &mut Writer<'_>) -> Result<(), BufferTooSmall> {
        let mut blob = [0u8; NOTE_COSIGNATURE_BLOB_SIZE];
        let (ts, sig) = blob.split_at_mut(8);
        ts.copy_from_slice(&self.timestamp.to_be_bytes());
        sig.copy_from_slice(&self.signature.0);
        write_signature_line(w, self.name.as_bytes(), &self.key_id, &blob)
    }
}

/// What [`verify_cosignature_lines`] found. Indices are positions in the
/// witness slice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CosignatureReport {
    /// Witnesses with a valid cosignature.
    pub verified: WitnessSet,
    /// Witnesses whose cosignature line did not verify (bad signature or a
    /// timestamp above 2^63 - 1). Not an error; they just do not count.
    pub failed: WitnessSet,
    /// Cosignature-sized lines from keys not in the witness list (skipped
    /// without a signature check).
    pub unknown: usize,
}

/// Check cosignature lines (from a checkpoint note, or a witness's bare
/// `add-checkpoint` response) over `body` against `witnesses`.
///
/// * A line whose key name and key id (type 0x04) match witness `i`
///   ([`NoteWitness::matches`]) is checked: valid → `i` in `verified`; bad
///   signature or timestamp above 2^63 - 1 → `i` in `failed`. An invalid
///   cosignature from a known witness is not fatal (sigsum-go semantics);
///   it does not count.
/// * The first matching line decides for a witness index; later lines
///   matching it are skipped, as sigsum-go's `VerifyCosignatureByKey` uses
///   the first line whose key id matches. (A witness with a non-empty name
///   matches at most one line, since two lines with the same name and key
///   id are rejected when the note is parsed; a witness with an empty name,
///   or entries sharing an index, can match several.)
/// * Lines of unknown keys are skipped without a signature check and
///   counted in `unknown`; lines whose blob is not 72 bytes (e.g. the log's
///   own Ed25519 signature) are skipped silently.
pub fn verify_cosignature_lines<B: Ed25519Backend>(
    lines: SignatureLines<'_>,
    body: &CheckpointBody,
    witnesses: &[NoteWitness<'_>],
    backend: &B,
) -> Result<CosignatureReport, NoteError> {
    if witnesses.len() > MAX_WITNESSES {
        return Err(NoteError::TooManyWitnesses);
    }
    let indexed = witnesses
        .iter()
        .enumerate()
        .map(|(i, w)| (u8::try_from(i).unwrap_or(u8::MAX), *w));
    Ok(verify_cosignature_lines_indexed(
        lines, body, indexed, backend,
    ))
}

/// [`verify_cosignature_lines`] with caller-chosen witness indices, e.g.
/// a text policy's witness indices and names:
///
/// ```
/// # use sigsum_core::{verify_cosignature_lines_indexed, Checkpoint, DefaultBackend};
/// # use sigsum_core::{NoteWitness, TextPolicy, TrustPolicy};
/// fn quorum_met(policy: &TextPolicy<'_>, cp: &Checkpoint<'_>) -> Option<bool> {
///     let witnesses = policy.witnesses().filter_map(|w| {
///         let (i, _) = policy.witness_by_hash(&w.key_hash)?;
///         Some((i, NoteWitness { name: w.name, key: w.key }))
///     });
///     let body = cp.body().ok()?;
///     let report =
///         verify_cosignature_lines_indexed(cp.signatures(), &body, witnesses, &DefaultBackend);
///     Some(policy.is_satisfied(&report.verified))
/// }
/// ```
///
/// The witness iterator is cloned and walked once per cosignature line (at
/// most [`crate::note::MAX_SIGNATURE_LINES`] times). If two witnesses have
/// the same name and key, the first one is used.
pub fn verify_cosignature_lines_indexed<'w, I, B>(
    lines: SignatureLines<'_>,
    body: &CheckpointBody,
    witnesses: I,
    backend: &B,
) -> CosignatureReport
where
    I: Iterator<Item = (u8, NoteWitness<'w>)> + Clone,
    B: Ed25519Backend,
{
    let mut report = CosignatureReport {
        verified: WitnessSet::EMPTY,
        failed: WitnessSet::EMPTY,
        unknown: 0,
    };
    for line in lines {
        let Some((id, _)) = line.blob_array::<NOTE_COSIGNATURE_BLOB_SIZE>() else {
            continue;
        };
        let known = witnesses
            .clone()
            .find(|(_, w)| w.matches(line.name.as_bytes(), id));
        let Some((index, w)) = known else {
            report.unknown = report.unknown.saturating_add(1);
            continue;
        };
        if report.verified.contains(index) || report.failed.contains(index) {
            continue;
        }
        match NoteCosignature::from_line(&line) {
            Ok(Some(c)) if c.verify(&w, body, backend) => report.verified.insert(index),
            _ => report.failed.insert(index),
        }
    }
    report
}

//! Checkpoints (C2SP `tlog-checkpoint`) as signed notes, and Sigsum
//! checkpoints in particular.

use core::fmt;

use crate::crypto::Ed25519Backend;
use crate::encoding::{decode_base64_array, parse_decimal, EncodingError};
use crate::keys::vkey::Vkey;
#[cfg(feature = "tools")]
use crate::note::write_signature_line;
use crate::note::{
    key_id, KeyId, Note, NoteError, SignatureLines, MAX_SIGNATURE_LINES, SIG_TYPE_ED25519,
};
use crate::note_cosignature::{verify_cosignature_lines, CosignatureReport, NoteWitness};
use crate::tree_head::{sigsum_origin, CheckpointBody, TreeHead, MAX_ORIGIN_SIZE};
use crate::types::{Hash, PublicKey, Signature, SIGNATURE_SIZE};
use crate::witness_set::MAX_WITNESSES;
#[cfg(feature = "tools")]
use crate::writer::{BufferTooSmall, Writer};

/// Why a checkpoint was rejected. Lines count from 1 over the whole note;
/// the origin is line 1, the size line 2, the root hash line 3.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckpointError {
    /// The signed-note structure is invalid.
    Note(NoteError),
    /// The origin line (line 1) is empty.
    EmptyOrigin,
    /// The origin line is longer than [`MAX_ORIGIN_SIZE`] bytes.
    OriginTooLong,
    /// The text ends before the size line (line 2).
    MissingSize,
    /// The size (line 2) is not a valid decimal.
    Size(EncodingError),
    /// The text ends before the root hash line (line 3).
    MissingRootHash,
    /// The root hash (line 3) is not base64 of exactly 32 bytes.
    RootHash(EncodingError),
    /// An extension line is empty.
    EmptyExtensionLine {
        /// The empty line.
        line: u32,
    },
    /// A Sigsum checkpoint has extension lines.
    ExtensionLines {
        /// The first extension line.
        line: u32,
    },
    /// The origin is not the Sigsum origin of the log key.
    OriginMismatch,
    /// No Ed25519 signature line carries the expected key name.
    NoLogSignature,
    /// A second Ed25519 signature line carries the log's key name.
    DuplicateLogSignature {
        /// The second line.
        line: u32,
        /// The first line.
        first: u32,
    },
    /// The log signature line's key id is not the key's.
    KeyIdMismatch {
        /// The signature line.
        line: u32,
    },
    /// The log signature does not verify.
    BadSignature {
        /// The signature line.
        line: u32,
    },
    /// Cosignatures over checkpoints with extension lines are not
    /// supported (Sigsum checkpoints never have them).
    CosignedExtensionLines,
    /// More than [`MAX_WITNESSES`] witnesses were given.
    TooManyWitnesses,
    /// The vkey is not an Ed25519 (type 0x01) key.
    VkeyType,
}

impl From<NoteError> for CheckpointError {
    fn from(e: NoteError) -> Self {
        Self::Note(e)
    }
}

impl fmt::Display for CheckpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Note(e) => write!(f, "invalid signed note: {e}"),
            Self::EmptyOrigin => f.write_str("line 1: empty checkpoint origin"),
            Self::OriginTooLong => write!(
                f,
                "line 1: checkpoint origin longer than {MAX_ORIGIN_SIZE} bytes"
            ),
            Self::MissingSize => f.write_str("line 2: checkpoint has no size line"),
            Self::Size(e) => write!(f, "line 2: invalid checkpoint size: {e}"),
            Self::MissingRootHash => f.write_str("line 3: checkpoint has no root hash line"),
            Self::RootHash(e) => write!(f, "line 3: invalid checkpoint root hash: {e}"),
            Self::EmptyExtensionLine { line } => {
                write!(f, "line {line}: empty checkpoint extension line")
            }
            Self::ExtensionLines { line } => {
                write!(f, "line {line}: Sigsum checkpoints have no extension lines")
            }
            Self::OriginMismatch => {
                f.write_str("line 1: checkpoint origin is not the log's Sigsum origin")
            }
            Self::NoLogSignature => f.write_str("no log signature line in checkpoint"),
            Self::DuplicateLogSignature { line, first } => write!(
                f,
                "line {line}: duplicate log signature (first on line {first})"
            ),
            Self::KeyIdMismatch { line } => {
                write!(f, "line {line}: log signature has the wrong key id")
            }
            Self::BadSignature { line } => write!(f, "line {line}: invalid log signature"),
            Self::CosignedExtensionLines => {
                f.write_str("cosignatures over extension lines are not supported")
            }
            Self::TooManyWitnesses => write!(f, "more than {MAX_WITNESSES} witnesses"),
            Self::VkeyType => f.write_str("vkey is not an Ed25519 (type 0x01) key"),
        }
    }
}

/// A parsed checkpoint, borrowing the input. Not yet verified.
///
/// A checkpoint is a signed note ([`Note`]) whose text is:
///
/// ```text
/// <origin>\n
/// <size, decimal>\n
/// <base64 of the 32-byte root hash>\n
/// [extension lines]                   (generic checkpoints only)
/// ```
///
/// * [`Checkpoint::parse`] reads a generic checkpoint: a non-empty origin
///   of at most [`MAX_ORIGIN_SIZE`] bytes, the size with
///   sigsum-go's decimal rule (`0|[1-9][0-9]*`, at most 2^63 - 1), a root that is
///   canonical padded base64 of exactly 32 bytes, then non-empty extension
///   lines.
/// * [`Checkpoint::verify_sigsum`] checks a Sigsum log's checkpoint: no
///   extension lines, the origin equal **byte for byte** to
///   `sigsum.org/v1/tree/<lowercase hex of H(log key)>`, exactly one
///   Ed25519-sized signature line named by the origin, its key id equal to
///   `key_id(origin, 0x01, key)`, and the Ed25519 signature valid over the
///   exact text bytes.
/// * [`Checkpoint::verify_signed_by`] and [`Checkpoint::verify_vkey`]
///   check any signed-note checkpoint against a key name and key (e.g. the
///   Go checksum database, origin `go.sum database tree`, vkey
///   `sum.golang.org+033de0ae+…`).
///
/// Divergences from sigsum-go (all stricter):
///
/// * sigsum-go ties the parsed origin to the key only through the 4-byte
///   key id and checks the signature over the canonical origin; we compare
///   the origin itself, so an origin with uppercase hex (a different
///   origin, whose key id would differ anyway) is
///   [`CheckpointError::OriginMismatch`] rather than a key id error.
/// * The signature is checked over the exact input bytes, which equal the
///   canonical serialization because every field is parsed canonically.
///   sigsum-go instead re-encodes the parsed size and root and verifies
///   over that, so it also accepts a note whose root line is a
///   non-canonical base64 spelling of the signed root (non-zero trailing
///   bits, or a `\r` that Go's decoder skips); we reject those
///   ([`CheckpointError::RootHash`] / [`NoteError::ControlCharacter`]).
/// * For generic notes, a signature from the given key that does not verify
///   rejects the note (signed-note "SHOULD").
#[derive(Clone, Copy, Debug)]
pub struct Checkpoint<'a> {
    /// The origin line, without its newline.
    pub origin: &'a str,
    /// Size and root hash.
    pub tree_head: TreeHead,
    extensions: &'a [u8],
    note: Note<'a>,
}

/// One Ed25519 signature line: where, key id, signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LogSignature {
    /// The line number.
    pub line: u32,
    /// The key id on the line.
    pub key_id: KeyId,
    /// The signature.
    pub signature: Signature,
}

impl<'a> Checkpoint<'a> {
    /// Parse a checkpoint note (generic: extension lines allowed). Checks
    /// syntax only; see [`Checkpoint::verify_sigsum`] and
    /// [`Checkpoint::verify_signed_by`].
    pub fn parse(input: &'a [u8]) -> Result<Checkpoint<'a>, CheckpointError> {
        Self::parse_with_limit(input, MAX_SIGNATURE_LINES)
    }

    /// [`Checkpoint::parse`] with at most `max_lines` signature lines (see
    /// [`Note::parse_with_limit`]; C2SP checkpoints are read with
    /// [`MAX_TLOG_SIGNATURE_LINES`](crate::MAX_TLOG_SIGNATURE_LINES)).
    pub fn parse_with_limit(
        input: &'a [u8],
        max_lines: usize,
    ) -> Result<Checkpoint<'a>, CheckpointError> {
        let note = Note::parse_with_limit(input, max_lines)?;
        let text = note.text();
        let mut lines = text.split_inclusive(|&b| b == b'\n');
        let origin = lines
            .next()
            .and_then(|l| l.strip_suffix(b"\n"))
            .unwrap_or_default();
        if origin.is_empty() {
            return Err(CheckpointError::EmptyOrigin);
        }
        if origin.len() > MAX_ORIGIN_SIZE {
            return Err(CheckpointError::OriginTooLong);
        }
        // The note was checked to be UTF-8, and a line boundary is a
        // character boundary.
        let origin = core::str::from_utf8(origin)
            .map_err(|_| CheckpointError::Note(NoteError::NotUtf8 { line: 1 }))?;
        let size_line = lines
            .next()
            .and_then(|l| l.strip_suffix(b"\n"))
            .ok_or(CheckpointError::MissingSize)?;
        let size = parse_decimal(size_line).map_err(CheckpointError::Size)?;
        let root_line = lines
            .next()
            .and_then(|l| l.strip_suffix(b"\n"))
            .ok_or(CheckpointError::MissingRootHash)?;
        let root = decode_base64_array::<32>(root_line).map_err(CheckpointError::RootHash)?;
        let head_len = origin
            .len()
            .saturating_add(size_line.len())
            .saturating_add(root_line.len())
            .saturating_add(3);
        let extensions = text.get(head_len..).unwrap_or_default();
        for (i, line) in extensions.split_inclusive(|&b| b == b'\n').enumerate() {
            if line == b"\n" {
                return Err(CheckpointError::EmptyExtensionLine {
                    line: u32::try_from(i).unwrap_or(u32::MAX).saturating_add(4),
                });
            }
        }
        Ok(Checkpoint {
            origin,
            tree_head: TreeHead {
                size,
                root_hash: Hash(root),
            },
            extensions,
            note,
        })
    }

    /// The exact signed text (origin, size, root, extension lines), with
    /// its final newline.
    pub fn text(&self) -> &'a [u8] {
        self.note.text()
    }

    /// The extension lines, each with its newline (empty for Sigsum).
    pub fn extensions(&self) -> &'a [u8] {
        self.extensions
    }

    /// The signature lines.
    pub fn signatures(&self) -> SignatureLines<'a> {
        self.note.signatures()
    }

    /// The unique Ed25519-sized (64-byte blob) signature line whose key
    /// name is `name`. Lines with other names or blob sizes are skipped, as
    /// sigsum-go does; a second matching line is an error
    /// ([`CheckpointError::DuplicateLogSignature`], like sigsum-go's
    /// "duplicate log signature").
    pub fn log_signature(&self, name: &str) -> Result<LogSignature, CheckpointError> {
        let mut found: Option<LogSignature> = None;
        for line in self.signatures() {
            if line.name != name {
                continue;
            }
            let Some((key_id, sig)) = line.blob_array::<SIGNATURE_SIZE>() else {
                continue;
            };
            if let Some(first) = found {
                return Err(CheckpointError::DuplicateLogSignature {
                    line: line.line,
                    first: first.line,
                });
            }
            found = Some(LogSignature {
                line: line.line,
                key_id,
                signature: Signature(sig),
            });
        }
        found.ok_or(CheckpointError::NoLogSignature)
    }

    /// Verify this as the checkpoint of the Sigsum log with key `log_key`
    /// (see the module docs for every check).
    pub fn verify_sigsum<B: Ed25519Backend>(
        &self,
        log_key: &PublicKey,
        backend: &B,
    ) -> Result<(), CheckpointError> {
        if let Some(line) = self.first_extension_line() {
            return Err(CheckpointError::ExtensionLines { line });
        }
        let expected = sigsum_origin(&log_key.key_hash());
        if self.origin.as_bytes() != expected.as_slice() {
            return Err(CheckpointError::OriginMismatch);
        }
        self.verify_signed_by(self.origin, log_key, backend)
    }

    /// Verify the Ed25519 signature by the key named `name` (type 0x01)
    /// over the text: the unique Ed25519-sized line named `name` must carry
    /// the key's id and a valid signature.
    pub fn verify_signed_by<B: Ed25519Backend>(
        &self,
        name: &str,
        key: &PublicKey,
        backend: &B,
    ) -> Result<(), CheckpointError> {
        let sig = self.log_signature(name)?;
        if sig.key_id != key_id(name.as_bytes(), SIG_TYPE_ED25519, key) {
            return Err(CheckpointError::KeyIdMismatch { line: sig.line });
        }
        if !backend.verify(key, self.text(), &sig.signature) {
            return Err(CheckpointError::BadSignature { line: sig.line });
        }
        Ok(())
    }

    /// Verify the signature by the key of `vkey` (which must be of type
    /// 0x01), named by the vkey's name: [`Checkpoint::verify_signed_by`]
    /// with the vkey's name and key. The key id is recomputed from them,
    /// so a vkey parsed without its id check cannot smuggle in another id.
    pub fn verify_vkey<B: Ed25519Backend>(
        &self,
        vkey: &Vkey<'_>,
        backend: &B,
    ) -> Result<(), CheckpointError> {
        if vkey.sig_type() != SIG_TYPE_ED25519 {
            return Err(CheckpointError::VkeyType);
        }
        self.verify_signed_by(vkey.name(), &vkey.key(), backend)
    }

    /// Parse and verify a Sigsum checkpoint in one step.
    pub fn parse_sigsum<B: Ed25519Backend>(
        input: &'a [u8],
        log_key: &PublicKey,
        backend: &B,
    ) -> Result<Checkpoint<'a>, CheckpointError> {
        let cp = Self::parse(input)?;
        cp.verify_sigsum(log_key, backend)?;
        Ok(cp)
    }

    /// The checkpoint body as the foundation's [`CheckpointBody`] (what witnesses
    /// cosign). Only for checkpoints without extension lines; it equals
    /// [`Checkpoint::text`].
    pub fn body(&self) -> Result<CheckpointBody, CheckpointError> {
        if !self.extensions.is_empty() {
            return Err(CheckpointError::CosignedExtensionLines);
        }
        let body = self
            .tree_head
            .body(self.origin.as_bytes())
            .ok_or(CheckpointError::OriginTooLong)?;
        // Canonical parsing makes the re-serialization identical to the
        // input; never verify anything else than the signed bytes.
        if body.as_bytes() != self.text() {
            return Err(CheckpointError::CosignedExtensionLines);
        }
        Ok(body)
    }

    /// Check the cosignature lines of this note against `witnesses` (see
    /// [`verify_cosignature_lines`] for the rules). Witness `i` of the slice is
    /// index `i` in the returned sets.
    pub fn verify_cosignatures<B: Ed25519Backend>(
        &self,
        witnesses: &[NoteWitness<'_>],
        backend: &B,
    ) -> Result<CosignatureReport, CheckpointError> {
        verify_cosignature_lines(self.signatures(), &self.body()?, witnesses, backend)
            .map_err(|_| CheckpointError::TooManyWitnesses)
    }

    fn first_extension_line(&self) -> Option<u32> {
        (!self.extensions.is_empty()).then_some(4)
    }
}

/// Write a checkpoint note with one Ed25519 signature line: the body
/// `origin\nsize\nbase64(root)\n`, a blank line, and
/// `— <name> base64(key_id || signature)\n`. More signature lines (e.g.
/// [`NoteCosignature::write`](crate::NoteCosignature::write))
/// can be appended. For a Sigsum checkpoint, `origin` and `name` are both
/// [`sigsum_origin`] of the log key hash and `key_id` is
/// `key_id(origin, 0x01, log key)`.
#[cfg(feature = "tools")]
pub fn write_checkpoint(
    w: &mut Writer<'_>,
    origin: &[u8],
    tree_head: &TreeHead,
    name: &[u8],
    key_id: &KeyId,
    signature: &Signature,
) -> Result<(), BufferTooSmall> {
    tree_head.write_body(origin, w)?;
    w.byte(b'\n')?;
    write_signature_line(w, name, key_id, &signature.0)
}

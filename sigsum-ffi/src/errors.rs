//! Core errors to a status, a step, a place and a message.
//!
//! Each function records a core error in the caller's `sigsum_detail` (the
//! step, the line and column where the error has them, and the error's
//! `Display` text as the message) and returns the status. Only the
//! variants that change the status or carry a place are matched by name;
//! every `match` ends in a `_` arm with the generic outcome for its step,
//! so a variant added to a core error (they may become
//! `#[non_exhaustive]`) still maps to a sensible status.
#![allow(unreachable_patterns)] // the `_` arms, for future core variants

use core::fmt::Display;

use sigsum_core::{
    CheckpointError, CompileError, CompiledError, KeyError, KeyErrorKind, NoteError, PolicyError,
    PolicyErrorKind, ProofError, TlogError, TlogProofError, TlogProofErrorKind, VerifyError,
};

use crate::detail::{sigsum_detail, sigsum_step};
use crate::status::sigsum_status as S;

type Step = sigsum_step;

/// A text policy that did not parse, or a policy name that named no
/// builtin.
pub(crate) fn policy(d: &mut sigsum_detail, e: PolicyError) -> S {
    use PolicyErrorKind as K;
    let status = match e.kind {
        K::TooManyLogs { .. } | K::TooManyWitnesses { .. } | K::TooManyGroups { .. } => {
            S::PolicyTooLarge
        }
        K::InvalidName => S::InvalidPolicyName,
        K::UnknownBuiltin => S::UnknownPolicy,
        K::BuiltinBlob => S::MalformedCompiledPolicy,
        _ => S::MalformedPolicy,
    };
    d.fail(status, Step::Policy, e.line, 0, &e.kind)
}

/// A compiled policy that did not load.
pub(crate) fn compiled(d: &mut sigsum_detail, e: CompiledError) -> S {
    d.fail(S::MalformedCompiledPolicy, Step::Policy, 0, 0, &e)
}

/// A text policy that parsed but did not compile.
pub(crate) fn compile(d: &mut sigsum_detail, e: CompileError) -> S {
    let status = match e {
        CompileError::TooManyLogs { .. } | CompileError::TooManyWitnesses { .. } => {
            S::PolicyTooLarge
        }
        CompileError::BufferTooSmall { .. } => S::BufferTooSmall,
        // A blob the compiler wrote and could not load back: a bug.
        CompileError::Internal(_) => S::Panic,
        // QuorumNone, ProgramTooLong, and future variants.
        _ => S::PolicyNotCompilable,
    };
    d.fail(status, Step::Policy, 0, 0, &e)
}

/// A proof that did not parse.
pub(crate) fn proof(d: &mut sigsum_detail, e: ProofError) -> S {
    d.fail(S::MalformedProof, Step::ProofParse, e.line, 0, &e.kind)
}

/// A proof that did not verify: the step and status of each check.
pub(crate) fn verify(d: &mut sigsum_detail, e: VerifyError) -> S {
    use VerifyError as E;
    let (status, step) = match e {
        E::Proof(p) => return proof(d, p),
        E::ShortChecksumMismatch => (S::ShortChecksumMismatch, Step::ShortChecksum),
        E::UnknownSignerKey => (S::UnknownSignerKey, Step::SignerKey),
        E::UnknownLog => (S::UnknownLog, Step::Log),
        E::Inclusion(_) => (S::InclusionFailed, Step::Inclusion),
        E::BadLeafSignature => (S::BadLeafSignature, Step::LeafSignature),
        E::BadLogSignature => (S::BadLogSignature, Step::LogSignature),
        E::QuorumNotMet {
            verified,
            failed,
            total_known,
        } => {
            d.cosignatures_verified = u32::try_from(verified).unwrap_or(u32::MAX);
            d.cosignatures_failed = u32::try_from(failed).unwrap_or(u32::MAX);
            d.cosignatures_known = u32::try_from(total_known).unwrap_or(u32::MAX);
            (S::QuorumNotMet, Step::Quorum)
        }
        // `verify` is given exactly one policy, so `NoPolicy` cannot
        // happen; it and future variants are a policy failure.
        _ => (S::MalformedPolicy, Step::Policy),
    };
    d.fail(status, step, 0, 0, &e)
}

/// A Merkle proof that failed, at `step` (inclusion or consistency).
pub(crate) fn merkle(d: &mut sigsum_detail, step: Step, e: &dyn Display) -> S {
    let status = if step == Step::Consistency {
        S::ConsistencyFailed
    } else {
        S::InclusionFailed
    };
    d.fail(status, step, 0, 0, e)
}

/// A key, key file or vkey that did not parse. A problem of the file as
/// a whole (a comment, a duplicate, a limit, disagreeing policy names) is
/// a malformed key file, the rest a malformed key. `single_line` inputs
/// (one OpenSSH line, a vkey) report line 1.
pub(crate) fn key(d: &mut sigsum_detail, e: KeyError, single_line: bool) -> S {
    use KeyErrorKind as K;
    let status = match e.kind {
        K::IndentedComment
        | K::DuplicateKey { .. }
        | K::TooManyKeys { .. }
        | K::LineTooLong { .. }
        | K::NoKeys
        | K::PolicyConflict { .. }
        | K::PolicyNotUtf8 => S::MalformedKeyFile,
        _ => S::MalformedKey,
    };
    let line = if single_line { 1 } else { e.line };
    d.fail(status, Step::Keys, line, e.column, &e)
}

/// Line and column of a signed-note syntax error.
fn note_place(e: &NoteError) -> (u32, u32) {
    use NoteError as E;
    match *e {
        E::ControlCharacter { line, column } => (line, column),
        E::NotUtf8 { line }
        | E::MissingNewline { line }
        | E::TooManySignatures { line }
        | E::SignaturePrefix { line }
        | E::SignatureFields { line }
        | E::KeyName { line }
        | E::SignatureBase64 { line }
        | E::DuplicateSignature { line, .. }
        | E::CosignatureTimestamp { line } => (line, 0),
        // MissingBlankLine, EmptyText, NoSignatures (the whole text), and
        // future variants.
        _ => (0, 0),
    }
}

/// A checkpoint that did not parse or verify.
pub(crate) fn checkpoint(d: &mut sigsum_detail, e: CheckpointError) -> S {
    use CheckpointError as E;
    let (status, line, column) = match e {
        E::Note(n) => {
            let (line, column) = note_place(&n);
            (S::MalformedCheckpoint, line, column)
        }
        E::OriginMismatch => (S::OriginMismatch, 1, 0),
        E::EmptyOrigin | E::OriginTooLong => (S::MalformedCheckpoint, 1, 0),
        E::MissingSize | E::Size(_) => (S::MalformedCheckpoint, 2, 0),
        E::MissingRootHash | E::RootHash(_) => (S::MalformedCheckpoint, 3, 0),
        E::EmptyExtensionLine { line }
        | E::ExtensionLines { line }
        | E::DuplicateLogSignature { line, .. } => (S::MalformedCheckpoint, line, 0),
        E::KeyIdMismatch { line } | E::BadSignature { line } => (S::BadLogSignature, line, 0),
        E::NoLogSignature => (S::BadLogSignature, 0, 0),
        E::TooManyWitnesses => (S::InvalidParameter, 0, 0),
        E::VkeyType => (S::MalformedKey, 0, 0),
        // CosignedExtensionLines, and future variants.
        _ => (S::MalformedCheckpoint, 0, 0),
    };
    d.fail(status, Step::Checkpoint, line, column, &e)
}

/// Cosignature lines that could not be checked.
pub(crate) fn note_cosignatures(d: &mut sigsum_detail, e: NoteError) -> S {
    let status = match e {
        NoteError::TooManyWitnesses => S::InvalidParameter,
        _ => S::MalformedCheckpoint,
    };
    let (line, column) = note_place(&e);
    d.fail(status, Step::Checkpoint, line, column, &e)
}

/// A tlog-proof that did not parse: `MalformedProof` at its line (for an
/// invalid checkpoint, the line in the proof of the checkpoint's own error
/// line, else of its first line).
pub(crate) fn tlog_proof(d: &mut sigsum_detail, e: TlogProofError) -> S {
    if let TlogProofErrorKind::Checkpoint(c) = e.kind {
        let _ = checkpoint(d, c);
        let line = match d.line {
            0 => e.line,
            l => e.line.saturating_add(l).saturating_sub(1),
        };
        let column = d.column;
        return d.fail(S::MalformedProof, Step::ProofParse, line, column, &e);
    }
    d.fail(S::MalformedProof, Step::ProofParse, e.line, 0, &e)
}

/// A C2SP checkpoint or tlog-proof that did not verify. `base` is the
/// line of the checkpoint's first line in the input (1 for a checkpoint on
/// its own), so that lines are those of the caller's text.
pub(crate) fn tlog(d: &mut sigsum_detail, e: TlogError, base: u32) -> S {
    use TlogError as E;
    let at = |line: u32| base.saturating_add(line).saturating_sub(1);
    let (status, step, line) = match e {
        E::Proof(p) => return tlog_proof(d, p),
        E::Checkpoint(c) => return checkpoint(d, c),
        E::CheckpointTooLarge => (S::CheckpointTooLarge, Step::Checkpoint, 0),
        E::UnknownOrigin => (S::UnknownLog, Step::Log, at(1)),
        E::NoLogSignature => (S::BadLogSignature, Step::LogSignature, 0),
        E::BadLogSignature { line } => (S::BadLogSignature, Step::LogSignature, at(line)),
        E::DuplicateCosignature { line, .. } => (S::DuplicateCosignature, Step::Quorum, at(line)),
        E::BadCosignature { line } => (S::BadCosignature, Step::Quorum, at(line)),
        E::QuorumNotMet {
            verified,
            failed,
            unsupported,
        } => {
            d.cosignatures_verified = u32::from(verified);
            d.cosignatures_failed = u32::from(failed);
            d.cosignatures_unsupported = u32::from(unsupported);
            d.cosignatures_known = u32::from(verified)
                .saturating_add(u32::from(failed))
                .saturating_add(u32::from(unsupported));
            (S::QuorumNotMet, Step::Quorum, 0)
        }
        E::Inclusion(_) => (S::InclusionFailed, Step::Inclusion, 0),
        // Future variants.
        _ => (S::MalformedCheckpoint, Step::Checkpoint, 0),
    };
    d.fail(status, step, line, 0, &e)
}

//! Every conversion from a sigsum-core error to what JavaScript sees, in
//! one file: when sigsum-core renames or merges an error type, only this
//! file changes.
//!
//! A [`Failure`] crosses into JavaScript as a thrown object; `index.js`
//! turns it into an instance of the `Error` subclass named by `class`
//! (each with `step`, `line` and `column`). The message is the error's
//! `Display` text. Positions come from the error's own fields where it is
//! a struct with a `line` (proof and text-policy errors); for the key,
//! checkpoint and other enums they are read from the `Display` text, whose
//! convention in sigsum-core is a first `: `-separated part `line N`,
//! `column N` or `line N, column M`. The tests pin the values.

use core::fmt::Display;

use wasm_bindgen::prelude::*;

use sigsum_core::VerifyError;

/// A failure on its way to JavaScript (thrown; `index.js` converts it).
#[wasm_bindgen(getter_with_clone)]
pub struct Failure {
    /// The name of the `Error` subclass in `index.js`.
    pub class: String,
    /// The message (sigsum-core's `Display` text).
    pub message: String,
    /// 1-based line, if the input has one.
    pub line: Option<u32>,
    /// 1-based column, if known.
    pub column: Option<u32>,
    /// `QuorumError` only: valid cosignatures counted.
    pub verified: Option<u32>,
    /// `QuorumError` only: invalid cosignatures from known witnesses.
    pub failed: Option<u32>,
    /// `QuorumError` only: cosignatures from known witnesses.
    pub total_known: Option<u32>,
}

impl Failure {
    fn plain(class: &str, message: String) -> Self {
        let (line, column) = positions(&message);
        Failure {
            class: class.to_string(),
            message,
            line,
            column,
            verified: None,
            failed: None,
            total_known: None,
        }
    }

    fn with_line(mut self, line: u32) -> Self {
        self.line = (line != 0).then_some(line);
        self
    }

    /// A failure with a message of the binding's own (arguments).
    pub fn argument(message: String) -> Self {
        Self::plain("TypeError", message)
    }

    /// A key-parsing failure (OpenSSH line or file, hex, vkey, PEM).
    pub fn key(e: &dyn Display) -> Self {
        Self::plain("KeyFormatError", e.to_string())
    }

    /// A policy failure (builtin name, compiled blob, compiler).
    pub fn policy(e: &dyn Display) -> Self {
        Self::plain("PolicyError", e.to_string())
    }

    /// A checkpoint, signed-note or cosignature failure.
    pub fn checkpoint(e: &dyn Display) -> Self {
        Self::plain("CheckpointError", e.to_string())
    }

    /// A freshness failure.
    pub fn freshness(e: &dyn Display) -> Self {
        Self::plain("FreshnessError", e.to_string())
    }
}

/// The step (class) of each [`VerifyError`] variant.
impl From<VerifyError> for Failure {
    fn from(e: VerifyError) -> Self {
        let message = e.to_string();
        let class = match e {
            VerifyError::Proof(p) => {
                return Failure::plain("ProofFormatError", message).with_line(p.line)
            }
            VerifyError::ShortChecksumMismatch => "ChecksumMismatchError",
            VerifyError::UnknownSignerKey => "UnknownSignerError",
            VerifyError::UnknownLog => "UnknownLogError",
            VerifyError::Inclusion(_) => "InclusionError",
            VerifyError::BadLeafSignature => "LeafSignatureError",
            VerifyError::BadLogSignature => "LogSignatureError",
            VerifyError::QuorumNotMet {
                verified,
                failed,
                total_known,
            } => {
                let mut f = Failure::plain("QuorumError", message);
                let n = |v: usize| Some(u32::try_from(v).unwrap_or(u32::MAX));
                (f.verified, f.failed, f.total_known) = (n(verified), n(failed), n(total_known));
                return f;
            }
            VerifyError::NoPolicy => "PolicyError",
            _ => "SigsumError",
        };
        Failure::plain(class, message)
    }
}

/// A text policy error: its `line` field (0, "the whole input", is none).
impl From<sigsum_core::PolicyError> for Failure {
    fn from(e: sigsum_core::PolicyError) -> Self {
        Failure::plain("PolicyError", e.to_string()).with_line(e.line)
    }
}

/// A proof that does not parse (outside [`VerifyError`]).
impl From<sigsum_core::ProofError> for Failure {
    fn from(e: sigsum_core::ProofError) -> Self {
        Failure::from(VerifyError::Proof(e))
    }
}

/// The position a message starts with: the first `: `-separated part that
/// starts with `line N` or `column N` ("line 3, column 17: ...", "invalid
/// signed note: line 4: ..."); later parts are prose ("... must start in
/// column 1").
fn positions(message: &str) -> (Option<u32>, Option<u32>) {
    for part in message.split(": ") {
        let part = part.trim();
        if part.starts_with("line ") || part.starts_with("column ") {
            return (number_after(part, "line "), number_after(part, "column "));
        }
    }
    (None, None)
}

fn number_after(part: &str, word: &str) -> Option<u32> {
    let at = part.find(word)?;
    let digits = part.get(at + word.len()..)?;
    let end = digits
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(digits.len());
    digits.get(..end)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::positions;

    #[test]
    fn positions_from_messages() {
        assert_eq!(
            positions("line 3, column 17: invalid base64 in key"),
            (Some(3), Some(17))
        );
        assert_eq!(positions("invalid signed note: line 4: x"), (Some(4), None));
        assert_eq!(positions("no public keys found"), (None, None));
        assert_eq!(positions("pipeline 7: x"), (None, None));
        assert_eq!(
            positions("line 2: comments must start in column 1"),
            (Some(2), None)
        );
    }
}

//! Every conversion from a sigsum-core error to a Python exception, in one
//! file: when sigsum-core renames or merges an error type, only this file
//! changes.
//!
//! A [`Failure`] is built without the GIL (so verification can run with the
//! GIL released) and becomes an instance of one of the exception classes of
//! `sigsum_core._errors` when it crosses into Python. Each instance carries
//! `step` (which check failed), `line` and `column` (1-based, `None` where
//! the input has no such position) and the message, which is the error's
//! `Display` text.
//!
//! Positions come from the error's own fields where it is a struct with a
//! `line` (proof and text-policy errors); for the key, checkpoint and other
//! enums they are read from the `Display` text, whose convention in
//! sigsum-core is to name them as `line N` and `column N`. The tests pin
//! the values, so a change of that convention shows up there.

use core::fmt::Display;

use pyo3::prelude::*;
use pyo3::types::PyDict;

use sigsum_core::VerifyError;

/// The exception classes of `sigsum_core._errors` (all derive from
/// `SigsumError`), one per failing step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    Base,
    ProofFormat,
    ChecksumMismatch,
    UnknownSigner,
    UnknownLog,
    Inclusion,
    LeafSignature,
    LogSignature,
    Quorum,
    Policy,
    KeyFormat,
    Checkpoint,
    Freshness,
}

impl Class {
    fn name(self) -> &'static str {
        match self {
            Class::Base => "SigsumError",
            Class::ProofFormat => "ProofFormatError",
            Class::ChecksumMismatch => "ChecksumMismatchError",
            Class::UnknownSigner => "UnknownSignerError",
            Class::UnknownLog => "UnknownLogError",
            Class::Inclusion => "InclusionError",
            Class::LeafSignature => "LeafSignatureError",
            Class::LogSignature => "LogSignatureError",
            Class::Quorum => "QuorumError",
            Class::Policy => "PolicyError",
            Class::KeyFormat => "KeyFormatError",
            Class::Checkpoint => "CheckpointError",
            Class::Freshness => "FreshnessError",
        }
    }
}

/// A failure on its way to Python.
#[derive(Clone, Debug)]
pub struct Failure {
    class: Class,
    message: String,
    line: Option<u32>,
    column: Option<u32>,
    details: Vec<(&'static str, u64)>,
}

impl Failure {
    /// A failure of `class` with `Display`'s message and the positions it
    /// names.
    pub fn new(class: Class, e: &dyn Display) -> Self {
        let message = e.to_string();
        let (line, column) = positions(&message);
        Failure {
            class,
            message,
            line,
            column,
            details: Vec::new(),
        }
    }

    /// A failure with a message of the binding's own (argument errors that
    /// belong to a step, e.g. a signer key of the wrong length).
    pub fn message(class: Class, message: String) -> Self {
        Failure {
            class,
            message,
            line: None,
            column: None,
            details: Vec::new(),
        }
    }

    fn with_line(mut self, line: u32) -> Self {
        self.line = (line != 0).then_some(line);
        self
    }

    /// A key-parsing failure (OpenSSH line or file, hex, vkey, PEM).
    pub fn key(e: &dyn Display) -> Self {
        Self::new(Class::KeyFormat, e)
    }

    /// A checkpoint, signed-note or cosignature failure.
    pub fn checkpoint(e: &dyn Display) -> Self {
        Self::new(Class::Checkpoint, e)
    }

    /// A policy failure (builtin name, compiled blob, compiler).
    pub fn policy(e: &dyn Display) -> Self {
        Self::new(Class::Policy, e)
    }

    /// A freshness failure.
    pub fn freshness(e: &dyn Display) -> Self {
        Self::new(Class::Freshness, e)
    }

    /// The exception instance.
    fn to_pyerr(&self, py: Python<'_>) -> PyResult<PyErr> {
        let module = py.import("sigsum_core._errors")?;
        let class = module.getattr(self.class.name())?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("line", self.line)?;
        kwargs.set_item("column", self.column)?;
        for (name, value) in &self.details {
            kwargs.set_item(*name, *value)?;
        }
        let instance = class.call((self.message.as_str(),), Some(&kwargs))?;
        Ok(PyErr::from_value(instance))
    }
}

impl From<Failure> for PyErr {
    fn from(f: Failure) -> PyErr {
        Python::attach(|py| match f.to_pyerr(py) {
            Ok(e) => e,
            Err(e) => e,
        })
    }
}

/// The step of each [`VerifyError`] variant.
impl From<VerifyError> for Failure {
    fn from(e: VerifyError) -> Self {
        let class = match e {
            VerifyError::Proof(p) => {
                return Failure::message(Class::ProofFormat, e.to_string()).with_line(p.line)
            }
            VerifyError::ShortChecksumMismatch => Class::ChecksumMismatch,
            VerifyError::UnknownSignerKey => Class::UnknownSigner,
            VerifyError::UnknownLog => Class::UnknownLog,
            VerifyError::Inclusion(_) => Class::Inclusion,
            VerifyError::BadLeafSignature => Class::LeafSignature,
            VerifyError::BadLogSignature => Class::LogSignature,
            VerifyError::QuorumNotMet {
                verified,
                failed,
                total_known,
            } => {
                let mut f = Failure::message(Class::Quorum, e.to_string());
                f.details = vec![
                    ("verified", verified as u64),
                    ("failed", failed as u64),
                    ("total_known", total_known as u64),
                ];
                return f;
            }
            VerifyError::NoPolicy => Class::Policy,
            _ => Class::Base,
        };
        Failure::message(class, e.to_string())
    }
}

/// A text policy error: its `line` field (0, "the whole input", is `None`).
impl From<sigsum_core::PolicyError> for Failure {
    fn from(e: sigsum_core::PolicyError) -> Self {
        Failure::message(Class::Policy, e.to_string()).with_line(e.line)
    }
}

/// A proof that does not parse (outside [`VerifyError`]).
impl From<sigsum_core::ProofError> for Failure {
    fn from(e: sigsum_core::ProofError) -> Self {
        Failure::from(VerifyError::Proof(e))
    }
}

/// The position a message starts with: sigsum-core's messages put it in
/// their first `: `-separated part that starts with `line N` or
/// `column N` ("line 3, column 17: ...", "invalid signed note: line 4:
/// ..."); later parts are prose ("... must start in column 1").
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
        assert_eq!(
            positions("line 2: differs from the one on line 1"),
            (Some(2), None)
        );
    }
}

//! Every error type implements [`core::error::Error`].
//!
//! Each concept has its own small `Copy` error type with a distinct value
//! per failure (and a line, and column where the input has lines), so a
//! caller can match exactly what went wrong. This module makes them all
//! usable with `?` into `Box<dyn Error>`, `anyhow` and the like, and links
//! wrapped causes through [`core::error::Error::source`].

use core::error::Error;

macro_rules! plain_errors {
    ($($t:ty),* $(,)?) => {
        $(impl Error for $t {})*
    };
}

plain_errors!(
    crate::EncodingError,
    crate::LeafError,
    crate::MerkleError,
    crate::CompiledError,
);

#[cfg(feature = "parsers")]
plain_errors!(
    crate::ProofErrorKind,
    crate::NoteError,
    crate::CheckpointError,
    crate::KeyError,
    crate::PrepareError,
    crate::PolicyError,
    crate::ProofError,
);

#[cfg(feature = "tools")]
plain_errors!(crate::BufferTooSmall);

#[cfg(all(feature = "tools", feature = "parsers"))]
plain_errors!(crate::CompileError);

#[cfg(feature = "parsers")]
impl Error for crate::VerifyError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            Self::Proof(e) => Some(e),
            Self::Inclusion(e) => Some(e),
            _ => None,
        }
    }
}

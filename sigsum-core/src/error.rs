//! The error types of every module implement [`core::error::Error`].
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
    crate::encoding::EncodingError,
    crate::writer::BufferTooSmall,
    crate::leaf::LeafError,
    crate::merkle::MerkleError,
    crate::tree_head::AsciiError,
    crate::tree_head::TreeHeadError,
    crate::note::NoteError,
    crate::checkpoint::CheckpointError,
    crate::cosignature::NoteCosignatureError,
    crate::keys::KeyFormatError,
    crate::keys::ssh::SshKeyError,
    crate::keys::ssh::KeyFileError,
    crate::keys::vkey::VkeyError,
    crate::keys::pem::PemError,
    crate::policy::PolicyError,
    crate::policy::builtin::BuiltinError,
    crate::policy::compiled::CompiledError,
    crate::policy::compile::CompileError,
    crate::proof::ProofError,
);

impl Error for crate::verify::VerifyError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            Self::Proof(e) => Some(e),
            Self::Inclusion(e) => Some(e),
            _ => None,
        }
    }
}

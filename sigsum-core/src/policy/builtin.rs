//! The builtin (named) policies of sigsum-go, embedded verbatim.

use super::compiled::CompiledPolicy;
use super::program::CompiledError;
#[cfg(feature = "parsers")]
use super::text::TextPolicy;
#[cfg(feature = "parsers")]
use super::text_error::{PolicyError, PolicyErrorKind};

/// One builtin policy, chosen in the code rather than by a name at run
/// time.
///
/// A program that knows its policy when it is built (a device with one
/// trust policy) should name it this way: the text or blob is then a
/// constant, so the linker keeps only that one (the 4 compiled blobs are
/// 924 bytes, the 4 texts 5.9 KB) and no name matching is linked. The
/// variants are sorted by name.
///
/// sigsum-go ships these as `pkg/policy/builtin/<name>.builtin-policy`
/// (commit 192b5532) and selects them with `-P <name>`. The files in
/// `src/policy/builtin/` are byte-identical copies; a test checks their
/// SHA-256 against the hashes of sigsum-go's files.
///
/// sigsum-go first looks for `$SIGSUM_POLICY_DIR/<name>.sigsum-policy`
/// (default `/etc/sigsum/policy`) and only then at the builtins. This crate
/// has no file system, so that lookup belongs to the tools; this module is
/// only the builtin half.
///
/// Each builtin also ships pre-compiled (`builtin/<name>.compiled`, the
/// canonical compilation of the text; a test recompiles every text and
/// compares the bytes). [`Builtin::compiled`], which `Policy::builtin` uses,
/// loads that blob: no text parsing, 64 bytes of policy state instead of
/// a 10 KiB parsed text policy, so it is the path for small devices.
/// [`Builtin::parse`] parses the text, for callers that want witness names and
/// URLs or failure explanations.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Builtin {
    /// `sigsum-generic-2025-1`.
    SigsumGeneric2025_1,
    /// `sigsum-test-2025-3`.
    SigsumTest2025_3,
    /// `sigsum-test1-2025`.
    SigsumTest1_2025,
    /// `sigsum-test2-2025`.
    SigsumTest2_2025,
}

impl Builtin {
    /// Every builtin, sorted by name.
    pub const ALL: [Builtin; 4] = [
        Builtin::SigsumGeneric2025_1,
        Builtin::SigsumTest2025_3,
        Builtin::SigsumTest1_2025,
        Builtin::SigsumTest2_2025,
    ];

    #[cfg(feature = "parsers")]
    /// The builtin called `name` (sigsum-go's `-P` names).
    pub fn from_name(name: &str) -> Result<Self, PolicyError> {
        check_policy_name(name.as_bytes())?;
        Self::ALL
            .into_iter()
            .find(|b| b.name() == name)
            .ok_or(PolicyError {
                line: 0,
                kind: PolicyErrorKind::UnknownBuiltin,
            })
    }

    /// Its name.
    pub const fn name(self) -> &'static str {
        match self {
            Builtin::SigsumGeneric2025_1 => "sigsum-generic-2025-1",
            Builtin::SigsumTest2025_3 => "sigsum-test-2025-3",
            Builtin::SigsumTest1_2025 => "sigsum-test1-2025",
            Builtin::SigsumTest2_2025 => "sigsum-test2-2025",
        }
    }

    /// Its text, byte-identical to sigsum-go's file.
    pub const fn text(self) -> &'static [u8] {
        match self {
            Builtin::SigsumGeneric2025_1 => include_bytes!("builtin/sigsum-generic-2025-1.policy"),
            Builtin::SigsumTest2025_3 => include_bytes!("builtin/sigsum-test-2025-3.policy"),
            Builtin::SigsumTest1_2025 => include_bytes!("builtin/sigsum-test1-2025.policy"),
            Builtin::SigsumTest2_2025 => include_bytes!("builtin/sigsum-test2-2025.policy"),
        }
    }

    /// Its canonical compiled form (the bytes). Kept apart from the text
    /// so that a program that only loads compiled builtins links no text.
    pub const fn compiled_bytes(self) -> &'static [u8] {
        match self {
            Builtin::SigsumGeneric2025_1 => {
                include_bytes!("builtin/sigsum-generic-2025-1.compiled")
            }
            Builtin::SigsumTest2025_3 => include_bytes!("builtin/sigsum-test-2025-3.compiled"),
            Builtin::SigsumTest1_2025 => include_bytes!("builtin/sigsum-test1-2025.compiled"),
            Builtin::SigsumTest2_2025 => include_bytes!("builtin/sigsum-test2-2025.compiled"),
        }
    }

    /// The policy, loaded from its canonical compiled form (no text
    /// parsing; 64 bytes of state).
    pub fn compiled(self) -> Result<CompiledPolicy<'static>, CompiledError> {
        CompiledPolicy::from_bytes(self.compiled_bytes())
    }

    #[cfg(feature = "parsers")]
    /// The policy, parsed from its text (witness names and URLs, failure
    /// explanations).
    pub fn parse(self) -> Result<TextPolicy<'static>, PolicyError> {
        TextPolicy::parse(self.text())
    }
}

#[cfg(feature = "parsers")]
/// Check a policy name against sigsum-go's rule `^[a-z0-9][a-z0-9-]+$`
/// (at least two bytes, lowercase ASCII letters, digits and `-`, not
/// starting with `-`).
pub fn check_policy_name(name: &[u8]) -> Result<(), PolicyError> {
    let lower_or_digit = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    match name.split_first() {
        Some((first, rest))
            if lower_or_digit(first)
                && !rest.is_empty()
                && rest.iter().all(|b| lower_or_digit(b) || *b == b'-') =>
        {
            Ok(())
        }
        _ => Err(PolicyError {
            line: 0,
            kind: PolicyErrorKind::InvalidName,
        }),
    }
}

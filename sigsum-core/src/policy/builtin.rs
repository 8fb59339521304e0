//! The builtin (named) policies of sigsum-go, embedded verbatim.
//!
//! sigsum-go ships these as `pkg/policy/builtin/<name>.builtin-policy`
//! (commit 192b5532) and selects them with `-P <name>`. The files in
//! `src/policy/builtin/` are byte-identical copies; a test checks their
//! SHA-256 against the spec digest §5.5.
//!
//! sigsum-go first looks for `$SIGSUM_POLICY_DIR/<name>.sigsum-policy`
//! (default `/etc/sigsum/policy`) and only then at the builtins. This crate
//! has no file system, so that lookup belongs to the tools; this module is
//! only the builtin half.
//!
//! Each builtin also ships pre-compiled (`builtin/<name>.compiled`, the
//! canonical compilation of the text; a test recompiles every text and
//! compares the bytes). [`builtin_compiled`], which `Policy::builtin` uses,
//! loads that blob: no text parsing, 64 bytes of policy state instead of
//! a 10 KiB parsed text policy, so it is the path for small devices.
//! [`builtin`] parses the text, for callers that want witness names and
//! URLs or failure explanations.

use core::fmt;

use super::compiled::{CompiledError, CompiledPolicy};
use super::text::{PolicyError, TextPolicy};

/// The builtin policy names, sorted.
pub const BUILTIN_NAMES: [&str; 4] = [
    "sigsum-generic-2025-1",
    "sigsum-test-2025-3",
    "sigsum-test1-2025",
    "sigsum-test2-2025",
];

/// (name, text, canonical compiled form).
const BUILTINS: [(&str, &[u8], &[u8]); 4] = [
    (
        "sigsum-generic-2025-1",
        include_bytes!("builtin/sigsum-generic-2025-1.policy"),
        include_bytes!("builtin/sigsum-generic-2025-1.compiled"),
    ),
    (
        "sigsum-test-2025-3",
        include_bytes!("builtin/sigsum-test-2025-3.policy"),
        include_bytes!("builtin/sigsum-test-2025-3.compiled"),
    ),
    (
        "sigsum-test1-2025",
        include_bytes!("builtin/sigsum-test1-2025.policy"),
        include_bytes!("builtin/sigsum-test1-2025.compiled"),
    ),
    (
        "sigsum-test2-2025",
        include_bytes!("builtin/sigsum-test2-2025.policy"),
        include_bytes!("builtin/sigsum-test2-2025.compiled"),
    ),
];

/// Why a named policy could not be produced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BuiltinError {
    /// The name does not match `^[a-z0-9][a-z0-9-]+$`.
    InvalidName,
    /// A well-formed name that is not a builtin policy.
    UnknownName,
    /// The builtin text failed to parse (cannot happen with the shipped
    /// files; kept so that nothing panics).
    Parse(PolicyError),
    /// The builtin compiled blob failed to load (cannot happen with the
    /// shipped files; kept so that nothing panics).
    Compiled(CompiledError),
}

impl fmt::Display for BuiltinError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidName => {
                f.write_str("invalid policy name: does not match ^[a-z0-9][a-z0-9-]+$")
            }
            Self::UnknownName => f.write_str("no builtin policy with this name"),
            Self::Parse(e) => write!(f, "builtin policy: {e}"),
            Self::Compiled(e) => write!(f, "builtin compiled policy: {e}"),
        }
    }
}

/// Check a policy name against sigsum-go's rule `^[a-z0-9][a-z0-9-]+$`
/// (at least two bytes, lowercase ASCII letters, digits and `-`, not
/// starting with `-`).
pub fn check_name(name: &[u8]) -> Result<(), BuiltinError> {
    let lower_or_digit = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    match name.split_first() {
        Some((first, rest))
            if lower_or_digit(first)
                && !rest.is_empty()
                && rest.iter().all(|b| lower_or_digit(b) || *b == b'-') =>
        {
            Ok(())
        }
        _ => Err(BuiltinError::InvalidName),
    }
}

fn lookup(
    name: &str,
) -> Result<&'static (&'static str, &'static [u8], &'static [u8]), BuiltinError> {
    check_name(name.as_bytes())?;
    BUILTINS
        .iter()
        .find(|(n, _, _)| *n == name)
        .ok_or(BuiltinError::UnknownName)
}

/// The text of the builtin policy `name`.
pub fn builtin_text(name: &str) -> Result<&'static [u8], BuiltinError> {
    lookup(name).map(|(_, text, _)| *text)
}

/// The canonical compiled form of the builtin policy `name` (the bytes).
pub fn builtin_compiled_bytes(name: &str) -> Result<&'static [u8], BuiltinError> {
    lookup(name).map(|(_, _, compiled)| *compiled)
}

/// The builtin policy `name`, loaded from its canonical compiled form.
pub fn builtin_compiled(name: &str) -> Result<CompiledPolicy<'static>, BuiltinError> {
    CompiledPolicy::from_bytes(builtin_compiled_bytes(name)?).map_err(BuiltinError::Compiled)
}

/// The builtin policy `name`, parsed.
pub fn builtin(name: &str) -> Result<TextPolicy<'static>, BuiltinError> {
    TextPolicy::parse(builtin_text(name)?).map_err(BuiltinError::Parse)
}

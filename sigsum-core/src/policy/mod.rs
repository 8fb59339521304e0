//! Trust policies: which logs are trusted and which witnesses must cosign.

mod builtin;
#[cfg(feature = "tools")]
mod canonical;
#[cfg(all(feature = "tools", feature = "parsers"))]
mod compile;
mod compiled;
mod program;
mod quorum;
mod quorum_time;
mod trust_policy;

// Text policies, and `Policy`, which holds a text or a compiled one
// (feature `parsers`).
#[cfg(feature = "parsers")]
mod any;
#[cfg(feature = "parsers")]
mod text;
#[cfg(feature = "parsers")]
mod text_entry;
#[cfg(feature = "parsers")]
mod text_error;
#[cfg(feature = "parsers")]
mod text_program;

#[cfg(feature = "parsers")]
pub use any::Policy;
#[cfg(feature = "parsers")]
pub use builtin::check_policy_name;
pub use builtin::Builtin;
#[cfg(feature = "tools")]
pub use canonical::{check_canonical, NonCanonical};
#[cfg(all(feature = "tools", feature = "parsers"))]
pub use compile::CompileError;
#[cfg(feature = "tools")]
pub use compiled::evaluate_program;
pub use compiled::{CompiledPolicy, MAX_COMPILED_LEN};
pub use program::CompiledError;
#[cfg(feature = "tools")]
pub use program::{validate_program, Instruction, Instructions};
#[cfg(feature = "tools")]
pub use quorum::{GroupStatus, QuorumReport};
pub use quorum_time::{quorum_time, QuorumTime};
#[cfg(feature = "parsers")]
pub(crate) use text::KeySyntax;
#[cfg(feature = "parsers")]
pub use text::{
    program_capacity, GroupEntry, LargeTextPolicy, LogEntry, PolicyError, PolicyErrorKind,
    PolicyNode, TextPolicy, TextPolicyN, WitnessEntry, MAX_GROUPS, MAX_LINE_LEN, MAX_LOGS,
    MAX_TEXT_WITNESSES,
};
pub use trust_policy::{PolicyKeys, QuorumState, TrustPolicy};

//! The errors of the binary formats: one for parsing (with the byte
//! offset), one for the verification steps.

use core::fmt;

use crate::merkle::MerkleError;
use crate::policy::CompiledError;

/// What was wrong with a binary proof or policy (see [`BinaryError`]).
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryErrorKind {
    /// The input ends inside `field`.
    Truncated {
        /// The field being read.
        field: &'static str,
    },
    /// A LEB128 integer with a useless final `0x00` group (spic's decoder
    /// accepts it; a second encoding of the same value, rejected here).
    NonMinimalLeb128 {
        /// The field being read.
        field: &'static str,
    },
    /// A LEB128 integer longer than 10 bytes or above 2^64 - 1.
    Leb128Overflow {
        /// The field being read.
        field: &'static str,
    },
    /// A value above the field's limit (for spic, a key index or count
    /// above 2^32 - 1, as spic's `bare_read_uint32`; or a witness index of
    /// 64 or more).
    ValueTooLarge {
        /// The field being read.
        field: &'static str,
        /// The largest value allowed.
        max: u64,
    },
    /// Bytes after the end of the proof or policy.
    TrailingBytes,
    /// A tree size of 2^63 or more (no Sigsum log signs one).
    TreeSizeTooLarge,
    /// A cosignature timestamp of 2^63 or more (spic: also a sum of
    /// deltas that overflows).
    TimestampTooLarge,
    /// More path nodes than an inclusion proof can have.
    PathTooLong {
        /// The limit ([`MAX_PATH_LEN`](crate::MAX_PATH_LEN)).
        max: u8,
    },
    /// More cosignatures than the format allows.
    TooManyCosignatures {
        /// The limit.
        max: u8,
    },
    /// spic: a second cosignature with the same witness index.
    DuplicateWitness {
        /// The witness index.
        index: u8,
    },
    /// TKey: a second cosignature with the same witness key hash.
    DuplicateCosignature {
        /// 0-based position of the second one.
        position: u8,
    },
    /// spic policy: more than [`MAX_SPIC_WITNESSES`](crate::MAX_SPIC_WITNESSES)
    /// witnesses (spic's 64-bit witness word).
    TooManyWitnesses {
        /// The limit.
        max: u8,
    },
    /// A policy without a log.
    NoLogs,
    /// spic policy: a log key listed twice.
    DuplicateLogKey {
        /// Index of the second copy.
        index: u32,
    },
    /// spic policy: a witness key listed twice (it would count twice).
    DuplicateWitnessKey {
        /// Index of the second copy.
        index: u8,
    },
    /// spic policy: the quorum program is empty.
    EmptyQuorum,
    /// spic policy: a flag announces a count of 0 (the compiler omits the
    /// field instead; a second encoding, rejected here).
    NonCanonicalElement,
    /// spic policy: a group pops more results than are on the stack.
    StackUnderflow,
    /// spic policy: more than [`MAX_SPIC_STACK`](crate::MAX_SPIC_STACK)
    /// results on the stack (spic's scratch area).
    StackOverflow {
        /// The limit.
        max: u8,
    },
    /// spic policy: the program does not end with exactly one result.
    FinalDepth {
        /// Results left on the stack (capped at 255).
        depth: u8,
    },
    /// spic policy: the groups do not consume every witness exactly once.
    WitnessCount {
        /// Witnesses the groups consume (capped at 2^32 - 1).
        consumed: u32,
        /// Witnesses in the table.
        listed: u8,
    },
    /// spic policy: a group needs more members than it has (never
    /// satisfied).
    ThresholdTooLarge {
        /// The group's threshold.
        threshold: u32,
        /// Its number of members.
        members: u32,
    },
    /// spic policy: a group with members and threshold 0 (always
    /// satisfied; only `quorum none`, the single empty element, may).
    ZeroThreshold,
    /// TKey policy blob: no submitter key.
    NoSubmitterKeys,
    /// TKey policy blob: submitter keys not strictly increasing by key hash.
    SubmitterOrder {
        /// Index of the key out of order.
        index: u8,
    },
    /// TKey policy blob: a submitter key listed twice.
    DuplicateSubmitter {
        /// Index of the second copy.
        index: u8,
    },
    /// TKey policy blob: longer than [`MAX_TKEY_POLICY_LEN`](crate::MAX_TKEY_POLICY_LEN).
    PolicyTooLarge,
    /// TKey policy blob: the compiled policy after the keys is invalid.
    CompiledPolicy(CompiledError),
}

impl fmt::Display for BinaryErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Truncated { field } => write!(f, "truncated in {field}"),
            Self::NonMinimalLeb128 { field } => write!(f, "non-minimal LEB128 integer in {field}"),
            Self::Leb128Overflow { field } => {
                write!(f, "LEB128 integer in {field} does not fit in 64 bits")
            }
            Self::ValueTooLarge { field, max } => write!(f, "{field} is larger than {max}"),
            Self::TrailingBytes => f.write_str("trailing bytes"),
            Self::TreeSizeTooLarge => f.write_str("tree size is 2^63 or more"),
            Self::TimestampTooLarge => f.write_str("cosignature timestamp is 2^63 or more"),
            Self::PathTooLong { max } => write!(f, "more than {max} inclusion path nodes"),
            Self::TooManyCosignatures { max } => write!(f, "more than {max} cosignatures"),
            Self::DuplicateWitness { index } => {
                write!(f, "second cosignature of witness {index}")
            }
            Self::DuplicateCosignature { position } => {
                write!(f, "cosignature {position}: duplicate witness key hash")
            }
            Self::TooManyWitnesses { max } => write!(f, "more than {max} witnesses"),
            Self::NoLogs => f.write_str("policy lists no log"),
            Self::DuplicateLogKey { index } => write!(f, "log key {index} is listed twice"),
            Self::DuplicateWitnessKey { index } => {
                write!(f, "witness key {index} is listed twice")
            }
            Self::EmptyQuorum => f.write_str("empty quorum program"),
            Self::NonCanonicalElement => {
                f.write_str("quorum element announces a count of 0 (non-canonical)")
            }
            Self::StackUnderflow => f.write_str("quorum program pops from an empty stack"),
            Self::StackOverflow { max } => {
                write!(f, "quorum program holds more than {max} results")
            }
            Self::FinalDepth { depth } => {
                write!(f, "quorum program leaves {depth} results instead of 1")
            }
            Self::WitnessCount { consumed, listed } => write!(
                f,
                "quorum program consumes {consumed} witnesses, the policy lists {listed}"
            ),
            Self::ThresholdTooLarge { threshold, members } => write!(
                f,
                "group threshold {threshold} is larger than its {members} members"
            ),
            Self::ZeroThreshold => f.write_str("group with members has threshold 0"),
            Self::NoSubmitterKeys => f.write_str("no submitter key"),
            Self::SubmitterOrder { index } => {
                write!(f, "submitter key {index} is out of key-hash order")
            }
            Self::DuplicateSubmitter { index } => {
                write!(f, "submitter key {index} is listed twice")
            }
            Self::PolicyTooLarge => write!(
                f,
                "policy blob is longer than {} bytes",
                super::tkey_policy::MAX_TKEY_POLICY_LEN
            ),
            Self::CompiledPolicy(e) => write!(f, "compiled policy: {e}"),
        }
    }
}

/// A binary proof or policy could not be parsed: the byte offset where the
/// faulty field starts, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BinaryError {
    /// 0-based offset in the input.
    pub offset: usize,
    /// What was wrong.
    pub kind: BinaryErrorKind,
}

impl fmt::Display for BinaryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at byte {}: {}", self.offset, self.kind)
    }
}

impl core::error::Error for BinaryError {}

/// Why a binary proof did not verify: one variant per failing step.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryVerifyError {
    /// The proof bytes are malformed (only from the `*_bytes` functions).
    Proof(BinaryError),
    /// The policy bytes are malformed (only from the `*_bytes` functions).
    Policy(BinaryError),
    /// spic: the leaf key index is not below the number of submitter keys
    /// (spic `INVALID_KEY_ID`).
    LeafKeyIndex {
        /// The index in the proof.
        index: u32,
        /// Submitter keys given.
        keys: usize,
    },
    /// spic: the log key index is not below the number of policy logs
    /// (spic `INVALID_LOG_KEY`).
    LogKeyIndex {
        /// The index in the proof.
        index: u32,
        /// Logs in the policy.
        logs: usize,
    },
    /// spic: a witness index is not below the number of policy witnesses
    /// (spic `INVALID_WITNESS`).
    WitnessIndex {
        /// The index in the proof.
        index: u8,
        /// Witnesses in the policy.
        witnesses: usize,
    },
    /// TKey: no submitter key of the policy blob hashes to the leaf's key
    /// hash.
    UnknownSignerKey,
    /// TKey: the policy does not list the proof's log.
    UnknownLog,
    /// The leaf is not included in the tree (spic
    /// `INVALID_INCLUSION_PROOF`).
    Inclusion(MerkleError),
    /// The leaf signature does not verify for the message (spic
    /// `INVALID_LEAF_SIGNATURE`).
    BadLeafSignature,
    /// The log signature over the tree head does not verify (spic
    /// `INVALID_ROOT_SIGNATURE`).
    BadLogSignature,
    /// spic: a cosignature does not verify; fatal even when the others
    /// meet the quorum, as in spic (`INVALID_COSIGNATURE`).
    BadCosignature {
        /// 0-based position in the proof.
        position: u8,
        /// The witness index.
        witness: u8,
    },
    /// The valid cosignatures do not satisfy the quorum (spic
    /// `QUORUM_UNSATISFIED`; for spic checked on the claimed witnesses,
    /// before any cosignature is verified).
    QuorumNotMet {
        /// Valid cosignatures found (spic: cosignatures claimed).
        verified: usize,
        /// Invalid cosignatures from known witnesses found.
        failed: usize,
        /// Cosignatures from witnesses the policy knows.
        total_known: usize,
    },
}

impl fmt::Display for BinaryVerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Proof(e) => write!(f, "malformed proof: {e}"),
            Self::Policy(e) => write!(f, "malformed policy: {e}"),
            Self::LeafKeyIndex { index, keys } => write!(
                f,
                "leaf key index {index} out of range ({keys} submitter keys)"
            ),
            Self::LogKeyIndex { index, logs } => {
                write!(f, "log key index {index} out of range ({logs} logs)")
            }
            Self::WitnessIndex { index, witnesses } => write!(
                f,
                "witness index {index} out of range ({witnesses} witnesses)"
            ),
            Self::UnknownSignerKey => {
                f.write_str("unknown signer key: the leaf key hash matches no submitter key")
            }
            Self::UnknownLog => f.write_str("unknown log: the policy does not list the proof's log"),
            Self::Inclusion(e) => write!(f, "inclusion proof failed: {e}"),
            Self::BadLeafSignature => f.write_str("bad leaf signature"),
            Self::BadLogSignature => f.write_str("bad log signature"),
            Self::BadCosignature { position, witness } => write!(
                f,
                "bad cosignature {position} (witness {witness})"
            ),
            Self::QuorumNotMet {
                verified,
                failed,
                total_known,
            } => write!(
                f,
                "quorum not met: {verified} valid and {failed} invalid of {total_known} cosignatures from known witnesses"
            ),
        }
    }
}

impl core::error::Error for BinaryVerifyError {}

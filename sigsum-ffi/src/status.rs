//! The one status type of the C API, and the mapping of every core error.
//!
//! # Numbering rules (ABI)
//!
//! * `0` is success; every failure has its own non-zero code.
//! * Codes are grouped in blocks of 100 by the module they come from:
//!   `1..99` the C glue itself, `100` encodings, `200` leaves, `300` Merkle
//!   proofs, `400` tree heads and cosignatures, `500` signed notes and
//!   checkpoints, `600` key formats, `700` text policies, `800` compiled
//!   policies, `900` proof files, `1000` proof verification.
//! * **A code is never renumbered and never reused.** A retired code stays
//!   listed as a comment. New codes are appended at the end of their block.
//! * C callers must treat an unknown code as a failure: newer libraries may
//!   return codes an older header does not list. Status values passed *in*
//!   from C are plain `uint32_t` (see [`sigsum_status_str`]), never the enum,
//!   so an out-of-range value is never undefined behaviour.

use core::ffi::{c_char, CStr};

use sigsum_core::encoding::EncodingError;
use sigsum_core::leaf::LeafError;
use sigsum_core::merkle::MerkleError;
use sigsum_core::policy::{BuiltinError, CompiledError, PolicyErrorKind};
use sigsum_core::proof::ProofErrorKind;
use sigsum_core::tree_head::AsciiError;
use sigsum_core::verify::VerifyError;
use sigsum_core::writer::BufferTooSmall;

use crate::panic::ffi_call;

/// The result of every fallible libsigsum function: `SIGSUM_STATUS_OK` (0)
/// on success, otherwise the reason for the failure.
///
/// Codes are stable: they are never renumbered or reused. Treat any code you
/// do not know as a failure. `sigsum_status_str` describes any code.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum sigsum_status {
    /// Success.
    Ok = 0,

    // --- 1..99: the C glue ---
    /// A required pointer argument was NULL (or a NULL buffer had a non-zero
    /// length).
    NullParameter = 1,
    /// A length argument was impossible (larger than `PTRDIFF_MAX`, or a count
    /// whose byte size overflows).
    InvalidLength = 2,
    /// The caller's output buffer is too small; nothing was written.
    BufferTooSmall = 3,
    /// An internal error that should never happen (a Rust panic was caught
    /// at the API boundary). Please report it.
    Panic = 4,
    /// An argument had an invalid value (for example an unknown policy format,
    /// or a `sigsum_backend` without a verify function).
    InvalidParameter = 5,
    /// `sigsum_ed25519_verify`: the signature is not valid.
    BadSignature = 6,

    // --- 100..199: encodings (decimal, hex, base64) ---
    /// A decimal number was empty.
    DecimalEmpty = 100,
    /// A decimal number had a leading zero ("01", "00").
    DecimalLeadingZero = 101,
    /// A decimal number contained a byte other than 0-9 (signs, spaces, CR).
    DecimalSyntax = 102,
    /// A decimal number exceeded 2^63 - 1.
    DecimalRange = 103,
    /// A hex value had the wrong number of digits.
    HexLength = 104,
    /// A hex value contained a non-hex byte.
    HexSyntax = 105,
    /// Base64 was malformed (alphabet, padding, trailing bits, line breaks).
    Base64Syntax = 106,
    /// Base64 decoded to the wrong number of bytes.
    Base64Length = 107,

    // --- 200..299: leaves ---
    /// A binary leaf was not exactly 128 bytes.
    LeafLength = 200,
    /// The leaf's key hash is not the hash of the given submitter key.
    LeafKeyHashMismatch = 201,
    /// The leaf signature does not verify under the submitter key.
    LeafBadSignature = 202,

    // --- 300..399: Merkle inclusion and consistency proofs ---
    /// Inclusion: the leaf index is not below the tree size (also size 0).
    MerkleIndexOutOfRange = 300,
    /// Consistency: the old size is larger than the new size.
    MerkleOldSizeAfterNewSize = 301,
    /// The proof would need more than 63 path elements (sizes above 2^63).
    MerklePathLimitExceeded = 302,
    /// The path has fewer elements than the sizes require.
    MerklePathTooShort = 303,
    /// The path has more elements than the sizes require.
    MerklePathTooLong = 304,
    /// Consistency between equal sizes, or from the empty tree, needs an
    /// empty path.
    MerkleNonEmptyPath = 305,
    /// Consistency from the empty tree: the old root is not the empty root.
    MerkleOldRootNotEmpty = 306,
    /// Consistency between equal sizes: the two roots differ.
    MerkleEqualSizeRootsDiffer = 307,
    /// Inclusion: the path does not lead to the root hash.
    MerkleRootMismatch = 308,
    /// Consistency: the path does not lead to the old root.
    MerkleOldRootMismatch = 309,
    /// Consistency: the path does not lead to the new root.
    MerkleNewRootMismatch = 310,

    // --- 400..499: tree heads and cosignatures ---
    /// The log's signature over the tree head does not verify.
    TreeHeadBadSignature = 400,
    /// The cosignature's key hash is not the hash of the witness key.
    CosignatureKeyHashMismatch = 401,
    /// The cosignature timestamp exceeds 2^63 - 1.
    CosignatureTimestampRange = 402,
    /// The witness signature over the cosigned message does not verify.
    CosignatureBadSignature = 403,

    // --- 700..799: text trust policies and builtin policy names ---
    /// Policy text: a control character (0x00-0x08, 0x0A-0x1F, 0x7F).
    PolicyControlCharacter = 700,
    /// Policy text: a line longer than 65535 bytes.
    PolicyLineTooLong = 701,
    /// Policy text: a line that is not `log`, `witness`, `group` or `quorum`.
    PolicyUnknownKeyword = 702,
    /// Policy text: a `log` line without a key, or with extra fields.
    PolicyLogArguments = 703,
    /// Policy text: a `witness` line without name and key, or with extra
    /// fields.
    PolicyWitnessArguments = 704,
    /// Policy text: a `group` line without name, threshold and a member.
    PolicyGroupArguments = 705,
    /// Policy text: a `quorum` line without exactly one name.
    PolicyQuorumArguments = 706,
    /// Policy text: a public key that is not 64 hex digits.
    PolicyInvalidKey = 707,
    /// Policy text: a threshold that is not `any`, `all` or a canonical
    /// decimal.
    PolicyThresholdSyntax = 708,
    /// Policy text: a threshold outside 1..number of members.
    PolicyThresholdOutOfRange = 709,
    /// Policy text: a log key listed twice.
    PolicyDuplicateLog = 710,
    /// Policy text: a witness key listed twice.
    PolicyDuplicateWitness = 711,
    /// Policy text: a witness or group name defined twice.
    PolicyDuplicateName = 712,
    /// Policy text: a witness or group named `none`.
    PolicyReservedName = 713,
    /// Policy text: a member or quorum naming no earlier witness or group.
    PolicyUndefinedName = 714,
    /// Policy text: a witness or group used as a member a second time.
    PolicyAlreadyMember = 715,
    /// Policy text: `none` used as a group member.
    PolicyNoneAsMember = 716,
    /// Policy text: a second `quorum` line.
    PolicyQuorumRedefined = 717,
    /// Policy text: no `quorum` line.
    PolicyNoQuorum = 718,
    /// Policy text: more logs than the parser holds (32).
    PolicyTooManyLogs = 719,
    /// Policy text: more witnesses than the parser holds (64).
    PolicyTooManyWitnesses = 720,
    /// Policy text: more groups than the parser holds (32).
    PolicyTooManyGroups = 721,
    /// A policy name that does not match `^[a-z0-9][a-z0-9-]+$`.
    PolicyInvalidName = 750,
    /// A well-formed policy name that is not a builtin policy.
    PolicyUnknownName = 751,
    /// The policy does not list a log with this key hash.
    PolicyUnknownLog = 752,
    /// The policy does not list a witness with this key hash.
    PolicyUnknownWitness = 753,
    /// The given witnesses do not satisfy the policy's quorum.
    PolicyQuorumNotMet = 754,

    // --- 800..899: compiled policies ---
    /// Compiled policy: shorter than its 4-byte header.
    CompiledTooShort = 800,
    /// Compiled policy: a version byte other than 0.
    CompiledUnsupportedVersion = 801,
    /// Compiled policy: shorter than its header announces.
    CompiledTruncated = 802,
    /// Compiled policy: bytes after the program.
    CompiledTrailingData = 803,
    /// Compiled policy: log keys not sorted by key hash.
    CompiledLogOrder = 804,
    /// Compiled policy: a log key twice.
    CompiledDuplicateLog = 805,
    /// Compiled policy: witness keys not sorted by key hash.
    CompiledWitnessOrder = 806,
    /// Compiled policy: a witness key twice.
    CompiledDuplicateWitness = 807,
    /// Compiled policy: an empty quorum program.
    CompiledEmptyProgram = 808,
    /// Compiled policy: an unknown opcode.
    CompiledInvalidOpcode = 809,
    /// Compiled policy: a non-minimal immediate prefix.
    CompiledLeadingZeroPrefix = 810,
    /// Compiled policy: a prefix before ADD.
    CompiledPrefixBeforeAdd = 811,
    /// Compiled policy: a prefix at the end of the program.
    CompiledDanglingPrefix = 812,
    /// Compiled policy: an immediate above 32 bits.
    CompiledImmediateOverflow = 813,
    /// Compiled policy: a push of a witness index not in the table.
    CompiledWitnessIndexOutOfRange = 814,
    /// Compiled policy: ADD with fewer than two values.
    CompiledAddUnderflow = 815,
    /// Compiled policy: a threshold on an empty stack.
    CompiledThresholdUnderflow = 816,
    /// Compiled policy: the last instruction is ADD.
    CompiledTrailingAdd = 817,
    /// Compiled policy: the program does not leave exactly one value.
    CompiledFinalDepth = 818,

    // --- 900..999: Sigsum ASCII texts (proof files, signed tree heads) ---
    /// ASCII text: the last line does not end in a newline.
    AsciiMissingNewline = 900,
    /// ASCII text: the input ended where a line was required.
    AsciiUnexpectedEof = 901,
    /// ASCII text: an empty line where a `key=value` line was required.
    AsciiUnexpectedEmptyLine = 902,
    /// ASCII text: a non-empty line without `=`.
    AsciiMissingEquals = 903,
    /// ASCII text: another key than the one required here (keys have a fixed
    /// order).
    AsciiUnexpectedKey = 904,
    /// ASCII text: a value with the wrong number of space-separated fields.
    AsciiFieldCount = 905,
    /// ASCII text: two cosignatures with the same witness key hash.
    AsciiDuplicateCosignature = 906,
    /// ASCII text: more than 64 cosignatures.
    AsciiTooManyCosignatures = 907,
    /// Proof: `version=` is neither 1 nor 2.
    ProofUnknownVersion = 920,
    /// Proof: the line after `leaf=` is not empty.
    ProofExpectedEmptyLine = 921,
    /// Proof: `size=0` (an empty tree contains no leaf).
    ProofEmptyTree = 922,
    /// Proof: a size-1 proof continues after the tree head.
    ProofSizeOneTrailingLine = 923,
    /// Proof: a proof for size >= 2 ends after the tree head.
    ProofMissingInclusionProof = 924,
    /// Proof: no `node_hash` line although size >= 2.
    ProofEmptyPath = 925,
    /// Proof: more than 63 `node_hash` lines.
    ProofPathTooLong = 926,

    // --- 1000..1099: proof verification ---
    /// Verification: no policy was given.
    VerifyNoPolicy = 1000,
    /// Verification: a version 1 proof for another message (its short
    /// checksum is not the start of H(message)).
    VerifyShortChecksumMismatch = 1001,
    /// Verification: none of the submitter keys hashes to the leaf's key hash.
    VerifyUnknownSignerKey = 1002,
    /// Verification: the policy does not list the proof's log.
    VerifyUnknownLog = 1003,
    /// Verification: the leaf signature does not verify for the message.
    VerifyBadLeafSignature = 1004,
    /// Verification: the log signature on the tree head does not verify.
    VerifyBadLogSignature = 1005,
    /// Verification: the valid cosignatures do not satisfy the quorum.
    VerifyQuorumNotMet = 1006,
    /// Freshness: the quorum needs no cosignature, so there is no timestamp
    /// to check.
    VerifyNoQuorumTimestamp = 1007,
    /// Freshness: the quorum timestamp is older than the maximum age.
    VerifyTooOld = 1008,
}

/// Every status, for lookups by number and for tests.
pub(crate) const ALL: &[sigsum_status] = {
    use sigsum_status as S;
    &[
        S::Ok,
        S::NullParameter,
        S::InvalidLength,
        S::BufferTooSmall,
        S::Panic,
        S::InvalidParameter,
        S::BadSignature,
        S::DecimalEmpty,
        S::DecimalLeadingZero,
        S::DecimalSyntax,
        S::DecimalRange,
        S::HexLength,
        S::HexSyntax,
        S::Base64Syntax,
        S::Base64Length,
        S::LeafLength,
        S::LeafKeyHashMismatch,
        S::LeafBadSignature,
        S::MerkleIndexOutOfRange,
        S::MerkleOldSizeAfterNewSize,
        S::MerklePathLimitExceeded,
        S::MerklePathTooShort,
        S::MerklePathTooLong,
        S::MerkleNonEmptyPath,
        S::MerkleOldRootNotEmpty,
        S::MerkleEqualSizeRootsDiffer,
        S::MerkleRootMismatch,
        S::MerkleOldRootMismatch,
        S::MerkleNewRootMismatch,
        S::TreeHeadBadSignature,
        S::CosignatureKeyHashMismatch,
        S::CosignatureTimestampRange,
        S::CosignatureBadSignature,
        S::PolicyControlCharacter,
        S::PolicyLineTooLong,
        S::PolicyUnknownKeyword,
        S::PolicyLogArguments,
        S::PolicyWitnessArguments,
        S::PolicyGroupArguments,
        S::PolicyQuorumArguments,
        S::PolicyInvalidKey,
        S::PolicyThresholdSyntax,
        S::PolicyThresholdOutOfRange,
        S::PolicyDuplicateLog,
        S::PolicyDuplicateWitness,
        S::PolicyDuplicateName,
        S::PolicyReservedName,
        S::PolicyUndefinedName,
        S::PolicyAlreadyMember,
        S::PolicyNoneAsMember,
        S::PolicyQuorumRedefined,
        S::PolicyNoQuorum,
        S::PolicyTooManyLogs,
        S::PolicyTooManyWitnesses,
        S::PolicyTooManyGroups,
        S::PolicyInvalidName,
        S::PolicyUnknownName,
        S::PolicyUnknownLog,
        S::PolicyUnknownWitness,
        S::PolicyQuorumNotMet,
        S::CompiledTooShort,
        S::CompiledUnsupportedVersion,
        S::CompiledTruncated,
        S::CompiledTrailingData,
        S::CompiledLogOrder,
        S::CompiledDuplicateLog,
        S::CompiledWitnessOrder,
        S::CompiledDuplicateWitness,
        S::CompiledEmptyProgram,
        S::CompiledInvalidOpcode,
        S::CompiledLeadingZeroPrefix,
        S::CompiledPrefixBeforeAdd,
        S::CompiledDanglingPrefix,
        S::CompiledImmediateOverflow,
        S::CompiledWitnessIndexOutOfRange,
        S::CompiledAddUnderflow,
        S::CompiledThresholdUnderflow,
        S::CompiledTrailingAdd,
        S::CompiledFinalDepth,
        S::AsciiMissingNewline,
        S::AsciiUnexpectedEof,
        S::AsciiUnexpectedEmptyLine,
        S::AsciiMissingEquals,
        S::AsciiUnexpectedKey,
        S::AsciiFieldCount,
        S::AsciiDuplicateCosignature,
        S::AsciiTooManyCosignatures,
        S::ProofUnknownVersion,
        S::ProofExpectedEmptyLine,
        S::ProofEmptyTree,
        S::ProofSizeOneTrailingLine,
        S::ProofMissingInclusionProof,
        S::ProofEmptyPath,
        S::ProofPathTooLong,
        S::VerifyNoPolicy,
        S::VerifyShortChecksumMismatch,
        S::VerifyUnknownSignerKey,
        S::VerifyUnknownLog,
        S::VerifyBadLeafSignature,
        S::VerifyBadLogSignature,
        S::VerifyQuorumNotMet,
        S::VerifyNoQuorumTimestamp,
        S::VerifyTooOld,
    ]
};

impl sigsum_status {
    /// The status with number `n`, if there is one.
    pub fn from_u32(n: u32) -> Option<sigsum_status> {
        ALL.iter().copied().find(|s| *s as u32 == n)
    }

    /// A short English description (static, NUL-terminated).
    pub fn message(self) -> &'static CStr {
        use sigsum_status as S;
        match self {
            S::Ok => c"ok",
            S::NullParameter => c"required pointer argument is NULL",
            S::InvalidLength => c"invalid length argument",
            S::BufferTooSmall => c"output buffer too small",
            S::Panic => c"internal error (caught panic)",
            S::InvalidParameter => c"invalid argument",
            S::BadSignature => c"signature not valid",
            S::DecimalEmpty => c"empty decimal number",
            S::DecimalLeadingZero => c"decimal number with a leading zero",
            S::DecimalSyntax => c"invalid decimal number",
            S::DecimalRange => c"decimal number above 2^63-1",
            S::HexLength => c"hex value of the wrong length",
            S::HexSyntax => c"invalid hex digit",
            S::Base64Syntax => c"invalid base64",
            S::Base64Length => c"base64 value of the wrong length",
            S::LeafLength => c"leaf is not 128 bytes",
            S::LeafKeyHashMismatch => c"leaf key hash does not match the key",
            S::LeafBadSignature => c"leaf signature not valid",
            S::MerkleIndexOutOfRange => c"leaf index out of range",
            S::MerkleOldSizeAfterNewSize => c"old tree size is larger than new tree size",
            S::MerklePathLimitExceeded => c"proof would need more than 63 path elements",
            S::MerklePathTooShort => c"path has too few elements",
            S::MerklePathTooLong => c"path has too many elements",
            S::MerkleNonEmptyPath => c"path must be empty for these sizes",
            S::MerkleOldRootNotEmpty => c"old root of an empty tree is not the empty root",
            S::MerkleEqualSizeRootsDiffer => c"equal tree sizes but different roots",
            S::MerkleRootMismatch => c"inclusion path does not lead to the root hash",
            S::MerkleOldRootMismatch => c"consistency path does not lead to the old root",
            S::MerkleNewRootMismatch => c"consistency path does not lead to the new root",
            S::TreeHeadBadSignature => c"log signature on tree head not valid",
            S::CosignatureKeyHashMismatch => c"cosignature key hash does not match the witness key",
            S::CosignatureTimestampRange => c"cosignature timestamp above 2^63-1",
            S::CosignatureBadSignature => c"cosignature not valid",
            S::PolicyControlCharacter => c"policy: invalid control character",
            S::PolicyLineTooLong => c"policy: line too long",
            S::PolicyUnknownKeyword => c"policy: unknown keyword",
            S::PolicyLogArguments => {
                c"policy: invalid log line (public key required, url optional)"
            }
            S::PolicyWitnessArguments => {
                c"policy: invalid witness line (name and public key required, url optional)"
            }
            S::PolicyGroupArguments => {
                c"policy: invalid group line (name, threshold and members required)"
            }
            S::PolicyQuorumArguments => c"policy: invalid quorum line (one name required)",
            S::PolicyInvalidKey => c"policy: invalid public key",
            S::PolicyThresholdSyntax => c"policy: invalid threshold",
            S::PolicyThresholdOutOfRange => c"policy: threshold out of range",
            S::PolicyDuplicateLog => c"policy: duplicate log",
            S::PolicyDuplicateWitness => c"policy: duplicate witness",
            S::PolicyDuplicateName => c"policy: duplicate name",
            S::PolicyReservedName => c"policy: the name \"none\" is predefined",
            S::PolicyUndefinedName => c"policy: undefined name",
            S::PolicyAlreadyMember => c"policy: already a group member",
            S::PolicyNoneAsMember => c"policy: \"none\" cannot be a group member",
            S::PolicyQuorumRedefined => c"policy: quorum can only be set once",
            S::PolicyNoQuorum => c"policy: no quorum defined",
            S::PolicyTooManyLogs => c"policy: too many logs",
            S::PolicyTooManyWitnesses => c"policy: too many witnesses",
            S::PolicyTooManyGroups => c"policy: too many groups",
            S::PolicyInvalidName => c"invalid policy name",
            S::PolicyUnknownName => c"no builtin policy with this name",
            S::PolicyUnknownLog => c"policy: unknown log",
            S::PolicyUnknownWitness => c"policy: unknown witness",
            S::PolicyQuorumNotMet => c"policy: quorum not met",
            S::CompiledTooShort => c"compiled policy: shorter than its header",
            S::CompiledUnsupportedVersion => c"compiled policy: unsupported version",
            S::CompiledTruncated => c"compiled policy: truncated",
            S::CompiledTrailingData => c"compiled policy: trailing bytes",
            S::CompiledLogOrder => c"compiled policy: log keys out of order",
            S::CompiledDuplicateLog => c"compiled policy: duplicate log key",
            S::CompiledWitnessOrder => c"compiled policy: witness keys out of order",
            S::CompiledDuplicateWitness => c"compiled policy: duplicate witness key",
            S::CompiledEmptyProgram => c"compiled policy: empty quorum program",
            S::CompiledInvalidOpcode => c"compiled policy: unknown opcode",
            S::CompiledLeadingZeroPrefix => c"compiled policy: non-minimal prefix",
            S::CompiledPrefixBeforeAdd => c"compiled policy: prefix before ADD",
            S::CompiledDanglingPrefix => c"compiled policy: prefix at end of program",
            S::CompiledImmediateOverflow => c"compiled policy: immediate too large",
            S::CompiledWitnessIndexOutOfRange => c"compiled policy: witness index out of range",
            S::CompiledAddUnderflow => c"compiled policy: stack underflow (ADD)",
            S::CompiledThresholdUnderflow => c"compiled policy: stack underflow (threshold)",
            S::CompiledTrailingAdd => c"compiled policy: last instruction is ADD",
            S::CompiledFinalDepth => c"compiled policy: final stack depth is not 1",
            S::AsciiMissingNewline => c"proof: last line does not end in a newline",
            S::AsciiUnexpectedEof => c"proof: unexpected end of input",
            S::AsciiUnexpectedEmptyLine => c"proof: unexpected empty line",
            S::AsciiMissingEquals => c"proof: line is not key=value",
            S::AsciiUnexpectedKey => c"proof: unexpected key",
            S::AsciiFieldCount => c"proof: wrong number of values",
            S::AsciiDuplicateCosignature => c"proof: duplicate cosignature key hash",
            S::AsciiTooManyCosignatures => c"proof: too many cosignatures",
            S::ProofUnknownVersion => c"proof: unknown version",
            S::ProofExpectedEmptyLine => c"proof: expected an empty line after leaf=",
            S::ProofEmptyTree => c"proof: empty tree (size=0)",
            S::ProofSizeOneTrailingLine => c"proof: size 1 proof must end after the tree head",
            S::ProofMissingInclusionProof => c"proof: missing inclusion proof",
            S::ProofEmptyPath => c"proof: inclusion proof has no node_hash line",
            S::ProofPathTooLong => c"proof: too many node_hash lines",
            S::VerifyNoPolicy => c"verify: no policy",
            S::VerifyShortChecksumMismatch => {
                c"verify: short checksum mismatch (proof is for another message)"
            }
            S::VerifyUnknownSignerKey => c"verify: unknown signer key",
            S::VerifyUnknownLog => c"verify: unknown log",
            S::VerifyBadLeafSignature => c"verify: bad leaf signature",
            S::VerifyBadLogSignature => c"verify: bad log signature",
            S::VerifyQuorumNotMet => c"verify: quorum not met",
            S::VerifyNoQuorumTimestamp => c"verify: no quorum timestamp to check the age against",
            S::VerifyTooOld => c"verify: proof too old",
        }
    }
}

impl From<EncodingError> for sigsum_status {
    fn from(e: EncodingError) -> Self {
        use sigsum_status as S;
        use EncodingError as E;
        match e {
            E::DecimalEmpty => S::DecimalEmpty,
            E::DecimalLeadingZero => S::DecimalLeadingZero,
            E::DecimalSyntax => S::DecimalSyntax,
            E::DecimalRange => S::DecimalRange,
            E::HexLength => S::HexLength,
            E::HexSyntax => S::HexSyntax,
            E::Base64Syntax => S::Base64Syntax,
            E::Base64Length => S::Base64Length,
        }
    }
}

impl From<LeafError> for sigsum_status {
    fn from(e: LeafError) -> Self {
        match e {
            LeafError::Length => sigsum_status::LeafLength,
            LeafError::KeyHashMismatch => sigsum_status::LeafKeyHashMismatch,
            LeafError::BadSignature => sigsum_status::LeafBadSignature,
        }
    }
}

impl From<MerkleError> for sigsum_status {
    fn from(e: MerkleError) -> Self {
        use sigsum_status as S;
        use MerkleError as E;
        match e {
            E::IndexOutOfRange => S::MerkleIndexOutOfRange,
            E::OldSizeAfterNewSize => S::MerkleOldSizeAfterNewSize,
            E::PathLimitExceeded { .. } => S::MerklePathLimitExceeded,
            E::PathTooShort { .. } => S::MerklePathTooShort,
            E::PathTooLong { .. } => S::MerklePathTooLong,
            E::NonEmptyPath => S::MerkleNonEmptyPath,
            E::OldRootNotEmpty => S::MerkleOldRootNotEmpty,
            E::EqualSizeRootsDiffer => S::MerkleEqualSizeRootsDiffer,
            E::RootMismatch => S::MerkleRootMismatch,
            E::OldRootMismatch => S::MerkleOldRootMismatch,
            E::NewRootMismatch => S::MerkleNewRootMismatch,
        }
    }
}

impl From<PolicyErrorKind> for sigsum_status {
    fn from(e: PolicyErrorKind) -> Self {
        use sigsum_status as S;
        use PolicyErrorKind as E;
        match e {
            E::ControlCharacter(_) => S::PolicyControlCharacter,
            E::LineTooLong => S::PolicyLineTooLong,
            E::UnknownKeyword => S::PolicyUnknownKeyword,
            E::LogArguments => S::PolicyLogArguments,
            E::WitnessArguments => S::PolicyWitnessArguments,
            E::GroupArguments => S::PolicyGroupArguments,
            E::QuorumArguments => S::PolicyQuorumArguments,
            E::InvalidKey(_) => S::PolicyInvalidKey,
            E::ThresholdSyntax => S::PolicyThresholdSyntax,
            E::ThresholdOutOfRange => S::PolicyThresholdOutOfRange,
            E::DuplicateLog => S::PolicyDuplicateLog,
            E::DuplicateWitness => S::PolicyDuplicateWitness,
            E::DuplicateName => S::PolicyDuplicateName,
            E::ReservedName => S::PolicyReservedName,
            E::UndefinedName => S::PolicyUndefinedName,
            E::AlreadyMember => S::PolicyAlreadyMember,
            E::NoneAsMember => S::PolicyNoneAsMember,
            E::QuorumRedefined => S::PolicyQuorumRedefined,
            E::NoQuorum => S::PolicyNoQuorum,
            E::TooManyLogs { .. } => S::PolicyTooManyLogs,
            E::TooManyWitnesses { .. } => S::PolicyTooManyWitnesses,
            E::TooManyGroups { .. } => S::PolicyTooManyGroups,
        }
    }
}

impl From<BuiltinError> for sigsum_status {
    fn from(e: BuiltinError) -> Self {
        match e {
            BuiltinError::InvalidName => sigsum_status::PolicyInvalidName,
            BuiltinError::UnknownName => sigsum_status::PolicyUnknownName,
            BuiltinError::Parse(p) => p.kind.into(),
        }
    }
}

impl From<CompiledError> for sigsum_status {
    fn from(e: CompiledError) -> Self {
        use sigsum_status as S;
        use CompiledError as E;
        match e {
            E::TooShort => S::CompiledTooShort,
            E::UnsupportedVersion(_) => S::CompiledUnsupportedVersion,
            E::Truncated { .. } => S::CompiledTruncated,
            E::TrailingData { .. } => S::CompiledTrailingData,
            E::LogOrder { .. } => S::CompiledLogOrder,
            E::DuplicateLog { .. } => S::CompiledDuplicateLog,
            E::WitnessOrder { .. } => S::CompiledWitnessOrder,
            E::DuplicateWitness { .. } => S::CompiledDuplicateWitness,
            E::EmptyProgram => S::CompiledEmptyProgram,
            E::InvalidOpcode { .. } => S::CompiledInvalidOpcode,
            E::LeadingZeroPrefix { .. } => S::CompiledLeadingZeroPrefix,
            E::PrefixBeforeAdd { .. } => S::CompiledPrefixBeforeAdd,
            E::DanglingPrefix => S::CompiledDanglingPrefix,
            E::ImmediateOverflow { .. } => S::CompiledImmediateOverflow,
            E::WitnessIndexOutOfRange { .. } => S::CompiledWitnessIndexOutOfRange,
            E::AddUnderflow { .. } => S::CompiledAddUnderflow,
            E::ThresholdUnderflow { .. } => S::CompiledThresholdUnderflow,
            E::TrailingAdd => S::CompiledTrailingAdd,
            E::FinalDepth { .. } => S::CompiledFinalDepth,
        }
    }
}

impl From<AsciiError> for sigsum_status {
    fn from(e: AsciiError) -> Self {
        use sigsum_status as S;
        use AsciiError as E;
        match e {
            E::MissingNewline => S::AsciiMissingNewline,
            E::UnexpectedEof { .. } => S::AsciiUnexpectedEof,
            E::UnexpectedEmptyLine { .. } => S::AsciiUnexpectedEmptyLine,
            E::MissingEquals => S::AsciiMissingEquals,
            E::UnexpectedKey { .. } => S::AsciiUnexpectedKey,
            E::FieldCount { .. } => S::AsciiFieldCount,
            // The field's own encoding error says what was wrong with it;
            // the line number is in `sigsum_detail`.
            E::BadValue { error, .. } => error.into(),
            E::DuplicateCosignature { .. } => S::AsciiDuplicateCosignature,
            E::TooManyCosignatures => S::AsciiTooManyCosignatures,
        }
    }
}

impl From<ProofErrorKind> for sigsum_status {
    fn from(e: ProofErrorKind) -> Self {
        use sigsum_status as S;
        use ProofErrorKind as E;
        match e {
            E::Ascii(a) => a.into(),
            E::UnknownVersion(_) => S::ProofUnknownVersion,
            E::ExpectedEmptyLine => S::ProofExpectedEmptyLine,
            E::EmptyTree => S::ProofEmptyTree,
            E::SizeOneTrailingLine => S::ProofSizeOneTrailingLine,
            E::MissingInclusionProof => S::ProofMissingInclusionProof,
            E::EmptyPath => S::ProofEmptyPath,
            E::PathTooLong => S::ProofPathTooLong,
        }
    }
}

impl From<VerifyError> for sigsum_status {
    fn from(e: VerifyError) -> Self {
        use sigsum_status as S;
        use VerifyError as E;
        match e {
            E::Proof(p) => p.kind.into(),
            E::NoPolicy => S::VerifyNoPolicy,
            E::ShortChecksumMismatch => S::VerifyShortChecksumMismatch,
            E::UnknownSignerKey => S::VerifyUnknownSignerKey,
            E::UnknownLog => S::VerifyUnknownLog,
            E::Inclusion(i) => i.into(),
            E::BadLeafSignature => S::VerifyBadLeafSignature,
            E::BadLogSignature => S::VerifyBadLogSignature,
            E::QuorumNotMet { .. } => S::VerifyQuorumNotMet,
            E::NoQuorumTimestamp => S::VerifyNoQuorumTimestamp,
            E::TooOld { .. } => S::VerifyTooOld,
        }
    }
}

impl From<BufferTooSmall> for sigsum_status {
    fn from(_: BufferTooSmall) -> Self {
        sigsum_status::BufferTooSmall
    }
}

/// A description of `status` as a static NUL-terminated English string.
///
/// Takes the status as a plain integer, so any value is allowed: an unknown
/// code gives `"unknown status"`. The string is owned by the library, lives
/// for the whole program and must not be freed or modified. Never returns
/// NULL.
///
/// # Safety
///
/// None: any value of `status` is allowed.
#[no_mangle]
pub unsafe extern "C" fn sigsum_status_str(status: u32) -> *const c_char {
    ffi_call(|| {
        sigsum_status::from_u32(status)
            .map_or(c"unknown status", sigsum_status::message)
            .as_ptr()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(name, value)` of every `SIGSUM_STATUS_*` enumerator in the committed
    /// header.
    fn header_statuses() -> Vec<(String, u32)> {
        include_str!("../../include/sigsum.h")
            .lines()
            .filter_map(|l| {
                let l = l.trim().strip_prefix("SIGSUM_STATUS_")?;
                let (name, value) = l.trim_end_matches(',').split_once(" = ")?;
                Some((name.to_string(), value.parse().ok()?))
            })
            .collect()
    }

    #[test]
    fn header_lists_exactly_the_known_statuses() {
        let header = header_statuses();
        assert_eq!(header.len(), ALL.len(), "header and ALL differ in length");
        for (s, (name, value)) in ALL.iter().zip(&header) {
            assert_eq!(*s as u32, *value, "{name}");
            assert_eq!(sigsum_status::from_u32(*value), Some(*s));
        }
    }

    #[test]
    fn codes_are_unique_blocked_and_described() {
        let mut seen = std::collections::BTreeSet::new();
        let mut messages = std::collections::BTreeSet::new();
        for s in ALL {
            assert!(seen.insert(*s as u32));
            assert!(messages.insert(s.message()), "{s:?} shares its message");
            assert!(!s.message().is_empty());
        }
        assert_eq!(sigsum_status::Ok as u32, 0);
        for n in [7u32, 99, 108, 203, 404, 4000, u32::MAX] {
            assert_eq!(sigsum_status::from_u32(n), None);
            // SAFETY: no requirements.
            let p = unsafe { sigsum_status_str(n) };
            // SAFETY: static NUL-terminated string.
            assert_eq!(unsafe { CStr::from_ptr(p) }, c"unknown status");
        }
    }

    #[test]
    fn header_version_macros_follow_cargo() {
        let h = include_str!("../../include/sigsum.h");
        for (name, v) in [
            ("MAJOR", env!("CARGO_PKG_VERSION_MAJOR")),
            ("MINOR", env!("CARGO_PKG_VERSION_MINOR")),
            ("PATCH", env!("CARGO_PKG_VERSION_PATCH")),
        ] {
            let line = format!("#define SIGSUM_VERSION_{name} {v}\n");
            assert!(h.contains(&line), "{line}");
        }
        // SAFETY: no requirements.
        let p = unsafe { crate::version::sigsum_version() };
        // SAFETY: static NUL-terminated string.
        let s = unsafe { CStr::from_ptr(p) };
        assert_eq!(s.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
    }
}

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
//! * Every failure of the core has its own code. Core errors that wrap
//!   another error (a proof field's encoding error, a key file's bad line,
//!   a checkpoint's size or root hash) return the code of the wrapped
//!   error; `sigsum_detail` says where (step, line, column).
//! * **A code is never renumbered and never reused.** A retired code stays
//!   listed as a comment. New codes are appended at the end of their block.
//! * C callers must treat an unknown code as a failure: newer libraries may
//!   return codes an older header does not list. Status values passed *in*
//!   from C are plain `uint32_t` (see [`sigsum_status_str`]), never the enum,
//!   so an out-of-range value is never undefined behaviour.

use core::ffi::{c_char, CStr};

use sigsum_core::{
    AsciiError, BufferTooSmall, BuiltinError, CheckpointError, CompileError, CompiledError,
    EncodingError, FreshnessError, KeyFileError, LeafError, MerkleError, NoteCosignatureError,
    NoteError, PemError, PolicyErrorKind, ProofErrorKind, SshKeyError, VerifyError, VkeyError,
};

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

    // --- 500..599: signed notes and checkpoints ---
    /// Signed note: not valid UTF-8.
    NoteNotUtf8 = 500,
    /// Signed note: a control character (including CR and TAB).
    NoteControlCharacter = 501,
    /// Signed note: the last line does not end in a newline (or empty input).
    NoteMissingNewline = 502,
    /// Signed note: no blank line before the signatures.
    NoteMissingBlankLine = 503,
    /// Signed note: the text before the blank line is empty.
    NoteEmptyText = 504,
    /// Signed note: no signature lines.
    NoteNoSignatures = 505,
    /// Signed note: more than 16 signature lines.
    NoteTooManySignatures = 506,
    /// Signed note: a signature line does not start with an em dash and a space.
    NoteSignaturePrefix = 507,
    /// Signed note: a signature line is not `<dash> <name> <base64>`.
    NoteSignatureFields = 508,
    /// Signed note: an invalid key name on a signature line.
    NoteKeyName = 509,
    /// Signed note: a signature that is not canonical base64.
    NoteSignatureBase64 = 510,
    /// Signed note: two signature lines with the same name, key id and size.
    NoteDuplicateSignature = 511,
    /// Checkpoint: the origin line is empty.
    CheckpointEmptyOrigin = 530,
    /// Checkpoint: the origin line is longer than 256 bytes.
    CheckpointOriginTooLong = 531,
    /// Checkpoint: the text ends before the size line.
    CheckpointMissingSize = 532,
    /// Checkpoint: the text ends before the root hash line.
    CheckpointMissingRootHash = 533,
    /// Checkpoint: an empty extension line.
    CheckpointEmptyExtensionLine = 534,
    /// Checkpoint: a Sigsum checkpoint with extension lines.
    CheckpointExtensionLines = 535,
    /// Checkpoint: the origin is not the log key's Sigsum origin.
    CheckpointOriginMismatch = 536,
    /// Checkpoint: no Ed25519 signature line with the expected key name.
    CheckpointNoLogSignature = 537,
    /// Checkpoint: two Ed25519 signature lines with the log key name.
    CheckpointDuplicateLogSignature = 538,
    /// Checkpoint: the log signature line's key id is not the key's.
    CheckpointKeyIdMismatch = 539,
    /// Checkpoint: the log signature does not verify.
    CheckpointBadSignature = 540,
    /// Checkpoint: cosignatures over extension lines are not supported.
    CheckpointCosignedExtensionLines = 541,
    /// Checkpoint: more than 255 witnesses given.
    CheckpointTooManyWitnesses = 542,
    /// Checkpoint: the vkey is not an Ed25519 (type 0x01) key.
    CheckpointVkeyType = 543,

    // --- 600..699: public key formats ---
    /// OpenSSH key: a control character in the line.
    SshControlCharacter = 600,
    /// OpenSSH key: no `ssh-ed25519 <key>` fields.
    SshMissingFields = 601,
    /// OpenSSH key: `sigsum-policy=` without a double-quoted name.
    SshPolicyNotQuoted = 602,
    /// OpenSSH key: `sigsum-policy=""`.
    SshPolicyEmpty = 603,
    /// OpenSSH key: a forbidden character in the policy name.
    SshPolicyForbiddenChar = 604,
    /// OpenSSH key: a second `sigsum-policy=` option.
    SshRepeatedPolicy = 605,
    /// OpenSSH key: not `ssh-ed25519` (other types and options are not
    /// supported).
    SshKeyType = 606,
    /// OpenSSH key: the key field is not valid base64.
    SshBase64 = 607,
    /// OpenSSH key: the key blob is not an ssh-ed25519 blob.
    SshBlobPrefix = 608,
    /// OpenSSH key: the key blob is not 51 bytes.
    SshBlobLength = 609,
    /// Key file: a comment that does not start in column 1.
    KeyFileIndentedComment = 620,
    /// Key file: the same key twice.
    KeyFileDuplicateKey = 621,
    /// Key file: more than 256 keys.
    KeyFileTooManyKeys = 622,
    /// Key file: no keys.
    KeyFileNoKeys = 623,
    /// Key file: key lines disagree on `sigsum-policy`.
    KeyFilePolicyConflict = 624,
    /// vkey: not `<name>+<key id>+<key>`.
    VkeyFields = 640,
    /// vkey: an invalid key name.
    VkeyName = 641,
    /// vkey: the key id is not 8 hex digits.
    VkeyKeyIdHex = 642,
    /// vkey: the key is not valid base64.
    VkeyBase64 = 643,
    /// vkey: the key decodes to nothing.
    VkeyEmptyKey = 644,
    /// vkey: a type byte other than 0x01 or 0x04.
    VkeyKeyType = 645,
    /// vkey: the key after the type byte is not 32 bytes.
    VkeyKeyLength = 646,
    /// vkey: the key id does not match the name and key.
    VkeyKeyIdMismatch = 647,
    /// PEM: line 1 is not `-----BEGIN PUBLIC KEY-----`.
    PemBegin = 660,
    /// PEM: a BEGIN line with another label (e.g. a private key).
    PemLabel = 661,
    /// PEM: no `-----END PUBLIC KEY-----` line.
    PemMissingEnd = 662,
    /// PEM: an empty, too long or non-base64 line.
    PemBase64 = 663,
    /// PEM: the DER is not 44 bytes.
    PemDerLength = 664,
    /// PEM: the DER is not an Ed25519 SubjectPublicKeyInfo.
    PemDerPrefix = 665,
    /// PEM: text after the END line.
    PemTrailing = 666,

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
    /// Compiling: more than 255 logs.
    PolicyCompileTooManyLogs = 760,
    /// Compiling: more than 255 witnesses.
    PolicyCompileTooManyWitnesses = 761,
    /// Compiling: `quorum none` has no compiled form.
    PolicyCompileQuorumNone = 762,
    /// Compiling: the quorum program would exceed 255 bytes.
    PolicyCompileProgramTooLong = 763,

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
        S::NoteNotUtf8,
        S::NoteControlCharacter,
        S::NoteMissingNewline,
        S::NoteMissingBlankLine,
        S::NoteEmptyText,
        S::NoteNoSignatures,
        S::NoteTooManySignatures,
        S::NoteSignaturePrefix,
        S::NoteSignatureFields,
        S::NoteKeyName,
        S::NoteSignatureBase64,
        S::NoteDuplicateSignature,
        S::CheckpointEmptyOrigin,
        S::CheckpointOriginTooLong,
        S::CheckpointMissingSize,
        S::CheckpointMissingRootHash,
        S::CheckpointEmptyExtensionLine,
        S::CheckpointExtensionLines,
        S::CheckpointOriginMismatch,
        S::CheckpointNoLogSignature,
        S::CheckpointDuplicateLogSignature,
        S::CheckpointKeyIdMismatch,
        S::CheckpointBadSignature,
        S::CheckpointCosignedExtensionLines,
        S::CheckpointTooManyWitnesses,
        S::CheckpointVkeyType,
        S::SshControlCharacter,
        S::SshMissingFields,
        S::SshPolicyNotQuoted,
        S::SshPolicyEmpty,
        S::SshPolicyForbiddenChar,
        S::SshRepeatedPolicy,
        S::SshKeyType,
        S::SshBase64,
        S::SshBlobPrefix,
        S::SshBlobLength,
        S::KeyFileIndentedComment,
        S::KeyFileDuplicateKey,
        S::KeyFileTooManyKeys,
        S::KeyFileNoKeys,
        S::KeyFilePolicyConflict,
        S::VkeyFields,
        S::VkeyName,
        S::VkeyKeyIdHex,
        S::VkeyBase64,
        S::VkeyEmptyKey,
        S::VkeyKeyType,
        S::VkeyKeyLength,
        S::VkeyKeyIdMismatch,
        S::PemBegin,
        S::PemLabel,
        S::PemMissingEnd,
        S::PemBase64,
        S::PemDerLength,
        S::PemDerPrefix,
        S::PemTrailing,
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
        S::PolicyCompileTooManyLogs,
        S::PolicyCompileTooManyWitnesses,
        S::PolicyCompileQuorumNone,
        S::PolicyCompileProgramTooLong,
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
            S::NoteNotUtf8 => c"note: not valid UTF-8",
            S::NoteControlCharacter => c"note: control character",
            S::NoteMissingNewline => c"note: does not end with a newline",
            S::NoteMissingBlankLine => c"note: no blank line before the signatures",
            S::NoteEmptyText => c"note: empty text",
            S::NoteNoSignatures => c"note: no signature lines",
            S::NoteTooManySignatures => c"note: too many signature lines",
            S::NoteSignaturePrefix => c"note: signature line does not start with an em dash",
            S::NoteSignatureFields => c"note: malformed signature line",
            S::NoteKeyName => c"note: invalid key name",
            S::NoteSignatureBase64 => c"note: invalid base64 signature",
            S::NoteDuplicateSignature => c"note: duplicate signature line",
            S::CheckpointEmptyOrigin => c"checkpoint: empty origin",
            S::CheckpointOriginTooLong => c"checkpoint: origin too long",
            S::CheckpointMissingSize => c"checkpoint: no size line",
            S::CheckpointMissingRootHash => c"checkpoint: no root hash line",
            S::CheckpointEmptyExtensionLine => c"checkpoint: empty extension line",
            S::CheckpointExtensionLines => {
                c"checkpoint: Sigsum checkpoints have no extension lines"
            }
            S::CheckpointOriginMismatch => c"checkpoint: origin is not the log's Sigsum origin",
            S::CheckpointNoLogSignature => c"checkpoint: no log signature",
            S::CheckpointDuplicateLogSignature => c"checkpoint: duplicate log signature",
            S::CheckpointKeyIdMismatch => c"checkpoint: log signature has the wrong key id",
            S::CheckpointBadSignature => c"checkpoint: invalid log signature",
            S::CheckpointCosignedExtensionLines => {
                c"checkpoint: cosignatures over extension lines are not supported"
            }
            S::CheckpointTooManyWitnesses => c"checkpoint: too many witnesses",
            S::CheckpointVkeyType => c"checkpoint: vkey is not an Ed25519 key",
            S::SshControlCharacter => c"ssh key: control character",
            S::SshMissingFields => c"ssh key: expected \"ssh-ed25519 <key>\"",
            S::SshPolicyNotQuoted => c"ssh key: sigsum-policy= needs a double-quoted name",
            S::SshPolicyEmpty => c"ssh key: empty sigsum-policy name",
            S::SshPolicyForbiddenChar => c"ssh key: forbidden character in sigsum-policy name",
            S::SshRepeatedPolicy => c"ssh key: repeated sigsum-policy option",
            S::SshKeyType => c"ssh key: not an ssh-ed25519 key",
            S::SshBase64 => c"ssh key: invalid base64",
            S::SshBlobPrefix => c"ssh key: key blob is not ssh-ed25519",
            S::SshBlobLength => c"ssh key: key blob is not 51 bytes",
            S::KeyFileIndentedComment => c"key file: comments must start in column 1",
            S::KeyFileDuplicateKey => c"key file: duplicate key",
            S::KeyFileTooManyKeys => c"key file: too many keys",
            S::KeyFileNoKeys => c"key file: no public keys",
            S::KeyFilePolicyConflict => c"key file: key lines disagree on sigsum-policy",
            S::VkeyFields => c"vkey: not name+id+key",
            S::VkeyName => c"vkey: invalid key name",
            S::VkeyKeyIdHex => c"vkey: key id is not 8 hex digits",
            S::VkeyBase64 => c"vkey: invalid base64",
            S::VkeyEmptyKey => c"vkey: empty key",
            S::VkeyKeyType => c"vkey: unsupported key type",
            S::VkeyKeyLength => c"vkey: key is not 32 bytes",
            S::VkeyKeyIdMismatch => c"vkey: key id does not match",
            S::PemBegin => c"pem: expected BEGIN PUBLIC KEY",
            S::PemLabel => c"pem: not a public key",
            S::PemMissingEnd => c"pem: missing END line",
            S::PemBase64 => c"pem: invalid base64 line",
            S::PemDerLength => c"pem: not a 44-byte Ed25519 public key",
            S::PemDerPrefix => c"pem: not an Ed25519 SubjectPublicKeyInfo",
            S::PemTrailing => c"pem: text after the END line",
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
            S::PolicyCompileTooManyLogs => c"policy compile: more than 255 logs",
            S::PolicyCompileTooManyWitnesses => c"policy compile: more than 255 witnesses",
            S::PolicyCompileQuorumNone => c"policy compile: quorum none cannot be compiled",
            S::PolicyCompileProgramTooLong => c"policy compile: quorum program too long",
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
            // A variant added to the core after this table.
            _ => sigsum_status::InvalidParameter,
        }
    }
}

impl From<LeafError> for sigsum_status {
    fn from(e: LeafError) -> Self {
        match e {
            LeafError::Length => sigsum_status::LeafLength,
            LeafError::KeyHashMismatch => sigsum_status::LeafKeyHashMismatch,
            LeafError::BadSignature => sigsum_status::LeafBadSignature,
            // A variant added to the core after this table.
            _ => sigsum_status::InvalidParameter,
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
            // A variant added to the core after this table.
            _ => sigsum_status::InvalidParameter,
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
            // A variant added to the core after this table.
            _ => sigsum_status::InvalidParameter,
        }
    }
}

impl From<BuiltinError> for sigsum_status {
    fn from(e: BuiltinError) -> Self {
        match e {
            BuiltinError::InvalidName => sigsum_status::PolicyInvalidName,
            BuiltinError::UnknownName => sigsum_status::PolicyUnknownName,
            BuiltinError::Parse(p) => p.kind.into(),
            BuiltinError::Compiled(c) => c.into(),
            // A variant added to the core after this table.
            _ => sigsum_status::InvalidParameter,
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
            // A variant added to the core after this table.
            _ => sigsum_status::InvalidParameter,
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
            // A variant added to the core after this table.
            _ => sigsum_status::InvalidParameter,
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
            // A variant added to the core after this table.
            _ => sigsum_status::InvalidParameter,
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
            // A variant added to the core after this table.
            _ => sigsum_status::InvalidParameter,
        }
    }
}

impl From<NoteError> for sigsum_status {
    fn from(e: NoteError) -> Self {
        use sigsum_status as S;
        use NoteError as E;
        match e {
            E::NotUtf8 { .. } => S::NoteNotUtf8,
            E::ControlCharacter { .. } => S::NoteControlCharacter,
            E::MissingNewline { .. } => S::NoteMissingNewline,
            E::MissingBlankLine => S::NoteMissingBlankLine,
            E::EmptyText => S::NoteEmptyText,
            E::NoSignatures => S::NoteNoSignatures,
            E::TooManySignatures { .. } => S::NoteTooManySignatures,
            E::SignaturePrefix { .. } => S::NoteSignaturePrefix,
            E::SignatureFields { .. } => S::NoteSignatureFields,
            E::KeyName { .. } => S::NoteKeyName,
            E::SignatureBase64 { .. } => S::NoteSignatureBase64,
            E::DuplicateSignature { .. } => S::NoteDuplicateSignature,
            // A variant added to the core after this table.
            _ => sigsum_status::InvalidParameter,
        }
    }
}

impl From<CheckpointError> for sigsum_status {
    fn from(e: CheckpointError) -> Self {
        use sigsum_status as S;
        use CheckpointError as E;
        match e {
            E::Note(n) => n.into(),
            E::EmptyOrigin => S::CheckpointEmptyOrigin,
            E::OriginTooLong => S::CheckpointOriginTooLong,
            E::MissingSize => S::CheckpointMissingSize,
            // The field's encoding error; the line (2 or 3) is in the
            // detail.
            E::Size(e) | E::RootHash(e) => e.into(),
            E::MissingRootHash => S::CheckpointMissingRootHash,
            E::EmptyExtensionLine { .. } => S::CheckpointEmptyExtensionLine,
            E::ExtensionLines { .. } => S::CheckpointExtensionLines,
            E::OriginMismatch => S::CheckpointOriginMismatch,
            E::NoLogSignature => S::CheckpointNoLogSignature,
            E::DuplicateLogSignature { .. } => S::CheckpointDuplicateLogSignature,
            E::KeyIdMismatch { .. } => S::CheckpointKeyIdMismatch,
            E::BadSignature { .. } => S::CheckpointBadSignature,
            E::CosignedExtensionLines => S::CheckpointCosignedExtensionLines,
            E::TooManyWitnesses => S::CheckpointTooManyWitnesses,
            E::VkeyType => S::CheckpointVkeyType,
            // A variant added to the core after this table.
            _ => sigsum_status::InvalidParameter,
        }
    }
}

impl From<NoteCosignatureError> for sigsum_status {
    fn from(e: NoteCosignatureError) -> Self {
        match e {
            NoteCosignatureError::TimestampRange { .. } => sigsum_status::CosignatureTimestampRange,
            NoteCosignatureError::TooManyWitnesses => sigsum_status::CheckpointTooManyWitnesses,
            // A variant added to the core after this table.
            _ => sigsum_status::InvalidParameter,
        }
    }
}

impl From<SshKeyError> for sigsum_status {
    fn from(e: SshKeyError) -> Self {
        use sigsum_status as S;
        use SshKeyError as E;
        match e {
            E::ControlCharacter { .. } => S::SshControlCharacter,
            E::MissingFields { .. } => S::SshMissingFields,
            E::PolicyNotQuoted { .. } => S::SshPolicyNotQuoted,
            E::PolicyEmpty { .. } => S::SshPolicyEmpty,
            E::PolicyForbiddenChar { .. } => S::SshPolicyForbiddenChar,
            E::RepeatedPolicy { .. } => S::SshRepeatedPolicy,
            E::KeyType { .. } => S::SshKeyType,
            E::Base64 { .. } => S::SshBase64,
            E::BlobPrefix { .. } => S::SshBlobPrefix,
            E::BlobLength { .. } => S::SshBlobLength,
            // A variant added to the core after this table.
            _ => sigsum_status::InvalidParameter,
        }
    }
}

impl From<KeyFileError> for sigsum_status {
    fn from(e: KeyFileError) -> Self {
        use sigsum_status as S;
        use KeyFileError as E;
        match e {
            E::Key { error, .. } => error.into(),
            E::IndentedComment { .. } => S::KeyFileIndentedComment,
            E::DuplicateKey { .. } => S::KeyFileDuplicateKey,
            E::TooManyKeys { .. } => S::KeyFileTooManyKeys,
            E::NoKeys => S::KeyFileNoKeys,
            E::PolicyConflict { .. } => S::KeyFilePolicyConflict,
            // A variant added to the core after this table.
            _ => sigsum_status::InvalidParameter,
        }
    }
}

impl From<VkeyError> for sigsum_status {
    fn from(e: VkeyError) -> Self {
        use sigsum_status as S;
        use VkeyError as E;
        match e {
            E::Fields => S::VkeyFields,
            E::Name => S::VkeyName,
            E::KeyIdHex { .. } => S::VkeyKeyIdHex,
            E::Base64 { .. } => S::VkeyBase64,
            E::EmptyKey { .. } => S::VkeyEmptyKey,
            E::KeyType { .. } => S::VkeyKeyType,
            E::KeyLength { .. } => S::VkeyKeyLength,
            E::KeyIdMismatch { .. } => S::VkeyKeyIdMismatch,
            // A variant added to the core after this table.
            _ => sigsum_status::InvalidParameter,
        }
    }
}

impl From<PemError> for sigsum_status {
    fn from(e: PemError) -> Self {
        use sigsum_status as S;
        use PemError as E;
        match e {
            E::Begin => S::PemBegin,
            E::Label => S::PemLabel,
            E::MissingEnd => S::PemMissingEnd,
            E::Base64 { .. } => S::PemBase64,
            E::DerLength => S::PemDerLength,
            E::DerPrefix => S::PemDerPrefix,
            E::Trailing { .. } => S::PemTrailing,
            // A variant added to the core after this table.
            _ => sigsum_status::InvalidParameter,
        }
    }
}

impl From<CompileError> for sigsum_status {
    fn from(e: CompileError) -> Self {
        use sigsum_status as S;
        use CompileError as E;
        match e {
            E::TooManyLogs { .. } => S::PolicyCompileTooManyLogs,
            E::TooManyWitnesses { .. } => S::PolicyCompileTooManyWitnesses,
            E::QuorumNone => S::PolicyCompileQuorumNone,
            E::ProgramTooLong { .. } => S::PolicyCompileProgramTooLong,
            E::BufferTooSmall { .. } => S::BufferTooSmall,
            E::Internal(c) => c.into(),
            // A variant added to the core after this table.
            _ => sigsum_status::InvalidParameter,
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

impl From<FreshnessError> for sigsum_status {
    fn from(e: FreshnessError) -> Self {
        match e {
            FreshnessError::NoQuorumTimestamp => sigsum_status::VerifyNoQuorumTimestamp,
            // `InFuture` needs a finite skew, which no caller passes yet.
            _ => sigsum_status::VerifyTooOld,
        }
    }
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

//! Compiled policies: the binary blob of the sigsum-c compiler (TKey
//! "sign-if-logged"), loaded strictly and evaluated without allocation.

use core::fmt;

use super::TrustPolicy;
use crate::types::sha256;
use crate::types::{Hash, PublicKey, PUBLIC_KEY_SIZE};
use crate::witness_set::WitnessSet;

/// The only blob version.
pub const COMPILED_VERSION: u8 = 0;
/// Length of the blob header.
pub const HEADER_LEN: usize = 4;
/// The longest program (its length is one byte).
pub const MAX_PROGRAM_LEN: usize = 255;
/// The most logs or witnesses in a blob (counts are one byte).
pub const MAX_COMPILED_KEYS: usize = 255;
/// The longest blob: 255 logs, 255 witnesses, a 255-byte program.
pub const MAX_COMPILED_LEN: usize = HEADER_LEN + 32 * (2 * MAX_COMPILED_KEYS) + MAX_PROGRAM_LEN;
/// Evaluation stack size: a valid program of at most 255 bytes never holds
/// more than 128 values (see `docs/policy.md`).
pub const EVAL_STACK: usize = 128;

/// The ADD opcode.
pub const OP_ADD: u8 = 0x01;
/// Class bits of the push-witness opcode.
pub const OP_PUSH: u8 = 0x40;
/// Class bits of the threshold opcode.
pub const OP_AT_LEAST: u8 = 0x80;
/// Class bits of the prefix byte.
pub const OP_PREFIX: u8 = 0xC0;

/// Why a compiled policy blob or program was rejected. Offsets are byte
/// offsets into the program (not the blob).
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompiledError {
    /// Fewer than 4 bytes.
    TooShort,
    /// A version byte other than 0.
    UnsupportedVersion(u8),
    /// The blob is shorter than its header announces.
    Truncated {
        /// The announced length.
        expected: usize,
    },
    /// Bytes after the program.
    TrailingData {
        /// The announced length.
        expected: usize,
    },
    /// Log key `index` has a key hash smaller than the one before it.
    LogOrder {
        /// Index of the offending key.
        index: u8,
    },
    /// Log key `index` has the same key hash as the one before it.
    DuplicateLog {
        /// Index of the offending key.
        index: u8,
    },
    /// Witness key `index` has a key hash smaller than the one before it.
    WitnessOrder {
        /// Index of the offending key.
        index: u8,
    },
    /// Witness key `index` has the same key hash as the one before it.
    DuplicateWitness {
        /// Index of the offending key.
        index: u8,
    },
    /// `nquorum` = 0.
    EmptyProgram,
    /// A class-00 byte other than ADD.
    InvalidOpcode {
        /// Program offset.
        offset: usize,
        /// The byte.
        byte: u8,
    },
    /// A prefix run starting with `0xC0` (non-minimal immediate).
    LeadingZeroPrefix {
        /// Program offset of the `0xC0`.
        offset: usize,
    },
    /// A prefix run followed by ADD.
    PrefixBeforeAdd {
        /// Program offset of the ADD.
        offset: usize,
    },
    /// A prefix run at the end of the program.
    DanglingPrefix,
    /// An immediate that does not fit in 32 bits.
    ImmediateOverflow {
        /// Program offset of the instruction's first byte.
        offset: usize,
    },
    /// A push of a witness index `>= nwitnesses`.
    WitnessIndexOutOfRange {
        /// Program offset of the instruction's first byte.
        offset: usize,
        /// The index.
        index: u32,
    },
    /// ADD with fewer than two values on the stack.
    AddUnderflow {
        /// Program offset.
        offset: usize,
    },
    /// `>=K` on an empty stack.
    ThresholdUnderflow {
        /// Program offset of the instruction's first byte.
        offset: usize,
    },
    /// The last instruction is ADD (the sum is never thresholded).
    TrailingAdd,
    /// The program leaves other than exactly one value.
    FinalDepth {
        /// Values left.
        depth: usize,
    },
}

impl fmt::Display for CompiledError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooShort => f.write_str("compiled policy shorter than its 4-byte header"),
            Self::UnsupportedVersion(v) => write!(f, "unsupported compiled policy version {v}"),
            Self::Truncated { expected } => {
                write!(
                    f,
                    "compiled policy truncated (header says {expected} bytes)"
                )
            }
            Self::TrailingData { expected } => {
                write!(
                    f,
                    "trailing bytes after compiled policy (header says {expected} bytes)"
                )
            }
            Self::LogOrder { index } => write!(f, "log key {index} out of key-hash order"),
            Self::DuplicateLog { index } => write!(f, "log key {index} is a duplicate"),
            Self::WitnessOrder { index } => write!(f, "witness key {index} out of key-hash order"),
            Self::DuplicateWitness { index } => write!(f, "witness key {index} is a duplicate"),
            Self::EmptyProgram => f.write_str("empty quorum program"),
            Self::InvalidOpcode { offset, byte } => {
                write!(f, "unknown opcode 0x{byte:02x} at offset {offset}")
            }
            Self::LeadingZeroPrefix { offset } => {
                write!(f, "non-minimal prefix 0xc0 at offset {offset}")
            }
            Self::PrefixBeforeAdd { offset } => {
                write!(f, "prefix before non-immediate opcode at offset {offset}")
            }
            Self::DanglingPrefix => f.write_str("prefix at end of program"),
            Self::ImmediateOverflow { offset } => {
                write!(f, "immediate too large at offset {offset}")
            }
            Self::WitnessIndexOutOfRange { offset, index } => {
                write!(f, "witness index {index} out of range at offset {offset}")
            }
            Self::AddUnderflow { offset } => write!(f, "stack underflow (ADD) at offset {offset}"),
            Self::ThresholdUnderflow { offset } => {
                write!(f, "stack underflow (>=K) at offset {offset}")
            }
            Self::TrailingAdd => f.write_str("last instruction is ADD"),
            Self::FinalDepth { depth } => write!(f, "final stack depth {depth} != 1"),
        }
    }
}

/// One decoded bytecode instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Instruction {
    /// Push 1 if the witness with this index cosigned, else 0.
    Push(u32),
    /// Pop two values, push their sum.
    Add,
    /// Pop v, push 1 if v >= K, else 0.
    AtLeast(u32),
}

/// Decodes a program into `(offset, instruction)` pairs, folding prefix
/// bytes into the immediate and rejecting malformed encodings. Stack rules
/// are checked by [`validate_program`], not here.
#[derive(Clone, Debug)]
pub struct Instructions<'a> {
    program: &'a [u8],
    pos: usize,
    failed: bool,
}

impl<'a> Instructions<'a> {
    /// Decode `program`.
    pub fn new(program: &'a [u8]) -> Self {
        Instructions {
            program,
            pos: 0,
            failed: false,
        }
    }

    fn step(&mut self) -> Option<Result<(usize, Instruction), CompiledError>> {
        let start = self.pos;
        let mut value: u32 = 0;
        let mut prefixed = false;
        let mut overflow = false;
        loop {
            let offset = self.pos;
            let byte = *self.program.get(offset)?;
            self.pos = offset.saturating_add(1);
            let low = u32::from(byte & 0x3f);
            let next = value.checked_mul(64).map(|v| v | low);
            overflow |= next.is_none();
            let immediate = next.unwrap_or(0);
            match byte & 0xc0 {
                OP_PREFIX => {
                    if !prefixed && byte == OP_PREFIX {
                        return Some(Err(CompiledError::LeadingZeroPrefix { offset }));
                    }
                    value = immediate;
                    prefixed = true;
                }
                class => {
                    let op = match class {
                        OP_PUSH => Instruction::Push(immediate),
                        OP_AT_LEAST => Instruction::AtLeast(immediate),
                        _ if byte == OP_ADD => {
                            if prefixed {
                                return Some(Err(CompiledError::PrefixBeforeAdd { offset }));
                            }
                            Instruction::Add
                        }
                        _ => return Some(Err(CompiledError::InvalidOpcode { offset, byte })),
                    };
                    if overflow {
                        return Some(Err(CompiledError::ImmediateOverflow { offset: start }));
                    }
                    return Some(Ok((start, op)));
                }
            }
            if self.pos >= self.program.len() {
                return Some(Err(CompiledError::DanglingPrefix));
            }
        }
    }
}

impl Iterator for Instructions<'_> {
    type Item = Result<(usize, Instruction), CompiledError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        let item = self.step();
        if matches!(item, Some(Err(_))) {
            self.failed = true;
        }
        item
    }
}

/// The one-pass structural check of a program (`docs/policy.md`): a
/// depth counter and the decoder, no value stack. `nwitnesses` bounds the
/// pushed indices.
pub fn validate_program(program: &[u8], nwitnesses: usize) -> Result<(), CompiledError> {
    if program.is_empty() {
        return Err(CompiledError::EmptyProgram);
    }
    let mut depth: usize = 0;
    let mut last = Instruction::Add;
    for item in Instructions::new(program) {
        let (offset, op) = item?;
        match op {
            Instruction::Push(index) => {
                if usize::try_from(index).map_or(true, |i| i >= nwitnesses) {
                    return Err(CompiledError::WitnessIndexOutOfRange { offset, index });
                }
                depth = depth.saturating_add(1);
            }
            Instruction::Add => {
                if depth < 2 {
                    return Err(CompiledError::AddUnderflow { offset });
                }
                depth = depth.saturating_sub(1);
            }
            Instruction::AtLeast(_) => {
                if depth < 1 {
                    return Err(CompiledError::ThresholdUnderflow { offset });
                }
            }
        }
        last = op;
    }
    if last == Instruction::Add {
        return Err(CompiledError::TrailingAdd);
    }
    if depth != 1 {
        return Err(CompiledError::FinalDepth { depth });
    }
    Ok(())
}

#[cfg(feature = "tools")]
/// Validate `program` (for `nwitnesses` witnesses) and run it on the
/// witness set `verified`: `true` iff it is valid and the single value left
/// is 1. Unlike the port's evaluator, an invalid program is never
/// satisfied (a program ending in ADD is not "true for exactly one
/// cosignature", a dangling prefix is not ignored).
pub fn evaluate_program(program: &[u8], nwitnesses: usize, verified: &WitnessSet) -> bool {
    validate_program(program, nwitnesses).is_ok() && run_program(program, verified)
}

/// Run a program that passed [`validate_program`]. Uses a fixed
/// [`EVAL_STACK`]-byte stack; anything unexpected (impossible for valid
/// programs of at most 255 bytes) gives `false`, never a panic.
fn run_program(program: &[u8], verified: &WitnessSet) -> bool {
    let mut stack = [0u8; EVAL_STACK];
    let mut depth: usize = 0;
    for item in Instructions::new(program) {
        let Ok((_, op)) = item else { return false };
        match op {
            Instruction::Push(index) => {
                let bit = u8::try_from(index).is_ok_and(|i| verified.contains(i));
                let Some(slot) = stack.get_mut(depth) else {
                    return false;
                };
                *slot = u8::from(bit);
                depth = depth.saturating_add(1);
            }
            Instruction::Add => {
                let (Some(a), Some(b)) = (
                    depth.checked_sub(2).and_then(|i| stack.get(i)).copied(),
                    depth.checked_sub(1).and_then(|i| stack.get(i)).copied(),
                ) else {
                    return false;
                };
                depth = depth.saturating_sub(1);
                if let Some(slot) = depth.checked_sub(1).and_then(|i| stack.get_mut(i)) {
                    *slot = a.saturating_add(b);
                }
            }
            Instruction::AtLeast(k) => {
                let Some(slot) = depth.checked_sub(1).and_then(|i| stack.get_mut(i)) else {
                    return false;
                };
                *slot = u8::from(u32::from(*slot) >= k);
            }
        }
    }
    depth == 1 && stack.first() == Some(&1)
}

/// A loaded, validated compiled policy borrowing its bytes.
///
/// Layout (sigsum-c's compiled policy; `docs/policy.md`), all counts single bytes:
///
/// | offset | size | field |
/// |---|---|---|
/// | 0 | 1 | version, 0 |
/// | 1 | 1 | `nlogs` |
/// | 2 | 1 | `nwitnesses` |
/// | 3 | 1 | `nquorum` (bytecode length) |
/// | 4 | 32·`nlogs` | log keys, strictly increasing by key hash |
/// | … | 32·`nwitnesses` | witness keys, strictly increasing by key hash |
/// | … | `nquorum` | quorum bytecode |
///
/// Bytecode (one byte per op, top two bits select the class): `0x01` = ADD
/// (pop two, push the sum), `0b01iiiiii` = push the bit of witness `i`,
/// `0b10kkkkkk` = pop v, push `v >= k`, `0b11pppppp` = prefix supplying six
/// more-significant bits of the next immediate (minimal form: a prefix run
/// never starts with `0xC0`). The quorum holds iff the program leaves
/// exactly one value and it is 1.
///
/// # Loading is strict
///
/// [`CompiledPolicy::from_bytes`] rejects, each with its own
/// [`CompiledError`]: a short header, a version other than 0, any length
/// other than `4 + 32·(nlogs + nwitnesses) + nquorum` (truncation and
/// trailing bytes), key tables not strictly increasing by key hash
/// (duplicates included), and any program that fails the one-pass check
/// (`validate_program`): empty, unknown opcode, non-minimal prefix, prefix
/// before ADD, dangling prefix, witness index out of range, stack underflow,
/// final depth other than 1, last instruction ADD.
///
/// The sigsum-ts port (and, as far as is known, sigsum-c) loads leniently:
/// it ignores the version and trailing bytes, trusts the table order,
/// accepts duplicates, and evaluates malformed programs to an answer (a
/// program ending in ADD is satisfied by exactly one cosignature). Those
/// blobs are rejections here. Keys are **not** checked to be valid curve
/// points at load (as in the port): a bad key can simply never verify.
///
/// Structural validity does not prove that a blob came from the canonical
/// compiler (for example `>=0` or unsorted group members load fine); compare
/// [`CompiledPolicy::hash`] with the hash of a trusted compilation where
/// the blob is an identity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CompiledPolicy<'a> {
    bytes: &'a [u8],
    logs: &'a [u8],
    witnesses: &'a [u8],
    program: &'a [u8],
}

fn check_order(
    table: &[u8],
    out_of_order: fn(u8) -> CompiledError,
    duplicate: fn(u8) -> CompiledError,
) -> Result<(), CompiledError> {
    let mut previous: Option<Hash> = None;
    for (i, key) in table.chunks_exact(PUBLIC_KEY_SIZE).enumerate() {
        let hash = sha256(key);
        let index = u8::try_from(i).unwrap_or(u8::MAX);
        if let Some(p) = previous {
            match p.0.cmp(&hash.0) {
                core::cmp::Ordering::Less => {}
                core::cmp::Ordering::Equal => return Err(duplicate(index)),
                core::cmp::Ordering::Greater => return Err(out_of_order(index)),
            }
        }
        previous = Some(hash);
    }
    Ok(())
}

fn key_at(table: &[u8], i: usize) -> Option<PublicKey> {
    table
        .chunks_exact(PUBLIC_KEY_SIZE)
        .nth(i)
        .and_then(PublicKey::from_slice)
}

/// Binary search a key table (sorted by key hash) for `key_hash`.
fn search(table: &[u8], key_hash: &Hash) -> Option<(usize, PublicKey)> {
    let mut lo = 0usize;
    let mut hi = table.len() / PUBLIC_KEY_SIZE;
    while lo < hi {
        let mid = lo.saturating_add(hi.saturating_sub(lo) / 2);
        let key = key_at(table, mid)?;
        match key.key_hash().0.cmp(&key_hash.0) {
            core::cmp::Ordering::Equal => return Some((mid, key)),
            core::cmp::Ordering::Less => lo = mid.saturating_add(1),
            core::cmp::Ordering::Greater => hi = mid,
        }
    }
    None
}

impl<'a> CompiledPolicy<'a> {
    /// Load and strictly validate a blob (see the module docs). Hashes
    /// every key once to check the table order.
    pub fn from_bytes(bytes: &'a [u8]) -> Result<Self, CompiledError> {
        let Some((header, rest)) = bytes.split_first_chunk::<HEADER_LEN>() else {
            return Err(CompiledError::TooShort);
        };
        let [version, nlogs, nwitnesses, nquorum] = *header;
        if version != COMPILED_VERSION {
            return Err(CompiledError::UnsupportedVersion(version));
        }
        let log_len = usize::from(nlogs).saturating_mul(PUBLIC_KEY_SIZE);
        let witness_len = usize::from(nwitnesses).saturating_mul(PUBLIC_KEY_SIZE);
        let body_len = log_len
            .saturating_add(witness_len)
            .saturating_add(usize::from(nquorum));
        let expected = HEADER_LEN.saturating_add(body_len);
        if rest.len() < body_len {
            return Err(CompiledError::Truncated { expected });
        }
        if rest.len() > body_len {
            return Err(CompiledError::TrailingData { expected });
        }
        let (logs, rest) = rest
            .split_at_checked(log_len)
            .ok_or(CompiledError::TooShort)?;
        let (witnesses, program) = rest
            .split_at_checked(witness_len)
            .ok_or(CompiledError::TooShort)?;
        check_order(
            logs,
            |index| CompiledError::LogOrder { index },
            |index| CompiledError::DuplicateLog { index },
        )?;
        check_order(
            witnesses,
            |index| CompiledError::WitnessOrder { index },
            |index| CompiledError::DuplicateWitness { index },
        )?;
        validate_program(program, usize::from(nwitnesses))?;
        Ok(CompiledPolicy {
            bytes,
            logs,
            witnesses,
            program,
        })
    }

    /// The whole blob.
    pub fn as_bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The policy hash: SHA-256 of the blob. For a blob produced by the
    /// canonical compiler this identifies the policy's meaning (logs,
    /// witnesses and quorum; names, URLs and comments do not count).
    pub fn hash(&self) -> Hash {
        sha256(self.bytes)
    }

    /// Number of logs.
    pub fn log_count(&self) -> usize {
        self.logs.len() / PUBLIC_KEY_SIZE
    }

    /// Number of witnesses.
    pub fn witness_count(&self) -> usize {
        self.witnesses.len() / PUBLIC_KEY_SIZE
    }

    /// Log keys in table (key-hash) order.
    pub fn log_keys(&self) -> impl Iterator<Item = PublicKey> + 'a {
        self.logs
            .chunks_exact(PUBLIC_KEY_SIZE)
            .filter_map(PublicKey::from_slice)
    }

    /// Witness keys in table (key-hash) order; the position is the index
    /// used by the bytecode and by [`TrustPolicy::witness`].
    pub fn witness_keys(&self) -> impl Iterator<Item = PublicKey> + 'a {
        self.witnesses
            .chunks_exact(PUBLIC_KEY_SIZE)
            .filter_map(PublicKey::from_slice)
    }

    /// The quorum bytecode.
    pub fn program(&self) -> &'a [u8] {
        self.program
    }

    /// Run the quorum program on `verified`.
    pub fn evaluate(&self, verified: &WitnessSet) -> bool {
        // Validated at load.
        run_program(self.program, verified)
    }
}

impl TrustPolicy for CompiledPolicy<'_> {
    /// Binary search by key hash (about 8 SHA-256 of a key at most).
    fn log_key(&self, key_hash: &Hash) -> Option<PublicKey> {
        search(self.logs, key_hash).map(|(_, k)| k)
    }

    fn witness(&self, key_hash: &Hash) -> Option<(u8, PublicKey)> {
        search(self.witnesses, key_hash).and_then(|(i, k)| Some((u8::try_from(i).ok()?, k)))
    }

    fn is_satisfied(&self, verified: &WitnessSet) -> bool {
        self.evaluate(verified)
    }
    /// Exact (see [`TrustPolicy::missing`]).
    fn missing(&self, verified: &WitnessSet, available: &WitnessSet) -> Option<usize> {
        let need = self.missing_from(verified, available);
        (need != super::quorum::UNREACHABLE).then_some(usize::from(need))
    }
}

//! The quorum program of compiled policies: its bytecode (decoding,
//! encoding, the structural check) and why a compiled policy is rejected.
//!
//! One byte per operation, the top two bits select the class: `0x01` =
//! ADD (pop two, push the sum), `0b01iiiiii` = push the bit of witness `i`,
//! `0b10kkkkkk` = pop v, push `v >= k`, `0b11pppppp` = prefix supplying six
//! more-significant bits of the next immediate (minimal form: a prefix run
//! never starts with `0xC0`). The quorum holds iff the program leaves
//! exactly one value and it is 1. Every policy form holds its quorum as
//! such a program, run by the quorum engine (`quorum.rs`).

use core::fmt;

/// The longest program of a compiled policy (its length is one byte).
pub const MAX_PROGRAM_LEN: usize = 255;

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

#[cfg(feature = "parsers")]
/// Length of the minimal base-64 encoding of an immediate.
pub(crate) fn encoded_len(v: usize) -> usize {
    let mut n = 1usize;
    let mut v = v >> 6;
    while v > 0 {
        n = n.saturating_add(1);
        v >>= 6;
    }
    n
}

#[cfg(feature = "parsers")]
/// Write `v` with opcode class `op` into `out` (`out.len() == encoded_len(v)`).
pub(crate) fn encode(v: usize, op: u8, out: &mut [u8]) {
    let mut v = v;
    let mut first = true;
    for slot in out.iter_mut().rev() {
        let digit = (v & 0x3f) as u8;
        *slot = if first { op | digit } else { OP_PREFIX | digit };
        first = false;
        v >>= 6;
    }
}

/// Decode the instruction starting at `start` of `program`: the
/// instruction and the offset after it, or why the bytes there are not an
/// instruction. `None` at the end of the program. The one decoder: the
/// [`Instructions`] iterator and the quorum engine both call it.
#[inline]
pub(crate) fn decode(
    program: &[u8],
    start: usize,
) -> Option<Result<(Instruction, usize), CompiledError>> {
    let byte = *program.get(start)?;
    Some(match decode_byte(byte) {
        Some(op) => Ok((op, start.saturating_add(1))),
        None => decode_prefixed(program, start),
    })
}

/// The instruction that `byte` is by itself: `None` for a prefix byte or
/// an invalid opcode (left to [`decode_prefixed`]).
#[inline(always)]
fn decode_byte(byte: u8) -> Option<Instruction> {
    let value = u32::from(byte & 0x3f);
    match byte & 0xc0 {
        OP_PUSH => Some(Instruction::Push(value)),
        OP_AT_LEAST => Some(Instruction::AtLeast(value)),
        _ if byte == OP_ADD => Some(Instruction::Add),
        _ => None,
    }
}

/// [`decode`] of the bytes at `start` that are not a one-byte
/// instruction: an instruction with a prefix run (an immediate above 63;
/// each prefix byte supplies six more-significant bits), or an error. An
/// immediate above 32 bits is reported at `start` once the end of the run
/// is known to be well formed (a malformed byte later in the run is
/// reported first).
fn decode_prefixed(program: &[u8], start: usize) -> Result<(Instruction, usize), CompiledError> {
    let mut value: u32 = 0;
    let mut overflow = false;
    let mut offset = start;
    loop {
        let byte = *program.get(offset).ok_or(CompiledError::DanglingPrefix)?;
        let next = offset.saturating_add(1);
        let shifted = value.checked_mul(64);
        overflow |= shifted.is_none();
        value = shifted.unwrap_or(0) | u32::from(byte & 0x3f);
        let op = match byte & 0xc0 {
            OP_PREFIX if offset == start && byte == OP_PREFIX => {
                return Err(CompiledError::LeadingZeroPrefix { offset })
            }
            OP_PREFIX => {
                offset = next;
                continue;
            }
            OP_PUSH => Instruction::Push(value),
            OP_AT_LEAST => Instruction::AtLeast(value),
            _ if byte == OP_ADD => return Err(CompiledError::PrefixBeforeAdd { offset }),
            _ => return Err(CompiledError::InvalidOpcode { offset, byte }),
        };
        if overflow {
            return Err(CompiledError::ImmediateOverflow { offset: start });
        }
        return Ok((op, next));
    }
}

/// Decodes a program into `(offset, instruction)` pairs, folding prefix
/// bytes into the immediate and rejecting malformed encodings; it stops
/// after the first error. Stack rules are checked by [`validate_program`],
/// not here.
#[derive(Clone, Debug)]
pub struct Instructions<'a> {
    program: &'a [u8],
    pos: usize,
}

impl<'a> Instructions<'a> {
    /// Decode `program`.
    pub fn new(program: &'a [u8]) -> Self {
        Instructions { program, pos: 0 }
    }
}

impl Iterator for Instructions<'_> {
    type Item = Result<(usize, Instruction), CompiledError>;

    fn next(&mut self) -> Option<Self::Item> {
        let start = self.pos;
        let item = decode(self.program, start)?;
        // After an error, nothing more: the end of the program.
        self.pos = match item {
            Ok((_, next)) => next,
            Err(_) => usize::MAX,
        };
        Some(item.map(|(op, _)| (start, op)))
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

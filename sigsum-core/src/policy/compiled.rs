//! Compiled policies: the binary blob of the sigsum-c compiler (TKey
//! "sign-if-logged"), loaded strictly and evaluated without allocation.

use super::program::{validate_program, CompiledError, MAX_PROGRAM_LEN};
use super::quorum;
use super::trust_policy::{PolicyKeys, TrustPolicy};
use crate::types::sha256;
use crate::types::{Hash, PublicKey, PUBLIC_KEY_SIZE};
use crate::witness_set::WitnessSet;

/// The only blob version.
pub const COMPILED_VERSION: u8 = 0;
/// Length of the blob header.
pub const HEADER_LEN: usize = 4;
/// The most logs or witnesses in a blob (counts are one byte).
pub const MAX_COMPILED_KEYS: usize = 255;
/// The longest blob: 255 logs, 255 witnesses, a 255-byte program.
pub const MAX_COMPILED_LEN: usize = HEADER_LEN + 32 * (2 * MAX_COMPILED_KEYS) + MAX_PROGRAM_LEN;
/// The quorum engine's value stack for compiled programs: a valid program
/// of at most 255 bytes never holds more than 128 values (see
/// `docs/policy.md`).
const EVAL_STACK: usize = 128;
/// The quorum engine's term stack for compiled programs: one term per
/// byte at most.
const PROGRAM_TERMS: usize = MAX_PROGRAM_LEN;

#[cfg(feature = "tools")]
/// Validate `program` (for `nwitnesses` witnesses) and run it on the
/// witness set `verified`: `true` iff it is valid and the single value left
/// is 1. Unlike the port's evaluator, an invalid program is never
/// satisfied (a program ending in ADD is not "true for exactly one
/// cosignature", a dangling prefix is not ignored).
pub fn evaluate_program(program: &[u8], nwitnesses: usize, verified: &WitnessSet) -> bool {
    validate_program(program, nwitnesses).is_ok()
        && quorum::satisfied::<PROGRAM_TERMS, EVAL_STACK>(program, verified)
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

/// The first two bytes of a hash as a number: where it falls in key-hash
/// order, to 1/65536.
fn prefix(hash: &Hash) -> u32 {
    let [a, b, ..] = hash.0;
    u32::from(u16::from_be_bytes([a, b]))
}

/// Search a key table (sorted by key hash) for `key_hash`; `hash` is the
/// key hash function (SHA-256, one call per probe; tests count the calls).
///
/// Key hashes are uniformly distributed, so where `key_hash` sits in the
/// range still searched is about where its value falls between the
/// values that bound the range: probing there (interpolation search)
/// finds one of 8 witnesses in about 1.8 probes on average instead of 2.6
/// by halving (1.4 instead of 2.6 for the builtin `sigsum-test-2025-3`).
/// Every other probe halves the range, so whatever the keys a lookup takes
/// at most about twice the probes of a binary search. Any probe inside the
/// range keeps the search correct; the choice only changes how many keys
/// are hashed.
fn search_with(
    table: &[u8],
    key_hash: &Hash,
    mut hash: impl FnMut(&PublicKey) -> Hash,
) -> Option<(usize, PublicKey)> {
    let target = prefix(key_hash);
    let mut lo = 0usize;
    let mut hi = table.len() / PUBLIC_KEY_SIZE;
    // Every key hash in `lo..hi`, and `key_hash` if it is there, has a
    // prefix in `low..=high`.
    let (mut low, mut high) = (0u32, u32::from(u16::MAX));
    let mut interpolate = true;
    while lo < hi {
        let span = hi.saturating_sub(lo);
        let step = if interpolate {
            // (target - low) / (high - low + 1) of the way: below `span`.
            let num = target
                .saturating_sub(low)
                .saturating_mul(u32::try_from(span).unwrap_or(u32::MAX));
            let den = high.saturating_sub(low).saturating_add(1);
            num.checked_div(den)
                .and_then(|s| usize::try_from(s).ok())
                .unwrap_or(0)
        } else {
            span / 2
        };
        interpolate = !interpolate;
        let mid = lo.saturating_add(step.min(span.saturating_sub(1)));
        let key = key_at(table, mid)?;
        let probe = hash(&key);
        match probe.0.cmp(&key_hash.0) {
            core::cmp::Ordering::Equal => return Some((mid, key)),
            core::cmp::Ordering::Less => {
                lo = mid.saturating_add(1);
                low = prefix(&probe);
            }
            core::cmp::Ordering::Greater => {
                hi = mid;
                high = prefix(&probe);
            }
        }
    }
    None
}

/// [`search_with`] with SHA-256.
fn search(table: &[u8], key_hash: &Hash) -> Option<(usize, PublicKey)> {
    search_with(table, key_hash, PublicKey::key_hash)
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
}

impl CompiledPolicy<'_> {
    /// The fewest additional cosignatures that would satisfy the quorum
    /// (0 iff it is satisfied; [`GroupStatus::UNREACHABLE`](crate::GroupStatus::UNREACHABLE)
    /// if none would). Exact for canonical programs (each witness once).
    #[cfg(feature = "tools")]
    pub fn missing_cosignatures(&self, verified: &WitnessSet) -> u16 {
        let need = |i: u32| u16::from(!u8::try_from(i).is_ok_and(|i| verified.contains(i)));
        quorum::run::<PROGRAM_TERMS, EVAL_STACK>(self.program, need, |_, _| {})
    }
}

impl TrustPolicy for CompiledPolicy<'_> {
    /// Interpolation search by key hash (one SHA-256 of a key per probe;
    /// see `search_with`).
    fn log_key(&self, key_hash: &Hash) -> Option<PublicKey> {
        search(self.logs, key_hash).map(|(_, k)| k)
    }

    fn witness(&self, key_hash: &Hash) -> Option<(u8, PublicKey)> {
        search(self.witnesses, key_hash).and_then(|(i, k)| Some((u8::try_from(i).ok()?, k)))
    }

    /// The key at `index` in the witness table, which is where
    /// [`witness`](TrustPolicy::witness) found it: no search, no hashing.
    fn witness_key(&self, index: u8, _key_hash: &Hash) -> Option<PublicKey> {
        key_at(self.witnesses, usize::from(index))
    }

    /// The quorum engine on the program (validated at load).
    fn is_satisfied(&self, verified: &WitnessSet) -> bool {
        quorum::satisfied::<PROGRAM_TERMS, EVAL_STACK>(self.program, verified)
    }

    /// Exact for canonical programs (see [`TrustPolicy::missing`]).
    fn missing(&self, verified: &WitnessSet, available: &WitnessSet) -> Option<usize> {
        quorum::missing::<PROGRAM_TERMS, EVAL_STACK>(self.program, verified, available)
    }
}

impl PolicyKeys for CompiledPolicy<'_> {
    fn for_each_key(&self, each: &mut dyn FnMut(Option<u8>, &PublicKey)) {
        for key in self
            .logs
            .chunks_exact(PUBLIC_KEY_SIZE)
            .filter_map(PublicKey::from_slice)
        {
            each(None, &key);
        }
        let witnesses = self.witnesses.chunks_exact(PUBLIC_KEY_SIZE);
        for (i, key) in (0u8..=u8::MAX).zip(witnesses.filter_map(PublicKey::from_slice)) {
            each(Some(i), &key);
        }
    }
}

#[cfg(test)]
#[path = "../../tests/unit/compiled_search.rs"]
mod search_tests;

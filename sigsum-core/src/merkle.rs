//! RFC 6962 Merkle tree hashing and RFC 9162 proof verification.

use core::borrow::Borrow;
use core::fmt;

use crate::types::sha256_parts;
use crate::types::Hash;

/// The root of the empty tree: `H("")`.
pub const EMPTY_ROOT: Hash = Hash([
    0xe3, 0xb0, 0xc4, 0x42, 0x98, 0xfc, 0x1c, 0x14, 0x9a, 0xfb, 0xf4, 0xc8, 0x99, 0x6f, 0xb9, 0x24,
    0x27, 0xae, 0x41, 0xe4, 0x64, 0x9b, 0x93, 0x4c, 0xa4, 0x95, 0x99, 0x1b, 0x78, 0x52, 0xb8, 0x55,
]);

/// The longest inclusion or consistency path accepted: 63 elements, the
/// limit of sigsum-go's proof parser (`proofSizeLimit`). Every inclusion
/// proof for a tree of at most 2^63 leaves fits, and every consistency proof
/// to a tree of at most 2^62 leaves.
pub const MAX_PATH_LEN: usize = 63;

/// Leaf hash: `H(0x00 || data)`.
pub fn hash_leaf(data: &[u8]) -> Hash {
    sha256_parts(&[&[0x00], data])
}

/// Interior node hash: `H(0x01 || left || right)`.
pub fn hash_node(left: &Hash, right: &Hash) -> Hash {
    sha256_parts(&[&[0x01], &left.0, &right.0])
}

/// Why a Merkle proof was rejected. Each failure has its own variant.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MerkleError {
    /// Inclusion: `index >= size` (this includes `size == 0`).
    IndexOutOfRange,
    /// Consistency: `old_size > new_size`. sigsum-go does not check this
    /// (it may panic or accept); we always reject.
    OldSizeAfterNewSize,
    /// The proof would need more than [`MAX_PATH_LEN`] elements (only
    /// possible for tree sizes above 2^62).
    PathLimitExceeded {
        /// The number of elements the proof would need.
        expected: u8,
    },
    /// The path has fewer elements than the sizes require.
    PathTooShort {
        /// The exact number of elements required.
        expected: u8,
        /// The number of elements given.
        got: u8,
    },
    /// The path has more elements than the sizes require.
    PathTooLong {
        /// The exact number of elements required.
        expected: u8,
    },
    /// Consistency between equal sizes, or from the empty tree, must have
    /// an empty path.
    NonEmptyPath,
    /// Consistency from the empty tree: the old root is not [`EMPTY_ROOT`].
    OldRootNotEmpty,
    /// Consistency between equal sizes: the two roots differ.
    EqualSizeRootsDiffer,
    /// Inclusion: the root computed from the path is not the given root.
    RootMismatch,
    /// Consistency: the old root computed from the path is not the given
    /// old root.
    OldRootMismatch,
    /// Consistency: the new root computed from the path is not the given
    /// new root.
    NewRootMismatch,
}

impl fmt::Display for MerkleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::IndexOutOfRange => f.write_str("leaf index out of range"),
            Self::OldSizeAfterNewSize => f.write_str("old tree size is larger than new tree size"),
            Self::PathLimitExceeded { expected } => write!(
                f,
                "proof would need {expected} path elements, more than the limit of {MAX_PATH_LEN}"
            ),
            Self::PathTooShort { expected, got } => {
                write!(f, "path too short: {got} elements, expected {expected}")
            }
            Self::PathTooLong { expected } => {
                write!(f, "path too long: more than {expected} elements")
            }
            Self::NonEmptyPath => {
                f.write_str("non-empty consistency path for equal sizes or an empty old tree")
            }
            Self::OldRootNotEmpty => f.write_str("old root of the empty tree is not H(\"\")"),
            Self::EqualSizeRootsDiffer => f.write_str("same tree size, but the roots differ"),
            Self::RootMismatch => f.write_str("inclusion proof does not lead to the root"),
            Self::OldRootMismatch => f.write_str("consistency proof: old root mismatch"),
            Self::NewRootMismatch => f.write_str("consistency proof: new root mismatch"),
        }
    }
}

/// Path length for the node at `index` in a level whose last node is at
/// `last`: `k + popcount(index >> k)` with `k = bitlen(index ^ last)`.
/// Requires `index <= last`; the result is at most 64.
pub(crate) fn path_len_to_last(index: u64, last: u64) -> u32 {
    let k = u64::BITS.saturating_sub((index ^ last).leading_zeros());
    let border = index.checked_shr(k).unwrap_or(0).count_ones();
    k.saturating_add(border)
}

/// The exact number of elements in the inclusion proof for leaf `index` in
/// a tree of `size` leaves; `None` if `index >= size`.
///
/// Defined for every `u64`; at most 63 when `size <= 2^63`, at most 64
/// otherwise.
///
/// ```
/// use sigsum_core::inclusion_path_len;
/// assert_eq!(inclusion_path_len(0, 1), Some(0));
/// assert_eq!(inclusion_path_len(4, 5), Some(1));
/// assert_eq!(inclusion_path_len(381381, 381382), Some(10));
/// assert_eq!(inclusion_path_len(5, 5), None);
/// ```
pub fn inclusion_path_len(index: u64, size: u64) -> Option<usize> {
    let last = size.checked_sub(1)?;
    if index > last {
        return None;
    }
    usize::try_from(path_len_to_last(index, last)).ok()
}

/// Converts a computed path length to the `u8` used in errors, applying
/// [`MAX_PATH_LEN`].
pub(crate) fn checked_expected(len: u32) -> Result<u8, MerkleError> {
    let len8 = u8::try_from(len).unwrap_or(u8::MAX);
    if usize::from(len8) > MAX_PATH_LEN {
        return Err(MerkleError::PathLimitExceeded { expected: len8 });
    }
    Ok(len8)
}

/// Rejects a path early, before any hashing, when the iterator knows its
/// exact length (slices, arrays, `ExactSizeIterator`s). Only exact hints are
/// used: a hint never causes rejection of an honest iterator that keeps the
/// `Iterator::size_hint` contract.
pub(crate) fn check_hint(
    hint: (usize, Option<usize>),
    expected: u8,
    empty_only: bool,
) -> Result<(), MerkleError> {
    let (lower, upper) = hint;
    if upper != Some(lower) {
        return Ok(());
    }
    let want = usize::from(expected);
    if lower > want {
        return Err(if empty_only {
            MerkleError::NonEmptyPath
        } else {
            MerkleError::PathTooLong { expected }
        });
    }
    if lower < want {
        return Err(MerkleError::PathTooShort {
            expected,
            got: u8::try_from(lower).unwrap_or(u8::MAX),
        });
    }
    Ok(())
}

/// Incremental inclusion-proof verification: create it with the leaf, index
/// and size, [`push`](Self::push) the path elements in order (the leaf's
/// sibling first), then call [`root`](Self::root) or
/// [`verify`](Self::verify).
///
/// The expected path length is known at creation
/// ([`expected_len`](Self::expected_len)); a push beyond it fails with
/// [`MerkleError::PathTooLong`], and finishing early fails with
/// [`MerkleError::PathTooShort`].
///
/// ```
/// use sigsum_core::{hash_leaf, hash_node, InclusionVerifier, MerkleError};
/// let (a, b) = (hash_leaf(b"a"), hash_leaf(b"b"));
/// let root = hash_node(&a, &b);
/// let mut v = InclusionVerifier::new(&b, 1, 2)?;
/// v.push(&a)?;
/// v.verify(&root)?;
/// # Ok::<(), MerkleError>(())
/// ```
#[derive(Clone, Debug)]
pub struct InclusionVerifier {
    hash: Hash,
    /// Index of `hash` within its level.
    fn_: u64,
    /// Index of the last node of that level.
    sn: u64,
    expected: u8,
    consumed: u8,
}

impl InclusionVerifier {
    /// Start verifying that `leaf_hash` is leaf `index` of a tree of `size`
    /// leaves. Fails with [`MerkleError::IndexOutOfRange`] if
    /// `index >= size` and [`MerkleError::PathLimitExceeded`] if the proof
    /// would need more than [`MAX_PATH_LEN`] elements.
    pub fn new(leaf_hash: &Hash, index: u64, size: u64) -> Result<Self, MerkleError> {
        let last = size.checked_sub(1).ok_or(MerkleError::IndexOutOfRange)?;
        if index > last {
            return Err(MerkleError::IndexOutOfRange);
        }
        let expected = checked_expected(path_len_to_last(index, last))?;
        Ok(Self {
            hash: *leaf_hash,
            fn_: index,
            sn: last,
            expected,
            consumed: 0,
        })
    }

    /// The exact number of path elements this proof needs.
    #[cfg(feature = "tools")]
    pub fn expected_len(&self) -> usize {
        usize::from(self.expected)
    }

    /// Fold in the next path element.
    pub fn push(&mut self, node: &Hash) -> Result<(), MerkleError> {
        let too_long = MerkleError::PathTooLong {
            expected: self.expected,
        };
        if self.consumed >= self.expected {
            return Err(too_long);
        }
        // Skip the levels where the node is the rightmost one without a
        // sibling: it is promoted unchanged and consumes nothing.
        while self.fn_ & 1 == 0 && self.fn_ == self.sn && self.sn > 0 {
            self.fn_ >>= 1;
            self.sn >>= 1;
        }
        if self.sn == 0 {
            // Unreachable when `expected` is right; kept as a safe rejection.
            return Err(too_long);
        }
        self.hash = if self.fn_ & 1 == 1 {
            hash_node(node, &self.hash)
        } else {
            hash_node(&self.hash, node)
        };
        self.fn_ >>= 1;
        self.sn >>= 1;
        self.consumed = self.consumed.checked_add(1).ok_or(too_long)?;
        Ok(())
    }

    /// The root the path leads to, if the path had exactly the expected
    /// length.
    pub fn root(self) -> Result<Hash, MerkleError> {
        if self.consumed < self.expected {
            return Err(MerkleError::PathTooShort {
                expected: self.expected,
                got: self.consumed,
            });
        }
        Ok(self.hash)
    }

    /// Check that the path leads to `root`.
    #[cfg(feature = "tools")]
    pub fn verify(self, root: &Hash) -> Result<(), MerkleError> {
        if self.root()? == *root {
            Ok(())
        } else {
            Err(MerkleError::RootMismatch)
        }
    }
}

/// Compute the root that an inclusion proof leads to (transparency-dev's
/// `RootFromInclusionProof`): the caller compares it with the root it
/// trusts. [`verify_inclusion`] does both.
///
/// `path` may be a slice, an array, or any iterator of `Hash` or `&Hash`.
/// Its length must be exactly [`inclusion_path_len`]`(index, size)`; when
/// the iterator reports an exact length, that is checked before any hashing.
///
/// ```
/// use sigsum_core::{hash_leaf, hash_node, root_from_inclusion};
/// let leaves = [hash_leaf(b"a"), hash_leaf(b"b"), hash_leaf(b"c")];
/// let root = hash_node(&hash_node(&leaves[0], &leaves[1]), &leaves[2]);
/// // Leaf 2 of 3 is promoted once; its only sibling is the left subtree.
/// let path = [hash_node(&leaves[0], &leaves[1])];
/// assert_eq!(root_from_inclusion(&leaves[2], 2, 3, &path), Ok(root));
/// ```
pub fn root_from_inclusion<I>(
    leaf_hash: &Hash,
    index: u64,
    size: u64,
    path: I,
) -> Result<Hash, MerkleError>
where
    I: IntoIterator,
    I::Item: Borrow<Hash>,
{
    let mut v = InclusionVerifier::new(leaf_hash, index, size)?;
    let iter = path.into_iter();
    check_hint(iter.size_hint(), v.expected, false)?;
    for node in iter {
        v.push(node.borrow())?;
    }
    v.root()
}

/// Verify that `leaf_hash` is leaf `index` of the tree of `size` leaves with
/// root `root` (RFC 9162 §2.1.3.2).
///
/// Rejects `index >= size` (also `size == 0`), a path whose length is not
/// exactly [`inclusion_path_len`]`(index, size)`, and a root mismatch. The
/// root is computed first, then compared. For `size == 1` the path is empty
/// and the leaf hash must equal the root.
///
/// Paths can come from a slice or be streamed from an iterator, for example
/// straight from a parser without collecting them into an array:
///
/// ```
/// use sigsum_core::{hash_leaf, hash_node, verify_inclusion, Hash, MerkleError};
/// let (a, b) = (hash_leaf(b"a"), hash_leaf(b"b"));
/// let root = hash_node(&a, &b);
/// verify_inclusion(&a, 0, 2, &root, &[b])?;
/// // The same proof from an iterator that decodes hex lines on the fly
/// // (no array of hashes is built):
/// let lines = [b.to_string()];
/// let nodes = lines.iter().filter_map(|s| Hash::from_hex(s.as_bytes()).ok());
/// verify_inclusion(&a, 0, 2, &root, nodes)?;
/// // A wrong root is detected after hashing.
/// assert_eq!(verify_inclusion(&a, 0, 2, &a, &[b]), Err(MerkleError::RootMismatch));
/// // Too many elements are rejected before any hashing.
/// assert_eq!(
///     verify_inclusion(&a, 0, 2, &root, &[b, b]),
///     Err(MerkleError::PathTooLong { expected: 1 })
/// );
/// # Ok::<(), MerkleError>(())
/// ```
///
/// * [`hash_leaf`], [`hash_node`], [`EMPTY_ROOT`]: the RFC 6962 hashes.
/// * [`inclusion_path_len`], [`consistency_path_len`](crate::consistency_path_len): the exact number of
///   path elements a proof must have.
/// * [`verify_inclusion`], [`root_from_inclusion`], [`verify_consistency`](crate::verify_consistency):
///   one-shot verification. Paths are anything that iterates over hashes: a
///   slice `&[Hash]`, an array, or an iterator yielding `Hash` or `&Hash`.
/// * `InclusionVerifier`, `ConsistencyVerifier` (feature `tools`): the same algorithms
///   fed one path element at a time, for parsers that decode `node_hash=`
///   lines one by one and want to handle their own decoding errors.
///
/// The rules are those of sigsum-go (`pkg/merkle/verify.go`), with these
/// deliberate, safer choices:
///
/// * **The path length must be exact**, and it is checked before any hashing
///   whenever the length is known upfront (slices, arrays, exact-size
///   iterators). An iterator that yields too many elements is rejected with
///   [`MerkleError::PathTooLong`] as soon as the first extra element
///   arrives; it is never silently truncated, and never read further.
/// * **`old_size > new_size` is rejected** with
///   [`MerkleError::OldSizeAfterNewSize`]. sigsum-go does not check this:
///   depending on the sizes it panics or may even *accept* (for example
///   `(2, 1)` with an empty path and equal roots). Callers in sigsum-go
///   guard against it; we make the primitive itself safe.
/// * **No proof may need more than [`MAX_PATH_LEN`] (63) elements**, the
///   limit sigsum-go's proof parser enforces (`proofSizeLimit`). Every
///   inclusion proof in a tree of at most 2^63 leaves and every consistency
///   proof to a tree of at most 2^62 leaves fits; beyond that (sizes no
///   real log reaches) a proof that would need 64 or 65 elements is
///   rejected with [`MerkleError::PathLimitExceeded`] before reading the
///   path, as sigsum-go's parser would reject its 64th `node_hash`.
///
/// Nothing here panics on any input: all arithmetic is checked.
pub fn verify_inclusion<I>(
    leaf_hash: &Hash,
    index: u64,
    size: u64,
    root: &Hash,
    path: I,
) -> Result<(), MerkleError>
where
    I: IntoIterator,
    I::Item: Borrow<Hash>,
{
    if root_from_inclusion(leaf_hash, index, size, path)? == *root {
        Ok(())
    } else {
        Err(MerkleError::RootMismatch)
    }
}

//! RFC 9162 consistency proofs (sigsum-go `merkle.VerifyConsistency`),
//! with the shared path rules of [`crate::merkle`] (exact lengths checked
//! before hashing, old size after new size rejected).

use core::borrow::Borrow;

use crate::merkle::{
    check_hint, checked_expected, hash_node, path_len_to_last, MerkleError, EMPTY_ROOT,
};
use crate::types::Hash;

/// The exact number of elements in the consistency proof from a tree of
/// `old_size` leaves to one of `new_size` leaves; `None` if
/// `old_size > new_size`. Zero when the sizes are equal or `old_size` is 0.
///
/// ```
/// use sigsum_core::consistency_path_len;
/// assert_eq!(consistency_path_len(4, 7), Some(1));
/// assert_eq!(consistency_path_len(3, 7), Some(4));
/// assert_eq!(consistency_path_len(0, 7), Some(0));
/// assert_eq!(consistency_path_len(7, 7), Some(0));
/// assert_eq!(consistency_path_len(8, 7), None);
/// ```
pub fn consistency_path_len(old_size: u64, new_size: u64) -> Option<usize> {
    match ConsistencyPlan::new(old_size, new_size)? {
        ConsistencyPlan::Trivial => Some(0),
        ConsistencyPlan::Fold { expected, .. } => usize::try_from(expected).ok(),
    }
}

/// How a consistency proof is checked, from the two sizes alone.
#[derive(Clone, Copy, Debug)]
enum ConsistencyPlan {
    /// Equal sizes or an empty old tree: the path must be empty.
    Trivial,
    /// The general case, after trimming the levels where the old tree's
    /// last node is a right child.
    Fold {
        fn_: u64,
        sn: u64,
        /// The old tree is a complete subtree (old size a power of two):
        /// the fold starts from the old root instead of a path element.
        seeded: bool,
        expected: u32,
    },
}

impl ConsistencyPlan {
    fn new(old_size: u64, new_size: u64) -> Option<Self> {
        if old_size > new_size {
            return None;
        }
        if old_size == new_size || old_size == 0 {
            return Some(Self::Trivial);
        }
        let t = old_size.trailing_zeros();
        let fn_ = old_size.checked_sub(1)?.checked_shr(t).unwrap_or(0);
        let sn = new_size.checked_sub(1)?.checked_shr(t).unwrap_or(0);
        let seeded = fn_ == 0;
        let expected = path_len_to_last(fn_, sn).saturating_add(u32::from(!seeded));
        Some(Self::Fold {
            fn_,
            sn,
            seeded,
            expected,
        })
    }
}

/// Incremental consistency-proof verification: create it with the sizes
/// and the old root, [`push`](Self::push) the path elements in order, then
/// [`verify`](Self::verify) against the new root.
///
/// ```
/// use sigsum_core::{hash_leaf, hash_node, ConsistencyVerifier, MerkleError};
/// let (a, b) = (hash_leaf(b"a"), hash_leaf(b"b"));
/// let new_root = hash_node(&a, &b);
/// let mut v = ConsistencyVerifier::new(1, 2, &a)?;
/// assert_eq!(v.expected_len(), 1);
/// v.push(&b)?;
/// v.verify(&new_root)?;
/// # Ok::<(), MerkleError>(())
/// ```
#[derive(Clone, Debug)]
pub struct ConsistencyVerifier {
    old_root: Hash,
    /// Running hash of the old tree (`fr`); meaningless until seeded.
    fr: Hash,
    /// Running hash of the new tree (`sr`); meaningless until seeded.
    sr: Hash,
    fn_: u64,
    sn: u64,
    /// False until the first path element (or the old root) has become
    /// the starting node.
    started: bool,
    trivial: bool,
    /// `old_size == new_size` (checked before `old_size == 0`, so that
    /// `(0, 0)` is the equal-sizes case, as in sigsum-go).
    equal_sizes: bool,
    expected: u8,
    consumed: u8,
}

impl ConsistencyVerifier {
    /// Start verifying that the tree of `old_size` leaves with root
    /// `old_root` is a prefix of a tree of `new_size` leaves. Fails with
    /// [`MerkleError::OldSizeAfterNewSize`] if `old_size > new_size` and
    /// [`MerkleError::PathLimitExceeded`] if the proof would need more than
    /// [`MAX_PATH_LEN`](crate::MAX_PATH_LEN) elements.
    pub fn new(old_size: u64, new_size: u64, old_root: &Hash) -> Result<Self, MerkleError> {
        let plan =
            ConsistencyPlan::new(old_size, new_size).ok_or(MerkleError::OldSizeAfterNewSize)?;
        let mut v = Self {
            old_root: *old_root,
            fr: *old_root,
            sr: *old_root,
            fn_: 0,
            sn: 0,
            started: false,
            trivial: false,
            equal_sizes: old_size == new_size,
            expected: 0,
            consumed: 0,
        };
        match plan {
            ConsistencyPlan::Trivial => v.trivial = true,
            ConsistencyPlan::Fold {
                fn_,
                sn,
                seeded,
                expected,
            } => {
                v.fn_ = fn_;
                v.sn = sn;
                v.started = seeded;
                v.expected = checked_expected(expected)?;
            }
        }
        Ok(v)
    }

    /// The exact number of path elements this proof needs.
    #[cfg(feature = "tools")]
    pub fn expected_len(&self) -> usize {
        usize::from(self.expected)
    }

    /// Fold in the next path element.
    pub fn push(&mut self, node: &Hash) -> Result<(), MerkleError> {
        if self.trivial {
            return Err(MerkleError::NonEmptyPath);
        }
        let too_long = MerkleError::PathTooLong {
            expected: self.expected,
        };
        if self.consumed >= self.expected {
            return Err(too_long);
        }
        if self.started {
            while self.fn_ & 1 == 0 && self.fn_ == self.sn && self.sn > 0 {
                self.fn_ >>= 1;
                self.sn >>= 1;
            }
            if self.sn == 0 {
                // Unreachable when `expected` is right; kept as a safe rejection.
                return Err(too_long);
            }
            if self.fn_ & 1 == 1 {
                self.fr = hash_node(node, &self.fr);
                self.sr = hash_node(node, &self.sr);
            } else {
                self.sr = hash_node(&self.sr, node);
            }
            self.fn_ >>= 1;
            self.sn >>= 1;
        } else {
            self.fr = *node;
            self.sr = *node;
            self.started = true;
        }
        self.consumed = self.consumed.checked_add(1).ok_or(too_long)?;
        Ok(())
    }

    /// Check the path against both roots: the old root it reproduces must
    /// be the one given to [`new`](Self::new), the new root must be
    /// `new_root`.
    pub fn verify(self, new_root: &Hash) -> Result<(), MerkleError> {
        if self.trivial {
            // Equal sizes first (sigsum-go's
            // order): `(0, 0)` needs equal roots like any equal sizes.
            if self.equal_sizes {
                if self.old_root != *new_root {
                    return Err(MerkleError::EqualSizeRootsDiffer);
                }
                return Ok(());
            }
            // Anything is consistent with the empty tree.
            if self.old_root != EMPTY_ROOT {
                return Err(MerkleError::OldRootNotEmpty);
            }
            return Ok(());
        }
        if self.consumed < self.expected {
            return Err(MerkleError::PathTooShort {
                expected: self.expected,
                got: self.consumed,
            });
        }
        if self.fr != self.old_root {
            return Err(MerkleError::OldRootMismatch);
        }
        if self.sr != *new_root {
            return Err(MerkleError::NewRootMismatch);
        }
        Ok(())
    }
}

/// Verify that the tree of `old_size` leaves with root `old_root` is a
/// prefix of the tree of `new_size` leaves with root `new_root` (RFC 9162
/// §2.1.4.2).
///
/// * `old_size > new_size`: [`MerkleError::OldSizeAfterNewSize`] (a
///   deliberate difference from sigsum-go, which may panic or accept).
/// * Equal sizes: the path must be empty ([`MerkleError::NonEmptyPath`])
///   and the roots equal ([`MerkleError::EqualSizeRootsDiffer`]). This
///   includes `(0, 0)`, as in sigsum-go (equal sizes
///   are checked first): the roots must be equal, the empty-tree root is
///   not required there.
/// * `old_size == 0 < new_size`: the path must be empty and `old_root`
///   must be [`EMPTY_ROOT`] ([`MerkleError::OldRootNotEmpty`]); `new_root`
///   is unconstrained.
/// * Otherwise the path must have exactly
///   [`consistency_path_len`]`(old_size, new_size)` elements (checked before
///   any hashing when the iterator knows its length); both roots are
///   computed, then compared: old first ([`MerkleError::OldRootMismatch`]),
///   then new ([`MerkleError::NewRootMismatch`]).
///
/// ```
/// use sigsum_core::{hash_leaf, hash_node, verify_consistency, MerkleError, EMPTY_ROOT};
/// let (a, b) = (hash_leaf(b"a"), hash_leaf(b"b"));
/// let root2 = hash_node(&a, &b);
/// verify_consistency(1, 2, &a, &root2, &[b])?;
/// verify_consistency(0, 2, &EMPTY_ROOT, &root2, &[] as &[_])?;
/// assert_eq!(
///     verify_consistency(2, 1, &root2, &a, core::iter::empty::<&_>()),
///     Err(MerkleError::OldSizeAfterNewSize)
/// );
/// # Ok::<(), MerkleError>(())
/// ```
pub fn verify_consistency<I>(
    old_size: u64,
    new_size: u64,
    old_root: &Hash,
    new_root: &Hash,
    path: I,
) -> Result<(), MerkleError>
where
    I: IntoIterator,
    I::Item: Borrow<Hash>,
{
    let mut v = ConsistencyVerifier::new(old_size, new_size, old_root)?;
    let iter = path.into_iter();
    check_hint(iter.size_hint(), v.expected, v.trivial)?;
    for node in iter {
        v.push(node.borrow())?;
    }
    v.verify(new_root)
}

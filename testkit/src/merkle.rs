//! A naive RFC 6962 Merkle tree, written straight from the recursive
//! definitions of RFC 6962 §2.1 (MTH, PATH, PROOF/SUBPROOF). It is slow and
//! simple on purpose: sigsum-core's iterative verifier is tested against it.
//!
//! Hashes are plain `[u8; 32]` (this crate does not depend on sigsum-core).

use std::cell::RefCell;
use std::collections::HashMap;

use sha2::{Digest, Sha256};

/// A SHA-256 hash.
pub type Hash = [u8; 32];

/// `H(data)`.
pub fn sha256(data: &[u8]) -> Hash {
    Sha256::digest(data).into()
}

/// RFC 6962 leaf hash `H(0x00 || data)`.
pub fn leaf_hash(data: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update([0u8]);
    h.update(data);
    h.finalize().into()
}

/// RFC 6962 interior node hash `H(0x01 || left || right)`.
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update([1u8]);
    h.update(left);
    h.update(right);
    h.finalize().into()
}

/// The leaf construction of sigsum-go's `pkg/merkle/tree_test.go`
/// (`newLeaves`), also used for `tests/vectors/merkle/`:
/// `L_i = H(0x00 || u64be(i))`.
pub fn test_leaf(i: u64) -> Hash {
    leaf_hash(&i.to_be_bytes())
}

/// Lower-case hex of a hash.
pub fn hex(h: &Hash) -> String {
    h.iter().map(|b| format!("{b:02x}")).collect()
}

/// Parse 64 hex digits.
pub fn from_hex(s: &str) -> Option<Hash> {
    if s.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(s.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

/// The largest power of two strictly below `n` (`n >= 2`).
fn split(n: u64) -> u64 {
    assert!(n >= 2);
    1u64 << (63 - (n - 1).leading_zeros())
}

/// A tree over a list of leaf hashes, answering for every prefix size.
pub struct Tree {
    leaves: Vec<Hash>,
    /// Memo of MTH over `leaves[start..start+len]`.
    memo: RefCell<HashMap<(u64, u64), Hash>>,
}

impl Tree {
    /// A tree over the given leaf hashes (already `H(0x00 || data)`).
    pub fn new(leaves: Vec<Hash>) -> Self {
        Tree {
            leaves,
            memo: RefCell::new(HashMap::new()),
        }
    }

    /// The tree of the first `n` leaves `L_i = H(0x00 || u64be(i))`.
    pub fn with_test_leaves(n: u64) -> Self {
        Self::new((0..n).map(test_leaf).collect())
    }

    /// Number of leaves.
    pub fn len(&self) -> u64 {
        self.leaves.len() as u64
    }

    /// True if there are no leaves.
    pub fn is_empty(&self) -> bool {
        self.leaves.is_empty()
    }

    /// Leaf hash `i`.
    pub fn leaf(&self, i: u64) -> Hash {
        self.leaves[i as usize]
    }

    /// MTH(D[start .. start + n]).
    fn mth(&self, start: u64, n: u64) -> Hash {
        if n == 0 {
            return sha256(b"");
        }
        if n == 1 {
            return self.leaves[start as usize];
        }
        if let Some(h) = self.memo.borrow().get(&(start, n)) {
            return *h;
        }
        let k = split(n);
        let h = node_hash(&self.mth(start, k), &self.mth(start + k, n - k));
        self.memo.borrow_mut().insert((start, n), h);
        h
    }

    /// The root of the tree of the first `n` leaves (`n <= len`).
    pub fn root(&self, n: u64) -> Hash {
        assert!(n <= self.len());
        self.mth(0, n)
    }

    /// RFC 6962 PATH(m, D[start .. start + n]).
    fn path(&self, m: u64, start: u64, n: u64) -> Vec<Hash> {
        if n == 1 {
            return Vec::new();
        }
        let k = split(n);
        if m < k {
            let mut p = self.path(m, start, k);
            p.push(self.mth(start + k, n - k));
            p
        } else {
            let mut p = self.path(m - k, start + k, n - k);
            p.push(self.mth(start, k));
            p
        }
    }

    /// The audit path for leaf `index` in the tree of the first `size`
    /// leaves (`index < size <= len`).
    pub fn inclusion_proof(&self, index: u64, size: u64) -> Vec<Hash> {
        assert!(index < size && size <= self.len());
        self.path(index, 0, size)
    }

    /// RFC 6962 SUBPROOF(m, D[start .. start + n], b), each node tagged
    /// with whether the old root (of the first `m` leaves) depends on it.
    fn subproof(&self, m: u64, start: u64, n: u64, b: bool) -> Vec<(Hash, bool)> {
        if m == n {
            return if b {
                Vec::new()
            } else {
                vec![(self.mth(start, n), true)]
            };
        }
        let k = split(n);
        if m <= k {
            let mut p = self.subproof(m, start, k, b);
            p.push((self.mth(start + k, n - k), false));
            p
        } else {
            let mut p = self.subproof(m - k, start + k, n - k, false);
            p.push((self.mth(start, k), true));
            p
        }
    }

    /// The consistency proof from the first `old` leaves to the first `new`
    /// leaves: RFC 6962 PROOF(m, D[n]) for `0 < m < n`, empty otherwise.
    pub fn consistency_proof(&self, old: u64, new: u64) -> Vec<Hash> {
        self.consistency_proof_tagged(old, new)
            .into_iter()
            .map(|(h, _)| h)
            .collect()
    }

    /// [`Self::consistency_proof`], each node tagged `true` if the old root
    /// depends on it (flipping it changes the recomputed old root) and
    /// `false` if only the new root does.
    pub fn consistency_proof_tagged(&self, old: u64, new: u64) -> Vec<(Hash, bool)> {
        assert!(old <= new && new <= self.len());
        if old == 0 || old == new {
            return Vec::new();
        }
        self.subproof(old, 0, new, true)
    }
}

/// Length of PATH(index, D[size]) by the RFC 6962 recursion, without
/// hashing; `None` if `index >= size`. Works for every `u64`.
pub fn naive_inclusion_len(index: u64, size: u64) -> Option<usize> {
    if index >= size {
        return None;
    }
    let (mut m, mut n, mut len) = (index, size, 0usize);
    while n > 1 {
        let k = split(n);
        if m < k {
            n = k;
        } else {
            m -= k;
            n -= k;
        }
        len += 1;
    }
    Some(len)
}

/// Length of PROOF(old, D[new]) by the RFC 6962 SUBPROOF recursion (0 for
/// `old == 0` or `old == new`); `None` if `old > new`.
pub fn naive_consistency_len(old: u64, new: u64) -> Option<usize> {
    if old > new {
        return None;
    }
    if old == 0 || old == new {
        return Some(0);
    }
    let (mut m, mut n, mut b, mut len) = (old, new, true, 0usize);
    while m != n {
        let k = split(n);
        if m <= k {
            n = k;
        } else {
            m -= k;
            n -= k;
            b = false;
        }
        len += 1;
    }
    Some(len + usize::from(!b))
}

/// Recompute the root from an audit path by following the RFC 6962 PATH
/// recursion (last element = sibling at the top). `None` if the path does
/// not have exactly the right length or `index >= size`.
pub fn naive_root_from_path(leaf: &Hash, index: u64, size: u64, path: &[Hash]) -> Option<Hash> {
    if index >= size {
        return None;
    }
    if size == 1 {
        return path.is_empty().then_some(*leaf);
    }
    let (last, rest) = path.split_last()?;
    let k = split(size);
    if index < k {
        Some(node_hash(
            &naive_root_from_path(leaf, index, k, rest)?,
            last,
        ))
    } else {
        Some(node_hash(
            last,
            &naive_root_from_path(leaf, index - k, size - k, rest)?,
        ))
    }
}

/// Recompute `(old root, new root)` from a consistency path by following the
/// RFC 6962 SUBPROOF recursion. `old_root` stands in for the node that the
/// proof omits (the `b = true`, `m == n` case). `None` on a wrong length or
/// unless `0 < old < new`.
pub fn naive_roots_from_consistency(
    old: u64,
    new: u64,
    old_root: &Hash,
    path: &[Hash],
) -> Option<(Hash, Hash)> {
    fn sub(m: u64, n: u64, b: bool, old_root: &Hash, path: &[Hash]) -> Option<(Hash, Hash)> {
        if m == n {
            return if b {
                path.is_empty().then_some((*old_root, *old_root))
            } else {
                match path {
                    [p] => Some((*p, *p)),
                    _ => None,
                }
            };
        }
        let (last, rest) = path.split_last()?;
        let k = split(n);
        if m <= k {
            let (o, s) = sub(m, k, b, old_root, rest)?;
            Some((o, node_hash(&s, last)))
        } else {
            let (o, s) = sub(m - k, n - k, false, old_root, rest)?;
            Some((node_hash(last, &o), node_hash(last, &s)))
        }
    }
    if old == 0 || old >= new {
        return None;
    }
    sub(old, new, true, old_root, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_tree_shapes() {
        let t = Tree::with_test_leaves(5);
        assert_eq!(t.root(0), sha256(b""));
        assert_eq!(t.root(1), t.leaf(0));
        assert_eq!(t.inclusion_proof(4, 5), vec![t.root(4)]);
        assert_eq!(naive_inclusion_len(4, 5), Some(1));
        assert_eq!(naive_consistency_len(4, 5), Some(1));
        assert_eq!(naive_consistency_len(3, 5), Some(4));
        assert_eq!(naive_consistency_len(3, 7), Some(4));
        for n in 1..=5 {
            for i in 0..n {
                let p = t.inclusion_proof(i, n);
                assert_eq!(naive_inclusion_len(i, n), Some(p.len()));
                assert_eq!(naive_root_from_path(&t.leaf(i), i, n, &p), Some(t.root(n)));
            }
            for m in 1..n {
                let p = t.consistency_proof(m, n);
                assert_eq!(naive_consistency_len(m, n), Some(p.len()));
                assert_eq!(
                    naive_roots_from_consistency(m, n, &t.root(m), &p),
                    Some((t.root(m), t.root(n)))
                );
            }
        }
    }
}

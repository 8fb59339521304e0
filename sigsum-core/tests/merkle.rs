//! Merkle inclusion and consistency proofs (RFC 9162 §2.1.3, §2.1.4, as
//! sigsum-go `pkg/merkle/verify.go` implements them).
//!
//! * The vectors in `tests/vectors/merkle/` (provenance in its README), checked against
//!   sigsum-core and the naive reference in `testkit::merkle`.
//! * Exhaustive: every honest proof for every tree size up to 128, and for
//!   each one its mutations (bit flips, dropped/added elements, wrong index,
//!   sizes and roots), each rejected with the exact error.
//! * Edge cases: size 0, huge sizes, `old > new`, iterators of unknown
//!   length, infinite iterators, the push API.
use sigsum_core::{
    consistency_path_len, hash_leaf, hash_node, inclusion_path_len, root_from_inclusion,
    verify_consistency, verify_inclusion, ConsistencyVerifier, Hash, InclusionVerifier,
    MerkleError, EMPTY_ROOT,
};
use testkit::merkle::{self as reference, naive_consistency_len, naive_inclusion_len, Tree};

use MerkleError::*;

mod merkle_common;
use merkle_common::shape_error;

const MAX_N: u64 = 128;

fn vector_lines(name: &str) -> Vec<Vec<String>> {
    let path = format!(
        "{}/../tests/vectors/merkle/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split_whitespace().map(str::to_owned).collect())
        .collect()
}

fn h(s: &str) -> Hash {
    Hash::from_hex(s.as_bytes()).unwrap()
}

fn hs(v: &[Hash]) -> Vec<[u8; 32]> {
    v.iter().map(|h| h.0).collect()
}

fn to_core(v: &[[u8; 32]]) -> Vec<Hash> {
    v.iter().map(|h| Hash(*h)).collect()
}

fn flip(h: &Hash, bit: usize) -> Hash {
    let mut out = *h;
    out.0[bit / 8] ^= 1 << (bit % 8);
    out
}

/// What the naive reference says about lengths/ranges; `None` means the
/// shape is right and only hashes can make it fail.
fn expected_inclusion_shape_error(index: u64, size: u64, got: usize) -> Option<MerkleError> {
    shape_error(naive_inclusion_len(index, size), got, IndexOutOfRange)
}

fn expected_consistency_shape_error(old: u64, new: u64, got: usize) -> Option<MerkleError> {
    let want = naive_consistency_len(old, new);
    if want.is_some() && (old == 0 || old == new) {
        return (got > 0).then_some(NonEmptyPath);
    }
    shape_error(want, got, OldSizeAfterNewSize)
}

/// The full expected outcome of an inclusion check, from the naive
/// reference alone (shape errors, then the recursive RFC 6962 fold).
/// A proof does not bind the tree size: a wrong size with the same fold
/// shape legitimately verifies, and the oracle says so.
fn oracle_inclusion(
    leaf: &Hash,
    index: u64,
    size: u64,
    root: &Hash,
    path: &[Hash],
) -> Result<(), MerkleError> {
    if let Some(e) = expected_inclusion_shape_error(index, size, path.len()) {
        return Err(e);
    }
    match reference::naive_root_from_path(&leaf.0, index, size, &hs(path)) {
        Some(r) if r == root.0 => Ok(()),
        Some(_) => Err(RootMismatch),
        None => panic!("reference rejects a path of the right length"),
    }
}

/// The same for consistency proofs.
fn oracle_consistency(
    old: u64,
    new: u64,
    old_root: &Hash,
    new_root: &Hash,
    path: &[Hash],
) -> Result<(), MerkleError> {
    if let Some(e) = expected_consistency_shape_error(old, new, path.len()) {
        return Err(e);
    }
    // Equal sizes first, (0, 0) included (sigsum-go `VerifyConsistency`).
    if old == new {
        return if old_root == new_root {
            Ok(())
        } else {
            Err(EqualSizeRootsDiffer)
        };
    }
    if old == 0 {
        return if *old_root == EMPTY_ROOT {
            Ok(())
        } else {
            Err(OldRootNotEmpty)
        };
    }
    let (o, n) = reference::naive_roots_from_consistency(old, new, &old_root.0, &hs(path))
        .expect("reference rejects a path of the right length");
    if o != old_root.0 {
        Err(OldRootMismatch)
    } else if n != new_root.0 {
        Err(NewRootMismatch)
    } else {
        Ok(())
    }
}

#[test]
fn spec_vectors_leaves_and_roots() {
    let leaves = vector_lines("leaves.txt");
    assert_eq!(leaves.len(), 8);
    for l in &leaves {
        let i: u64 = l[0].parse().unwrap();
        let want = h(&l[1]);
        assert_eq!(hash_leaf(&i.to_be_bytes()), want, "L{i}");
        assert_eq!(reference::test_leaf(i), want.0, "reference L{i}");
    }
    let roots = vector_lines("roots.txt");
    assert_eq!(roots.len(), 9);
    let tree = Tree::with_test_leaves(8);
    for l in &roots {
        let n: u64 = l[0].parse().unwrap();
        let want = h(&l[1]);
        assert_eq!(tree.root(n), want.0, "reference root({n})");
        if n == 0 {
            assert_eq!(want, EMPTY_ROOT);
            continue;
        }
        // sigsum-core has no tree builder: recompute the root from the last
        // leaf's reference path.
        let path = to_core(&tree.inclusion_proof(n - 1, n));
        let leaf = Hash(tree.leaf(n - 1));
        assert_eq!(
            root_from_inclusion(&leaf, n - 1, n, &path),
            Ok(want),
            "root({n})"
        );
    }
}

#[test]
fn spec_vectors_inclusion() {
    let cases = vector_lines("inclusion.txt");
    assert_eq!(cases.len(), 5);
    let tree = Tree::with_test_leaves(8);
    for c in &cases {
        let (i, n): (u64, u64) = (c[0].parse().unwrap(), c[1].parse().unwrap());
        let (leaf, root) = (h(&c[2]), h(&c[3]));
        let path: Vec<Hash> = c[4..].iter().map(|s| h(s)).collect();
        assert_eq!(tree.inclusion_proof(i, n), hs(&path), "reference ({i},{n})");
        assert_eq!(verify_inclusion(&leaf, i, n, &root, &path), Ok(()));
        assert_eq!(inclusion_path_len(i, n), Some(path.len()));
        // Reject twins.
        assert_eq!(
            verify_inclusion(&flip(&leaf, 0), i, n, &root, &path),
            Err(RootMismatch)
        );
        assert_eq!(
            verify_inclusion(&leaf, i, n, &flip(&root, 255), &path),
            Err(RootMismatch)
        );
        for j in 0..path.len() {
            let mut p = path.clone();
            p[j] = flip(&p[j], 7);
            assert_eq!(verify_inclusion(&leaf, i, n, &root, &p), Err(RootMismatch));
        }
        assert_eq!(
            verify_inclusion(&leaf, i, n, &root, &path[1..]),
            Err(PathTooShort {
                expected: path.len() as u8,
                got: path.len() as u8 - 1
            })
        );
        let mut longer = path.clone();
        longer.push(root);
        assert_eq!(
            verify_inclusion(&leaf, i, n, &root, &longer),
            Err(PathTooLong {
                expected: path.len() as u8
            })
        );
        assert_eq!(
            verify_inclusion(&leaf, i, n + 1, &root, &path),
            oracle_inclusion(&leaf, i, n + 1, &root, &path)
        );
        assert_eq!(
            verify_inclusion(&leaf, n, n, &root, &path),
            Err(IndexOutOfRange)
        );
    }
}

#[test]
fn spec_vectors_consistency() {
    let cases = vector_lines("consistency.txt");
    assert_eq!(cases.len(), 7 + 17);
    let tree = Tree::with_test_leaves(8);
    for c in &cases {
        let (m, n): (u64, u64) = (c[0].parse().unwrap(), c[1].parse().unwrap());
        let (old_root, new_root) = (h(&c[2]), h(&c[3]));
        let path: Vec<Hash> = c[4..].iter().map(|s| h(s)).collect();
        assert_eq!(
            tree.consistency_proof(m, n),
            hs(&path),
            "reference ({m},{n})"
        );
        assert_eq!(
            verify_consistency(m, n, &old_root, &new_root, &path),
            Ok(()),
            "({m},{n})"
        );
        assert_eq!(consistency_path_len(m, n), Some(path.len()));
        let flipped_new = verify_consistency(m, n, &old_root, &flip(&new_root, 3), &path);
        match (m, n) {
            _ if m == n => assert_eq!(flipped_new, Err(EqualSizeRootsDiffer)),
            (0, _) => assert_eq!(flipped_new, Ok(()), "new root unconstrained from 0"),
            _ => assert_eq!(flipped_new, Err(NewRootMismatch)),
        }
        if !path.is_empty() {
            assert_eq!(
                verify_consistency(m, n, &old_root, &new_root, &path[1..]),
                Err(PathTooShort {
                    expected: path.len() as u8,
                    got: path.len() as u8 - 1
                })
            );
        }
    }
}

/// Every honest inclusion proof for sizes 1..=128 verifies; every mutation
/// is rejected with the exact error.
#[test]
fn exhaustive_inclusion() {
    let tree = Tree::with_test_leaves(MAX_N);
    let mut cases = 0u64;
    for n in 1..=MAX_N {
        let root = Hash(tree.root(n));
        for i in 0..n {
            let leaf = Hash(tree.leaf(i));
            let path = to_core(&tree.inclusion_proof(i, n));
            let len = path.len();
            assert_eq!(inclusion_path_len(i, n), Some(len));
            assert_eq!(
                verify_inclusion(&leaf, i, n, &root, &path),
                Ok(()),
                "({i},{n})"
            );
            assert_eq!(root_from_inclusion(&leaf, i, n, path.iter()), Ok(root));
            // Unknown-length iterator: same result.
            assert_eq!(
                verify_inclusion(&leaf, i, n, &root, path.iter().filter(|_| true)),
                Ok(())
            );
            cases += 3;

            // Bit flips in path elements: every bit for small trees, one bit
            // of every byte up to 32 leaves, one sampled bit beyond.
            for (j, _) in path.iter().enumerate() {
                let bits: Vec<usize> = if n <= 8 {
                    (0..256).collect()
                } else if n <= 32 {
                    (0..32).map(|b| b * 8 + (b + j) % 8).collect()
                } else {
                    vec![((i * 31 + n * 7 + j as u64 * 13) % 256) as usize]
                };
                for bit in bits {
                    let mut p = path.clone();
                    p[j] = flip(&p[j], bit);
                    assert_eq!(
                        verify_inclusion(&leaf, i, n, &root, &p),
                        Err(RootMismatch),
                        "({i},{n}) elem {j} bit {bit}"
                    );
                    cases += 1;
                }
            }
            // Flipped leaf and root.
            for bit in [0, 100, 255] {
                assert_eq!(
                    verify_inclusion(&flip(&leaf, bit), i, n, &root, &path),
                    Err(RootMismatch)
                );
                assert_eq!(
                    verify_inclusion(&leaf, i, n, &flip(&root, bit), &path),
                    Err(RootMismatch)
                );
                cases += 2;
            }
            // Dropped elements (at every position), added elements.
            for j in 0..len {
                let mut p = path.clone();
                p.remove(j);
                let want = PathTooShort {
                    expected: len as u8,
                    got: len as u8 - 1,
                };
                assert_eq!(verify_inclusion(&leaf, i, n, &root, &p), Err(want));
                // Through an iterator of unknown length: detected at the end.
                assert_eq!(
                    verify_inclusion(&leaf, i, n, &root, p.iter().filter(|_| true)),
                    Err(want)
                );
                cases += 2;
            }
            for j in 0..=len {
                let mut p = path.clone();
                p.insert(j, root);
                let want = PathTooLong {
                    expected: len as u8,
                };
                assert_eq!(verify_inclusion(&leaf, i, n, &root, &p), Err(want));
                assert_eq!(
                    verify_inclusion(&leaf, i, n, &root, p.iter().filter(|_| true)),
                    Err(want)
                );
                cases += 2;
            }
            // Wrong index and wrong sizes.
            let wrong_indices = [i ^ 1, i + 1, i.wrapping_sub(1), n, n + 1, u64::MAX];
            for wi in wrong_indices {
                if wi == i {
                    continue;
                }
                let want = oracle_inclusion(&leaf, wi, n, &root, &path);
                assert!(want.is_err(), "({i},{n}) also proves index {wi}");
                assert_eq!(
                    verify_inclusion(&leaf, wi, n, &root, &path),
                    want,
                    "({i},{n}) as index {wi}"
                );
                cases += 1;
            }
            for ws in [n - 1, n + 1, 2 * n, n ^ 1, 0, u64::MAX, 1 << 63] {
                if ws == n {
                    continue;
                }
                // May verify: inclusion proofs do not bind the size.
                let want = oracle_inclusion(&leaf, i, ws, &root, &path);
                assert_eq!(
                    verify_inclusion(&leaf, i, ws, &root, &path),
                    want,
                    "({i},{n}) as size {ws}"
                );
                cases += 1;
            }
        }
    }
    println!("exhaustive_inclusion: {cases} checks");
}

/// Every honest consistency proof for 0 <= m <= n <= 128 verifies; every
/// mutation is rejected with the exact error.
#[test]
fn exhaustive_consistency() {
    let tree = Tree::with_test_leaves(MAX_N);
    let roots: Vec<Hash> = (0..=MAX_N).map(|n| Hash(tree.root(n))).collect();
    let mut cases = 0u64;
    for n in 0..=MAX_N {
        let new_root = roots[n as usize];
        for m in 0..=n {
            let old_root = roots[m as usize];
            let tagged = tree.consistency_proof_tagged(m, n);
            let path: Vec<Hash> = tagged.iter().map(|(h, _)| Hash(*h)).collect();
            let len = path.len();
            let trivial = m == 0 || m == n;
            assert_eq!(consistency_path_len(m, n), Some(len));
            assert_eq!(
                verify_consistency(m, n, &old_root, &new_root, &path),
                Ok(()),
                "({m},{n})"
            );
            assert_eq!(
                verify_consistency(m, n, &old_root, &new_root, path.iter().filter(|_| true)),
                Ok(())
            );
            cases += 2;

            // Bit flips in path elements: the error names the root that
            // depends on the element (the reference tags each element).
            for (j, (_, in_old)) in tagged.iter().enumerate() {
                let bits: Vec<usize> = if n <= 8 {
                    (0..256).collect()
                } else if n <= 32 {
                    (0..32).map(|b| b * 8 + (b + j) % 8).collect()
                } else {
                    vec![((m * 31 + n * 7 + j as u64 * 13) % 256) as usize]
                };
                let want = if *in_old {
                    OldRootMismatch
                } else {
                    NewRootMismatch
                };
                for bit in bits {
                    let mut p = path.clone();
                    p[j] = flip(&p[j], bit);
                    assert_eq!(
                        verify_consistency(m, n, &old_root, &new_root, &p),
                        Err(want),
                        "({m},{n}) elem {j} bit {bit}"
                    );
                    cases += 1;
                }
            }
            // Flipped roots.
            for bit in [0, 129, 255] {
                let bad_old = flip(&old_root, bit);
                let want_old = if m == n {
                    Err(EqualSizeRootsDiffer)
                } else if m == 0 {
                    Err(OldRootNotEmpty)
                } else if m.is_power_of_two() {
                    // The old tree is a complete subtree: its root seeds
                    // the fold, so only the new root comes out wrong.
                    Err(NewRootMismatch)
                } else {
                    Err(OldRootMismatch)
                };
                assert_eq!(
                    verify_consistency(m, n, &bad_old, &new_root, &path),
                    want_old,
                    "({m},{n}) old root bit {bit}"
                );
                let want_new = if m == n {
                    Err(EqualSizeRootsDiffer)
                } else if m == 0 {
                    Ok(())
                } else {
                    Err(NewRootMismatch)
                };
                assert_eq!(
                    verify_consistency(m, n, &old_root, &flip(&new_root, bit), &path),
                    want_new
                );
                cases += 2;
            }
            // Dropped and added elements.
            for j in 0..len {
                let mut p = path.clone();
                p.remove(j);
                let want = PathTooShort {
                    expected: len as u8,
                    got: len as u8 - 1,
                };
                assert_eq!(
                    verify_consistency(m, n, &old_root, &new_root, &p),
                    Err(want)
                );
                assert_eq!(
                    verify_consistency(m, n, &old_root, &new_root, p.iter().filter(|_| true)),
                    Err(want)
                );
                cases += 2;
            }
            for j in 0..=len {
                let mut p = path.clone();
                p.insert(j, new_root);
                let want = if trivial {
                    NonEmptyPath
                } else {
                    PathTooLong {
                        expected: len as u8,
                    }
                };
                assert_eq!(
                    verify_consistency(m, n, &old_root, &new_root, &p),
                    Err(want)
                );
                assert_eq!(
                    verify_consistency(m, n, &old_root, &new_root, p.iter().filter(|_| true)),
                    Err(want)
                );
                cases += 2;
            }
            // Wrong sizes: shape errors are predicted by the reference;
            // with the right shape a wrong size must fail on a root.
            let mut wrong = vec![(m + 1, n), (m, n + 1), (n + 1, n), (m, 2 * n + 1)];
            if m > 0 {
                wrong.push((m - 1, n));
            }
            if n > m {
                wrong.push((m, n - 1));
            }
            for (wm, wn) in wrong {
                assert_eq!(
                    verify_consistency(wm, wn, &old_root, &new_root, &path),
                    oracle_consistency(wm, wn, &old_root, &new_root, &path),
                    "({m},{n}) as ({wm},{wn})"
                );
                cases += 1;
            }
        }
    }
    println!("exhaustive_consistency: {cases} checks");
}

#[test]
fn inclusion_edge_cases() {
    let leaf = hash_leaf(b"x");
    let none: [Hash; 0] = [];
    // Size 0 and index out of range, before anything else.
    assert_eq!(
        verify_inclusion(&leaf, 0, 0, &leaf, none),
        Err(IndexOutOfRange)
    );
    assert_eq!(
        verify_inclusion(&leaf, 1, 1, &leaf, none),
        Err(IndexOutOfRange)
    );
    assert_eq!(
        verify_inclusion(&leaf, u64::MAX, u64::MAX, &leaf, none),
        Err(IndexOutOfRange)
    );
    assert_eq!(
        InclusionVerifier::new(&leaf, 0, 0).err(),
        Some(IndexOutOfRange)
    );
    // Size 1: empty path, leaf == root.
    assert_eq!(verify_inclusion(&leaf, 0, 1, &leaf, none), Ok(()));
    assert_eq!(
        verify_inclusion(&leaf, 0, 1, &EMPTY_ROOT, none),
        Err(RootMismatch)
    );
    assert_eq!(
        verify_inclusion(&leaf, 0, 1, &leaf, [leaf]),
        Err(PathTooLong { expected: 0 })
    );
    // Size >= 2 with an empty path.
    assert_eq!(
        verify_inclusion(&leaf, 0, 2, &leaf, none),
        Err(PathTooShort {
            expected: 1,
            got: 0
        })
    );
    // Largest Sigsum size (2^63 - 1): 63 elements needed for leaf 0... and
    // a path of 63 is accepted by length (then fails on the root).
    let big = (1u64 << 63) - 1;
    assert_eq!(inclusion_path_len(0, big), Some(63));
    let path63 = vec![leaf; 63];
    assert_eq!(
        verify_inclusion(&leaf, 0, big, &leaf, &path63),
        Err(RootMismatch)
    );
    // Above 2^63 a proof may need 64 elements: over the limit.
    assert_eq!(inclusion_path_len(0, u64::MAX), Some(64));
    assert_eq!(
        verify_inclusion(&leaf, 0, u64::MAX, &leaf, &path63),
        Err(PathLimitExceeded { expected: 64 })
    );
    assert_eq!(inclusion_path_len(u64::MAX - 1, u64::MAX), Some(63));
    // An infinite iterator is rejected after expected + 1 elements.
    assert_eq!(
        verify_inclusion(&leaf, 0, 8, &leaf, std::iter::repeat(leaf)),
        Err(PathTooLong { expected: 3 })
    );
    let mut pulled = 0;
    let counting = std::iter::repeat_with(|| {
        pulled += 1;
        leaf
    });
    assert_eq!(
        verify_inclusion(&leaf, 0, 8, &leaf, counting),
        Err(PathTooLong { expected: 3 })
    );
    assert_eq!(pulled, 4, "must stop reading at the first extra element");
    // Exact-size iterators are rejected before reading anything.
    let mut pulled = 0;
    let exact = (0..5).map(|_| {
        pulled += 1;
        leaf
    });
    assert_eq!(
        verify_inclusion(&leaf, 0, 8, &leaf, exact),
        Err(PathTooLong { expected: 3 })
    );
    assert_eq!(pulled, 0, "length is checked before any hashing");
    // The same for an exact-size iterator that is too short.
    let mut pulled = 0;
    let exact = (0..2).map(|_| {
        pulled += 1;
        leaf
    });
    assert_eq!(
        verify_inclusion(&leaf, 0, 8, &leaf, exact),
        Err(PathTooShort {
            expected: 3,
            got: 2
        })
    );
    assert_eq!(pulled, 0, "a short path is rejected before any hashing");
    // Push API.
    let (a, b, c) = (hash_leaf(b"a"), hash_leaf(b"b"), hash_leaf(b"c"));
    let root3 = hash_node(&hash_node(&a, &b), &c);
    let mut v = InclusionVerifier::new(&c, 2, 3).unwrap();
    assert_eq!(v.expected_len(), 1);
    assert_eq!(
        v.clone().root(),
        Err(PathTooShort {
            expected: 1,
            got: 0
        })
    );
    v.push(&hash_node(&a, &b)).unwrap();
    assert_eq!(v.clone().push(&a), Err(PathTooLong { expected: 1 }));
    assert_eq!(v.clone().root(), Ok(root3));
    assert_eq!(v.clone().verify(&flip(&root3, 0)), Err(RootMismatch));
    assert_eq!(v.verify(&root3), Ok(()));
    // expected_len is the exact path length, whatever the shape.
    for (index, size, len) in [(0, 1, 0), (0, 8, 3), (381381, 381382, 10)] {
        let v = InclusionVerifier::new(&c, index, size).unwrap();
        assert_eq!(v.expected_len(), len, "({index}, {size})");
        assert_eq!(inclusion_path_len(index, size), Some(len));
    }
}

#[test]
fn consistency_edge_cases() {
    let (a, b) = (hash_leaf(b"a"), hash_leaf(b"b"));
    let none: [Hash; 0] = [];
    // old > new: sigsum-go `VerifyConsistency` panics or accepts for these;
    // we reject all of them, whatever the path and roots.
    for (m, n) in [
        (3, 1),
        (5, 4),
        (7, 6),
        (2, 1),
        (4, 3),
        (8, 5),
        (6, 5),
        (1, 0),
    ] {
        assert_eq!(consistency_path_len(m, n), None);
        for len in 0..3 {
            assert_eq!(
                verify_consistency(m, n, &a, &a, vec![a; len]),
                Err(OldSizeAfterNewSize),
                "({m},{n}) len {len}"
            );
        }
        assert_eq!(
            ConsistencyVerifier::new(m, n, &a).err(),
            Some(OldSizeAfterNewSize)
        );
    }
    assert_eq!(
        verify_consistency(u64::MAX, 0, &a, &a, none),
        Err(OldSizeAfterNewSize)
    );
    // Equal sizes: empty path, equal roots; the path is checked first.
    assert_eq!(verify_consistency(5, 5, &a, &a, none), Ok(()));
    assert_eq!(
        verify_consistency(0, 0, &EMPTY_ROOT, &EMPTY_ROOT, none),
        Ok(())
    );
    assert_eq!(
        verify_consistency(5, 5, &a, &b, none),
        Err(EqualSizeRootsDiffer)
    );
    assert_eq!(verify_consistency(5, 5, &a, &a, [a]), Err(NonEmptyPath));
    assert_eq!(verify_consistency(5, 5, &a, &b, [a]), Err(NonEmptyPath));
    // (0, 0) is the equal-sizes case (sigsum-go `VerifyConsistency` checks
    // equal sizes before old size 0): the roots must be equal, the old root need
    // not be H(""). Before this was fixed, (0, 0) only checked the old
    // root and accepted any new root.
    assert_eq!(
        verify_consistency(0, 0, &EMPTY_ROOT, &a, none),
        Err(EqualSizeRootsDiffer)
    );
    assert_eq!(
        verify_consistency(0, 0, &a, &EMPTY_ROOT, none),
        Err(EqualSizeRootsDiffer)
    );
    assert_eq!(verify_consistency(0, 0, &a, &a, none), Ok(()));
    assert_eq!(
        verify_consistency(0, 0, &EMPTY_ROOT, &EMPTY_ROOT, [a]),
        Err(NonEmptyPath)
    );
    let v = ConsistencyVerifier::new(0, 0, &EMPTY_ROOT).unwrap();
    assert_eq!(v.expected_len(), 0);
    assert_eq!(v.clone().verify(&a), Err(EqualSizeRootsDiffer));
    assert_eq!(v.verify(&EMPTY_ROOT), Ok(()));
    // From the empty tree: empty path, old root H(""), new root free.
    assert_eq!(verify_consistency(0, 9, &EMPTY_ROOT, &b, none), Ok(()));
    assert_eq!(verify_consistency(0, 9, &a, &b, none), Err(OldRootNotEmpty));
    assert_eq!(
        verify_consistency(0, 9, &EMPTY_ROOT, &b, [a]),
        Err(NonEmptyPath)
    );
    assert_eq!(
        verify_consistency(0, 9, &EMPTY_ROOT, &b, std::iter::repeat(a)),
        Err(NonEmptyPath)
    );
    // Non-trivial with an empty path (sigsum-go: "no path").
    assert_eq!(
        verify_consistency(1, 2, &a, &b, none),
        Err(PathTooShort {
            expected: 1,
            got: 0
        })
    );
    // Huge sizes: 63-element proofs are fine by length, 64+ are over the limit.
    let big = (1u64 << 63) - 1;
    assert_eq!(consistency_path_len(1, big), Some(63));
    assert_eq!(
        verify_consistency(1, big, &a, &b, vec![a; 63]),
        Err(NewRootMismatch)
    );
    assert_eq!(consistency_path_len(1, u64::MAX), Some(64));
    assert_eq!(
        verify_consistency(1, u64::MAX, &a, &b, vec![a; 63]),
        Err(PathLimitExceeded { expected: 64 })
    );
    assert_eq!(consistency_path_len(3, u64::MAX), Some(65));
    assert_eq!(
        ConsistencyVerifier::new(3, u64::MAX, &a).err(),
        Some(PathLimitExceeded { expected: 65 })
    );
    // Infinite iterator: stops at the first extra element.
    assert_eq!(
        verify_consistency(3, 7, &a, &b, std::iter::repeat(a)),
        Err(PathTooLong { expected: 4 })
    );
    // Push API, trivial and general.
    let mut v = ConsistencyVerifier::new(4, 4, &a).unwrap();
    assert_eq!(v.expected_len(), 0);
    assert_eq!(v.push(&a), Err(NonEmptyPath));
    let root2 = hash_node(&a, &b);
    let mut v = ConsistencyVerifier::new(1, 2, &a).unwrap();
    assert_eq!(
        v.clone().verify(&root2),
        Err(PathTooShort {
            expected: 1,
            got: 0
        })
    );
    v.push(&b).unwrap();
    assert_eq!(v.clone().push(&b), Err(PathTooLong { expected: 1 }));
    assert_eq!(v.verify(&root2), Ok(()));
    // expected_len is the exact path length, whatever the shape.
    for (old, new, len) in [(1, 2, 1), (4, 7, 1), (3, 7, 4), (0, 7, 0), (7, 7, 0)] {
        let v = ConsistencyVerifier::new(old, new, &a).unwrap();
        assert_eq!(v.expected_len(), len, "({old}, {new})");
        assert_eq!(consistency_path_len(old, new), Some(len));
    }
}

#[test]
fn error_display_is_distinct() {
    let all = [
        IndexOutOfRange,
        OldSizeAfterNewSize,
        PathLimitExceeded { expected: 64 },
        PathTooShort {
            expected: 3,
            got: 2,
        },
        PathTooLong { expected: 3 },
        NonEmptyPath,
        OldRootNotEmpty,
        EqualSizeRootsDiffer,
        RootMismatch,
        OldRootMismatch,
        NewRootMismatch,
    ];
    let texts: std::collections::HashSet<String> = all.iter().map(|e| e.to_string()).collect();
    assert_eq!(texts.len(), all.len());
    assert!(PathTooShort {
        expected: 3,
        got: 2
    }
    .to_string()
    .contains("2 elements, expected 3"));
}

//! Property tests for the Merkle proofs at sizes far beyond what a tree can
//! be built for (up to 2^40, and arbitrary `u64` including `u64::MAX`):
//!
//! * path-length arithmetic against the naive RFC 6962 recursion;
//! * honest-shaped random proofs against the naive recursive fold;
//! * no panic, and the exact expected error, on arbitrary inputs.
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use sigsum_core::{
    consistency_path_len, inclusion_path_len, root_from_inclusion, verify_consistency,
    verify_inclusion, Hash, MerkleError, EMPTY_ROOT, MAX_PATH_LEN,
};
use testkit::merkle::{
    naive_consistency_len, naive_inclusion_len, naive_root_from_path, naive_roots_from_consistency,
    sha256,
};

use MerkleError::*;

mod merkle_common;
use merkle_common::shape_error;

/// Sizes: small, up to 2^40, around 2^63, near u64::MAX, and anything.
fn size() -> impl Strategy<Value = u64> {
    prop_oneof![
        0u64..=300,
        0u64..=(1 << 40),
        ((1u64 << 63) - 300)..=((1u64 << 63) + 300),
        (u64::MAX - 300)..=u64::MAX,
        Just(u64::MAX),
        any::<u64>(),
    ]
}

/// Sizes for which most proofs fit in [`MAX_PATH_LEN`]: every inclusion
/// proof up to 2^63, every consistency proof up to 2^62; beyond that some
/// proofs fit and the others are skipped (the limit itself is tested in
/// `tests/merkle.rs` and by `*_arbitrary_inputs`).
fn proof_size(min: u64) -> impl Strategy<Value = u64> {
    prop_oneof![
        min..=300,
        min..=(1 << 40),
        min..=(1 << 62),
        ((1u64 << 62) - 300)..=((1u64 << 62) + 300),
        ((1u64 << 63) - 300)..=(1u64 << 63),
        (u64::MAX - 300)..=u64::MAX,
    ]
}

/// An index/size pair with `index < size` most of the time.
fn index_in(size: u64) -> impl Strategy<Value = u64> {
    let last = size.saturating_sub(1);
    prop_oneof![
        4 => 0..=last,
        1 => Just(last),
        1 => Just(size),
        1 => any::<u64>(),
    ]
}

/// Deterministic pseudo-random hashes.
fn hashes(seed: u64, n: usize) -> Vec<Hash> {
    (0..n as u64)
        .map(|i| Hash(sha256(&[seed.to_be_bytes(), i.to_be_bytes()].concat())))
        .collect()
}

fn raw(v: &[Hash]) -> Vec<[u8; 32]> {
    v.iter().map(|h| h.0).collect()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 3000,
        max_global_rejects: 100_000,
        // Regressions go to tests/merkle_proptest.proptest-regressions
        // (committed when one is found).
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn inclusion_len_matches_naive((n, i) in size().prop_flat_map(|n| (Just(n), index_in(n)))) {
        prop_assert_eq!(inclusion_path_len(i, n), naive_inclusion_len(i, n));
        if n <= 1 << 63 {
            if let Some(len) = inclusion_path_len(i, n) {
                prop_assert!(len <= MAX_PATH_LEN);
            }
        }
    }

    #[test]
    fn consistency_len_matches_naive((n, m) in size().prop_flat_map(|n| (Just(n), index_in(n)))) {
        prop_assert_eq!(consistency_path_len(m, n), naive_consistency_len(m, n));
        // And with the sizes swapped (old > new).
        prop_assert_eq!(consistency_path_len(n, m), naive_consistency_len(n, m));
    }

    /// Random proofs of the right length: sigsum-core's fold equals the
    /// naive recursive fold; a flipped element or root is rejected.
    #[test]
    fn inclusion_matches_naive_fold(
        (n, i) in proof_size(1).prop_flat_map(|n| (Just(n), 0..n)),
        seed in any::<u64>(),
        flip_at in any::<prop::sample::Index>(),
    ) {
        let len = naive_inclusion_len(i, n).unwrap();
        prop_assume!(len <= MAX_PATH_LEN);
        let mut data = hashes(seed, len + 1);
        let leaf = data.pop().unwrap();
        let path = data;
        let want = Hash(naive_root_from_path(&leaf.0, i, n, &raw(&path)).unwrap());
        prop_assert_eq!(root_from_inclusion(&leaf, i, n, &path), Ok(want));
        prop_assert_eq!(verify_inclusion(&leaf, i, n, &want, path.iter().filter(|_| true)), Ok(()));
        if !path.is_empty() {
            let mut bad = path.clone();
            bad[flip_at.index(len)].0[0] ^= 0x80;
            prop_assert_eq!(verify_inclusion(&leaf, i, n, &want, &bad), Err(RootMismatch));
        }
        let mut bad_root = want;
        bad_root.0[31] ^= 1;
        prop_assert_eq!(verify_inclusion(&leaf, i, n, &bad_root, &path), Err(RootMismatch));
    }

    #[test]
    fn consistency_matches_naive_fold(
        (n, m) in proof_size(2).prop_flat_map(|n| (Just(n), 1..n)),
        seed in any::<u64>(),
        flip_at in any::<prop::sample::Index>(),
    ) {
        let len = naive_consistency_len(m, n).unwrap();
        prop_assume!(len <= MAX_PATH_LEN);
        let path = hashes(seed, len);
        // Find the old root this path proves (for power-of-two old sizes it
        // is the old root itself, any value works).
        let (old_root, _) = naive_roots_from_consistency(m, n, &[7; 32], &raw(&path)).unwrap();
        let (o, new_root) = naive_roots_from_consistency(m, n, &old_root, &raw(&path)).unwrap();
        prop_assert_eq!(o, old_root);
        let (old_root, new_root) = (Hash(old_root), Hash(new_root));
        prop_assert_eq!(verify_consistency(m, n, &old_root, &new_root, &path), Ok(()));
        prop_assert_eq!(
            verify_consistency(m, n, &old_root, &new_root, path.iter().filter(|_| true)),
            Ok(())
        );
        let mut bad = path.clone();
        let j = flip_at.index(len);
        bad[j].0[5] ^= 4;
        let got = verify_consistency(m, n, &old_root, &new_root, &bad);
        let (o2, n2) = naive_roots_from_consistency(m, n, &old_root.0, &raw(&bad)).unwrap();
        let want = if o2 != old_root.0 {
            Err(OldRootMismatch)
        } else if n2 != new_root.0 {
            Err(NewRootMismatch)
        } else {
            Ok(())
        };
        prop_assert!(want.is_err());
        prop_assert_eq!(got, want);
    }

    /// Arbitrary inputs never panic and fail exactly as the naive reference
    /// predicts.
    #[test]
    fn inclusion_arbitrary_inputs(
        (n, i) in size().prop_flat_map(|n| (Just(n), index_in(n))),
        len in 0usize..70,
        seed in any::<u64>(),
    ) {
        let path = hashes(seed, len);
        let (leaf, root) = (Hash([1; 32]), Hash([2; 32]));
        let want = match shape_error(naive_inclusion_len(i, n), len, IndexOutOfRange) {
            Some(e) => e,
            None => RootMismatch,
        };
        prop_assert_eq!(verify_inclusion(&leaf, i, n, &root, &path), Err(want));
        prop_assert_eq!(
            verify_inclusion(&leaf, i, n, &root, path.iter().filter(|_| true)),
            Err(want)
        );
    }

    #[test]
    fn consistency_arbitrary_inputs(
        (n, m) in size().prop_flat_map(|n| (Just(n), index_in(n))),
        len in 0usize..70,
        seed in any::<u64>(),
        empty_old in any::<bool>(),
    ) {
        let path = hashes(seed, len);
        let old_root = if empty_old { EMPTY_ROOT } else { Hash([1; 32]) };
        let new_root = Hash([2; 32]);
        let want = if m > n {
            Err(OldSizeAfterNewSize)
        } else if m == 0 || m == n {
            if len > 0 {
                Err(NonEmptyPath)
            } else if m == n {
                // Equal sizes first, (0, 0) included: the roots differ.
                Err(EqualSizeRootsDiffer)
            } else if empty_old {
                Ok(())
            } else {
                Err(OldRootNotEmpty)
            }
        } else {
            match shape_error(naive_consistency_len(m, n), len, OldSizeAfterNewSize) {
                Some(e) => Err(e),
                None => {
                    let (o, s) = naive_roots_from_consistency(m, n, &old_root.0, &raw(&path)).unwrap();
                    if o != old_root.0 {
                        Err(OldRootMismatch)
                    } else if s != new_root.0 {
                        Err(NewRootMismatch)
                    } else {
                        Ok(())
                    }
                }
            }
        };
        prop_assert_eq!(verify_consistency(m, n, &old_root, &new_root, &path), want);
        prop_assert_eq!(
            verify_consistency(m, n, &old_root, &new_root, path.iter().filter(|_| true)),
            want
        );
    }
}

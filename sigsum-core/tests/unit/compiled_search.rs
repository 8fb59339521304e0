//! The key-table search of compiled policies (`search_with`, private):
//! found at the right index or not found, for every key and every gap of
//! many tables, and how many keys it hashes (its only purpose is to hash
//! fewer than a binary search). A unit test compiled into the library's
//! test build by `#[path]` from `policy/compiled.rs`.
//!
//! The tables here use a stand-in "hash" (the key bytes themselves), so
//! each test chooses exactly where the key hashes fall; the last test uses
//! SHA-256 on the builtin blobs.
extern crate std;
use std::prelude::rust_2021::*;

use super::search_with;
use crate::policy::Builtin;
use crate::types::{Hash, PublicKey};

/// A key whose stand-in hash starts with the big-endian `prefix`, then `tail`.
fn key(prefix: u16, tail: u8) -> [u8; 32] {
    let mut k = [tail; 32];
    k[..2].copy_from_slice(&prefix.to_be_bytes());
    k
}

/// Search `keys` (sorted) for `wanted` with the stand-in hash: the result
/// and the number of keys hashed.
fn probe(keys: &[[u8; 32]], wanted: &[u8; 32]) -> (Option<usize>, usize) {
    let table: Vec<u8> = keys.concat();
    let mut hashed = 0;
    let found = search_with(&table, &Hash(*wanted), |k: &PublicKey| {
        hashed += 1;
        Hash(k.0)
    });
    if let Some((i, k)) = found {
        assert_eq!(k.0, keys[i]);
    }
    (found.map(|(i, _)| i), hashed)
}

/// At most two probes per halving: the bound whatever the keys.
fn bound(n: usize) -> usize {
    2 * (usize::BITS - n.leading_zeros()) as usize
}

/// Evenly spread hashes, as SHA-256 gives on average: every key is found
/// by its first probe (a binary search of 8 needs 1 to 4).
#[test]
fn evenly_spread_keys_take_one_probe() {
    for n in [1usize, 2, 3, 8, 64, 255] {
        let keys: Vec<_> = (0..n)
            .map(|i| key(((2 * i + 1) * 0x8000 / n) as u16, 0x55))
            .collect();
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(probe(&keys, k), (Some(i), 1), "n={n} i={i}");
        }
    }
}

/// Between two keys (same prefix as one of them, tail below or above): not
/// found, for every gap, within the bound.
#[test]
fn absent_keys_are_not_found() {
    for n in [1usize, 2, 8, 64, 255] {
        let keys: Vec<_> = (0..n)
            .map(|i| key(((2 * i + 1) * 0x8000 / n) as u16, 0x55))
            .collect();
        for i in 0..n {
            for tail in [0x00, 0xff] {
                let (found, hashed) = probe(&keys, &key(((2 * i + 1) * 0x8000 / n) as u16, tail));
                assert_eq!(found, None, "n={n} i={i}");
                assert!(hashed <= bound(n), "n={n} i={i} tail={tail}: {hashed}");
            }
        }
    }
    assert_eq!(probe(&[], &key(0, 0)), (None, 0));
}

/// All hashes crowded at one end (the worst case of interpolation alone,
/// which would probe them one by one): every key is still found within
/// the bound, since every other probe halves the range.
#[test]
fn crowded_keys_stay_within_the_bound() {
    for n in [2usize, 8, 64, 255] {
        for (name, keys) in [
            ("low", (0..n).map(|i| key(i as u16, 0)).collect::<Vec<_>>()),
            (
                "high",
                (0..n)
                    .map(|i| key(u16::MAX - (n - 1 - i) as u16, 0))
                    .collect(),
            ),
        ] {
            let mut total = 0;
            for (i, k) in keys.iter().enumerate() {
                let (found, hashed) = probe(&keys, k);
                assert_eq!(found, Some(i), "{name} n={n} i={i}");
                assert!(hashed <= bound(n), "{name} n={n} i={i}: {hashed}");
                total += hashed;
            }
            // Pure interpolation would need n(n+1)/2 probes in all here.
            assert!(total < n * (n + 1) / 2 || n <= 2, "{name} n={n}: {total}");
        }
    }
}

/// Each probe narrows the values the next interpolation spreads over, on
/// both sides: exact probe counts for an uneven table (with the upper bound
/// left at its start the key at index 5 takes 4 probes; with the lower
/// one, others do).
#[test]
fn probes_narrow_both_bounds() {
    let prefixes = [
        0x0400u16, 0x0b00, 0x0d00, 0x0f00, 0x3400, 0x7500, 0x8800, 0xa200,
    ];
    let keys: Vec<_> = prefixes.iter().map(|&p| key(p, 0)).collect();
    let hashed: Vec<_> = keys.iter().map(|k| probe(&keys, k).1).collect();
    assert_eq!(hashed, [1, 3, 5, 4, 4, 3, 2, 2]);
}

/// Pseudo-random tables of every size up to 40: every key found at its
/// index, every gap not found, within the bound.
#[test]
fn every_key_and_gap_of_random_tables() {
    let mut x = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for n in 0..=40usize {
        let mut keys: Vec<[u8; 32]> = (0..n).map(|_| key(next() as u16, 0x80)).collect();
        keys.sort();
        keys.dedup();
        for (i, k) in keys.iter().enumerate() {
            let (found, hashed) = probe(&keys, k);
            assert_eq!(found, Some(i), "n={n} i={i}");
            assert!(hashed <= bound(keys.len()), "n={n} i={i}: {hashed}");
            let mut gap = *k;
            gap[31] = 0x81;
            assert_eq!(probe(&keys, &gap).0, None, "n={n} i={i}");
        }
    }
}

/// SHA-256 on the builtin blobs: the keys hashed to find every log and
/// witness, each table in total. A binary search hashes 3 for 2 keys, 5
/// for 3, 17 for 7 and 21 for 8 (sigsum-test-2025-3's witnesses, which a
/// proof under that policy looks up one by one).
#[test]
fn builtin_tables_with_sha256() {
    let expected = [
        (Builtin::SigsumGeneric2025_1, 2, 5),
        (Builtin::SigsumTest2025_3, 3, 11),
        (Builtin::SigsumTest1_2025, 1, 6),
        (Builtin::SigsumTest2_2025, 1, 17),
    ];
    for (b, logs_hashed, witnesses_hashed) in expected {
        let p = b.compiled().unwrap();
        for (table, want) in [(p.logs, logs_hashed), (p.witnesses, witnesses_hashed)] {
            let mut total = 0;
            for (i, k) in table.chunks_exact(32).enumerate() {
                let kh = crate::types::sha256(k);
                let found = search_with(table, &kh, |k: &PublicKey| {
                    total += 1;
                    k.key_hash()
                });
                assert_eq!(found.map(|(j, _)| j), Some(i), "{}", b.name());
            }
            assert_eq!(total, want, "{}", b.name());
        }
    }
}

//! The lazy proof parser (fast paths: SWAR hex check, one-pass
//! timestamps, fixed-shape lines, duplicate key hashes compared as text)
//! against independent oracles:
//!
//! * hex decoding accepts exactly what the `hex` crate accepts and decodes
//!   the same bytes (every length, boundary bytes around `0-9a-fA-F`);
//! * a timestamp field is accepted iff `parse_decimal` accepts it, with its
//!   value, else rejected with `parse_decimal`'s error at that line;
//! * key hashes of the real proof in random case still parse and decode to
//!   the same values; a duplicate in another case is rejected, naming the
//!   first line;
//! * every header field spelled in mixed case parses to the same values.
#![cfg(feature = "parsers")]
mod proof_common;

use proof_common::parse_decimal;
use proof_common::vector;
use proptest::prelude::*;
use sigsum_core::{EncodingError, Hash, KeyId, Proof, ProofError, ProofErrorKind, Signature};

fn real() -> String {
    String::from_utf8(vector("real/serviceberry-v2.proof")).unwrap()
}

fn lines(text: &str) -> Vec<String> {
    text.split_inclusive('\n').map(str::to_owned).collect()
}

fn first_cosignature(l: &[String]) -> usize {
    l.iter()
        .position(|x| x.starts_with("cosignature="))
        .unwrap()
}

/// Bytes near the hex classes, and a few far away.
const ALPHABET: &[u8] = b"0123456789abcdefABCDEF/:@G`g \x00\x10\x19\x7f\x80\xb0\xc1\xe6\xff";

fn check_hex<const N: usize>(s: &[u8]) -> Result<(), TestCaseError> {
    let mut want = [0u8; N];
    let expected = if s.len() != 2 * N {
        Err(EncodingError::HexLength)
    } else {
        hex::decode_to_slice(s, &mut want)
            .map(|_| want)
            .map_err(|_| EncodingError::HexSyntax)
    };
    // The public fixed-size hex decoders.
    match N {
        4 => prop_assert_eq!(
            KeyId::from_hex(s).map(|v| v.0.to_vec()),
            expected.map(|v| v.to_vec())
        ),
        32 => prop_assert_eq!(
            Hash::from_hex(s).map(|v| v.0.to_vec()),
            expected.map(|v| v.to_vec())
        ),
        64 => prop_assert_eq!(
            Signature::from_hex(s).map(|v| v.0.to_vec()),
            expected.map(|v| v.to_vec())
        ),
        _ => unreachable!(),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn hex_decoding_equals_the_hex_crate(
        picks in prop::collection::vec(0..ALPHABET.len(), 0..140),
        mostly_hex: bool,
    ) {
        let s: Vec<u8> = picks
            .iter()
            .enumerate()
            .map(|(i, p)| if mostly_hex && i % 11 != 5 { b"0123456789abcdefABCDEF"[p % 22] } else { ALPHABET[*p] })
            .collect();
        check_hex::<4>(&s)?;
        check_hex::<32>(&s)?;
        check_hex::<64>(&s)?;
        // Exact lengths, so the decoding path (not only the length check)
        // runs on every input.
        for n in [8usize, 64, 128] {
            let exact: Vec<u8> = s.iter().copied().cycle().take(if s.is_empty() { 0 } else { n }).collect();
            if exact.len() == n {
                match n {
                    8 => check_hex::<4>(&exact)?,
                    64 => check_hex::<32>(&exact)?,
                    _ => check_hex::<64>(&exact)?,
                }
            }
        }
    }

    #[test]
    fn key_hash_case_is_free_and_duplicates_are_found(
        case_bits in prop::collection::vec(any::<u64>(), 8),
        dup_of in 0usize..8,
        dup_at in 0usize..8,
    ) {
        let text = real();
        let original = Proof::parse(text.as_bytes()).unwrap();
        let mut l = lines(&text);
        let first = first_cosignature(&l);
        for (j, bits) in case_bits.iter().enumerate() {
            let line = &l[first + j];
            let recased: String = line
                .char_indices()
                .map(|(i, c)| if (12..76).contains(&i) && bits >> (i % 64) & 1 == 1 { c.to_ascii_uppercase() } else { c })
                .collect();
            l[first + j] = recased;
        }
        let recased = l.concat();
        let p = Proof::parse(recased.as_bytes()).unwrap();
        prop_assert!(p.signed_tree_head.cosignatures.iter().eq(original.signed_tree_head.cosignatures.iter()));
        for i in 0..8 {
            prop_assert_eq!(p.signed_tree_head.cosignatures.get(i), original.signed_tree_head.cosignatures.get(i));
        }
        // A ninth line repeating an earlier key hash (in upper case), at a
        // random position among the others.
        let key = l[first + dup_of][12..76].to_ascii_uppercase();
        let dup = format!("cosignature={key} 1 {}\n", "ab".repeat(64));
        l.insert(first + dup_at, dup);
        let dup_text = l.concat();
        let (later, earlier) = if dup_at <= dup_of { (dup_of + 1, dup_at) } else { (dup_at, dup_of) };
        prop_assert_eq!(
            Proof::parse(dup_text.as_bytes()),
            Err(ProofError {
                line: (first + later + 1) as u32,
                kind: ProofErrorKind::DuplicateCosignature { first_line: (first + earlier + 1) as u32 },
            })
        );
    }
}

#[test]
fn timestamps_are_exactly_parse_decimal() {
    let text = real();
    let base = lines(&text);
    let first = first_cosignature(&base);
    let cases = [
        "0",
        "7",
        "10",
        "01",
        "00",
        "1770193051",
        "9223372036854775807",
        "9223372036854775808",
        "18446744073709551615",
        "18446744073709551616",
        "99999999999999999999",
        "123456789012345678901",
        "0000000000000000000001",
        "+1",
        "-1",
        "1a",
        "a1",
        "1\r",
        "",
        "１",
    ];
    let mut accepted = 0;
    for ts in cases {
        for j in [0usize, 3, 7] {
            let mut l = base.clone();
            let fields: Vec<&str> = l[first + j].trim_end_matches('\n').split(' ').collect();
            l[first + j] = format!("{} {ts} {}\n", fields[0], fields[2]);
            let t = l.concat();
            let line = (first + j + 1) as u32;
            match parse_decimal(ts.as_bytes()) {
                Ok(v) => {
                    let p = Proof::parse(t.as_bytes()).unwrap();
                    assert_eq!(p.signed_tree_head.cosignatures.get(j).unwrap().timestamp, v);
                    assert_eq!(
                        p.signed_tree_head
                            .cosignatures
                            .iter()
                            .nth(j)
                            .unwrap()
                            .timestamp,
                        v
                    );
                    accepted += 1;
                }
                Err(error) => assert_eq!(
                    Proof::parse(t.as_bytes()),
                    Err(ProofError {
                        line,
                        kind: ProofErrorKind::BadValue {
                            key: "cosignature",
                            field: 1,
                            error
                        },
                    }),
                    "{ts:?}"
                ),
            }
        }
    }
    assert_eq!(accepted, 3 * 5);
}

#[test]
fn header_fields_in_mixed_case() {
    let text = real();
    let original = Proof::parse(text.as_bytes()).unwrap();
    let mut l = lines(&text);
    for line in l.iter_mut() {
        if let Some((key, value)) = line.split_once('=') {
            if key != "version" && key != "size" && key != "leaf_index" {
                let v: String = value
                    .char_indices()
                    .map(|(i, c)| {
                        if i % 3 == 0 {
                            c.to_ascii_uppercase()
                        } else {
                            c
                        }
                    })
                    .collect();
                *line = format!("{key}={v}");
            }
        }
    }
    let mixed = l.concat();
    assert_ne!(mixed, text);
    let p = Proof::parse(mixed.as_bytes()).unwrap();
    assert_eq!(p.log_key_hash, original.log_key_hash);
    assert_eq!(p.leaf_key_hash, original.leaf_key_hash);
    assert_eq!(p.leaf_signature, original.leaf_signature);
    assert_eq!(
        p.signed_tree_head.tree_head,
        original.signed_tree_head.tree_head
    );
    assert_eq!(
        p.signed_tree_head.signature,
        original.signed_tree_head.signature
    );
    assert!(p.path.iter().eq(original.path.iter()));
    assert!(p
        .signed_tree_head
        .cosignatures
        .iter()
        .eq(original.signed_tree_head.cosignatures.iter()));
    // And a node hash with one bad digit is still the exact error.
    let nodes: Vec<usize> = (0..l.len())
        .filter(|i| l[*i].starts_with("node_hash="))
        .collect();
    let mut bad = l.clone();
    bad[nodes[4]].replace_range(40..41, "g");
    assert_eq!(
        Proof::parse(bad.concat().as_bytes()),
        Err(ProofError {
            line: (nodes[4] + 1) as u32,
            kind: ProofErrorKind::BadValue {
                key: "node_hash",
                field: 0,
                error: EncodingError::HexSyntax
            },
        })
    );
    let _ = Hash::from_hex(b"").unwrap_err();
}

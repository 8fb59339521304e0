//! Entry points of the fuzz targets, one function per target.
//!
//! Each function takes the raw fuzzer input, runs the sigsum-core parser or
//! verifier on it and checks invariants against an independent naive
//! reference (it panics on any violation, which is what the fuzzer reports
//! as a crash). The same functions replay the committed seeds and crash
//! regressions in the ordinary test `sigsum-core/tests/fuzz_regressions.rs`
//! (which includes this file with `#[path]`), so keep this file free of
//! dependencies other than `sigsum_core`, `sha2` and `std`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use sigsum_core::cosignature::{Cosignature, Message};
use sigsum_core::crypto::DalekBackend;
use sigsum_core::encoding::{
    decode_base64, decode_base64_array, decode_hex_array, encode_base64, parse_decimal,
    EncodingError, MAX_DECIMAL,
};
use sigsum_core::leaf::{Leaf, LEAF_SIZE};
use sigsum_core::lines::{split_fields, split_key_value, LineMode, Lines};
use sigsum_core::tree_head::TreeHead;
use sigsum_core::{Hash, PublicKey, Signature};

/// A fuzz entry point: takes the raw fuzzer input.
pub type Entry = fn(&[u8]);

/// Every fuzz target: its name (= `fuzz/fuzz_targets/<name>.rs`, seeds in
/// `fuzz/seeds/<name>/`, regressions in `fuzz/regressions/<name>/`) and its
/// entry point.
pub const TARGETS: &[(&str, Entry)] = &[
    ("encoding", encoding),
    ("lines", lines),
    ("leaf", leaf),
    ("tree_head", tree_head),
];

/// Split off a fixed-size prefix, padding short input with zeros.
fn take<const N: usize>(data: &mut &[u8]) -> [u8; N] {
    let mut out = [0u8; N];
    let n = data.len().min(N);
    out[..n].copy_from_slice(&data[..n]);
    *data = &data[n..];
    out
}

fn lower_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Naive reference for sigsum-go's `IntFromDecimal`.
fn naive_decimal(s: &[u8]) -> Result<u64, EncodingError> {
    if s.is_empty() {
        return Err(EncodingError::DecimalEmpty);
    }
    if !s.iter().all(u8::is_ascii_digit) {
        return Err(EncodingError::DecimalSyntax);
    }
    if s.len() > 1 && s[0] == b'0' {
        return Err(EncodingError::DecimalLeadingZero);
    }
    if s.len() > 19 {
        return Err(EncodingError::DecimalRange);
    }
    let v: u64 = std::str::from_utf8(s).unwrap().parse().unwrap();
    if v > MAX_DECIMAL {
        return Err(EncodingError::DecimalRange);
    }
    Ok(v)
}

/// Decimal, hex and base64 decoders: differential against naive references
/// and canonical round trips (every accepted encoding is the one we emit).
pub fn encoding(data: &[u8]) {
    let Some((&sel, s)) = data.split_first() else {
        return;
    };
    match sel % 4 {
        0 => {
            let got = parse_decimal(s);
            assert_eq!(got, naive_decimal(s), "decimal {s:?}");
            if let Ok(v) = got {
                assert_eq!(v.to_string().as_bytes(), s);
            }
        }
        1 => match decode_hex_array::<32>(s) {
            Ok(v) => assert_eq!(lower_hex(&v).as_bytes(), s.to_ascii_lowercase()),
            Err(EncodingError::HexLength) => assert_ne!(s.len(), 64),
            Err(EncodingError::HexSyntax) => {
                assert_eq!(s.len(), 64);
                assert!(!s.iter().all(u8::is_ascii_hexdigit));
            }
            Err(e) => panic!("unexpected hex error {e:?}"),
        },
        2 => {
            let mut out = [0u8; 64];
            if let Ok(v) = decode_base64(s, &mut out) {
                let mut enc = [0u8; 128];
                let re = encode_base64(v, &mut enc).expect("re-encode");
                assert_eq!(re, s, "non-canonical base64 accepted");
            }
        }
        _ => match decode_base64_array::<32>(s) {
            Ok(v) => {
                let mut enc = [0u8; 44];
                assert_eq!(encode_base64(&v, &mut enc).expect("re-encode"), s);
            }
            Err(EncodingError::Base64Length | EncodingError::Base64Syntax) => {}
            Err(e) => panic!("unexpected base64 error {e:?}"),
        },
    }
}

/// The line reader in both modes: lines tile the input exactly, numbers
/// and offsets are consistent, and the key/value and field splitters
/// reassemble their input.
pub fn lines(data: &[u8]) {
    let Some((&sel, input)) = data.split_first() else {
        return;
    };
    let mode = if sel & 1 == 0 {
        LineMode::Strict
    } else {
        LineMode::Lenient
    };
    let mut pos = 0usize;
    let mut expect_number = 0u32;
    let mut it = Lines::new(input, mode);
    while let Some(item) = it.next() {
        expect_number += 1;
        match item {
            Ok(line) => {
                assert_eq!(line.number, expect_number);
                assert_eq!(line.offset, pos);
                let end = pos + line.text.len();
                assert_eq!(&input[pos..end], line.text);
                let mut next = end;
                if mode == LineMode::Lenient && input.get(next) == Some(&b'\r') {
                    next += 1;
                }
                match input.get(next) {
                    Some(b'\n') => next += 1,
                    None => assert_eq!(mode, LineMode::Lenient),
                    Some(_) => panic!("line not ended by newline"),
                }
                assert!(!line.text.contains(&b'\n'));
                pos = next;
                if let Some((k, v)) = split_key_value(line.text) {
                    assert!(!k.contains(&b'='));
                    assert_eq!([k, b"=", v].concat(), line.text);
                } else {
                    assert!(!line.text.contains(&b'='));
                }
                if let Some(f) = split_fields::<3>(line.text) {
                    assert_eq!(f.join(&b' '), line.text);
                } else {
                    assert_ne!(line.text.iter().filter(|&&b| b == b' ').count(), 2);
                }
            }
            Err(e) => {
                assert_eq!(mode, LineMode::Strict);
                assert_eq!(e.line, expect_number);
                assert!(!input[pos..].contains(&b'\n'));
                assert!(it.next().is_none(), "item after MissingNewline");
                return;
            }
        }
    }
    assert_eq!(pos, input.len(), "lines do not cover the input");
}

/// The 128-byte leaf: length check, round trip, and its hash against a
/// direct SHA-256 of `0x00 || leaf`.
pub fn leaf(data: &[u8]) {
    use sha2::{Digest, Sha256};
    match Leaf::from_bytes(data) {
        Ok(l) => {
            assert_eq!(data.len(), LEAF_SIZE);
            assert_eq!(l.to_bytes().as_slice(), data);
            let want: [u8; 32] = Sha256::new()
                .chain_update([0u8])
                .chain_update(data)
                .finalize()
                .into();
            assert_eq!(l.hash().0, want);
        }
        Err(_) => assert_ne!(data.len(), LEAF_SIZE),
    }
}

/// Tree head body and cosignature message construction from arbitrary
/// values, checked by reading them back; and cosignature verification with
/// arbitrary keys and signatures (must never accept garbage).
pub fn tree_head(data: &[u8]) {
    let mut d = data;
    let size = u64::from_le_bytes(take::<8>(&mut d));
    let timestamp = u64::from_le_bytes(take::<8>(&mut d));
    let root_hash = Hash(take::<32>(&mut d));
    let key = PublicKey(take::<32>(&mut d));
    let sig = Signature(take::<64>(&mut d));
    let th = TreeHead { size, root_hash };
    let kh = key.key_hash();
    let body = th.sigsum_body(&kh);
    let text = std::str::from_utf8(body.as_bytes()).expect("body is ASCII");
    let parts: Vec<&str> = text.split('\n').collect();
    assert_eq!(parts.len(), 4, "{text:?}");
    assert_eq!(parts[0], format!("sigsum.org/v1/tree/{}", lower_hex(&kh.0)));
    assert_eq!(parts[1], size.to_string());
    assert_eq!(
        decode_base64_array::<32>(parts[2].as_bytes()),
        Ok(root_hash.0)
    );
    assert_eq!(parts[3], "");
    match Message::new(timestamp, &body) {
        Ok(m) => {
            assert!(timestamp <= MAX_DECIMAL);
            let want = format!("cosignature/v1\ntime {timestamp}\n{text}");
            assert_eq!(m.as_bytes(), want.as_bytes());
        }
        Err(_) => assert!(timestamp > MAX_DECIMAL),
    }
    let cs = Cosignature {
        key_hash: kh,
        timestamp,
        signature: sig,
    };
    // Random keys and signatures exercise invalid points and non-canonical
    // scalars (must not panic); the verdict itself is not checkable here.
    let _ = cs.verify(&key, &kh, &th, &DalekBackend);
    // A key whose hash is not the cosignature's key hash never verifies.
    let other = Cosignature {
        key_hash: Hash(root_hash.0.map(|b| !b)),
        ..cs
    };
    if other.key_hash != kh {
        assert!(!other.verify(&key, &kh, &th, &DalekBackend));
    }
}

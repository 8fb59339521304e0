//! Decimal, hex, base64 and line-reader rules (sigsum-go's `ascii`
//! package: `IntFromDecimal`, hex and base64 fields, `LineReader`).
//!
//! A unit test of private modules: compiled into the library's test build
//! by `#[path]` from `lib.rs`.
extern crate std;
use std::prelude::rust_2021::*;
use std::{format, vec};

use crate::encoding::*;
use crate::lines::*;
use crate::writer::*;
use crate::{Hash, PublicKey, Signature};

#[test]
fn decimal_accepts_exactly_int_from_decimal() {
    assert_eq!(parse_decimal(b"0"), Ok(0));
    assert_eq!(parse_decimal(b"1"), Ok(1));
    assert_eq!(parse_decimal(b"9223372036854775807"), Ok(MAX_DECIMAL));
    assert_eq!(parse_decimal(b""), Err(EncodingError::DecimalEmpty));
    assert_eq!(parse_decimal(b"00"), Err(EncodingError::DecimalLeadingZero));
    assert_eq!(
        parse_decimal(b"0123456789"),
        Err(EncodingError::DecimalLeadingZero)
    );
    for bad in [
        &b"+9"[..],
        b"-1",
        b" 1",
        b"1 ",
        b"1\r",
        b"1a",
        b"0x1",
        b"01a",
    ] {
        assert_eq!(
            parse_decimal(bad),
            Err(EncodingError::DecimalSyntax),
            "{bad:?}"
        );
    }
    assert_eq!(
        parse_decimal(b"9223372036854775808"),
        Err(EncodingError::DecimalRange)
    );
    assert_eq!(
        parse_decimal(b"18446744073709551616"),
        Err(EncodingError::DecimalRange)
    );
    assert_eq!(
        parse_decimal(b"99999999999999999999999"),
        Err(EncodingError::DecimalRange)
    );
}

#[test]
fn hex_is_case_insensitive_and_exact_length() {
    let lower = b"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    let want: [u8; 32] = core::array::from_fn(|i| i as u8);
    assert_eq!(decode_hex_array::<32>(lower), Ok(want));
    assert_eq!(
        decode_hex_array::<32>(&lower.to_ascii_uppercase()),
        Ok(want)
    );
    assert_eq!(
        decode_hex_array::<32>(&lower[..63]),
        Err(EncodingError::HexLength)
    );
    assert_eq!(
        decode_hex_array::<32>(&[lower.as_slice(), b"0"].concat()),
        Err(EncodingError::HexLength)
    );
    assert_eq!(decode_hex_array::<32>(b""), Err(EncodingError::HexLength));
    let mut z = *lower;
    z[10] = b'z';
    assert_eq!(decode_hex_array::<32>(&z), Err(EncodingError::HexSyntax));
    assert_eq!(
        decode_hex_array::<2>(b"0x11"),
        Err(EncodingError::HexSyntax)
    );
}

#[test]
fn base64_is_strict() {
    let root: [u8; 32] = core::array::from_fn(|i| i as u8);
    let enc = b"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    assert_eq!(decode_base64_array::<32>(enc), Ok(root));
    // Missing padding.
    assert_eq!(
        decode_base64_array::<32>(&enc[..43]),
        Err(EncodingError::Base64Length)
    );
    // Non-zero trailing bits (Go accepts; we reject).
    let mut nz = *enc;
    nz[42] = b'9'; // 'f' -> '9' changes the 2 low bits
    assert_eq!(
        decode_base64_array::<32>(&nz),
        Err(EncodingError::Base64Syntax)
    );
    // Embedded newline (Go skips it; we reject).
    let mut nl = enc.to_vec();
    nl.insert(10, b'\n');
    assert!(decode_base64_array::<32>(&nl).is_err());
    let mut out = [0u8; 44];
    assert_eq!(encode_base64(&root, &mut out), Some(&enc[..]));
}

#[test]
fn strict_lines_keep_cr_and_need_final_newline() {
    let mut l = Lines::new(b"a=1\r\n\nb\n", LineMode::Strict);
    assert_eq!(l.next().unwrap().unwrap().text, b"a=1\r");
    let empty = l.next().unwrap().unwrap();
    assert_eq!((empty.number, empty.text), (2, &b""[..]));
    assert_eq!(l.next().unwrap().unwrap().offset, 6);
    assert!(l.next().is_none());
    let mut l = Lines::new(b"a\nb", LineMode::Strict);
    assert!(l.next().unwrap().is_ok());
    assert_eq!(l.next().unwrap(), Err(MissingNewline { line: 2 }));
    let got: Vec<_> = Lines::new(b"a\r\nb", LineMode::Lenient)
        .map(|l| l.unwrap().text)
        .collect();
    assert_eq!(got, vec![&b"a"[..], b"b"]);
}

#[test]
fn key_value_and_fields() {
    assert_eq!(split_key_value(b"a=b=c"), Some((&b"a"[..], &b"b=c"[..])));
    assert_eq!(split_key_value(b"abc"), None);
    assert_eq!(split_fields::<2>(b"x y"), Some([&b"x"[..], b"y"]));
    assert_eq!(split_fields::<2>(b"x  y"), None);
    assert_eq!(split_fields::<3>(b"x  y"), Some([&b"x"[..], b"", b"y"]));
    assert_eq!(split_fields::<2>(b"x"), None);
}

#[test]
fn writer_never_truncates() {
    let mut buf = [0u8; 8];
    let mut w = Writer::new(&mut buf);
    w.decimal(1234567).unwrap();
    assert_eq!(w.written(), b"1234567");
    assert!(w.hex(&[0xab]).is_err());
    assert_eq!(w.written(), b"1234567");
    w.byte(b'x').unwrap();
    assert!(w.byte(b'y').is_err());
    let mut buf = [0u8; 20];
    let mut w = Writer::new(&mut buf);
    w.decimal(u64::MAX).unwrap();
    assert_eq!(w.written(), b"18446744073709551615");
    let mut buf = [0u8; 1];
    let mut w = Writer::new(&mut buf);
    w.decimal(0).unwrap();
    assert_eq!(w.written(), b"0");
}

/// sigsum-go pkg/crypto/crypto_test.go Test{Valid,Invalid}{Hash,PublicKey,
/// Signature}FromHex: inc-bytes in lower and upper case accepted; "",
/// "0x11", "123z" and the 33/65-byte inc-bytes hex cut to N*2-1, N*2+1 and
/// N*2+2 digits rejected, each with its exact error.
#[test]
fn typed_from_hex_tables_from_sigsum_go() {
    fn inc_hex(n: usize) -> String {
        (0..n).map(|i| format!("{:02x}", i as u8)).collect()
    }
    fn check<T: PartialEq + core::fmt::Debug>(
        n: usize,
        parse: impl Fn(&[u8]) -> Result<T, EncodingError>,
        bytes: impl Fn(&T) -> Vec<u8>,
    ) {
        let s = inc_hex(n);
        let want: Vec<u8> = (0..n).map(|i| i as u8).collect();
        for ok in [s.clone(), s.to_uppercase()] {
            assert_eq!(bytes(&parse(ok.as_bytes()).unwrap()), want, "{ok}");
        }
        let long = inc_hex(n + 1);
        for (bad, err) in [
            ("", EncodingError::HexLength),
            ("0x11", EncodingError::HexLength),
            ("123z", EncodingError::HexLength),
            (&long[..2 * n - 1], EncodingError::HexLength),
            (&long[..2 * n + 1], EncodingError::HexLength),
            (&long[..2 * n + 2], EncodingError::HexLength),
        ] {
            assert_eq!(parse(bad.as_bytes()).err(), Some(err), "{bad:?}");
        }
        // Right length, bad digit: "0x" prefix or a 'z'.
        let prefixed = format!("0x{}", &s[2..]);
        let mut z = s.clone().into_bytes();
        z[2 * n - 1] = b'z';
        for bad in [prefixed.into_bytes(), z] {
            assert_eq!(parse(&bad).err(), Some(EncodingError::HexSyntax));
        }
    }
    check(32, Hash::from_hex, |h| h.0.to_vec());
    check(32, PublicKey::from_hex, |k| k.0.to_vec());
    check(64, Signature::from_hex, |s| s.0.to_vec());
    // TestHash.
    assert_eq!(
        crate::sha256(b"").to_string(),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
    assert_eq!(
        crate::sha256(b"abc").to_string(),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}

/// `Writer::decimal` (its own `u64` division by 10 on 16-bit limbs) against
/// `std`'s formatting: every power of ten and its neighbours, every
/// `2^k - 1`/`2^k`, the extremes, and a spread of pseudo-random values.
#[test]
fn writer_decimal_matches_std() {
    let mut values = vec![0u64, 1, 9, 10, u64::MAX, u64::MAX - 1];
    let mut p = 1u64;
    while let Some(next) = p.checked_mul(10) {
        values.extend([p - 1, p, p + 1]);
        p = next;
    }
    values.extend([p - 1, p, p + 1]);
    for k in 1..64 {
        values.extend([(1u64 << k) - 1, 1u64 << k, (1u64 << k) + 1]);
    }
    let mut x = 0x9e37_79b9_7f4a_7c15u64;
    for _ in 0..100_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        values.extend([x, x >> (x % 64)]);
    }
    for v in values {
        let want = v.to_string();
        let mut buf = [0u8; 20];
        let mut w = Writer::new(&mut buf);
        w.decimal(v).unwrap();
        assert_eq!(w.written(), want.as_bytes(), "{v}");
        // One byte short fails, never truncates.
        let mut short = vec![0u8; want.len() - 1];
        assert_eq!(
            Writer::new(&mut short).decimal(v),
            Err(BufferTooSmall),
            "{v}"
        );
    }
}

/// `encode_base64` (a plain table encoder) against base64ct's encoder, for
/// every length 0..=130 and several byte patterns; a buffer one byte short
/// fails, a longer one is used only as far as needed.
#[test]
fn encode_base64_matches_base64ct() {
    use base64ct::{Base64, Encoding};
    for len in 0..=130usize {
        for pattern in 0..4u8 {
            let data: Vec<u8> = (0..len)
                .map(|i| match pattern {
                    0 => 0,
                    1 => 0xff,
                    2 => i as u8,
                    _ => (i as u8).wrapping_mul(151).wrapping_add(77),
                })
                .collect();
            let want = Base64::encode_string(&data);
            assert_eq!(base64_len(len), want.len());
            let mut out = vec![0xaau8; want.len() + 3];
            assert_eq!(
                encode_base64(&data, &mut out),
                Some(want.as_bytes()),
                "{len} {pattern}"
            );
            assert_eq!(out[want.len()..], [0xaa; 3], "wrote past the encoding");
            if !want.is_empty() {
                let mut short = vec![0u8; want.len() - 1];
                assert_eq!(encode_base64(&data, &mut short), None);
            }
        }
    }
}

/// The fast base64 decoder accepts only what base64ct accepts, with the
/// same bytes, and accepts everything base64ct accepts (so the fast path
/// is taken for every valid input): exhaustively over every 4- and
/// 8-character string of a 12-character alphabet that covers each case
/// (letters of both cases, digits, `+`, `/`, `=`, a byte outside the
/// alphabet, zero and non-zero leftover bits), and over random strings.
#[test]
fn fast_base64_decoder_agrees_with_base64ct() {
    use base64ct::{Base64, Encoding};
    let check = |s: &[u8]| {
        let mut a = [0u8; 16];
        let mut b = [0u8; 16];
        let fast = decode_base64_fast(s, &mut a).map(|n| a[..n].to_vec());
        let ct = Base64::decode(s, &mut b).ok().map(|o| o.to_vec());
        assert_eq!(fast, ct, "{:?}", core::str::from_utf8(s));
    };
    const ALPHA: &[u8; 12] = b"AQgw/+=-a90B";
    let mut s = [0u8; 8];
    for i in 0..12usize.pow(4) {
        let mut x = i;
        for c in s.iter_mut().take(4) {
            *c = ALPHA[x % 12];
            x /= 12;
        }
        check(&s[..4]);
    }
    for i in 0..12usize.pow(8) / 1009 {
        let mut x = i * 1009 + 13;
        for c in s.iter_mut() {
            *c = ALPHA[x % 12];
            x /= 12;
        }
        check(&s);
    }
    // Random strings of lengths 0..=16 over the full alphabet and `=`.
    const FULL: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    for _ in 0..30_000 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let len = (state % 17) as usize;
        let mut buf = [0u8; 16];
        let mut r = state;
        for c in buf.iter_mut().take(len) {
            r = r.rotate_left(6) ^ 0x2545_f491_4f6c_dd1d;
            *c = FULL[(r % FULL.len() as u64) as usize];
        }
        check(&buf[..len]);
    }
    // Output buffers too small are declined (base64ct decides).
    let mut small = [0u8; 2];
    assert_eq!(decode_base64_fast(b"AAAA", &mut small), None);
    assert_eq!(
        decode_base64(b"AAAA", &mut small),
        Err(EncodingError::Base64Length)
    );
}

/// Each encoding error has its own message.
#[test]
fn encoding_error_messages() {
    use EncodingError as E;
    let all = [
        (E::DecimalEmpty, "empty decimal number"),
        (E::DecimalLeadingZero, "decimal number with a leading zero"),
        (E::DecimalSyntax, "invalid decimal number"),
        (E::DecimalRange, "decimal number above 2^63-1"),
        (E::HexLength, "hex value of the wrong length"),
        (E::HexSyntax, "invalid hex digit"),
        (E::Base64Syntax, "invalid base64"),
        (E::Base64Length, "base64 value of the wrong length"),
    ];
    for (e, text) in all {
        assert_eq!(format!("{e}"), text);
    }
}

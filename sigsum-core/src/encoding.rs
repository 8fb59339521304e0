//! Strict decoders and encoders for the text encodings Sigsum uses.
//!
//! * **Decimal** ([`parse_decimal`]): sigsum-go's `IntFromDecimal`, i.e.
//!   `0|[1-9][0-9]*` with a value of at most 2^63 - 1 ([`MAX_DECIMAL`]).
//! * **Hex** ([`decode_hex_array`]): case-insensitive on input, exact length;
//!   writers emit lowercase.
//! * **Base64** ([`decode_base64`]): RFC 4648 standard alphabet with
//!   required `=` padding. **Stricter than Go** (documented divergence): Go's
//!   `base64.StdEncoding` silently skips `\r`/`\n` inside the input and
//!   accepts non-zero trailing bits; we reject both, so every value has
//!   exactly one accepted encoding. This **does** change verdicts on
//!   crafted input: sigsum-go's checkpoint code verifies the log and
//!   witness signatures over its own canonical *re-encoding* of the parsed
//!   fields, so it accepts a checkpoint whose root line (or signature-line
//!   blob) is a non-canonical spelling of the signed value, or has a `\r`
//!   inside it. We reject such notes: C2SP signed-note signatures are over
//!   the exact text bytes, which such a note does not carry, and no honest
//!   log or witness produces them (tests: `checkpoint.rs` "non-canonical"
//!   root twin, `note.rs` trailing-bits twin, `encoding.rs`).

#[cfg(feature = "parsers")]
use base64ct::{Base64, Encoding};

/// The largest decimal value accepted anywhere in Sigsum: 2^63 - 1.
pub const MAX_DECIMAL: u64 = i64::MAX as u64;

/// Why a decimal, hex or base64 field was rejected.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EncodingError {
    /// A decimal field was empty.
    DecimalEmpty,
    /// A decimal field had a leading zero (`"01"`, `"00"`).
    DecimalLeadingZero,
    /// A decimal field contained a byte other than `0`-`9` (signs, spaces, CR).
    DecimalSyntax,
    /// A decimal value exceeded 2^63 - 1.
    DecimalRange,
    /// A hex field had the wrong number of digits.
    HexLength,
    /// A hex field contained a non-hex byte.
    HexSyntax,
    /// A base64 field was malformed: bad alphabet, missing or wrong padding,
    /// non-zero trailing bits, or embedded line breaks.
    Base64Syntax,
    /// A base64 field decoded to the wrong number of bytes.
    Base64Length,
}

impl core::fmt::Display for EncodingError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            Self::DecimalEmpty => "empty decimal number",
            Self::DecimalLeadingZero => "decimal number with a leading zero",
            Self::DecimalSyntax => "invalid decimal number",
            Self::DecimalRange => "decimal number above 2^63-1",
            Self::HexLength => "hex value of the wrong length",
            Self::HexSyntax => "invalid hex digit",
            Self::Base64Syntax => "invalid base64",
            Self::Base64Length => "base64 value of the wrong length",
        })
    }
}

#[cfg(feature = "parsers")]
/// Parse a decimal as sigsum-go's `IntFromDecimal` does: `0|[1-9][0-9]*`,
/// value at most [`MAX_DECIMAL`].
///
/// The grammar is `leading_decimal` covering the whole field; the rest
/// only says why a field is not one.
pub fn parse_decimal(s: &[u8]) -> Result<u64, EncodingError> {
    match leading_decimal(s) {
        Some((v, digits)) if digits == s.len() => Ok(v),
        // Syntax before range: an over-long digit prefix followed by a
        // non-digit is a syntax error (found by the `encoding` fuzz
        // target, regression in fuzz/regressions/encoding/).
        _ if !s.iter().all(u8::is_ascii_digit) => Err(EncodingError::DecimalSyntax),
        _ => Err(match s {
            [] => EncodingError::DecimalEmpty,
            [b'0', ..] => EncodingError::DecimalLeadingZero,
            _ => EncodingError::DecimalRange,
        }),
    }
}

#[cfg(feature = "parsers")]
/// The decimal at the start of `text`, up to the first non-digit: `(value,
/// digits)` if it is one [`parse_decimal`] accepts (`0|[1-9][0-9]*`, at
/// most 2^63 - 1), else `None`. One pass; the line matchers use it to read
/// a decimal without first finding where the field ends.
pub(crate) fn leading_decimal(text: &[u8]) -> Option<(u64, usize)> {
    let mut value = 0u64;
    let mut digits = 0usize;
    // 19 digits always fit in a u64; a 20th digit is out of range anyway.
    for &b in text.iter().take(20) {
        let d = b.wrapping_sub(b'0');
        if d > 9 {
            break;
        }
        value = value.wrapping_mul(10).wrapping_add(u64::from(d));
        digits = digits.wrapping_add(1);
    }
    let ok = match digits {
        0 | 20 => false,
        1 => true,
        _ => text.first() != Some(&b'0') && value <= MAX_DECIMAL,
    };
    ok.then_some((value, digits))
}

/// Decode exactly `2 * N` hex digits (either case) into `N` bytes.
pub fn decode_hex_array<const N: usize>(s: &[u8]) -> Result<[u8; N], EncodingError> {
    let mut out = [0u8; N];
    decode_hex_into(s, &mut out)?;
    Ok(out)
}

/// Decode exactly `2 * out.len()` hex digits (either case) into `out` (the
/// one body behind every [`decode_hex_array`] size).
fn decode_hex_into(s: &[u8], out: &mut [u8]) -> Result<(), EncodingError> {
    if s.len() != out.len().saturating_mul(2) {
        return Err(EncodingError::HexLength);
    }
    if !super::hexscan::decode(s, out) {
        return Err(EncodingError::HexSyntax);
    }
    Ok(())
}

#[cfg(feature = "parsers")]
/// Decode strict, padded, canonical base64 into `out`, returning the
/// decoded prefix of `out`.
///
/// Everything this crate decodes is public (signatures, hashes, keys), so
/// a plain, fast decoder ([`decode_base64_fast`]) runs first; base64ct's
/// strict constant-time decoder decides only when the fast one declines,
/// and so defines every error. The fast decoder accepts only what base64ct
/// accepts, with the same bytes (tested exhaustively on short inputs and
/// against random ones), so the result is base64ct's in every case.
pub fn decode_base64<'o>(s: &[u8], out: &'o mut [u8]) -> Result<&'o [u8], EncodingError> {
    if let Some(n) = decode_base64_fast(s, out) {
        return Ok(out.get(..n).unwrap_or_default());
    }
    Base64::decode(s, out).map_err(|e| match e {
        base64ct::Error::InvalidLength => EncodingError::Base64Length,
        base64ct::Error::InvalidEncoding => EncodingError::Base64Syntax,
    })
}

#[cfg(feature = "parsers")]
/// Base64 character values of the standard alphabet; 0xff elsewhere.
#[allow(clippy::indexing_slicing)] // constant evaluation: an error fails the build
const SEXTETS: [u8; 256] = {
    let mut t = [0xffu8; 256];
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut i = 0;
    while i < 64 {
        t[alphabet[i] as usize] = i as u8;
        i += 1;
    }
    t
};

#[cfg(feature = "parsers")]
/// The values of four base64 characters as one 24-bit group, or `None`
/// if one is not in the alphabet.
#[inline(always)]
fn group(quad: &[u8; 4]) -> Option<u32> {
    let [a, b, c, d] = quad.map(|x| SEXTETS.get(usize::from(x)).copied().unwrap_or(0xff));
    if (a | b | c | d) & 0xc0 != 0 {
        return None;
    }
    Some((u32::from(a) << 18) | (u32::from(b) << 12) | (u32::from(c) << 6) | u32::from(d))
}

#[cfg(feature = "parsers")]
/// Decode padded canonical base64 (RFC 4648 section 4) into `out`, or
/// `None` (the caller then asks base64ct, which gives the error): the
/// length is a multiple of 4, `=` appears only as one or two final
/// padding characters, the bits that padding leaves over are zero, and
/// `out` has room for the result. Not constant time.
pub(crate) fn decode_base64_fast(s: &[u8], out: &mut [u8]) -> Option<usize> {
    if s.len() % 4 != 0 {
        return None;
    }
    let Some(split) = s.len().checked_sub(4) else {
        return Some(0);
    };
    let (body, last) = s.split_at(split);
    let full = (body.len() / 4).checked_mul(3)?;
    let (out_body, out_last) = out.split_at_mut_checked(full)?;
    for (quad, dst) in body.chunks_exact(4).zip(out_body.chunks_exact_mut(3)) {
        let v = group(<&[u8; 4]>::try_from(quad).ok()?)?;
        let [_, x, y, z] = v.to_be_bytes();
        <&mut [u8; 3]>::try_from(dst)
            .ok()?
            .copy_from_slice(&[x, y, z]);
    }
    let &[a, b, c, d] = <&[u8; 4]>::try_from(last).ok()?;
    let (quad, bytes, spare_bits) = match (c, d) {
        (b'=', b'=') => ([a, b, b'A', b'A'], 1, 0xffff),
        (_, b'=') => ([a, b, c, b'A'], 2, 0xff),
        _ => ([a, b, c, d], 3, 0),
    };
    let v = group(&quad)?;
    // Canonical: the bits the padding leaves over are zero.
    if v & spare_bits != 0 {
        return None;
    }
    let [_, x, y, z] = v.to_be_bytes();
    out_last
        .get_mut(..bytes)?
        .copy_from_slice([x, y, z].get(..bytes)?);
    full.checked_add(bytes)
}

#[cfg(feature = "parsers")]
/// Decode padded canonical base64 of any length without a buffer of its
/// size: `each` receives the decoded bytes in order, in runs of at most 72
/// bytes. On error, `each` may have seen a prefix.
pub(crate) fn decode_base64_runs(
    encoded: &[u8],
    mut each: impl FnMut(&[u8]),
) -> Result<(), EncodingError> {
    // Runs of 96 characters (72 bytes): a multiple of 4, so padding can
    // only be in the last run, and few calls into the (constant-time,
    // setup-heavy) decoder per line.
    const RUN: usize = 96;
    if encoded.len() % 4 != 0 {
        return Err(EncodingError::Base64Syntax);
    }
    let mut runs = encoded.chunks(RUN).peekable();
    while let Some(run) = runs.next() {
        if runs.peek().is_some() && run.contains(&b'=') {
            return Err(EncodingError::Base64Syntax);
        }
        let mut out = [0u8; RUN / 4 * 3];
        each(decode_base64(run, &mut out)?);
    }
    Ok(())
}

#[cfg(feature = "parsers")]
/// Decode strict base64 that must yield exactly `N` bytes.
pub fn decode_base64_array<const N: usize>(s: &[u8]) -> Result<[u8; N], EncodingError> {
    // Exact encoded length first, so longer input is a length error and never
    // a buffer overrun.
    if s.len() != base64_len(N) {
        return Err(EncodingError::Base64Length);
    }
    let mut out = [0u8; N];
    let n = decode_base64(s, &mut out)?.len();
    if n != N {
        return Err(EncodingError::Base64Length);
    }
    Ok(out)
}

/// Length of the padded base64 encoding of `n` bytes (saturating).
pub const fn base64_len(n: usize) -> usize {
    n.div_ceil(3).saturating_mul(4)
}

/// Lowercase hex digit for a nibble.
pub(crate) fn hex_digit(n: u8) -> u8 {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    DIGITS.get(usize::from(n & 0x0f)).copied().unwrap_or(b'0')
}

/// Encode `bytes` as padded base64 into `out`, returning the encoded
/// prefix; `None` if `out` is shorter than [`base64_len`]`(bytes.len())`.
///
/// A plain table lookup, not constant time: everything Sigsum encodes is
/// public (root hashes in checkpoint bodies, keys). It is a third the size
/// of base64ct's constant-time encoder on small targets; decoding stays
/// with base64ct (strict and canonical).
pub fn encode_base64<'o>(bytes: &[u8], out: &'o mut [u8]) -> Option<&'o [u8]> {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let sextet = |v: u32, shift: u32| {
        ALPHABET
            .get(((v >> shift) & 0x3f) as usize)
            .copied()
            .unwrap_or(b'=')
    };
    let out = out.get_mut(..base64_len(bytes.len()))?;
    for (chunk, quad) in bytes.chunks(3).zip(out.chunks_exact_mut(4)) {
        let [a, b, c] = [0, 1, 2].map(|i| chunk.get(i).copied().map_or(0, u32::from));
        let v = (a << 16) | (b << 8) | c;
        let n = chunk.len();
        // Output character i needs input bytes up to i - 1; the rest pad.
        for (i, (o, shift)) in quad.iter_mut().zip([18, 12, 6, 0]).enumerate() {
            *o = if i <= n { sextet(v, shift) } else { b'=' };
        }
    }
    Some(out)
}

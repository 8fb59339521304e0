//! Fast hex checking and decoding, a machine word of characters at a time
//! (SWAR on a `usize`: 8 on 64-bit targets, 4 on 32-bit), for the proof and
//! tree-head parsers.
//!
//! The accepted set is exactly the `hex` crate's: `[0-9a-fA-F]`. Checking
//! is separate from decoding so that parsers can validate a field without
//! decoding it, and decode it later (infallibly in practice) when it is
//! used. Nothing here is constant time: hex in Sigsum texts is public.

/// The machine word the scans work on: eight characters at a time on
/// 64-bit targets, four on 32-bit ones (where `u64` arithmetic would cost
/// code size and speed).
type Word = usize;
/// Bytes in a [`Word`].
const WORD: usize = core::mem::size_of::<Word>();
/// `0x01` in every byte.
const ONES: Word = Word::MAX / 0xff;
/// Every byte's high bit.
const HIGH: Word = ONES << 7;
/// `0x00ff` in every 16-bit lane.
const EVEN_BYTES: Word = Word::MAX / 0xffff * 0xff;
/// `0x0000_ffff` in every 32-bit lane.
const EVEN_PAIRS: Word = Word::MAX / 0xffff_ffff * 0xffff;

/// `c` in every byte.
const fn splat(c: u8) -> Word {
    ONES.wrapping_mul(c as Word)
}

/// The high bit of each byte of `w` (all bytes < 0x80) is set iff the byte
/// is in `lo..=hi`. Each byte sum stays below 0x100, so no carry crosses a
/// byte.
#[inline]
fn in_range(w: Word, lo: u8, hi: u8) -> Word {
    let ge_lo = w.wrapping_add(splat(0x80u8.wrapping_sub(lo)));
    let gt_hi = w.wrapping_add(splat(0x7fu8.wrapping_sub(hi)));
    ge_lo & !gt_hi
}

/// Zero iff all bytes of `w` are hex digits (either case); else some
/// high bit is set. Branch-free, so callers can OR many words together.
#[inline]
fn word_not_hex(w: Word) -> Word {
    let digit = in_range(w, b'0', b'9');
    let letter = in_range(w | splat(0x20), b'a', b'f');
    (w | !(digit | letter)) & HIGH
}

/// The first [`WORD`] bytes of `chunk` (little-endian; zeros if short).
#[inline]
fn load(chunk: &[u8]) -> Word {
    let mut b = [0u8; WORD];
    if let Some(src) = chunk.get(..WORD) {
        b.copy_from_slice(src);
    }
    Word::from_le_bytes(b)
}

/// The value of one hex digit, or `None`.
#[inline]
fn nibble(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c.wrapping_sub(b'0')),
        b'a'..=b'f' => Some(c.wrapping_sub(0x57)), // b'a' - 10
        b'A'..=b'F' => Some(c.wrapping_sub(0x37)), // b'A' - 10
        _ => None,
    }
}

#[cfg(feature = "parsers")]
/// `true` iff every byte of `s` is a hex digit (either case).
pub(crate) fn is_hex(s: &[u8]) -> bool {
    let mut chunks = s.chunks_exact(WORD);
    let bad = (&mut chunks).fold(0, |acc, c| acc | word_not_hex(load(c)));
    bad == 0 && chunks.remainder().iter().all(|c| nibble(*c).is_some())
}

/// Decode `2 * out.len()` hex digits (either case) into `out`; `false` if
/// the length is wrong or a byte is not a hex digit (then `out` holds
/// garbage).
pub(crate) fn decode(s: &[u8], out: &mut [u8]) -> bool {
    if s.len() != out.len().saturating_mul(2) {
        return false;
    }
    let mut chunks = s.chunks_exact(WORD);
    let mut outs = out.chunks_exact_mut(WORD / 2);
    let mut bad: Word = 0;
    for (c, o) in (&mut chunks).zip(&mut outs) {
        let w = load(c);
        bad |= word_not_hex(w);
        // Digit value: low nibble, plus 9 for letters (bit 6 set).
        let n = (w & splat(0x0f)).wrapping_add(((w >> 6) & ONES).wrapping_mul(9));
        // Byte 2i becomes (n[2i] << 4) | n[2i + 1]; then gather the even
        // bytes into the low half (the `>> 16` step is a no-op on 32-bit).
        let t = ((n << 4) | (n >> 8)) & EVEN_BYTES;
        let t = (t | (t >> 8)) & EVEN_PAIRS;
        let t = (t | (t >> 16)) as u32;
        if let Some(bytes) = t.to_le_bytes().get(..WORD / 2) {
            o.copy_from_slice(bytes);
        }
    }
    if bad != 0 {
        return false;
    }
    let rest = chunks.remainder();
    let out_rest = outs.into_remainder();
    for (pair, o) in rest.chunks_exact(2).zip(out_rest.iter_mut()) {
        let (Some(&h), Some(&l)) = (pair.first(), pair.get(1)) else {
            return false;
        };
        let (Some(h), Some(l)) = (nibble(h), nibble(l)) else {
            return false;
        };
        *o = (h << 4) | l;
    }
    true
}

#[cfg(feature = "parsers")]
/// Whether two validated hex strings are equal ignoring case (for hex
/// digits, `| 0x20` lowercases letters and keeps digits). Compares a word
/// at a time and stops at the first difference.
pub(crate) fn eq_ignore_case(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let (mut ca, mut cb) = (a.chunks_exact(WORD), b.chunks_exact(WORD));
    let words_eq = (&mut ca)
        .zip(&mut cb)
        .all(|(x, y)| load(x) | splat(0x20) == load(y) | splat(0x20));
    words_eq && ca.remainder().eq_ignore_ascii_case(cb.remainder())
}

#[cfg(all(test, feature = "parsers"))]
mod tests {
    use super::*;

    #[test]
    fn every_byte_in_every_position() {
        for pos in 0..10usize {
            for b in 0..=255u8 {
                let mut s = *b"0123456789";
                s[pos] = b;
                let want = b.is_ascii_hexdigit();
                assert_eq!(is_hex(&s), want, "{b:#x} at {pos}");
                let mut out = [0u8; 5];
                assert_eq!(decode(&s, &mut out), want);
                if want {
                    let mut expect = [0u8; 5];
                    hex::decode_to_slice(s, &mut expect).unwrap();
                    assert_eq!(out, expect);
                }
            }
        }
    }

    #[test]
    fn lengths_and_case() {
        let mut out = [0u8; 32];
        let s = b"4E89cc51651f0d95f3c6127c15e1a42e3ddf7046c5b17b752689c402e773bb4D";
        assert!(decode(s, &mut out));
        assert_eq!(out[0], 0x4e);
        assert_eq!(out[31], 0x4d);
        assert!(!decode(&s[1..], &mut out));
        assert!(!decode(&s[2..], &mut out));
        assert!(eq_ignore_case(s, &s.to_ascii_lowercase()));
        let mut t = *s;
        t[63] = b'e';
        assert!(!eq_ignore_case(s, &t));
        assert!(!eq_ignore_case(s, &s[1..]));
    }
}

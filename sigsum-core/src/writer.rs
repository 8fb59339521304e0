//! Formatting into caller-provided buffers.

use crate::encoding::{encode_base64, hex_digit};

/// The output buffer was too small for the formatted value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BufferTooSmall;

impl core::fmt::Display for BufferTooSmall {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("output buffer too small")
    }
}

/// Appends bytes to a caller-provided buffer, failing (never truncating)
/// when it is full.
#[derive(Debug)]
pub struct Writer<'a> {
    buf: &'a mut [u8],
    len: usize,
}

impl<'a> Writer<'a> {
    /// Write into `buf`, starting at its beginning.
    pub fn new(buf: &'a mut [u8]) -> Self {
        Writer { buf, len: 0 }
    }

    /// Number of bytes written so far.
    pub fn len(&self) -> usize {
        self.len
    }

    #[cfg(feature = "tools")]
    /// `true` if nothing was written yet.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    #[cfg(feature = "tools")]
    /// The bytes written so far.
    pub fn written(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or_default()
    }

    #[cfg(feature = "tools")]
    /// Finish, returning the written prefix of the buffer.
    pub fn into_written(self) -> &'a mut [u8] {
        let len = self.len;
        self.buf.get_mut(..len).unwrap_or_default()
    }

    /// Reserve `n` bytes at the end and return them.
    fn reserve(&mut self, n: usize) -> Result<&mut [u8], BufferTooSmall> {
        let end = self.len.checked_add(n).ok_or(BufferTooSmall)?;
        let out = self.buf.get_mut(self.len..end).ok_or(BufferTooSmall)?;
        self.len = end;
        Ok(out)
    }

    /// Append raw bytes.
    pub fn bytes(&mut self, data: &[u8]) -> Result<(), BufferTooSmall> {
        self.reserve(data.len())?.copy_from_slice(data);
        Ok(())
    }

    /// Append one byte.
    pub fn byte(&mut self, b: u8) -> Result<(), BufferTooSmall> {
        self.bytes(&[b])
    }

    /// Append lowercase hex.
    pub fn hex(&mut self, data: &[u8]) -> Result<(), BufferTooSmall> {
        let out = self.reserve(data.len().checked_mul(2).ok_or(BufferTooSmall)?)?;
        for (pair, b) in out.chunks_exact_mut(2).zip(data) {
            if let [hi, lo] = pair {
                *hi = hex_digit(b >> 4);
                *lo = hex_digit(*b);
            }
        }
        Ok(())
    }

    /// Append a decimal number (no leading zeros).
    pub fn decimal(&mut self, mut v: u64) -> Result<(), BufferTooSmall> {
        let mut digits = [0u8; 20];
        let mut i = digits.len();
        loop {
            i = i.saturating_sub(1);
            let (q, r) = div10(v);
            if let Some(d) = digits.get_mut(i) {
                *d = b'0'.wrapping_add(r);
            }
            v = q;
            if v == 0 || i == 0 {
                break;
            }
        }
        self.bytes(digits.get(i..).unwrap_or_default())
    }

    /// Append padded base64.
    pub fn base64(&mut self, data: &[u8]) -> Result<(), BufferTooSmall> {
        let n = crate::encoding::base64_len(data.len());
        let out = self.reserve(n)?;
        encode_base64(data, out).map(|_| ()).ok_or(BufferTooSmall)
    }
}

/// `(v / 10, v % 10)` by schoolbook division of 16-bit limbs in `u32`.
///
/// On 32-bit targets a `u64` division links the 0.9 KB `__udivmoddi4`;
/// this needs only `u32` division by a constant (a multiply). Every
/// intermediate `r << 16 | limb` is below `10 << 16`.
fn div10(v: u64) -> (u64, u8) {
    let mut q = 0u64;
    let mut r = 0u32;
    for shift in [48u32, 32, 16, 0] {
        let cur = (r << 16) | (((v >> shift) as u32) & 0xffff);
        q |= u64::from(cur / 10) << shift;
        r = cur % 10;
    }
    (q, r as u8)
}

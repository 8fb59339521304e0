//! A cursor over the caller's bytes for the binary formats: fixed-size
//! fields, little-endian integers and minimal LEB128 (BARE `uint`), each
//! failure reported with the offset where the field starts.

use super::error::{BinaryError, BinaryErrorKind};

/// The longest LEB128 encoding of a `u64` (BARE's limit).
pub(crate) const MAX_LEB128_LEN: usize = 10;

/// Reads fields front to back; never panics, never reads past the end.
#[derive(Clone, Debug)]
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, pos: 0 }
    }

    /// Offset of the next unread byte.
    pub(crate) fn offset(&self) -> usize {
        self.pos
    }

    /// An error at the current offset.
    pub(crate) fn error(&self, kind: BinaryErrorKind) -> BinaryError {
        BinaryError {
            offset: self.pos,
            kind,
        }
    }

    /// The next `n` bytes.
    pub(crate) fn take(&mut self, n: usize, field: &'static str) -> Result<&'a [u8], BinaryError> {
        let end = self
            .pos
            .checked_add(n)
            .ok_or(self.error(BinaryErrorKind::Truncated { field }))?;
        let out = self
            .bytes
            .get(self.pos..end)
            .ok_or(self.error(BinaryErrorKind::Truncated { field }))?;
        self.pos = end;
        Ok(out)
    }

    /// The next `N` bytes as an array.
    pub(crate) fn array<const N: usize>(
        &mut self,
        field: &'static str,
    ) -> Result<[u8; N], BinaryError> {
        let start = self.pos;
        let bytes = self.take(N, field)?;
        <[u8; N]>::try_from(bytes).map_err(|_| BinaryError {
            offset: start,
            kind: BinaryErrorKind::Truncated { field },
        })
    }

    /// One byte.
    pub(crate) fn u8(&mut self, field: &'static str) -> Result<u8, BinaryError> {
        self.array::<1>(field).map(|[b]| b)
    }

    /// A little-endian `u64`.
    pub(crate) fn u64_le(&mut self, field: &'static str) -> Result<u64, BinaryError> {
        self.array::<8>(field).map(u64::from_le_bytes)
    }

    /// A BARE `uint`: LEB128, at most 10 bytes, minimal (no trailing
    /// `0x80 .. 0x00` groups), fitting in 64 bits.
    pub(crate) fn uleb(&mut self, field: &'static str) -> Result<u64, BinaryError> {
        let start = self.pos;
        let at = |kind| BinaryError {
            offset: start,
            kind,
        };
        let mut value = 0u64;
        for i in 0..MAX_LEB128_LEN {
            let Some(&b) = self.bytes.get(self.pos) else {
                return Err(at(BinaryErrorKind::Truncated { field }));
            };
            self.pos = self.pos.saturating_add(1);
            let shift = u32::try_from(i).unwrap_or(u32::MAX).saturating_mul(7);
            let bits = u64::from(b & 0x7f);
            // The tenth byte holds bit 63 only.
            if i == MAX_LEB128_LEN - 1 && bits > 1 {
                return Err(at(BinaryErrorKind::Leb128Overflow { field }));
            }
            value |= bits.checked_shl(shift).unwrap_or(0);
            if b & 0x80 == 0 {
                if b == 0 && i > 0 {
                    return Err(at(BinaryErrorKind::NonMinimalLeb128 { field }));
                }
                return Ok(value);
            }
        }
        Err(at(BinaryErrorKind::Leb128Overflow { field }))
    }

    /// A BARE `uint` that must be at most `max`.
    pub(crate) fn uleb_max(&mut self, field: &'static str, max: u64) -> Result<u64, BinaryError> {
        let start = self.pos;
        let value = self.uleb(field)?;
        if value > max {
            return Err(BinaryError {
                offset: start,
                kind: BinaryErrorKind::ValueTooLarge { field, max },
            });
        }
        Ok(value)
    }

    /// `true` if every byte was read.
    pub(crate) fn is_empty(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    /// The unread bytes.
    pub(crate) fn rest(&self) -> &'a [u8] {
        self.bytes.get(self.pos..).unwrap_or_default()
    }

    /// Fail with [`BinaryErrorKind::TrailingBytes`] unless every byte was
    /// read.
    pub(crate) fn finish(&self) -> Result<(), BinaryError> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self.error(BinaryErrorKind::TrailingBytes))
        }
    }
}

/// Append the minimal LEB128 encoding of `value` to `out`; returns the
/// number of bytes (at most [`MAX_LEB128_LEN`]).
#[cfg(all(feature = "tools", feature = "parsers"))]
pub(crate) fn encode_uleb(mut value: u64, out: &mut [u8; MAX_LEB128_LEN]) -> usize {
    let mut n = 0usize;
    for slot in out.iter_mut() {
        let low = u8::try_from(value & 0x7f).unwrap_or(0);
        value >>= 7;
        n = n.saturating_add(1);
        if value == 0 {
            *slot = low;
            break;
        }
        *slot = low | 0x80;
    }
    n
}

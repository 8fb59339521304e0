//! The only place that turns C pointers into Rust values (with
//! `crate::policy::policy_in` for loaded policies).
//!
//! Rules, the same for every entry point:
//!
//! * A NULL required pointer is `SIGSUM_STATUS_NULL_PARAMETER`; a buffer
//!   `(NULL, 0)` is the empty buffer, `(NULL, n > 0)` is
//!   `SIGSUM_STATUS_NULL_PARAMETER`, and a length above `isize::MAX` (or a
//!   count whose byte size overflows) is `SIGSUM_STATUS_INVALID_PARAMETER`.
//! * Fixed-size input structs are copied with an unaligned read, and outputs
//!   are written with an unaligned write (or `ptr::copy`, which allows
//!   overlap) **only at the very end, on success**, so no Rust reference to
//!   caller memory ever aliases an output, and any address works.
//! * What is borrowed in place (arrays, a loaded policy) must be aligned
//!   for its type: a misaligned pointer is `SIGSUM_STATUS_INVALID_PARAMETER`
//!   and is never dereferenced. (Arrays of hashes and keys have alignment
//!   1.)

use core::ptr::NonNull;

use crate::status::sigsum_status;
use crate::types::sigsum_hash;

/// Copy a fixed-size input value out of caller memory.
///
/// # Safety
///
/// If `ptr` is not NULL it must be valid for reads of `size_of::<T>()`
/// bytes (any alignment).
pub(crate) unsafe fn read_in<T: Copy>(ptr: *const T) -> Result<T, sigsum_status> {
    if ptr.is_null() {
        return Err(sigsum_status::NullParameter);
    }
    // SAFETY: non-NULL and valid for reads per the caller's contract; the
    // read is unaligned so any alignment works, and T is plain old data.
    Ok(unsafe { ptr.read_unaligned() })
}

/// Borrow an input byte buffer. `(NULL, 0)` is the empty buffer.
///
/// # Safety
///
/// If `ptr` is not NULL it must be valid for reads of `len` bytes, and the
/// bytes must not be modified during the call.
pub(crate) unsafe fn bytes_in<'a>(ptr: *const u8, len: usize) -> Result<&'a [u8], sigsum_status> {
    if len > isize::MAX as usize {
        return Err(sigsum_status::InvalidParameter);
    }
    if ptr.is_null() {
        return if len == 0 {
            Ok(&[])
        } else {
            Err(sigsum_status::NullParameter)
        };
    }
    // SAFETY: non-NULL, valid for `len` bytes and unmodified per the
    // caller's contract; `len <= isize::MAX`; u8 has alignment 1.
    Ok(unsafe { core::slice::from_raw_parts(ptr, len) })
}

/// Borrow an input array of `count` plain values. `(NULL, 0)` is the
/// empty array; a misaligned pointer is `SIGSUM_STATUS_INVALID_PARAMETER`.
///
/// # Safety
///
/// If `ptr` is not NULL it must be valid for reads of `count` values of a
/// plain-old-data type `T` (every bit pattern valid), which must not be
/// modified during the call.
pub(crate) unsafe fn array_in<'a, T: Copy>(
    ptr: *const T,
    count: usize,
) -> Result<&'a [T], sigsum_status> {
    let bytes = count
        .checked_mul(core::mem::size_of::<T>())
        .ok_or(sigsum_status::InvalidParameter)?;
    if bytes > isize::MAX as usize {
        return Err(sigsum_status::InvalidParameter);
    }
    if ptr.is_null() {
        return if count == 0 {
            Ok(&[])
        } else {
            Err(sigsum_status::NullParameter)
        };
    }
    if !ptr.is_aligned() {
        return Err(sigsum_status::InvalidParameter);
    }
    // SAFETY: non-NULL, aligned, valid for `count` values and unmodified per
    // the caller's contract; the total size is at most isize::MAX.
    Ok(unsafe { core::slice::from_raw_parts(ptr, count) })
}

/// [`array_in`] for hashes.
///
/// # Safety
///
/// As [`array_in`].
pub(crate) unsafe fn hashes_in<'a>(
    ptr: *const sigsum_hash,
    count: usize,
) -> Result<&'a [sigsum_hash], sigsum_status> {
    // SAFETY: forwarded; sigsum_hash is a plain byte array.
    unsafe { array_in(ptr, count) }
}

/// An output location checked for NULL, written only on success.
pub(crate) struct Out<T>(NonNull<T>);

/// Check the pointer to caller storage that a function fills in place
/// (a `sigsum_policy`, `sigsum_prepared_policy` or `sigsum_batch`): NULL
/// is `NullParameter`, a misaligned one `InvalidParameter`.
pub(crate) fn storage_out<T>(out: *mut T) -> Result<*mut T, sigsum_status> {
    if out.is_null() {
        return Err(sigsum_status::NullParameter);
    }
    if !out.is_aligned() {
        return Err(sigsum_status::InvalidParameter);
    }
    Ok(out)
}

impl<T> Out<T> {
    /// Check a required output pointer.
    pub(crate) fn new(ptr: *mut T) -> Result<Self, sigsum_status> {
        NonNull::new(ptr)
            .map(Out)
            .ok_or(sigsum_status::NullParameter)
    }

    /// An optional output pointer: NULL means "not wanted".
    pub(crate) fn optional(ptr: *mut T) -> Option<Self> {
        NonNull::new(ptr).map(Out)
    }

    /// Store `value`.
    ///
    /// # Safety
    ///
    /// The pointer given to [`Out::new`] must be valid for writes of
    /// `size_of::<T>()` bytes (any alignment).
    pub(crate) unsafe fn write(self, value: T) {
        // SAFETY: non-NULL (checked in `new`) and writable per the caller's
        // contract; unaligned write, so any alignment works.
        unsafe { self.0.as_ptr().write_unaligned(value) }
    }
}

/// A caller output byte buffer `(ptr, capacity)`, written only on success.
pub(crate) struct OutBuf {
    ptr: *mut u8,
    cap: usize,
}

impl OutBuf {
    /// Check an output buffer: `(NULL, 0)` is an empty buffer.
    pub(crate) fn new(ptr: *mut u8, cap: usize) -> Result<Self, sigsum_status> {
        if cap > isize::MAX as usize {
            return Err(sigsum_status::InvalidParameter);
        }
        if ptr.is_null() && cap != 0 {
            return Err(sigsum_status::NullParameter);
        }
        Ok(OutBuf { ptr, cap })
    }

    /// Copy `data` to the start of the buffer, or fail with
    /// `SIGSUM_STATUS_BUFFER_TOO_SMALL` without writing anything.
    ///
    /// # Safety
    ///
    /// The buffer given to [`OutBuf::new`] must be valid for writes of `cap`
    /// bytes. It may overlap `data` (the copy is a `memmove`).
    pub(crate) unsafe fn write(self, data: &[u8]) -> Result<(), sigsum_status> {
        if data.len() > self.cap {
            return Err(sigsum_status::BufferTooSmall);
        }
        if data.is_empty() {
            return Ok(());
        }
        // SAFETY: `ptr` is non-NULL (cap >= len > 0) and valid for `cap >=
        // data.len()` bytes per the caller's contract; `copy` allows overlap.
        unsafe { core::ptr::copy(data.as_ptr(), self.ptr, data.len()) };
        Ok(())
    }
}

/// A caller output array of `cap` elements, written only on success.
pub(crate) struct OutArray<T> {
    ptr: *mut T,
    cap: usize,
}

impl<T> OutArray<T> {
    /// Check an optional output array: `(NULL, 0)` means "not wanted";
    /// `(NULL, n > 0)` is an error.
    pub(crate) fn optional(ptr: *mut T, cap: usize) -> Result<Option<Self>, sigsum_status> {
        let bytes = cap
            .checked_mul(core::mem::size_of::<T>())
            .ok_or(sigsum_status::InvalidParameter)?;
        if bytes > isize::MAX as usize {
            return Err(sigsum_status::InvalidParameter);
        }
        match (ptr.is_null(), cap) {
            (true, 0) => Ok(None),
            (true, _) => Err(sigsum_status::NullParameter),
            (false, _) => Ok(Some(OutArray { ptr, cap })),
        }
    }

    /// The capacity in elements.
    pub(crate) fn capacity(&self) -> usize {
        self.cap
    }

    /// Write `items` to the start of the array; the caller has checked that
    /// they fit (extra items are dropped, never written out of bounds).
    ///
    /// # Safety
    ///
    /// The array given to [`OutArray::optional`] must be writable for `cap`
    /// elements (any alignment).
    pub(crate) unsafe fn write(self, items: impl Iterator<Item = T>) {
        for (i, item) in items.take(self.cap).enumerate() {
            // SAFETY: i < cap, so the element is inside the caller's
            // writable array; unaligned write, any alignment works.
            unsafe { self.ptr.add(i).write_unaligned(item) };
        }
    }
}

/// A byte output `(out, out_cap, out_len)`: `data` goes to the buffer and
/// its length to `*out_len`, or neither is written
/// (`SIGSUM_STATUS_BUFFER_TOO_SMALL`).
///
/// # Safety
///
/// `out` NULL (with `out_cap` 0) or writable for `out_cap` bytes; `out_len`
/// NULL or writable.
pub(crate) unsafe fn write_bytes(
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
    data: &[u8],
) -> Result<(), sigsum_status> {
    let dst = OutBuf::new(out, out_cap)?;
    let len = Out::new(out_len)?;
    // SAFETY: forwarded from the caller's contract.
    unsafe { dst.write(data) }?;
    // SAFETY: forwarded from the caller's contract.
    unsafe { len.write(data.len()) };
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An output array of more than `isize::MAX` bytes is refused before
    /// any use, as Rust slices cannot be that long.
    #[test]
    fn output_arrays_over_isize_max_bytes_are_refused() {
        let ptr = core::ptr::NonNull::<[u8; 32]>::dangling().as_ptr();
        let over = (isize::MAX as usize) / 32 + 1;
        assert!(matches!(
            OutArray::optional(ptr, over),
            Err(sigsum_status::InvalidParameter)
        ));
        assert!(matches!(OutArray::optional(ptr, over - 1), Ok(Some(_))));
        assert!(matches!(
            OutArray::optional(core::ptr::null_mut::<[u8; 32]>(), 0),
            Ok(None)
        ));
    }
}

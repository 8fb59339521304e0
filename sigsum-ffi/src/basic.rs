//! Hashes, key hashes, hex and decimal.

use core::ffi::c_char;

use sigsum_core::{parse_decimal, sha256, Hash, PublicKey, Signature, Writer};

use crate::ffi::{bytes_in, read_in, Out, OutBuf};
use crate::panic::ffi_status;
use crate::status::sigsum_status;
use crate::types::{sigsum_hash, sigsum_public_key, sigsum_signature, SIGSUM_HASH_HEX_SIZE};

/// Bytes of a C text argument.
///
/// # Safety
///
/// As [`bytes_in`].
pub(crate) unsafe fn text_in<'a>(
    ptr: *const c_char,
    len: usize,
) -> Result<&'a [u8], sigsum_status> {
    // SAFETY: forwarded; c_char and u8 have the same size and alignment.
    unsafe { bytes_in(ptr.cast::<u8>(), len) }
}

/// The key hash of `public_key`: SHA-256 of its 32 raw bytes. Key hashes
/// name logs, witnesses and submitters everywhere in Sigsum.
///
/// Writes `*key_hash` only on success. Fails only with
/// `SIGSUM_STATUS_NULL_PARAMETER`.
///
/// # Safety
///
/// `public_key` must be readable; `key_hash` writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_key_hash(
    public_key: *const sigsum_public_key,
    key_hash: *mut sigsum_hash,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let key = unsafe { read_in(public_key) }?;
        let out = Out::new(key_hash)?;
        let h = PublicKey::from(key).key_hash();
        // SAFETY: writable per contract.
        unsafe { out.write(h.into()) };
        Ok(())
    })
}

/// SHA-256 of `data` (`data_len` bytes; `(NULL, 0)` is the empty input).
///
/// Writes `*hash` only on success.
///
/// # Safety
///
/// `data` must be readable for `data_len` bytes; `hash` writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_sha256(
    data: *const u8,
    data_len: usize,
    hash: *mut sigsum_hash,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let data = unsafe { bytes_in(data, data_len) }?;
        let out = Out::new(hash)?;
        let h = sha256(data);
        // SAFETY: writable per contract.
        unsafe { out.write(h.into()) };
        Ok(())
    })
}

/// Shared body of the `*_from_hex` functions.
///
/// # Safety
///
/// `hex` readable for `hex_len` bytes; `out` writable.
unsafe fn from_hex<C, R>(
    hex: *const c_char,
    hex_len: usize,
    out: *mut C,
    decode: fn(&[u8]) -> Result<R, sigsum_core::EncodingError>,
) -> sigsum_status
where
    C: From<R>,
{
    ffi_status(|| {
        // SAFETY: forwarded from the caller's contract.
        let hex = unsafe { text_in(hex, hex_len) }?;
        let out = Out::new(out)?;
        let v = decode(hex)?;
        // SAFETY: writable per the caller's contract.
        unsafe { out.write(C::from(v)) };
        Ok(())
    })
}

/// Decode a hash from exactly 64 hex digits.
///
/// Digits may be upper or lower case; there must be exactly two per byte
/// (`SIGSUM_STATUS_HEX_LENGTH`) and nothing else (`SIGSUM_STATUS_HEX_SYNTAX`:
/// no spaces, no newline). Writes `*out` only on success.
///
/// # Safety
///
/// `hex` must be readable for `hex_len` bytes; `out` writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_hash_from_hex(
    hex: *const c_char,
    hex_len: usize,
    out: *mut sigsum_hash,
) -> sigsum_status {
    // SAFETY: forwarded from this function's contract.
    unsafe { from_hex(hex, hex_len, out, Hash::from_hex) }
}

/// Decode a raw Ed25519 public key from exactly 64 hex digits (the format
/// of sigsum-go's hex key files, without the newline).
///
/// Same rules and errors as `sigsum_hash_from_hex`. Writes `*out` only on
/// success.
///
/// # Safety
///
/// `hex` must be readable for `hex_len` bytes; `out` writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_public_key_from_hex(
    hex: *const c_char,
    hex_len: usize,
    out: *mut sigsum_public_key,
) -> sigsum_status {
    // SAFETY: forwarded from this function's contract.
    unsafe { from_hex(hex, hex_len, out, PublicKey::from_hex) }
}

/// Decode an Ed25519 signature from exactly 128 hex digits.
///
/// Same rules and errors as `sigsum_hash_from_hex`. Writes `*out` only on
/// success.
///
/// # Safety
///
/// `hex` must be readable for `hex_len` bytes; `out` writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_signature_from_hex(
    hex: *const c_char,
    hex_len: usize,
    out: *mut sigsum_signature,
) -> sigsum_status {
    // SAFETY: forwarded from this function's contract.
    unsafe { from_hex(hex, hex_len, out, Signature::from_hex) }
}

/// Write `hash` as 64 lowercase hex digits and a terminating NUL into `out`,
/// which must hold `SIGSUM_HASH_HEX_SIZE` (65) bytes.
///
/// Writes `out` only on success.
///
/// # Safety
///
/// `hash` must be readable; `out` writable for 65 bytes.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_hash_to_hex(
    hash: *const sigsum_hash,
    out: *mut c_char,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let h = unsafe { read_in(hash) }?;
        if out.is_null() {
            return Err(sigsum_status::NullParameter);
        }
        let dst = OutBuf::new(out.cast::<u8>(), SIGSUM_HASH_HEX_SIZE)?;
        let mut buf = [0u8; SIGSUM_HASH_HEX_SIZE];
        let mut w = Writer::new(&mut buf);
        w.hex(&h.bytes)?;
        w.byte(0)?;
        // SAFETY: writable for 65 bytes per contract.
        unsafe { dst.write(&buf) }
    })
}

/// Parse a decimal number as Sigsum does everywhere: `0` or a non-zero
/// digit followed by digits (no sign, space or leading zero), at most
/// 2^63 - 1 (`SIGSUM_STATUS_DECIMAL_*` on failure).
///
/// Writes `*value` only on success.
///
/// # Safety
///
/// `text` must be readable for `text_len` bytes; `value` writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_parse_decimal(
    text: *const c_char,
    text_len: usize,
    value: *mut u64,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let text = unsafe { text_in(text, text_len) }?;
        let out = Out::new(value)?;
        let v = parse_decimal(text)?;
        // SAFETY: writable per contract.
        unsafe { out.write(v) };
        Ok(())
    })
}

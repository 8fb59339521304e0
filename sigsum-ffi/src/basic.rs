//! Hashes: SHA-256 of data, hex hashes, key hashes.

use core::ffi::c_char;

use sigsum_core::{sha256, Hash};

use crate::detail::{sigsum_detail, sigsum_step, with_detail};
use crate::ffi::{bytes_in, read_in, Out};
use crate::panic::ffi_status;
use crate::status::sigsum_status;
use crate::types::{sigsum_hash, sigsum_public_key};

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

/// `text` without leading and trailing ASCII spaces, tabs, CRs and LFs (the
/// hex parsers' rule, as sigsum-go reads hex key files).
pub(crate) fn trim_space(text: &[u8]) -> &[u8] {
    let space = |b: &u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
    let start = text.iter().position(|b| !space(b)).unwrap_or(text.len());
    let end = text
        .iter()
        .rposition(|b| !space(b))
        .map_or(start, |i| i.saturating_add(1));
    text.get(start..end).unwrap_or_default()
}

/// SHA-256 of `data` (`data_len` bytes; `(NULL, 0)` is the empty input),
/// written to `*out`. In Sigsum the *message* a submitter signs is
/// normally `SHA-256(data)` of the signed file, and a leaf's checksum is
/// `SHA-256(message)`.
///
/// Writes `*out` only on success. Fails only on invalid arguments.
///
/// # Safety
///
/// `data` must be readable for `data_len` bytes; `out` writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_hash_sha256(
    data: *const u8,
    data_len: usize,
    out: *mut sigsum_hash,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let data = unsafe { bytes_in(data, data_len) }?;
        let out = Out::new(out)?;
        // SAFETY: writable per contract.
        unsafe { out.write(sha256(data).into()) };
        Ok(())
    })
}

/// Parse a hash written as exactly 64 hex digits (either case) in `text`
/// (`text_len` bytes); surrounding ASCII spaces, tabs, CRs and LFs are
/// ignored, as by `sigsum_public_key_parse_hex`. Anything else is
/// `SIGSUM_STATUS_MALFORMED_HEX` (the reason in `detail->message`).
///
/// Writes `*out` only on success; `detail` (NULL or writable) always.
///
/// # Safety
///
/// `text` must be readable for `text_len` bytes; `out` writable; `detail`
/// NULL or writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_hash_parse_hex(
    text: *const c_char,
    text_len: usize,
    out: *mut sigsum_hash,
    detail: *mut sigsum_detail,
) -> sigsum_status {
    with_detail(detail, |d| {
        // SAFETY: forwarded from this function's contract.
        let t = unsafe { text_in(text, text_len) }?;
        let out = Out::new(out)?;
        let h = Hash::from_hex(trim_space(t))
            .map_err(|e| d.fail(sigsum_status::MalformedHex, sigsum_step::Hex, 0, 0, &e))?;
        // SAFETY: writable per contract.
        unsafe { out.write(h.into()) };
        Ok(())
    })
}

/// The key hash of `key`: SHA-256 of its 32 raw bytes, written to `*out`.
/// Key hashes name logs, witnesses and submitters everywhere in Sigsum
/// (for example `sigsum_detail.signer_key_hash`).
///
/// Writes `*out` only on success. Fails only on invalid arguments.
///
/// # Safety
///
/// `key` must be readable; `out` writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_public_key_hash(
    key: *const sigsum_public_key,
    out: *mut sigsum_hash,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let k = unsafe { read_in(key) }?;
        let out = Out::new(out)?;
        let h = sigsum_core::PublicKey::from(k).key_hash();
        // SAFETY: writable per contract.
        unsafe { out.write(h.into()) };
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn trim_space_trims_only_the_hex_white_space() {
        use super::trim_space;
        assert_eq!(trim_space(b" \t\r\nab \n"), b"ab");
        assert_eq!(trim_space(b"\x0cab"), b"\x0cab");
        assert_eq!(trim_space(b"  "), b"");
        assert_eq!(trim_space(b""), b"");
        assert_eq!(trim_space(b"a b"), b"a b");
    }
}

//! Public key formats: hex, OpenSSH lines and key files, vkeys, PEM.

use core::ffi::c_char;

use sigsum_core::{parse_hex_key, parse_pem_key, parse_ssh_key, KeyFile, Vkey};

use crate::basic::text_in;
use crate::detail::{sigsum_detail, with_detail};
use crate::errors;
use crate::ffi::{Out, OutArray};
use crate::status::sigsum_status;
use crate::types::sigsum_public_key;

/// Most keys `sigsum_key_file_parse` accepts in one file.
pub const SIGSUM_MAX_KEYS_PER_FILE: usize = 256;

const _: () = assert!(SIGSUM_MAX_KEYS_PER_FILE == sigsum_core::MAX_KEYS_PER_FILE);

/// A part of a caller's input text: `len` bytes starting `offset` bytes
/// after the start of the input. `len` 0 means "absent".
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct sigsum_span {
    /// Offset from the start of the input, in bytes.
    pub offset: usize,
    /// Length in bytes.
    pub len: usize,
}

/// The span of `part` (a subslice of `input`) within `input`.
pub(crate) fn span_of(input: &[u8], part: &[u8]) -> sigsum_span {
    let offset = (part.as_ptr() as usize).wrapping_sub(input.as_ptr() as usize);
    if part.is_empty() || offset > input.len() {
        return sigsum_span::default();
    }
    sigsum_span {
        offset,
        len: part.len(),
    }
}

/// Parse a raw Ed25519 public key written as exactly 64 hex digits (either
/// case) in `text` (`text_len` bytes); surrounding ASCII spaces, tabs, CRs
/// and LFs are ignored, as sigsum-go reads hex key files (`sigsum-key
/// to-hex` output). Anything else is `SIGSUM_STATUS_MALFORMED_KEY` (the
/// reason in `detail->message`).
///
/// Writes `*out` only on success; `detail` (NULL or writable) always.
///
/// # Safety
///
/// `text` readable for `text_len` bytes; `out` writable; `detail` NULL or
/// writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_public_key_parse_hex(
    text: *const c_char,
    text_len: usize,
    out: *mut sigsum_public_key,
    detail: *mut sigsum_detail,
) -> sigsum_status {
    with_detail(detail, |d| {
        // SAFETY: forwarded from this function's contract.
        let t = unsafe { text_in(text, text_len) }?;
        let out = Out::new(out)?;
        let k = parse_hex_key(t).map_err(|e| errors::key(d, e, false))?;
        // SAFETY: writable per contract.
        unsafe { out.write(k.into()) };
        Ok(())
    })
}

/// Parse one OpenSSH public key line in `line` (`line_len` bytes),
/// `[sigsum-policy="NAME"] ssh-ed25519 BASE64 [comment]` (line breaks at
/// the very end are ignored; a control character elsewhere is an error).
/// Only Ed25519 keys and the `sigsum-policy` option are accepted
/// (`SIGSUM_STATUS_MALFORMED_KEY` otherwise, with `detail->column`). To
/// read a whole key file use `sigsum_key_file_parse`.
///
/// On success writes `*out` and, if `policy_name_out` is not NULL, the span
/// of the policy name within `line` (length 0 if the option is absent).
/// `detail` (NULL or writable) is always written.
///
/// # Safety
///
/// `line` readable for `line_len` bytes; `out` writable; `policy_name_out`
/// and `detail` NULL or writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_public_key_parse_openssh(
    line: *const c_char,
    line_len: usize,
    out: *mut sigsum_public_key,
    policy_name_out: *mut sigsum_span,
    detail: *mut sigsum_detail,
) -> sigsum_status {
    with_detail(detail, |d| {
        // SAFETY: forwarded from this function's contract.
        let t = unsafe { text_in(line, line_len) }?;
        let out = Out::new(out)?;
        let out_name = Out::optional(policy_name_out);
        let k = parse_ssh_key(t).map_err(|e| errors::key(d, e, true))?;
        // SAFETY: writable per contract.
        unsafe { out.write(k.key.into()) };
        if let Some(o) = out_name {
            let span = k
                .policy
                .map_or_else(Default::default, |p| span_of(t, p.as_bytes()));
            // SAFETY: writable per contract.
            unsafe { o.write(span) };
        }
        Ok(())
    })
}

/// Parse an OpenSSH key file in `text` (`text_len` bytes; authorized_keys
/// style, as sigsum-go's `-k` files): one key line per line, empty lines
/// and lines starting with `#` skipped, one trailing `\r` per line
/// stripped. A bad key line is `SIGSUM_STATUS_MALFORMED_KEY` (with
/// `detail->line` and `->column`); an indented comment, a duplicate key,
/// more than `SIGSUM_MAX_KEYS_PER_FILE` keys or no keys at all are
/// `SIGSUM_STATUS_MALFORMED_KEY_FILE` (with `detail->line` where it
/// applies).
///
/// On success `*out_len` is the number of keys, and if `out` is not NULL
/// the keys are written there in file order (`out_cap`, in keys, must be at
/// least that, else `SIGSUM_STATUS_BUFFER_TOO_SMALL`; pass `(NULL, 0)` to
/// only count; `SIGSUM_MAX_KEYS_PER_FILE` always suffices). If
/// `policy_name_out` is not NULL, all key lines must agree on their
/// `sigsum-policy` option (`SIGSUM_STATUS_MALFORMED_KEY_FILE` otherwise, as
/// sigsum-go) and its span within `text` is written (length 0 if no line
/// has the option). `detail` (NULL or writable) is always written.
///
/// # Safety
///
/// `text` readable for `text_len` bytes; `out` NULL (with `out_cap` 0) or
/// writable for `out_cap` keys; `out_len` writable; `policy_name_out`,
/// `detail` NULL or writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_key_file_parse(
    text: *const c_char,
    text_len: usize,
    out: *mut sigsum_public_key,
    out_cap: usize,
    out_len: *mut usize,
    policy_name_out: *mut sigsum_span,
    detail: *mut sigsum_detail,
) -> sigsum_status {
    with_detail(detail, |d| {
        // SAFETY: forwarded from this function's contract.
        let t = unsafe { text_in(text, text_len) }?;
        let out_keys = OutArray::optional(out, out_cap)?;
        let out_count = Out::new(out_len)?;
        let out_name = Out::optional(policy_name_out);
        let file = KeyFile::parse(t).map_err(|e| errors::key(d, e, false))?;
        let name = match out_name {
            Some(_) => file.policy_name().map_err(|e| errors::key(d, e, false))?,
            None => None,
        };
        if out_keys.as_ref().is_some_and(|a| a.capacity() < file.len()) {
            return Err(sigsum_status::BufferTooSmall);
        }
        if let Some(a) = out_keys {
            // SAFETY: writable per contract.
            unsafe { a.write(file.keys().map(|k| k.key.key.into())) };
        }
        // SAFETY: writable per contract.
        unsafe { out_count.write(file.len()) };
        if let Some(o) = out_name {
            let span = name.map_or_else(Default::default, |n| span_of(t, n.as_bytes()));
            // SAFETY: writable per contract.
            unsafe { o.write(span) };
        }
        Ok(())
    })
}

/// Parse a signed-note verifier key (vkey) in `vkey` (`vkey_len` bytes),
/// `NAME+KEYID+BASE64(type||key)`, as checkpoint logs and witnesses publish
/// them: the name must be a valid key name and the key id must match
/// (`SIGSUM_STATUS_MALFORMED_KEY` otherwise, with `detail->column`). Types
/// 0x01 (Ed25519) and 0x04 (cosignature/v1) are accepted.
///
/// On success writes `*out`, and if not NULL the type byte to `*type_out`
/// and the span of the name within `vkey` to `*name_out`. `detail` (NULL
/// or writable) is always written.
///
/// # Safety
///
/// `vkey` readable for `vkey_len` bytes; `out` writable; `type_out`,
/// `name_out`, `detail` NULL or writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_public_key_parse_vkey(
    vkey: *const c_char,
    vkey_len: usize,
    out: *mut sigsum_public_key,
    type_out: *mut u8,
    name_out: *mut sigsum_span,
    detail: *mut sigsum_detail,
) -> sigsum_status {
    with_detail(detail, |d| {
        // SAFETY: forwarded from this function's contract.
        let t = unsafe { text_in(vkey, vkey_len) }?;
        let out = Out::new(out)?;
        let out_type = Out::optional(type_out);
        let out_name = Out::optional(name_out);
        let v = Vkey::parse(t).map_err(|e| errors::key(d, e, true))?;
        // SAFETY: writable per contract.
        unsafe { out.write(v.key().into()) };
        if let Some(o) = out_type {
            // SAFETY: writable per contract.
            unsafe { o.write(v.sig_type()) };
        }
        if let Some(o) = out_name {
            // SAFETY: writable per contract.
            unsafe { o.write(span_of(t, v.name().as_bytes())) };
        }
        Ok(())
    })
}

/// Parse a PEM `-----BEGIN PUBLIC KEY-----` Ed25519 SubjectPublicKeyInfo
/// (RFC 8410) in `text` (`text_len` bytes). Anything else is
/// `SIGSUM_STATUS_MALFORMED_KEY` (with `detail->line` where known).
///
/// Writes `*out` only on success; `detail` (NULL or writable) always.
///
/// # Safety
///
/// `text` readable for `text_len` bytes; `out` writable; `detail` NULL or
/// writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_public_key_parse_pem(
    text: *const c_char,
    text_len: usize,
    out: *mut sigsum_public_key,
    detail: *mut sigsum_detail,
) -> sigsum_status {
    with_detail(detail, |d| {
        // SAFETY: forwarded from this function's contract.
        let t = unsafe { text_in(text, text_len) }?;
        let out = Out::new(out)?;
        let k = parse_pem_key(t).map_err(|e| errors::key(d, e, false))?;
        // SAFETY: writable per contract.
        unsafe { out.write(k.into()) };
        Ok(())
    })
}

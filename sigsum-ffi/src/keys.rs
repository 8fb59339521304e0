//! Public key formats: hex, OpenSSH lines and key files, vkeys, PEM.

use core::ffi::c_char;

use sigsum_core::{
    parse_hex_key, parse_pem_key, parse_ssh_key, KeyFile, KeyFileError, PemError, SshKeyError,
    Vkey, VkeyError,
};

use crate::basic::text_in;
use crate::detail::{sigsum_detail, with_detail, SIGSUM_STEP_KEYS};
use crate::ffi::{Out, OutArray};
use crate::panic::ffi_status;
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

fn ssh_column(e: &SshKeyError) -> u32 {
    use SshKeyError as E;
    match *e {
        E::ControlCharacter { column }
        | E::MissingFields { column }
        | E::PolicyNotQuoted { column }
        | E::PolicyEmpty { column }
        | E::PolicyForbiddenChar { column }
        | E::RepeatedPolicy { column }
        | E::KeyType { column }
        | E::Base64 { column }
        | E::BlobPrefix { column }
        | E::BlobLength { column } => column,
        _ => 0,
    }
}

fn ssh_fail(e: SshKeyError, line: u32, d: &mut sigsum_detail) -> sigsum_status {
    d.step = SIGSUM_STEP_KEYS;
    d.line = line;
    d.column = ssh_column(&e);
    e.into()
}

fn key_file_fail(e: KeyFileError, d: &mut sigsum_detail) -> sigsum_status {
    use KeyFileError as E;
    d.step = SIGSUM_STEP_KEYS;
    d.line = match e {
        E::Key { line, error } => {
            d.column = ssh_column(&error);
            line
        }
        E::IndentedComment { line }
        | E::DuplicateKey { line, .. }
        | E::TooManyKeys { line }
        | E::PolicyConflict { line, .. } => line,
        E::NoKeys => 0,
        _ => 0,
    };
    e.into()
}

fn vkey_fail(e: VkeyError, d: &mut sigsum_detail) -> sigsum_status {
    use VkeyError as E;
    d.step = SIGSUM_STEP_KEYS;
    d.line = 1;
    d.column = match e {
        E::Fields => 0,
        E::Name => 1,
        E::KeyIdHex { column, .. }
        | E::Base64 { column }
        | E::EmptyKey { column }
        | E::KeyType { column, .. }
        | E::KeyLength { column }
        | E::KeyIdMismatch { column } => column,
        _ => 0,
    };
    e.into()
}

fn pem_fail(e: PemError, d: &mut sigsum_detail) -> sigsum_status {
    use PemError as E;
    d.step = SIGSUM_STEP_KEYS;
    d.line = match e {
        E::Begin | E::Label => 1,
        E::Base64 { line } | E::Trailing { line } => line,
        E::MissingEnd | E::DerLength | E::DerPrefix => 0,
        _ => 0,
    };
    e.into()
}

/// Parse a raw hex public key: exactly 64 hex digits (either case) after
/// trimming surrounding spaces, tabs, CR and LF, as `sigsum-key from-hex`
/// reads key files. Writes `*key` only on success
/// (`SIGSUM_STATUS_HEX_LENGTH` / `_HEX_SYNTAX` otherwise).
///
/// # Safety
///
/// `text` readable for `text_len` bytes; `key` writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_key_parse_hex(
    text: *const c_char,
    text_len: usize,
    key: *mut sigsum_public_key,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let t = unsafe { text_in(text, text_len) }?;
        let out = Out::new(key)?;
        let k = parse_hex_key(t)?;
        // SAFETY: writable per contract.
        unsafe { out.write(k.into()) };
        Ok(())
    })
}

/// Parse one OpenSSH public key line,
/// `[sigsum-policy="NAME"] ssh-ed25519 BASE64 [comment]` (line breaks at
/// the very end are ignored; a control character elsewhere is an error). Only Ed25519 keys and the `sigsum-policy`
/// option are accepted (`SIGSUM_STATUS_SSH_*` otherwise, with the column in
/// `detail`).
///
/// On success writes `*key` and, if `policy_name` is not NULL, the span of
/// the policy name within `line` (length 0 if the option is absent).
///
/// # Safety
///
/// `line` readable for `line_len` bytes; `key` writable; `policy_name` and
/// `detail` NULL or writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_key_parse_openssh(
    line: *const c_char,
    line_len: usize,
    key: *mut sigsum_public_key,
    policy_name: *mut sigsum_span,
    detail: *mut sigsum_detail,
) -> sigsum_status {
    with_detail(detail, |d| {
        // SAFETY: forwarded from this function's contract.
        let t = unsafe { text_in(line, line_len) }?;
        let out = Out::new(key)?;
        let out_name = Out::optional(policy_name);
        let k = parse_ssh_key(t).map_err(|e| ssh_fail(e, 1, d))?;
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

/// Parse an OpenSSH key file (authorized_keys style, as sigsum-go's `-k`
/// files): one key line per line, empty lines and lines starting with `#`
/// skipped, one trailing `\r` per line stripped. Errors: a bad line
/// (`SIGSUM_STATUS_SSH_*`, line and column in `detail`), an indented
/// comment, a duplicate key, more than `SIGSUM_MAX_KEYS_PER_FILE` keys, no
/// keys (`SIGSUM_STATUS_KEY_FILE_*`).
///
/// On success `*count` is the number of keys; if `keys` is not NULL the
/// keys are written there in file order (`keys_cap` must be at least
/// `*count`, else `SIGSUM_STATUS_BUFFER_TOO_SMALL`; pass `(NULL, 0)` to only
/// count). If `policy_name` is not NULL, all key lines must agree on their
/// `sigsum-policy` option (`SIGSUM_STATUS_KEY_FILE_POLICY_CONFLICT`
/// otherwise, as sigsum-go) and its span within `text` is written (length
/// 0 if no line has the option).
///
/// # Safety
///
/// `text` readable for `text_len` bytes; `keys` NULL (with capacity 0) or
/// writable for `keys_cap` keys; `count` writable; `policy_name`, `detail`
/// NULL or writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_key_file_parse(
    text: *const c_char,
    text_len: usize,
    keys: *mut sigsum_public_key,
    keys_cap: usize,
    count: *mut usize,
    policy_name: *mut sigsum_span,
    detail: *mut sigsum_detail,
) -> sigsum_status {
    with_detail(detail, |d| {
        // SAFETY: forwarded from this function's contract.
        let t = unsafe { text_in(text, text_len) }?;
        let out_keys = OutArray::optional(keys, keys_cap)?;
        let out_count = Out::new(count)?;
        let out_name = Out::optional(policy_name);
        let file = KeyFile::parse(t).map_err(|e| key_file_fail(e, d))?;
        let name = match out_name {
            Some(_) => file.policy_name().map_err(|e| key_file_fail(e, d))?,
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

/// Parse a signed-note verifier key (vkey), `NAME+KEYID+BASE64(type||key)`,
/// as used by checkpoint logs and witnesses: the name must be a valid key
/// name and the key id must match (`SIGSUM_STATUS_VKEY_*` otherwise, with
/// the column in `detail`). Types 0x01 (Ed25519) and 0x04 (cosignature/v1)
/// are accepted.
///
/// On success writes `*key`, and if not NULL the type byte to `*sig_type`
/// and the span of the name within `text` to `*name`.
///
/// # Safety
///
/// `text` readable for `text_len` bytes; `key` writable; `sig_type`,
/// `name`, `detail` NULL or writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_key_parse_vkey(
    text: *const c_char,
    text_len: usize,
    key: *mut sigsum_public_key,
    sig_type: *mut u8,
    name: *mut sigsum_span,
    detail: *mut sigsum_detail,
) -> sigsum_status {
    with_detail(detail, |d| {
        // SAFETY: forwarded from this function's contract.
        let t = unsafe { text_in(text, text_len) }?;
        let out = Out::new(key)?;
        let out_type = Out::optional(sig_type);
        let out_name = Out::optional(name);
        let v = Vkey::parse(t).map_err(|e| vkey_fail(e, d))?;
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
/// (RFC 8410). Writes `*key` only on success (`SIGSUM_STATUS_PEM_*`
/// otherwise, with the line in `detail` where known).
///
/// # Safety
///
/// `text` readable for `text_len` bytes; `key` writable; `detail` NULL or
/// writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_key_parse_pem(
    text: *const c_char,
    text_len: usize,
    key: *mut sigsum_public_key,
    detail: *mut sigsum_detail,
) -> sigsum_status {
    with_detail(detail, |d| {
        // SAFETY: forwarded from this function's contract.
        let t = unsafe { text_in(text, text_len) }?;
        let out = Out::new(key)?;
        let k = parse_pem_key(t).map_err(|e| pem_fail(e, d))?;
        // SAFETY: writable per contract.
        unsafe { out.write(k.into()) };
        Ok(())
    })
}

//! Checkpoints (C2SP signed notes): parse, verify the log signature, check
//! witness cosignature lines.

use core::ffi::c_char;

use sigsum_core::{verify_cosignature_lines, Checkpoint, NoteWitness, Vkey};

use crate::backend::{sigsum_backend, Backend};
use crate::basic::text_in;
use crate::detail::{sigsum_detail, with_detail};
use crate::errors;
use crate::ffi::{array_in, read_in, Out, OutArray};
use crate::keys::{sigsum_span, span_of};
use crate::status::sigsum_status;
use crate::types::{sigsum_public_key, sigsum_tree_head};

/// Most witnesses `sigsum_checkpoint_verify_cosignatures` takes.
pub const SIGSUM_MAX_NOTE_WITNESSES: usize = 255;

/// `sigsum_checkpoint_verify_cosignatures` result: no cosignature line from this
/// witness.
pub const SIGSUM_COSIGNATURE_ABSENT: u8 = 0;
/// `sigsum_checkpoint_verify_cosignatures` result: a valid cosignature.
pub const SIGSUM_COSIGNATURE_VALID: u8 = 1;
/// `sigsum_checkpoint_verify_cosignatures` result: a cosignature line that does
/// not verify (bad signature, or a timestamp above 2^63 - 1).
pub const SIGSUM_COSIGNATURE_INVALID: u8 = 2;

/// What a parsed checkpoint says.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct sigsum_checkpoint_info {
    /// Size and root hash (lines 2 and 3).
    pub tree_head: sigsum_tree_head,
    /// The origin (line 1, without its newline) within the input.
    pub origin: sigsum_span,
    /// The signed text (origin, size, root, extension lines, with the final
    /// newline) within the input: what the log signed.
    pub text: sigsum_span,
    /// Number of signature lines.
    pub signature_count: u32,
    /// 1 if the checkpoint has extension lines (never for Sigsum).
    pub has_extensions: u32,
}

/// A witness as signed notes name it: its key name and public key.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct sigsum_note_witness {
    /// The key name on the witness's cosignature lines (not NUL-terminated).
    /// Empty (`name_len` 0, `name` may be NULL): any key name, the witness
    /// is identified by its key (the line's key id must be that of the
    /// line's name and `key`), as sigsum-go's `VerifyCosignatureByKey`.
    pub name: *const c_char,
    /// Length of `name` in bytes.
    pub name_len: usize,
    /// The witness's public key.
    pub key: sigsum_public_key,
}

fn info(input: &[u8], cp: &Checkpoint<'_>) -> sigsum_checkpoint_info {
    sigsum_checkpoint_info {
        tree_head: cp.tree_head.into(),
        origin: span_of(input, cp.origin.as_bytes()),
        text: span_of(input, cp.text()),
        signature_count: u32::try_from(cp.signatures().len()).unwrap_or(u32::MAX),
        has_extensions: u32::from(!cp.extensions().is_empty()),
    }
}

/// Parse a checkpoint `text` (`text_len` bytes; any signed-note
/// checkpoint: origin, size, root hash, optional extension lines, a blank
/// line, signature lines). Checks syntax only: errors are
/// `SIGSUM_STATUS_MALFORMED_CHECKPOINT` with `detail->line` (and `column`
/// where known). Writes `*out` only on success; `detail` (NULL or writable)
/// always.
///
/// # Safety
///
/// `text` readable for `text_len` bytes; `out` writable; `detail` NULL or
/// writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_checkpoint_parse(
    text: *const c_char,
    text_len: usize,
    out: *mut sigsum_checkpoint_info,
    detail: *mut sigsum_detail,
) -> sigsum_status {
    with_detail(detail, |d| {
        // SAFETY: forwarded from this function's contract.
        let t = unsafe { text_in(text, text_len) }?;
        let out = Out::new(out)?;
        let cp = Checkpoint::parse(t).map_err(|e| errors::checkpoint(d, e))?;
        // SAFETY: writable per contract.
        unsafe { out.write(info(t, &cp)) };
        Ok(())
    })
}

/// Parse and verify a Sigsum log's checkpoint `text` (`text_len` bytes): no
/// extension lines, the origin exactly `sigsum.org/v1/tree/<hex of
/// H(log_key)>` (`SIGSUM_STATUS_ORIGIN_MISMATCH` otherwise), exactly one
/// Ed25519 signature line named by the origin with the key's key id, and a
/// valid signature over the text (`SIGSUM_STATUS_BAD_LOG_SIGNATURE`
/// otherwise; `backend`: NULL for the built-in verifier). Writes `*out` (if
/// not NULL) only on success; `detail` (NULL or writable) always.
///
/// # Safety
///
/// `text` readable for `text_len` bytes; `log_key` readable; `backend`
/// NULL or valid; `out`, `detail` NULL or writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_checkpoint_verify(
    text: *const c_char,
    text_len: usize,
    log_key: *const sigsum_public_key,
    backend: *const sigsum_backend,
    out: *mut sigsum_checkpoint_info,
    detail: *mut sigsum_detail,
) -> sigsum_status {
    with_detail(detail, |d| {
        // SAFETY: forwarded from this function's contract.
        let t = unsafe { text_in(text, text_len) }?;
        // SAFETY: forwarded from this function's contract.
        let key = unsafe { read_in(log_key) }?;
        // SAFETY: forwarded from this function's contract.
        let b = unsafe { Backend::from_ptr(backend) }?;
        let out = Out::optional(out);
        let cp =
            Checkpoint::parse_sigsum(t, &key.into(), &b).map_err(|e| errors::checkpoint(d, e))?;
        if let Some(o) = out {
            // SAFETY: writable per contract.
            unsafe { o.write(info(t, &cp)) };
        }
        Ok(())
    })
}

/// Parse a checkpoint `text` (`text_len` bytes) and verify its signature by
/// the key of the vkey `vkey` (`vkey_len` bytes, `NAME+KEYID+BASE64`, type
/// 0x01): the unique Ed25519 signature line named `NAME` must carry the
/// key's id and a valid signature over the text
/// (`SIGSUM_STATUS_BAD_LOG_SIGNATURE` otherwise). This checks any C2SP
/// checkpoint (for example the Go checksum database's). A bad vkey is
/// `SIGSUM_STATUS_MALFORMED_KEY` (step `SIGSUM_STEP_KEYS`). Writes `*out`
/// (if not NULL) only on success; `detail` (NULL or writable) always.
///
/// # Safety
///
/// `text` readable for `text_len` bytes; `vkey` readable for `vkey_len`
/// bytes; `backend` NULL or valid; `out`, `detail` NULL or writable.
#[no_mangle]
#[must_use]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn sigsum_checkpoint_verify_vkey(
    text: *const c_char,
    text_len: usize,
    vkey: *const c_char,
    vkey_len: usize,
    backend: *const sigsum_backend,
    out: *mut sigsum_checkpoint_info,
    detail: *mut sigsum_detail,
) -> sigsum_status {
    with_detail(detail, |d| {
        // SAFETY: forwarded from this function's contract.
        let t = unsafe { text_in(text, text_len) }?;
        // SAFETY: forwarded from this function's contract.
        let v = unsafe { text_in(vkey, vkey_len) }?;
        // SAFETY: forwarded from this function's contract.
        let b = unsafe { Backend::from_ptr(backend) }?;
        let out = Out::optional(out);
        let vkey = Vkey::parse(v).map_err(|e| errors::key(d, e, true))?;
        let cp = Checkpoint::parse(t).map_err(|e| errors::checkpoint(d, e))?;
        cp.verify_vkey(&vkey, &b)
            .map_err(|e| errors::checkpoint(d, e))?;
        if let Some(o) = out {
            // SAFETY: writable per contract.
            unsafe { o.write(info(t, &cp)) };
        }
        Ok(())
    })
}

/// Check the witness cosignature lines (`cosignature/v1`, type 0x04) of the
/// checkpoint `text` (`text_len` bytes) against `witnesses`
/// (`witnesses_count` entries, at most `SIGSUM_MAX_NOTE_WITNESSES`).
///
/// On success `out[i]` is `SIGSUM_COSIGNATURE_VALID`,
/// `SIGSUM_COSIGNATURE_INVALID` or `SIGSUM_COSIGNATURE_ABSENT` for witness
/// `i` (`out_cap` must be at least `witnesses_count`, else
/// `SIGSUM_STATUS_BUFFER_TOO_SMALL`), and `*unknown_out` (if not NULL)
/// counts cosignature lines of keys not in the list (skipped without a
/// signature check). An invalid cosignature is not an error, as in
/// sigsum-go: it just does not count. Decide the quorum with
/// `sigsum_policy_check_quorum` on the key hashes of the valid witnesses.
/// The log signature is not checked here: use `sigsum_checkpoint_verify`.
/// `detail` (NULL or writable) is always written.
///
/// # Safety
///
/// `text` readable for `text_len` bytes; `witnesses` readable for
/// `witnesses_count` entries, each `name` readable for `name_len` bytes;
/// `backend` NULL or valid; `out` writable for `out_cap` bytes;
/// `unknown_out`, `detail` NULL or writable.
#[no_mangle]
#[must_use]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn sigsum_checkpoint_verify_cosignatures(
    text: *const c_char,
    text_len: usize,
    witnesses: *const sigsum_note_witness,
    witnesses_count: usize,
    backend: *const sigsum_backend,
    out: *mut u8,
    out_cap: usize,
    unknown_out: *mut usize,
    detail: *mut sigsum_detail,
) -> sigsum_status {
    with_detail(detail, |d| {
        // SAFETY: forwarded from this function's contract.
        let t = unsafe { text_in(text, text_len) }?;
        // SAFETY: forwarded from this function's contract.
        let ws = unsafe { array_in(witnesses, witnesses_count) }?;
        // SAFETY: forwarded from this function's contract.
        let b = unsafe { Backend::from_ptr(backend) }?;
        let out = OutArray::optional(out, out_cap)?;
        if out.as_ref().map_or(0, OutArray::capacity) < ws.len() {
            return Err(sigsum_status::BufferTooSmall);
        }
        let out_unknown = Out::optional(unknown_out);
        if ws.len() > SIGSUM_MAX_NOTE_WITNESSES {
            return Err(d.fail(
                sigsum_status::InvalidParameter,
                crate::detail::sigsum_step::Arguments,
                0,
                0,
                &format_args!("more than {SIGSUM_MAX_NOTE_WITNESSES} witnesses"),
            ));
        }
        let mut buf = [NoteWitness {
            name: &[],
            key: sigsum_core::PublicKey([0; 32]),
        }; SIGSUM_MAX_NOTE_WITNESSES];
        for (slot, w) in buf.iter_mut().zip(ws) {
            // SAFETY: each name is readable per contract.
            let name = unsafe { text_in(w.name, w.name_len) }?;
            *slot = NoteWitness {
                name,
                key: w.key.into(),
            };
        }
        let list = buf.get(..ws.len()).unwrap_or_default();
        let cp = Checkpoint::parse(t).map_err(|e| errors::checkpoint(d, e))?;
        let body = cp.body().map_err(|e| errors::checkpoint(d, e))?;
        let report = verify_cosignature_lines(cp.signatures(), &body, list, &b)
            .map_err(|e| errors::note_cosignatures(d, e))?;
        if let Some(a) = out {
            let states = (0..ws.len()).map(|i| {
                let i = u8::try_from(i).unwrap_or(u8::MAX);
                if report.verified.contains(i) {
                    SIGSUM_COSIGNATURE_VALID
                } else if report.failed.contains(i) {
                    SIGSUM_COSIGNATURE_INVALID
                } else {
                    SIGSUM_COSIGNATURE_ABSENT
                }
            });
            // SAFETY: writable for out_cap >= witnesses_count bytes.
            unsafe { a.write(states) };
        }
        if let Some(o) = out_unknown {
            // SAFETY: writable per contract.
            unsafe { o.write(report.unknown) };
        }
        Ok(())
    })
}

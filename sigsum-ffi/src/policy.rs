//! Trust policies: text, compiled and builtin, behind one descriptor.

use core::ffi::{c_char, c_void};

use sigsum_core::{
    check_policy_name, Builtin, BuiltinError, Hash, LargeTextPolicy, Policy, TrustPolicy,
    WitnessSet,
};

use crate::detail::{sigsum_detail, with_detail, SIGSUM_STEP_POLICY};
use crate::ffi::{bytes_in, hashes_in, read_in, Out, OutBuf};
use crate::panic::{ffi_call, ffi_status};
use crate::status::sigsum_status;
use crate::types::{sigsum_hash, sigsum_public_key};

/// `sigsum_policy.format`: `data` is a text policy (sigsum-go's format:
/// `log`, `witness`, `group`, `quorum` lines).
pub const SIGSUM_POLICY_TEXT: u32 = 1;
/// `sigsum_policy.format`: `data` is a compiled policy blob.
pub const SIGSUM_POLICY_COMPILED: u32 = 2;
/// `sigsum_policy.format`: `data` is the name of a builtin policy (for
/// example `"sigsum-generic-2025-1"`, without a terminating NUL).
pub const SIGSUM_POLICY_BUILTIN: u32 = 3;

/// A trust policy as the caller holds it: a format and borrowed bytes.
///
/// libsigsum never stores the policy: every call that takes a
/// `const sigsum_policy *` reads `data` (`len` bytes) during the call only.
/// A text policy is parsed at each call (cheap: microseconds); a compiled
/// policy is validated at each call. An unknown `format` is
/// `SIGSUM_STATUS_INVALID_PARAMETER`.
///
/// Text (and builtin) policies are parsed into a fixed-size structure of
/// about 10 KiB on the stack, which holds at most 32 logs, 64 witnesses and
/// 32 groups (`SIGSUM_STATUS_POLICY_TOO_MANY_*` beyond). Larger policies,
/// and small stacks, should use the compiled form (`sigsum_policy_compile`
/// once, or the `sigsum-compile-policy` tool), which needs almost no
/// memory and holds up to 255 logs and 255 witnesses.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct sigsum_policy {
    /// `SIGSUM_POLICY_TEXT`, `SIGSUM_POLICY_COMPILED` or
    /// `SIGSUM_POLICY_BUILTIN`.
    pub format: u32,
    /// The text, blob or name; NULL only if `len` is 0.
    pub data: *const c_void,
    /// Length of `data` in bytes.
    pub len: usize,
}

/// Read and parse the policy argument. Parse errors set `detail.line` and
/// `detail.step`.
///
/// # Safety
///
/// `policy` must be NULL or point to a readable `sigsum_policy` whose `data`
/// is readable for `len` bytes for the lifetime `'a`.
pub(crate) unsafe fn load_policy<'a>(
    policy: *const sigsum_policy,
    detail: &mut sigsum_detail,
) -> Result<Policy<'a>, sigsum_status> {
    // SAFETY: forwarded from the caller's contract.
    let p = unsafe { read_in(policy) }?;
    // SAFETY: forwarded from the caller's contract.
    let data = unsafe { bytes_in(p.data.cast::<u8>(), p.len) }?;
    detail.step = SIGSUM_STEP_POLICY;
    let policy = match p.format {
        SIGSUM_POLICY_TEXT => Policy::from_text(data).map_err(|e| {
            detail.line = e.line;
            sigsum_status::from(e.kind)
        })?,
        SIGSUM_POLICY_COMPILED => Policy::from_compiled(data)?,
        SIGSUM_POLICY_BUILTIN => {
            let name = core::str::from_utf8(data).map_err(|_| BuiltinError::InvalidName)?;
            Policy::builtin(name).map_err(|e| {
                if let BuiltinError::Parse(p) = e {
                    detail.line = p.line;
                }
                sigsum_status::from(e)
            })?
        }
        _ => return Err(sigsum_status::InvalidParameter),
    };
    detail.step = 0;
    Ok(policy)
}

/// `true` for the statuses of a text policy over the default text
/// capacity (32 logs, 64 witnesses, 32 groups).
fn over_text_capacity(s: sigsum_status) -> bool {
    matches!(
        s,
        sigsum_status::PolicyTooManyLogs
            | sigsum_status::PolicyTooManyWitnesses
            | sigsum_status::PolicyTooManyGroups
    )
}

/// The text of a `SIGSUM_POLICY_TEXT` descriptor, for the large path of
/// `sigsum_policy_compile` and `sigsum_policy_hash`.
///
/// # Safety
///
/// As [`load_policy`].
unsafe fn large_text<'a>(policy: *const sigsum_policy) -> Result<&'a [u8], sigsum_status> {
    // SAFETY: forwarded from the caller's contract.
    let p = unsafe { read_in(policy) }?;
    if p.format != SIGSUM_POLICY_TEXT {
        return Err(sigsum_status::InvalidParameter);
    }
    // SAFETY: forwarded from the caller's contract.
    unsafe { bytes_in(p.data.cast::<u8>(), p.len) }
}

/// Parse `text` with the compiler's full limits (255 logs, witnesses and
/// groups; spec/compiled-policy.md §11: the canonical compilation needs
/// them) and run `f` on it. The large parse (about 52 KiB) lives in this
/// stack frame only, so the common path keeps its small stack.
#[inline(never)]
fn with_large_text<R>(
    text: &[u8],
    d: &mut sigsum_detail,
    f: impl FnOnce(&LargeTextPolicy<'_>) -> Result<R, sigsum_status>,
) -> Result<R, sigsum_status> {
    d.step = SIGSUM_STEP_POLICY;
    d.line = 0;
    let p = LargeTextPolicy::parse(text).map_err(|e| {
        d.line = e.line;
        sigsum_status::from(e.kind)
    })?;
    f(&p)
}

/// Check that `policy` can be used: parse a text policy (sigsum-go's rules,
/// stricter where documented), validate a compiled one, or look up a
/// builtin name.
///
/// Returns `SIGSUM_STATUS_OK` or the exact reason (`SIGSUM_STATUS_POLICY_*`,
/// `SIGSUM_STATUS_COMPILED_*`). If `detail` is not NULL it is always
/// written; on a text error `detail->line` is the 1-based line (0 for a
/// missing `quorum` line).
///
/// # Safety
///
/// `policy` must be a readable descriptor whose data is readable; `detail`
/// NULL or writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_policy_check(
    policy: *const sigsum_policy,
    detail: *mut sigsum_detail,
) -> sigsum_status {
    with_detail(detail, |d| {
        // SAFETY: forwarded from this function's contract.
        unsafe { load_policy(policy, d) }.map(|_| ())
    })
}

/// Buffer size that always holds a compiled policy
/// (`sigsum_policy_compile`).
pub const SIGSUM_MAX_COMPILED_POLICY_SIZE: usize = 16579;

const _: () = assert!(SIGSUM_MAX_COMPILED_POLICY_SIZE == sigsum_core::MAX_COMPILED_LEN);

/// Compile `policy` to the canonical compiled form (the binary format of
/// Glasklar's sigsum-c): on success the blob is at the start of `out` and
/// its length in `*out_len`. `SIGSUM_MAX_COMPILED_POLICY_SIZE` bytes always
/// suffice. A compiled policy is returned as given (after validation).
/// Text policies may have up to 255 logs, witnesses and groups here (the
/// compiled format's limits), more than the other functions take, so
/// that every policy the format can hold can be compiled; texts over the
/// default capacity are parsed in about 52 KiB of extra stack.
/// Fails with policy errors, or `SIGSUM_STATUS_POLICY_COMPILE_*` (for
/// example `quorum none` has no compiled form). `detail` as for
/// `sigsum_policy_check`.
///
/// # Safety
///
/// `policy` readable (with its data); `out` writable for `out_cap` bytes;
/// `out_len` writable; `detail` NULL or writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_policy_compile(
    policy: *const sigsum_policy,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
    detail: *mut sigsum_detail,
) -> sigsum_status {
    with_detail(detail, |d| {
        let dst = OutBuf::new(out, out_cap)?;
        let len_out = Out::new(out_len)?;
        let mut buf = [0u8; SIGSUM_MAX_COMPILED_POLICY_SIZE];
        // SAFETY: forwarded from this function's contract.
        let loaded = unsafe { load_policy(policy, d) };
        let p = match loaded {
            Err(s) if over_text_capacity(s) => {
                // SAFETY: forwarded from this function's contract.
                let text = unsafe { large_text(policy) }?;
                let len = with_large_text(text, d, |t| Ok(t.compile(&mut buf)?.as_bytes().len()))?;
                d.step = 0;
                // SAFETY: writable per contract.
                unsafe { dst.write(buf.get(..len).unwrap_or_default()) }?;
                // SAFETY: writable per contract.
                unsafe { len_out.write(len) };
                return Ok(());
            }
            other => other?,
        };
        d.step = SIGSUM_STEP_POLICY;
        let blob: &[u8] = match &p {
            Policy::Text(t) => t.compile(&mut buf)?.as_bytes(),
            Policy::Compiled(c) => c.as_bytes(),
        };
        d.step = 0;
        // SAFETY: writable per contract.
        unsafe { dst.write(blob) }?;
        // SAFETY: writable per contract.
        unsafe { len_out.write(blob.len()) };
        Ok(())
    })
}

/// The policy hash: SHA-256 of the canonical compiled policy, written to
/// `*hash` on success. Two text policies that compile to the same blob
/// have the same hash. Text policies up to the compiled format's limits
/// are taken, as by `sigsum_policy_compile`. Errors as for
/// `sigsum_policy_compile`.
///
/// # Safety
///
/// `policy` readable (with its data); `hash` writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_policy_hash(
    policy: *const sigsum_policy,
    hash: *mut sigsum_hash,
) -> sigsum_status {
    ffi_status(|| {
        let out = Out::new(hash)?;
        let mut d = sigsum_detail::default();
        // SAFETY: forwarded from this function's contract.
        let loaded = unsafe { load_policy(policy, &mut d) };
        let p = match loaded {
            Err(s) if over_text_capacity(s) => {
                // SAFETY: forwarded from this function's contract.
                let text = unsafe { large_text(policy) }?;
                let h = with_large_text(text, &mut d, |t| {
                    t.policy_hash().map_err(sigsum_status::from)
                })?;
                // SAFETY: writable per contract.
                unsafe { out.write(h.into()) };
                return Ok(());
            }
            other => other?,
        };
        let h = match &p {
            Policy::Text(t) => t.policy_hash()?,
            Policy::Compiled(c) => c.hash(),
        };
        // SAFETY: writable per contract.
        unsafe { out.write(h.into()) };
        Ok(())
    })
}

/// Look up a log by key hash: write its public key to `*log_key` if the
/// policy lists it, else fail with `SIGSUM_STATUS_POLICY_UNKNOWN_LOG`.
/// Policy errors are reported as by `sigsum_policy_check`.
///
/// # Safety
///
/// `policy` readable (with its data); `log_key_hash` readable; `log_key`
/// writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_policy_log_key(
    policy: *const sigsum_policy,
    log_key_hash: *const sigsum_hash,
    log_key: *mut sigsum_public_key,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let kh = unsafe { read_in(log_key_hash) }?;
        let out = Out::new(log_key)?;
        // SAFETY: forwarded from this function's contract.
        let p = unsafe { load_policy(policy, &mut sigsum_detail::default()) }?;
        let key = p
            .log_key(&kh.into())
            .ok_or(sigsum_status::PolicyUnknownLog)?;
        // SAFETY: writable per contract.
        unsafe { out.write(key.into()) };
        Ok(())
    })
}

/// Look up a witness by key hash: write its public key to `*witness_key`
/// and, if `index` is not NULL, its index in the policy (stable for a given
/// policy, below 255) to `*index`. `SIGSUM_STATUS_POLICY_UNKNOWN_WITNESS`
/// if the policy does not list it.
///
/// # Safety
///
/// `policy` readable (with its data); `witness_key_hash` readable;
/// `witness_key` writable; `index` NULL or writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_policy_witness(
    policy: *const sigsum_policy,
    witness_key_hash: *const sigsum_hash,
    witness_key: *mut sigsum_public_key,
    index: *mut u32,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let kh = unsafe { read_in(witness_key_hash) }?;
        let out = Out::new(witness_key)?;
        let out_index = Out::optional(index);
        // SAFETY: forwarded from this function's contract.
        let p = unsafe { load_policy(policy, &mut sigsum_detail::default()) }?;
        let (i, key) = p
            .witness(&kh.into())
            .ok_or(sigsum_status::PolicyUnknownWitness)?;
        // SAFETY: writable per contract.
        unsafe { out.write(key.into()) };
        if let Some(o) = out_index {
            // SAFETY: writable per contract.
            unsafe { o.write(u32::from(i)) };
        }
        Ok(())
    })
}

/// Quorum evaluation: do the witnesses whose key hashes are listed in
/// `witness_key_hashes` (`count` hashes; `(NULL, 0)` for none) satisfy the
/// policy's quorum? The caller lists the witnesses whose cosignatures it
/// verified. Key hashes the policy does not know are ignored, duplicates
/// count once.
///
/// Returns `SIGSUM_STATUS_OK` if the quorum is met,
/// `SIGSUM_STATUS_POLICY_QUORUM_NOT_MET` if not, or a policy error.
///
/// # Safety
///
/// `policy` readable (with its data); `witness_key_hashes` readable for
/// `count` hashes.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_policy_quorum(
    policy: *const sigsum_policy,
    witness_key_hashes: *const sigsum_hash,
    count: usize,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let hashes = unsafe { hashes_in(witness_key_hashes, count) }?;
        // SAFETY: forwarded from this function's contract.
        let p = unsafe { load_policy(policy, &mut sigsum_detail::default()) }?;
        let mut set = WitnessSet::EMPTY;
        for h in hashes {
            if let Some((i, _)) = p.witness(&Hash(h.bytes)) {
                set.insert(i);
            }
        }
        if p.is_satisfied(&set) {
            Ok(())
        } else {
            Err(sigsum_status::PolicyQuorumNotMet)
        }
    })
}

/// The text of the builtin policy `name` (`name_len` bytes, no NUL needed):
/// on success `*text` points to static, read-only text of `*text_len` bytes
/// (not NUL-terminated) that lives for the whole program. Fails with
/// `SIGSUM_STATUS_POLICY_INVALID_NAME` or `SIGSUM_STATUS_POLICY_UNKNOWN_NAME`.
///
/// # Safety
///
/// `name` readable for `name_len` bytes; `text` and `text_len` writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_policy_builtin_text(
    name: *const c_char,
    name_len: usize,
    text: *mut *const c_char,
    text_len: *mut usize,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let name = unsafe { bytes_in(name.cast::<u8>(), name_len) }?;
        let out_text = Out::new(text)?;
        let out_len = Out::new(text_len)?;
        let name = core::str::from_utf8(name).map_err(|_| BuiltinError::InvalidName)?;
        let t = Builtin::from_name(name)?.text();
        // SAFETY: writable per contract.
        unsafe { out_text.write(t.as_ptr().cast()) };
        // SAFETY: writable per contract.
        unsafe { out_len.write(t.len()) };
        Ok(())
    })
}

/// Check a policy name (`name_len` bytes) against sigsum-go's rule
/// `^[a-z0-9][a-z0-9-]+$`: `SIGSUM_STATUS_OK` or
/// `SIGSUM_STATUS_POLICY_INVALID_NAME`. A valid name is safe to use as a
/// file name component (no `/`, no `.`), for example to look for an
/// installed `NAME.sigsum-policy` before falling back to a builtin.
///
/// # Safety
///
/// `name` readable for `name_len` bytes.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_policy_name_check(
    name: *const c_char,
    name_len: usize,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let name = unsafe { bytes_in(name.cast::<u8>(), name_len) }?;
        check_policy_name(name)?;
        Ok(())
    })
}

/// The name of the `index`-th builtin policy as a static NUL-terminated
/// string, or NULL when `index` is past the last one (so `for (i = 0;
/// (n = sigsum_policy_builtin_name(i)) != NULL; i++)` lists them all).
///
/// # Safety
///
/// None.
#[no_mangle]
pub unsafe extern "C" fn sigsum_policy_builtin_name(index: usize) -> *const c_char {
    ffi_call(|| {
        const NAMES: [&core::ffi::CStr; 4] = [
            c"sigsum-generic-2025-1",
            c"sigsum-test-2025-3",
            c"sigsum-test1-2025",
            c"sigsum-test2-2025",
        ];
        NAMES
            .get(index)
            .filter(|n| {
                Builtin::ALL
                    .iter()
                    .any(|b| b.name().as_bytes() == n.to_bytes())
            })
            .map_or(core::ptr::null(), |n| n.as_ptr())
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn builtin_name_table_matches_core() {
        let mut ours = vec![];
        for i in 0.. {
            // SAFETY: no requirements.
            let p = unsafe { super::sigsum_policy_builtin_name(i) };
            if p.is_null() {
                break;
            }
            // SAFETY: static NUL-terminated string.
            ours.push(unsafe { core::ffi::CStr::from_ptr(p) }.to_str().unwrap());
        }
        assert_eq!(ours, super::Builtin::ALL.map(super::Builtin::name).to_vec());
    }

    /// A text with `n` witnesses, the first 50 in one any-of group (witness
    /// keys are SHA-256 of the index: any 32 bytes do here).
    fn many_witnesses(n: usize) -> String {
        let mut t = String::from("log ");
        t += &"aa".repeat(32);
        t += "\n";
        let mut names = vec![];
        for i in 0..n {
            let key = sigsum_core::sha256(&(i as u64).to_be_bytes());
            t += &format!("witness w{i} {key}\n");
            if i < 50 {
                names.push(format!("w{i}"));
            }
        }
        t += &format!("group g any {}\nquorum g\n", names.join(" "));
        t
    }

    /// compiled-policy.md §11: compiling needs the format's full limits.
    /// `sigsum_policy_compile` and `sigsum_policy_hash` take texts over
    /// the default text capacity; the other functions still refuse them.
    #[test]
    fn compile_and_hash_take_texts_up_to_the_format_limits() {
        use super::*;
        use sigsum_core::MAX_TEXT_WITNESSES;
        let compile = |text: &str| {
            let p = sigsum_policy {
                format: SIGSUM_POLICY_TEXT,
                data: text.as_ptr().cast(),
                len: text.len(),
            };
            let mut out = vec![0u8; SIGSUM_MAX_COMPILED_POLICY_SIZE];
            let mut len = 0usize;
            let mut d = sigsum_detail::default();
            // SAFETY: all pointers valid for the call.
            let s =
                unsafe { sigsum_policy_compile(&p, out.as_mut_ptr(), out.len(), &mut len, &mut d) };
            let mut h = crate::types::sigsum_hash { bytes: [0; 32] };
            // SAFETY: as above.
            let hs = unsafe { sigsum_policy_hash(&p, &mut h) };
            // SAFETY: as above.
            let cs = unsafe { sigsum_policy_check(&p, core::ptr::null_mut()) };
            out.truncate(len);
            (s, out, hs, h.bytes, cs, d)
        };
        for n in [MAX_TEXT_WITNESSES, MAX_TEXT_WITNESSES + 1, 100, 255] {
            let text = many_witnesses(n);
            let want = LargeTextPolicy::parse(text.as_bytes()).unwrap();
            let mut buf = vec![0u8; SIGSUM_MAX_COMPILED_POLICY_SIZE];
            let want = want.compile(&mut buf).unwrap().as_bytes().to_vec();
            let (s, out, hs, h, cs, d) = compile(&text);
            assert_eq!((s, hs), (sigsum_status::Ok, sigsum_status::Ok), "{n}");
            assert_eq!(out, want, "{n}");
            assert_eq!(h, sigsum_core::sha256(&want).0, "{n}");
            assert_eq!(d.step, 0, "{n}");
            let small = if n > MAX_TEXT_WITNESSES {
                sigsum_status::PolicyTooManyWitnesses
            } else {
                sigsum_status::Ok
            };
            assert_eq!(cs, small, "{n}");
        }
        // Past the format's limit, and errors inside a large text, carry
        // their line.
        let (s, _, hs, _, _, d) = compile(&many_witnesses(256));
        assert_eq!(
            (s, hs),
            (
                sigsum_status::PolicyTooManyWitnesses,
                sigsum_status::PolicyTooManyWitnesses
            )
        );
        assert_eq!((d.step, d.line), (SIGSUM_STEP_POLICY, 257));
        let bad = many_witnesses(100).replace("witness w99 ", "witness w0 ");
        let (s, _, _, _, _, d) = compile(&bad);
        assert_eq!((s, d.line), (sigsum_status::PolicyDuplicateName, 101));
    }
}

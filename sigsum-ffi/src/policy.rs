//! Trust policies: load once into caller storage (text, compiled or
//! builtin), compile, hash, builtin names.

use core::ffi::c_char;
use core::mem::{align_of, needs_drop, size_of};

use sigsum_core::{
    check_policy_name, Builtin, Hash, LargeTextPolicy, Policy, PolicyError, PolicyErrorKind,
    TextPolicy,
};

use crate::basic::text_in;
use crate::detail::{sigsum_detail, with_detail};
use crate::errors;
use crate::ffi::{bytes_in, storage_out, Out, OutBuf};
use crate::panic::{ffi_call, ffi_status};
use crate::status::sigsum_status;
use crate::types::sigsum_hash;

/// Size in bytes of a `sigsum_policy`.
pub const SIGSUM_POLICY_SIZE: usize = 10752;

/// A loaded trust policy, in caller-owned storage (no allocation): declare
/// one (`sigsum_policy policy;`, on the stack, statically or inside your
/// own struct; it is `SIGSUM_POLICY_SIZE` bytes, aligned as `uint64_t`) and
/// fill it once with `sigsum_policy_load_text`, `_load_compiled` or
/// `_load_builtin`. Then pass it to any number of `sigsum_proof_verify`
/// calls: the text is parsed, or the blob validated, only once.
///
/// **The loaded policy borrows its input.** A policy loaded from a text or
/// a compiled blob points into that text or blob: the caller must keep it
/// alive and unchanged for as long as the policy is used (builtins point
/// to static data). Loading copies nothing and keeps no other pointer.
///
/// The contents are private, and not all of its bytes are initialized
/// (padding). The struct may be copied with `memcpy` (the copy borrows the
/// same input). A loaded policy is
/// read-only: any number of threads may use it at once, but it must not be
/// reloaded while another call uses it. A `sigsum_policy` that no load
/// function has filled (for example zeroed memory) is rejected with
/// `SIGSUM_STATUS_INVALID_PARAMETER`; uninitialized or corrupted memory is
/// undefined behaviour.
///
/// (In Rust the type is neither `Clone` nor `Copy`: a typed copy of the
/// padding bytes would be undefined behaviour there. Copy it with
/// `core::ptr::copy_nonoverlapping`, as C's `memcpy` does.)
#[repr(C)]
pub struct sigsum_policy {
    /// Private: the loaded policy (`SIGSUM_POLICY_SIZE` bytes).
    pub opaque: [u64; 1344],
}

/// Unloaded storage (all zero), as a C caller would declare it.
impl Default for sigsum_policy {
    fn default() -> Self {
        sigsum_policy {
            opaque: [0; SIGSUM_POLICY_SIZE / 8],
        }
    }
}

/// What a `sigsum_policy` holds once loaded.
#[repr(C)]
struct Loaded {
    /// [`MAGIC`]: the storage was filled by a load function.
    magic: u64,
    /// The policy, borrowing the caller's text or blob (the `'static` is
    /// erased: the C contract keeps the input alive while it is used).
    policy: Policy<'static>,
}

/// Marks a loaded `sigsum_policy` ("sigsumPL").
const MAGIC: u64 = u64::from_be_bytes(*b"sigsumPL");

// The caller's storage holds a `Loaded`, suitably aligned; nothing needs
// dropping (it only borrows).
const _: () = {
    assert!(size_of::<Loaded>() <= size_of::<sigsum_policy>());
    assert!(align_of::<Loaded>() <= align_of::<sigsum_policy>());
    assert!(size_of::<sigsum_policy>() == SIGSUM_POLICY_SIZE);
    assert!(!needs_drop::<Policy<'static>>());
};

/// Borrow the loaded policy behind a `const sigsum_policy *`.
///
/// # Safety
///
/// If not NULL, `ptr` must point to a readable `sigsum_policy` that is
/// either filled by a load function (whose input is still alive and
/// unchanged) or does not start with [`MAGIC`], and that is not modified
/// during `'a`.
pub(crate) unsafe fn policy_in<'a>(
    ptr: *const sigsum_policy,
) -> Result<&'a Policy<'a>, sigsum_status> {
    if ptr.is_null() {
        return Err(sigsum_status::NullParameter);
    }
    if !ptr.is_aligned() {
        return Err(sigsum_status::InvalidParameter);
    }
    let loaded = ptr.cast::<Loaded>();
    // SAFETY: non-NULL, aligned for u64 and readable per the contract; any
    // bit pattern is a valid u64.
    if unsafe { core::ptr::addr_of!((*loaded).magic).read() } != MAGIC {
        return Err(sigsum_status::InvalidParameter);
    }
    // SAFETY: the magic says a load function wrote a valid `Loaded` here
    // (aligned and in bounds, checked by the const assertions), whose
    // borrowed input is alive and unchanged per the contract.
    Ok(unsafe { &(*loaded).policy })
}

/// Store `policy` in the caller's storage.
///
/// # Safety
///
/// `out` must be non-NULL, aligned and writable for a `sigsum_policy`, and
/// `policy`'s input must outlive every use of the stored policy (the C
/// contract of the load functions).
unsafe fn store(out: *mut sigsum_policy, policy: Policy<'_>) {
    // SAFETY: erasing the lifetime is what the C contract allows.
    let policy: Policy<'static> = unsafe { core::mem::transmute(policy) };
    // SAFETY: in bounds and aligned (const assertions), writable per the
    // caller's contract.
    unsafe {
        out.cast::<Loaded>().write(Loaded {
            magic: MAGIC,
            policy,
        })
    };
}

/// Load a text policy (sigsum-go's format: `log`, `witness`, `group` and
/// `quorum` lines; stricter where documented) from `text` (`text_len`
/// bytes) into `*out`, which then **borrows `text`**: keep it alive and
/// unchanged while the policy is used.
///
/// A loaded text policy holds at most 32 logs, 64 witnesses and 32 groups
/// (`SIGSUM_STATUS_POLICY_TOO_LARGE` beyond: compile such a policy with
/// `sigsum_policy_compile` and load the compiled form, which holds up to
/// 255 of each). Other errors are `SIGSUM_STATUS_MALFORMED_POLICY`, with
/// the 1-based `detail->line` (0 for a missing `quorum` line).
///
/// Writes `*out` only on success; `detail` (NULL or writable) always.
///
/// # Safety
///
/// `text` readable for `text_len` bytes, alive and unchanged while `*out`
/// is used; `out` writable; `detail` NULL or writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_policy_load_text(
    text: *const c_char,
    text_len: usize,
    out: *mut sigsum_policy,
    detail: *mut sigsum_detail,
) -> sigsum_status {
    with_detail(detail, |d| {
        // SAFETY: forwarded from this function's contract.
        let t = unsafe { text_in(text, text_len) }?;
        let out = storage_out(out)?;
        let p = Policy::from_text(t).map_err(|e| errors::policy(d, e))?;
        // SAFETY: checked above; `text` outlives the policy per contract.
        unsafe { store(out, p) };
        Ok(())
    })
}

/// Load a compiled policy blob (Glasklar sigsum-c's binary format, as
/// written by `sigsum_policy_compile`), strictly validated, from `blob`
/// (`blob_len` bytes) into `*out`, which then **borrows `blob`**: keep it
/// alive and unchanged while the policy is used.
///
/// Errors: `SIGSUM_STATUS_MALFORMED_COMPILED_POLICY` (the reason in
/// `detail->message`). Writes `*out` only on success; `detail` (NULL or
/// writable) always.
///
/// # Safety
///
/// `blob` readable for `blob_len` bytes, alive and unchanged while `*out`
/// is used; `out` writable; `detail` NULL or writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_policy_load_compiled(
    blob: *const u8,
    blob_len: usize,
    out: *mut sigsum_policy,
    detail: *mut sigsum_detail,
) -> sigsum_status {
    with_detail(detail, |d| {
        // SAFETY: forwarded from this function's contract.
        let b = unsafe { bytes_in(blob, blob_len) }?;
        let out = storage_out(out)?;
        let p = Policy::from_compiled(b).map_err(|e| errors::compiled(d, e))?;
        // SAFETY: checked above; `blob` outlives the policy per contract.
        unsafe { store(out, p) };
        Ok(())
    })
}

/// Load the builtin policy `name` (`name_len` bytes, no NUL needed; see
/// `sigsum_policy_get_builtin_name`) into `*out`, from its shipped compiled
/// form. The loaded policy points to static data only.
///
/// Errors: `SIGSUM_STATUS_INVALID_POLICY_NAME` (not
/// `^[a-z0-9][a-z0-9-]+$`), `SIGSUM_STATUS_UNKNOWN_POLICY`. Writes `*out`
/// only on success; `detail` (NULL or writable) always.
///
/// # Safety
///
/// `name` readable for `name_len` bytes; `out` writable; `detail` NULL or
/// writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_policy_load_builtin(
    name: *const c_char,
    name_len: usize,
    out: *mut sigsum_policy,
    detail: *mut sigsum_detail,
) -> sigsum_status {
    with_detail(detail, |d| {
        // SAFETY: forwarded from this function's contract.
        let n = unsafe { text_in(name, name_len) }?;
        let out = storage_out(out)?;
        let n = core::str::from_utf8(n).map_err(|_| errors::policy(d, invalid_name()))?;
        let p = Policy::builtin(n).map_err(|e| errors::policy(d, e))?;
        // SAFETY: checked above; the policy borrows static data only.
        unsafe { store(out, p) };
        Ok(())
    })
}

/// `true` for a text over the loaded text capacity (but maybe not over the
/// compiled format's).
fn too_large(e: &PolicyError) -> bool {
    matches!(
        e.kind,
        PolicyErrorKind::TooManyLogs { .. }
            | PolicyErrorKind::TooManyWitnesses { .. }
            | PolicyErrorKind::TooManyGroups { .. }
    )
}

/// Parse `text` with the compiled format's limits (255 logs, witnesses and
/// groups: the canonical compilation needs them) and run `f` on it. The
/// large parse (about 52 KiB) lives in this stack frame only, so the common
/// path keeps its small stack.
#[inline(never)]
fn with_large_text<C, R>(
    text: &[u8],
    d: &mut sigsum_detail,
    ctx: C,
    f: impl FnOnce(&LargeTextPolicy<'_>, &mut sigsum_detail, C) -> Result<R, sigsum_status>,
) -> Result<R, sigsum_status> {
    let p = LargeTextPolicy::parse(text).map_err(|e| errors::policy(d, e))?;
    f(&p, d, ctx)
}

/// Run `small` on `text` parsed with the loaded text capacity, or `large`
/// on it parsed with the compiled format's limits if it is larger; `ctx`
/// goes to the one that runs.
fn with_text<C, R>(
    text: &[u8],
    d: &mut sigsum_detail,
    ctx: C,
    small: impl FnOnce(&TextPolicy<'_>, &mut sigsum_detail, C) -> Result<R, sigsum_status>,
    large: impl FnOnce(&LargeTextPolicy<'_>, &mut sigsum_detail, C) -> Result<R, sigsum_status>,
) -> Result<R, sigsum_status> {
    match TextPolicy::parse(text) {
        Ok(p) => small(&p, d, ctx),
        Err(e) if too_large(&e) => with_large_text(text, d, ctx, large),
        Err(e) => Err(errors::policy(d, e)),
    }
}

/// Buffer size that always holds a compiled policy
/// (`sigsum_policy_compile`).
pub const SIGSUM_MAX_COMPILED_POLICY_SIZE: usize = 16579;

const _: () = assert!(SIGSUM_MAX_COMPILED_POLICY_SIZE == sigsum_core::MAX_COMPILED_LEN);

/// Compile the text policy `text` (`text_len` bytes) to its canonical
/// compiled form (the binary format of Glasklar's sigsum-c): on success the
/// blob is at the start of `out` and its length in `*out_len`;
/// `SIGSUM_MAX_COMPILED_POLICY_SIZE` bytes of `out_cap` always suffice.
///
/// Takes texts up to the compiled format's limits (255 logs, witnesses and
/// groups), more than a loaded text policy holds; texts over 32 logs, 64
/// witnesses or 32 groups are parsed in about 52 KiB of extra stack.
/// Errors: `SIGSUM_STATUS_MALFORMED_POLICY` (with `detail->line`),
/// `SIGSUM_STATUS_POLICY_TOO_LARGE` (over the format's limits),
/// `SIGSUM_STATUS_POLICY_NOT_COMPILABLE` (`quorum none`, or a quorum
/// program over 255 bytes), `SIGSUM_STATUS_BUFFER_TOO_SMALL`.
///
/// # Safety
///
/// `text` readable for `text_len` bytes; `out` writable for `out_cap`
/// bytes; `out_len` writable; `detail` NULL or writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_policy_compile(
    text: *const c_char,
    text_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
    detail: *mut sigsum_detail,
) -> sigsum_status {
    with_detail(detail, |d| {
        // SAFETY: forwarded from this function's contract.
        let t = unsafe { text_in(text, text_len) }?;
        let dst = OutBuf::new(out, out_cap)?;
        let len_out = Out::new(out_len)?;
        let mut buf = [0u8; SIGSUM_MAX_COMPILED_POLICY_SIZE];
        let len = with_text(
            t,
            d,
            &mut buf,
            |p, d, buf| {
                let c = p.compile(buf).map_err(|e| errors::compile(d, e))?;
                Ok(c.as_bytes().len())
            },
            |p, d, buf| {
                let c = p.compile(buf).map_err(|e| errors::compile(d, e))?;
                Ok(c.as_bytes().len())
            },
        )?;
        // SAFETY: writable per contract.
        unsafe { dst.write(buf.get(..len).unwrap_or_default()) }?;
        // SAFETY: writable per contract.
        unsafe { len_out.write(len) };
        Ok(())
    })
}

/// The policy hash of the text policy `text` (`text_len` bytes): SHA-256 of
/// its canonical compiled form, written to `*out` on success. Two texts
/// that compile to the same blob have the same hash; the hash of a compiled
/// blob is its SHA-256 (`sigsum_hash_sha256`). Takes the same texts and
/// fails as `sigsum_policy_compile`.
///
/// # Safety
///
/// `text` readable for `text_len` bytes; `out` writable; `detail` NULL or
/// writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_policy_hash(
    text: *const c_char,
    text_len: usize,
    out: *mut sigsum_hash,
    detail: *mut sigsum_detail,
) -> sigsum_status {
    with_detail(detail, |d| {
        // SAFETY: forwarded from this function's contract.
        let t = unsafe { text_in(text, text_len) }?;
        let out = Out::new(out)?;
        let h: Hash = with_text(
            t,
            d,
            (),
            |p, d, ()| p.policy_hash().map_err(|e| errors::compile(d, e)),
            |p, d, ()| p.policy_hash().map_err(|e| errors::compile(d, e)),
        )?;
        // SAFETY: writable per contract.
        unsafe { out.write(h.into()) };
        Ok(())
    })
}

/// The text of the builtin policy `name` (`name_len` bytes, no NUL needed):
/// on success `*out` points to static, read-only text of `*out_len` bytes
/// (not NUL-terminated) that lives for the whole program. Fails with
/// `SIGSUM_STATUS_INVALID_POLICY_NAME` or `SIGSUM_STATUS_UNKNOWN_POLICY`.
///
/// # Safety
///
/// `name` readable for `name_len` bytes; `out` and `out_len` writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_policy_get_builtin_text(
    name: *const c_char,
    name_len: usize,
    out: *mut *const c_char,
    out_len: *mut usize,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let n = unsafe { text_in(name, name_len) }?;
        let out = Out::new(out)?;
        let len_out = Out::new(out_len)?;
        let mut d = sigsum_detail::ZERO;
        let n = core::str::from_utf8(n).map_err(|_| errors::policy(&mut d, invalid_name()))?;
        let t = Builtin::from_name(n)
            .map(Builtin::text)
            .map_err(|e| errors::policy(&mut d, e))?;
        // SAFETY: writable per contract.
        unsafe { out.write(t.as_ptr().cast()) };
        // SAFETY: writable per contract.
        unsafe { len_out.write(t.len()) };
        Ok(())
    })
}

/// Check a policy name (`name_len` bytes) against sigsum-go's rule
/// `^[a-z0-9][a-z0-9-]+$`: `SIGSUM_STATUS_OK` or
/// `SIGSUM_STATUS_INVALID_POLICY_NAME`. A valid name is safe to use as a
/// file name component (no `/`, no `.`), for example to look for an
/// installed `NAME.sigsum-policy` before falling back to a builtin.
///
/// # Safety
///
/// `name` readable for `name_len` bytes.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_policy_check_name(
    name: *const c_char,
    name_len: usize,
) -> sigsum_status {
    ffi_status(|| {
        // SAFETY: forwarded from this function's contract.
        let n = unsafe { text_in(name, name_len) }?;
        check_policy_name(n).map_err(|_| sigsum_status::InvalidPolicyName)
    })
}

/// The name of the `index`-th builtin policy as a static NUL-terminated
/// string, or NULL when `index` is past the last one (so `for (i = 0;
/// (n = sigsum_policy_get_builtin_name(i)) != NULL; i++)` lists them all).
///
/// # Safety
///
/// None.
#[no_mangle]
pub unsafe extern "C" fn sigsum_policy_get_builtin_name(index: usize) -> *const c_char {
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

/// A policy name that is not UTF-8: invalid, as sigsum-go's name rule is
/// ASCII.
fn invalid_name() -> PolicyError {
    PolicyError {
        line: 0,
        kind: PolicyErrorKind::InvalidName,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detail::sigsum_step;
    use sigsum_core::MAX_TEXT_WITNESSES;

    #[test]
    fn builtin_name_table_matches_core() {
        let mut ours = vec![];
        for i in 0.. {
            // SAFETY: no requirements.
            let p = unsafe { sigsum_policy_get_builtin_name(i) };
            if p.is_null() {
                break;
            }
            // SAFETY: static NUL-terminated string.
            ours.push(unsafe { core::ffi::CStr::from_ptr(p) }.to_str().unwrap());
        }
        assert_eq!(ours, Builtin::ALL.map(Builtin::name).to_vec());
    }

    #[test]
    fn the_documented_size_holds_a_loaded_policy() {
        // The constant is the 64-bit size rounded up; smaller targets fit.
        assert!(size_of::<Loaded>() <= SIGSUM_POLICY_SIZE);
        if cfg!(target_pointer_width = "64") {
            assert!(SIGSUM_POLICY_SIZE - size_of::<Loaded>() < 1024);
        }
        let h = include_str!("../../include/sigsum.h");
        assert!(h.contains(&format!(
            "#define SIGSUM_POLICY_SIZE {SIGSUM_POLICY_SIZE}\n"
        )));
    }

    #[test]
    fn unloaded_and_misaligned_policies_are_rejected() {
        let zero = sigsum_policy::default;
        // SAFETY: readable, not loaded.
        let r = unsafe { policy_in(&zero()) }.err();
        assert_eq!(r, Some(sigsum_status::InvalidParameter));
        // SAFETY: NULL is allowed.
        let r = unsafe { policy_in(core::ptr::null()) }.err();
        assert_eq!(r, Some(sigsum_status::NullParameter));
        let mut two = [zero(), zero()];
        let odd = two
            .as_mut_ptr()
            .cast::<u8>()
            .wrapping_add(4)
            .cast::<sigsum_policy>();
        let name = b"sigsum-test1-2025";
        // SAFETY: valid name; `odd` is writable but misaligned, rejected
        // before any write.
        let s = unsafe {
            sigsum_policy_load_builtin(name.as_ptr().cast(), name.len(), odd, core::ptr::null_mut())
        };
        assert_eq!(s, sigsum_status::InvalidParameter);
        // SAFETY: as above, but aligned.
        let s = unsafe {
            sigsum_policy_load_builtin(
                name.as_ptr().cast(),
                name.len(),
                &mut two[0],
                core::ptr::null_mut(),
            )
        };
        assert_eq!(s, sigsum_status::Ok);
        let mut copy = sigsum_policy::default();
        // SAFETY: a byte copy (as C's memcpy) between two distinct
        // policies; padding bytes stay uninitialized, never read as u64.
        unsafe { core::ptr::copy_nonoverlapping(&two[0], &mut copy, 1) };
        // SAFETY: loaded (and copied: the policy borrows static data).
        let p = unsafe { policy_in(&copy) }.unwrap();
        assert!(matches!(p, Policy::Compiled(_)));
        // SAFETY: misaligned pointer, rejected before any read.
        let r = unsafe { policy_in(odd) }.err();
        assert_eq!(r, Some(sigsum_status::InvalidParameter));
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

    /// A chain of `n` one-member groups over one witness: over the loaded
    /// capacity (32 groups) from 33 on, with little to hash (fast under
    /// Miri).
    fn group_chain(n: usize) -> String {
        let mut t = format!("log {}\nwitness w {}\n", "aa".repeat(32), "bb".repeat(32));
        t += "group g0 any w\n";
        for i in 1..n {
            t += &format!("group g{i} any g{}\n", i - 1);
        }
        t += &format!("quorum g{}\n", n - 1);
        t
    }

    /// Compiling needs the format's full limits (255 of each):
    /// `sigsum_policy_compile` and `sigsum_policy_hash` take texts over
    /// the loaded text capacity, which `sigsum_policy_load_text` refuses.
    #[test]
    fn compile_and_hash_take_texts_up_to_the_format_limits() {
        let compile = |text: &str| {
            let mut out = vec![0u8; SIGSUM_MAX_COMPILED_POLICY_SIZE];
            let mut len = 0usize;
            let mut d = sigsum_detail::ZERO;
            // SAFETY: all pointers valid for the call.
            let s = unsafe {
                sigsum_policy_compile(
                    text.as_ptr().cast(),
                    text.len(),
                    out.as_mut_ptr(),
                    out.len(),
                    &mut len,
                    &mut d,
                )
            };
            let mut h = sigsum_hash { bytes: [0; 32] };
            // SAFETY: as above.
            let hs = unsafe {
                sigsum_policy_hash(
                    text.as_ptr().cast(),
                    text.len(),
                    &mut h,
                    core::ptr::null_mut(),
                )
            };
            let mut p = sigsum_policy::default();
            // SAFETY: as above.
            let ls = unsafe {
                sigsum_policy_load_text(
                    text.as_ptr().cast(),
                    text.len(),
                    &mut p,
                    core::ptr::null_mut(),
                )
            };
            out.truncate(len);
            (s, out, hs, h.bytes, ls, d)
        };
        // Under Miri (where hashing 65 witness keys takes minutes) one text
        // below and one over the loaded capacity, with few keys: the FFI
        // paths are the same.
        let texts: Vec<(usize, String)> = if cfg!(miri) {
            vec![(0, group_chain(2)), (1, group_chain(33))]
        } else {
            [MAX_TEXT_WITNESSES, MAX_TEXT_WITNESSES + 1, 100, 255]
                .into_iter()
                .map(|n| (usize::from(n > MAX_TEXT_WITNESSES), many_witnesses(n)))
                .chain([(0, group_chain(32)), (1, group_chain(33))])
                .collect()
        };
        for (over, text) in texts {
            let n = text.lines().count();
            let want = LargeTextPolicy::parse(text.as_bytes()).unwrap();
            let mut buf = vec![0u8; SIGSUM_MAX_COMPILED_POLICY_SIZE];
            let want = want.compile(&mut buf).unwrap().as_bytes().to_vec();
            let (s, out, hs, h, ls, d) = compile(&text);
            assert_eq!((s, hs), (sigsum_status::Ok, sigsum_status::Ok), "{n}");
            assert_eq!(out, want, "{n}");
            assert_eq!(h, sigsum_core::sha256(&want).0, "{n}");
            assert_eq!(d.step, 0, "{n}");
            let small = if over == 1 {
                sigsum_status::PolicyTooLarge
            } else {
                sigsum_status::Ok
            };
            assert_eq!(ls, small, "{n}");
        }
        if cfg!(miri) {
            return;
        }
        // Past the format's limit, and errors inside a large text, carry
        // their line.
        let (s, _, hs, _, _, d) = compile(&many_witnesses(256));
        assert_eq!(
            (s, hs),
            (sigsum_status::PolicyTooLarge, sigsum_status::PolicyTooLarge)
        );
        assert_eq!((d.step, d.line), (sigsum_step::Policy as u32, 257));
        let bad = many_witnesses(100).replace("witness w99 ", "witness w0 ");
        let (s, _, _, _, _, d) = compile(&bad);
        assert_eq!((s, d.line), (sigsum_status::MalformedPolicy, 101));
    }
}

//! C2SP transparency logs beyond Sigsum's format: a tlog-policy loaded
//! once into caller storage, cosigned checkpoints of any log verified under
//! it, and tlog-proofs.

use core::ffi::c_char;
use core::mem::{align_of, needs_drop, size_of};

use sigsum_core::{
    sha256, verify_tlog_checkpoint, CosignedCheckpoint, TlogKeyMaterial, TlogOptions, TlogPolicy,
    TlogProof, MAX_TLOG_CHECKPOINT_TEXT_SIZE,
};

use crate::backend::{sigsum_backend, Backend};
use crate::basic::text_in;
use crate::detail::{sigsum_detail, sigsum_step, with_detail};
use crate::errors;
use crate::ffi::{read_in, storage_out};
use crate::keys::span_of;
use crate::proof::{sigsum_freshness, stale_status};
use crate::status::sigsum_status;
use crate::types::sigsum_hash;

/// Size in bytes of a `sigsum_tlog_policy`.
pub const SIGSUM_TLOG_POLICY_SIZE: usize = 18432;

/// The longest C2SP checkpoint text (origin, size, root hash and
/// extension lines, without the signature lines) that
/// `sigsum_tlog_checkpoint_verify` and `sigsum_tlog_proof_verify` verify;
/// longer is `SIGSUM_STATUS_CHECKPOINT_TOO_LARGE`.
pub const SIGSUM_MAX_TLOG_CHECKPOINT_TEXT_SIZE: usize = 4096;

const _: () = assert!(SIGSUM_MAX_TLOG_CHECKPOINT_TEXT_SIZE == MAX_TLOG_CHECKPOINT_TEXT_SIZE);

/// Flag of `sigsum_tlog_checkpoint_verify` and `sigsum_tlog_proof_verify`:
/// reject the checkpoint (`SIGSUM_STATUS_BAD_COSIGNATURE`) if any
/// cosignature from a policy witness does not verify, as golang.org/x/mod's
/// `note.Open` and Sigstore do. Without it an invalid cosignature only does
/// not count towards the quorum (as in sigsum-go), so one broken witness
/// cannot veto a quorum of others.
pub const SIGSUM_TLOG_REJECT_INVALID_COSIGNATURES: u32 = 1;

/// Every flag this version knows; other bits are
/// `SIGSUM_STATUS_INVALID_PARAMETER`.
const KNOWN_FLAGS: u32 = SIGSUM_TLOG_REJECT_INVALID_COSIGNATURES;

/// A loaded C2SP tlog-policy, in caller-owned storage (no allocation):
/// declare one (on the stack, statically or inside your own struct; it is
/// `SIGSUM_TLOG_POLICY_SIZE` bytes, aligned as `uint64_t`) and fill it once
/// with `sigsum_tlog_policy_load`. Then pass it to any number of
/// `sigsum_tlog_checkpoint_verify` and `sigsum_tlog_proof_verify` calls.
///
/// **The loaded policy borrows its text**: keep the text alive and
/// unchanged for as long as the policy is used. Loading copies nothing and
/// keeps no other pointer.
///
/// The rules are those of `sigsum_policy` storage: the contents are
/// private and partly uninitialized (padding); the struct may be copied
/// with `memcpy` (the copy borrows the same text); a loaded policy is
/// read-only and may be used by any number of threads at once, but must
/// not be reloaded while another call uses it; storage that no load
/// function filled (for example zeroed memory, or a `sigsum_policy`) is
/// rejected with `SIGSUM_STATUS_INVALID_PARAMETER`; uninitialized or
/// corrupted memory is undefined behaviour.
#[repr(C)]
pub struct sigsum_tlog_policy {
    /// Private: the loaded policy (`SIGSUM_TLOG_POLICY_SIZE` bytes).
    pub opaque: [u64; 2304],
}

/// Unloaded storage (all zero), as a C caller would declare it.
impl Default for sigsum_tlog_policy {
    fn default() -> Self {
        sigsum_tlog_policy {
            opaque: [0; SIGSUM_TLOG_POLICY_SIZE / 8],
        }
    }
}

/// What a `sigsum_tlog_policy` holds once loaded.
#[repr(C)]
struct Loaded {
    /// [`MAGIC`]: the storage was filled by the load function.
    magic: u64,
    /// The policy, borrowing the caller's text (the `'static` is erased:
    /// the C contract keeps the text alive while it is used).
    policy: TlogPolicy<'static>,
}

/// Marks a loaded `sigsum_tlog_policy` ("sigsumTP"), distinct from a
/// `sigsum_policy`'s.
const MAGIC: u64 = u64::from_be_bytes(*b"sigsumTP");

const _: () = {
    assert!(size_of::<Loaded>() <= size_of::<sigsum_tlog_policy>());
    assert!(align_of::<Loaded>() <= align_of::<sigsum_tlog_policy>());
    assert!(size_of::<sigsum_tlog_policy>() == SIGSUM_TLOG_POLICY_SIZE);
    assert!(!needs_drop::<TlogPolicy<'static>>());
};

/// Borrow the loaded policy behind a `const sigsum_tlog_policy *`.
///
/// # Safety
///
/// If not NULL, `ptr` must point to a readable `sigsum_tlog_policy` that is
/// either filled by `sigsum_tlog_policy_load` (whose text is still alive
/// and unchanged) or does not start with [`MAGIC`], and that is not
/// modified during `'a`.
unsafe fn policy_in<'a>(
    ptr: *const sigsum_tlog_policy,
) -> Result<&'a TlogPolicy<'a>, sigsum_status> {
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
    // SAFETY: the magic says the load function wrote a valid `Loaded`
    // here (aligned and in bounds, checked by the const assertions), whose
    // borrowed text is alive and unchanged per the contract.
    Ok(unsafe { &(*loaded).policy })
}

/// Load a C2SP tlog-policy (`log <vkey> [<url>]`, `witness <name> <vkey>
/// [<url>]`, `group`, `quorum` lines; the Sigsum policy grammar with
/// signed-note vkeys) from `text` (`text_len` bytes) into `*out`, which
/// then **borrows `text`**: keep it alive and unchanged while the policy
/// is used.
///
/// A log vkey is of type 0x01 (Ed25519) and its key name is the log's
/// checkpoint origin; a witness vkey is of type 0x04 (Ed25519
/// `cosignature/v1`) or 0x06 (ML-DSA-44). Only TAB and LF are allowed
/// control bytes. A loaded tlog-policy holds at most 32 logs, 64 witnesses
/// and 32 groups (`SIGSUM_STATUS_POLICY_TOO_LARGE` beyond); other errors
/// are `SIGSUM_STATUS_MALFORMED_POLICY`, with the 1-based `detail->line`
/// (0 for a missing `quorum` line).
///
/// Writes `*out` only on success; `detail` (NULL or writable) always.
///
/// # Safety
///
/// `text` readable for `text_len` bytes, alive and unchanged while `*out`
/// is used; `out` writable; `detail` NULL or writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_tlog_policy_load(
    text: *const c_char,
    text_len: usize,
    out: *mut sigsum_tlog_policy,
    detail: *mut sigsum_detail,
) -> sigsum_status {
    with_detail(detail, |d| {
        // SAFETY: forwarded from this function's contract.
        let t = unsafe { text_in(text, text_len) }?;
        let out = storage_out(out)?;
        let p = TlogPolicy::parse(t).map_err(|e| errors::policy(d, e))?;
        // SAFETY: erasing the lifetime is what the C contract allows
        // (`text` outlives every use of the stored policy).
        let policy: TlogPolicy<'static> = unsafe { core::mem::transmute(p) };
        // SAFETY: `out` is non-NULL and aligned (checked above), in bounds
        // (const assertions) and writable per the contract.
        unsafe {
            out.cast::<Loaded>().write(Loaded {
                magic: MAGIC,
                policy,
            })
        };
        Ok(())
    })
}

/// The arguments both verifying functions share, checked.
struct Common<'a> {
    policy: &'a TlogPolicy<'a>,
    options: TlogOptions,
    freshness: Option<sigsum_freshness>,
    backend: Backend,
}

/// Check the policy, flags, freshness and backend arguments.
///
/// # Safety
///
/// `policy` a loaded `sigsum_tlog_policy` (or NULL, or unloaded storage);
/// `freshness` and `backend` NULL or valid.
unsafe fn common<'a>(
    d: &mut sigsum_detail,
    policy: *const sigsum_tlog_policy,
    flags: u32,
    freshness: *const sigsum_freshness,
    backend: *const sigsum_backend,
) -> Result<Common<'a>, sigsum_status> {
    let fresh = if freshness.is_null() {
        None
    } else {
        // SAFETY: non-NULL and readable per the caller's contract.
        Some(unsafe { read_in(freshness) }?)
    };
    // SAFETY: forwarded from the caller's contract.
    let backend = unsafe { Backend::from_ptr(backend) }?;
    // SAFETY: forwarded from the caller's contract.
    let policy = unsafe { policy_in(policy) }.map_err(|s| {
        let why = "tlog policy is NULL, misaligned or not loaded";
        d.fail(s, sigsum_step::Arguments, 0, 0, &why)
    })?;
    if flags & !KNOWN_FLAGS != 0 {
        let why = format_args!("unknown flags {:#x}", flags & !KNOWN_FLAGS);
        return Err(d.fail(
            sigsum_status::InvalidParameter,
            sigsum_step::Arguments,
            0,
            0,
            &why,
        ));
    }
    Ok(Common {
        policy,
        options: TlogOptions {
            reject_invalid_cosignatures: flags & SIGSUM_TLOG_REJECT_INVALID_COSIGNATURES != 0,
        },
        freshness: fresh,
        backend,
    })
}

/// Write a verified checkpoint's values to `d`, then check freshness.
fn report(
    d: &mut sigsum_detail,
    c: &CosignedCheckpoint<'_>,
    policy: &TlogPolicy<'_>,
    fresh: Option<sigsum_freshness>,
) -> Result<(), sigsum_status> {
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    d.cosignatures_verified = count(c.verified.len());
    d.cosignatures_failed = count(c.failed.len());
    d.cosignatures_unsupported = count(c.unsupported.len());
    d.signature_checks = c.signature_checks;
    if let Some(t) = c.quorum_time.timestamp() {
        d.has_quorum_timestamp = 1;
        d.quorum_timestamp = t;
    }
    d.median_timestamp = c.median_timestamp().unwrap_or(0);
    d.tree_size = c.tree_head.size;
    d.root_hash = c.tree_head.root_hash.into();
    if let Some(log) = policy.logs().nth(usize::from(c.log)) {
        if let TlogKeyMaterial::Ed25519(k) = log.key.material {
            d.log_key_hash = sha256(&k.0).into();
        }
    }
    if let Some(f) = fresh {
        c.check_freshness(&f.into())
            .map_err(|e| d.fail(stale_status(&e), sigsum_step::Freshness, 0, 0, &e))?;
    }
    Ok(())
}

/// Verify a C2SP cosigned checkpoint (a signed note: `tlog-checkpoint`
/// text, a blank line, signature lines) of any log under a loaded
/// tlog-policy, on its own (no inclusion proof), as monitors and clients
/// that follow a log check a tree head.
///
/// `checkpoint` is the note (`checkpoint_len` bytes; at most 130 signature
/// lines, the text at most `SIGSUM_MAX_TLOG_CHECKPOINT_TEXT_SIZE` bytes).
/// `flags`: 0 or `SIGSUM_TLOG_REJECT_INVALID_COSIGNATURES` (other bits are
/// `SIGSUM_STATUS_INVALID_PARAMETER`). `freshness`: NULL, or the freshness
/// the quorum timestamp must have (see `sigsum_freshness`). `backend`:
/// NULL for the built-in Ed25519 verifier.
///
/// Checks, in order: the note's syntax (`SIGSUM_STATUS_MALFORMED_CHECKPOINT`,
/// `_CHECKPOINT_TOO_LARGE`); a policy log has the origin as its key name
/// (`SIGSUM_STATUS_UNKNOWN_LOG`); every signature line of a policy key of
/// that log verifies and there is one (`_BAD_LOG_SIGNATURE`); each policy
/// witness has at most one cosignature line (`_DUPLICATE_COSIGNATURE`);
/// the valid cosignatures satisfy the quorum (`_QUORUM_NOT_MET`; with the
/// flag, an invalid one is `_BAD_COSIGNATURE`); then freshness (the 300
/// block). Signature lines of unknown keys are ignored whatever their type
/// or size. ML-DSA-44 cosignatures are counted in
/// `detail->cosignatures_unsupported` when this build cannot check them.
///
/// If `detail` is not NULL it is always written: on failure the `step`,
/// the `line` in the note where known and the `message` (the counts for a
/// quorum failure); once the checkpoint verified (also when the freshness
/// check then fails) `tree_size`, `root_hash`, `log_key_hash` (SHA-256 of
/// the log's key), the counts, `quorum_timestamp` with
/// `has_quorum_timestamp`, and `median_timestamp`.
///
/// # Safety
///
/// `checkpoint` readable for `checkpoint_len` bytes; `policy` a loaded
/// tlog-policy whose text is alive and unchanged; `freshness` and `backend`
/// NULL or valid; `detail` NULL or writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_tlog_checkpoint_verify(
    checkpoint: *const c_char,
    checkpoint_len: usize,
    policy: *const sigsum_tlog_policy,
    flags: u32,
    freshness: *const sigsum_freshness,
    backend: *const sigsum_backend,
    detail: *mut sigsum_detail,
) -> sigsum_status {
    with_detail(detail, |d| {
        // SAFETY: forwarded from this function's contract.
        let note = unsafe { text_in(checkpoint, checkpoint_len) }?;
        // SAFETY: forwarded from this function's contract.
        let c = unsafe { common(d, policy, flags, freshness, backend) }?;
        let v = verify_tlog_checkpoint(note, c.policy, &c.backend, &c.options)
            .map_err(|e| errors::tlog(d, e, 1))?;
        report(d, &v, c.policy, c.freshness)
    })
}

/// Verify a C2SP tlog-proof (`c2sp.org/tlog-proof@v1`: an optional
/// `extra` line, the leaf index, the inclusion path and a cosigned
/// checkpoint) of the leaf whose hash is `*leaf_hash`, under a loaded
/// tlog-policy.
///
/// The leaf hash is application-defined; for RFC 6962 logs of entries it
/// is `SHA-256(0x00 || entry)`, which `sigsum_merkle_hash_leaf`
/// (`sigsum_blocks.h`) computes. `proof` is the proof text (`proof_len`
/// bytes, parsed as strictly as Sigsum proofs: `SIGSUM_STATUS_MALFORMED_PROOF`
/// with the line). `flags`, `freshness` and `backend` are those of
/// `sigsum_tlog_checkpoint_verify`, whose checks and statuses apply to the
/// proof's checkpoint; then the path must lead from the leaf hash at the
/// index to the checkpoint's root hash (`SIGSUM_STATUS_INCLUSION_FAILED`,
/// also for an index not below the tree size); freshness is checked last.
///
/// `detail` (if not NULL, always written) is filled as by
/// `sigsum_tlog_checkpoint_verify`, with lines counted in the proof text,
/// plus `leaf_index` once the proof verified, and `extra` (where the
/// `extra` line's base64 data is in `proof`) once the proof parsed. **The
/// extra data is not authenticated**: the proof's signatures do not cover
/// it; use it only as an input the leaf hash then binds, or as a hint.
///
/// # Safety
///
/// `proof` readable for `proof_len` bytes; `leaf_hash` readable; `policy` a
/// loaded tlog-policy whose text is alive and unchanged; `freshness` and
/// `backend` NULL or valid; `detail` NULL or writable.
#[no_mangle]
#[must_use]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn sigsum_tlog_proof_verify(
    proof: *const c_char,
    proof_len: usize,
    leaf_hash: *const sigsum_hash,
    policy: *const sigsum_tlog_policy,
    flags: u32,
    freshness: *const sigsum_freshness,
    backend: *const sigsum_backend,
    detail: *mut sigsum_detail,
) -> sigsum_status {
    with_detail(detail, |d| {
        // SAFETY: forwarded from this function's contract.
        let text = unsafe { text_in(proof, proof_len) }?;
        // SAFETY: forwarded from this function's contract.
        let leaf = unsafe { read_in(leaf_hash) }?;
        // SAFETY: forwarded from this function's contract.
        let c = unsafe { common(d, policy, flags, freshness, backend) }?;
        let p = TlogProof::parse(text).map_err(|e| errors::tlog_proof(d, e))?;
        if let Some(extra) = p.unauthenticated_extra() {
            d.extra = span_of(text, extra.base64());
        }
        let v = p
            .verify(&leaf.into(), c.policy, &c.backend, &c.options)
            .map_err(|e| errors::tlog(d, e, checkpoint_line(&p)))?;
        d.leaf_index = v.index;
        report(d, &v.checkpoint, c.policy, c.freshness)
    })
}

/// The line of a tlog-proof on which its checkpoint starts: after the
/// header, the `extra` line if any, the index line, the path and the blank
/// line.
fn checkpoint_line(p: &TlogProof<'_>) -> u32 {
    let extra = u32::from(p.unauthenticated_extra().is_some());
    let path = u32::try_from(p.path().len()).unwrap_or(u32::MAX);
    path.saturating_add(extra).saturating_add(4)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::sigsum_policy;

    fn vector(name: &str) -> Vec<u8> {
        std::fs::read(format!(
            "{}/../tests/vectors/c2sp/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    #[test]
    fn the_documented_size_holds_a_loaded_policy() {
        assert!(size_of::<Loaded>() <= SIGSUM_TLOG_POLICY_SIZE);
        if cfg!(target_pointer_width = "64") {
            assert!(SIGSUM_TLOG_POLICY_SIZE - size_of::<Loaded>() < 2048);
        }
        let h = include_str!("../../include/sigsum.h");
        for line in [
            format!("#define SIGSUM_TLOG_POLICY_SIZE {SIGSUM_TLOG_POLICY_SIZE}\n"),
            format!(
                "#define SIGSUM_MAX_TLOG_CHECKPOINT_TEXT_SIZE {MAX_TLOG_CHECKPOINT_TEXT_SIZE}\n"
            ),
        ] {
            assert!(h.contains(&line), "{line}");
        }
    }

    /// Load, verify through the C entry points; the argument checks and
    /// the failures before any signature check also run under Miri.
    #[test]
    fn load_and_verify_through_the_c_api() {
        let text = vector("oak-test.policy");
        let proof = vector("oak-test.tlog-proof");
        let entry = vector("oak-test.entry");
        let leaf = sigsum_hash::from(sigsum_core::hash_leaf(&entry));
        let null = core::ptr::null_mut::<sigsum_detail>();
        let (pt, pl) = (proof.as_ptr().cast::<c_char>(), proof.len());
        let mut policy = Box::<sigsum_tlog_policy>::default();
        let mut d = sigsum_detail::default();
        let verify = |p: *const sigsum_tlog_policy, flags, leaf: &sigsum_hash, d| {
            // SAFETY: valid pointers and lengths; `p` NULL, unloaded or
            // loaded from `text`, which outlives it.
            unsafe {
                sigsum_tlog_proof_verify(
                    pt,
                    pl,
                    leaf,
                    p,
                    flags,
                    core::ptr::null(),
                    core::ptr::null(),
                    d,
                )
            }
        };
        // Unloaded storage, NULL, misaligned, and a loaded Sigsum policy.
        assert_eq!(
            verify(&*policy, 0, &leaf, &mut d),
            sigsum_status::InvalidParameter
        );
        assert_eq!(d.step, sigsum_step::Arguments as u32);
        assert_eq!(
            verify(core::ptr::null(), 0, &leaf, null),
            sigsum_status::NullParameter
        );
        let mut two = Box::new([sigsum_tlog_policy::default(), sigsum_tlog_policy::default()]);
        let odd = two
            .as_mut_ptr()
            .cast::<u8>()
            .wrapping_add(4)
            .cast::<sigsum_tlog_policy>();
        // SAFETY: valid text; `odd` is writable but misaligned, rejected
        // before any write.
        let s = unsafe { sigsum_tlog_policy_load(text.as_ptr().cast(), text.len(), odd, null) };
        assert_eq!(s, sigsum_status::InvalidParameter);
        assert_eq!(verify(odd, 0, &leaf, null), sigsum_status::InvalidParameter);
        let mut sigsum = Box::<sigsum_policy>::default();
        let name = b"sigsum-test1-2025";
        // SAFETY: valid name and storage.
        let s = unsafe {
            crate::policy::sigsum_policy_load_builtin(
                name.as_ptr().cast(),
                name.len(),
                &mut *sigsum,
                null,
            )
        };
        assert_eq!(s, sigsum_status::Ok);
        let as_tlog = (&*sigsum as *const sigsum_policy).cast::<sigsum_tlog_policy>();
        assert_eq!(
            verify(as_tlog, 0, &leaf, null),
            sigsum_status::InvalidParameter
        );
        // A malformed policy leaves the storage unloaded.
        let bad = b"log fake.log.origin/log+00000000+AA==\nquorum none\n";
        // SAFETY: valid pointers.
        let s = unsafe {
            sigsum_tlog_policy_load(bad.as_ptr().cast(), bad.len(), &mut *policy, &mut d)
        };
        assert_eq!(s, sigsum_status::MalformedPolicy);
        assert_eq!((d.step, d.line), (sigsum_step::Policy as u32, 1));
        assert_eq!(
            verify(&*policy, 0, &leaf, null),
            sigsum_status::InvalidParameter
        );
        // SAFETY: valid pointers; `text` outlives `policy`.
        let s = unsafe {
            sigsum_tlog_policy_load(text.as_ptr().cast(), text.len(), &mut *policy, null)
        };
        assert_eq!(s, sigsum_status::Ok);
        // Unknown flags; a proof of another log (no signature checked).
        assert_eq!(
            verify(&*policy, 2, &leaf, &mut d),
            sigsum_status::InvalidParameter
        );
        assert_eq!(d.step, sigsum_step::Arguments as u32);
        let other = String::from_utf8(text.clone())
            .unwrap()
            .replace("quorum w1", "quorum none");
        let mut p2 = Box::<sigsum_tlog_policy>::default();
        // SAFETY: valid pointers; `other` outlives `p2`.
        let s =
            unsafe { sigsum_tlog_policy_load(other.as_ptr().cast(), other.len(), &mut *p2, null) };
        assert_eq!(s, sigsum_status::Ok);
        let moved = String::from_utf8(proof.clone())
            .unwrap()
            .replace("\nfake.log.origin/log\n4\n", "\nother.origin/log\n4\n");
        // SAFETY: valid pointers.
        let s = unsafe {
            sigsum_tlog_proof_verify(
                moved.as_ptr().cast(),
                moved.len(),
                &leaf,
                &*policy,
                0,
                core::ptr::null(),
                core::ptr::null(),
                &mut d,
            )
        };
        assert_eq!(s, sigsum_status::UnknownLog);
        assert_eq!((d.step, d.line), (sigsum_step::Log as u32, 6));
        if cfg!(miri) {
            return;
        }
        // The vector verifies, strictly too; the detail carries its values.
        for flags in [0, SIGSUM_TLOG_REJECT_INVALID_COSIGNATURES] {
            assert_eq!(verify(&*policy, flags, &leaf, &mut d), sigsum_status::Ok);
            assert_eq!((d.leaf_index, d.tree_size), (3, 4));
            assert_eq!(
                (d.has_quorum_timestamp, d.quorum_timestamp),
                (1, 1771605822)
            );
            assert_eq!(d.median_timestamp, 1771605822);
            assert_eq!((d.cosignatures_verified, d.signature_checks), (1, 2));
            assert_eq!((d.extra.offset, d.extra.len), (0, 0));
        }
        // A copy (memcpy) of the loaded storage works the same.
        let mut copy = Box::<sigsum_tlog_policy>::default();
        // SAFETY: a byte copy between two distinct storages.
        unsafe { core::ptr::copy_nonoverlapping(&*policy, &mut *copy, 1) };
        assert_eq!(verify(&*copy, 0, &leaf, null), sigsum_status::Ok);
        // Another leaf.
        let wrong = sigsum_hash::from(sigsum_core::hash_leaf(b"test entry dat"));
        assert_eq!(
            verify(&*policy, 0, &wrong, &mut d),
            sigsum_status::InclusionFailed
        );
        assert_eq!(d.step, sigsum_step::Inclusion as u32);
        // Freshness: the quorum timestamp against now.
        let f = |now| sigsum_freshness {
            now,
            max_age: 10,
            max_skew: 0,
        };
        let fresh = |fr: &sigsum_freshness, d: &mut sigsum_detail| {
            // SAFETY: valid pointers.
            unsafe {
                sigsum_tlog_proof_verify(pt, pl, &leaf, &*policy, 0, fr, core::ptr::null(), d)
            }
        };
        assert_eq!(fresh(&f(1771605832), &mut d), sigsum_status::Ok);
        assert_eq!(fresh(&f(1771605833), &mut d), sigsum_status::TooOld);
        assert_eq!((d.step, d.tree_size), (sigsum_step::Freshness as u32, 4));
        assert_eq!(fresh(&f(1771605821), &mut d), sigsum_status::InFuture);
        // The checkpoint on its own.
        let start = proof.windows(2).position(|w| w == b"\n\n").unwrap() + 2;
        let note = &proof[start..];
        // SAFETY: valid pointers.
        let s = unsafe {
            sigsum_tlog_checkpoint_verify(
                note.as_ptr().cast(),
                note.len(),
                &*policy,
                SIGSUM_TLOG_REJECT_INVALID_COSIGNATURES,
                &f(1771605832),
                core::ptr::null(),
                &mut d,
            )
        };
        assert_eq!(s, sigsum_status::Ok);
        assert_eq!(
            (d.tree_size, d.leaf_index, d.quorum_timestamp),
            (4, 0, 1771605822)
        );
        assert_eq!(
            sigsum_core::Hash::from(d.root_hash).to_string(),
            "08fbfd847d12853ea4fd653d4197a1d5b57b6d87943a4ae706e08b0901bd1a01"
        );
    }

    /// A second witness key that never cosigns (name `other-witness`, key
    /// bytes 0x11).
    const OTHER_WITNESS: &str =
        "other-witness+b0d22709+BBERERERERERERERERERERERERERERERERERERERERER";

    /// Run `sigsum_tlog_proof_verify` on `proof` (the Oak entry's leaf)
    /// under `policy` text; the status and the detail.
    fn run(policy: &str, proof: &str, flags: u32) -> (sigsum_status, sigsum_detail) {
        let entry = vector("oak-test.entry");
        let leaf = sigsum_hash::from(sigsum_core::hash_leaf(&entry));
        let mut p = Box::<sigsum_tlog_policy>::default();
        let mut d = sigsum_detail::default();
        // SAFETY: valid pointers; `policy` outlives `p`.
        let s = unsafe {
            sigsum_tlog_policy_load(policy.as_ptr().cast(), policy.len(), &mut *p, &mut d)
        };
        if s != sigsum_status::Ok {
            return (s, d);
        }
        // SAFETY: valid pointers.
        let s = unsafe {
            sigsum_tlog_proof_verify(
                proof.as_ptr().cast(),
                proof.len(),
                &leaf,
                &*p,
                flags,
                core::ptr::null(),
                core::ptr::null(),
                &mut d,
            )
        };
        (s, d)
    }

    /// Each way to fail has its status, step and line in the proof text;
    /// an `extra` line is reported and moves the lines.
    #[test]
    #[cfg_attr(miri, ignore = "signature checks: minutes under Miri")]
    fn reject_twins_map_to_status_step_and_line() {
        use sigsum_status as S;
        use sigsum_step as T;
        let policy = String::from_utf8(vector("oak-test.policy")).unwrap();
        let proof = String::from_utf8(vector("oak-test.tlog-proof")).unwrap();
        let lines: Vec<&str> = proof.lines().collect();
        let (log_sig, cosig) = (lines[9], lines[10]);
        let flip = |line: &str, at: usize| {
            let mut b = line.as_bytes().to_vec();
            b[line.len() - at] = if b[line.len() - at] == b'A' {
                b'B'
            } else {
                b'A'
            };
            proof.replace(line, std::str::from_utf8(&b).unwrap())
        };
        let want = |got: (S, sigsum_detail), s: S, step: T, line: u32| {
            assert_eq!(
                (got.0, got.1.step, got.1.line),
                (s, step as u32, line),
                "{:?}",
                got.1
            );
            got.1
        };
        let ok = run(&policy, &proof, 0);
        want(ok, S::Ok, T::None, 0);
        // Extra data is reported, not authenticated: the proof still holds.
        let extra = proof.replacen("\nindex", "\nextra AAEC\nindex", 1);
        let d = want(run(&policy, &extra, 0), S::Ok, T::None, 0);
        assert_eq!((d.extra.offset, d.extra.len), (29, 4));
        assert_eq!(&extra[29..33], "AAEC");
        // Syntax: before and inside the checkpoint.
        let bad = proof.replace("index 3", "index 03");
        want(run(&policy, &bad, 0), S::MalformedProof, T::ProofParse, 2);
        let bad = proof.replace("\n4\n", "\n04\n");
        want(run(&policy, &bad, 0), S::MalformedProof, T::ProofParse, 7);
        // Log signature flipped (with and without an extra line).
        let bad = flip(log_sig, 3);
        want(
            run(&policy, &bad, 0),
            S::BadLogSignature,
            T::LogSignature,
            10,
        );
        let bad = bad.replacen("\nindex", "\nextra AAEC\nindex", 1);
        let d = want(
            run(&policy, &bad, 0),
            S::BadLogSignature,
            T::LogSignature,
            11,
        );
        assert_eq!(d.extra.len, 4);
        // Cosignature flipped: does not count, or rejects with the flag.
        let bad = flip(cosig, 3);
        let d = want(run(&policy, &bad, 0), S::QuorumNotMet, T::Quorum, 0);
        assert_eq!(
            (
                d.cosignatures_verified,
                d.cosignatures_failed,
                d.cosignatures_known
            ),
            (0, 1, 1)
        );
        let strict = SIGSUM_TLOG_REJECT_INVALID_COSIGNATURES;
        want(run(&policy, &bad, strict), S::BadCosignature, T::Quorum, 11);
        // The same cosignature line twice is a note syntax error; a
        // second line of the witness's key with another length is a
        // duplicate cosignature.
        let dup = format!("{proof}{cosig}\n");
        want(run(&policy, &dup, 0), S::MalformedProof, T::ProofParse, 12);
        let short = "\u{2014} test-witness JjSe8AAAAABpmI8+HVh4f06FDH/kr4CtoQ63zVC31E8aT7JHzJMkLcOEIAGPiBG/IatdHdPk1mKe23SDzKi04+Tmzub1qcwuVG78\n";
        let dup = format!("{proof}{short}");
        want(
            run(&policy, &dup, 0),
            S::DuplicateCosignature,
            T::Quorum,
            12,
        );
        // A quorum of two witnesses, one of which never cosigns.
        let two = policy.replace(
            "quorum w1",
            &format!("witness w2 {OTHER_WITNESS}\ngroup g all w1 w2\nquorum g"),
        );
        let d = want(run(&two, &proof, 0), S::QuorumNotMet, T::Quorum, 0);
        assert_eq!((d.cosignatures_verified, d.cosignatures_known), (1, 1));
        let any = two.replace("group g all", "group g any");
        want(run(&any, &proof, 0), S::Ok, T::None, 0);
        // Another origin; a checkpoint text over the limit.
        let moved = proof.replace("\nfake.log.origin/log\n4\n", "\nfake.log.origin/lg\n4\n");
        want(run(&policy, &moved, 0), S::UnknownLog, T::Log, 6);
        let ext = format!("{}\n", "x".repeat(100)).repeat(41);
        let big = proof.replace("=\n\n\u{2014}", &format!("=\n{ext}\n\u{2014}"));
        assert!(big.len() > proof.len() + 4096);
        want(
            run(&policy, &big, 0),
            S::CheckpointTooLarge,
            T::Checkpoint,
            0,
        );
        // A truncated witness key; no quorum line.
        let cut = policy.replace("LQyQF\n", "L\n");
        want(run(&cut, &proof, 0), S::MalformedPolicy, T::Policy, 2);
        let cut = policy.replace("quorum w1\n", "");
        want(run(&cut, &proof, 0), S::MalformedPolicy, T::Policy, 0);
    }
}

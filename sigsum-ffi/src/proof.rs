//! Sigsum proof files: parse, re-encode, verify.

use core::ffi::c_char;

use sigsum_core::{verify, Proof, ProofVersion, PublicKey, VerifyError, MAX_V2_TEXT_SIZE};

use crate::backend::{sigsum_backend, Backend};
use crate::basic::text_in;
use crate::detail::{
    sigsum_detail, with_detail, SIGSUM_STEP_INCLUSION, SIGSUM_STEP_LEAF_SIGNATURE, SIGSUM_STEP_LOG,
    SIGSUM_STEP_LOG_SIGNATURE, SIGSUM_STEP_PROOF_PARSE, SIGSUM_STEP_QUORUM,
    SIGSUM_STEP_SHORT_CHECKSUM, SIGSUM_STEP_SIGNER_KEY,
};
use crate::ffi::{array_in, read_in, Out, OutArray, OutBuf};
use crate::policy::{load_policy, sigsum_policy};
use crate::status::sigsum_status;
use crate::types::{
    sigsum_cosignature, sigsum_hash, sigsum_public_key, sigsum_signature, sigsum_tree_head,
};

/// Most cosignatures a proof (or signed tree head) may carry.
pub const SIGSUM_MAX_COSIGNATURES: usize = 64;
/// Most `node_hash` lines in a proof.
pub const SIGSUM_MAX_PATH_LEN: usize = 63;
/// Buffer size that always holds `sigsum_proof_to_v2` output.
pub const SIGSUM_MAX_PROOF_V2_SIZE: usize = 19739;

const _: () = {
    assert!(SIGSUM_MAX_COSIGNATURES == sigsum_core::MAX_COSIGNATURES);
    assert!(SIGSUM_MAX_PATH_LEN == sigsum_core::MAX_PATH_LEN);
    assert!(SIGSUM_MAX_PROOF_V2_SIZE == MAX_V2_TEXT_SIZE);
};

/// The fixed-size parts of a parsed proof.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct sigsum_proof_info {
    /// Proof format version: 1 or 2.
    pub version: u32,
    /// Version 1 only: the first two bytes of the leaf checksum
    /// `SHA-256(message)` (zero for version 2).
    pub short_checksum: [u8; 2],
    /// Always zero.
    pub reserved: [u8; 2],
    /// `log=`: the key hash of the log.
    pub log_key_hash: sigsum_hash,
    /// The key hash of the submitter (`leaf=`).
    pub leaf_key_hash: sigsum_hash,
    /// The submitter's leaf signature (`leaf=`).
    pub leaf_signature: sigsum_signature,
    /// `size=` and `root_hash=`.
    pub tree_head: sigsum_tree_head,
    /// `signature=`: the log's signature on the tree head.
    pub tree_head_signature: sigsum_signature,
    /// `leaf_index=` (0 for a proof of a one-leaf tree).
    pub leaf_index: u64,
    /// Number of `cosignature=` lines (at most `SIGSUM_MAX_COSIGNATURES`).
    pub cosignature_count: u32,
    /// Number of `node_hash=` lines (at most `SIGSUM_MAX_PATH_LEN`).
    pub path_len: u32,
}

/// Parse `text`, recording the step and line of a failure in `d`.
fn parse<'a>(text: &'a [u8], d: &mut sigsum_detail) -> Result<Proof<'a>, sigsum_status> {
    Proof::parse(text).map_err(|e| {
        d.step = SIGSUM_STEP_PROOF_PARSE;
        d.line = e.line;
        sigsum_status::from(e.kind)
    })
}

fn info(p: &Proof<'_>) -> sigsum_proof_info {
    let (version, short_checksum) = match p.version {
        ProofVersion::V1 { short_checksum } => (1, short_checksum),
        ProofVersion::V2 => (2, [0; 2]),
    };
    let sth = &p.signed_tree_head;
    sigsum_proof_info {
        version,
        short_checksum,
        reserved: [0; 2],
        log_key_hash: p.log_key_hash.into(),
        leaf_key_hash: p.leaf_key_hash.into(),
        leaf_signature: p.leaf_signature.into(),
        tree_head: sth.tree_head.into(),
        tree_head_signature: sth.signature.into(),
        leaf_index: p.leaf_index,
        cosignature_count: u32::try_from(sth.cosignatures.len()).unwrap_or(u32::MAX),
        path_len: u32::try_from(p.path.len()).unwrap_or(u32::MAX),
    }
}

/// Parse a Sigsum proof file (version 1 or 2, sigsum-go's format, strictly:
/// every line ends in `\n`, no `\r`, fixed key order).
///
/// On success `*info` gets the fixed-size parts; if `cosignatures` is not
/// NULL it gets the `info->cosignature_count` cosignatures in input order
/// (`cosignatures_cap` must be at least that, `SIGSUM_MAX_COSIGNATURES` is
/// always enough, else `SIGSUM_STATUS_BUFFER_TOO_SMALL`), and likewise
/// `path` gets the `info->path_len` node hashes (`SIGSUM_MAX_PATH_LEN`).
/// Pass `(NULL, 0)` for arrays you do not want. Nothing is written on
/// failure except `*detail` (step `SIGSUM_STEP_PROOF_PARSE` and the 1-based
/// `line` of a syntax error).
///
/// # Safety
///
/// `proof` readable for `proof_len` bytes; `info` writable; each array NULL
/// (with capacity 0) or writable for its capacity; `detail` NULL or
/// writable.
#[no_mangle]
#[must_use]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn sigsum_proof_parse(
    proof: *const c_char,
    proof_len: usize,
    info_out: *mut sigsum_proof_info,
    cosignatures: *mut sigsum_cosignature,
    cosignatures_cap: usize,
    path: *mut sigsum_hash,
    path_cap: usize,
    detail: *mut sigsum_detail,
) -> sigsum_status {
    with_detail(detail, |d| {
        // SAFETY: forwarded from this function's contract.
        let text = unsafe { text_in(proof, proof_len) }?;
        let out = Out::new(info_out)?;
        let cos = OutArray::optional(cosignatures, cosignatures_cap)?;
        let nodes = OutArray::optional(path, path_cap)?;
        let p = parse(text, d)?;
        let sth = &p.signed_tree_head;
        if cos
            .as_ref()
            .is_some_and(|a| a.capacity() < sth.cosignatures.len())
            || nodes.as_ref().is_some_and(|a| a.capacity() < p.path.len())
        {
            return Err(sigsum_status::BufferTooSmall);
        }
        // SAFETY: writable per contract.
        unsafe { out.write(info(&p)) };
        if let Some(a) = cos {
            // SAFETY: writable per contract.
            unsafe { a.write(sth.cosignatures.iter().map(sigsum_cosignature::from)) };
        }
        if let Some(a) = nodes {
            // SAFETY: writable per contract.
            unsafe { a.write(p.path.iter().map(sigsum_hash::from)) };
        }
        Ok(())
    })
}

/// Re-encode a proof (version 1 or 2) as canonical version 2 text:
/// lowercase hex, cosignatures sorted by key hash (a version 1 short
/// checksum is dropped, as sigsum-go does).
///
/// `SIGSUM_MAX_PROOF_V2_SIZE` bytes of `out` always suffice. On success the
/// text (not NUL-terminated) is at the start of `out` and its length in
/// `*out_len`. Parse errors as for `sigsum_proof_parse`.
///
/// # Safety
///
/// `proof` readable for `proof_len` bytes; `out` writable for `out_cap`
/// bytes; `out_len` writable; `detail` NULL or writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_proof_to_v2(
    proof: *const c_char,
    proof_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
    detail: *mut sigsum_detail,
) -> sigsum_status {
    with_detail(detail, |d| {
        // SAFETY: forwarded from this function's contract.
        let text = unsafe { text_in(proof, proof_len) }?;
        let dst = OutBuf::new(out.cast::<u8>(), out_cap)?;
        let len_out = Out::new(out_len)?;
        let p = parse(text, d)?;
        let mut buf = [0u8; SIGSUM_MAX_PROOF_V2_SIZE];
        let v2 = p.to_v2_text(&mut buf)?;
        // SAFETY: writable per contract.
        unsafe { dst.write(v2) }?;
        // SAFETY: writable per contract.
        unsafe { len_out.write(v2.len()) };
        Ok(())
    })
}

/// Record a verification failure in `d`.
fn fail(e: VerifyError, d: &mut sigsum_detail) -> sigsum_status {
    d.step = match e {
        VerifyError::Proof(p) => {
            d.line = p.line;
            SIGSUM_STEP_PROOF_PARSE
        }
        VerifyError::NoPolicy => crate::detail::SIGSUM_STEP_POLICY,
        VerifyError::ShortChecksumMismatch => SIGSUM_STEP_SHORT_CHECKSUM,
        VerifyError::UnknownSignerKey => SIGSUM_STEP_SIGNER_KEY,
        VerifyError::UnknownLog => SIGSUM_STEP_LOG,
        VerifyError::Inclusion(_) => SIGSUM_STEP_INCLUSION,
        VerifyError::BadLeafSignature => SIGSUM_STEP_LEAF_SIGNATURE,
        VerifyError::BadLogSignature => SIGSUM_STEP_LOG_SIGNATURE,
        VerifyError::QuorumNotMet {
            verified,
            failed,
            total_known,
        } => {
            d.cosignatures_verified = u32::try_from(verified).unwrap_or(u32::MAX);
            d.cosignatures_failed = u32::try_from(failed).unwrap_or(u32::MAX);
            d.cosignatures_known = u32::try_from(total_known).unwrap_or(u32::MAX);
            SIGSUM_STEP_QUORUM
        }
        _ => crate::detail::SIGSUM_STEP_NONE,
    };
    e.into()
}

/// Verify a Sigsum proof, as sigsum-go's `sigsum-verify` does: the 32-byte
/// `message` (normally SHA-256 of the signed data) was signed by one of
/// `signer_keys` (`signer_keys_len` keys), logged by a log of `policy`, and
/// cosigned by witnesses satisfying its quorum.
///
/// Returns `SIGSUM_STATUS_OK` if the proof holds; otherwise the reason:
/// a proof syntax error (`SIGSUM_STATUS_ASCII_*`, `_PROOF_*`, or the
/// encoding error of a field), a policy error, or a verification step
/// (`SIGSUM_STATUS_VERIFY_*`, `SIGSUM_STATUS_MERKLE_*` for the inclusion
/// proof). Checks run cheapest first: parse, short checksum (v1), signer
/// key, log, inclusion, leaf signature, log signature, cosignatures (newest
/// first, only until the quorum is decided).
///
/// `backend`: NULL for the built-in Ed25519 verifier. If `detail` is not
/// NULL it is always written: on failure the `step` that failed and the
/// `line` of a syntax error (and cosignature counts for a quorum failure),
/// on success the counts, the log and submitter key hashes, leaf index,
/// tree size and the quorum timestamp (use it for a freshness check).
///
/// # Safety
///
/// `message` readable; `signer_keys` readable for `signer_keys_len` keys
/// (NULL only if 0); `policy` a readable descriptor whose data is
/// readable; `proof` readable for `proof_len` bytes; `backend` NULL or
/// valid; `detail` NULL or writable.
#[no_mangle]
#[must_use]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn sigsum_proof_verify(
    message: *const sigsum_hash,
    signer_keys: *const sigsum_public_key,
    signer_keys_len: usize,
    policy: *const sigsum_policy,
    proof: *const c_char,
    proof_len: usize,
    backend: *const sigsum_backend,
    detail: *mut sigsum_detail,
) -> sigsum_status {
    with_detail(detail, |d| {
        // SAFETY: forwarded from this function's contract.
        let msg = unsafe { read_in(message) }?;
        // SAFETY: forwarded from this function's contract.
        let keys = unsafe { array_in(signer_keys, signer_keys_len) }?;
        // SAFETY: forwarded from this function's contract.
        let text = unsafe { text_in(proof, proof_len) }?;
        // SAFETY: forwarded from this function's contract.
        let b = unsafe { Backend::from_ptr(backend) }?;
        // SAFETY: forwarded from this function's contract.
        let policy = unsafe { load_policy(policy, d) }?;
        let p = parse(text, d)?;
        let mut key_buf = [PublicKey([0; 32]); MAX_SIGNER_KEYS];
        let keys = copy_keys(keys, &mut key_buf)?;
        let v = verify(&msg.into(), keys, &policy, &p, &b).map_err(|e| fail(e, d))?;
        d.cosignatures_verified = u32::try_from(v.cosignatures_verified).unwrap_or(u32::MAX);
        d.cosignatures_failed = u32::try_from(v.cosignatures_failed).unwrap_or(u32::MAX);
        d.signature_checks = u32::try_from(v.signature_checks).unwrap_or(u32::MAX);
        if let Some(ts) = v.quorum_timestamp {
            d.has_quorum_timestamp = 1;
            d.quorum_timestamp = ts;
        }
        d.leaf_index = v.leaf_index;
        d.tree_size = v.tree_size;
        d.log_key_hash = v.log_key_hash.into();
        d.signer_key_hash = v.signer_key_hash.into();
        Ok(())
    })
}

/// Most submitter keys `sigsum_proof_verify` takes.
pub const SIGSUM_MAX_SIGNER_KEYS: usize = 256;
const MAX_SIGNER_KEYS: usize = SIGSUM_MAX_SIGNER_KEYS;

fn copy_keys<'k>(
    keys: &[sigsum_public_key],
    buf: &'k mut [PublicKey; MAX_SIGNER_KEYS],
) -> Result<&'k [PublicKey], sigsum_status> {
    if keys.len() > MAX_SIGNER_KEYS {
        return Err(sigsum_status::InvalidLength);
    }
    for (dst, k) in buf.iter_mut().zip(keys) {
        *dst = PublicKey(k.bytes);
    }
    Ok(buf.get(..keys.len()).unwrap_or_default())
}

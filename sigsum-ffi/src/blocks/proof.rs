//! Sigsum proof files: parse into parts, re-encode as version 2.

use core::ffi::c_char;

use sigsum_core::{Proof, ProofVersion, MAX_V2_TEXT_SIZE};

use crate::basic::text_in;
use crate::detail::{sigsum_detail, with_detail};
use crate::errors;
use crate::ffi::{Out, OutArray, OutBuf};
use crate::status::sigsum_status;
use crate::types::{sigsum_cosignature, sigsum_hash, sigsum_signature, sigsum_tree_head};

/// Most cosignatures a proof (or signed tree head) may carry.
pub const SIGSUM_MAX_COSIGNATURES: usize = 64;
/// Most `node_hash` lines in a proof.
pub const SIGSUM_MAX_PATH_LEN: usize = 63;
/// Buffer size that always holds `sigsum_proof_write_v2` output.
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
    /// ProofVersion 1 only: the first two bytes of the leaf checksum
    /// `SHA-256(message)` (zero for version 2).
    pub short_checksum: [u8; 2],
    /// Padding, always zero.
    pub padding: [u8; 2],
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
    pub path_count: u32,
}

/// Parse `text`, recording a failure in `d`.
fn parse<'a>(text: &'a [u8], d: &mut sigsum_detail) -> Result<Proof<'a>, sigsum_status> {
    Proof::parse(text).map_err(|e| errors::proof(d, e))
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
        padding: [0; 2],
        log_key_hash: p.log_key_hash.into(),
        leaf_key_hash: p.leaf_key_hash.into(),
        leaf_signature: p.leaf_signature.into(),
        tree_head: sth.tree_head.into(),
        tree_head_signature: sth.signature.into(),
        leaf_index: p.leaf_index,
        cosignature_count: u32::try_from(sth.cosignatures.len()).unwrap_or(u32::MAX),
        path_count: u32::try_from(p.path.len()).unwrap_or(u32::MAX),
    }
}

/// Parse a Sigsum proof file `proof` (`proof_len` bytes; version 1 or 2,
/// sigsum-go's format, strictly: every line ends in `\n`, no `\r`, fixed
/// key order) into its parts, without verifying anything.
///
/// On success `*out` gets the fixed-size parts; if `cosignatures_out` is
/// not NULL it gets the `out->cosignature_count` cosignatures in input
/// order (`cosignatures_cap`, in cosignatures, must be at least that, else
/// `SIGSUM_STATUS_BUFFER_TOO_SMALL`; `SIGSUM_MAX_COSIGNATURES` always
/// suffices), and likewise `path_out` gets the `out->path_count` node
/// hashes (`path_cap`; `SIGSUM_MAX_PATH_LEN` always suffices). Pass
/// `(NULL, 0)` for arrays you do not want. A syntax error is
/// `SIGSUM_STATUS_MALFORMED_PROOF` with the 1-based `detail->line`. Nothing
/// is written on failure except `*detail` (NULL or writable; always
/// written).
///
/// # Safety
///
/// `proof` readable for `proof_len` bytes; `out` writable; each array NULL
/// (with capacity 0) or writable for its capacity; `detail` NULL or
/// writable.
#[no_mangle]
#[must_use]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn sigsum_proof_parse(
    proof: *const c_char,
    proof_len: usize,
    out: *mut sigsum_proof_info,
    cosignatures_out: *mut sigsum_cosignature,
    cosignatures_cap: usize,
    path_out: *mut sigsum_hash,
    path_cap: usize,
    detail: *mut sigsum_detail,
) -> sigsum_status {
    with_detail(detail, |d| {
        // SAFETY: forwarded from this function's contract.
        let text = unsafe { text_in(proof, proof_len) }?;
        let out = Out::new(out)?;
        let cos = OutArray::optional(cosignatures_out, cosignatures_cap)?;
        let nodes = OutArray::optional(path_out, path_cap)?;
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

/// Re-encode the proof `proof` (`proof_len` bytes; version 1 or 2) as
/// canonical version 2 text: lowercase hex, cosignatures sorted by key hash
/// (a version 1 short checksum is dropped, as sigsum-go does).
///
/// On success the text (not NUL-terminated) is at the start of `out` and
/// its length in `*out_len`; `SIGSUM_MAX_PROOF_V2_SIZE` bytes of `out_cap`
/// always suffice. Parse errors as for `sigsum_proof_parse`.
///
/// # Safety
///
/// `proof` readable for `proof_len` bytes; `out` writable for `out_cap`
/// bytes; `out_len` writable; `detail` NULL or writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_proof_write_v2(
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
        let v2 = p.to_v2_text(&mut buf).map_err(|_| sigsum_status::Panic)?;
        // SAFETY: writable per contract.
        unsafe { dst.write(v2) }?;
        // SAFETY: writable per contract.
        unsafe { len_out.write(v2.len()) };
        Ok(())
    })
}

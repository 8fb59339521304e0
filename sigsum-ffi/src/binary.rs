//! Verify binary proofs for devices: spic proofs under spic policies, and
//! TKey sign-if-logged proofs under TKey policy blobs
//! (`docs/binary-formats.md`).

use sigsum_core::{
    verify_spic, verify_tkey, BinaryError, BinaryVerified, BinaryVerifyError, Freshness, PublicKey,
    SpicPolicy, SpicProof, TkeyPolicy, TkeyProof,
};

use crate::backend::{sigsum_backend, Backend};
use crate::detail::{sigsum_detail, sigsum_step};
use crate::ffi::{array_in, bytes_in, read_in};
use crate::proof::{copy_keys, sigsum_freshness, stale_status, SIGSUM_MAX_SIGNER_KEYS};
use crate::status::sigsum_status;
use crate::types::{sigsum_hash, sigsum_public_key};

/// A binary proof or policy that did not parse: `column` is the 1-based
/// byte position of the faulty field.
fn parse_error(
    d: &mut sigsum_detail,
    status: sigsum_status,
    step: sigsum_step,
    e: BinaryError,
) -> sigsum_status {
    let column = u32::try_from(e.offset.saturating_add(1)).unwrap_or(u32::MAX);
    d.fail(status, step, 0, column, &e.kind)
}

/// A binary proof that did not verify: the step and status of each check.
fn verify_error(d: &mut sigsum_detail, e: BinaryVerifyError) -> sigsum_status {
    use sigsum_status as S;
    use sigsum_step as Step;
    use BinaryVerifyError as E;
    let (status, step) = match e {
        E::Proof(p) => return parse_error(d, S::MalformedBinaryProof, Step::ProofParse, p),
        E::Policy(p) => return parse_error(d, S::MalformedBinaryPolicy, Step::Policy, p),
        E::LeafKeyIndex { .. } => (S::KeyIndexOutOfRange, Step::SignerKey),
        E::LogKeyIndex { .. } => (S::KeyIndexOutOfRange, Step::Log),
        E::WitnessIndex { .. } => (S::KeyIndexOutOfRange, Step::Quorum),
        E::UnknownSignerKey => (S::UnknownSignerKey, Step::SignerKey),
        E::UnknownLog => (S::UnknownLog, Step::Log),
        E::Inclusion(_) => (S::InclusionFailed, Step::Inclusion),
        E::BadLeafSignature => (S::BadLeafSignature, Step::LeafSignature),
        E::BadLogSignature => (S::BadLogSignature, Step::LogSignature),
        E::BadCosignature { .. } => (S::BadCosignature, Step::Quorum),
        E::QuorumNotMet {
            verified,
            failed,
            total_known,
        } => {
            d.cosignatures_verified = u32::try_from(verified).unwrap_or(u32::MAX);
            d.cosignatures_failed = u32::try_from(failed).unwrap_or(u32::MAX);
            d.cosignatures_known = u32::try_from(total_known).unwrap_or(u32::MAX);
            (S::QuorumNotMet, Step::Quorum)
        }
        // Future variants.
        _ => (S::MalformedBinaryProof, Step::ProofParse),
    };
    d.fail(status, step, 0, 0, &e)
}

/// Write a verification's outcome to `d`, then check freshness.
fn report(
    d: &mut sigsum_detail,
    v: Result<BinaryVerified, BinaryVerifyError>,
    fresh: Option<sigsum_freshness>,
) -> Result<(), sigsum_status> {
    let v = v.map_err(|e| verify_error(d, e))?;
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
    if let Some(f) = fresh {
        Freshness::from(f)
            .check(v.quorum_timestamp)
            .map_err(|e| d.fail(stale_status(&e), sigsum_step::Freshness, 0, 0, &e))?;
    }
    Ok(())
}

/// The optional freshness argument.
///
/// # Safety
///
/// `freshness` NULL or readable.
unsafe fn freshness_in(
    freshness: *const sigsum_freshness,
) -> Result<Option<sigsum_freshness>, sigsum_status> {
    if freshness.is_null() {
        return Ok(None);
    }
    // SAFETY: non-NULL and readable per this function's contract.
    unsafe { read_in(freshness) }.map(Some)
}

/// Verify a spic proof (florolf's compact format, `docs/binary-formats.md`)
/// for the 32-byte `message` under a spic policy: the leaf was signed by
/// `signer_keys[leaf key index]` (`signer_keys_count` keys, at most
/// `SIGSUM_MAX_SIGNER_KEYS`; their order gives spic's key indexes), logged
/// by the policy's log with the proof's log key index, and cosigned by
/// witnesses that satisfy its quorum; **every** cosignature in the proof
/// must verify, as in spic. With `freshness`, the quorum timestamp must be
/// fresh (see `sigsum_freshness`).
///
/// `policy` and `proof` are the binary policy and proof (`policy_len`,
/// `proof_len` bytes), parsed strictly. `backend`: NULL for the built-in
/// Ed25519 verifier.
///
/// Returns `SIGSUM_STATUS_OK` if the proof holds; otherwise
/// `SIGSUM_STATUS_MALFORMED_BINARY_POLICY`, `_MALFORMED_BINARY_PROOF`
/// (`detail->column`: the 1-based byte position of the faulty field),
/// `_KEY_INDEX_OUT_OF_RANGE`, `_INCLUSION_FAILED`, `_BAD_LEAF_SIGNATURE`,
/// `_BAD_LOG_SIGNATURE`, `_BAD_COSIGNATURE`, `_QUORUM_NOT_MET`, a
/// freshness status, or an argument error. `detail` as for
/// `sigsum_proof_verify`.
///
/// # Safety
///
/// `message` readable; `signer_keys` readable for `signer_keys_count` keys
/// (NULL only if 0); `policy` and `proof` readable for their lengths (NULL
/// only if 0); `freshness` and `backend` NULL or valid; `detail` NULL or
/// writable.
#[no_mangle]
#[must_use]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn sigsum_spic_verify(
    message: *const sigsum_hash,
    signer_keys: *const sigsum_public_key,
    signer_keys_count: usize,
    policy: *const u8,
    policy_len: usize,
    proof: *const u8,
    proof_len: usize,
    freshness: *const sigsum_freshness,
    backend: *const sigsum_backend,
    detail: *mut sigsum_detail,
) -> sigsum_status {
    crate::detail::with_detail(detail, |d| {
        // SAFETY: forwarded from this function's contract.
        let msg = unsafe { read_in(message) }?;
        // SAFETY: forwarded from this function's contract.
        let keys = unsafe { array_in(signer_keys, signer_keys_count) }?;
        // SAFETY: forwarded from this function's contract.
        let policy = unsafe { bytes_in(policy, policy_len) }?;
        // SAFETY: forwarded from this function's contract.
        let proof = unsafe { bytes_in(proof, proof_len) }?;
        // SAFETY: forwarded from this function's contract.
        let fresh = unsafe { freshness_in(freshness) }?;
        // SAFETY: forwarded from this function's contract.
        let b = unsafe { Backend::from_ptr(backend) }?;
        let mut key_buf = [PublicKey([0; 32]); SIGSUM_MAX_SIGNER_KEYS];
        let keys = copy_keys(keys, &mut key_buf).ok_or_else(|| {
            d.fail(
                sigsum_status::InvalidParameter,
                sigsum_step::Arguments,
                0,
                0,
                &format_args!("more than {SIGSUM_MAX_SIGNER_KEYS} signer keys"),
            )
        })?;
        let policy = SpicPolicy::from_bytes(policy).map_err(|e| {
            parse_error(
                d,
                sigsum_status::MalformedBinaryPolicy,
                sigsum_step::Policy,
                e,
            )
        })?;
        let proof = SpicProof::parse(proof).map_err(|e| {
            parse_error(
                d,
                sigsum_status::MalformedBinaryProof,
                sigsum_step::ProofParse,
                e,
            )
        })?;
        let v = verify_spic(&msg.into(), keys, &policy, &proof, &b);
        report(d, v, fresh)
    })
}

/// Verify a TKey sign-if-logged proof (the published prototype protocol,
/// `docs/binary-formats.md`) for the 32-byte `message` under a TKey policy
/// blob, which holds the submitter keys and a compiled policy. Sigsum's
/// rules: an unknown witness's cosignature is skipped, an invalid one does
/// not count. With `freshness`, the quorum timestamp must be fresh.
///
/// `policy` and `proof` are the blob and the proof alone (`policy_len`,
/// `proof_len` bytes; on the device the message follows the proof, here it
/// must not). `backend`: NULL for the built-in Ed25519 verifier.
///
/// Returns `SIGSUM_STATUS_OK` if the proof holds; otherwise
/// `SIGSUM_STATUS_MALFORMED_BINARY_POLICY`, `_MALFORMED_BINARY_PROOF`
/// (`detail->column`: the 1-based byte position of the faulty field),
/// `_UNKNOWN_SIGNER_KEY`, `_UNKNOWN_LOG`, `_INCLUSION_FAILED`,
/// `_BAD_LEAF_SIGNATURE`, `_BAD_LOG_SIGNATURE`, `_QUORUM_NOT_MET`, a
/// freshness status, or an argument error. `detail` as for
/// `sigsum_proof_verify`.
///
/// # Safety
///
/// `message` readable; `policy` and `proof` readable for their lengths
/// (NULL only if 0); `freshness` and `backend` NULL or valid; `detail`
/// NULL or writable.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_tkey_verify(
    message: *const sigsum_hash,
    policy: *const u8,
    policy_len: usize,
    proof: *const u8,
    proof_len: usize,
    freshness: *const sigsum_freshness,
    backend: *const sigsum_backend,
    detail: *mut sigsum_detail,
) -> sigsum_status {
    crate::detail::with_detail(detail, |d| {
        // SAFETY: forwarded from this function's contract.
        let msg = unsafe { read_in(message) }?;
        // SAFETY: forwarded from this function's contract.
        let policy = unsafe { bytes_in(policy, policy_len) }?;
        // SAFETY: forwarded from this function's contract.
        let proof = unsafe { bytes_in(proof, proof_len) }?;
        // SAFETY: forwarded from this function's contract.
        let fresh = unsafe { freshness_in(freshness) }?;
        // SAFETY: forwarded from this function's contract.
        let b = unsafe { Backend::from_ptr(backend) }?;
        let policy = TkeyPolicy::from_bytes(policy).map_err(|e| {
            parse_error(
                d,
                sigsum_status::MalformedBinaryPolicy,
                sigsum_step::Policy,
                e,
            )
        })?;
        let proof = TkeyProof::parse(proof).map_err(|e| {
            parse_error(
                d,
                sigsum_status::MalformedBinaryProof,
                sigsum_step::ProofParse,
                e,
            )
        })?;
        let v = verify_tkey(&msg.into(), &policy, &proof, &b);
        report(d, v, fresh)
    })
}

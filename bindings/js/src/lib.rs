//! The WebAssembly side of the npm package `sigsum-core`: low-level
//! functions on byte arrays, wrapped by `index.js` into the JavaScript API
//! (`verify`, `Policy`, `Error` subclasses). Every error is returned as a
//! [`Failure`] (see `errors.rs`, the only file that names sigsum-core's
//! error types); nothing here unwraps on input.
//!
//! Built twice (see `build.sh`): without the feature `tools` as the
//! verifier module `index.js` loads (kept under 150 KB), and with it as the
//! module of `tools.js`, which adds policy compilation and hashing, builtin
//! texts, PEM keys, vkeys and checkpoints.

// No panic on input: every failure is an error value (see errors.rs).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

use wasm_bindgen::prelude::*;

mod errors;
#[cfg(feature = "tools")]
mod tools;

pub use errors::Failure;

use sigsum_core::{
    parse_hex_key, parse_ssh_key, sha256 as core_sha256, verify_with_fallbacks, Builtin,
    DefaultBackend, Freshness, Hash, KeyFile, Policy, Proof, PublicKey, TrustPolicy,
};

/// The policy forms, as `index.js` passes them.
pub(crate) const POLICY_TEXT: u8 = 0;
pub(crate) const POLICY_COMPILED: u8 = 1;
pub(crate) const POLICY_BUILTIN: u8 = 2;

/// A verified proof.
#[wasm_bindgen(getter_with_clone)]
pub struct Verified {
    /// The leaf's index.
    pub leaf_index: f64,
    /// The cosigned tree's size.
    pub tree_size: f64,
    /// SHA-256 of the log key.
    pub log_key_hash: Vec<u8>,
    /// SHA-256 of the signer key.
    pub signer_key_hash: Vec<u8>,
    /// Valid cosignatures counted.
    pub cosignatures_verified: u32,
    /// Invalid cosignatures from known witnesses (ignored).
    pub cosignatures_failed: u32,
    /// The quorum timestamp, none for `quorum none`.
    pub quorum_timestamp: Option<f64>,
    /// Ed25519 verifications done.
    pub signature_checks: u32,
    /// Which policy held (index into the list given).
    pub policy_index: u32,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

pub(crate) fn key32(bytes: &[u8], what: &str) -> Result<PublicKey, Failure> {
    <[u8; 32]>::try_from(bytes)
        .map(PublicKey)
        .map_err(|_| Failure::argument(format!("{what} must be 32 bytes, got {}", bytes.len())))
}

pub(crate) fn name_of(bytes: &[u8]) -> Result<&str, Failure> {
    core::str::from_utf8(bytes).map_err(|_| Failure::argument("name is not UTF-8".to_string()))
}

/// The policy of `kind` held in `bytes` (borrowing them).
fn load_policy(kind: u8, bytes: &[u8]) -> Result<Policy<'_>, Failure> {
    match kind {
        POLICY_TEXT => Ok(Policy::from_text(bytes)?),
        POLICY_COMPILED => Policy::from_compiled(bytes).map_err(|e| Failure::policy(&e)),
        POLICY_BUILTIN => {
            let b = Builtin::from_name(name_of(bytes)?).map_err(|e| Failure::policy(&e))?;
            Ok(Policy::Compiled(
                b.compiled().map_err(|e| Failure::policy(&e))?,
            ))
        }
        _ => Err(Failure::argument(format!("unknown policy kind {kind}"))),
    }
}

/// The signer keys: an OpenSSH key file, or 32-byte keys back to back.
fn signer_keys(keys: &[u8], is_file: bool) -> Result<Vec<PublicKey>, Failure> {
    if is_file {
        let file = KeyFile::parse(keys).map_err(|e| Failure::key(&e))?;
        return Ok(file.keys().map(|l| l.key.key).collect());
    }
    if keys.len() % 32 != 0 {
        return Err(Failure::argument(format!(
            "signer keys must be 32 bytes each, got {} bytes",
            keys.len()
        )));
    }
    Ok(keys
        .chunks_exact(32)
        .filter_map(|k| <[u8; 32]>::try_from(k).ok().map(PublicKey))
        .collect())
}

/// Verify `proof` for `message` (its SHA-256 if `is_data`), signed by one
/// of the signer keys, under the policies tried in order: policy `i` has
/// kind `kinds[i]` and the next `lens[i]` bytes of `policies`.
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn verify(
    proof: &[u8],
    keys: &[u8],
    keys_is_file: bool,
    kinds: &[u8],
    lens: &[u32],
    policies: &[u8],
    message: &[u8],
    is_data: bool,
) -> Result<Verified, Failure> {
    let keys = signer_keys(keys, keys_is_file)?;
    let message = if is_data {
        core_sha256(message)
    } else {
        Hash(<[u8; 32]>::try_from(message).map_err(|_| {
            Failure::argument(format!("message must be 32 bytes, got {}", message.len()))
        })?)
    };
    // The proof first, as verify_bytes does: its errors come first.
    let proof = Proof::parse(proof)?;
    if kinds.len() != lens.len() {
        return Err(Failure::argument(
            "policy kinds and lengths differ".to_string(),
        ));
    }
    let mut loaded = Vec::with_capacity(kinds.len());
    let mut rest = policies;
    for (&kind, &len) in kinds.iter().zip(lens) {
        let len = usize::try_from(len).unwrap_or(usize::MAX);
        let (bytes, tail) = rest
            .split_at_checked(len)
            .ok_or_else(|| Failure::argument("policy bytes too short".to_string()))?;
        loaded.push(load_policy(kind, bytes)?);
        rest = tail;
    }
    let dyns: Vec<&dyn TrustPolicy> = loaded.iter().map(|p| p as &dyn TrustPolicy).collect();
    let v = verify_with_fallbacks(&message, &keys, &dyns, &proof, &DefaultBackend)?;
    Ok(verified(v))
}

fn verified(v: sigsum_core::Verified) -> Verified {
    Verified {
        leaf_index: v.leaf_index as f64,
        tree_size: v.tree_size as f64,
        log_key_hash: v.log_key_hash.0.to_vec(),
        signer_key_hash: v.signer_key_hash.0.to_vec(),
        cosignatures_verified: count(v.cosignatures_verified),
        cosignatures_failed: count(v.cosignatures_failed),
        quorum_timestamp: v.quorum_timestamp.map(|t| t as f64),
        signature_checks: count(v.signature_checks),
        policy_index: count(v.policy_index),
    }
}

/// Split `bytes` into consecutive parts of the given lengths.
#[cfg(feature = "tools")]
fn parts<'a>(bytes: &'a [u8], lens: &[u32], what: &str) -> Result<Vec<&'a [u8]>, Failure> {
    let mut rest = bytes;
    let mut out = Vec::with_capacity(lens.len());
    for &len in lens {
        let len = usize::try_from(len).unwrap_or(usize::MAX);
        let (part, tail) = rest
            .split_at_checked(len)
            .ok_or_else(|| Failure::argument(format!("{what} bytes too short")))?;
        out.push(part);
        rest = tail;
    }
    Ok(out)
}

/// Prepared-key slots of `verify_many` (272 bytes each, on the stack):
/// every text policy (at most 32 logs and 64 witnesses) with its signer
/// keys; a compiled policy with more keys is a `PolicyError`.
#[cfg(feature = "tools")]
const PREPARED_KEYS: usize = 256;

/// (In the tools module: it would take the verifier module over its size
/// budget.) Verify many proofs under one policy (of `kind`, in `policy`), each
/// proof (`proof_lens` split `proofs`) for its message (`input_lens` split
/// `inputs`; each the SHA-256 of the data if `is_data`): keys decoded once,
/// each cosigned tree head verified once. For each proof its `Verified`
/// or its `Failure` (returned, not thrown); an argument error is thrown.
#[cfg(feature = "tools")]
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn verify_many(
    proofs: &[u8],
    proof_lens: &[u32],
    keys: &[u8],
    keys_is_file: bool,
    kind: u8,
    policy: &[u8],
    inputs: &[u8],
    input_lens: &[u32],
    is_data: bool,
) -> Result<Vec<JsValue>, Failure> {
    let keys = signer_keys(keys, keys_is_file)?;
    let proofs = parts(proofs, proof_lens, "proof")?;
    let inputs = parts(inputs, input_lens, "message")?;
    if proofs.len() != inputs.len() {
        return Err(Failure::argument(format!(
            "{} proofs but {} messages",
            proofs.len(),
            inputs.len()
        )));
    }
    let mut messages = Vec::with_capacity(inputs.len());
    for (i, input) in inputs.iter().enumerate() {
        messages.push(if is_data {
            core_sha256(input)
        } else {
            Hash(<[u8; 32]>::try_from(*input).map_err(|_| {
                Failure::argument(format!("message {i} must be 32 bytes, got {}", input.len()))
            })?)
        });
    }
    let loaded = load_policy(kind, policy)?;
    let prepared = Box::new(
        sigsum_core::PreparedPolicy::<_, _, PREPARED_KEYS>::new(&loaded, &keys, DefaultBackend)
            .map_err(|e| Failure::policy(&e))?,
    );
    let mut batch = Box::new(sigsum_core::BatchVerifier::<_, _, PREPARED_KEYS>::new(
        &prepared,
    ));
    Ok(proofs
        .iter()
        .zip(&messages)
        .map(|(text, message)| {
            // The proof first, as verify does: its errors come first.
            let result = Proof::parse(text)
                .map_err(Failure::from)
                .and_then(|p| batch.verify(message, &p).map_err(Failure::from));
            match result {
                Ok(v) => JsValue::from(verified(v)),
                Err(f) => JsValue::from(f),
            }
        })
        .collect())
}

/// Check a policy of `kind` (parse or load it).
#[wasm_bindgen]
pub fn policy_check(kind: u8, bytes: &[u8]) -> Result<(), Failure> {
    load_policy(kind, bytes).map(|_| ())
}

/// The builtin policy names, one per line, sorted.
#[wasm_bindgen]
pub fn builtin_names() -> String {
    let mut names = String::new();
    for b in Builtin::ALL {
        if !names.is_empty() {
            names.push('\n');
        }
        names.push_str(b.name());
    }
    names
}

/// The freshness rule on a quorum timestamp (seconds; negative or
/// fractional inputs are clamped to whole non-negative seconds).
#[wasm_bindgen]
pub fn check_freshness(
    quorum_timestamp: Option<f64>,
    now: f64,
    max_age: f64,
    max_skew: f64,
) -> Result<(), Failure> {
    let rule = Freshness {
        now: now as u64,
        max_age: max_age as u64,
        max_skew: max_skew as u64,
    };
    rule.check(quorum_timestamp.map(|t| t as u64))
        .map_err(|e| Failure::freshness(&e))
}

/// SHA-256.
#[wasm_bindgen]
pub fn sha256(data: &[u8]) -> Vec<u8> {
    core_sha256(data).0.to_vec()
}

/// SHA-256 of a 32-byte key.
#[wasm_bindgen]
pub fn key_hash(key: &[u8]) -> Result<Vec<u8>, Failure> {
    Ok(key32(key, "key")?.key_hash().0.to_vec())
}

/// A key from 64 hex digits.
#[wasm_bindgen]
pub fn hex_key(text: &[u8]) -> Result<Vec<u8>, Failure> {
    Ok(parse_hex_key(text)
        .map_err(|e| Failure::key(&e))?
        .0
        .to_vec())
}

/// One OpenSSH key line.
#[wasm_bindgen(getter_with_clone)]
pub struct SshKey {
    /// The 32-byte key.
    pub key: Vec<u8>,
    /// The `sigsum-policy` name.
    pub policy: Option<String>,
    /// The comment bytes.
    pub comment: Vec<u8>,
}

/// Parse one OpenSSH `ssh-ed25519` line.
#[wasm_bindgen]
pub fn ssh_key(line: &[u8]) -> Result<SshKey, Failure> {
    let k = parse_ssh_key(line).map_err(|e| Failure::key(&e))?;
    Ok(SshKey {
        key: k.key.0.to_vec(),
        policy: k.policy.map(str::to_string),
        comment: k.comment.to_vec(),
    })
}

/// The keys of an OpenSSH key file, back to back.
#[wasm_bindgen]
pub fn key_file_keys(data: &[u8]) -> Result<Vec<u8>, Failure> {
    Ok(signer_keys(data, true)?.iter().flat_map(|k| k.0).collect())
}

/// The `sigsum-policy` name of a key file.
#[wasm_bindgen]
pub fn key_file_policy_name(data: &[u8]) -> Result<Option<String>, Failure> {
    let file = KeyFile::parse(data).map_err(|e| Failure::key(&e))?;
    let name = file.policy_name().map_err(|e| Failure::key(&e))?;
    Ok(name.map(str::to_string))
}

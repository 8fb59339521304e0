//! What `tools.js` adds (feature `tools`): policy compilation and hash,
//! builtin texts, PEM keys, vkeys, checkpoints.

use wasm_bindgen::prelude::*;

use crate::errors::Failure;
use crate::{key32, name_of, POLICY_BUILTIN, POLICY_COMPILED, POLICY_TEXT};

use sigsum_core::{
    parse_pem_key, sha256 as core_sha256, Builtin, Checkpoint, CompiledPolicy, DefaultBackend,
    NoteCosignature, NoteWitness, PublicKey, TextPolicy, Vkey, MAX_COMPILED_LEN,
};

/// The compiled form of a policy.
#[wasm_bindgen]
pub fn policy_compile(kind: u8, bytes: &[u8]) -> Result<Vec<u8>, Failure> {
    match kind {
        POLICY_TEXT => {
            let parsed = TextPolicy::parse(bytes)?;
            let mut buf = [0u8; MAX_COMPILED_LEN];
            let compiled = parsed.compile(&mut buf).map_err(|e| Failure::policy(&e))?;
            Ok(compiled.as_bytes().to_vec())
        }
        POLICY_COMPILED => Ok(CompiledPolicy::from_bytes(bytes)
            .map_err(|e| Failure::policy(&e))?
            .as_bytes()
            .to_vec()),
        POLICY_BUILTIN => Ok(Builtin::from_name(name_of(bytes)?)
            .map_err(|e| Failure::policy(&e))?
            .compiled_bytes()
            .to_vec()),
        _ => Err(Failure::argument(format!("unknown policy kind {kind}"))),
    }
}

/// The policy hash: SHA-256 of the compiled form.
#[wasm_bindgen]
pub fn policy_hash(kind: u8, bytes: &[u8]) -> Result<Vec<u8>, Failure> {
    Ok(core_sha256(&policy_compile(kind, bytes)?).0.to_vec())
}

/// A builtin's text.
#[wasm_bindgen]
pub fn builtin_text(name: &str) -> Result<Vec<u8>, Failure> {
    Ok(Builtin::from_name(name)
        .map_err(|e| Failure::policy(&e))?
        .text()
        .to_vec())
}

/// A key from a PEM `PUBLIC KEY`.
#[wasm_bindgen]
pub fn pem_key(text: &[u8]) -> Result<Vec<u8>, Failure> {
    Ok(parse_pem_key(text)
        .map_err(|e| Failure::key(&e))?
        .0
        .to_vec())
}

/// A signed-note verifier key.
#[wasm_bindgen(getter_with_clone)]
pub struct VkeyInfo {
    /// The key name.
    pub name: String,
    /// The 4-byte key id.
    pub key_id: Vec<u8>,
    /// The signature type (1 or 4).
    pub sig_type: u8,
    /// The 32-byte key.
    pub key: Vec<u8>,
}

/// Parse a vkey (`name+keyid+base64`).
#[wasm_bindgen]
pub fn vkey(text: &[u8]) -> Result<VkeyInfo, Failure> {
    let v = Vkey::parse(text).map_err(|e| Failure::key(&e))?;
    Ok(VkeyInfo {
        name: v.name().to_string(),
        key_id: v.key_id().0.to_vec(),
        sig_type: v.sig_type(),
        key: v.key().0.to_vec(),
    })
}

/// A parsed checkpoint.
#[wasm_bindgen(getter_with_clone)]
pub struct CheckpointInfo {
    /// The origin line.
    pub origin: String,
    /// The tree size.
    pub size: f64,
    /// The 32-byte root hash.
    pub root_hash: Vec<u8>,
}

/// Parse a checkpoint note.
#[wasm_bindgen]
pub fn checkpoint(text: &[u8]) -> Result<CheckpointInfo, Failure> {
    let cp = Checkpoint::parse(text).map_err(|e| Failure::checkpoint(&e))?;
    Ok(CheckpointInfo {
        origin: cp.origin.to_string(),
        size: cp.tree_head.size as f64,
        root_hash: cp.tree_head.root_hash.0.to_vec(),
    })
}

/// Verify a checkpoint as the Sigsum log with `log_key`'s.
#[wasm_bindgen]
pub fn checkpoint_verify_sigsum(text: &[u8], log_key: &[u8]) -> Result<(), Failure> {
    let key = key32(log_key, "log key")?;
    Checkpoint::parse_sigsum(text, &key, &DefaultBackend)
        .map(|_| ())
        .map_err(|e| Failure::checkpoint(&e))
}

/// Verify a checkpoint's signature by a vkey.
#[wasm_bindgen]
pub fn checkpoint_verify_vkey(text: &[u8], vkey_text: &[u8]) -> Result<(), Failure> {
    let v = Vkey::parse(vkey_text).map_err(|e| Failure::key(&e))?;
    let cp = Checkpoint::parse(text).map_err(|e| Failure::checkpoint(&e))?;
    cp.verify_vkey(&v, &DefaultBackend)
        .map_err(|e| Failure::checkpoint(&e))
}

/// Verify a checkpoint's Ed25519 signature by the key named `name`.
#[wasm_bindgen]
pub fn checkpoint_verify_signed_by(text: &[u8], name: &str, key: &[u8]) -> Result<(), Failure> {
    let key = key32(key, "key")?;
    let cp = Checkpoint::parse(text).map_err(|e| Failure::checkpoint(&e))?;
    cp.verify_signed_by(name, &key, &DefaultBackend)
        .map_err(|e| Failure::checkpoint(&e))
}

/// A witness cosignature line of a checkpoint.
#[wasm_bindgen(getter_with_clone)]
pub struct CosignatureLine {
    /// The line number in the note.
    pub line: u32,
    /// The key name.
    pub name: String,
    /// The 4-byte key id.
    pub key_id: Vec<u8>,
    /// The cosignature's timestamp.
    pub timestamp: f64,
}

/// The cosignature lines (72-byte blobs) of a checkpoint.
#[wasm_bindgen]
pub fn checkpoint_cosignatures(text: &[u8]) -> Result<Vec<CosignatureLine>, Failure> {
    let cp = Checkpoint::parse(text).map_err(|e| Failure::checkpoint(&e))?;
    let mut out = Vec::new();
    for line in cp.signatures() {
        if let Some(c) = NoteCosignature::from_line(&line).map_err(|e| Failure::checkpoint(&e))? {
            out.push(CosignatureLine {
                line: c.line,
                name: c.name.to_string(),
                key_id: c.key_id.0.to_vec(),
                timestamp: c.timestamp as f64,
            });
        }
    }
    Ok(out)
}

/// What `checkpoint_verify_cosignatures` found (indices into the witness
/// list).
#[wasm_bindgen(getter_with_clone)]
pub struct CosignatureReport {
    /// Witnesses with a valid cosignature.
    pub verified: Vec<u32>,
    /// Witnesses whose cosignature did not verify.
    pub failed: Vec<u32>,
    /// Cosignature lines of keys not in the list.
    pub unknown: u32,
}

/// Check a checkpoint's cosignature lines against witnesses `names[i]`
/// with the 32-byte keys back to back in `keys`.
#[wasm_bindgen]
pub fn checkpoint_verify_cosignatures(
    text: &[u8],
    names: Vec<String>,
    keys: &[u8],
) -> Result<CosignatureReport, Failure> {
    if keys.len() != names.len().saturating_mul(32) {
        return Err(Failure::argument(format!(
            "{} witness names but {} bytes of keys",
            names.len(),
            keys.len()
        )));
    }
    let witnesses: Vec<NoteWitness<'_>> = names
        .iter()
        .zip(keys.chunks_exact(32))
        .filter_map(|(name, key)| {
            Some(NoteWitness {
                name: name.as_bytes(),
                key: PublicKey(<[u8; 32]>::try_from(key).ok()?),
            })
        })
        .collect();
    let cp = Checkpoint::parse(text).map_err(|e| Failure::checkpoint(&e))?;
    let report = cp
        .verify_cosignatures(&witnesses, &DefaultBackend)
        .map_err(|e| Failure::checkpoint(&e))?;
    Ok(CosignatureReport {
        verified: report.verified.iter().map(u32::from).collect(),
        failed: report.failed.iter().map(u32::from).collect(),
        unknown: u32::try_from(report.unknown).unwrap_or(u32::MAX),
    })
}

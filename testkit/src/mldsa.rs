//! A naive ML-DSA-44 witness (C2SP tlog-cosignature, type 0x06): keys from
//! a 32-byte seed (FIPS 204 `ML-DSA.KeyGen_internal`), the
//! `cosigned_message` built with a `Vec` (independent of sigsum-core's
//! `SubtreeMessage`), deterministic signatures (FIPS 204 `ML-DSA.Sign`,
//! deterministic variant, pure, empty context), signature lines and vkeys.

use ml_dsa::{ExpandedSigningKey, MlDsa44, Signature, VerifyingKey};
use sha2::{Digest, Sha256};

use crate::note::{base64, hex, signature_line};

/// Signature type of ML-DSA-44 cosignatures.
pub const SIG_TYPE: u8 = 0x06;

/// The expanded signing key for a seed.
fn expanded(seed: [u8; 32]) -> ExpandedSigningKey<MlDsa44> {
    ExpandedSigningKey::<MlDsa44>::from_seed(&seed.into())
}

/// The 1312-byte public key for a seed.
pub fn public_key(seed: [u8; 32]) -> [u8; 1312] {
    let enc = expanded(seed).verifying_key().encode();
    enc.as_slice().try_into().expect("1312 bytes")
}

/// `SHA-256(name || "\n" || 0x06 || key)[..4]`.
pub fn key_id(name: &str, key: &[u8; 1312]) -> [u8; 4] {
    let mut data = name.as_bytes().to_vec();
    data.push(b'\n');
    data.push(SIG_TYPE);
    data.extend_from_slice(key);
    let h = Sha256::digest(&data);
    [h[0], h[1], h[2], h[3]]
}

/// The `cosigned_message` of tlog-cosignature, written out field by field.
/// No validity checks (so tests can build messages the spec forbids); the
/// length bytes are the lengths truncated to 8 bits.
pub fn subtree_message(
    name: &[u8],
    timestamp: u64,
    origin: &[u8],
    start: u64,
    end: u64,
    hash: &[u8; 32],
) -> Vec<u8> {
    let mut m = b"subtree/v1\n\0".to_vec();
    m.push(name.len() as u8);
    m.extend_from_slice(name);
    m.extend_from_slice(&timestamp.to_be_bytes());
    m.push(origin.len() as u8);
    m.extend_from_slice(origin);
    m.extend_from_slice(&start.to_be_bytes());
    m.extend_from_slice(&end.to_be_bytes());
    m.extend_from_slice(hash);
    m
}

/// A deterministic ML-DSA-44 signature of `message` (empty context).
pub fn sign(seed: [u8; 32], message: &[u8]) -> [u8; 2420] {
    let sig = expanded(seed)
        .sign_deterministic(message, &[])
        .expect("signing");
    sig.encode().as_slice().try_into().expect("2420 bytes")
}

/// `true` iff ml-dsa verifies `sig` over `message` under `key` (empty
/// context); for checking the generator itself.
pub fn verify(key: &[u8; 1312], message: &[u8], sig: &[u8; 2420]) -> bool {
    let Ok(enc) = sig.as_slice().try_into() else {
        return false;
    };
    let Some(sig) = Signature::<MlDsa44>::decode(&enc) else {
        return false;
    };
    let Ok(vk) = key.as_slice().try_into() else {
        return false;
    };
    VerifyingKey::<MlDsa44>::decode(&vk).verify_with_context(message, &[], &sig)
}

/// The note signature blob `u64be(timestamp) || signature`.
pub fn blob(timestamp: u64, sig: &[u8; 2420]) -> Vec<u8> {
    let mut b = timestamp.to_be_bytes().to_vec();
    b.extend_from_slice(sig);
    b
}

/// The cosignature line `— <name> base64(key_id || u64be(ts) || sig)\n` of
/// the witness `seed` named `name` on the checkpoint `(origin, size, root)`.
pub fn cosignature_line(
    seed: [u8; 32],
    name: &str,
    timestamp: u64,
    origin: &str,
    size: u64,
    root: &[u8; 32],
) -> String {
    let msg = subtree_message(name.as_bytes(), timestamp, origin.as_bytes(), 0, size, root);
    let sig = sign(seed, &msg);
    signature_line(
        name,
        key_id(name, &public_key(seed)),
        &blob(timestamp, &sig),
    )
}

/// The vkey `<name>+<hex key id>+base64(0x06 || key)`.
pub fn vkey(seed: [u8; 32], name: &str) -> String {
    let key = public_key(seed);
    let mut data = vec![SIG_TYPE];
    data.extend_from_slice(&key);
    format!("{name}+{}+{}", hex(&key_id(name, &key)), base64(&data))
}

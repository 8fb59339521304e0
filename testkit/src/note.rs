//! A naive signed-note signer: checkpoints, log signature lines and witness
//! cosignature lines, built with `String`s and `format!` (independent of
//! sigsum-core's zero-copy code).

use ed25519_dalek::{Signer, SigningKey};
use sha2::{Digest, Sha256};

/// Standard padded base64 (RFC 4648 §4), written out naively.
pub fn base64(data: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Lowercase hex.
pub fn hex(data: &[u8]) -> String {
    data.iter().map(|b| format!("{b:02x}")).collect()
}

/// The signing key for a 32-byte seed.
pub fn signing_key(seed: [u8; 32]) -> SigningKey {
    SigningKey::from_bytes(&seed)
}

/// The public key for a seed.
pub fn public_key(seed: [u8; 32]) -> [u8; 32] {
    signing_key(seed).verifying_key().to_bytes()
}

/// `SHA-256(name || 0x0A || type || key)[..4]`.
pub fn key_id(name: &str, sig_type: u8, key: &[u8; 32]) -> [u8; 4] {
    let mut data = name.as_bytes().to_vec();
    data.push(b'\n');
    data.push(sig_type);
    data.extend_from_slice(key);
    let h = Sha256::digest(&data);
    [h[0], h[1], h[2], h[3]]
}

/// `sigsum.org/v1/tree/<hex sha256(key)>`.
pub fn sigsum_origin(key: &[u8; 32]) -> String {
    format!("sigsum.org/v1/tree/{}", hex(&Sha256::digest(key)))
}

/// The checkpoint text `origin\nsize\nbase64(root)\n` plus extension lines.
pub fn checkpoint_text(origin: &str, size: u64, root: &[u8; 32], extensions: &[&str]) -> String {
    let mut s = format!("{origin}\n{size}\n{}\n", base64(root));
    for e in extensions {
        s.push_str(e);
        s.push('\n');
    }
    s
}

/// A signature line `— name base64(key_id || blob)\n`.
pub fn signature_line(name: &str, key_id: [u8; 4], blob: &[u8]) -> String {
    let mut data = key_id.to_vec();
    data.extend_from_slice(blob);
    format!("\u{2014} {name} {}\n", base64(&data))
}

/// An Ed25519 (type 0x01) signature line by `seed` named `name` over `text`.
pub fn log_signature_line(seed: [u8; 32], name: &str, text: &str) -> String {
    let sk = signing_key(seed);
    let sig = sk.sign(text.as_bytes()).to_bytes();
    signature_line(name, key_id(name, 0x01, &public_key(seed)), &sig)
}

/// The message a witness signs: `cosignature/v1\ntime <ts>\n<text>`.
pub fn cosigned_message(timestamp: u64, text: &str) -> String {
    format!("cosignature/v1\ntime {timestamp}\n{text}")
}

/// A cosignature (type 0x04) line by `seed` named `name` over `text`. The
/// timestamp is written as given (also values of 2^63 and above, for
/// negative tests), the signature is over its decimal form.
pub fn cosignature_line(seed: [u8; 32], name: &str, timestamp: u64, text: &str) -> String {
    let sk = signing_key(seed);
    let sig = sk
        .sign(cosigned_message(timestamp, text).as_bytes())
        .to_bytes();
    let mut blob = timestamp.to_be_bytes().to_vec();
    blob.extend_from_slice(&sig);
    signature_line(name, key_id(name, 0x04, &public_key(seed)), &blob)
}

/// A Sigsum checkpoint signed by the log with `seed`.
pub fn sigsum_checkpoint(seed: [u8; 32], size: u64, root: &[u8; 32]) -> String {
    let origin = sigsum_origin(&public_key(seed));
    let text = checkpoint_text(&origin, size, root, &[]);
    let line = log_signature_line(seed, &origin, &text);
    format!("{text}\n{line}")
}

//! The keys of tlog-policy files: signed-note vkeys of log keys (type
//! 0x01), Ed25519 cosigner keys (type 0x04) and ML-DSA-44 cosigner keys
//! (type 0x06, 1312 bytes).

use sha2::{Digest, Sha256};

use crate::encoding::{decode_base64_runs, decode_hex_array};
use crate::keys::error::KeyErrorKind;
use crate::mldsa::{MLDSA44_PUBLIC_KEY_SIZE, SIG_TYPE_MLDSA_COSIGNATURE};
use crate::note::{is_valid_key_name, KeyId, KEY_ID_SIZE, SIG_TYPE_COSIGNATURE, SIG_TYPE_ED25519};
use crate::types::{Hash, PublicKey, PUBLIC_KEY_SIZE};

/// The key material of a tlog vkey.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TlogKeyMaterial<'a> {
    /// A 32-byte Ed25519 key (types 0x01 and 0x04).
    Ed25519(PublicKey),
    /// A 1312-byte ML-DSA-44 key (type 0x06), kept as the vkey's base64
    /// text (of the type byte and the key), which borrows the policy:
    /// decoded when a cosignature is verified, so a policy of many ML-DSA
    /// witnesses needs no room for their keys.
    MlDsa44 {
        /// `base64(0x06 || key)` as written in the vkey.
        encoded: &'a [u8],
        /// SHA-256 of the 1312 key bytes: the key's identity (two vkeys
        /// are duplicates if they wrap the same key).
        key_hash: Hash,
    },
}

/// A signed-note verifier key as tlog-policy uses them:
/// `<name>+<hex key id>+<base64(type || key)>`, with the key id checked
/// against `SHA-256(name || 0x0A || type || key)[:4]` (C2SP `signed-note`,
/// `tlog-cosignature`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TlogKey<'a> {
    /// The signed-note key name (a log's origin, a cosigner's name).
    pub name: &'a str,
    /// The key id.
    pub key_id: KeyId,
    /// The signature type byte: 0x01, 0x04 or 0x06.
    pub sig_type: u8,
    /// The key.
    pub material: TlogKeyMaterial<'a>,
}

impl<'a> TlogKey<'a> {
    /// An unused slot.
    pub(crate) const EMPTY: TlogKey<'static> = TlogKey {
        name: "",
        key_id: KeyId([0; KEY_ID_SIZE]),
        sig_type: 0,
        material: TlogKeyMaterial::Ed25519(PublicKey([0; PUBLIC_KEY_SIZE])),
    };

    /// Parse a vkey of type 0x01, 0x04 or 0x06. The name must be a valid
    /// key name, the key exactly 32 (Ed25519) or 1312 (ML-DSA-44) bytes,
    /// and the key id that of name, type and key.
    pub fn parse(s: &'a [u8]) -> Result<Self, KeyErrorKind> {
        let mut parts = s.splitn(3, |&b| b == b'+');
        let (Some(name), Some(id), Some(data)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(KeyErrorKind::VkeyFields);
        };
        if !is_valid_key_name(name) {
            return Err(KeyErrorKind::VkeyName);
        }
        let name = core::str::from_utf8(name).map_err(|_| KeyErrorKind::VkeyName)?;
        let key_id =
            KeyId(decode_hex_array::<KEY_ID_SIZE>(id).map_err(KeyErrorKind::VkeyKeyIdHex)?);
        // One pass over the decoded bytes: the type byte, the key (kept if
        // it is Ed25519-sized), the key id hash and the key hash.
        let mut id_hash = Sha256::new();
        id_hash.update(name.as_bytes());
        id_hash.update(b"\n");
        let mut key_hash = Sha256::new();
        let mut sig_type = None;
        let mut short = [0u8; PUBLIC_KEY_SIZE];
        let mut len = 0usize;
        decode_base64_runs(data, |run| {
            id_hash.update(run);
            let key_bytes = match sig_type {
                Some(_) => run,
                None => match run.split_first() {
                    Some((t, rest)) => {
                        sig_type = Some(*t);
                        rest
                    }
                    None => run,
                },
            };
            key_hash.update(key_bytes);
            for b in key_bytes {
                if let Some(d) = short.get_mut(len) {
                    *d = *b;
                }
                len = len.saturating_add(1);
            }
        })
        .map_err(|_| KeyErrorKind::VkeyBase64)?;
        let sig_type = sig_type.ok_or(KeyErrorKind::VkeyEmptyKey)?;
        let expected_len = match sig_type {
            SIG_TYPE_ED25519 | SIG_TYPE_COSIGNATURE => PUBLIC_KEY_SIZE,
            SIG_TYPE_MLDSA_COSIGNATURE => MLDSA44_PUBLIC_KEY_SIZE,
            found => return Err(KeyErrorKind::VkeyType { found }),
        };
        if len != expected_len {
            return Err(KeyErrorKind::VkeyKeyLength);
        }
        let computed: [u8; 32] = id_hash.finalize().into();
        if computed.get(..KEY_ID_SIZE) != Some(&key_id.0[..]) {
            return Err(KeyErrorKind::VkeyKeyIdMismatch);
        }
        let material = if sig_type == SIG_TYPE_MLDSA_COSIGNATURE {
            TlogKeyMaterial::MlDsa44 {
                encoded: data,
                key_hash: Hash(key_hash.finalize().into()),
            }
        } else {
            TlogKeyMaterial::Ed25519(PublicKey(short))
        };
        Ok(TlogKey {
            name,
            key_id,
            sig_type,
            material,
        })
    }
}

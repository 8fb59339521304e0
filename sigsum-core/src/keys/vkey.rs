//! Signed-note verifier keys ("vkeys"): `<name>+<key id hex>+<base64(type
//! || key)>` (golang.org/x/mod/sumdb/note; sigsum-go
//! `pkg/checkpoint/verifier.go`).

use super::error::{KeyError, KeyErrorKind as K};
use crate::encoding::{decode_base64, decode_hex_array};
use crate::note::{
    is_valid_key_name, key_id, KeyId, KEY_ID_SIZE, SIG_TYPE_COSIGNATURE, SIG_TYPE_ED25519,
};
use crate::types::PublicKey;
#[cfg(feature = "tools")]
use crate::writer::Writer;

/// A signed-note verifier key.
///
/// * The name ends at the first `+`; the key id is exactly 8 hex digits
///   (either case, written lowercase); the rest is padded canonical base64
///   of a type byte (0x01 Ed25519 or 0x04 cosignature/v1) and a 32-byte key
///   (44 characters; the base64 part may itself contain `+`).
/// * [`Vkey::parse`] (the default) also requires a valid key name
///   (non-empty, no white space) and **checks the key id** against
///   `H(name || 0x0A || type || key)[..4]`. sigsum-go's `FromString` does
///   neither (only its `sigsum-key from-vkey` command checks the id);
///   [`Vkey::parse_unchecked`] reproduces that for tools that must read
///   such keys.
/// * Witness vkeys in the wild may use type 0x01 although cosignatures use
///   0x04 (e.g. `ArmoredWitness-falling-pond+3fcb3644+…`); such a vkey's id
///   does not match its cosignature lines. Use [`Vkey::key`] and
///   [`Vkey::name`] with the type you need rather than the vkey's id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Vkey<'a> {
    name: &'a str,
    key_id: KeyId,
    sig_type: u8,
    key: PublicKey,
}

impl<'a> Vkey<'a> {
    /// A vkey with the key id computed from name, type and key. The name
    /// must be a valid key name and the type 0x01 or 0x04.
    pub fn new(name: &'a str, sig_type: u8, key: PublicKey) -> Result<Self, KeyError> {
        if !is_valid_key_name(name.as_bytes()) {
            return Err(KeyError::at(0, 0, K::VkeyName));
        }
        if sig_type != SIG_TYPE_ED25519 && sig_type != SIG_TYPE_COSIGNATURE {
            return Err(KeyError::at(0, 0, K::VkeyType { found: sig_type }));
        }
        Ok(Vkey {
            name,
            key_id: key_id(name.as_bytes(), sig_type, &key),
            sig_type,
            key,
        })
    }

    /// Parse and check a vkey: valid key name and matching key id (the
    /// safe default; see the module docs).
    pub fn parse(s: &'a [u8]) -> Result<Self, KeyError> {
        let v = Self::parse_unchecked(s)?;
        if !is_valid_key_name(v.name.as_bytes()) {
            return Err(KeyError::at(0, 1, K::VkeyName));
        }
        if !v.is_consistent() {
            let column = u32::try_from(v.name.len().saturating_add(2)).unwrap_or(u32::MAX);
            return Err(KeyError::at(0, column, K::VkeyKeyIdMismatch));
        }
        Ok(v)
    }

    /// Parse as sigsum-go's `NoteVerifier.FromString`: the key id is taken
    /// as given and the name may be empty (it must still be UTF-8).
    pub fn parse_unchecked(s: &'a [u8]) -> Result<Self, KeyError> {
        let mut parts = s.splitn(3, |&b| b == b'+');
        let (Some(name), Some(id), Some(data)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(KeyError::at(0, 0, K::VkeyFields));
        };
        let name = core::str::from_utf8(name).map_err(|_| KeyError::at(0, 1, K::VkeyName))?;
        let id_column = u32::try_from(name.len().saturating_add(2)).unwrap_or(u32::MAX);
        let column = id_column.saturating_add(
            u32::try_from(id.len())
                .unwrap_or(u32::MAX)
                .saturating_add(1),
        );
        let key_id = decode_hex_array::<KEY_ID_SIZE>(id)
            .map_err(|error| KeyError::at(0, id_column, K::VkeyKeyIdHex(error)))?;
        // 33 bytes plus room, so that longer data is a length error.
        let mut buf = [0u8; 36];
        if data.len() > crate::encoding::base64_len(buf.len()) {
            return Err(KeyError::at(0, column, K::VkeyKeyLength));
        }
        let decoded =
            decode_base64(data, &mut buf).map_err(|_| KeyError::at(0, column, K::VkeyBase64))?;
        let Some((&sig_type, key)) = decoded.split_first() else {
            return Err(KeyError::at(0, column, K::VkeyEmptyKey));
        };
        if sig_type != SIG_TYPE_ED25519 && sig_type != SIG_TYPE_COSIGNATURE {
            return Err(KeyError::at(0, column, K::VkeyType { found: sig_type }));
        }
        let key = PublicKey::from_slice(key).ok_or(KeyError::at(0, column, K::VkeyKeyLength))?;
        Ok(Vkey {
            name,
            key_id: KeyId(key_id),
            sig_type,
            key,
        })
    }

    /// The key name.
    pub fn name(&self) -> &'a str {
        self.name
    }

    /// The key id as written in the vkey.
    pub fn key_id(&self) -> KeyId {
        self.key_id
    }

    /// The signature type byte (0x01 or 0x04).
    pub fn sig_type(&self) -> u8 {
        self.sig_type
    }

    /// The public key.
    pub fn key(&self) -> PublicKey {
        self.key
    }

    /// `true` if the key id matches name, type and key.
    pub fn is_consistent(&self) -> bool {
        self.key_id == key_id(self.name.as_bytes(), self.sig_type, &self.key)
    }

    #[cfg(feature = "tools")]
    /// Write `name+<lowercase hex id>+<base64(type || key)>` (no newline).
    pub fn write(&self, w: &mut Writer<'_>) -> Result<(), KeyError> {
        w.bytes(self.name.as_bytes())?;
        w.byte(b'+')?;
        w.hex(&self.key_id.0)?;
        w.byte(b'+')?;
        let mut data = [0u8; 33];
        let (t, k) = data.split_at_mut(1);
        t.copy_from_slice(&[self.sig_type]);
        k.copy_from_slice(&self.key.0);
        w.base64(&data)?;
        Ok(())
    }
}

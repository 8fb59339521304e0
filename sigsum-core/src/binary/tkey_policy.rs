//! The policy blob of the TKey sign-if-logged prototype: the submitter
//! keys, then a compiled policy.

use super::error::{BinaryError, BinaryErrorKind};
use super::reader::Reader;
use crate::policy::CompiledPolicy;
use crate::types::{sha256, Hash, PublicKey, PUBLIC_KEY_SIZE};

/// The largest policy blob the prototype app accepts.
pub const MAX_TKEY_POLICY_LEN: usize = 10000;

/// A loaded TKey policy blob borrowing its bytes.
///
/// Layout: one byte `n`, then `n` 32-byte submitter keys strictly
/// increasing by key hash, then a compiled policy
/// ([`CompiledPolicy`], sigsum-c's format, with its 4-byte header) that
/// ends the blob.
///
/// Loading rejects, with offsets: a blob longer than
/// [`MAX_TKEY_POLICY_LEN`], `n = 0` (no leaf could verify), keys out of
/// key-hash order or listed twice, and any compiled policy that
/// [`CompiledPolicy::from_bytes`] rejects (trailing bytes included).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TkeyPolicy<'a> {
    bytes: &'a [u8],
    submitters: &'a [u8],
    policy: CompiledPolicy<'a>,
}

impl<'a> TkeyPolicy<'a> {
    /// Load and validate a policy blob.
    pub fn from_bytes(bytes: &'a [u8]) -> Result<Self, BinaryError> {
        if bytes.len() > MAX_TKEY_POLICY_LEN {
            return Err(BinaryError {
                offset: MAX_TKEY_POLICY_LEN,
                kind: BinaryErrorKind::PolicyTooLarge,
            });
        }
        let mut r = Reader::new(bytes);
        let n = r.u8("submitter key count")?;
        if n == 0 {
            return Err(BinaryError {
                offset: 0,
                kind: BinaryErrorKind::NoSubmitterKeys,
            });
        }
        let keys_at = r.offset();
        let submitters = r.take(
            usize::from(n).saturating_mul(PUBLIC_KEY_SIZE),
            "submitter keys",
        )?;
        let mut previous: Option<Hash> = None;
        for (i, key) in submitters.chunks_exact(PUBLIC_KEY_SIZE).enumerate() {
            let index = u8::try_from(i).unwrap_or(u8::MAX);
            let at = keys_at.saturating_add(i.saturating_mul(PUBLIC_KEY_SIZE));
            let hash = sha256(key);
            if let Some(p) = previous {
                let kind = match p.cmp(&hash) {
                    core::cmp::Ordering::Less => None,
                    core::cmp::Ordering::Equal => {
                        Some(BinaryErrorKind::DuplicateSubmitter { index })
                    }
                    core::cmp::Ordering::Greater => Some(BinaryErrorKind::SubmitterOrder { index }),
                };
                if let Some(kind) = kind {
                    return Err(BinaryError { offset: at, kind });
                }
            }
            previous = Some(hash);
        }
        let policy_at = r.offset();
        let policy = CompiledPolicy::from_bytes(r.rest()).map_err(|e| BinaryError {
            offset: policy_at,
            kind: BinaryErrorKind::CompiledPolicy(e),
        })?;
        Ok(TkeyPolicy {
            bytes,
            submitters,
            policy,
        })
    }

    /// The whole blob.
    pub fn as_bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The submitter keys in key-hash order.
    pub fn submitter_keys(&self) -> impl Iterator<Item = PublicKey> + 'a {
        self.submitters
            .chunks_exact(PUBLIC_KEY_SIZE)
            .filter_map(PublicKey::from_slice)
    }

    /// The submitter key whose hash is `key_hash`.
    pub fn submitter(&self, key_hash: &Hash) -> Option<PublicKey> {
        self.submitter_keys().find(|k| k.key_hash() == *key_hash)
    }

    /// The compiled policy (logs, witnesses, quorum).
    pub fn policy(&self) -> &CompiledPolicy<'a> {
        &self.policy
    }
}

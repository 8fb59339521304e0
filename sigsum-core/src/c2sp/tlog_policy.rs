//! C2SP `tlog-policy`: the Sigsum policy grammar with vkeys, parsed without
//! allocation and evaluated by the same quorum engine as Sigsum policies.

use super::tlog_key::{TlogKey, TlogKeyMaterial};
use crate::mldsa::SIG_TYPE_MLDSA_COSIGNATURE;
use crate::note::{KeyId, SIG_TYPE_COSIGNATURE, SIG_TYPE_ED25519};
use crate::policy::{
    program_capacity, GroupEntry, KeySyntax, PolicyError, PolicyErrorKind, PolicyKeys, PolicyNode,
    TextPolicyN, TrustPolicy,
};
#[cfg(feature = "tools")]
use crate::policy::{CompileError, CompiledPolicy};
use crate::types::{Hash, PublicKey};
use crate::witness_set::WitnessSet;

/// Default capacity for `log` lines of a [`TlogPolicy`] (tlog-policy
/// recommends supporting at least 32).
pub const MAX_TLOG_LOGS: usize = 32;
/// Most `witness` lines of any [`TlogPolicyN`], and the default capacity
/// (tlog-policy recommends supporting at least 32).
pub const MAX_TLOG_WITNESSES: usize = 64;
/// Default capacity for `group` lines of a [`TlogPolicy`] (tlog-policy
/// recommends supporting at least 32).
pub const MAX_TLOG_GROUPS: usize = 32;

/// A parsed C2SP `tlog-policy` with room for `L` logs, `W` witnesses
/// (at most [`MAX_TLOG_WITNESSES`]) and `G` groups. Use the alias
/// [`TlogPolicy`] for the default capacities (about 16 KiB).
///
/// # Format
///
/// ```text
/// log     <vkey> [<url>]
/// witness <name> <vkey> [<url>]
/// group   <name> any|all|<k> <member>...
/// quorum  <name>|none
/// ```
///
/// The grammar, names, groups, thresholds and the quorum are those of
/// [`TextPolicyN`] (Sigsum's format; every rule listed there holds here:
/// fields separated by runs of SP/TAB, leading and trailing white space
/// allowed, a line whose first field starts with `#` is a comment, bytes
/// `>= 0x80` are opaque, `none` is predefined and never a member,
/// `1 <= k <= n`, each name a member at most once, members and the quorum
/// defined on earlier lines, exactly one `quorum` line). What differs:
///
/// * keys are signed-note vkeys ([`TlogKey::parse`]): a `log` key must be
///   of type 0x01 (its key name is the log's checkpoint origin), a
///   `witness` key of type 0x04 (Ed25519 `cosignature/v1`) or 0x06
///   (ML-DSA-44 `subtree/v1`); other types are
///   [`PolicyErrorKind::VkeyType`], e.g. a static CT log's 0x05 key;
/// * only TAB and LF are allowed control bytes: a `\r` is
///   [`PolicyErrorKind::ControlCharacter`] (a Sigsum policy accepts CRLF);
/// * two vkeys wrapping the same key are duplicates even if their names
///   and key ids differ ([`PolicyErrorKind::DuplicateLog`],
///   [`PolicyErrorKind::DuplicateWitness`]).
///
/// A final line without `\n` is accepted, as in Sigsum policies.
///
/// # Uses
///
/// [`verify_tlog_checkpoint`](crate::verify_tlog_checkpoint) and
/// [`TlogProof::verify`](crate::TlogProof::verify) verify C2SP checkpoints
/// under it. It also implements [`TrustPolicy`], so a Sigsum proof can be
/// verified under a tlog-policy (its Ed25519 witnesses; ML-DSA witnesses
/// never cosign a Sigsum proof, so they count as absent).
#[derive(Clone, Debug)]
pub struct TlogPolicyN<'a, const L: usize, const W: usize, const G: usize, const P: usize> {
    structure: TextPolicyN<'a, L, W, G, P>,
    logs: [TlogKey<'a>; L],
    witnesses: [TlogKey<'a>; W],
}

/// A tlog-policy with the default capacities ([`MAX_TLOG_LOGS`],
/// [`MAX_TLOG_WITNESSES`], [`MAX_TLOG_GROUPS`]).
pub type TlogPolicy<'a> = TlogPolicyN<
    'a,
    MAX_TLOG_LOGS,
    MAX_TLOG_WITNESSES,
    MAX_TLOG_GROUPS,
    { program_capacity(MAX_TLOG_WITNESSES, MAX_TLOG_GROUPS) },
>;

/// A trusted log of a tlog-policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TlogLog<'a> {
    /// The log's vkey (type 0x01; its name is the origin).
    pub key: TlogKey<'a>,
    /// The optional URL.
    pub url: Option<&'a [u8]>,
}

/// A witness of a tlog-policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TlogWitness<'a> {
    /// The witness index (definition order), as in [`WitnessSet`]s.
    pub index: u8,
    /// The policy-local name (opaque octets).
    pub name: &'a [u8],
    /// The cosigner's vkey (type 0x04 or 0x06).
    pub key: TlogKey<'a>,
    /// The optional URL.
    pub url: Option<&'a [u8]>,
}

/// Reads vkeys into the policy's key slots.
struct VkeySlots<'s, 'a> {
    logs: &'s mut [TlogKey<'a>],
    witnesses: &'s mut [TlogKey<'a>],
}

/// The key that identifies a vkey for duplicate detection and
/// [`TrustPolicy`] lookups: the Ed25519 key, or for ML-DSA-44 the SHA-256
/// of its key (which no Ed25519 cosignature can match without a preimage).
fn identity(key: &TlogKey<'_>) -> PublicKey {
    match key.material {
        TlogKeyMaterial::Ed25519(k) => k,
        TlogKeyMaterial::MlDsa44 { key_hash, .. } => PublicKey(key_hash.0),
    }
}

impl<'a> KeySyntax<'a> for VkeySlots<'_, 'a> {
    const STRIP_CR: bool = false;

    fn log_key(&mut self, index: usize, field: &'a [u8]) -> Result<PublicKey, PolicyErrorKind> {
        let key = TlogKey::parse(field).map_err(PolicyErrorKind::InvalidVkey)?;
        if key.sig_type != SIG_TYPE_ED25519 {
            return Err(PolicyErrorKind::VkeyType {
                found: key.sig_type,
            });
        }
        if let Some(slot) = self.logs.get_mut(index) {
            *slot = key;
        }
        Ok(identity(&key))
    }

    fn witness_key(&mut self, index: usize, field: &'a [u8]) -> Result<PublicKey, PolicyErrorKind> {
        let key = TlogKey::parse(field).map_err(PolicyErrorKind::InvalidVkey)?;
        if key.sig_type != SIG_TYPE_COSIGNATURE && key.sig_type != SIG_TYPE_MLDSA_COSIGNATURE {
            return Err(PolicyErrorKind::VkeyType {
                found: key.sig_type,
            });
        }
        if let Some(slot) = self.witnesses.get_mut(index) {
            *slot = key;
        }
        Ok(identity(&key))
    }
}

impl<'a, const L: usize, const W: usize, const G: usize, const P: usize> Default
    for TlogPolicyN<'a, L, W, G, P>
{
    fn default() -> Self {
        Self::EMPTY
    }
}

impl<'a, const L: usize, const W: usize, const G: usize, const P: usize>
    TlogPolicyN<'a, L, W, G, P>
{
    /// An empty policy, to be filled by
    /// [`parse_in_place`](Self::parse_in_place). It satisfies nothing.
    pub const EMPTY: Self = TlogPolicyN {
        structure: TextPolicyN::EMPTY,
        logs: [TlogKey::EMPTY; L],
        witnesses: [TlogKey::EMPTY; W],
    };

    const WITNESSES_FIT: () = assert!(
        W <= MAX_TLOG_WITNESSES,
        "TlogPolicyN: W must be at most MAX_TLOG_WITNESSES"
    );

    /// Parse a tlog-policy text.
    pub fn parse(text: &'a [u8]) -> Result<Self, PolicyError> {
        let mut p = Self::EMPTY;
        p.parse_in_place(text)?;
        Ok(p)
    }

    /// Parse a tlog-policy text into `self`, replacing its contents. On
    /// error `self` is left empty.
    pub fn parse_in_place(&mut self, text: &'a [u8]) -> Result<(), PolicyError> {
        #[allow(clippy::let_unit_value)]
        let () = Self::WITNESSES_FIT;
        let mut slots = VkeySlots {
            logs: &mut self.logs,
            witnesses: &mut self.witnesses,
        };
        self.structure.parse_in_place_with(text, &mut slots)
    }

    /// The trusted logs, in text order.
    pub fn logs(&self) -> impl Iterator<Item = TlogLog<'a>> + '_ {
        self.structure
            .logs()
            .zip(self.logs.iter())
            .map(|(entry, key)| TlogLog {
                key: *key,
                url: entry.url,
            })
    }

    /// The witnesses, in text order.
    pub fn witnesses(&self) -> impl Iterator<Item = TlogWitness<'a>> + '_ {
        (0u8..=u8::MAX)
            .zip(self.structure.witnesses().zip(self.witnesses.iter()))
            .map(|(index, (entry, key))| TlogWitness {
                index,
                name: entry.name,
                key: *key,
                url: entry.url,
            })
    }

    /// The groups, in text order.
    pub fn groups(&self) -> impl Iterator<Item = &GroupEntry<'a>> + Clone + '_ {
        self.structure.groups()
    }

    /// The members of group `g`: witnesses first (text order), then groups.
    pub fn members(&self, g: u8) -> impl Iterator<Item = PolicyNode> + '_ {
        self.structure.members(g)
    }

    /// The witness or group called `name` (`none` is not looked up).
    pub fn find(&self, name: &[u8]) -> Option<PolicyNode> {
        self.structure.find(name)
    }

    /// The node named on the `quorum` line (`None` only for an empty,
    /// unparsed policy).
    pub fn quorum(&self) -> Option<PolicyNode> {
        self.structure.quorum()
    }

    /// The logs whose key name is `origin`, i.e. the keys trusted to sign
    /// that log's checkpoints (more than one during a key rotation).
    pub fn logs_for_origin<'s>(
        &'s self,
        origin: &'s str,
    ) -> impl Iterator<Item = (u8, &'s TlogKey<'a>)> + 's {
        (0u8..=u8::MAX)
            .zip(self.logs.iter().take(self.structure.log_count()))
            .filter(move |(_, k)| k.name == origin)
    }

    /// The witness whose vkey has key name `name` and key id `id` (the
    /// signed-note identity of a signature line), with its index.
    pub fn cosigner(&self, name: &str, id: KeyId) -> Option<(u8, &TlogKey<'a>)> {
        (0u8..=u8::MAX)
            .zip(self.witnesses.iter().take(self.structure.witness_count()))
            .find(|(_, k)| k.key_id == id && k.name == name)
    }

    /// Compile for Sigsum proofs (feature `tools`): the compiled format
    /// holds 32-byte Ed25519 keys and key hashes only, so a policy with an
    /// ML-DSA-44 witness is [`CompileError::MlDsaWitness`] (never a
    /// truncated key), and the vkey names (log origins, cosigner names) are
    /// not kept: the result verifies Sigsum proofs, not C2SP checkpoints.
    #[cfg(feature = "tools")]
    pub fn compile<'o>(&self, out: &'o mut [u8]) -> Result<CompiledPolicy<'o>, CompileError> {
        if let Some(w) = self
            .witnesses()
            .find(|w| w.key.sig_type != SIG_TYPE_COSIGNATURE)
        {
            return Err(CompileError::MlDsaWitness { witness: w.index });
        }
        self.structure.compile(out)
    }
}

impl<const L: usize, const W: usize, const G: usize, const P: usize> TrustPolicy
    for TlogPolicyN<'_, L, W, G, P>
{
    fn log_key(&self, key_hash: &Hash) -> Option<PublicKey> {
        self.structure.log_key(key_hash)
    }

    /// Ed25519 (type 0x04) witnesses only.
    fn witness(&self, key_hash: &Hash) -> Option<(u8, PublicKey)> {
        let (i, key) = self.structure.witness(key_hash)?;
        let tlog = self.witnesses.get(usize::from(i))?;
        (tlog.sig_type == SIG_TYPE_COSIGNATURE).then_some((i, key))
    }

    fn is_satisfied(&self, verified: &WitnessSet) -> bool {
        self.structure.is_satisfied(verified)
    }

    fn missing(&self, verified: &WitnessSet, available: &WitnessSet) -> Option<usize> {
        self.structure.missing(verified, available)
    }
}

impl<const L: usize, const W: usize, const G: usize, const P: usize> PolicyKeys
    for TlogPolicyN<'_, L, W, G, P>
{
    /// The logs and the Ed25519 witnesses.
    fn for_each_key(&self, each: &mut dyn FnMut(Option<u8>, &PublicKey)) {
        for log in self.structure.logs() {
            each(None, &log.key);
        }
        for w in self.witnesses() {
            if let TlogKeyMaterial::Ed25519(key) = w.key.material {
                if w.key.sig_type == SIG_TYPE_COSIGNATURE {
                    each(Some(w.index), &key);
                }
            }
        }
    }
}

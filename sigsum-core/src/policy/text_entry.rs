//! The entries of a text policy: its logs, witnesses and groups, in
//! definition order, borrowing names and URLs from the text.

use crate::types::{Hash, PublicKey};

/// The parent index of a witness or group that is in no group.
pub(super) const NO_PARENT: u8 = u8::MAX;

/// A trusted log (`log` line).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LogEntry<'a> {
    /// The log's public key.
    pub key: PublicKey,
    /// SHA-256 of the key.
    pub key_hash: Hash,
    /// The optional URL, borrowed from the policy text.
    pub url: Option<&'a [u8]>,
}

impl LogEntry<'_> {
    pub(super) const EMPTY: LogEntry<'static> = LogEntry {
        key: PublicKey([0; 32]),
        key_hash: Hash([0; 32]),
        url: None,
    };
}

/// A witness (`witness` line).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WitnessEntry<'a> {
    /// The witness name (opaque octets), borrowed from the policy text.
    pub name: &'a [u8],
    /// The witness's public key.
    pub key: PublicKey,
    /// SHA-256 of the key (the `cosignature=` identifier).
    pub key_hash: Hash,
    /// The optional URL, borrowed from the policy text.
    pub url: Option<&'a [u8]>,
    pub(super) parent: u8,
}

impl WitnessEntry<'_> {
    pub(super) const EMPTY: WitnessEntry<'static> = WitnessEntry {
        name: &[],
        key: PublicKey([0; 32]),
        key_hash: Hash([0; 32]),
        url: None,
        parent: NO_PARENT,
    };

    /// The index of the group this witness is a member of, if any.
    pub fn parent(&self) -> Option<u8> {
        (self.parent != NO_PARENT).then_some(self.parent)
    }
}

/// A group (`group` line): satisfied iff at least `threshold` of its
/// `members` are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GroupEntry<'a> {
    /// The group name (opaque octets), borrowed from the policy text.
    pub name: &'a [u8],
    /// k, with `1 <= k <= members` (`any` = 1, `all` = n).
    pub threshold: u16,
    /// n, the number of members.
    pub members: u16,
    pub(super) parent: u8,
}

impl GroupEntry<'_> {
    pub(super) const EMPTY: GroupEntry<'static> = GroupEntry {
        name: &[],
        threshold: 0,
        members: 0,
        parent: NO_PARENT,
    };

    /// The index of the group this group is a member of, if any.
    pub fn parent(&self) -> Option<u8> {
        (self.parent != NO_PARENT).then_some(self.parent)
    }
}

//! Text trust policies: the line format of sigsum-go's `policy.ParseConfig`,
//! parsed without allocation.

use super::quorum;
#[cfg(feature = "tools")]
use super::quorum::{GroupStatus, QuorumReport};
use super::text_entry::NO_PARENT;
pub use super::text_entry::{GroupEntry, LogEntry, WitnessEntry};
pub use super::text_error::{PolicyError, PolicyErrorKind, MAX_LINE_LEN};
use super::text_program::build_program;
pub use super::text_program::{program_capacity, PolicyNode};
use super::trust_policy::{PolicyKeys, TrustPolicy};
use crate::encoding::{parse_decimal, EncodingError};
use crate::lines::{LineMode, Lines};
use crate::types::{Hash, PublicKey};
use crate::witness_set::{WitnessSet, MAX_WITNESSES};

/// Default capacity for `log` lines.
pub const MAX_LOGS: usize = 32;
/// Default capacity for `witness` lines.
pub const MAX_TEXT_WITNESSES: usize = 64;
/// Default capacity for `group` lines.
pub const MAX_GROUPS: usize = 32;
/// Upper bound on the group capacity (group indices are bytes).
pub const MAX_GROUPS_LIMIT: usize = 255;
/// The predefined name of the empty, always satisfied group.
pub const NONE: &[u8] = b"none";

/// A parsed text policy with room for `L` logs, `W` witnesses and `G`
/// groups. Names and URLs borrow from the text. Use the aliases
/// [`TextPolicy`] (default capacities) or [`LargeTextPolicy`] (255 of
/// each, the compiled format's limits).
///
/// Witness and group indices are their definition order. Every group's
/// members are defined before it, so a child group always has a smaller
/// index than its parent; the quorum tree is stored as parent links (each
/// node is a member at most once) and evaluated bottom-up in one pass.
///
/// # Format
///
/// The format of sigsum-go's `policy.ParseConfig` (sigsum-go
/// `doc/policy.md`):
///
/// ```text
/// log     <pubkey hex> [<url>]
/// witness <name> <pubkey hex> [<url>]
/// group   <name> any|all|<k> <member>...
/// quorum  <name>|none
/// ```
///
/// The rules are sigsum-go's after the stricter-format change (v0.13.0):
///
/// * lines end in `\n`; one trailing `\r` is stripped (CRLF files work) and
///   the final `\n` is optional;
/// * bytes `0x00`-`0x08`, `0x0A`-`0x1F` and `0x7F` are rejected anywhere,
///   comments included; bytes `>= 0x80` are opaque data (no UTF-8 check);
/// * fields are separated by runs of SP/TAB only;
/// * a line is a comment iff its first field starts with `#`: there are no
///   end-of-line comments (`log <key> #x` makes `#x` the URL);
/// * keywords are case-sensitive; names are compared as raw octets;
/// * witnesses and groups share one namespace; `none` is predefined (an empty
///   group that is always satisfied) and can only be used as `quorum none`;
/// * group members must be defined earlier (so there are no cycles) and each
///   witness or group can be a member at most once in the whole file;
/// * exactly one `quorum` line; lines after it still take effect;
/// * no duplicate log keys, no duplicate witness keys; the same key may be
///   both a log and a witness.
///
/// Divergences from sigsum-go, all stricter, chosen as the safe behaviour:
///
/// * **Thresholds** must be canonical decimals (`0|[1-9][0-9]*`, then
///   `1 <= k <= n`). sigsum-go uses `strconv.Atoi`, which also accepts `+2`
///   and `02`; we reject them ([`PolicyErrorKind::ThresholdSyntax`]) so a
///   policy has one spelling and other parsers (sigsum-ts' `parseInt` reads
///   `2x` as 2) cannot disagree about it. `k = 0` is rejected (sigsum-rs
///   accepts it, which would make a group that is always satisfied).
/// * **Capacity**: a policy holds at most `L` logs, `W` witnesses and `G`
///   groups (const parameters, default [`MAX_LOGS`], [`MAX_TEXT_WITNESSES`],
///   [`MAX_GROUPS`]; `W` and `G` are additionally capped at 255). sigsum-go
///   has no limits. Exceeding one is its own error.
/// * Control characters are reported with their line number (sigsum-go
///   gives none), and defining `none` is [`PolicyErrorKind::ReservedName`]
///   (sigsum-go says "duplicate name").
///
/// Lines longer than [`MAX_LINE_LEN`] bytes are rejected, as sigsum-go's
/// `bufio.Scanner` does ("token too long").
///
/// # Size
///
/// [`TextPolicy`] stores keys, key hashes and borrowed names/URLs in fixed
/// arrays: with the default capacities it is about 10 KiB (checked by a
/// test). It can be returned by value, or placed by the caller (in a static,
/// a `Box`, an arena) and filled with [`TextPolicy::parse_in_place`]. On
/// small embedded targets prefer a compiled policy
/// ([`super::CompiledPolicy`]), which borrows its bytes and needs almost no
/// memory.
#[derive(Clone, Debug)]
pub struct TextPolicyN<'a, const L: usize, const W: usize, const G: usize, const P: usize> {
    logs: [LogEntry<'a>; L],
    witnesses: [WitnessEntry<'a>; W],
    groups: [GroupEntry<'a>; G],
    nlogs: usize,
    nwitnesses: usize,
    ngroups: usize,
    quorum: Option<PolicyNode>,
    /// The quorum as a program for the quorum engine (see
    /// `policy/quorum.rs`): the quorum's code first (`quorum_len` bytes),
    /// then the code of every other group no group contains, so that an
    /// explanation reaches every group.
    program: [u8; P],
    program_len: usize,
    quorum_len: usize,
    /// `group_order[i]`: the group of the program's `i`-th `>=K`.
    group_order: [u8; G],
}

/// A text policy with the default capacities ([`MAX_LOGS`],
/// [`MAX_TEXT_WITNESSES`], [`MAX_GROUPS`]); about 10 KiB.
pub type TextPolicy<'a> = TextPolicyN<
    'a,
    MAX_LOGS,
    MAX_TEXT_WITNESSES,
    MAX_GROUPS,
    { program_capacity(MAX_TEXT_WITNESSES, MAX_GROUPS) },
>;

/// A text policy as large as the compiled format allows (255 logs, 255
/// witnesses, 255 groups); about 50 KiB, for hosts and the compiler tool.
pub type LargeTextPolicy<'a> = TextPolicyN<'a, 255, 255, 255, { program_capacity(255, 255) }>;

fn err(line: u32, kind: PolicyErrorKind) -> PolicyError {
    PolicyError { line, kind }
}

fn is_separator(b: &u8) -> bool {
    *b == b' ' || *b == b'\t'
}

fn is_control(b: u8) -> bool {
    (b < 0x20 && b != b'\t') || b == 0x7f
}

fn to_u16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// Parse a threshold field for a group of `n` members.
fn parse_threshold(field: &[u8], n: usize) -> Result<u16, PolicyErrorKind> {
    let k = match field {
        b"any" => 1,
        b"all" => n,
        _ => match parse_decimal(field) {
            Ok(k) => usize::try_from(k).unwrap_or(usize::MAX),
            Err(EncodingError::DecimalRange) => usize::MAX,
            Err(_) => return Err(PolicyErrorKind::ThresholdSyntax),
        },
    };
    if k < 1 || k > n {
        return Err(PolicyErrorKind::ThresholdOutOfRange);
    }
    u16::try_from(k).map_err(|_| PolicyErrorKind::ThresholdOutOfRange)
}

/// How the key fields of `log` and `witness` lines are read, and whether
/// one `\r` before a `\n` is stripped: Sigsum's hex keys here, C2SP
/// tlog-policy's vkeys in [`TlogPolicyN`](crate::TlogPolicyN). Everything
/// else (names, groups, thresholds, the quorum) is one grammar.
pub(crate) trait KeySyntax<'a> {
    /// `true`: a CRLF line ending is accepted (sigsum-go's
    /// `bufio.Scanner`); `false`: `\r` is a control character (tlog-policy
    /// allows only TAB and LF).
    const STRIP_CR: bool;
    /// Read the key of the `index`-th `log` line (`index` may be past the
    /// capacity; the caller rejects the line afterwards, as it may reject
    /// it for a duplicate key). The key returned identifies the log: two
    /// logs with equal keys are duplicates.
    fn log_key(&mut self, index: usize, field: &'a [u8]) -> Result<PublicKey, PolicyErrorKind>;
    /// Read the key of the `index`-th `witness` line (as `log_key`).
    fn witness_key(&mut self, index: usize, field: &'a [u8]) -> Result<PublicKey, PolicyErrorKind>;
}

/// Sigsum's key fields: 64 hex digits.
struct HexKeys;

/// One copy of the hex key reader for both line kinds (small devices
/// parse policy texts too).
#[inline(never)]
fn parse_key(field: &[u8]) -> Result<PublicKey, PolicyErrorKind> {
    PublicKey::from_hex(field).map_err(PolicyErrorKind::InvalidKey)
}

impl<'a> KeySyntax<'a> for HexKeys {
    const STRIP_CR: bool = true;
    fn log_key(&mut self, _: usize, field: &'a [u8]) -> Result<PublicKey, PolicyErrorKind> {
        parse_key(field)
    }
    fn witness_key(&mut self, _: usize, field: &'a [u8]) -> Result<PublicKey, PolicyErrorKind> {
        parse_key(field)
    }
}

impl<'a, const L: usize, const W: usize, const G: usize, const P: usize> Default
    for TextPolicyN<'a, L, W, G, P>
{
    fn default() -> Self {
        Self::EMPTY
    }
}

impl<'a, const L: usize, const W: usize, const G: usize, const P: usize>
    TextPolicyN<'a, L, W, G, P>
{
    /// An empty policy (no logs, no witnesses, no quorum), to be filled by
    /// [`parse_in_place`](Self::parse_in_place). It satisfies nothing.
    pub const EMPTY: Self = TextPolicyN {
        logs: [LogEntry::EMPTY; L],
        witnesses: [WitnessEntry::EMPTY; W],
        groups: [GroupEntry::EMPTY; G],
        nlogs: 0,
        nwitnesses: 0,
        ngroups: 0,
        quorum: None,
        program: [0; P],
        program_len: 0,
        quorum_len: 0,
        group_order: [0; G],
    };

    /// `P` holds the program of any policy that fits `W` and `G` (checked
    /// when `parse_in_place` is instantiated).
    const PROGRAM_FITS: () = assert!(
        P >= program_capacity(W, G),
        "TextPolicyN: P must be at least program_capacity(W, G)"
    );

    const WITNESS_CAP: usize = if W < MAX_WITNESSES { W } else { MAX_WITNESSES };
    const GROUP_CAP: usize = if G < MAX_GROUPS_LIMIT {
        G
    } else {
        MAX_GROUPS_LIMIT
    };

    /// Parse a policy text.
    pub fn parse(text: &'a [u8]) -> Result<Self, PolicyError> {
        let mut p = Self::EMPTY;
        p.parse_in_place(text)?;
        Ok(p)
    }

    /// Parse a policy text into `self`, replacing its contents (for callers
    /// that place the storage themselves). On error `self` is left empty.
    pub fn parse_in_place(&mut self, text: &'a [u8]) -> Result<(), PolicyError> {
        self.parse_in_place_with(text, &mut HexKeys)
    }

    /// [`parse_in_place`](Self::parse_in_place) with another key syntax.
    pub(crate) fn parse_in_place_with<S: KeySyntax<'a>>(
        &mut self,
        text: &'a [u8],
        keys: &mut S,
    ) -> Result<(), PolicyError> {
        #[allow(clippy::let_unit_value)]
        let () = Self::PROGRAM_FITS;
        self.clear();
        let result = self
            .parse_all(text, keys)
            .and_then(|()| self.build_program().map_err(|kind| err(0, kind)));
        if result.is_err() {
            self.clear();
        }
        result
    }

    fn clear(&mut self) {
        self.nlogs = 0;
        self.nwitnesses = 0;
        self.ngroups = 0;
        self.quorum = None;
        self.program_len = 0;
        self.quorum_len = 0;
    }

    fn parse_all<S: KeySyntax<'a>>(
        &mut self,
        text: &'a [u8],
        keys: &mut S,
    ) -> Result<(), PolicyError> {
        // Lenient mode never yields an error (a last line without `\n` is
        // returned as a line), so `flatten` drops nothing.
        for line in Lines::new(text, LineMode::Lenient).flatten() {
            let number = line.number;
            let after = line.offset.saturating_add(line.text.len());
            let raw_len = if text.get(after) == Some(&b'\r') {
                if !S::STRIP_CR {
                    return Err(err(number, PolicyErrorKind::ControlCharacter(b'\r')));
                }
                line.text.len().saturating_add(1)
            } else {
                line.text.len()
            };
            if raw_len > MAX_LINE_LEN {
                return Err(err(number, PolicyErrorKind::LineTooLong));
            }
            if let Some(&b) = line.text.iter().find(|b| is_control(**b)) {
                return Err(err(number, PolicyErrorKind::ControlCharacter(b)));
            }
            let mut fields = line.text.split(is_separator).filter(|f| !f.is_empty());
            let Some(keyword) = fields.next() else {
                continue;
            };
            if keyword.first() == Some(&b'#') {
                continue;
            }
            let result = match keyword {
                b"log" => self.parse_log(fields, keys),
                b"witness" => self.parse_witness(fields, keys),
                b"group" => self.parse_group(fields),
                b"quorum" => self.parse_quorum(fields),
                _ => Err(PolicyErrorKind::UnknownKeyword),
            };
            result.map_err(|kind| err(number, kind))?;
        }
        if self.quorum.is_none() {
            return Err(err(0, PolicyErrorKind::NoQuorum));
        }
        Ok(())
    }

    fn parse_log<'f, S: KeySyntax<'a>>(
        &mut self,
        mut args: impl Iterator<Item = &'a [u8]> + 'f,
        keys: &mut S,
    ) -> Result<(), PolicyErrorKind> {
        let (Some(key), url, None) = (args.next(), args.next(), args.next()) else {
            return Err(PolicyErrorKind::LogArguments);
        };
        let key = keys.log_key(self.nlogs, key)?;
        if self.logs().any(|l| l.key == key) {
            return Err(PolicyErrorKind::DuplicateLog);
        }
        let slot = self
            .logs
            .get_mut(self.nlogs)
            .ok_or(PolicyErrorKind::TooManyLogs { max: to_u16(L) })?;
        *slot = LogEntry {
            key,
            key_hash: key.key_hash(),
            url,
        };
        self.nlogs = self.nlogs.saturating_add(1);
        Ok(())
    }

    fn check_new_name(&self, name: &[u8]) -> Result<(), PolicyErrorKind> {
        if name == NONE {
            Err(PolicyErrorKind::ReservedName)
        } else if self.find(name).is_some() {
            Err(PolicyErrorKind::DuplicateName)
        } else {
            Ok(())
        }
    }

    fn parse_witness<'f, S: KeySyntax<'a>>(
        &mut self,
        mut args: impl Iterator<Item = &'a [u8]> + 'f,
        keys: &mut S,
    ) -> Result<(), PolicyErrorKind> {
        let (Some(name), Some(key), url, None) =
            (args.next(), args.next(), args.next(), args.next())
        else {
            return Err(PolicyErrorKind::WitnessArguments);
        };
        let key = keys.witness_key(self.nwitnesses, key)?;
        self.check_new_name(name)?;
        if self.witnesses().any(|w| w.key == key) {
            return Err(PolicyErrorKind::DuplicateWitness);
        }
        let max = Self::WITNESS_CAP;
        let too_many = PolicyErrorKind::TooManyWitnesses { max: to_u16(max) };
        if self.nwitnesses >= max {
            return Err(too_many);
        }
        let slot = self.witnesses.get_mut(self.nwitnesses).ok_or(too_many)?;
        *slot = WitnessEntry {
            name,
            key,
            key_hash: key.key_hash(),
            url,
            parent: NO_PARENT,
        };
        self.nwitnesses = self.nwitnesses.saturating_add(1);
        Ok(())
    }

    fn parse_group<'f>(
        &mut self,
        mut args: impl Iterator<Item = &'a [u8]> + Clone + 'f,
    ) -> Result<(), PolicyErrorKind> {
        let (Some(name), Some(threshold)) = (args.next(), args.next()) else {
            return Err(PolicyErrorKind::GroupArguments);
        };
        let members = args;
        let n = members.clone().count();
        if n == 0 {
            return Err(PolicyErrorKind::GroupArguments);
        }
        let threshold = parse_threshold(threshold, n)?;
        self.check_new_name(name)?;
        let max = Self::GROUP_CAP;
        if self.ngroups >= max || self.ngroups >= G {
            return Err(PolicyErrorKind::TooManyGroups { max: to_u16(max) });
        }
        let index = u8::try_from(self.ngroups)
            .map_err(|_| PolicyErrorKind::TooManyGroups { max: to_u16(max) })?;
        for member in members {
            if member == NONE {
                return Err(PolicyErrorKind::NoneAsMember);
            }
            let parent = match self.find(member) {
                Some(PolicyNode::Witness(i)) => self
                    .witnesses
                    .get_mut(usize::from(i))
                    .map(|w| &mut w.parent),
                Some(PolicyNode::Group(i)) => {
                    self.groups.get_mut(usize::from(i)).map(|g| &mut g.parent)
                }
                _ => None,
            }
            .ok_or(PolicyErrorKind::UndefinedName)?;
            if *parent != NO_PARENT {
                return Err(PolicyErrorKind::AlreadyMember);
            }
            *parent = index;
        }
        if let Some(slot) = self.groups.get_mut(self.ngroups) {
            *slot = GroupEntry {
                name,
                threshold,
                members: to_u16(n),
                parent: NO_PARENT,
            };
        }
        self.ngroups = self.ngroups.saturating_add(1);
        Ok(())
    }

    fn parse_quorum<'f>(
        &mut self,
        mut args: impl Iterator<Item = &'a [u8]> + 'f,
    ) -> Result<(), PolicyErrorKind> {
        let (Some(name), None) = (args.next(), args.next()) else {
            return Err(PolicyErrorKind::QuorumArguments);
        };
        if self.quorum.is_some() {
            return Err(PolicyErrorKind::QuorumRedefined);
        }
        let node = if name == NONE {
            PolicyNode::None
        } else {
            self.find(name).ok_or(PolicyErrorKind::UndefinedName)?
        };
        self.quorum = Some(node);
        Ok(())
    }

    /// The witness or group called `name` (`none` is not looked up).
    pub fn find(&self, name: &[u8]) -> Option<PolicyNode> {
        if let Some(i) = self.witnesses().position(|w| w.name == name) {
            return u8::try_from(i).ok().map(PolicyNode::Witness);
        }
        self.groups()
            .position(|g| g.name == name)
            .and_then(|i| u8::try_from(i).ok())
            .map(PolicyNode::Group)
    }

    /// The logs, in text order.
    pub fn logs(&self) -> impl Iterator<Item = &LogEntry<'a>> + Clone + '_ {
        self.logs.iter().take(self.nlogs)
    }

    /// The witnesses, in text order (the index is the witness index).
    pub fn witnesses(&self) -> impl Iterator<Item = &WitnessEntry<'a>> + Clone + '_ {
        self.witnesses.iter().take(self.nwitnesses)
    }

    /// The groups, in text order (the index is the group index).
    pub fn groups(&self) -> impl Iterator<Item = &GroupEntry<'a>> + Clone + '_ {
        self.groups.iter().take(self.ngroups)
    }

    /// Number of logs.
    pub fn log_count(&self) -> usize {
        self.nlogs
    }

    /// Number of witnesses.
    pub fn witness_count(&self) -> usize {
        self.nwitnesses
    }

    /// Number of groups.
    pub fn group_count(&self) -> usize {
        self.ngroups
    }

    /// The witness with index `i`.
    pub fn witness_at(&self, i: u8) -> Option<&WitnessEntry<'a>> {
        self.witnesses().nth(usize::from(i))
    }

    /// The group with index `i`.
    pub fn group_at(&self, i: u8) -> Option<&GroupEntry<'a>> {
        self.groups().nth(usize::from(i))
    }

    /// The node named on the `quorum` line (`None` only for an empty,
    /// unparsed policy).
    pub fn quorum(&self) -> Option<PolicyNode> {
        self.quorum
    }

    /// The log whose key hash is `key_hash`.
    pub fn log_by_hash(&self, key_hash: &Hash) -> Option<&LogEntry<'a>> {
        self.logs().find(|l| l.key_hash == *key_hash)
    }

    /// The witness whose key hash is `key_hash`, with its index.
    pub fn witness_by_hash(&self, key_hash: &Hash) -> Option<(u8, &WitnessEntry<'a>)> {
        self.witnesses()
            .enumerate()
            .find(|(_, w)| w.key_hash == *key_hash)
            .and_then(|(i, w)| Some((u8::try_from(i).ok()?, w)))
    }

    /// Compile the quorum tree into the program the quorum engine runs
    /// (see [`build_program`]).
    fn build_program(&mut self) -> Result<(), PolicyErrorKind> {
        let (witnesses, groups) = (&self.witnesses, &self.groups);
        let nwitnesses = self.nwitnesses;
        let parent_of = |p: usize| {
            let parent = match p.checked_sub(nwitnesses) {
                None => witnesses.get(p)?.parent,
                Some(g) => groups.get(g)?.parent,
            };
            (parent != NO_PARENT).then_some(parent)
        };
        let threshold = |g: u8| groups.get(usize::from(g)).map_or(0, |x| x.threshold);
        let (len, quorum_len) = build_program::<G>(
            (nwitnesses, self.ngroups),
            parent_of,
            threshold,
            self.quorum,
            &mut self.program,
            &mut self.group_order,
        )
        .ok_or(PolicyErrorKind::TooManyGroups { max: to_u16(G) })?;
        self.program_len = len;
        self.quorum_len = quorum_len;
        Ok(())
    }

    /// The quorum's program: the bytecode of compiled policies, run by the
    /// quorum engine (empty for `quorum none`).
    fn quorum_program(&self) -> &[u8] {
        self.program.get(..self.quorum_len).unwrap_or_default()
    }

    /// The members of group `g`: witnesses first (text order), then groups.
    pub fn members(&self, g: u8) -> impl Iterator<Item = PolicyNode> + '_ {
        let witnesses = self
            .witnesses()
            .enumerate()
            .filter(move |(_, w)| w.parent == g)
            .filter_map(|(i, _)| u8::try_from(i).ok().map(PolicyNode::Witness));
        let groups = self
            .groups()
            .enumerate()
            .filter(move |(_, x)| x.parent == g)
            .filter_map(|(i, _)| u8::try_from(i).ok().map(PolicyNode::Group));
        witnesses.chain(groups)
    }
}

#[cfg(feature = "tools")]
impl<const L: usize, const W: usize, const G: usize, const P: usize> TextPolicyN<'_, L, W, G, P> {
    /// Explain the quorum on `verified`: each group's satisfied members
    /// and missing cosignatures, and the quorum's. `report.is_satisfied()`
    /// equals [`TrustPolicy::is_satisfied`]. The quorum engine reports
    /// every group as it runs the program.
    pub fn explain(&self, verified: &WitnessSet) -> QuorumReport<G> {
        let need = |i: u32| u16::from(!u8::try_from(i).is_ok_and(|i| verified.contains(i)));
        let mut groups = [GroupStatus::default(); G];
        let all = self.program.get(..self.program_len).unwrap_or_default();
        quorum::run::<W, W>(all, need, |i, status| {
            let slot = self
                .group_order
                .get(i)
                .and_then(|g| groups.get_mut(usize::from(*g)));
            if let Some(slot) = slot {
                *slot = status;
            }
        });
        let missing = match self.quorum {
            Some(_) => quorum::run::<W, W>(self.quorum_program(), need, |_, _| {}),
            None => quorum::UNREACHABLE,
        };
        QuorumReport {
            groups,
            ngroups: self.ngroups,
            missing,
        }
    }
}

impl<const L: usize, const W: usize, const G: usize, const P: usize> TrustPolicy
    for TextPolicyN<'_, L, W, G, P>
{
    fn log_key(&self, key_hash: &Hash) -> Option<PublicKey> {
        self.log_by_hash(key_hash).map(|l| l.key)
    }

    fn witness(&self, key_hash: &Hash) -> Option<(u8, PublicKey)> {
        self.witness_by_hash(key_hash).map(|(i, w)| (i, w.key))
    }

    /// The quorum engine on the program compiled at parse time.
    fn is_satisfied(&self, verified: &WitnessSet) -> bool {
        self.quorum.is_some() && quorum::satisfied::<W, W>(self.quorum_program(), verified)
    }

    /// Exact (see [`TrustPolicy::missing`]).
    fn missing(&self, verified: &WitnessSet, available: &WitnessSet) -> Option<usize> {
        self.quorum?;
        quorum::missing::<W, W>(self.quorum_program(), verified, available)
    }
}

impl<const L: usize, const W: usize, const G: usize, const P: usize> PolicyKeys
    for TextPolicyN<'_, L, W, G, P>
{
    fn for_each_key(&self, each: &mut dyn FnMut(Option<u8>, &PublicKey)) {
        for log in self.logs() {
            each(None, &log.key);
        }
        for (i, w) in (0u8..=u8::MAX).zip(self.witnesses()) {
            each(Some(i), &w.key);
        }
    }
}

//! Helpers of `sigsum-verify`: argument parsing, message reading, key and
//! policy loading, and the verification run. Kept in the library so the
//! integration tests can call them directly as well as run the binary.

use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};

use sigsum_core::{
    check_policy_name, sha256, verify, DefaultBackend, Freshness, Hash, KeyFile, LargeTextPolicy,
    Policy, Proof, PublicKey, TrustPolicy, Verified,
};

/// Usage text of `sigsum-verify --help`.
pub const USAGE: &str = "\
Usage: sigsum-verify -k KEY-FILE... [-p POLICY-FILE | -P POLICY-NAME] [--raw-hash]
                     [--max-age SECONDS] PROOF-FILE < INPUT

Verify that a message's signed checksum is logged for a given trust policy.
The message to be verified is read on stdin.

  -k, --key KEY-FILE          submitter public keys, one per line in OpenSSH
                              format; may be repeated (keys of all files count)
  -p, --policy POLICY-FILE    trust policy file (logs, witnesses, quorum rule)
  -P, --named-policy NAME     named trust policy: $SIGSUM_POLICY_DIR/NAME.sigsum-policy
                              (default /etc/sigsum/policy), else a builtin
      --raw-hash              INPUT is the message itself: 32 raw bytes, or 64 hex
                              digits (surrounding white space ignored); by default
                              the message is SHA-256(INPUT)
      --max-age SECONDS       also require the quorum's cosignature timestamp to be
                              at most SECONDS old (and at most 300 s in the future)
  -v, --version               show the version and exit
      --help                  show this help and exit

Options go before PROOF-FILE (or end with --): an argument after it is an
error. Without -p or -P, the policy named by sigsum-policy=\"NAME\" in the key
files is used (all key lines of all files must agree). Exit status 0 if the
proof verifies, 1 on any failure (one line on stderr names the failing step).
";

/// Parsed command line of a verification run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    /// `--raw-hash`.
    pub raw_hash: bool,
    /// `-k`, in command-line order. Repeated `-k` options add up: the keys
    /// of every file are accepted (sigsum-go keeps only the last one; the
    /// union is what `[-k KEY-FILE]...` promises, and each file is still
    /// checked in full).
    pub key_files: Vec<PathBuf>,
    /// `-p`.
    pub policy_file: Option<PathBuf>,
    /// `-P`.
    pub policy_name: Option<String>,
    /// `--max-age`.
    pub max_age: Option<u64>,
    /// The proof file.
    pub proof_file: PathBuf,
}

/// What the command line asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Verify.
    Run(Settings),
    /// `--help`.
    Help,
    /// `--version`.
    Version,
}

/// Parse the arguments (without the program name) with the rules of the
/// pborman/getopt v2 parser sigsum-go's tool uses, so that every command
/// line the reference accepts means the same here:
///
/// * `-k FILE`, `-kFILE`, `--key FILE`, `--key=FILE`, and `--k FILE` /
///   `--k=FILE` (getopt reads `--x` as `-x` when there is no long option
///   `x`); short flags cluster (`-vkFILE`).
/// * Options end at the first operand (the proof file; `-` and the empty
///   string are operands too) or at `--`: everything after that is an
///   operand, so an option written after the proof file is an extra
///   argument and the command line is an error (never a verification
///   skipped, as with a trailing `-v`).
/// * Boolean options take an optional value in long form:
///   `--raw-hash=false` (`0`, `f`, `false`, `off`; `1`, `t`, `true`, `on`
///   or empty for true; any case).
/// * The last `-k`, `-p`, `-P` wins; an empty `-p`/`-P` value counts as not
///   given (sigsum-go tests for `""`).
/// * `--help`, then `--version` (when given before the proof file), win
///   over any usage error, including one found later on the line; `-k` is
///   mandatory otherwise.
pub fn parse_args<I: IntoIterator<Item = OsString>>(args: I) -> Result<Command, String> {
    let mut p = ArgParser::default();
    let result = p.parse(args);
    if p.help {
        return Ok(Command::Help);
    }
    if p.version {
        return Ok(Command::Version);
    }
    result?;
    let s = p.settings;
    let key_files = p.key_files;
    if key_files.is_empty() {
        return Err("no submitter key file given (-k)".into());
    }
    if s.policy_file.is_some() && s.policy_name.is_some() {
        return Err(
            "the -P (--named-policy) and -p (--policy) options are mutually exclusive".into(),
        );
    }
    let proof_file = match p.operands.as_slice() {
        [proof] => PathBuf::from(proof),
        [] => return Err("no proof file given on the command line".into()),
        [_, extra, ..] => {
            return Err(format!(
                "unexpected argument after the proof file: {extra:?}"
            ))
        }
    };
    Ok(Command::Run(Settings {
        key_files,
        proof_file,
        ..s
    }))
}

/// The options `sigsum-verify` knows: (long name, short letter, takes a
/// value).
const OPTIONS: [(&str, Option<char>, bool); 7] = [
    ("raw-hash", None, false),
    ("key", Some('k'), true),
    ("policy", Some('p'), true),
    ("named-policy", Some('P'), true),
    ("max-age", None, true),
    ("help", None, false),
    ("version", Some('v'), false),
];

#[derive(Default)]
struct ArgParser {
    settings: Settings,
    key_files: Vec<PathBuf>,
    /// The operands: the first non-option argument and everything after it
    /// (or everything after `--`).
    operands: Vec<OsString>,
    help: bool,
    version: bool,
}

impl ArgParser {
    fn parse<I: IntoIterator<Item = OsString>>(&mut self, args: I) -> Result<(), String> {
        let mut it = args.into_iter();
        while let Some(arg) = it.next() {
            // getopt: the first operand ends the options (`-` and "" are
            // operands), and so does `--`; nothing after them is parsed.
            if arg == "--" {
                self.operands.extend(it);
                return Ok(());
            }
            if arg == "-" || !arg.as_encoded_bytes().starts_with(b"-") {
                self.operands.push(arg);
                self.operands.extend(it);
                return Ok(());
            }
            let arg = arg
                .into_string()
                .map_err(|a| format!("argument is not valid UTF-8: {a:?}"))?;
            let mut next = || it.next().and_then(|v| v.into_string().ok());
            if let Some(long) = arg.strip_prefix("--") {
                let (name, inline) = match long.split_once('=') {
                    Some((n, v)) => (n, Some(v.to_string())),
                    None => (long, None),
                };
                let mut letters = name.chars();
                let option = OPTIONS
                    .iter()
                    .find(|o| o.0 == name)
                    .or_else(|| match (letters.next(), letters.next()) {
                        (Some(c), None) => OPTIONS.iter().find(|o| o.1 == Some(c)),
                        _ => None,
                    })
                    .ok_or(format!("unknown option --{name}"))?;
                let value = match (option.2, inline) {
                    (true, None) => next().ok_or(format!("option --{name} needs a value"))?,
                    (_, v) => v.unwrap_or_default(),
                };
                self.set(option.0, &value)?;
                continue;
            }
            // A cluster of short options; a value option takes the rest of
            // the cluster, or else the next argument.
            let cluster = arg.get(1..).unwrap_or_default();
            for (i, c) in cluster.char_indices() {
                let option = OPTIONS
                    .iter()
                    .find(|o| o.1 == Some(c))
                    .ok_or(format!("unknown option -{c}"))?;
                if !option.2 {
                    self.set(option.0, "")?;
                    continue;
                }
                let rest = cluster.get(i + c.len_utf8()..).unwrap_or_default();
                let value = if rest.is_empty() {
                    next().ok_or(format!("option -{c} needs a value"))?
                } else {
                    rest.to_string()
                };
                self.set(option.0, &value)?;
                break;
            }
        }
        Ok(())
    }

    fn set(&mut self, name: &str, value: &str) -> Result<(), String> {
        let flag = || match value.to_ascii_lowercase().as_str() {
            "" | "1" | "true" | "on" | "t" => Ok(true),
            "0" | "false" | "off" | "f" => Ok(false),
            _ => Err(format!("invalid value for --{name}: {value:?}")),
        };
        let non_empty = |v: &str| Some(v.to_string()).filter(|v| !v.is_empty());
        match name {
            "raw-hash" => self.settings.raw_hash = flag()?,
            "help" => self.help = flag()?,
            "version" => self.version = flag()?,
            "key" => self.key_files.push(value.into()),
            "policy" => self.settings.policy_file = non_empty(value).map(PathBuf::from),
            "named-policy" => self.settings.policy_name = non_empty(value),
            _ => self.settings.max_age = Some(parse_max_age(value)?),
        }
        Ok(())
    }
}

/// The value of `--max-age`: a canonical decimal of at most 2^63 - 1
/// seconds.
pub fn parse_max_age(value: &str) -> Result<u64, String> {
    sigsum_core::parse_decimal(value.as_bytes()).map_err(|e| format!("--max-age {value:?}: {e}"))
}

/// The freshness rule of `--max-age`: the quorum timestamp at most
/// `max_age` seconds before `now`, and at most
/// [`Freshness::DEFAULT_MAX_SKEW`] (300) seconds after it.
pub fn freshness(now: u64, max_age: u64) -> Freshness {
    Freshness {
        now,
        max_age,
        max_skew: Freshness::DEFAULT_MAX_SKEW,
    }
}

/// The message from stdin: `SHA-256(input)`, or with `raw_hash` the input
/// itself when it is 32 bytes, else 64 hex digits (either case) after
/// trimming Unicode white space (as sigsum-go's `readMessage`).
pub fn read_message(input: &[u8], raw_hash: bool) -> Result<Hash, String> {
    if !raw_hash {
        return Ok(sha256(input));
    }
    if let Some(h) = Hash::from_slice(input) {
        return Ok(h);
    }
    // Go's strings.TrimSpace: Unicode white space (the same set as Rust's
    // char::is_whitespace); invalid UTF-8 stops the trimming, so such input
    // can never be 64 hex digits.
    let trimmed = core::str::from_utf8(input).map_or(input, |s| s.trim().as_bytes());
    Hash::from_hex(trimmed).map_err(|e| {
        format!("reading message: --raw-hash input is neither 32 bytes nor 64 hex digits ({e})")
    })
}

fn read_file(path: &Path, what: &str) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("reading {what} {}: {e}", path.display()))
}

/// The submitter keys of all key files and, if `want_policy`, the policy
/// name they carry (`sigsum-policy="..."`; all key lines of all files must
/// then agree, a line without a name included, and the name must be valid
/// UTF-8). As in sigsum-go, the names are ignored (not even checked for
/// agreement or UTF-8) when a policy is given with `-p` or `-P`.
pub fn load_keys(
    paths: &[PathBuf],
    want_policy: bool,
) -> Result<(Vec<PublicKey>, Option<String>), String> {
    let mut keys: Vec<PublicKey> = Vec::new();
    let mut name: Option<Option<String>> = None;
    for path in paths {
        let text = read_file(path, "key file")?;
        let context = |e| format!("reading key file {}: {e}", path.display());
        let file = KeyFile::parse(&text).map_err(context)?;
        if want_policy {
            let this = file.policy_name().map_err(context)?.map(str::to_string);
            match &name {
                Some(first) if *first != this => {
                    return Err(format!(
                        "reading key file {}: sigsum-policy differs from the earlier key files",
                        path.display()
                    ))
                }
                _ => name = Some(this),
            }
        }
        for k in file.keys() {
            if !keys.contains(&k.key.key) {
                keys.push(k.key.key);
            }
        }
    }
    Ok((keys, name.flatten()))
}

/// Where the policy text comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PolicySource {
    /// A policy file's bytes (`-p`, or an installed named policy).
    Text(PathBuf, Vec<u8>),
    /// A builtin named policy.
    Builtin(String),
}

impl PolicySource {
    /// Parse it. Text policies are parsed with the largest capacities
    /// ([`LargeTextPolicy`]: 255 logs, witnesses and groups, on the heap),
    /// not the embedded default [`sigsum_core::TextPolicy`] (64
    /// witnesses, 32 groups), so that every policy file sigsum-go accepts
    /// up to the 255 witnesses a witness set can index is accepted here.
    pub fn policy(&self) -> Result<Box<dyn TrustPolicy + '_>, String> {
        match self {
            PolicySource::Text(path, text) => match LargeTextPolicy::parse(text) {
                Ok(p) => Ok(Box::new(p)),
                Err(e) => Err(format!("reading policy {}: {e}", path.display())),
            },
            PolicySource::Builtin(name) => match Policy::builtin(name) {
                Ok(p) => Ok(Box::new(p)),
                Err(e) => Err(format!("policy {name:?}: {e}")),
            },
        }
    }
}

/// The named policy `name`: `<dir>/<name>.sigsum-policy` if it exists
/// (`dir` = `$SIGSUM_POLICY_DIR`; default, also when empty,
/// `/etc/sigsum/policy`), else the builtin one.
pub fn named_policy(name: &str, dir: Option<&Path>) -> Result<PolicySource, String> {
    check_policy_name(name.as_bytes()).map_err(|e| format!("policy name {name:?}: {e}"))?;
    let default = PathBuf::from("/etc/sigsum/policy");
    let path = dir
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(&default)
        .join(format!("{name}.sigsum-policy"));
    // As sigsum-go: the installed file is used if it can be opened (a read
    // or parse error after that is an error); otherwise the builtin.
    if let Ok(mut f) = std::fs::File::open(&path) {
        let mut text = vec![];
        f.read_to_end(&mut text)
            .map_err(|e| format!("reading policy {}: {e}", path.display()))?;
        return Ok(PolicySource::Text(path, text));
    }
    if Policy::builtin(name).is_err() {
        return Err(format!(
            "policy {name:?}: no builtin policy with this name (and no {})",
            path.display()
        ));
    }
    Ok(PolicySource::Builtin(name.to_string()))
}

/// Choose the policy: `-p`, else `-P`, else the key files' name.
pub fn select_policy(
    s: &Settings,
    name_from_keys: Option<&str>,
    dir: Option<&Path>,
) -> Result<PolicySource, String> {
    if let Some(path) = &s.policy_file {
        return Ok(PolicySource::Text(path.clone(), read_file(path, "policy")?));
    }
    if let Some(name) = s.policy_name.as_deref().or(name_from_keys) {
        return named_policy(name, dir);
    }
    Err("no policy: give -p or -P, or sigsum-policy=\"NAME\" in the key file".into())
}

/// A whole run: read keys, message, proof, policy, verify, check the age.
/// The error is the one line to print.
pub fn run(
    s: &Settings,
    stdin: &[u8],
    policy_dir: Option<&Path>,
    now: u64,
) -> Result<Verified, String> {
    let want_policy = s.policy_file.is_none() && s.policy_name.is_none();
    let (keys, name_from_keys) = load_keys(&s.key_files, want_policy)?;
    let message = read_message(stdin, s.raw_hash)?;
    let proof_text = read_file(&s.proof_file, "proof")?;
    let proof = Proof::parse(&proof_text).map_err(|e| format!("invalid proof: {e}"))?;
    let source = select_policy(s, name_from_keys.as_deref(), policy_dir)?;
    let policy = source.policy()?;
    let v = verify(&message, &keys, &policy.as_ref(), &proof, &DefaultBackend)
        .map_err(|e| format!("proof failed to verify: {e}"))?;
    if let Some(max_age) = s.max_age {
        v.check_freshness(&freshness(now, max_age))
            .map_err(|e| format!("proof failed to verify: {e}"))?;
    }
    Ok(v)
}

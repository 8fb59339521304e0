//! Helpers of `sigsum-verify`: argument parsing, message reading, key and
//! policy loading, and the verification run. Kept in the library so the
//! integration tests can call them directly as well as run the binary.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use sigsum_core::crypto::{sha256, DefaultBackend};
use sigsum_core::keys::ssh::KeyFile;
use sigsum_core::policy::builtin::check_name;
use sigsum_core::policy::Policy;
use sigsum_core::proof::Proof;
use sigsum_core::verify::{verify, Verified};
use sigsum_core::{Hash, PublicKey};

/// Usage text of `sigsum-verify --help`.
pub const USAGE: &str = "\
Usage: sigsum-verify [-k KEY-FILE]... [-p POLICY-FILE | -P POLICY-NAME] [--raw-hash]
                     [--max-age SECONDS] PROOF-FILE < INPUT

Verify that a message's signed checksum is logged for a given trust policy.
The message to be verified is read on stdin.

  -k, --key KEY-FILE          submitter public keys, one per line in OpenSSH
                              format (may be repeated)
  -p, --policy POLICY-FILE    trust policy file (logs, witnesses, quorum rule)
  -P, --named-policy NAME     named trust policy: $SIGSUM_POLICY_DIR/NAME.sigsum-policy
                              (default /etc/sigsum/policy), else a builtin
      --raw-hash              INPUT is the message itself: 32 raw bytes, or 64 hex
                              digits (surrounding white space ignored); by default
                              the message is SHA-256(INPUT)
      --max-age SECONDS       also require the quorum's cosignature timestamp to be
                              at most SECONDS old
  -v, --version               show the version and exit
      --help                  show this help and exit

Without -p or -P, the policy named by sigsum-policy=\"NAME\" in the key files
is used (all key lines must agree). Exit status 0 if the proof verifies, 1 on
any failure (one line on stderr names the failing step).
";

/// Parsed command line of a verification run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    /// `--raw-hash`.
    pub raw_hash: bool,
    /// `-k` files, in order.
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

/// Parse the arguments (without the program name), getopt style:
/// `-k FILE`, `-kFILE`, `--key FILE`, `--key=FILE`, `--` ends options.
pub fn parse_args<I: IntoIterator<Item = OsString>>(args: I) -> Result<Command, String> {
    let mut s = Settings::default();
    let mut positional = vec![];
    let mut it = args.into_iter();
    let mut only_positional = false;
    while let Some(arg) = it.next() {
        let arg = arg
            .into_string()
            .map_err(|a| format!("argument is not valid UTF-8: {a:?}"))?;
        if only_positional || arg == "-" || !arg.starts_with('-') {
            positional.push(arg);
            continue;
        }
        if arg == "--" {
            only_positional = true;
            continue;
        }
        // Split `--opt=value` and `-xvalue`.
        let (name, inline): (String, Option<String>) = if let Some(long) = arg.strip_prefix("--") {
            match long.split_once('=') {
                Some((n, v)) => (format!("--{n}"), Some(v.to_string())),
                None => (arg.clone(), None),
            }
        } else if arg.len() > 2 {
            (arg[..2].to_string(), Some(arg[2..].to_string()))
        } else {
            (arg.clone(), None)
        };
        let mut value = |what: &str| -> Result<String, String> {
            match inline.clone() {
                Some(v) => Ok(v),
                None => it
                    .next()
                    .and_then(|v| v.into_string().ok())
                    .ok_or(format!("option {name} needs a {what}")),
            }
        };
        match name.as_str() {
            "--help" | "-h" => return Ok(Command::Help),
            "--version" | "-v" => return Ok(Command::Version),
            "--raw-hash" => {
                if inline.is_some() {
                    return Err("option --raw-hash takes no value".into());
                }
                s.raw_hash = true;
            }
            "-k" | "--key" => s.key_files.push(value("key file")?.into()),
            "-p" | "--policy" => {
                if s.policy_file.is_some() {
                    return Err("option -p given twice".into());
                }
                s.policy_file = Some(value("policy file")?.into());
            }
            "-P" | "--named-policy" => {
                if s.policy_name.is_some() {
                    return Err("option -P given twice".into());
                }
                s.policy_name = Some(value("policy name")?);
            }
            "--max-age" => {
                let v = value("number of seconds")?;
                let n = sigsum_core::encoding::parse_decimal(v.as_bytes())
                    .map_err(|e| format!("--max-age {v:?}: {e}"))?;
                s.max_age = Some(n);
            }
            _ => return Err(format!("unknown option {name}")),
        }
    }
    if s.policy_file.is_some() && s.policy_name.is_some() {
        return Err(
            "the -P (--named-policy) and -p (--policy) options are mutually exclusive".into(),
        );
    }
    if s.key_files.is_empty() {
        return Err("no submitter key file given (-k)".into());
    }
    match positional.as_slice() {
        [proof] => s.proof_file = proof.into(),
        [] => return Err("no proof file given on the command line".into()),
        _ => return Err("more than one proof file given".into()),
    }
    Ok(Command::Run(s))
}

/// The message from stdin: `SHA-256(input)`, or with `raw_hash` the input
/// itself when it is 32 bytes, else 64 hex digits after trimming white
/// space (as sigsum-go's `readMessage`).
pub fn read_message(input: &[u8], raw_hash: bool) -> Result<Hash, String> {
    if !raw_hash {
        return Ok(sha256(input));
    }
    if let Some(h) = Hash::from_slice(input) {
        return Ok(h);
    }
    let trimmed = input.trim_ascii();
    Hash::from_hex(trimmed).map_err(|e| {
        format!("reading message: --raw-hash input is neither 32 bytes nor 64 hex digits ({e})")
    })
}

fn read_file(path: &Path, what: &str) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("reading {what} {}: {e}", path.display()))
}

/// The submitter keys of all key files and, if `want_policy`, the policy
/// name they carry (`sigsum-policy="..."`; all key lines of all files must
/// then agree). As in sigsum-go, the names are ignored (not even checked
/// for agreement) when a policy is given with `-p` or `-P`.
pub fn load_keys(
    files: &[PathBuf],
    want_policy: bool,
) -> Result<(Vec<PublicKey>, Option<String>), String> {
    let mut keys: Vec<PublicKey> = vec![];
    let mut policy: Option<Option<String>> = None;
    for path in files {
        let text = read_file(path, "key file")?;
        let file = KeyFile::parse(&text)
            .map_err(|e| format!("reading key file {}: {e}", path.display()))?;
        let name = if want_policy {
            file.policy_name()
                .map_err(|e| format!("reading key file {}: {e}", path.display()))?
                .map(str::to_string)
        } else {
            None
        };
        match &policy {
            Some(p) if *p != name => {
                return Err(format!(
                    "reading key file {}: sigsum-policy differs from the previous key files",
                    path.display()
                ))
            }
            _ => policy = Some(name),
        }
        for k in file.keys() {
            if !keys.contains(&k.key.key) {
                keys.push(k.key.key);
            }
        }
    }
    Ok((keys, policy.flatten()))
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
    /// Parse it.
    pub fn policy(&self) -> Result<Policy<'_>, String> {
        match self {
            PolicySource::Text(path, text) => Policy::from_text(text)
                .map_err(|e| format!("reading policy {}: {e}", path.display())),
            PolicySource::Builtin(name) => {
                Policy::builtin(name).map_err(|e| format!("policy {name:?}: {e}"))
            }
        }
    }
}

/// The named policy `name`: `<dir>/<name>.sigsum-policy` if it exists
/// (`dir` = `$SIGSUM_POLICY_DIR`, default `/etc/sigsum/policy`), else the
/// builtin one.
pub fn named_policy(name: &str, dir: Option<&Path>) -> Result<PolicySource, String> {
    check_name(name.as_bytes()).map_err(|e| format!("policy name {name:?}: {e}"))?;
    let default = PathBuf::from("/etc/sigsum/policy");
    let path = dir
        .unwrap_or(&default)
        .join(format!("{name}.sigsum-policy"));
    if path.exists() {
        let text = read_file(&path, "policy")?;
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
    let v = verify(&message, &keys, &policy, &proof, &DefaultBackend)
        .map_err(|e| format!("proof failed to verify: {e}"))?;
    if let Some(max_age) = s.max_age {
        v.check_max_age(now, max_age)
            .map_err(|e| format!("proof failed to verify: {e}"))?;
    }
    Ok(v)
}

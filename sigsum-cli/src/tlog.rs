//! Helpers of `tlog-verify`: argument parsing and the two runs (a C2SP
//! tlog-proof of an entry, or a cosigned checkpoint on its own) under a
//! C2SP tlog-policy. Kept in the library so the integration tests can call
//! them directly as well as run the binary.

use std::ffi::OsString;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use sigsum_core::{
    hash_leaf, verify_tlog_checkpoint, CosignedCheckpoint, DefaultBackend, Hash, TlogError,
    TlogOptions, TlogPolicy, TlogProof,
};

use crate::verify::{freshness, parse_max_age};

/// Usage text of `tlog-verify --help`.
pub const USAGE: &str = "\
Usage: tlog-verify -p POLICY-FILE [--leaf-hash HEX] [--max-age SECONDS] [--strict]
                   PROOF-FILE < ENTRY
       tlog-verify --checkpoint -p POLICY-FILE [--max-age SECONDS] [--strict]
                   CHECKPOINT-FILE

Verify a C2SP tlog-proof (c2sp.org/tlog-proof@v1) of an entry, or with
--checkpoint a cosigned C2SP checkpoint on its own, under a C2SP tlog-policy.

  -p, --policy POLICY-FILE    tlog-policy file: log and witness vkeys, groups,
                              quorum
      --leaf-hash HEX         the leaf hash, 64 hex digits; stdin is not read.
                              By default the leaf hash is the RFC 6962 hash of
                              the entry read on stdin, SHA-256(0x00 || ENTRY)
      --checkpoint            verify CHECKPOINT-FILE, a cosigned checkpoint note,
                              and print its origin, tree size, root hash,
                              quorum and median timestamps and the witnesses
                              whose cosignatures verified (stdin is not read)
      --max-age SECONDS       also require the quorum's cosignature timestamp to be
                              at most SECONDS old (and at most 300 s in the future)
      --strict                reject a checkpoint with any invalid cosignature
                              from a policy witness (by default it only does
                              not count towards the quorum)
  -v, --version               show the version and exit
      --help                  show this help and exit

Options go before the file (or end with --). Exit status 0 if the proof or
checkpoint verifies, 1 on any failure, with one line on stderr naming the
failing step: read, parse policy, parse proof (parse checkpoint), log
signature, cosignatures, inclusion or freshness.
";

/// Parsed command line of a run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    /// `-p`.
    pub policy_file: PathBuf,
    /// `--leaf-hash`.
    pub leaf_hash: Option<Hash>,
    /// `--checkpoint`.
    pub checkpoint: bool,
    /// `--max-age`.
    pub max_age: Option<u64>,
    /// `--strict`.
    pub strict: bool,
    /// The proof or checkpoint file.
    pub file: PathBuf,
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

/// Parse the arguments (without the program name).
///
/// Options are `-p FILE`, `-pFILE`, `--policy FILE`, `--policy=FILE`,
/// `--leaf-hash HEX`, `--max-age SECONDS` (either form),
/// `--checkpoint`, `--strict`, `-v`/`--version` and `--help`. They end at
/// the first operand or at `--`; exactly one operand (the file) must
/// follow. `--help`, then `--version`, win over any other error.
pub fn parse_args<I: IntoIterator<Item = OsString>>(args: I) -> Result<Command, String> {
    let mut help = false;
    let mut version = false;
    let mut error = None;
    let mut policy = None;
    let mut s = Settings::default();
    let mut operands = Vec::new();
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        if arg == "--" {
            operands.extend(it.by_ref());
            break;
        }
        if arg == "-" || !arg.as_encoded_bytes().starts_with(b"-") {
            operands.push(arg);
            operands.extend(it.by_ref());
            break;
        }
        let Some(arg) = arg.to_str().map(str::to_string) else {
            error.get_or_insert(format!("argument is not valid UTF-8: {arg:?}"));
            continue;
        };
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ if arg.starts_with("-p") && arg.len() > 2 => {
                ("-p".to_string(), Some(arg[2..].to_string()))
            }
            _ => (arg.clone(), None),
        };
        let mut value = |what: &str| {
            inline
                .clone()
                .or_else(|| it.next().and_then(|v| v.into_string().ok()))
                .ok_or(format!("option {what} needs a value"))
        };
        let flag = |what: &str| match &inline {
            None => Ok(true),
            Some(_) => Err(format!("option {what} takes no value")),
        };
        let r = match name.as_str() {
            "--help" => flag("--help").map(|b| help = b),
            "-v" | "--version" => flag("--version").map(|b| version = b),
            "--checkpoint" => flag("--checkpoint").map(|b| s.checkpoint = b),
            "--strict" => flag("--strict").map(|b| s.strict = b),
            "-p" | "--policy" => value(&name).map(|v| policy = Some(PathBuf::from(v))),
            "--max-age" => value(&name)
                .and_then(|v| parse_max_age(&v))
                .map(|n| s.max_age = Some(n)),
            "--leaf-hash" => value(&name).and_then(|v| {
                let h = Hash::from_hex(v.as_bytes())
                    .map_err(|e| format!("--leaf-hash {v:?}: not 64 hex digits ({e})"))?;
                s.leaf_hash = Some(h);
                Ok(())
            }),
            _ => Err(format!("unknown option {name}")),
        };
        if let Err(e) = r {
            error.get_or_insert(e);
        }
    }
    if help {
        return Ok(Command::Help);
    }
    if version {
        return Ok(Command::Version);
    }
    if let Some(e) = error {
        return Err(e);
    }
    s.policy_file = policy.ok_or("no tlog-policy file given (-p)")?;
    if s.checkpoint && s.leaf_hash.is_some() {
        return Err("--leaf-hash is for proofs, not with --checkpoint".into());
    }
    let what = if s.checkpoint { "checkpoint" } else { "proof" };
    s.file = match operands.as_slice() {
        [file] => PathBuf::from(file),
        [] => return Err(format!("no {what} file given on the command line")),
        [_, extra, ..] => {
            return Err(format!(
                "unexpected argument after the {what} file: {extra:?}"
            ))
        }
    };
    Ok(Command::Run(s))
}

/// `true` if the run needs the entry on stdin (a proof without
/// `--leaf-hash`).
pub fn reads_stdin(s: &Settings) -> bool {
    !s.checkpoint && s.leaf_hash.is_none()
}

fn read_file(path: &Path, what: &str) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("read: {what} {}: {e}", path.display()))
}

/// The step of a verification failure and its one line.
fn failure(e: &TlogError, what: &str) -> String {
    let step = match e {
        TlogError::Proof(_) => "parse proof",
        TlogError::Checkpoint(_) | TlogError::CheckpointTooLarge => {
            if what == "proof" {
                "parse proof"
            } else {
                "parse checkpoint"
            }
        }
        TlogError::UnknownOrigin
        | TlogError::NoLogSignature
        | TlogError::BadLogSignature { .. } => "log signature",
        TlogError::Inclusion(_) => "inclusion",
        // DuplicateCosignature, BadCosignature, QuorumNotMet, and future
        // variants.
        _ => "cosignatures",
    };
    format!("{step}: {e}")
}

/// What a verified run reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// The lines to print on stdout (empty for a proof).
    pub stdout: String,
}

/// A whole run: read the policy and the file (and the entry, given as
/// `stdin`, when [`reads_stdin`]), verify, check the age. The error is
/// the one line to print.
pub fn run(s: &Settings, stdin: &[u8], now: u64) -> Result<Report, String> {
    let policy_text = read_file(&s.policy_file, "policy")?;
    let input = read_file(&s.file, if s.checkpoint { "checkpoint" } else { "proof" })?;
    let policy = TlogPolicy::parse(&policy_text)
        .map_err(|e| format!("parse policy: {}: {e}", s.policy_file.display()))?;
    let options = TlogOptions {
        reject_invalid_cosignatures: s.strict,
    };
    let (checkpoint, stdout) = if s.checkpoint {
        let c = verify_tlog_checkpoint(&input, &policy, &DefaultBackend, &options)
            .map_err(|e| failure(&e, "checkpoint"))?;
        let out = describe(&c, &policy);
        (c, out)
    } else {
        let proof = TlogProof::parse(&input).map_err(|e| format!("parse proof: {e}"))?;
        let leaf = s.leaf_hash.unwrap_or_else(|| hash_leaf(stdin));
        let v = proof
            .verify(&leaf, &policy, &DefaultBackend, &options)
            .map_err(|e| failure(&e, "proof"))?;
        (v.checkpoint, String::new())
    };
    if let Some(max_age) = s.max_age {
        checkpoint
            .check_freshness(&freshness(now, max_age))
            .map_err(|e| format!("freshness: {e}"))?;
    }
    Ok(Report { stdout })
}

/// The `--checkpoint` output: one `key value` line each.
fn describe(c: &CosignedCheckpoint<'_>, policy: &TlogPolicy<'_>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "origin {}", c.origin);
    let _ = writeln!(out, "tree_size {}", c.tree_head.size);
    let _ = writeln!(out, "root_hash {}", c.tree_head.root_hash);
    let time = |t: Option<u64>| t.map_or("none".to_string(), |t| t.to_string());
    let _ = writeln!(out, "quorum_timestamp {}", time(c.quorum_time.timestamp()));
    let _ = writeln!(out, "median_timestamp {}", time(c.median_timestamp()));
    for w in policy.witnesses() {
        if let Some(t) = c.timestamp(w.index) {
            let name = String::from_utf8_lossy(w.name);
            let _ = writeln!(out, "witness {name} {} {t}", w.key.name);
        }
    }
    out
}

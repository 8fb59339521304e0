//! `sigsum-verify-batch`: verify every `NAME.proof` under a directory,
//! beside its file `NAME`, in parallel, with one prepared policy and a
//! cache of verified tree heads per thread.

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use sigsum_core::{
    sha256, BatchVerifier, DefaultBackend, LargeTextPolicy, Policy, PolicyKeys, PreparedPolicy,
    Proof, PublicKey, TrustPolicy,
};

use crate::verify::{load_keys, select_policy, PolicySource, Settings};

/// The usage text.
pub const USAGE: &str = "\
Usage: sigsum-verify-batch -k KEY-FILE... (-p POLICY-FILE | -P NAME) [-j THREADS] DIR

Verify every NAME.proof under DIR (recursively) for the file NAME beside
it: the message is the SHA-256 of NAME, as sigsum-verify reads it from
standard input. Prints one line per failure (the proof file and why) and a
summary line. Exit status 0 only if at least one proof was found and all
verified.

  -k, --key FILE            submitter public keys (OpenSSH key file; repeat
                            for more files)
  -p, --policy FILE         trust policy file
  -P, --named-policy NAME   named policy (installed in $SIGSUM_POLICY_DIR or
                            builtin); without -p or -P the key files'
                            sigsum-policy name is used
  -j, --threads N           worker threads (default: all cores)
  -h, --help                this text
  -v, --version             the version

A NAME.proof without a file NAME beside it is a failure. Symbolic links to
directories are not followed.
";

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    /// Verify the proofs under `dir`.
    Run {
        /// Keys and policy, as sigsum-verify takes them.
        settings: Settings,
        /// The directory.
        dir: PathBuf,
        /// Worker threads (`None`: all cores).
        threads: Option<usize>,
    },
    /// `--help`.
    Help,
    /// `--version`.
    Version,
}

/// Parse the arguments (without the program name).
pub fn parse_args<I: IntoIterator<Item = OsString>>(args: I) -> Result<Command, String> {
    let mut settings = Settings::default();
    let mut threads = None;
    let mut dir: Option<PathBuf> = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let text = arg.to_string_lossy().into_owned();
        let (name, inline) = match text.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(OsString::from(v))),
            _ => (text.clone(), None),
        };
        let mut value = |what: &str| -> Result<OsString, String> {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or(format!("{what} needs a value"))
        };
        match name.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "-v" | "--version" => return Ok(Command::Version),
            "-k" | "--key" => settings.key_files.push(value(&name)?.into()),
            "-p" | "--policy" => settings.policy_file = Some(value(&name)?.into()),
            "-P" | "--named-policy" => {
                let v = value(&name)?;
                settings.policy_name = Some(
                    v.into_string()
                        .map_err(|_| "-P: the policy name is not UTF-8".to_string())?,
                );
            }
            "-j" | "--threads" => {
                let v = value(&name)?;
                let n = v
                    .to_str()
                    .and_then(|s| s.parse::<usize>().ok())
                    .filter(|n| *n > 0)
                    .ok_or(format!("{name}: not a positive number"))?;
                threads = Some(n);
            }
            _ if text.starts_with('-') && text != "-" => {
                return Err(format!("unknown option {text}"))
            }
            _ => {
                if dir.is_some() {
                    return Err("more than one directory".into());
                }
                dir = Some(arg.into());
            }
        }
    }
    if settings.key_files.is_empty() {
        return Err("no key file: give -k".into());
    }
    let dir = dir.ok_or("no directory given")?;
    Ok(Command::Run {
        settings,
        dir,
        threads,
    })
}

/// Every `NAME.proof` under `dir`, sorted; symbolic links to directories
/// are not followed.
pub fn find_proofs(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        let entries =
            std::fs::read_dir(&d).map_err(|e| format!("reading directory {}: {e}", d.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("reading directory {}: {e}", d.display()))?;
            let path = entry.path();
            let kind = entry
                .file_type()
                .map_err(|e| format!("reading {}: {e}", path.display()))?;
            if kind.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "proof") {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The outcome of a run: the failures (proof file, why), in file order,
/// and how many proofs there were.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Proofs found.
    pub proofs: usize,
    /// `(proof file, reason)` for each proof that did not verify.
    pub failures: Vec<(PathBuf, String)>,
    /// Proofs whose tree head came from a thread's cache.
    pub cached_tree_heads: usize,
}

/// Prepared-key slots: 255 logs, 255 witnesses and the signer keys of up
/// to two full key files.
const KEY_SLOTS: usize = 1024;
/// Verified tree heads remembered per thread.
const CACHE: usize = 8;

/// Verify `proofs` with `threads` workers under the keys and policy of
/// `settings` (`progress`: print a counter on standard error).
pub fn run(
    settings: &Settings,
    proofs: &[PathBuf],
    threads: usize,
    policy_dir: Option<&Path>,
    progress: bool,
) -> Result<Outcome, String> {
    let want_policy = settings.policy_file.is_none() && settings.policy_name.is_none();
    let (keys, name_from_keys) = load_keys(&settings.key_files, want_policy)?;
    let source = select_policy(settings, name_from_keys.as_deref(), policy_dir)?;
    match &source {
        PolicySource::Text(path, text) => {
            let policy = LargeTextPolicy::parse(text)
                .map(Box::new)
                .map_err(|e| format!("reading policy {}: {e}", path.display()))?;
            run_with(&*policy, &keys, proofs, threads, progress)
        }
        PolicySource::Builtin(name) => {
            let policy = Policy::builtin(name).map_err(|e| format!("policy {name:?}: {e}"))?;
            run_with(&policy, &keys, proofs, threads, progress)
        }
    }
}

fn run_with<P: TrustPolicy + PolicyKeys + Sync>(
    policy: &P,
    keys: &[PublicKey],
    proofs: &[PathBuf],
    threads: usize,
    progress: bool,
) -> Result<Outcome, String> {
    let prepared = Box::new(
        PreparedPolicy::<_, _, KEY_SLOTS>::new(policy, keys, DefaultBackend)
            .map_err(|e| e.to_string())?,
    );
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let hits = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            scope.spawn(|| {
                let mut batch = BatchVerifier::<_, _, KEY_SLOTS, CACHE>::new(&prepared);
                while let Some(path) = proofs.get(next.fetch_add(1, Ordering::Relaxed)) {
                    if let Err(why) = verify_one(&mut batch, path) {
                        if let Ok(mut f) = failures.lock() {
                            f.push((path.clone(), why));
                        }
                    }
                    done.fetch_add(1, Ordering::Relaxed);
                }
                hits.fetch_add(batch.hits(), Ordering::Relaxed);
            });
        }
        if progress {
            scope.spawn(|| show_progress(&done, proofs.len()));
        }
    });
    let mut failures = failures.into_inner().map_err(|_| "a worker failed")?;
    failures.sort();
    Ok(Outcome {
        proofs: proofs.len(),
        failures,
        cached_tree_heads: hits.into_inner(),
    })
}

/// `done/total` on standard error, redrawn until all are done.
fn show_progress(done: &AtomicUsize, total: usize) {
    let mut err = std::io::stderr();
    loop {
        let n = done.load(Ordering::Relaxed);
        let _ = write!(err, "\r{n}/{total} proofs");
        let _ = err.flush();
        if n >= total {
            let _ = writeln!(err);
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Verify one proof file; the error is the reason to print.
fn verify_one<P: TrustPolicy + PolicyKeys, const N: usize, const C: usize>(
    batch: &mut BatchVerifier<'_, '_, P, DefaultBackend, N, C>,
    proof_path: &Path,
) -> Result<(), String> {
    let data_path = proof_path.with_extension("");
    let data = std::fs::read(&data_path)
        .map_err(|e| format!("reading the file {}: {e}", data_path.display()))?;
    let text = std::fs::read(proof_path).map_err(|e| format!("reading the proof: {e}"))?;
    let proof = Proof::parse(&text).map_err(|e| format!("invalid proof: {e}"))?;
    batch
        .verify(&sha256(&data), &proof)
        .map(|_| ())
        .map_err(|e| format!("proof failed to verify: {e}"))
}

/// Whether to show progress: standard error is a terminal.
pub fn progress_wanted() -> bool {
    std::io::stderr().is_terminal()
}

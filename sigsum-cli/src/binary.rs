//! Helpers of `sigsum-verify-binary` and `sigsum-convert-proof`: the
//! binary proof formats (spic, TKey) on the command line. The message is
//! read as `sigsum-verify` reads it ([`crate::verify::read_message`]).

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use sigsum_core::{
    parse_ssh_key, spic_policy_from_compiled, spic_policy_from_text, verify_spic, verify_tkey,
    write_spic_policy, write_spic_proof, write_tkey_policy, write_tkey_proof, BinaryVerified,
    CompiledPolicy, DefaultBackend, LargeTextPolicy, Proof, PublicKey, SpicPolicy, SpicProof,
    TkeyPolicy, TkeyProof, TrustPolicy, MAX_COMPILED_LEN, MAX_SPIC_POLICY_LEN, MAX_SPIC_PROOF_LEN,
    MAX_TKEY_POLICY_LEN, MAX_TKEY_PROOF_LEN,
};

use crate::verify::read_message;

/// The binary formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// florolf's spic proof and policy.
    Spic,
    /// The TKey sign-if-logged proof and policy blob.
    Tkey,
}

impl Format {
    /// `spic` or `tkey`.
    pub fn parse(s: &str) -> Result<Format, String> {
        match s {
            "spic" => Ok(Format::Spic),
            "tkey" => Ok(Format::Tkey),
            _ => Err(format!("unknown format {s:?} (spic or tkey)")),
        }
    }
}

/// Usage text of `sigsum-verify-binary --help`.
pub const VERIFY_USAGE: &str = "\
Usage: sigsum-verify-binary --format spic|tkey -p POLICY-BLOB [-k KEY-FILE]
                            [--raw-hash] PROOF-FILE < INPUT

Verify a binary Sigsum proof: a spic proof under a spic policy, or a TKey
sign-if-logged proof under a TKey policy blob. The message is read on stdin.

  -f, --format spic|tkey      the proof and policy format
  -p, --policy POLICY-BLOB    the binary policy (spic policy, or TKey policy
                              blob: submitter keys + compiled policy)
  -k, --key KEY-FILE          spic only (required): the submitter keys, one per
                              line, as OpenSSH lines or 64 hex digits; their
                              order gives spic's key indexes. TKey policy blobs
                              hold the submitter keys.
      --raw-hash              INPUT is the message itself: 32 raw bytes, or 64
                              hex digits (surrounding white space ignored); by
                              default the message is SHA-256(INPUT)
  -V, --version               show the version and exit
  -h, --help                  show this help and exit

Exit status 0 if the proof verifies, 1 on any failure (one line on stderr
names the failing step), 2 on a usage error.
";

/// A parsed `sigsum-verify-binary` command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifySettings {
    /// `--format`.
    pub format: Format,
    /// `-p`.
    pub policy: PathBuf,
    /// `-k`.
    pub key_file: Option<PathBuf>,
    /// `--raw-hash`.
    pub raw_hash: bool,
    /// The proof file.
    pub proof: PathBuf,
}

/// What a command line asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command<T> {
    /// Run with these settings.
    Run(T),
    /// `--help`.
    Help,
    /// `--version`.
    Version,
}

/// Called with each option's name and value.
type OnOption<'a> = dyn FnMut(&str, Option<OsString>) -> Result<(), String> + 'a;

/// The proof-file operand: none, one, or an error for an extra argument.
type Operand = Option<Result<PathBuf, String>>;

/// A small option reader: `-x VALUE`, `--long VALUE`, `--long=VALUE`,
/// flags, `--` and the first operand end the options (an argument after
/// the operand is an error). Calls `option(name, value)` for each option.
fn read_options(
    args: impl IntoIterator<Item = OsString>,
    takes_value: &dyn Fn(&str) -> Option<bool>,
    option: &mut OnOption<'_>,
) -> Result<Operand, String> {
    let mut args = args.into_iter();
    let mut operand: Option<PathBuf> = None;
    let mut only_operands = false;
    while let Some(arg) = args.next() {
        let text = arg.to_string_lossy().into_owned();
        if let Some(first) = &operand {
            return Ok(Some(Err(format!(
                "unexpected argument after the proof file {}: {text:?}",
                first.display()
            ))));
        }
        if only_operands || !text.starts_with('-') || text == "-" {
            operand = Some(arg.into());
            continue;
        }
        if text == "--" {
            only_operands = true;
            continue;
        }
        let (name, inline) = match text.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(OsString::from(v))),
            _ => (text.clone(), None),
        };
        match takes_value(&name) {
            None => return Err(format!("unknown option {text}")),
            Some(true) => {
                let value = inline
                    .or_else(|| args.next())
                    .ok_or(format!("option {name} needs a value"))?;
                option(&name, Some(value))?;
            }
            Some(false) => {
                if inline.is_some() {
                    return Err(format!("option {name} takes no value"));
                }
                option(&name, None)?;
            }
        }
    }
    Ok(operand.map(Ok))
}

/// Parse the arguments of `sigsum-verify-binary` (without the program
/// name). `--help` and `--version` win over usage errors found later.
pub fn parse_verify_args<I: IntoIterator<Item = OsString>>(
    args: I,
) -> Result<Command<VerifySettings>, String> {
    let (mut format, mut policy, mut key_file, mut raw_hash) = (None, None, None, false);
    let (mut help, mut version) = (false, false);
    let takes_value = |name: &str| match name {
        "-f" | "--format" | "-p" | "--policy" | "-k" | "--key" => Some(true),
        "--raw-hash" | "-h" | "--help" | "-V" | "--version" => Some(false),
        _ => None,
    };
    let operand = read_options(args, &takes_value, &mut |name, value| {
        let value = value.unwrap_or_default();
        match name {
            "-f" | "--format" => format = Some(Format::parse(&value.to_string_lossy())?),
            "-p" | "--policy" => policy = Some(PathBuf::from(value)),
            "-k" | "--key" => key_file = Some(PathBuf::from(value)),
            "--raw-hash" => raw_hash = true,
            "-h" | "--help" => help = true,
            _ => version = true,
        }
        Ok(())
    });
    if help {
        return Ok(Command::Help);
    }
    if version {
        return Ok(Command::Version);
    }
    let proof = operand?.ok_or("no proof file given on the command line")??;
    let format = format.ok_or("no format given (--format spic|tkey)")?;
    let policy = policy.ok_or("no policy given (-p POLICY-BLOB)")?;
    match (format, &key_file) {
        (Format::Spic, None) => return Err("spic needs the submitter keys (-k KEY-FILE)".into()),
        (Format::Tkey, Some(_)) => {
            return Err("tkey policy blobs hold the submitter keys: no -k".into())
        }
        _ => {}
    }
    Ok(Command::Run(VerifySettings {
        format,
        policy,
        key_file,
        raw_hash,
        proof,
    }))
}

fn read_file(path: &Path, what: &str) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("reading {what} {}: {e}", path.display()))
}

/// Submitter keys for spic, in file order (the order gives the key
/// indexes): one per line, an OpenSSH public key line or 64 hex digits.
/// Empty lines and lines starting with `#` are skipped.
pub fn parse_key_list(text: &[u8]) -> Result<Vec<PublicKey>, String> {
    let mut keys = Vec::new();
    for (i, line) in text.split(|b| *b == b'\n').enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let trimmed = line.trim_ascii();
        if trimmed.is_empty() || trimmed.starts_with(b"#") {
            continue;
        }
        let key = if trimmed.len() == 64 && trimmed.iter().all(u8::is_ascii_hexdigit) {
            PublicKey::from_hex(trimmed).map_err(|e| format!("line {}: {e}", i + 1))?
        } else {
            parse_ssh_key(trimmed)
                .map_err(|e| format!("line {}: {e}", i + 1))?
                .key
        };
        keys.push(key);
    }
    if keys.is_empty() {
        return Err("no key".into());
    }
    Ok(keys)
}

/// Run a verification: the result, or the one-line message naming the
/// failing step.
pub fn run_verify(settings: &VerifySettings, input: &[u8]) -> Result<BinaryVerified, String> {
    let message = read_message(input, settings.raw_hash)?;
    let policy_bytes = read_file(&settings.policy, "policy")?;
    let proof_bytes = read_file(&settings.proof, "proof")?;
    let step = |e: sigsum_core::BinaryVerifyError| e.to_string();
    match settings.format {
        Format::Spic => {
            let path = settings.key_file.as_deref().ok_or("no key file")?;
            let keys = parse_key_list(&read_file(path, "key file")?)
                .map_err(|e| format!("reading key file {}: {e}", path.display()))?;
            let policy = SpicPolicy::from_bytes(&policy_bytes)
                .map_err(|e| format!("malformed spic policy: {e}"))?;
            let proof =
                SpicProof::parse(&proof_bytes).map_err(|e| format!("malformed spic proof: {e}"))?;
            verify_spic(&message, &keys, &policy, &proof, &DefaultBackend).map_err(step)
        }
        Format::Tkey => {
            let policy = TkeyPolicy::from_bytes(&policy_bytes)
                .map_err(|e| format!("malformed TKey policy blob: {e}"))?;
            let proof =
                TkeyProof::parse(&proof_bytes).map_err(|e| format!("malformed TKey proof: {e}"))?;
            verify_tkey(&message, &policy, &proof, &DefaultBackend).map_err(step)
        }
    }
}

/// A Sigsum policy read for conversion: text, or a compiled blob (it
/// starts with the version byte 0, which no text policy does).
pub enum SourcePolicy {
    /// A text policy (its bytes).
    Text(Vec<u8>),
    /// A compiled policy blob.
    Compiled(Vec<u8>),
}

impl SourcePolicy {
    /// Classify the bytes of a policy file.
    pub fn from_bytes(bytes: Vec<u8>) -> SourcePolicy {
        if bytes.first() == Some(&0) {
            SourcePolicy::Compiled(bytes)
        } else {
            SourcePolicy::Text(bytes)
        }
    }

    /// Run `f` on the policy as a [`TrustPolicy`].
    pub fn with_policy<R>(&self, f: impl FnOnce(&dyn TrustPolicy) -> R) -> Result<R, String> {
        match self {
            SourcePolicy::Text(t) => {
                let p = Box::new(LargeTextPolicy::parse(t).map_err(|e| e.to_string())?);
                Ok(f(&*p))
            }
            SourcePolicy::Compiled(b) => {
                let p = CompiledPolicy::from_bytes(b).map_err(|e| e.to_string())?;
                Ok(f(&p))
            }
        }
    }

    /// The canonical compiled form (text policies are compiled).
    pub fn compiled(&self) -> Result<Vec<u8>, String> {
        match self {
            SourcePolicy::Compiled(b) => {
                CompiledPolicy::from_bytes(b).map_err(|e| e.to_string())?;
                Ok(b.clone())
            }
            SourcePolicy::Text(t) => {
                let p = Box::new(LargeTextPolicy::parse(t).map_err(|e| e.to_string())?);
                let mut out = vec![0u8; MAX_COMPILED_LEN];
                let n = p
                    .compile(&mut out)
                    .map_err(|e| e.to_string())?
                    .as_bytes()
                    .len();
                out.truncate(n);
                Ok(out)
            }
        }
    }

    /// The spic policy bytes: from text as spic's compiler orders the
    /// witnesses (the syntax decides), or with `canonical` (and always for
    /// a compiled blob) through the canonical compiled form.
    pub fn spic(&self, canonical: bool) -> Result<Vec<u8>, String> {
        let draft = match self {
            SourcePolicy::Text(t) if !canonical => {
                let p = Box::new(LargeTextPolicy::parse(t).map_err(|e| e.to_string())?);
                spic_policy_from_text(&p, t).map_err(|e| e.to_string())?
            }
            _ => {
                let blob = self.compiled()?;
                let p = CompiledPolicy::from_bytes(&blob).map_err(|e| e.to_string())?;
                spic_policy_from_compiled(&p).map_err(|e| e.to_string())?
            }
        };
        let mut out = vec![0u8; MAX_SPIC_POLICY_LEN];
        let n = write_spic_policy(&draft, &mut out).map_err(|e| e.to_string())?;
        out.truncate(n);
        Ok(out)
    }

    /// The TKey policy blob with `keys`.
    pub fn tkey(&self, keys: &[PublicKey]) -> Result<Vec<u8>, String> {
        let blob = self.compiled()?;
        let p = CompiledPolicy::from_bytes(&blob).map_err(|e| e.to_string())?;
        let mut out = vec![0u8; MAX_TKEY_POLICY_LEN];
        let n = write_tkey_policy(keys, &p, &mut out).map_err(|e| e.to_string())?;
        out.truncate(n);
        Ok(out)
    }
}

/// Usage text of `sigsum-convert-proof --help`.
pub const CONVERT_USAGE: &str = "\
Usage: sigsum-convert-proof --format spic|tkey -p POLICY [-k KEY-FILE]
                            [--canonical] [-o OUTPUT] PROOF-FILE

Convert a Sigsum ASCII proof (version 1 or 2) into a binary proof.

  -f, --format spic|tkey      the output format
  -p, --policy POLICY         the Sigsum policy (text, or compiled blob):
                              spic proofs are compiled against the spic form
                              of this policy (as sigsum-compile-policy
                              --format spic[-canonical] writes it); for tkey
                              it is optional and drops the cosignatures of
                              witnesses it does not name
  -k, --key KEY-FILE          spic only (required): the submitter keys, in the
                              order of the verifier's key file (one per line,
                              OpenSSH or 64 hex digits)
      --canonical             spic: use the canonical witness order (through
                              the compiled policy) instead of spic's compiler
                              order, which follows the policy's syntax
  -o, --output OUTPUT         write there (default: standard output)
  -V, --version               show the version and exit
  -h, --help                  show this help and exit

For spic, cosignatures of unknown witnesses and invalid cosignatures are
dropped, and the first smallest set that satisfies the quorum is kept (as
spic's compiler does). Exit status 0 on success, 1 on failure, 2 on a usage
error.
";

/// A parsed `sigsum-convert-proof` command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConvertSettings {
    /// `--format`.
    pub format: Format,
    /// `-p`.
    pub policy: Option<PathBuf>,
    /// `-k`.
    pub key_file: Option<PathBuf>,
    /// `--canonical`.
    pub canonical: bool,
    /// `-o`.
    pub output: Option<PathBuf>,
    /// The ASCII proof.
    pub proof: PathBuf,
}

/// Parse the arguments of `sigsum-convert-proof`.
pub fn parse_convert_args<I: IntoIterator<Item = OsString>>(
    args: I,
) -> Result<Command<ConvertSettings>, String> {
    let (mut format, mut policy, mut key_file, mut canonical, mut output) =
        (None, None, None, false, None);
    let (mut help, mut version) = (false, false);
    let takes_value = |name: &str| match name {
        "-f" | "--format" | "-p" | "--policy" | "-k" | "--key" | "-o" | "--output" => Some(true),
        "--canonical" | "-h" | "--help" | "-V" | "--version" => Some(false),
        _ => None,
    };
    let operand = read_options(args, &takes_value, &mut |name, value| {
        let value = value.unwrap_or_default();
        match name {
            "-f" | "--format" => format = Some(Format::parse(&value.to_string_lossy())?),
            "-p" | "--policy" => policy = Some(PathBuf::from(value)),
            "-k" | "--key" => key_file = Some(PathBuf::from(value)),
            "-o" | "--output" => output = Some(PathBuf::from(value)),
            "--canonical" => canonical = true,
            "-h" | "--help" => help = true,
            _ => version = true,
        }
        Ok(())
    });
    if help {
        return Ok(Command::Help);
    }
    if version {
        return Ok(Command::Version);
    }
    let proof = operand?.ok_or("no proof file given on the command line")??;
    let format = format.ok_or("no format given (--format spic|tkey)")?;
    if format == Format::Spic && (policy.is_none() || key_file.is_none()) {
        return Err("spic needs the policy (-p) and the submitter keys (-k)".into());
    }
    if format == Format::Tkey && (key_file.is_some() || canonical) {
        return Err("-k and --canonical are for spic only".into());
    }
    Ok(Command::Run(ConvertSettings {
        format,
        policy,
        key_file,
        canonical,
        output,
        proof,
    }))
}

/// Convert: the binary proof bytes.
pub fn run_convert(settings: &ConvertSettings) -> Result<Vec<u8>, String> {
    let text = read_file(&settings.proof, "proof")?;
    let proof = Proof::parse(&text).map_err(|e| format!("malformed proof: {e}"))?;
    let policy = match &settings.policy {
        Some(path) => Some(SourcePolicy::from_bytes(read_file(path, "policy")?)),
        None => None,
    };
    let label = |e: String| {
        let path = settings.policy.as_deref().unwrap_or(Path::new("-"));
        format!("policy {}: {e}", path.display())
    };
    match settings.format {
        Format::Spic => {
            let policy = policy.ok_or("no policy")?;
            let path = settings.key_file.as_deref().ok_or("no key file")?;
            let keys = parse_key_list(&read_file(path, "key file")?)
                .map_err(|e| format!("reading key file {}: {e}", path.display()))?;
            let spic_bytes = policy.spic(settings.canonical).map_err(label)?;
            let spic = SpicPolicy::from_bytes(&spic_bytes).map_err(|e| label(e.to_string()))?;
            let mut out = vec![0u8; MAX_SPIC_PROOF_LEN];
            let n = write_spic_proof(&proof, &spic, &keys, &DefaultBackend, &mut out)
                .map_err(|e| e.to_string())?;
            out.truncate(n);
            Ok(out)
        }
        Format::Tkey => {
            let mut out = vec![0u8; MAX_TKEY_PROOF_LEN];
            let n = match &policy {
                Some(p) => p
                    .with_policy(|tp| write_tkey_proof(&proof, Some(tp), &mut out))
                    .map_err(label)?,
                None => write_tkey_proof(&proof, None, &mut out),
            }
            .map_err(|e| e.to_string())?;
            out.truncate(n);
            Ok(out)
        }
    }
}

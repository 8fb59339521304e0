//! sigsum-compile-policy: compile a Sigsum trust policy into the canonical
//! compiled blob (sigsum-c / TKey format), or print its policy hash.

use std::io::{Read, Write};
use std::process::ExitCode;

use sigsum_cli::binary::{parse_key_list, SourcePolicy};
use sigsum_core::{check_policy_name, sha256, Builtin, LargeTextPolicy, MAX_COMPILED_LEN};

const USAGE: &str = "\
Usage: sigsum-compile-policy (-p FILE | -P NAME) [--format FORMAT [-k KEY-FILE]]
                             (-o FILE | --hex | --hash)

Compile a Sigsum trust policy into its canonical compiled form, or into a
binary policy for devices.

Input (exactly one):
  -p, --policy FILE        policy file ('-' for standard input)
  -P, --named-policy NAME  named policy: $SIGSUM_POLICY_DIR/NAME.sigsum-policy
                           (default directory /etc/sigsum/policy) if it
                           exists, else the builtin policy NAME

Output (exactly one):
  -o, --output FILE        write the compiled bytes to FILE
      --hex                print the compiled bytes as lowercase hex
      --hash               print the policy hash (SHA-256 of the compiled
                           bytes, or of the binary policy) as lowercase hex

Format (default sigsum):
      --format sigsum      the canonical compiled policy (sigsum-c format)
      --format spic        a spic policy, witnesses in the order spic's
                           compiler gives them (it follows the policy text)
      --format spic-canonical
                           a spic policy through the canonical compiled
                           form (one form per meaning of the policy)
      --format tkey        a TKey sign-if-logged policy blob: the submitter
                           keys of -k KEY-FILE, then the compiled policy
  -k, --key KEY-FILE       tkey: submitter keys, one per line (OpenSSH lines
                           or 64 hex digits)

  -h, --help               print this help
  -V, --version            print the version

A policy with `quorum none` cannot be compiled to the sigsum or tkey
formats (they have no encoding for it); spic can encode it. Exit status: 0 success, 1 invalid policy or I/O error, 2 usage.
";

enum Input {
    File(String),
    Named(String),
}

enum Output {
    File(String),
    Hex,
    Hash,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Sigsum,
    Spic,
    SpicCanonical,
    Tkey,
}

struct Args {
    input: Input,
    output: Output,
    format: Format,
    key_file: Option<String>,
}

enum Parsed {
    Run(Args),
    Help,
    Version,
}

fn parse_args(args: &[String]) -> Result<Parsed, String> {
    let mut input: Option<Input> = None;
    let mut output: Option<Output> = None;
    let mut format = Format::Sigsum;
    let mut key_file: Option<String> = None;
    let mut it = args.iter();
    let set_input = |slot: &mut Option<Input>, v: Input| {
        if slot.is_some() {
            return Err("give exactly one of -p FILE and -P NAME".to_string());
        }
        *slot = Some(v);
        Ok(())
    };
    let set_output = |slot: &mut Option<Output>, v: Output| {
        if slot.is_some() {
            return Err("give exactly one of -o FILE, --hex and --hash".to_string());
        }
        *slot = Some(v);
        Ok(())
    };
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            match inline.clone() {
                Some(v) => Ok(v),
                None => it
                    .next()
                    .cloned()
                    .ok_or_else(|| format!("option {name} needs a value")),
            }
        };
        match flag {
            "-h" | "--help" => return Ok(Parsed::Help),
            "-V" | "--version" => return Ok(Parsed::Version),
            "-p" | "--policy" => set_input(&mut input, Input::File(value(flag)?))?,
            "-P" | "--named-policy" => set_input(&mut input, Input::Named(value(flag)?))?,
            "-o" | "--output" => set_output(&mut output, Output::File(value(flag)?))?,
            "--hex" => set_output(&mut output, Output::Hex)?,
            "--format" => {
                format = match value(flag)?.as_str() {
                    "sigsum" => Format::Sigsum,
                    "spic" => Format::Spic,
                    "spic-canonical" => Format::SpicCanonical,
                    "tkey" => Format::Tkey,
                    other => return Err(format!("unknown format {other:?}")),
                }
            }
            "-k" | "--key" => key_file = Some(value(flag)?),
            "--hash" => set_output(&mut output, Output::Hash)?,
            _ => return Err(format!("unknown argument {arg:?}")),
        }
        if inline.is_some() && matches!(flag, "--hex" | "--hash") {
            return Err(format!("option {flag} takes no value"));
        }
    }
    let input = input.ok_or("no policy given: use -p FILE or -P NAME")?;
    let output = output.ok_or("no output selected: use -o FILE, --hex or --hash")?;
    if (format == Format::Tkey) != key_file.is_some() {
        return Err("-k KEY-FILE goes with --format tkey (and only with it)".to_string());
    }
    Ok(Parsed::Run(Args {
        input,
        output,
        format,
        key_file,
    }))
}

/// Read the policy text; returns (text, label for messages).
fn read_input(input: &Input) -> Result<(Vec<u8>, String), String> {
    match input {
        Input::File(path) if path == "-" => {
            let mut text = Vec::new();
            std::io::stdin()
                .read_to_end(&mut text)
                .map_err(|e| format!("reading standard input: {e}"))?;
            Ok((text, "<stdin>".into()))
        }
        Input::File(path) => std::fs::read(path)
            .map(|t| (t, path.clone()))
            .map_err(|e| format!("{path}: {e}")),
        Input::Named(name) => {
            check_policy_name(name.as_bytes()).map_err(|e| format!("policy name {name:?}: {e}"))?;
            let dir = std::env::var("SIGSUM_POLICY_DIR")
                .ok()
                .filter(|d| !d.is_empty())
                .unwrap_or_else(|| "/etc/sigsum/policy".into());
            let path = format!("{dir}/{name}.sigsum-policy");
            match std::fs::read(&path) {
                Ok(text) => Ok((text, path)),
                Err(_) => Builtin::from_name(name)
                    .map(Builtin::text)
                    .map(|t| (t.to_vec(), format!("builtin policy {name}")))
                    .map_err(|e| format!("policy name {name:?}: {e} (and no {path})")),
            }
        }
    }
}

/// The binary policy of a non-sigsum `--format`.
fn binary_policy(args: &Args, text: Vec<u8>, label: &str) -> Result<Vec<u8>, String> {
    let source = SourcePolicy::Text(text);
    let bytes = match args.format {
        Format::Spic => source.spic(false),
        Format::SpicCanonical => source.spic(true),
        _ => {
            let path = args.key_file.as_deref().unwrap_or_default();
            let keys = std::fs::read(path)
                .map_err(|e| format!("{path}: {e}"))
                .and_then(|t| parse_key_list(&t).map_err(|e| format!("{path}: {e}")))?;
            source.tkey(&keys)
        }
    };
    bytes.map_err(|e| format!("{label}: {e}"))
}

fn run(args: &Args) -> Result<(), String> {
    let (text, label) = read_input(&args.input)?;
    if args.format != Format::Sigsum {
        let bytes = binary_policy(args, text, &label)?;
        let mut stdout = std::io::stdout().lock();
        match &args.output {
            Output::File(path) => {
                std::fs::write(path, &bytes).map_err(|e| format!("{path}: {e}"))?
            }
            Output::Hex => {
                let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
                writeln!(stdout, "{hex}").map_err(|e| e.to_string())?;
            }
            Output::Hash => {
                writeln!(stdout, "{}", sha256(&bytes)).map_err(|e| e.to_string())?;
            }
        }
        return stdout.flush().map_err(|e| e.to_string());
    }
    let policy = Box::new(LargeTextPolicy::parse(&text).map_err(|e| {
        // Quote the offending line (lossy, control characters escaped).
        let quoted = usize::try_from(e.line)
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| text.split(|b| *b == b'\n').nth(i))
            .map(|l| format!("\n  | {}", String::from_utf8_lossy(l).escape_debug()))
            .unwrap_or_default();
        format!("{label}: {e}{quoted}")
    })?);
    let mut stdout = std::io::stdout().lock();
    match &args.output {
        Output::Hash => {
            let hash = policy.policy_hash().map_err(|e| format!("{label}: {e}"))?;
            writeln!(stdout, "{hash}").map_err(|e| e.to_string())?;
        }
        Output::Hex | Output::File(_) => {
            let mut buf = vec![0u8; MAX_COMPILED_LEN];
            let compiled = policy
                .compile(&mut buf)
                .map_err(|e| format!("{label}: {e}"))?;
            let bytes = compiled.as_bytes();
            match &args.output {
                Output::File(path) => {
                    std::fs::write(path, bytes).map_err(|e| format!("{path}: {e}"))?
                }
                _ => {
                    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
                    writeln!(stdout, "{hex}").map_err(|e| e.to_string())?;
                }
            }
        }
    }
    stdout.flush().map_err(|e| e.to_string())
}

fn main() -> ExitCode {
    // args_os: std::env::args() panics on an argument that is not UTF-8.
    let args: Result<Vec<String>, String> = std::env::args_os()
        .skip(1)
        .map(|a| {
            a.into_string()
                .map_err(|a| format!("argument is not valid UTF-8: {a:?}"))
        })
        .collect();
    match args.and_then(|args| parse_args(&args)) {
        Ok(Parsed::Help) => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        Ok(Parsed::Version) => {
            println!("sigsum-compile-policy {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Ok(Parsed::Run(a)) => match run(&a) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("sigsum-compile-policy: {e}");
                ExitCode::from(1)
            }
        },
        Err(e) => {
            eprintln!("sigsum-compile-policy: {e}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

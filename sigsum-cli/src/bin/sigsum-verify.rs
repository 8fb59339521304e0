//! `sigsum-verify`: drop-in replacement for sigsum-go's tool of the same
//! name. See `sigsum-verify --help`.
use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use sigsum_cli::verify::{parse_args, run, Command, USAGE};

fn fail(msg: &str) -> ExitCode {
    eprintln!("sigsum-verify: {msg}");
    ExitCode::FAILURE
}

fn main() -> ExitCode {
    let settings = match parse_args(std::env::args_os().skip(1)) {
        Ok(Command::Run(s)) => s,
        Ok(Command::Help) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Ok(Command::Version) => {
            println!("sigsum-verify (sigsum-core) {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        Err(e) => return fail(&format!("{e} (see --help)")),
    };
    let mut stdin = vec![];
    if let Err(e) = std::io::stdin().read_to_end(&mut stdin) {
        return fail(&format!("reading message from stdin: {e}"));
    }
    let policy_dir = std::env::var_os("SIGSUM_POLICY_DIR").map(PathBuf::from);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    match run(&settings, &stdin, policy_dir.as_deref(), now) {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    }
}

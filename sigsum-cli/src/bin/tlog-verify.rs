//! `tlog-verify`: verify a C2SP tlog-proof of an entry, or a cosigned C2SP
//! checkpoint on its own, under a C2SP tlog-policy. See `tlog-verify
//! --help`.
use std::io::Read;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use sigsum_cli::tlog::{parse_args, reads_stdin, run, Command, USAGE};

fn fail(msg: &str) -> ExitCode {
    eprintln!("tlog-verify: {msg}");
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
            println!("tlog-verify (sigsum-core) {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        Err(e) => return fail(&format!("{e} (see --help)")),
    };
    let mut stdin = vec![];
    if reads_stdin(&settings) {
        if let Err(e) = std::io::stdin().read_to_end(&mut stdin) {
            return fail(&format!("read: entry from stdin: {e}"));
        }
    }
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    match run(&settings, &stdin, now) {
        Ok(r) => {
            print!("{}", r.stdout);
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e),
    }
}

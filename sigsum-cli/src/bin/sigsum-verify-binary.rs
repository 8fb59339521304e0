//! `sigsum-verify-binary`: verify a spic or TKey binary proof. See
//! `sigsum-verify-binary --help`.
use std::io::Read;
use std::process::ExitCode;

use sigsum_cli::binary::{parse_verify_args, run_verify, Command, VERIFY_USAGE};

fn main() -> ExitCode {
    let settings = match parse_verify_args(std::env::args_os().skip(1)) {
        Ok(Command::Run(s)) => s,
        Ok(Command::Help) => {
            print!("{VERIFY_USAGE}");
            return ExitCode::SUCCESS;
        }
        Ok(Command::Version) => {
            println!(
                "sigsum-verify-binary (sigsum-core) {}",
                env!("CARGO_PKG_VERSION")
            );
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("sigsum-verify-binary: {e} (see --help)");
            return ExitCode::from(2);
        }
    };
    let mut input = vec![];
    if let Err(e) = std::io::stdin().read_to_end(&mut input) {
        eprintln!("sigsum-verify-binary: reading message from stdin: {e}");
        return ExitCode::FAILURE;
    }
    match run_verify(&settings, &input) {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sigsum-verify-binary: {e}");
            ExitCode::FAILURE
        }
    }
}

//! `sigsum-convert-proof`: write a Sigsum ASCII proof as a spic or TKey
//! binary proof. See `sigsum-convert-proof --help`.
use std::io::Write;
use std::process::ExitCode;

use sigsum_cli::binary::{parse_convert_args, run_convert, Command, CONVERT_USAGE};

fn main() -> ExitCode {
    let settings = match parse_convert_args(std::env::args_os().skip(1)) {
        Ok(Command::Run(s)) => s,
        Ok(Command::Help) => {
            print!("{CONVERT_USAGE}");
            return ExitCode::SUCCESS;
        }
        Ok(Command::Version) => {
            println!(
                "sigsum-convert-proof (sigsum-core) {}",
                env!("CARGO_PKG_VERSION")
            );
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("sigsum-convert-proof: {e} (see --help)");
            return ExitCode::from(2);
        }
    };
    let result = run_convert(&settings).and_then(|bytes| match &settings.output {
        Some(path) => std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display())),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes)
                .and_then(|()| out.flush())
                .map_err(|e| format!("writing standard output: {e}"))
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sigsum-convert-proof: {e}");
            ExitCode::FAILURE
        }
    }
}

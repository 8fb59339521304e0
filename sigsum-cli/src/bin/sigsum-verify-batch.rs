//! `sigsum-verify-batch`: verify every `NAME.proof` under a directory for
//! the file `NAME` beside it, in parallel. See `sigsum-verify-batch --help`.
use std::path::PathBuf;
use std::process::ExitCode;

use sigsum_cli::batch::{find_proofs, parse_args, progress_wanted, run, Command, USAGE};

fn fail(msg: &str) -> ExitCode {
    eprintln!("sigsum-verify-batch: {msg}");
    ExitCode::FAILURE
}

fn main() -> ExitCode {
    let (settings, dir, threads) = match parse_args(std::env::args_os().skip(1)) {
        Ok(Command::Run {
            settings,
            dir,
            threads,
        }) => (settings, dir, threads),
        Ok(Command::Help) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Ok(Command::Version) => {
            println!(
                "sigsum-verify-batch (sigsum-core) {}",
                env!("CARGO_PKG_VERSION")
            );
            return ExitCode::SUCCESS;
        }
        Err(e) => return fail(&format!("{e} (see --help)")),
    };
    let proofs = match find_proofs(&dir) {
        Ok(p) => p,
        Err(e) => return fail(&e),
    };
    if proofs.is_empty() {
        return fail(&format!("no .proof files under {}", dir.display()));
    }
    let threads = threads.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let policy_dir = std::env::var_os("SIGSUM_POLICY_DIR").map(PathBuf::from);
    let outcome = match run(
        &settings,
        &proofs,
        threads,
        policy_dir.as_deref(),
        progress_wanted(),
    ) {
        Ok(o) => o,
        Err(e) => return fail(&e),
    };
    for (path, why) in &outcome.failures {
        println!("{}: {why}", path.display());
    }
    let failed = outcome.failures.len();
    println!(
        "{} proofs: {} verified, {failed} failed",
        outcome.proofs,
        outcome.proofs - failed
    );
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

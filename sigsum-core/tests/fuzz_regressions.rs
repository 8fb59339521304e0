//! Replays every committed fuzz seed (`fuzz/seeds/<target>/`) and every
//! crash regression (`fuzz/regressions/<target>/`) through the very entry
//! points the fuzz targets call (`fuzz/src/lib.rs`, included below), so an
//! ordinary `cargo test` catches a regression without cargo-fuzz.
#![cfg(feature = "parsers")]
use std::path::{Path, PathBuf};

#[path = "../../fuzz/src/lib.rs"]
mod fuzz_entry;
#[path = "proof_common/mod.rs"]
mod proof_common;

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz")
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut v: Vec<PathBuf> = rd
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.is_file() && !matches!(p.extension().and_then(|e| e.to_str()), Some("py" | "md"))
        })
        .collect();
    v.sort();
    v
}

/// Run `f` on every file of `dir`, naming the file that panics.
fn replay(target: &str, f: fn(&[u8]), dir: &Path) -> usize {
    let inputs = files(dir);
    for p in &inputs {
        let data = std::fs::read(p).unwrap();
        if std::panic::catch_unwind(|| f(&data)).is_err() {
            panic!("fuzz target {target} fails on {}", p.display());
        }
    }
    inputs.len()
}

#[test]
fn seeds_replay() {
    for &(name, f) in fuzz_entry::TARGETS {
        let n = replay(name, f, &fuzz_dir().join("seeds").join(name));
        assert!(n > 0, "target {name} has no committed seeds");
    }
}

#[test]
fn crash_regressions_replay() {
    let mut total = 0;
    for &(name, f) in fuzz_entry::TARGETS {
        total += replay(name, f, &fuzz_dir().join("regressions").join(name));
    }
    // Every directory under fuzz/regressions names a target.
    for dir in std::fs::read_dir(fuzz_dir().join("regressions")).unwrap() {
        let name = dir.unwrap().file_name();
        let name = name.to_str().unwrap();
        assert!(
            fuzz_entry::TARGETS.iter().any(|(t, _)| *t == name)
                || fuzz_entry::OTHER_TARGETS.contains(&name),
            "fuzz/regressions/{name} names no target"
        );
    }
    assert!(total > 0, "no regression replayed");
}

/// Every entry point has a fuzz target binary, and every binary an entry.
#[test]
fn targets_match_fuzz_binaries() {
    let mut bins: Vec<String> = files(&fuzz_dir().join("fuzz_targets"))
        .iter()
        .map(|p| p.file_stem().unwrap().to_str().unwrap().to_owned())
        .collect();
    bins.sort();
    let mut names: Vec<String> = fuzz_entry::TARGETS
        .iter()
        .map(|(n, _)| (*n).to_owned())
        .chain(fuzz_entry::OTHER_TARGETS.iter().map(|n| (*n).to_owned()))
        .collect();
    names.sort();
    assert_eq!(bins, names);
}

/// The regression found by fuzzing: an over-long digit prefix followed by a
/// non-digit is a syntax error, not a range error.
#[test]
fn decimal_syntax_is_reported_before_range() {
    use proof_common::parse_decimal;
    use sigsum_core::EncodingError;
    assert_eq!(
        parse_decimal(b"92233352036223335200933144430"),
        Err(EncodingError::DecimalRange)
    );
    assert_eq!(
        parse_decimal(b"922333520362233352009331444\x0030"),
        Err(EncodingError::DecimalSyntax)
    );
    assert_eq!(parse_decimal(b"01x"), Err(EncodingError::DecimalSyntax));
    assert_eq!(parse_decimal(b"01"), Err(EncodingError::DecimalLeadingZero));
}

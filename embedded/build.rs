//! Picks the linker script for the target (link/thumb.ld or link/riscv.ld).
use std::{env, fs, path::PathBuf};

/// The compiled form of `sigsum-test-2025-3` from the spec vectors, as
/// `OUT_DIR/sigsum-test-2025-3.compiled` for `verify-compiled`.
fn compiled_policy(out: &std::path::Path) {
    let vectors = "../tests/vectors/policy/compiled-policy-vectors.txt";
    println!("cargo:rerun-if-changed={vectors}");
    let text = fs::read_to_string(vectors).unwrap();
    let mut lines = text
        .lines()
        .skip_while(|l| *l != "vector builtin/sigsum-test-2025-3");
    let hex = lines
        .find_map(|l| l.strip_prefix("compiled "))
        .expect("compiled sigsum-test-2025-3 in the vectors");
    let bytes: Vec<u8> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect();
    fs::write(out.join("sigsum-test-2025-3.compiled"), bytes).unwrap();
}

fn main() {
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    compiled_policy(&out);
    let target = env::var("TARGET").unwrap_or_default();
    let script = if target.starts_with("thumb") {
        "link/thumb.ld"
    } else if target.starts_with("riscv32") {
        "link/riscv.ld"
    } else {
        return; // host `cargo check`: no runtime, nothing to link
    };
    fs::copy(script, out.join("sigsum-embedded.ld")).unwrap();
    println!("cargo:rustc-link-search={}", out.display());
    println!("cargo:rustc-link-arg-bins=-Tsigsum-embedded.ld");
    println!("cargo:rerun-if-changed=link");
}

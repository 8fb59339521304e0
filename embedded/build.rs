//! Picks the linker script for the target (link/thumb.ld or link/riscv.ld).
use std::{env, fs, path::PathBuf};

fn main() {
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
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

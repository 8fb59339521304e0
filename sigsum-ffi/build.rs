//! Sets the SONAME of `libsigsum.so` on ELF targets.
//!
//! Before 1.0 every minor release may break the ABI, so the SONAME carries
//! `MAJOR.MINOR` (`libsigsum.so.0.1`); from 1.0 on it is `libsigsum.so.MAJOR`.
//! The Makefile installs the library under the same names.

fn main() {
    let major = std::env::var("CARGO_PKG_VERSION_MAJOR").unwrap_or_default();
    let minor = std::env::var("CARGO_PKG_VERSION_MINOR").unwrap_or_default();
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let soname = if major == "0" {
        format!("libsigsum.so.0.{minor}")
    } else {
        format!("libsigsum.so.{major}")
    };
    if matches!(
        os.as_str(),
        "linux" | "android" | "freebsd" | "netbsd" | "openbsd"
    ) {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,{soname}");
    }
    println!("cargo:rerun-if-changed=build.rs");
}

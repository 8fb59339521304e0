//! Library version: header macros and runtime functions.

use core::ffi::c_char;

use crate::panic::ffi_call;

/// Major version of the libsigsum these headers belong to.
pub const SIGSUM_VERSION_MAJOR: u32 = 0;
/// Minor version of the libsigsum these headers belong to.
pub const SIGSUM_VERSION_MINOR: u32 = 1;
/// Patch version of the libsigsum these headers belong to.
pub const SIGSUM_VERSION_PATCH: u32 = 0;
/// The header version packed as `(MAJOR << 16) | (MINOR << 8) | PATCH`
/// (compare with `sigsum_version_number()` at run time).
pub const SIGSUM_VERSION_NUMBER: u32 =
    (SIGSUM_VERSION_MAJOR << 16) | (SIGSUM_VERSION_MINOR << 8) | SIGSUM_VERSION_PATCH;

/// Parse a small decimal at compile time (for the checks below).
#[allow(clippy::arithmetic_side_effects, clippy::indexing_slicing)]
const fn decimal(s: &str) -> u32 {
    let b = s.as_bytes();
    let mut i = 0;
    let mut v = 0u32;
    while i < b.len() {
        v = v * 10 + (b[i] - b'0') as u32;
        i += 1;
    }
    v
}

// The header macros must follow Cargo.toml: a version bump that forgets
// them (and the regenerated header) does not compile.
const _: () = {
    assert!(SIGSUM_VERSION_MAJOR == decimal(env!("CARGO_PKG_VERSION_MAJOR")));
    assert!(SIGSUM_VERSION_MINOR == decimal(env!("CARGO_PKG_VERSION_MINOR")));
    assert!(SIGSUM_VERSION_PATCH == decimal(env!("CARGO_PKG_VERSION_PATCH")));
    assert!(SIGSUM_VERSION_MINOR < 256 && SIGSUM_VERSION_PATCH < 256);
};

/// The version of the library actually linked, as a static NUL-terminated
/// string such as `"0.1.0"`. Never NULL; must not be freed.
///
/// # Safety
///
/// None.
#[no_mangle]
pub unsafe extern "C" fn sigsum_version_str() -> *const c_char {
    ffi_call(|| {
        const V: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");
        V.as_ptr().cast()
    })
}

/// The version of the library actually linked, packed as
/// `SIGSUM_VERSION_NUMBER` is.
///
/// # Safety
///
/// None.
#[no_mangle]
pub unsafe extern "C" fn sigsum_version_number() -> u32 {
    ffi_call(|| SIGSUM_VERSION_NUMBER)
}

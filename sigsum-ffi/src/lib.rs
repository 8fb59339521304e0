//! libsigsum: the C ABI of sigsum-core (skeleton; see issue "libsigsum").
//!
//! All unsafe code of the project lives in this crate.

/// The library version as a NUL-terminated string.
#[no_mangle]
pub extern "C" fn sigsum_version() -> *const core::ffi::c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

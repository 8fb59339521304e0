#![no_main]
#[allow(dead_code)] // FFI_TARGETS is for the replay test
#[path = "../src/ffi.rs"]
mod ffi;
libfuzzer_sys::fuzz_target!(|data: &[u8]| ffi::ffi(data));

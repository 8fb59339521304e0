//! Verifies the real serviceberry proof (tests/vectors/real) on bare metal
//! with the builtin `sigsum-test-2025-3` policy as a small device should
//! load it: `builtin_compiled` (the builtin's canonical compiled form, a
//! 64-byte `CompiledPolicy`; no policy text code is linked; the `Policy`
//! enum would reserve room for a 10 KiB text policy) and sigsum-core's
//! default Ed25519 backend. Exits with status 0 only if the proof verifies.
#![no_std]
#![no_main]


use sigsum_core::policy::builtin::builtin_compiled;
use sigsum_embedded::verify_serviceberry;

#[no_mangle]
extern "C" fn sigsum_app_main() -> bool {
    builtin_compiled("sigsum-test-2025-3").is_ok_and(|p| verify_serviceberry(&p))
}

//! Verifies the real serviceberry proof (tests/vectors/real) on bare metal
//! with the builtin `sigsum-test-2025-3` policy as a small device should
//! load it: chosen in the code (`Builtin::SigsumTest2025_3`, so only its
//! 341-byte canonical compiled form is linked, not all four), loaded by
//! `CompiledPolicy::from_bytes` into a 64-byte `CompiledPolicy` (no policy
//! text code is linked; the `Policy` enum would reserve room for a 10 KiB
//! text policy), and sigsum-core's default Ed25519 backend. Exits with
//! status 0 only if the proof verifies.
#![no_std]
#![no_main]

use core::hint::black_box;
use sigsum_core::{Builtin, CompiledPolicy};
use sigsum_embedded::verify_serviceberry;

#[no_mangle]
extern "C" fn sigsum_app_main() -> bool {
    // black_box: the loader runs on the blob at run time, as it would on a
    // blob from flash, instead of being folded by the optimizer.
    let blob = black_box(Builtin::SigsumTest2025_3.compiled_bytes());
    CompiledPolicy::from_bytes(blob).is_ok_and(|p| verify_serviceberry(&p))
}

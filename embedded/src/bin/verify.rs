//! Verifies the real serviceberry proof (tests/vectors/real) on bare metal
//! with the builtin `sigsum-test-2025-3` policy as a small device should
//! load it: `builtin_compiled` (the builtin's canonical compiled form, a
//! 64-byte `CompiledPolicy`; no policy text code is linked; the `Policy`
//! enum would reserve room for a 10 KiB text policy) and sigsum-core's
//! default Ed25519 backend. Proof, message and signer key are embedded with
//! `include_bytes!`. Exits with status 0 only if the proof verifies.
#![no_std]
#![no_main]

use core::hint::black_box;
use sigsum_core::crypto::{sha256, DalekBackend};
use sigsum_core::policy::builtin::builtin_compiled;
use sigsum_core::verify::verify_bytes;
use sigsum_core::PublicKey;
use sigsum_embedded as _;

static PROOF: &[u8] = include_bytes!("../../../tests/vectors/real/serviceberry-v2.proof");
static MESSAGE: &[u8] = include_bytes!("../../../tests/vectors/real/serviceberry.message");
static SIGNER_HEX: &[u8] = include_bytes!("../../../tests/vectors/real/serviceberry-signer.hex");

#[no_mangle]
extern "C" fn sigsum_app_main() -> bool {
    let Ok(policy) = builtin_compiled(black_box("sigsum-test-2025-3")) else {
        return false;
    };
    let Some(Ok(signer)) = black_box(SIGNER_HEX).get(..64).map(PublicKey::from_hex) else {
        return false;
    };
    let message = sha256(black_box(MESSAGE));
    verify_bytes(
        &message,
        &[signer],
        &policy,
        black_box(PROOF),
        &DalekBackend,
    )
    .is_ok()
}

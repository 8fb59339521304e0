//! Verifies the real serviceberry proof converted to the **TKey
//! sign-if-logged** layout (tests/vectors/tkey: `serviceberry.proof.bin`,
//! 1394 bytes) under the TKey policy blob `serviceberry.policy.bin` (374
//! bytes: the submitter key and the builtin `sigsum-test-2025-3` policy in
//! compiled form) on bare metal, as the TKey app would: sigsum-core built
//! without its text parsers (this crate with `--no-default-features`), the
//! message hashed on the device, sigsum-core's default Ed25519 backend.
//! Exits with status 0 only if the proof verifies.
#![no_std]
#![no_main]

use core::hint::black_box;
use sigsum_core::{sha256, verify_tkey_bytes, DalekBackend};
use sigsum_embedded as _;

static POLICY: &[u8] = include_bytes!("../../../tests/vectors/tkey/serviceberry.policy.bin");
static PROOF: &[u8] = include_bytes!("../../../tests/vectors/tkey/serviceberry.proof.bin");
static MESSAGE: &[u8] = include_bytes!("../../../tests/vectors/real/serviceberry.message");

#[no_mangle]
extern "C" fn sigsum_app_main() -> bool {
    // black_box: policy blob and proof are read at run time, as from the
    // host, instead of being folded by the optimizer.
    let message = sha256(black_box(MESSAGE));
    verify_tkey_bytes(&message, black_box(POLICY), black_box(PROOF), &DalekBackend).is_ok()
}

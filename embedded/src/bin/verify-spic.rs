//! Verifies the real serviceberry proof converted to **spic**
//! (tests/vectors/spic: `serviceberry.proof.bin`, 726 bytes, under
//! `serviceberry.policy.bin`, the 328-byte spic form of the builtin
//! `sigsum-test-2025-3` policy) on bare metal, as a device receiving binary
//! data would: sigsum-core built without its text parsers (this crate with
//! `--no-default-features`), the submitter key held as 32 raw bytes, the
//! message hashed on the device, sigsum-core's default Ed25519 backend.
//! Exits with status 0 only if the proof verifies.
#![no_std]
#![no_main]

use core::hint::black_box;
use sigsum_core::{sha256, verify_spic_bytes, DalekBackend, PublicKey};
use sigsum_embedded::unhex;

static POLICY: &[u8] = include_bytes!("../../../tests/vectors/spic/serviceberry.policy.bin");
static PROOF: &[u8] = include_bytes!("../../../tests/vectors/spic/serviceberry.proof.bin");
static MESSAGE: &[u8] = include_bytes!("../../../tests/vectors/real/serviceberry.message");
/// The submitter key (spic key index 0).
static SIGNER: [u8; 32] = unhex(include_bytes!(
    "../../../tests/vectors/real/serviceberry-signer.hex"
));

#[no_mangle]
extern "C" fn sigsum_app_main() -> bool {
    // black_box: policy, proof and key are read at run time, as from flash
    // or a host, instead of being folded by the optimizer.
    let keys = [PublicKey(black_box(SIGNER))];
    let message = sha256(black_box(MESSAGE));
    verify_spic_bytes(
        &message,
        &keys,
        black_box(POLICY),
        black_box(PROOF),
        &DalekBackend,
    )
    .is_ok()
}

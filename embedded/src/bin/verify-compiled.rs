//! As `verify`, but with the `sigsum-test-2025-3` policy in its compiled
//! form (the spec vector's blob, embedded): no policy text parser is linked.
#![no_std]
#![no_main]

use core::hint::black_box;
use sigsum_core::crypto::{sha256, DalekBackend};
use sigsum_core::policy::compiled::CompiledPolicy;
use sigsum_core::verify::verify_bytes;
use sigsum_core::PublicKey;
use sigsum_embedded as _;

static PROOF: &[u8] = include_bytes!("../../../tests/vectors/real/serviceberry-v2.proof");
static MESSAGE: &[u8] = include_bytes!("../../../tests/vectors/real/serviceberry.message");
static SIGNER_HEX: &[u8] = include_bytes!("../../../tests/vectors/real/serviceberry-signer.hex");
static POLICY: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/sigsum-test-2025-3.compiled"));

#[no_mangle]
extern "C" fn sigsum_app_main() -> bool {
    let Ok(policy) = CompiledPolicy::from_bytes(black_box(POLICY)) else {
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

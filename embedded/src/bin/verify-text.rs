//! As `verify`, but parsing the builtin `sigsum-test-2025-3` policy from
//! its text (`sigsum_core::policy::builtin::builtin_text`), to measure the
//! text policy parser's footprint; sigsum-core's default
//! Ed25519 backend; proof, message and signer key are embedded with
//! `include_bytes!`. Exits with status 0 only if the proof verifies.
#![no_std]
#![no_main]

use core::hint::black_box;
use sigsum_core::crypto::{sha256, DalekBackend};
use sigsum_core::policy::builtin::builtin_text;
use sigsum_core::policy::text::TextPolicyN;
use sigsum_core::verify::verify_bytes;
use sigsum_core::PublicKey;
use sigsum_embedded as _;

static PROOF: &[u8] = include_bytes!("../../../tests/vectors/real/serviceberry-v2.proof");
static MESSAGE: &[u8] = include_bytes!("../../../tests/vectors/real/serviceberry.message");
static SIGNER_HEX: &[u8] = include_bytes!("../../../tests/vectors/real/serviceberry-signer.hex");

#[no_mangle]
extern "C" fn sigsum_app_main() -> bool {
    // The builtin policy's text, parsed into a policy sized for it (2 logs,
    // 8 witnesses, 2 groups: a few hundred bytes) instead of the default
    // `TextPolicy` capacities (about 10 KiB, which `Policy::builtin` returns
    // by value and which alone would take most of a 16 KiB stack).
    let Ok(text) = builtin_text("sigsum-test-2025-3") else {
        return false;
    };
    let Ok(policy) = TextPolicyN::<'static, 2, 8, 2>::parse(text) else {
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

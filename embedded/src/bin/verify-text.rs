//! As `verify`, but parsing the builtin `sigsum-test-2025-3` policy from
//! its text (`Builtin::SigsumTest2025_3.text()`), to measure the
//! text policy parser's footprint. Exits with status 0 only if the proof
//! verifies.
#![no_std]
#![no_main]

use core::hint::black_box;
use sigsum_core::{program_capacity, Builtin, TextPolicyN};
use sigsum_embedded::verify_serviceberry;

#[no_mangle]
extern "C" fn sigsum_app_main() -> bool {
    // Parsed into a policy sized for it (2 logs, 8 witnesses, 2 groups: a
    // few hundred bytes) instead of the default `TextPolicy` capacities
    // (about 10 KiB, most of a 16 KiB stack).
    let text = black_box(Builtin::SigsumTest2025_3.text());
    TextPolicyN::<'static, 2, 8, 2, { program_capacity(8, 2) }>::parse(text)
        .is_ok_and(|p| verify_serviceberry(&p))
}

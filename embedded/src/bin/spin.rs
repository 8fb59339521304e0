//! Calibration of the instruction counter (see `sigsum_embedded`): a loop
//! of 2 x 1,000,000 instructions. `.ci/embedded` checks that the count it
//! reports is that, plus the few instructions of the call (and, on
//! Cortex-M, within the 40-instruction resolution).
#![no_std]
#![no_main]

#[no_mangle]
extern "C" fn sigsum_app_main() -> bool {
    sigsum_embedded::spin(core::hint::black_box(1_000_000));
    true
}

//! A minimal bare-metal runtime for the footprint programs, for
//! `thumbv7em-none-eabihf` (QEMU `mps2-an386`, Cortex-M4) and
//! `riscv32imc-unknown-none-elf` (QEMU `virt`, `-bios none`).
//!
//! It is deliberately tiny, so the measured code size is the verifier's:
//! a reset entry (a two-word vector table on Cortex-M, a `_start` that sets
//! `sp` on RISC-V), a panic handler that exits with failure, and
//! semihosting calls to print one line and exit (QEMU `-semihosting`).
//! It does not copy `.data` or zero `.bss` (QEMU's ELF loader places both;
//! real hardware would use cortex-m-rt / riscv-rt, which do).
//!
//! **Stack measurement** (stack painting): before calling the program's
//! `sigsum_app_main`, the runtime fills the free stack with a pattern; after
//! it returns, the lowest overwritten word gives the peak stack use of the
//! whole run (the runtime's own few frames included, so it is an upper
//! bound for the verification). This needs `unsafe` (raw memory and
//! inline assembly); sigsum-core itself stays `forbid(unsafe_code)`.
//!
//! **Instruction count**: the runtime reads a counter just before and just
//! after `sigsum_app_main` and prints the difference. Run QEMU with
//! `-icount shift=0` (every guest instruction advances the virtual clock by
//! exactly 1 ns), otherwise the counts follow the host's speed.
//!
//! * RISC-V: the `instret` / `instreth` CSRs (instructions retired), read
//!   as a consistent 64-bit pair.
//! * Cortex-M: QEMU 7.2's `mps2-an386` does not emulate the DWT (its
//!   `DWT_CTRL` and `CYCCNT` read as zero even with `DEMCR.TRCENA` set), so
//!   there is no cycle counter. SysTick is emulated: clocked from the
//!   25 MHz core clock it ticks once per 40 ns of virtual time, that is
//!   once per 40 instructions under `-icount shift=0`. The runtime reports
//!   ticks x 40 (a resolution of 40 instructions; the 24-bit counter wraps
//!   after 671 M instructions, far above any program here).
//!
//! Both are instruction counts, not cycles: QEMU models no pipeline,
//! caches or wait states. The `spin` program (a loop of known length)
//! checks the calibration.
#![no_std]

use core::fmt::Write;

/// The value painted on the free stack.
const PAINT: u32 = 0xa5a5_a5a5;

extern "C" {
    static _stack_bottom: u32;
    static _stack_top: u32;
    /// The program: returns `true` on success. Defined by each binary.
    fn sigsum_app_main() -> bool;
}

fn stack_bottom() -> usize {
    core::ptr::addr_of!(_stack_bottom) as usize
}

fn stack_top() -> usize {
    core::ptr::addr_of!(_stack_top) as usize
}

/// Paint the stack from its bottom up to a little below the current frame.
#[inline(never)]
fn paint() {
    let here = 0u32;
    let limit = (core::ptr::addr_of!(here) as usize).saturating_sub(256) & !3;
    let mut p = stack_bottom();
    while p < limit {
        // SAFETY: [bottom, limit) is free stack below every live frame.
        unsafe { core::ptr::write_volatile(p as *mut u32, PAINT) };
        p += 4;
    }
}

/// Peak stack use since [`paint`]: top minus the lowest overwritten word.
#[inline(never)]
fn high_water() -> usize {
    let mut p = stack_bottom();
    let top = stack_top();
    // SAFETY: reads within the stack region.
    while p < top && unsafe { core::ptr::read_volatile(p as *const u32) } == PAINT {
        p += 4;
    }
    top - p
}

/// Semihosting SYS_WRITE0 (0x04): print a NUL-terminated string.
const SYS_WRITE0: usize = 0x04;
/// Semihosting SYS_EXIT (0x18).
const SYS_EXIT: usize = 0x18;
/// ADP_Stopped_ApplicationExit: QEMU exits with status 0.
const EXIT_OK: usize = 0x20026;
/// ADP_Stopped_RunTimeErrorUnknown: QEMU exits with status 1.
const EXIT_FAIL: usize = 0x20023;

#[cfg(target_arch = "arm")]
fn semihost(op: usize, arg: usize) {
    // SAFETY: the ARM semihosting trap; QEMU handles it with -semihosting.
    unsafe {
        core::arch::asm!("bkpt 0xab", inout("r0") op => _, in("r1") arg, options(nostack));
    }
}

#[cfg(target_arch = "riscv32")]
fn semihost(op: usize, arg: usize) {
    // SAFETY: the RISC-V semihosting trap sequence (uncompressed, as the
    // spec requires); QEMU handles it with -semihosting.
    unsafe {
        core::arch::asm!(
            ".option push",
            ".option norvc",
            ".balign 16",
            "slli zero, zero, 0x1f",
            "ebreak",
            "srai zero, zero, 0x7",
            ".option pop",
            inout("a0") op => _,
            in("a1") arg,
            options(nostack),
        );
    }
}

fn exit(ok: bool) -> ! {
    semihost(SYS_EXIT, if ok { EXIT_OK } else { EXIT_FAIL });
    loop {
        core::hint::spin_loop();
    }
}

/// Instructions executed so far, modulo 2^32 (see the crate docs): the
/// low word of `instret` on RISC-V (differences are exact for runs under
/// 2^32 instructions; 32-bit arithmetic keeps 64-bit division out of the
/// measured programs).
#[cfg(target_arch = "riscv32")]
#[inline(always)]
pub fn instructions() -> u32 {
    let count: u32;
    // SAFETY: a read of the user-level counter CSR `instret`, which QEMU's
    // `virt` harts implement; no memory access.
    unsafe {
        core::arch::asm!(
            ".option push",
            ".option arch, +zicsr",
            "csrr {0}, instret",
            ".option pop",
            out(reg) count,
            options(nomem, nostack),
        );
    }
    count
}

/// SysTick registers (ARMv7-M System Control Space).
#[cfg(target_arch = "arm")]
const SYST_CSR: usize = 0xe000_e010;
#[cfg(target_arch = "arm")]
const SYST_RVR: usize = 0xe000_e014;
#[cfg(target_arch = "arm")]
const SYST_CVR: usize = 0xe000_e018;
/// The largest SysTick reload value (a 24-bit down counter).
#[cfg(target_arch = "arm")]
const SYST_MAX: u32 = 0x00ff_ffff;
/// Instructions per SysTick tick under `-icount shift=0` on `mps2-an386`:
/// 1 ns per instruction, 25 MHz core clock.
#[cfg(target_arch = "arm")]
pub const INSTRUCTIONS_PER_TICK: u32 = 40;

/// Start SysTick, free-running from the core clock, no interrupt.
#[cfg(target_arch = "arm")]
fn start_counter() {
    // SAFETY: documented SysTick registers, written before the program runs.
    unsafe {
        core::ptr::write_volatile(SYST_RVR as *mut u32, SYST_MAX);
        core::ptr::write_volatile(SYST_CVR as *mut u32, 0); // reload now
        core::ptr::write_volatile(SYST_CSR as *mut u32, 0b101); // core clock, enabled
    }
}

/// SysTick ticks since [`start_counter`], modulo 2^24 (see the crate
/// docs); [`elapsed`] turns two readings into instructions.
#[cfg(target_arch = "arm")]
#[inline(always)]
pub fn instructions() -> u32 {
    // SAFETY: a read of the SysTick current value register.
    let current = unsafe { core::ptr::read_volatile(SYST_CVR as *const u32) };
    SYST_MAX.wrapping_sub(current) & SYST_MAX
}

#[cfg(target_arch = "riscv32")]
fn start_counter() {}

/// Instructions between two [`instructions`] readings.
pub fn elapsed(start: u32, end: u32) -> u32 {
    #[cfg(target_arch = "arm")]
    {
        // 24-bit tick counts.
        (end.wrapping_sub(start) & SYST_MAX).wrapping_mul(INSTRUCTIONS_PER_TICK)
    }
    #[cfg(not(target_arch = "arm"))]
    end.wrapping_sub(start)
}

/// Print `label value` on the semihosting console (for `profile`).
pub fn report(label: &str, value: u32) {
    let mut line = Line {
        buf: [0; 96],
        len: 0,
    };
    let _ = writeln!(line, "{label} {value}");
    semihost(SYS_WRITE0, line.buf.as_ptr() as usize);
}

/// Run `f` and print the instructions it took, labelled (for `profile`).
pub fn measure<T>(label: &str, f: impl FnOnce() -> T) -> T {
    let start = instructions();
    let r = core::hint::black_box(f());
    let end = instructions();
    report(label, elapsed(start, end));
    r
}

/// Spin `n` times around a two-instruction loop: `2 * n` instructions
/// (the `spin` program checks the counter's calibration with it).
#[cfg(target_arch = "arm")]
pub fn spin(n: u32) {
    // SAFETY: register-only loop.
    unsafe {
        core::arch::asm!("2:", "subs {0}, {0}, #1", "bne 2b", inout(reg) n => _, options(nomem, nostack));
    }
}

/// Spin `n` times around a two-instruction loop: `2 * n` instructions
/// (the `spin` program checks the counter's calibration with it).
#[cfg(target_arch = "riscv32")]
pub fn spin(n: u32) {
    // SAFETY: register-only loop.
    unsafe {
        core::arch::asm!("2:", "addi {0}, {0}, -1", "bnez {0}, 2b", inout(reg) n => _, options(nomem, nostack));
    }
}

/// A line buffer for semihosting output.
struct Line {
    buf: [u8; 96],
    len: usize,
}

impl Write for Line {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        for &b in s.as_bytes() {
            if self.len + 1 >= self.buf.len() {
                return Err(core::fmt::Error);
            }
            self.buf[self.len] = b;
            self.len += 1;
        }
        Ok(())
    }
}

/// Run the program between stack painting and measurement, print
/// `result=<ok|FAIL> stack=<bytes> instructions=<count>` and exit (status
/// 0 only on success).
fn run() -> ! {
    start_counter();
    paint();
    let start = instructions();
    // SAFETY: defined by the binary as `extern "C" fn() -> bool`.
    let ok = unsafe { sigsum_app_main() };
    let end = instructions();
    let used = high_water();
    let mut line = Line {
        buf: [0; 96],
        len: 0,
    };
    let _ = writeln!(
        line,
        "result={} stack={} instructions={}",
        if ok { "ok" } else { "FAIL" },
        used,
        elapsed(start, end)
    );
    semihost(SYS_WRITE0, line.buf.as_ptr() as usize);
    exit(ok)
}

/// Cortex-M reset handler (the vector table's second word).
#[cfg(target_arch = "arm")]
#[no_mangle]
pub extern "C" fn sigsum_reset() -> ! {
    // Enable the FPU (CPACR CP10/CP11 full access): code built for the
    // hard-float ABI may use FP registers, which fault while it is off.
    const CPACR: usize = 0xe000_ed88;
    // SAFETY: a documented System Control Block register, written once at
    // reset before any FP instruction runs.
    unsafe {
        let v = core::ptr::read_volatile(CPACR as *const u32);
        core::ptr::write_volatile(CPACR as *mut u32, v | (0xf << 20));
        core::arch::asm!("dsb", "isb", options(nostack));
    }
    run()
}

/// The vector table entry the linker script places after the initial SP.
#[cfg(target_arch = "arm")]
#[link_section = ".vector_table.reset"]
#[no_mangle]
#[used]
pub static SIGSUM_RESET_VECTOR: extern "C" fn() -> ! = sigsum_reset;

#[cfg(target_arch = "riscv32")]
core::arch::global_asm!(
    ".section .text.sigsum_start, \"ax\"",
    ".global _start",
    "_start:",
    "la sp, _stack_top",
    "call sigsum_rust_start",
);

/// Called by `_start` once `sp` is set.
#[cfg(target_arch = "riscv32")]
#[no_mangle]
pub extern "C" fn sigsum_rust_start() -> ! {
    run()
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    exit(false)
}

/// Decode `2 * N` lowercase hex digits at compile time (keys and
/// signatures a device would hold as raw bytes; a bad digit fails the
/// build).
pub const fn unhex<const N: usize>(s: &[u8]) -> [u8; N] {
    const fn nib(c: u8) -> u8 {
        match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            _ => panic!("bad hex"),
        }
    }
    let mut out = [0u8; N];
    let mut i = 0;
    while i < N {
        out[i] = nib(s[2 * i]) << 4 | nib(s[2 * i + 1]);
        i += 1;
    }
    out
}

/// The real serviceberry proof, its message and signer (tests/vectors/real),
/// verified against `policy` with sigsum-core's default Ed25519 backend:
/// what the `verify` programs have in common (feature `parsers`: it parses
/// the ASCII proof). `black_box` keeps the inputs
/// opaque so nothing is folded at compile time.
#[cfg(feature = "parsers")]
pub fn verify_serviceberry<P: sigsum_core::TrustPolicy>(policy: &P) -> bool {
    use core::hint::black_box;
    use sigsum_core::{sha256, DalekBackend, PublicKey};
    static PROOF: &[u8] = include_bytes!("../../tests/vectors/real/serviceberry-v2.proof");
    static MESSAGE: &[u8] = include_bytes!("../../tests/vectors/real/serviceberry.message");
    static SIGNER_HEX: &[u8] = include_bytes!("../../tests/vectors/real/serviceberry-signer.hex");

    let Some(Ok(signer)) = black_box(SIGNER_HEX).get(..64).map(PublicKey::from_hex) else {
        return false;
    };
    let message = sha256(black_box(MESSAGE));
    sigsum_core::verify_bytes(&message, &[signer], policy, black_box(PROOF), &DalekBackend).is_ok()
}

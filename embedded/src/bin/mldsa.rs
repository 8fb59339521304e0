//! One ML-DSA-44 cosignature verification on bare metal (feature `mldsa`):
//! the real checkpoint cosigned by filippo.io/torchwood's test log
//! (tests/vectors/mldsa/torchwood-mldsa-log.*), with sigsum-core's
//! `SubtreeMessage` and `verify_mldsa44` (RustCrypto ml-dsa, no allocator).
//! For measuring the stack of one verification under QEMU:
//!
//! ```text
//! cargo build --release --features mldsa --target thumbv7em-none-eabihf --bin mldsa
//! qemu-system-arm -M mps2-an386 -nographic -semihosting \
//!     -kernel target/thumbv7em-none-eabihf/release/mldsa
//! ```
#![no_std]
#![no_main]

use base64ct::{Base64, Encoding};
use core::hint::black_box;
use sigsum_core::{verify_mldsa44, Hash, MlDsaCosignature, SubtreeMessage};
use sigsum_embedded as _;

static VKEY: &str = include_str!("../../../tests/vectors/mldsa/torchwood-mldsa-log.vkey");
static NOTE: &str = include_str!("../../../tests/vectors/mldsa/torchwood-mldsa-log.checkpoint");

fn run() -> Option<bool> {
    let vkey = black_box(VKEY).trim_end();
    let (name, rest) = vkey.split_once('+')?;
    let (_, key_b64) = rest.split_once('+')?;
    let mut raw = [0u8; 1313];
    Base64::decode(key_b64, &mut raw).ok()?;
    let key: &[u8; 1312] = raw.get(1..)?.try_into().ok()?;

    let (body, sigs) = black_box(NOTE).split_once("\n\n")?;
    let mut lines = body.lines();
    let origin = lines.next()?;
    let size: u64 = lines.next()?.parse().ok()?;
    let mut root = [0u8; 32];
    Base64::decode(lines.next()?, &mut root).ok()?;
    let sig_b64 = sigs.trim_end().rsplit_once(' ')?.1;
    let c = MlDsaCosignature::from_base64(sig_b64.as_bytes())?;
    let msg = SubtreeMessage::checkpoint(
        name.as_bytes(),
        c.timestamp,
        origin.as_bytes(),
        size,
        &Hash(root),
    )?;
    Some(verify_mldsa44(key, msg.as_bytes(), &c.signature))
}

#[no_mangle]
extern "C" fn sigsum_app_main() -> bool {
    run() == Some(true)
}

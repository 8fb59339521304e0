//! The floor: what any Sigsum verifier must contain at least, built exactly
//! like `verify`: SHA-256 (sha2 0.10) and one Ed25519 verification
//! (ed25519-dalek 2.2, default features off, non-strict `verify` as our
//! `DalekBackend`), here the real leaf signature of the serviceberry proof
//! over `"sigsum.org/v1/tree-leaf\0" || SHA-256(SHA-256(message))`.
#![no_std]
#![no_main]

use core::hint::black_box;
use ed25519_dalek::{Signature, Verifier, VerifyingKey};
use sha2::{Digest, Sha256};
use sigsum_embedded::unhex;

static MESSAGE: &[u8] = include_bytes!("../../../tests/vectors/real/serviceberry.message");
const SIGNER: [u8; 32] = unhex(b"99ed58583e8750b20548e69df4a4e1a592379a9a66c51cd32e42fbe4e1bde78a");
const LEAF_SIG: [u8; 64] = unhex(b"38dd0b42cab5166611a4f8346db1c6ffe81ee2345f3ffe36a466eb8fce1d4b2879fbb5f26291d25e610b2dc7f30eaa603efd97739ae585657d0f7181726eec00");

#[no_mangle]
extern "C" fn sigsum_app_main() -> bool {
    // The same SHA-256 code twice (message hash, then checksum).
    let h: [u8; 32] = Sha256::digest(black_box(MESSAGE)).into();
    let checksum: [u8; 32] = Sha256::digest(black_box(h)).into();
    let mut signed = [0u8; 56];
    signed[..24].copy_from_slice(b"sigsum.org/v1/tree-leaf\0");
    signed[24..].copy_from_slice(&checksum);
    let Ok(key) = VerifyingKey::from_bytes(&black_box(SIGNER)) else {
        return false;
    };
    key.verify(&signed, &Signature::from_bytes(&black_box(LEAF_SIG)))
        .is_ok()
}

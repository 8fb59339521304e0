//! Adversarial inputs through the C entry points, from Rust: mutated real
//! vectors (a flipped, inserted or deleted byte, truncation) must never
//! reach the panic boundary (`SIGSUM_STATUS_PANIC`), and success must only
//! come with the unmodified input or a mutation that keeps it valid.
#![allow(clippy::unwrap_used)]

use core::ffi::c_char;
use std::path::PathBuf;

use proptest::prelude::*;
use sigsum::*;

fn vector(path: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors")
        .join(path);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

mod common;
use common::mutation::{apply, mutation};

/// Zeroed storage for a loaded policy (boxed: 10 KiB).
fn policy_storage() -> Box<sigsum_policy> {
    Box::new(sigsum_policy::default())
}

/// Fewer cases under Miri, which is about a thousand times slower.
const CASES: u32 = if cfg!(miri) { 2 } else { 256 };

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn proof_verify_never_panics(m in mutation()) {
        let proof = vector("proofs/pa.proof");
        let policy = vector("proofs/pa.policy");
        let msg = vector("proofs/pa.message");
        let key = vector("proofs/pa-signer.hex");
        let mutated = apply(&proof, &m);
        let mut message = sigsum_hash::default();
        message.bytes.copy_from_slice(&msg);
        let mut k = sigsum_public_key { bytes: [0; 32] };
        // SAFETY: valid pointers and lengths.
        unsafe {
            assert_eq!(sigsum_public_key_parse_hex(key.as_ptr().cast(), key.len(), &mut k,
                core::ptr::null_mut()), sigsum_status::Ok);
            let mut p = policy_storage();
            let mut d = std::mem::zeroed::<sigsum_detail>();
            assert_eq!(sigsum_policy_load_text(policy.as_ptr().cast(), policy.len(), &mut *p, &mut d),
                sigsum_status::Ok);
            let fresh = sigsum_freshness { now: u64::MAX, max_age: u64::MAX, max_skew: 0 };
            let s = sigsum_proof_verify(&message, &k, 1, &*p, mutated.as_ptr().cast::<c_char>(),
                mutated.len(), &fresh, core::ptr::null(), &mut d);
            prop_assert_ne!(s, sigsum_status::Panic);
            prop_assert_eq!(d.status, s as u32);
            prop_assert_eq!(*d.message.last().unwrap(), 0);
            prop_assert_eq!(d.message[0] == 0, s == sigsum_status::Ok);
            if s == sigsum_status::Ok {
                // Hex is case-insensitive: changing a digit's case is the
                // only mutation that keeps P-a valid.
                prop_assert!(mutated.eq_ignore_ascii_case(&proof));
            }
            let mut info = std::mem::zeroed::<sigsum_proof_info>();
            let s = sigsum_proof_parse(mutated.as_ptr().cast(), mutated.len(), &mut info,
                core::ptr::null_mut(), 0, core::ptr::null_mut(), 0, &mut d);
            prop_assert_ne!(s, sigsum_status::Panic);
        }
    }

    #[test]
    fn binary_verify_never_panics(m in mutation(), which in 0u8..4) {
        let spic_policy = vector("spic/serviceberry.policy.bin");
        let spic_proof = vector("spic/serviceberry.proof.bin");
        let tkey_policy = vector("tkey/serviceberry.policy.bin");
        let tkey_proof = vector("tkey/serviceberry.proof.bin");
        let (sp, sf, tp, tf) = match which {
            0 => (apply(&spic_policy, &m), spic_proof, tkey_policy, tkey_proof),
            1 => (spic_policy, apply(&spic_proof, &m), apply(&tkey_policy, &m), tkey_proof),
            _ => (spic_policy, spic_proof, tkey_policy, apply(&tkey_proof, &m)),
        };
        let data = vector("real/serviceberry.message");
        let hex = vector("real/serviceberry-signer.hex");
        // SAFETY: valid pointers and lengths.
        unsafe {
            let mut message = std::mem::zeroed::<sigsum_hash>();
            assert_eq!(sigsum_hash_sha256(data.as_ptr(), data.len(), &mut message),
                sigsum_status::Ok);
            let mut key = std::mem::zeroed::<sigsum_public_key>();
            assert_eq!(sigsum_public_key_parse_hex(hex.as_ptr().cast(), hex.len(), &mut key,
                core::ptr::null_mut()), sigsum_status::Ok);
            let mut d = std::mem::zeroed::<sigsum_detail>();
            let s = sigsum_spic_verify(&message, &key, 1, sp.as_ptr(), sp.len(), sf.as_ptr(),
                sf.len(), core::ptr::null(), core::ptr::null(), &mut d);
            prop_assert_ne!(s, sigsum_status::Panic);
            prop_assert_eq!(d.status, s as u32);
            prop_assert_eq!(d.message[0] == 0, s == sigsum_status::Ok);
            let s = sigsum_tkey_verify(&message, tp.as_ptr(), tp.len(), tf.as_ptr(), tf.len(),
                core::ptr::null(), core::ptr::null(), &mut d);
            prop_assert_ne!(s, sigsum_status::Panic);
            prop_assert_eq!(d.status, s as u32);
            prop_assert_eq!(d.message[0] == 0, s == sigsum_status::Ok);
        }
    }

    #[test]
    fn policies_keys_and_checkpoints_never_panic(m in mutation()) {
        let policy = apply(&vector("real/sigsum-test-2025-3.policy"), &m);
        let checkpoint = apply(&vector("checkpoint/p-a-cosigned.checkpoint"), &m);
        let keyfile = apply(&vector("proofs/barreleye-signer-policy.pub"), &m);
        let pem = apply(&vector("keys/seed11.pem"), &m);
        let vkey = apply(b"sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8", &m);
        // SAFETY: valid pointers and lengths.
        unsafe {
            let mut d = std::mem::zeroed::<sigsum_detail>();
            let mut p = policy_storage();
            prop_assert_ne!(sigsum_policy_load_text(policy.as_ptr().cast(), policy.len(), &mut *p,
                &mut d), sigsum_status::Panic);
            let mut out = vec![0u8; SIGSUM_MAX_COMPILED_POLICY_SIZE];
            let mut n = 0usize;
            prop_assert_ne!(sigsum_policy_compile(policy.as_ptr().cast(), policy.len(),
                out.as_mut_ptr(), out.len(), &mut n, &mut d), sigsum_status::Panic);
            let mut c = policy_storage();
            let s = sigsum_policy_load_compiled(out.as_ptr(), n, &mut *c, &mut d);
            prop_assert_ne!(s, sigsum_status::Panic);
            let h = [sigsum_hash::default(); 3];
            let q = sigsum_policy_check_quorum(&*c, h.as_ptr(), 3);
            prop_assert_ne!(q, sigsum_status::Panic);
            if s != sigsum_status::Ok {
                // Nothing loaded: the zeroed storage is rejected.
                prop_assert_eq!(q, sigsum_status::InvalidParameter);
            }
            let mut info = std::mem::zeroed::<sigsum_checkpoint_info>();
            prop_assert_ne!(sigsum_checkpoint_parse(checkpoint.as_ptr().cast(), checkpoint.len(),
                &mut info, &mut d), sigsum_status::Panic);
            let mut keys = [sigsum_public_key { bytes: [0; 32] }; 4];
            let mut count = 0usize;
            let mut span = sigsum_span::default();
            prop_assert_ne!(sigsum_key_file_parse(keyfile.as_ptr().cast(), keyfile.len(),
                keys.as_mut_ptr(), 4, &mut count, &mut span, &mut d), sigsum_status::Panic);
            prop_assert_eq!(*d.message.last().unwrap(), 0);
            if span.len > 0 {
                prop_assert!(span.offset + span.len <= keyfile.len());
            }
            prop_assert_ne!(sigsum_public_key_parse_pem(pem.as_ptr().cast(), pem.len(), &mut keys[0], &mut d),
                sigsum_status::Panic);
            let mut t = 0u8;
            prop_assert_ne!(sigsum_public_key_parse_vkey(vkey.as_ptr().cast(), vkey.len(), &mut keys[0],
                &mut t, &mut span, &mut d), sigsum_status::Panic);
        }
    }
}

//! Adversarial C2SP inputs through the `sigsum_tlog_*` entry points, from
//! Rust: the Oak tlog-proof, its checkpoint and its tlog-policy with a
//! byte flipped, inserted or deleted, or truncated, never reach the panic
//! boundary; a mutated proof or checkpoint verifies only if its mutation
//! left the verified bytes unchanged (the tlog-proof's text and signature
//! lines are all covered, so only the identity mutation does).
#![allow(clippy::unwrap_used)]

use core::ffi::c_char;
use std::path::PathBuf;

use proptest::prelude::*;
use sigsum::*;

fn vector(name: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors/c2sp")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

mod common;
use common::mutation::{apply, mutation};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    #[cfg_attr(miri, ignore = "signature checks: minutes per case under Miri")]
    fn tlog_verify_never_panics(m in mutation()) {
        let text = vector("oak-test.policy");
        let proof = vector("oak-test.tlog-proof");
        let note = vector("oak-test.checkpoint");
        let mut leaf = sigsum_hash::default();
        let entry = vector("oak-test.entry");
        // SAFETY: valid pointers and lengths; the policy texts outlive the
        // storages that borrow them.
        unsafe {
            assert_eq!(sigsum_merkle_hash_leaf(entry.as_ptr(), entry.len(), &mut leaf),
                sigsum_status::Ok);
            let mut p = Box::<sigsum_tlog_policy>::default();
            assert_eq!(sigsum_tlog_policy_load(text.as_ptr().cast(), text.len(), &mut *p,
                core::ptr::null_mut()), sigsum_status::Ok);
            let mut d = sigsum_detail::default();
            let mp = apply(&proof, &m);
            let s = sigsum_tlog_proof_verify(mp.as_ptr().cast::<c_char>(), mp.len(), &leaf, &*p,
                0, core::ptr::null(), core::ptr::null(), &mut d);
            prop_assert_ne!(s, sigsum_status::Panic);
            prop_assert_eq!(d.status, s as u32);
            prop_assert_eq!(d.message[0] == 0, s == sigsum_status::Ok);
            prop_assert!(s != sigsum_status::Ok || mp == proof);
            let mn = apply(&note, &m);
            let s = sigsum_tlog_checkpoint_verify(mn.as_ptr().cast(), mn.len(), &*p,
                SIGSUM_TLOG_REJECT_INVALID_COSIGNATURES, core::ptr::null(), core::ptr::null(),
                &mut d);
            prop_assert_ne!(s, sigsum_status::Panic);
            prop_assert!(s != sigsum_status::Ok || mn == note);
            let mt = apply(&text, &m);
            let mut q = Box::<sigsum_tlog_policy>::default();
            let s = sigsum_tlog_policy_load(mt.as_ptr().cast(), mt.len(), &mut *q, &mut d);
            prop_assert_ne!(s, sigsum_status::Panic);
            if s == sigsum_status::Ok {
                let v = sigsum_tlog_proof_verify(proof.as_ptr().cast(), proof.len(), &leaf, &*q,
                    0, core::ptr::null(), core::ptr::null(), &mut d);
                prop_assert_ne!(v, sigsum_status::Panic);
            }
        }
    }
}

//! Fuzz entry points for the C API (the `sigsum-ffi` rlib, crate name
//! `sigsum`), called from Rust exactly as C would: raw pointers, fuzzed
//! lengths and capacities, `(NULL, 0)` arrays. Each result is compared with
//! the safe Rust API on the same input, and the "never `SIGSUM_STATUS_PANIC`"
//! rule is checked. Replayed by `sigsum-ffi/tests/fuzz_regressions.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use core::ffi::c_char;
use core::ptr;
use sigsum::{
    sigsum_cosignature, sigsum_detail, sigsum_hash, sigsum_policy, sigsum_policy_load_builtin,
    sigsum_policy_load_compiled, sigsum_policy_load_text, sigsum_proof_info, sigsum_proof_parse,
    sigsum_proof_verify, sigsum_public_key, sigsum_status,
};
use sigsum_core::{sha256, verify_bytes, DalekBackend, Policy, Proof, PublicKey};

/// A fuzz entry point: takes the raw fuzzer input.
pub type Entry = fn(&[u8]);

/// The C API targets: name and entry point.
pub const FFI_TARGETS: &[(&str, Entry)] = &[("ffi", ffi)];

/// A pointer to `data`, or NULL for an empty input (C callers' `(NULL, 0)`).
fn ptr_or_null(data: &[u8]) -> *const c_char {
    if data.is_empty() {
        ptr::null()
    } else {
        data.as_ptr().cast()
    }
}

fn parse_via_c(data: &[u8], caps: u8) {
    let mut info: sigsum_proof_info = unsafe { core::mem::zeroed() };
    let mut cos: Vec<sigsum_cosignature> = vec![unsafe { core::mem::zeroed() }; 64];
    let mut path = vec![sigsum_hash::default(); 63];
    let cos_cap = usize::from(caps & 0x0f) * 5; // 0..75, 0 means NULL
    let path_cap = usize::from(caps >> 4) * 5;
    let mut detail = sigsum_detail::default();
    // SAFETY: every pointer is valid for the length or capacity passed.
    let st = unsafe {
        sigsum_proof_parse(
            ptr_or_null(data),
            data.len(),
            &mut info,
            if cos_cap == 0 {
                ptr::null_mut()
            } else {
                cos.as_mut_ptr()
            },
            cos_cap.min(cos.len()),
            if path_cap == 0 {
                ptr::null_mut()
            } else {
                path.as_mut_ptr()
            },
            path_cap.min(path.len()),
            &mut detail,
        )
    };
    assert_ne!(st, sigsum_status::Panic);
    assert_eq!(detail.status, st as u32);
    match Proof::parse(data) {
        Ok(p) => {
            let needs_cos = cos_cap != 0 && cos_cap.min(64) < p.signed_tree_head.cosignatures.len();
            let needs_path = path_cap != 0 && path_cap.min(63) < p.path.len();
            if needs_cos || needs_path {
                assert_eq!(st, sigsum_status::BufferTooSmall);
                return;
            }
            assert_eq!(st, sigsum_status::Ok, "C rejects a proof Rust accepts");
            assert_eq!(info.leaf_index, p.leaf_index);
            assert_eq!(info.tree_head.size, p.signed_tree_head.tree_head.size);
            assert_eq!(info.log_key_hash.bytes, p.log_key_hash.0);
            assert_eq!(info.path_count as usize, p.path.len());
            assert_eq!(
                info.cosignature_count as usize,
                p.signed_tree_head.cosignatures.len()
            );
            if path_cap != 0 {
                for (got, want) in path.iter().zip(p.path.iter()) {
                    assert_eq!(got.bytes, want.0);
                }
            }
        }
        Err(e) => {
            assert_ne!(st, sigsum_status::Ok, "C accepts a proof Rust rejects");
            if !data.is_empty() {
                assert_eq!(detail.line, e.line);
            }
        }
    }
}

fn verify_via_c(data: &[u8]) {
    let message = sha256(b"Hello, Sigsum!\n");
    let signer =
        PublicKey::from_hex(b"99ed58583e8750b20548e69df4a4e1a592379a9a66c51cd32e42fbe4e1bde78a")
            .unwrap();
    let name = b"sigsum-test-2025-3";
    let mut policy = Box::new(sigsum_policy::default());
    // SAFETY: a valid name and policy storage.
    let st = unsafe {
        sigsum_policy_load_builtin(
            name.as_ptr().cast(),
            name.len(),
            &mut *policy,
            ptr::null_mut(),
        )
    };
    assert_eq!(st, sigsum_status::Ok);
    let msg = sigsum_hash { bytes: message.0 };
    let key = sigsum_public_key { bytes: signer.0 };
    let mut detail = sigsum_detail::default();
    // SAFETY: valid pointers with matching lengths; NULL freshness and
    // backend (the built-in verifier).
    let st = unsafe {
        sigsum_proof_verify(
            &msg,
            &key,
            1,
            &*policy,
            ptr_or_null(data),
            data.len(),
            ptr::null(),
            ptr::null(),
            &mut detail,
        )
    };
    assert_ne!(st, sigsum_status::Panic);
    let rust = Policy::builtin("sigsum-test-2025-3").unwrap();
    let ok = verify_bytes(&message, &[signer], &rust, data, &DalekBackend).is_ok();
    assert_eq!(st == sigsum_status::Ok, ok, "C and Rust verify disagree");
}

/// The policy forms `policy_via_c` loads.
#[derive(Clone, Copy)]
enum Format {
    Text,
    Compiled,
    Builtin,
}

fn policy_via_c(data: &[u8], format: Format) {
    let mut policy = Box::new(sigsum_policy::default());
    let mut detail = sigsum_detail::default();
    let (p, n) = (ptr_or_null(data), data.len());
    // SAFETY: valid input, policy storage and detail.
    let st = unsafe {
        match format {
            Format::Text => sigsum_policy_load_text(p, n, &mut *policy, &mut detail),
            Format::Compiled => sigsum_policy_load_compiled(p.cast(), n, &mut *policy, &mut detail),
            Format::Builtin => sigsum_policy_load_builtin(p, n, &mut *policy, &mut detail),
        }
    };
    assert_ne!(st, sigsum_status::Panic);
    assert_eq!(detail.status, st as u32);
    let ok = match format {
        Format::Text => Policy::from_text(data).is_ok(),
        Format::Compiled => Policy::from_compiled(data).is_ok(),
        Format::Builtin => core::str::from_utf8(data).is_ok_and(|n| Policy::builtin(n).is_ok()),
    };
    assert_eq!(
        st == sigsum_status::Ok,
        ok,
        "C and Rust policy check disagree"
    );
}

/// The C API: proof parse with fuzzed capacities, proof verify with the
/// fixed serviceberry context, policy load in all three forms.
/// Input: selector byte, capacity byte, then the text.
pub fn ffi(data: &[u8]) {
    let [sel, caps, rest @ ..] = data else {
        return;
    };
    match sel % 5 {
        0 => parse_via_c(rest, *caps),
        1 => verify_via_c(rest),
        2 => policy_via_c(rest, Format::Text),
        3 => policy_via_c(rest, Format::Compiled),
        _ => policy_via_c(rest, Format::Builtin),
    }
}

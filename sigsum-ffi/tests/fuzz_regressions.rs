//! Replays the committed seeds and crash regressions of the `ffi` fuzz
//! target (fuzz/seeds/ffi, fuzz/regressions/ffi) through its entry point
//! (fuzz/src/ffi.rs, included below): the C API called from Rust and
//! compared with the safe Rust API.
use std::path::Path;

#[path = "../../fuzz/src/ffi.rs"]
mod ffi_entry;

fn replay(dir: &Path, f: fn(&[u8])) -> usize {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut n = 0;
    for e in rd {
        let p = e.unwrap().path();
        // Under Miri, where the Ed25519 checks of a real proof take a
        // minute, the verification seeds are left to the native run (the
        // no_panic tests verify a small proof under Miri).
        if cfg!(miri)
            && p.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("verify")
        {
            continue;
        }
        let data = std::fs::read(&p).unwrap();
        if std::panic::catch_unwind(|| f(&data)).is_err() {
            panic!("fuzz target ffi fails on {}", p.display());
        }
        n += 1;
    }
    n
}

#[test]
fn ffi_seeds_and_regressions_replay() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    for &(name, f) in ffi_entry::FFI_TARGETS {
        let seeds = replay(&fuzz.join("seeds").join(name), f);
        assert!(seeds > 0, "no seeds for {name}");
        replay(&fuzz.join("regressions").join(name), f);
    }
}

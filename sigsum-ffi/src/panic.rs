//! The panic boundary every entry point runs inside.
//!
//! The core is written not to panic (clippy lints, fuzzing), but if a panic
//! ever happens it must not reach C. [`ffi_call`] is a function taking a
//! closure, not a macro, so `rustfmt` formats the bodies of the entry points.
//! With `panic = "abort"` nothing can be caught and a panic aborts the
//! process cleanly; libsigsum is built with unwinding so that it returns
//! `SIGSUM_STATUS_PANIC` instead.

use core::ffi::{c_char, c_int};
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::status::sigsum_status;

/// What an entry point returns when its body panicked.
pub(crate) trait OnPanic {
    /// The value returned to C after a caught panic.
    fn on_panic() -> Self;
}

impl OnPanic for sigsum_status {
    fn on_panic() -> Self {
        sigsum_status::Panic
    }
}

impl OnPanic for *const c_char {
    fn on_panic() -> Self {
        c"internal error (caught panic)".as_ptr()
    }
}

impl OnPanic for u32 {
    fn on_panic() -> Self {
        0
    }
}

/// For the Ed25519 callback shape: 0 means "not valid".
impl OnPanic for c_int {
    fn on_panic() -> Self {
        0
    }
}

/// Run `f`, turning a panic into `R::on_panic()`.
pub(crate) fn ffi_call<R: OnPanic>(f: impl FnOnce() -> R) -> R {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| R::on_panic())
}

/// Run a fallible body: `Ok(())` becomes `SIGSUM_STATUS_OK`, `Err(s)`
/// becomes `s`, and a panic becomes `SIGSUM_STATUS_PANIC`.
pub(crate) fn ffi_status(f: impl FnOnce() -> Result<(), sigsum_status>) -> sigsum_status {
    ffi_call(|| match f() {
        Ok(()) => sigsum_status::Ok,
        Err(s) => s,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panics_become_status_codes() {
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let s = ffi_status(|| panic!("boom"));
        let idx: Result<(), sigsum_status> = ffi_status(|| {
            let v: [u8; 0] = [];
            #[allow(clippy::indexing_slicing, unconditional_panic)]
            let _ = v[std::hint::black_box(3)];
            Ok(())
        })
        .into_result();
        let p: *const c_char = ffi_call(|| panic!("boom"));
        std::panic::set_hook(prev);
        assert_eq!(s, sigsum_status::Panic);
        assert_eq!(idx, Err(sigsum_status::Panic));
        assert!(!p.is_null());
        assert_eq!(ffi_status(|| Ok(())), sigsum_status::Ok);
        assert_eq!(
            ffi_status(|| Err(sigsum_status::MalformedHex)),
            sigsum_status::MalformedHex
        );
    }

    trait IntoResult {
        fn into_result(self) -> Result<(), sigsum_status>;
    }
    impl IntoResult for sigsum_status {
        fn into_result(self) -> Result<(), sigsum_status> {
            match self {
                sigsum_status::Ok => Ok(()),
                s => Err(s),
            }
        }
    }
}

//! Ed25519 backends: the built-in default, or the caller's own function.

use core::ffi::{c_int, c_void};

use sigsum_core::{DefaultBackend, Ed25519Backend, PublicKey, Signature};

use crate::ffi::{bytes_in, read_in};
use crate::panic::ffi_call;
use crate::status::sigsum_status;

/// A caller-supplied Ed25519 verification function.
///
/// Called with the `ctx` of its `sigsum_backend`, a 32-byte public key, the
/// message (`message_len` bytes; `message` is never NULL, even when
/// `message_len` is 0) and a 64-byte signature. All pointers are only valid
/// during the call. It must return 1 if the signature is valid and 0 if not;
/// **any other value is taken as "not valid"**.
///
/// It must decide exactly as Go's `crypto/ed25519.Verify` (which sigsum-go
/// uses), or the same proof can get different verdicts (see
/// `tests/vectors/ed25519/`). It may be called from any thread that calls
/// libsigsum, and must not call back into libsigsum with the same backend
/// in a way that recurses forever.
pub type sigsum_ed25519_verify_fn = Option<
    unsafe extern "C" fn(
        ctx: *mut c_void,
        public_key: *const u8,
        message: *const u8,
        message_len: usize,
        signature: *const u8,
    ) -> c_int,
>;

/// Which Ed25519 implementation verifying functions use.
///
/// Every verifying function takes a `const sigsum_backend *backend`: pass
/// NULL for the built-in verifier (ed25519-dalek, which decides as Go does),
/// or a backend whose `verify` is your function. `ctx` is passed to `verify`
/// unchanged and never touched by libsigsum. A backend with a NULL `verify`
/// is rejected with `SIGSUM_STATUS_INVALID_PARAMETER`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct sigsum_backend {
    /// The verify function; must not be NULL.
    pub verify: sigsum_ed25519_verify_fn,
    /// Opaque pointer passed to `verify` as its first argument.
    pub ctx: *mut c_void,
}

/// The backend an entry point was asked to use.
#[derive(Clone, Copy)]
pub(crate) enum Backend {
    /// The built-in verifier.
    Default,
    /// The caller's function and context.
    Callback(
        unsafe extern "C" fn(*mut c_void, *const u8, *const u8, usize, *const u8) -> c_int,
        *mut c_void,
    ),
}

impl Backend {
    /// Read the optional `backend` argument of an entry point.
    ///
    /// # Safety
    ///
    /// If not NULL, `ptr` must point to a readable `sigsum_backend` whose
    /// `verify` (if not NULL) is safe to call with its `ctx` as documented
    /// on [`sigsum_ed25519_verify_fn`].
    pub(crate) unsafe fn from_ptr(ptr: *const sigsum_backend) -> Result<Backend, sigsum_status> {
        if ptr.is_null() {
            return Ok(Backend::Default);
        }
        // SAFETY: non-NULL and readable per the caller's contract.
        let b = unsafe { read_in(ptr) }?;
        match b.verify {
            Some(f) => Ok(Backend::Callback(f, b.ctx)),
            None => Err(sigsum_status::InvalidParameter),
        }
    }
}

impl Ed25519Backend for Backend {
    fn verify(&self, key: &PublicKey, message: &[u8], signature: &Signature) -> bool {
        match *self {
            Backend::Default => DefaultBackend.verify(key, message, signature),
            Backend::Callback(f, ctx) => {
                // SAFETY: `f` and `ctx` come from the caller's
                // `sigsum_backend`, whose contract (checked nowhere else)
                // is that `f` may be called with `ctx` and pointers valid
                // for 32, `message.len()` and 64 bytes during the call,
                // which these are.
                let r = unsafe {
                    f(
                        ctx,
                        key.0.as_ptr(),
                        message.as_ptr(),
                        message.len(),
                        signature.0.as_ptr(),
                    )
                };
                r == 1
            }
        }
    }
}

/// The built-in Ed25519 verifier, with the `sigsum_ed25519_verify_fn`
/// shape, so that a caller's own backend can forward to it (for example to
/// count or log calls).
///
/// Returns 1 if the signature is valid, 0 if not or if a pointer is NULL
/// (`message` may be NULL when `message_len` is 0). `ctx` is ignored.
///
/// # Safety
///
/// `public_key` must be readable for 32 bytes, `signature` for 64 bytes and
/// `message` for `message_len` bytes.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn sigsum_ed25519_verify_default(
    ctx: *mut c_void,
    public_key: *const u8,
    message: *const u8,
    message_len: usize,
    signature: *const u8,
) -> c_int {
    let _ = ctx;
    ffi_call(|| {
        // [u8; N] has alignment 1.
        // SAFETY: forwarded from this function's contract;
        let key = unsafe { read_in(public_key.cast::<[u8; 32]>()) };
        // SAFETY: forwarded from this function's contract;
        let sig = unsafe { read_in(signature.cast::<[u8; 64]>()) };
        // SAFETY: forwarded from this function's contract;
        let msg = unsafe { bytes_in(message, message_len) };
        match (key, msg, sig) {
            (Ok(k), Ok(m), Ok(s)) => {
                c_int::from(DefaultBackend.verify(&PublicKey(k), m, &Signature(s)))
            }
            _ => 0,
        }
    })
}

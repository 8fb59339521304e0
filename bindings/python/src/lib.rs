//! `sigsum_core._native`: the PyO3 binding of sigsum-core. The Python
//! package `sigsum_core` re-exports it (see `python/sigsum_core/`).
//!
//! Every error becomes an exception (see `errors.rs`, the only file that
//! names sigsum-core's error types); nothing here unwraps on input.

// No panic on input: every failure is an error value (see errors.rs).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

use pyo3::prelude::*;
use pyo3::pybacked::PyBackedBytes;
use pyo3::types::{PyByteArray, PyBytes, PyList, PyString, PyTuple};

mod checkpoint;
mod errors;
mod keys;
mod policy;

use errors::Failure;
use policy::Policy;

use sigsum_core::{
    sha256, verify_with_fallbacks, DefaultBackend, Freshness, Hash, Proof, PublicKey, TrustPolicy,
};

/// The result of a successful verification.
#[pyclass(frozen, module = "sigsum_core", name = "Verified")]
#[derive(Clone)]
struct Verified {
    inner: sigsum_core::Verified,
}

#[pymethods]
impl Verified {
    /// The leaf's index in the tree.
    #[getter]
    fn leaf_index(&self) -> u64 {
        self.inner.leaf_index
    }

    /// The size of the cosigned tree.
    #[getter]
    fn tree_size(&self) -> u64 {
        self.inner.tree_size
    }

    /// SHA-256 of the log's public key (32 bytes).
    #[getter]
    fn log_key_hash<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.inner.log_key_hash.0)
    }

    /// SHA-256 of the signer's public key (32 bytes).
    #[getter]
    fn signer_key_hash<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.inner.signer_key_hash.0)
    }

    /// Valid cosignatures checked (counted towards the quorum).
    #[getter]
    fn cosignatures_verified(&self) -> usize {
        self.inner.cosignatures_verified
    }

    /// Cosignatures from known witnesses that did not verify (ignored).
    #[getter]
    fn cosignatures_failed(&self) -> usize {
        self.inner.cosignatures_failed
    }

    /// The quorum timestamp (Unix seconds), or None for `quorum none`.
    #[getter]
    fn quorum_timestamp(&self) -> Option<u64> {
        self.inner.quorum_timestamp
    }

    /// Which policy held: 0 for the only or the first one, i for
    /// `policy[i]` when a list of policies was given.
    #[getter]
    fn policy_index(&self) -> usize {
        self.inner.policy_index
    }

    /// Ed25519 verifications done (leaf, log, cosignatures).
    #[getter]
    fn signature_checks(&self) -> usize {
        self.inner.signature_checks
    }

    /// Apply the freshness rule to the quorum timestamp: raises
    /// `FreshnessError` if it is older than `max_age` seconds before `now`,
    /// more than `max_skew` seconds after it, or absent.
    #[pyo3(signature = (*, now, max_age, max_skew = Freshness::DEFAULT_MAX_SKEW))]
    fn check_freshness(&self, now: u64, max_age: u64, max_skew: u64) -> PyResult<()> {
        let rule = Freshness {
            now,
            max_age,
            max_skew,
        };
        self.inner
            .check_freshness(&rule)
            .map_err(|e| Failure::freshness(&e).into())
    }

    fn __repr__(&self) -> String {
        let v = &self.inner;
        format!(
            "Verified(leaf_index={}, tree_size={}, cosignatures_verified={}, quorum_timestamp={})",
            v.leaf_index,
            v.tree_size,
            v.cosignatures_verified,
            match v.quorum_timestamp {
                Some(t) => t.to_string(),
                None => "None".to_string(),
            }
        )
    }
}

/// The bytes of a `bytes` or `bytearray` argument (else `TypeError`).
fn bytes_arg(value: &Bound<'_, PyAny>, what: &str) -> PyResult<PyBackedBytes> {
    value.extract::<PyBackedBytes>().map_err(|_| {
        pyo3::exceptions::PyTypeError::new_err(format!(
            "{what} must be bytes or bytearray, not {}",
            value
                .get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_default()
        ))
    })
}

/// Text arguments may be `str` (UTF-8) or bytes.
fn text_arg(value: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<u8>> {
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(s.to_cow()?.as_bytes().to_vec());
    }
    Ok(bytes_arg(value, what)?.to_vec())
}

fn array32(bytes: &[u8], what: &str) -> PyResult<[u8; 32]> {
    <[u8; 32]>::try_from(bytes).map_err(|_| {
        pyo3::exceptions::PyValueError::new_err(format!(
            "{what} must be 32 bytes, got {}",
            bytes.len()
        ))
    })
}

/// `signer_keys`: the bytes of an OpenSSH key file, a `KeyFile`, or an
/// iterable of 32-byte raw keys.
fn signer_keys_arg(value: &Bound<'_, PyAny>) -> PyResult<Vec<PublicKey>> {
    if let Some(keys) = keys::key_file_object_keys(value) {
        return Ok(keys?);
    }
    if value.is_instance_of::<PyBytes>() || value.is_instance_of::<PyByteArray>() {
        let file = bytes_arg(value, "signer_keys")?;
        return Ok(keys::key_file_keys(&file)?);
    }
    if value.is_instance_of::<PyString>() {
        return Err(pyo3::exceptions::PyTypeError::new_err(
            "signer_keys must be a list of 32-byte keys or the bytes of an OpenSSH key file, not str",
        ));
    }
    let mut keys = Vec::new();
    for (i, item) in value.try_iter()?.enumerate() {
        let item = item?;
        let bytes = bytes_arg(&item, "each signer key")?;
        keys.push(PublicKey(array32(&bytes, &format!("signer key {i}"))?));
    }
    Ok(keys)
}

/// `policy`: a `Policy`, or a list or tuple of them (primary first).
fn policies_arg<'py>(value: &Bound<'py, PyAny>) -> PyResult<Vec<Bound<'py, Policy>>> {
    if let Ok(p) = value.cast::<Policy>() {
        return Ok(vec![p.clone()]);
    }
    let wrong = || {
        pyo3::exceptions::PyTypeError::new_err(
            "policy must be a Policy or a list of Policy objects",
        )
    };
    if !(value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>()) {
        return Err(wrong());
    }
    let mut policies = Vec::new();
    for item in value.try_iter()? {
        policies.push(item?.cast_into::<Policy>().map_err(|_| wrong())?);
    }
    Ok(policies)
}

/// Verify a Sigsum proof.
///
/// `proof` is the proof file's bytes; exactly one of `data` (whose SHA-256
/// is the signed message) and `message` (the 32-byte message) must be
/// given; `signer_keys` is a list of 32-byte Ed25519 keys, the bytes of an
/// OpenSSH key file or a `KeyFile`; `policy` a `Policy`, or a list of them
/// tried in order (the first that holds wins, `Verified.policy_index` says
/// which; if none does, the error is the first one's). Returns a
/// `Verified` or raises a `SigsumError` subclass naming the failing step.
#[pyfunction]
#[pyo3(signature = (proof, *, signer_keys, policy, data = None, message = None))]
fn verify(
    py: Python<'_>,
    proof: &Bound<'_, PyAny>,
    signer_keys: &Bound<'_, PyAny>,
    policy: &Bound<'_, PyAny>,
    data: Option<&Bound<'_, PyAny>>,
    message: Option<&Bound<'_, PyAny>>,
) -> PyResult<Verified> {
    let proof = bytes_arg(proof, "proof")?;
    let keys = signer_keys_arg(signer_keys)?;
    let policies = policies_arg(policy)?;
    let policies: Vec<&Policy> = policies.iter().map(|p| p.get()).collect();
    enum Message {
        Data(PyBackedBytes),
        Hash(Hash),
    }
    let message = match (data, message) {
        (Some(d), None) => Message::Data(bytes_arg(d, "data")?),
        (None, Some(m)) => Message::Hash(Hash(array32(&bytes_arg(m, "message")?, "message")?)),
        _ => {
            return Err(pyo3::exceptions::PyTypeError::new_err(
                "give exactly one of data= and message=",
            ))
        }
    };
    let result = py.detach(|| -> Result<sigsum_core::Verified, Failure> {
        let message = match &message {
            Message::Data(d) => sha256(d),
            Message::Hash(h) => *h,
        };
        // The proof first, as verify_bytes does: its errors come first.
        let proof = Proof::parse(&proof)?;
        let loaded = policies
            .iter()
            .map(|p| p.load())
            .collect::<Result<Vec<_>, _>>()?;
        let dyns: Vec<&dyn TrustPolicy> = loaded.iter().map(|p| p as &dyn TrustPolicy).collect();
        verify_with_fallbacks(&message, &keys, &dyns, &proof, &DefaultBackend)
            .map_err(Failure::from)
    });
    Ok(Verified { inner: result? })
}

/// Prepared-key slots of `verify_many` (all of a compiled policy's 255
/// logs and 255 witnesses, and signer keys).
const PREPARED_KEYS: usize = 1024;

/// Verify many proofs under one policy, faster than one `verify` call
/// each: the policy's keys and the signer keys are decoded once, and each
/// cosigned tree head (log signature and cosignatures) is verified once for
/// all the proofs that carry it.
///
/// `proofs` is a list of proof files' bytes; exactly one of `data` (a list
/// of the same length: each proof's data, whose SHA-256 is its message)
/// and `messages` (a list of 32-byte messages) must be given;
/// `signer_keys` as in `verify`; `policy` a single `Policy`. Returns a
/// list with, for each proof in order, its `Verified` or the `SigsumError`
/// that `verify` would raise for it (returned, not raised). The verdicts
/// and errors are exactly those of `verify`; only
/// `Verified.signature_checks` is lower where a tree head was reused.
#[pyfunction]
#[pyo3(signature = (proofs, *, signer_keys, policy, data = None, messages = None))]
fn verify_many(
    py: Python<'_>,
    proofs: &Bound<'_, PyAny>,
    signer_keys: &Bound<'_, PyAny>,
    policy: &Bound<'_, PyAny>,
    data: Option<&Bound<'_, PyAny>>,
    messages: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<Py<PyAny>>> {
    let keys = signer_keys_arg(signer_keys)?;
    let policy = policy.cast::<Policy>().map_err(|_| {
        pyo3::exceptions::PyTypeError::new_err("policy must be a Policy (one policy for the batch)")
    })?;
    let proofs: Vec<PyBackedBytes> = proofs
        .try_iter()?
        .map(|p| bytes_arg(&p?, "each proof"))
        .collect::<PyResult<_>>()?;
    let list = |v: &Bound<'_, PyAny>, what: &str| -> PyResult<Vec<PyBackedBytes>> {
        v.try_iter()?.map(|x| bytes_arg(&x?, what)).collect()
    };
    let hashes: Vec<Hash> = match (data, messages) {
        (Some(d), None) => list(d, "each data item")?
            .iter()
            .map(|d| sha256(d))
            .collect(),
        (None, Some(m)) => list(m, "each message")?
            .iter()
            .enumerate()
            .map(|(i, m)| Ok(Hash(array32(m, &format!("message {i}"))?)))
            .collect::<PyResult<_>>()?,
        _ => {
            return Err(pyo3::exceptions::PyTypeError::new_err(
                "give exactly one of data= and messages=",
            ))
        }
    };
    if hashes.len() != proofs.len() {
        return Err(pyo3::exceptions::PyValueError::new_err(format!(
            "{} proofs but {} messages",
            proofs.len(),
            hashes.len()
        )));
    }
    let policy = policy.get();
    let results = py.detach(
        || -> Result<Vec<Result<sigsum_core::Verified, Failure>>, Failure> {
            let loaded = policy.load()?;
            let prepared = Box::new(
                sigsum_core::PreparedPolicy::<_, _, PREPARED_KEYS>::new(
                    &loaded,
                    &keys,
                    DefaultBackend,
                )
                .map_err(|e| Failure::policy(&e))?,
            );
            let mut batch = Box::new(sigsum_core::BatchVerifier::<_, _, PREPARED_KEYS>::new(
                &prepared,
            ));
            Ok(proofs
                .iter()
                .zip(&hashes)
                .map(|(text, message)| {
                    // The proof first, as verify does: its errors come first.
                    let proof = Proof::parse(text)?;
                    batch.verify(message, &proof).map_err(Failure::from)
                })
                .collect())
        },
    )?;
    results
        .into_iter()
        .map(|r| match r {
            Ok(v) => Ok(Py::new(py, Verified { inner: v })?.into_any()),
            Err(f) => Ok(PyErr::from(f).into_value(py).into_any()),
        })
        .collect()
}

/// SHA-256 of `data` (32 bytes).
#[pyfunction(name = "sha256")]
fn sha256_py<'py>(py: Python<'py>, data: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyBytes>> {
    let data = bytes_arg(data, "data")?;
    Ok(PyBytes::new(py, &sha256(&data).0))
}

/// SHA-256 of a 32-byte public key: the key hash Sigsum uses for logs,
/// witnesses and signers.
#[pyfunction]
fn key_hash<'py>(py: Python<'py>, key: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyBytes>> {
    let key = PublicKey(array32(&bytes_arg(key, "key")?, "key")?);
    Ok(PyBytes::new(py, &key.key_hash().0))
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Verified>()?;
    m.add_class::<Policy>()?;
    m.add_function(wrap_pyfunction!(verify, m)?)?;
    m.add_function(wrap_pyfunction!(verify_many, m)?)?;
    m.add_function(wrap_pyfunction!(sha256_py, m)?)?;
    m.add_function(wrap_pyfunction!(key_hash, m)?)?;
    keys::register(m)?;
    checkpoint::register(m)?;
    Ok(())
}

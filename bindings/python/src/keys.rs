//! Key parsers: OpenSSH lines and key files, hex, vkeys, PEM. Keys are
//! returned as 32-byte `bytes`; errors are `KeyFormatError`.

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList};

use crate::errors::Failure;
use crate::{array32, text_arg};

use sigsum_core::{parse_hex_key, parse_pem_key, parse_ssh_key, KeyFile, PublicKey, Vkey};

/// The keys of an OpenSSH key file, in file order.
pub fn key_file_keys(file: &[u8]) -> Result<Vec<PublicKey>, Failure> {
    let parsed = KeyFile::parse(file).map_err(|e| Failure::key(&e))?;
    Ok(parsed.keys().map(|l| l.key.key).collect())
}

/// The keys of `value` if it is a `KeyFile`.
pub fn key_file_object_keys(value: &Bound<'_, PyAny>) -> Option<Result<Vec<PublicKey>, Failure>> {
    let file = value.cast::<PyKeyFile>().ok()?;
    Some(key_file_keys(&file.get().data))
}

/// A checked OpenSSH key file (authorized_keys style, as sigsum-go reads
/// them): the keys, their line numbers and the `sigsum-policy` name.
#[pyclass(frozen, module = "sigsum_core", name = "KeyFile")]
struct PyKeyFile {
    data: Box<[u8]>,
}

#[pymethods]
impl PyKeyFile {
    /// Parse and check a key file; raises `KeyFormatError` with the line
    /// (and column).
    #[new]
    fn new(data: &Bound<'_, PyAny>) -> PyResult<Self> {
        let data = text_arg(data, "data")?;
        KeyFile::parse(&data).map_err(|e| Failure::key(&e))?;
        Ok(PyKeyFile {
            data: data.into_boxed_slice(),
        })
    }

    /// The 32-byte keys, in file order.
    #[getter]
    fn keys<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let keys = key_file_keys(&self.data)?;
        PyList::new(py, keys.iter().map(|k| PyBytes::new(py, &k.0)))
    }

    /// The line number of each key.
    #[getter]
    fn lines(&self) -> PyResult<Vec<u32>> {
        let parsed = KeyFile::parse(&self.data).map_err(|e| Failure::key(&e))?;
        Ok(parsed.keys().map(|l| l.line).collect())
    }

    /// The `sigsum-policy` name all key lines agree on, or None if no line
    /// has one; raises `KeyFormatError` if they disagree or the name is not
    /// UTF-8.
    fn policy_name(&self) -> PyResult<Option<String>> {
        let parsed = KeyFile::parse(&self.data).map_err(|e| Failure::key(&e))?;
        let name = parsed.policy_name().map_err(|e| Failure::key(&e))?;
        Ok(name.map(str::to_string))
    }

    fn __len__(&self) -> PyResult<usize> {
        let parsed = KeyFile::parse(&self.data).map_err(|e| Failure::key(&e))?;
        Ok(parsed.len())
    }
}

/// Parse one OpenSSH `ssh-ed25519` public key line (optionally with a
/// `sigsum-policy="name"` option): returns `(key, policy_name, comment)`.
#[pyfunction(name = "parse_ssh_key")]
fn parse_ssh_key_py<'py>(
    py: Python<'py>,
    line: &Bound<'py, PyAny>,
) -> PyResult<(Bound<'py, PyBytes>, Option<String>, Bound<'py, PyBytes>)> {
    let line = text_arg(line, "line")?;
    let k = parse_ssh_key(&line).map_err(|e| Failure::key(&e))?;
    Ok((
        PyBytes::new(py, &k.key.0),
        k.policy.map(str::to_string),
        PyBytes::new(py, k.comment),
    ))
}

/// Parse a key as 64 hex digits (as in policy files).
#[pyfunction(name = "parse_hex_key")]
fn parse_hex_key_py<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyBytes>> {
    let text = text_arg(text, "text")?;
    let key = parse_hex_key(&text).map_err(|e| Failure::key(&e))?;
    Ok(PyBytes::new(py, &key.0))
}

/// Parse a PEM `PUBLIC KEY` (Ed25519 SubjectPublicKeyInfo).
#[pyfunction(name = "parse_pem_key")]
fn parse_pem_key_py<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyBytes>> {
    let text = text_arg(text, "text")?;
    let key = parse_pem_key(&text).map_err(|e| Failure::key(&e))?;
    Ok(PyBytes::new(py, &key.0))
}

/// A signed-note verifier key (`name+keyid+base64(type||key)`).
#[pyclass(frozen, module = "sigsum_core", name = "Vkey")]
pub struct PyVkey {
    name: String,
    key_id: [u8; 4],
    sig_type: u8,
    key: [u8; 32],
}

impl PyVkey {
    pub fn parse_text(text: &[u8]) -> Result<Self, Failure> {
        let v = Vkey::parse(text).map_err(|e| Failure::key(&e))?;
        Ok(PyVkey {
            name: v.name().to_string(),
            key_id: v.key_id().0,
            sig_type: v.sig_type(),
            key: v.key().0,
        })
    }

    /// The core value (its key id recomputed from name, type and key).
    pub fn with<R>(&self, f: impl FnOnce(&Vkey<'_>) -> R) -> Result<R, Failure> {
        let v = Vkey::new(&self.name, self.sig_type, PublicKey(self.key))
            .map_err(|e| Failure::key(&e))?;
        Ok(f(&v))
    }
}

#[pymethods]
impl PyVkey {
    /// Parse a vkey; the key id must match the name and key. Raises
    /// `KeyFormatError`.
    #[staticmethod]
    fn parse(text: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(Self::parse_text(&text_arg(text, "text")?)?)
    }

    /// The key name.
    #[getter]
    fn name(&self) -> &str {
        &self.name
    }

    /// The 4-byte key id.
    #[getter]
    fn key_id<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.key_id)
    }

    /// The signature type: 1 (Ed25519) or 4 (cosignature/v1).
    #[getter]
    fn sig_type(&self) -> u8 {
        self.sig_type
    }

    /// The 32-byte public key.
    #[getter]
    fn key<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.key)
    }

    fn __repr__(&self) -> String {
        format!("Vkey(name={:?}, sig_type={})", self.name, self.sig_type)
    }
}

/// Check that `key` is 32 bytes (for signatures of this module).
pub fn key_arg(key: &[u8]) -> PyResult<PublicKey> {
    Ok(PublicKey(array32(key, "key")?))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyKeyFile>()?;
    m.add_class::<PyVkey>()?;
    m.add_function(wrap_pyfunction!(parse_ssh_key_py, m)?)?;
    m.add_function(wrap_pyfunction!(parse_hex_key_py, m)?)?;
    m.add_function(wrap_pyfunction!(parse_pem_key_py, m)?)?;
    Ok(())
}

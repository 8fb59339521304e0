//! `sigsum_core.Checkpoint`: C2SP signed-note checkpoints, their log
//! signature and witness cosignatures. Errors are `CheckpointError`.

use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::errors::Failure;
use crate::keys::{key_arg, PyVkey};
use crate::{bytes_arg, text_arg};

use sigsum_core::{Checkpoint, DefaultBackend, NoteCosignature, NoteWitness};

/// `(line, name, key_id, timestamp)` of a cosignature line.
type CosignatureLine<'py> = (u32, String, Bound<'py, PyBytes>, u64);

/// A parsed checkpoint note (it owns its text).
#[pyclass(frozen, module = "sigsum_core", name = "Checkpoint")]
struct PyCheckpoint {
    text: Box<[u8]>,
    origin: String,
    size: u64,
    root_hash: [u8; 32],
}

/// What `Checkpoint.verify_cosignatures` found; indices are positions in
/// the witness list given.
#[pyclass(frozen, module = "sigsum_core", name = "CosignatureReport", get_all)]
struct CosignatureReport {
    /// Witnesses with a valid cosignature.
    verified: Vec<usize>,
    /// Witnesses whose cosignature did not verify (not an error).
    failed: Vec<usize>,
    /// Cosignature lines of keys not in the list (not checked).
    unknown: usize,
}

#[pymethods]
impl CosignatureReport {
    fn __repr__(&self) -> String {
        format!(
            "CosignatureReport(verified={:?}, failed={:?}, unknown={})",
            self.verified, self.failed, self.unknown
        )
    }
}

impl PyCheckpoint {
    fn with<R>(&self, f: impl FnOnce(&Checkpoint<'_>) -> Result<R, Failure>) -> Result<R, Failure> {
        let cp = Checkpoint::parse(&self.text).map_err(|e| Failure::checkpoint(&e))?;
        f(&cp)
    }
}

#[pymethods]
impl PyCheckpoint {
    /// Parse a checkpoint note (body, blank line, signature lines).
    #[new]
    fn new(text: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = text_arg(text, "text")?;
        let cp = Checkpoint::parse(&text).map_err(|e| Failure::checkpoint(&e))?;
        let (origin, size, root_hash) = (
            cp.origin.to_string(),
            cp.tree_head.size,
            cp.tree_head.root_hash.0,
        );
        Ok(PyCheckpoint {
            text: text.into_boxed_slice(),
            origin,
            size,
            root_hash,
        })
    }

    /// The origin line.
    #[getter]
    fn origin(&self) -> &str {
        &self.origin
    }

    /// The tree size.
    #[getter]
    fn size(&self) -> u64 {
        self.size
    }

    /// The 32-byte root hash.
    #[getter]
    fn root_hash<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.root_hash)
    }

    /// The signed body (the text before the blank line, with its final
    /// newline).
    #[getter]
    fn body<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let body = self.with(|cp| Ok(cp.text().to_vec()))?;
        Ok(PyBytes::new(py, &body))
    }

    /// Check this as the checkpoint of the Sigsum log with `log_key`
    /// (origin, no extension lines, log signature). Raises
    /// `CheckpointError`.
    fn verify_sigsum(&self, log_key: &Bound<'_, PyAny>) -> PyResult<()> {
        let key = key_arg(&bytes_arg(log_key, "log_key")?)?;
        Ok(self.with(|cp| {
            cp.verify_sigsum(&key, &DefaultBackend)
                .map_err(|e| Failure::checkpoint(&e))
        })?)
    }

    /// Check the Ed25519 signature of the key named `name`.
    fn verify_signed_by(&self, name: &str, key: &Bound<'_, PyAny>) -> PyResult<()> {
        let key = key_arg(&bytes_arg(key, "key")?)?;
        Ok(self.with(|cp| {
            cp.verify_signed_by(name, &key, &DefaultBackend)
                .map_err(|e| Failure::checkpoint(&e))
        })?)
    }

    /// Check the Ed25519 signature of a vkey (a `Vkey`, or its text).
    fn verify_vkey(&self, vkey: &Bound<'_, PyAny>) -> PyResult<()> {
        let parsed;
        let vkey: &PyVkey = match vkey.cast::<PyVkey>() {
            Ok(bound) => bound.get(),
            Err(_) => {
                parsed = PyVkey::parse_text(&text_arg(vkey, "vkey")?)?;
                &parsed
            }
        };
        Ok(self.with(|cp| {
            vkey.with(|v| cp.verify_vkey(v, &DefaultBackend))?
                .map_err(|e| Failure::checkpoint(&e))
        })?)
    }

    /// The witness cosignature lines (72-byte blobs):
    /// `(line, name, key_id, timestamp)` each.
    fn cosignatures<'py>(&self, py: Python<'py>) -> PyResult<Vec<CosignatureLine<'py>>> {
        let found = self.with(|cp| {
            let mut out = Vec::new();
            for line in cp.signatures() {
                if let Some(c) =
                    NoteCosignature::from_line(&line).map_err(|e| Failure::checkpoint(&e))?
                {
                    out.push((c.line, c.name.to_string(), c.key_id.0, c.timestamp));
                }
            }
            Ok(out)
        })?;
        Ok(found
            .into_iter()
            .map(|(l, n, id, t)| (l, n, PyBytes::new(py, &id), t))
            .collect())
    }

    /// Check the cosignature lines against `witnesses`, a list of
    /// `(name, key)` pairs (name a str or bytes, key 32 bytes).
    fn verify_cosignatures(
        &self,
        witnesses: Vec<(Bound<'_, PyAny>, Bound<'_, PyAny>)>,
    ) -> PyResult<CosignatureReport> {
        let mut owned = Vec::with_capacity(witnesses.len());
        for (name, key) in &witnesses {
            owned.push((
                text_arg(name, "witness name")?,
                key_arg(&bytes_arg(key, "witness key")?)?,
            ));
        }
        let list: Vec<NoteWitness<'_>> = owned
            .iter()
            .map(|(name, key)| NoteWitness { name, key: *key })
            .collect();
        let report = self.with(|cp| {
            cp.verify_cosignatures(&list, &DefaultBackend)
                .map_err(|e| Failure::checkpoint(&e))
        })?;
        Ok(CosignatureReport {
            verified: report.verified.iter().map(usize::from).collect(),
            failed: report.failed.iter().map(usize::from).collect(),
            unknown: report.unknown,
        })
    }

    fn __repr__(&self) -> String {
        format!("Checkpoint(origin={:?}, size={})", self.origin, self.size)
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyCheckpoint>()?;
    m.add_class::<CosignatureReport>()?;
    Ok(())
}

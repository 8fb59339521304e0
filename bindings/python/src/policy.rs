//! `sigsum_core.Policy`: a trust policy that owns its bytes.
//!
//! A text policy is parsed once at construction (to report errors there)
//! and again on each use: sigsum-core's parsed policy borrows the text, and
//! parsing a policy is cheap next to the signature checks of a verification
//! (docs/bindings.md has the numbers). A compiled policy is kept as its
//! bytes and loaded (validated) on each use; a builtin is a name.

use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::errors::Failure;
use crate::{bytes_arg, text_arg};

use sigsum_core::{Builtin, CompiledPolicy, MAX_COMPILED_LEN};

enum Source {
    Text(Box<[u8]>),
    Compiled(Box<[u8]>),
    Builtin(Builtin),
}

/// A Sigsum trust policy: from text (`Policy.from_text`), a builtin name
/// (`Policy.builtin`) or compiled bytes (`Policy.from_compiled`).
#[pyclass(frozen, module = "sigsum_core", name = "Policy")]
pub struct Policy {
    source: Source,
}

impl Policy {
    /// The loaded policy (it borrows this object's bytes).
    pub fn load(&self) -> Result<sigsum_core::Policy<'_>, Failure> {
        match &self.source {
            Source::Text(text) => Ok(sigsum_core::Policy::from_text(text)?),
            Source::Compiled(bytes) => {
                sigsum_core::Policy::from_compiled(bytes).map_err(|e| Failure::policy(&e))
            }
            Source::Builtin(b) => Ok(sigsum_core::Policy::Compiled(
                b.compiled().map_err(|e| Failure::policy(&e))?,
            )),
        }
    }

    fn compiled_bytes(&self) -> Result<Vec<u8>, Failure> {
        match &self.source {
            Source::Text(text) => {
                let parsed = sigsum_core::TextPolicy::parse(text)?;
                let mut buf = [0u8; MAX_COMPILED_LEN];
                let compiled = parsed.compile(&mut buf).map_err(|e| Failure::policy(&e))?;
                Ok(compiled.as_bytes().to_vec())
            }
            Source::Compiled(bytes) => Ok(bytes.to_vec()),
            Source::Builtin(b) => Ok(b.compiled_bytes().to_vec()),
        }
    }
}

#[pymethods]
impl Policy {
    /// Parse a policy in sigsum-go's text format (`log`, `witness`,
    /// `group`, `quorum` lines). Raises `PolicyError` with the line.
    #[staticmethod]
    fn from_text(text: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = text_arg(text, "text")?;
        sigsum_core::TextPolicy::parse(&text).map_err(Failure::from)?;
        Ok(Policy {
            source: Source::Text(text.into_boxed_slice()),
        })
    }

    /// Load a compiled policy (strictly validated). Raises `PolicyError`.
    #[staticmethod]
    fn from_compiled(blob: &Bound<'_, PyAny>) -> PyResult<Self> {
        let blob = bytes_arg(blob, "blob")?;
        CompiledPolicy::from_bytes(&blob).map_err(|e| Failure::policy(&e))?;
        Ok(Policy {
            source: Source::Compiled(blob.to_vec().into_boxed_slice()),
        })
    }

    /// The builtin policy `name` (sigsum-go's `-P` names, see
    /// `Policy.builtin_names()`). Raises `PolicyError` for another name.
    #[staticmethod]
    fn builtin(name: &str) -> PyResult<Self> {
        let b = Builtin::from_name(name).map_err(|e| Failure::policy(&e))?;
        Ok(Policy {
            source: Source::Builtin(b),
        })
    }

    /// The names of the builtin policies, sorted.
    #[staticmethod]
    fn builtin_names() -> Vec<&'static str> {
        Builtin::ALL.iter().map(|b| b.name()).collect()
    }

    /// "text", "compiled" or "builtin".
    #[getter]
    fn kind(&self) -> &'static str {
        match self.source {
            Source::Text(_) => "text",
            Source::Compiled(_) => "compiled",
            Source::Builtin(_) => "builtin",
        }
    }

    /// The builtin's name, or None.
    #[getter]
    fn name(&self) -> Option<&'static str> {
        match self.source {
            Source::Builtin(b) => Some(b.name()),
            _ => None,
        }
    }

    /// The policy text (a builtin's shipped text), or None for a compiled
    /// policy.
    #[getter]
    fn text<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyBytes>> {
        match &self.source {
            Source::Text(t) => Some(PyBytes::new(py, t)),
            Source::Builtin(b) => Some(PyBytes::new(py, b.text())),
            Source::Compiled(_) => None,
        }
    }

    /// The compiled form: the canonical compilation of a text policy (raises
    /// `PolicyError` for `quorum none` or more than 255 logs or witnesses),
    /// the bytes of a compiled policy, a builtin's shipped compiled form.
    fn compile<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        Ok(PyBytes::new(py, &self.compiled_bytes()?))
    }

    /// The policy hash: SHA-256 of `compile()` (32 bytes).
    fn hash<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let hash = match &self.source {
            Source::Text(text) => sigsum_core::TextPolicy::parse(text)
                .map_err(Failure::from)?
                .policy_hash()
                .map_err(|e| Failure::policy(&e))?,
            _ => sigsum_core::sha256(&self.compiled_bytes()?),
        };
        Ok(PyBytes::new(py, &hash.0))
    }

    fn __repr__(&self) -> String {
        match &self.source {
            Source::Text(t) => format!("Policy.from_text(<{} bytes>)", t.len()),
            Source::Compiled(c) => format!("Policy.from_compiled(<{} bytes>)", c.len()),
            Source::Builtin(b) => format!("Policy.builtin({:?})", b.name()),
        }
    }
}

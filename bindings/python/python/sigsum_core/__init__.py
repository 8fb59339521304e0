"""Verify Sigsum transparency-log proofs.

A binding of the Rust crate sigsum-core (no_std, allocation-free). The
main entry point::

    import sigsum_core

    verified = sigsum_core.verify(
        proof_bytes,
        signer_keys=key_file_bytes,          # or a list of 32-byte keys
        policy=sigsum_core.Policy.builtin("sigsum-test-2025-3"),
        data=artifact_bytes,                 # or message=<32-byte hash>
    )
    print(verified.leaf_index, verified.tree_size, verified.quorum_timestamp)

Failures raise a subclass of ``SigsumError`` whose ``step``, ``line`` and
``column`` say what failed and where.
"""

from ._errors import (
    CheckpointError,
    ChecksumMismatchError,
    FreshnessError,
    InclusionError,
    KeyFormatError,
    LeafSignatureError,
    LogSignatureError,
    PolicyError,
    ProofFormatError,
    QuorumError,
    SigsumError,
    UnknownLogError,
    UnknownSignerError,
)
from ._native import (
    Checkpoint,
    CosignatureReport,
    KeyFile,
    Policy,
    Verified,
    Vkey,
    key_hash,
    parse_hex_key,
    parse_pem_key,
    parse_ssh_key,
    sha256,
    verify,
    verify_many,
)

__version__ = "0.1.0"

__all__ = [
    "Checkpoint",
    "CheckpointError",
    "ChecksumMismatchError",
    "CosignatureReport",
    "FreshnessError",
    "InclusionError",
    "KeyFile",
    "KeyFormatError",
    "LeafSignatureError",
    "LogSignatureError",
    "Policy",
    "PolicyError",
    "ProofFormatError",
    "QuorumError",
    "SigsumError",
    "UnknownLogError",
    "UnknownSignerError",
    "Verified",
    "Vkey",
    "key_hash",
    "parse_hex_key",
    "parse_pem_key",
    "parse_ssh_key",
    "sha256",
    "verify",
    "verify_many",
]

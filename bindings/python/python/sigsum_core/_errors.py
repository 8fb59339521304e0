"""The exceptions of sigsum_core: one base class, one subclass per step."""

from typing import Optional

__all__ = [
    "SigsumError",
    "ProofFormatError",
    "ChecksumMismatchError",
    "UnknownSignerError",
    "UnknownLogError",
    "InclusionError",
    "LeafSignatureError",
    "LogSignatureError",
    "QuorumError",
    "PolicyError",
    "KeyFormatError",
    "CheckpointError",
    "FreshnessError",
]


class SigsumError(Exception):
    """Base class of every error sigsum_core raises for bad input.

    Attributes:
        message: the reason, as sigsum-core words it.
        step: which check failed (the class attribute ``step`` of the
            subclass, e.g. ``"proof"``, ``"signer"``, ``"quorum"``).
        line: the 1-based line of the input where the error is, or None.
        column: the 1-based column (byte offset in the line), or None.
    """

    step: str = "unknown"

    def __init__(
        self,
        message: str,
        *,
        line: Optional[int] = None,
        column: Optional[int] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}({self.message!r}, step={self.step!r}, "
            f"line={self.line!r}, column={self.column!r})"
        )


class ProofFormatError(SigsumError):
    """The proof text is malformed (``line`` says where)."""

    step = "proof"


class ChecksumMismatchError(SigsumError):
    """A version 1 proof's short checksum is not that of the message: the
    proof is for another message."""

    step = "checksum"


class UnknownSignerError(SigsumError):
    """None of the signer keys hashes to the leaf's key hash."""

    step = "signer"


class UnknownLogError(SigsumError):
    """The policy does not list the proof's log."""

    step = "log"


class InclusionError(SigsumError):
    """The leaf is not included in the tree head."""

    step = "inclusion"


class LeafSignatureError(SigsumError):
    """The leaf signature does not verify for the message."""

    step = "leaf-signature"


class LogSignatureError(SigsumError):
    """The log's signature over the tree head does not verify."""

    step = "log-signature"


class QuorumError(SigsumError):
    """The valid cosignatures do not satisfy the policy's quorum.

    Attributes:
        verified: valid cosignatures found before the quorum became
            unreachable.
        failed: invalid cosignatures from known witnesses found before that.
        total_known: cosignatures from witnesses the policy knows.
    """

    step = "quorum"

    def __init__(
        self,
        message: str,
        *,
        line: Optional[int] = None,
        column: Optional[int] = None,
        verified: int = 0,
        failed: int = 0,
        total_known: int = 0,
    ) -> None:
        super().__init__(message, line=line, column=column)
        self.verified = verified
        self.failed = failed
        self.total_known = total_known


class PolicyError(SigsumError):
    """A policy text, compiled policy or builtin name is invalid, or a
    policy cannot be compiled."""

    step = "policy"


class KeyFormatError(SigsumError):
    """A key (OpenSSH line or file, hex, vkey, PEM) is invalid."""

    step = "key"


class CheckpointError(SigsumError):
    """A checkpoint note, its log signature or a cosignature line is
    invalid."""

    step = "checkpoint"


class FreshnessError(SigsumError):
    """The quorum timestamp is too old, too far in the future or absent."""

    step = "freshness"

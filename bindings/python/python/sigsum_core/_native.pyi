"""Type stubs of the native module (the PyO3 binding of sigsum-core)."""

from typing import Iterable, List, Optional, Sequence, Tuple, Union, final

from ._errors import SigsumError

__all__ = [
    "Checkpoint",
    "CosignatureReport",
    "KeyFile",
    "Policy",
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

_Bytes = Union[bytes, bytearray]
_Text = Union[str, bytes, bytearray]

@final
class Verified:
    """The result of a successful verification."""

    @property
    def leaf_index(self) -> int: ...
    @property
    def tree_size(self) -> int: ...
    @property
    def log_key_hash(self) -> bytes: ...
    @property
    def signer_key_hash(self) -> bytes: ...
    @property
    def cosignatures_verified(self) -> int: ...
    @property
    def cosignatures_failed(self) -> int: ...
    @property
    def quorum_timestamp(self) -> Optional[int]: ...
    @property
    def policy_index(self) -> int:
        """Which policy of a list held (0 for a single policy)."""
    @property
    def signature_checks(self) -> int: ...
    def check_freshness(self, *, now: int, max_age: int, max_skew: int = ...) -> None:
        """Raise FreshnessError unless now - max_age <= quorum_timestamp <= now + max_skew
        (max_skew defaults to 300 seconds)."""

@final
class Policy:
    """A Sigsum trust policy (text, builtin or compiled)."""

    @staticmethod
    def from_text(text: _Text) -> "Policy": ...
    @staticmethod
    def from_compiled(blob: _Bytes) -> "Policy": ...
    @staticmethod
    def builtin(name: str) -> "Policy": ...
    @staticmethod
    def builtin_names() -> List[str]: ...
    @property
    def kind(self) -> str:
        """"text", "compiled" or "builtin"."""
    @property
    def name(self) -> Optional[str]: ...
    @property
    def text(self) -> Optional[bytes]: ...
    def compile(self) -> bytes:
        """The canonical compiled form (raises PolicyError for quorum none)."""
    def hash(self) -> bytes:
        """The policy hash: SHA-256 of compile()."""

def verify(
    proof: _Bytes,
    *,
    signer_keys: Union[_Bytes, "KeyFile", Iterable[_Bytes]],
    policy: Union[Policy, Sequence[Policy]],
    data: Optional[_Bytes] = None,
    message: Optional[_Bytes] = None,
) -> Verified:
    """Verify a Sigsum proof; raise a SigsumError subclass naming the failing step."""

def verify_many(
    proofs: Iterable[_Bytes],
    *,
    signer_keys: Union[_Bytes, "KeyFile", Iterable[_Bytes]],
    policy: Policy,
    data: Optional[Iterable[_Bytes]] = None,
    messages: Optional[Iterable[_Bytes]] = None,
) -> List[Union[Verified, SigsumError]]:
    """Verify many proofs under one policy (keys decoded once, each cosigned
    tree head verified once); for each proof its Verified or the SigsumError
    verify would raise (returned, not raised)."""

def sha256(data: _Bytes) -> bytes: ...
def key_hash(key: _Bytes) -> bytes: ...

@final
class KeyFile:
    """A checked OpenSSH key file."""

    def __new__(cls, data: _Text) -> "KeyFile": ...
    @property
    def keys(self) -> List[bytes]: ...
    @property
    def lines(self) -> List[int]: ...
    def policy_name(self) -> Optional[str]: ...
    def __len__(self) -> int: ...

def parse_ssh_key(line: _Text) -> Tuple[bytes, Optional[str], bytes]:
    """(key, sigsum-policy name or None, comment) of one ssh-ed25519 line."""

def parse_hex_key(text: _Text) -> bytes: ...
def parse_pem_key(text: _Text) -> bytes: ...

@final
class Vkey:
    """A signed-note verifier key."""

    @staticmethod
    def parse(text: _Text) -> "Vkey": ...
    @property
    def name(self) -> str: ...
    @property
    def key_id(self) -> bytes: ...
    @property
    def sig_type(self) -> int: ...
    @property
    def key(self) -> bytes: ...

@final
class CosignatureReport:
    verified: List[int]
    failed: List[int]
    unknown: int

@final
class Checkpoint:
    """A parsed C2SP checkpoint note."""

    def __new__(cls, text: _Text) -> "Checkpoint": ...
    @property
    def origin(self) -> str: ...
    @property
    def size(self) -> int: ...
    @property
    def root_hash(self) -> bytes: ...
    @property
    def body(self) -> bytes: ...
    def verify_sigsum(self, log_key: _Bytes) -> None: ...
    def verify_signed_by(self, name: str, key: _Bytes) -> None: ...
    def verify_vkey(self, vkey: Union[Vkey, _Text]) -> None: ...
    def cosignatures(self) -> List[Tuple[int, str, bytes, int]]:
        """(line, name, key_id, timestamp) of each cosignature line."""
    def verify_cosignatures(
        self, witnesses: Sequence[Tuple[_Text, _Bytes]]
    ) -> CosignatureReport: ...

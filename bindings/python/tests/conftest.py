"""Shared helpers: where the vectors are, and small readers."""

import os
import re
from pathlib import Path

import pytest

VECTORS = Path(
    os.environ.get(
        "SIGSUM_VECTORS",
        str(Path(__file__).resolve().parents[3] / "tests" / "vectors"),
    )
)


def read(rel: str) -> bytes:
    return (VECTORS / rel).read_bytes()


def unescape(field: str) -> bytes:
    """The escapes of the key tables: \\n \\r \\t \\\\ and \\xNN."""
    out = bytearray()
    i = 0
    raw = field.encode("utf-8")
    while i < len(raw):
        c = raw[i : i + 1]
        if c == b"\\" and i + 1 < len(raw):
            n = raw[i + 1 : i + 2]
            if n == b"x":
                out.append(int(raw[i + 2 : i + 4], 16))
                i += 4
                continue
            out += {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"\\": b"\\"}[n]
            i += 2
            continue
        out += c
        i += 1
    return bytes(out)


def tsv(rel: str):
    """Rows of a tab-separated table, without '#' header lines."""
    for line in read(rel).decode("utf-8").splitlines():
        if line and not line.startswith("#"):
            yield line.split("\t")


def debug_position(expected: str):
    """(line, column) named in a Rust Debug error value, e.g.
    'Key { line: 2, error: MissingFields { column: 4 } }' -> (2, 4)."""
    line = re.search(r"\bline: (\d+)", expected)
    column = re.search(r"\bcolumn: (\d+)", expected)
    return (
        int(line.group(1)) if line else None,
        int(column.group(1)) if column else None,
    )


@pytest.fixture(scope="session")
def vectors() -> Path:
    assert VECTORS.is_dir(), f"no vectors at {VECTORS} (set SIGSUM_VECTORS)"
    return VECTORS

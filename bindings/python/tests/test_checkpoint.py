"""Checkpoints and cosignatures over tests/vectors/checkpoint."""

import hashlib

import pytest

import sigsum_core as sc
from conftest import read

SEED11 = bytes.fromhex("66e0b858e462a609e66fe71370c816d8846ff103d5499a22a7fec37fdbc424a7")
JELLYFISH = bytes.fromhex("154f49976b59ff09a123675f58cb3e346e0455753c3c3b15d465dcb4f6512b0b")
PA_LOG = bytes.fromhex("ac26c0a855ac451a6539478e1a160388f024b385f1363efcda470170076c01e5")
PA_WITNESS = bytes.fromhex("cbe357e6b464049e703b7be6c89201193acc2a18c095b0691aaf50b9b1e1578a")
GOSUMDB = "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8"


@pytest.mark.parametrize(
    "file,key,size",
    [
        ("seed11.checkpoint", SEED11, 10),
        ("jellyfish-30586.checkpoint", JELLYFISH, 30586),
        ("jellyfish-30588.checkpoint", JELLYFISH, 30588),
        ("p-a-cosigned.checkpoint", PA_LOG, 4),
    ],
)
def test_sigsum_checkpoints(file, key, size):
    text = read("checkpoint/" + file)
    cp = sc.Checkpoint(text)
    assert cp.size == size and len(cp.root_hash) == 32
    assert cp.origin == "sigsum.org/v1/tree/" + sc.key_hash(key).hex()
    assert text.startswith(cp.body)
    cp.verify_sigsum(key)
    # Twins: another key, a changed size.
    other = SEED11 if key != SEED11 else JELLYFISH
    with pytest.raises(sc.CheckpointError) as e:
        cp.verify_sigsum(other)
    assert e.value.step == "checkpoint"
    tampered = sc.Checkpoint(text.replace(f"\n{size}\n".encode(), f"\n{size + 1}\n".encode(), 1))
    with pytest.raises(sc.CheckpointError) as e:
        tampered.verify_sigsum(key)
    assert e.value.line is not None
    assert str(e.value).startswith(f"line {e.value.line}: ")


@pytest.mark.parametrize("file", ["gosumdb-30055305.checkpoint", "gosumdb-49189689.checkpoint"])
def test_gosumdb_vkey(file):
    text = read("checkpoint/" + file)
    cp = sc.Checkpoint(text)
    assert cp.origin == "go.sum database tree"
    cp.verify_vkey(GOSUMDB)
    cp.verify_vkey(sc.Vkey.parse(GOSUMDB))
    with pytest.raises(sc.CheckpointError):
        sc.Checkpoint(text.replace(b"go.sum database tree", b"go.sum database treE")
                      ).verify_vkey(GOSUMDB)


def test_cosignatures():
    cp = sc.Checkpoint(read("checkpoint/p-a-cosigned.checkpoint"))
    name = "sigsum.org/v1/witness/" + hashlib.sha256(PA_WITNESS).hexdigest()
    lines = cp.cosignatures()
    assert [(n, t) for (_, n, _, t) in lines] == [(name, 1683202758)]
    report = cp.verify_cosignatures([(name, PA_WITNESS)])
    assert (report.verified, report.failed, report.unknown) == ([0], [], 0)
    # Twins: a witness of another key is unknown, another name does not match.
    report = cp.verify_cosignatures([("x", SEED11), (name, PA_WITNESS)])
    assert (report.verified, report.failed) == ([1], [])
    report = cp.verify_cosignatures([(name + "x", PA_WITNESS)])
    assert (report.verified, report.unknown) == ([], 1)


def test_parse_errors():
    with pytest.raises(sc.CheckpointError) as e:
        sc.Checkpoint(b"")
    assert e.value.step == "checkpoint"
    text = read("checkpoint/seed11.checkpoint")
    with pytest.raises(sc.CheckpointError) as e:
        sc.Checkpoint(text.replace(b"\n10\n", b"\n010\n", 1))
    assert e.value.line == 2
    assert str(e.value).startswith("line 2: invalid checkpoint size")

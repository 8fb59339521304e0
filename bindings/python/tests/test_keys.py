"""Key parsers over tests/vectors/keys: the same key in every format, and
every rejected line with its class, line and column."""

import hashlib

import pytest

import sigsum_core as sc
from conftest import VECTORS, debug_position, read, tsv, unescape

KEYS = list(tsv("keys/keys.tsv"))
SSH_LINES = list(tsv("keys/ssh-lines.tsv"))
VKEYS = list(tsv("keys/vkeys.tsv"))
KEYFILES = list(tsv("keys/keyfiles/expected.tsv"))


def test_counts():
    assert len(KEYS) == 9 and len(SSH_LINES) >= 11 and len(VKEYS) >= 10
    assert len(KEYFILES) == 21


@pytest.mark.parametrize("row", KEYS, ids=[r[0][:8] for r in KEYS])
def test_key_formats_agree(row):
    hex_key, ssh_line, pem = row[0], row[1], row[2]
    key = sc.parse_hex_key(hex_key)
    assert key == bytes.fromhex(hex_key)
    assert sc.parse_hex_key(hex_key.encode()) == key
    assert sc.parse_ssh_key(ssh_line) == (key, None, b"")
    assert sc.KeyFile(ssh_line + "\n").keys == [key]
    if pem != "-":
        assert sc.parse_pem_key(read("keys/" + pem)) == key
    assert sc.key_hash(key) == hashlib.sha256(key).digest()


@pytest.mark.parametrize("row", SSH_LINES, ids=[r[0] for r in SSH_LINES])
def test_ssh_lines(row):
    _, line, expected = row[0], unescape(row[1]), row[2]
    if expected.startswith("ok "):
        parts = expected.split(" ", 2)
        key, policy, comment = sc.parse_ssh_key(line)
        assert len(key) == 32
        assert policy == (None if parts[1] == "-" else parts[1])
        if len(parts) > 2:
            assert comment == unescape(parts[2])
    else:
        with pytest.raises(sc.KeyFormatError) as e:
            sc.parse_ssh_key(line)
        assert e.value.step == "key"
        line_no, column = debug_position(expected)
        assert (e.value.line, e.value.column) == (line_no, column)
        assert str(e.value).startswith(f"column {column}: ")


@pytest.mark.parametrize("row", KEYFILES, ids=[r[0] for r in KEYFILES])
def test_key_files(row):
    name, parse, policy = row
    data = (VECTORS / "keys" / "keyfiles" / name).read_bytes()
    if parse.startswith("ok "):
        kf = sc.KeyFile(data)
        assert len(kf) == int(parse[3:]) == len(kf.keys) == len(kf.lines)
        assert kf.lines == sorted(kf.lines)
    else:
        with pytest.raises(sc.KeyFormatError) as e:
            sc.KeyFile(data)
        assert (e.value.line, e.value.column) == debug_position(parse)
        return
    if policy.startswith("ok "):
        want = policy.split(" ")[2]
        assert kf.policy_name() == (None if want == "-" else want)
    else:
        with pytest.raises(sc.KeyFormatError) as e:
            kf.policy_name()
        assert (e.value.line, e.value.column) == debug_position(policy)
        if e.value.line is not None:
            assert str(e.value).startswith(f"line {e.value.line}")


def test_key_file_messages():
    with pytest.raises(sc.KeyFormatError) as e:
        sc.KeyFile(read("keys/keyfiles/duplicate-key.keys"))
    assert str(e.value) == "line 3: duplicate public key (first on line 1)"
    with pytest.raises(sc.KeyFormatError) as e:
        sc.KeyFile(b"")
    assert str(e.value) == "no public keys found"
    assert (e.value.line, e.value.column) == (None, None)


@pytest.mark.parametrize("row", VKEYS, ids=[r[0][:40] for r in VKEYS])
def test_vkeys(row):
    text, expected = unescape(row[0]), row[1]
    if expected.startswith("ok "):
        _, name, key_id, sig_type, key = expected.split(" ")
        v = sc.Vkey.parse(text)
        assert (v.name, v.key_id.hex(), v.sig_type, v.key.hex()) == (
            name, key_id, int(sig_type, 16), key)
    else:
        with pytest.raises(sc.KeyFormatError) as e:
            sc.Vkey.parse(text)
        column = debug_position(expected)[1]
        if column is not None:
            assert e.value.column == column
            assert str(e.value).startswith(f"column {column}: ")


def test_hex_and_pem_errors():
    with pytest.raises(sc.KeyFormatError):
        sc.parse_hex_key("ab" * 31)
    with pytest.raises(sc.KeyFormatError):
        sc.parse_hex_key("zz" * 32)
    pem = read("keys/seed11.pem")
    with pytest.raises(sc.KeyFormatError) as e:
        sc.parse_pem_key(pem.replace(b"PUBLIC KEY-----\n", b"PRIVATE KEY-----\n", 1))
    assert e.value.line == 1
    with pytest.raises(sc.KeyFormatError) as e:
        sc.parse_pem_key(pem + b"extra\n")
    assert e.value.line == 4 and str(e.value).startswith("line 4: text after")

"""Policies over tests/vectors/policy and the builtins: parse errors with
exact class, line and message; compile and hash."""

import hashlib

import pytest

import sigsum_core as sc
from conftest import read, unescape

# Display text of each PolicyErrorKind without parameters (sigsum-core).
KIND_MESSAGE = {
    "UnknownKeyword": "unknown keyword",
    "LogArguments": "invalid log policy line, public key required, url optional",
    "WitnessArguments": "invalid witness policy line, name and public key required, url optional",
    "GroupArguments": "invalid group policy line, name, threshold and at least one member required",
    "QuorumArguments": "invalid quorum policy line, one name required",
    "ThresholdSyntax": "invalid threshold: expected any, all or a decimal number",
    "ThresholdOutOfRange": "threshold out of range",
    "DuplicateLog": "duplicate log",
    "DuplicateWitness": "duplicate witness",
    "DuplicateName": "duplicate name",
    "ReservedName": 'the name "none" is predefined',
    "UndefinedName": "undefined name",
    "AlreadyMember": "group/witness is already a group member",
    "NoneAsMember": '"none" cannot be a group member',
    "QuorumRedefined": "quorum can only be set once",
    "NoQuorum": "no quorum defined",
}


def cases(rel):
    """(description, fields, text) of a config vector file."""
    out = []
    case = None
    for raw in read(rel).decode("utf-8").split("\n"):
        if raw.startswith("case "):
            case = {"name": raw[5:], "lines": [], "final_newline": True, "meta": []}
        elif case is None or raw.startswith("#"):
            continue
        elif raw.startswith("| "):
            case["lines"].append(unescape(raw[2:]))
        elif raw == "|":
            case["lines"].append(b"")
        elif raw in ("text", "text-no-final-newline"):
            case["final_newline"] = raw == "text"
        elif raw in ("end", "done"):
            if case.get("text") is None:
                body = b"\n".join(case["lines"])
                if case["final_newline"] and case["lines"]:
                    body += b"\n"
                case["text"] = body
            if raw == "done" or rel.endswith("invalid-config.txt"):
                out.append(case)
                case = None
        else:
            case["meta"].append(raw)
    return out


INVALID = cases("policy/invalid-config.txt")
VALID = cases("policy/valid-config.txt")


def test_vector_counts():
    assert len(INVALID) == 54
    assert len(VALID) == 14


@pytest.mark.parametrize("case", INVALID, ids=[c["name"] for c in INVALID])
def test_invalid_policy(case):
    error = [m for m in case["meta"] if m.startswith("error ")][0].split(" ")
    kind, line = error[1], int(error[2])
    with pytest.raises(sc.PolicyError) as e:
        sc.Policy.from_text(case["text"])
    assert e.value.step == "policy"
    assert e.value.line == (line or None)
    assert e.value.column is None
    if kind in KIND_MESSAGE:
        want = KIND_MESSAGE[kind]
        assert str(e.value) == (f"line {line}: {want}" if line else want)
    elif kind.startswith("ControlCharacter("):
        assert str(e.value) == f"line {line}: invalid control character {kind[17:21]}"
    else:
        assert str(e.value).startswith(f"line {line}: ")


@pytest.mark.parametrize("case", VALID, ids=[c["name"] for c in VALID])
def test_valid_policy_compiles_and_hashes(case):
    p = sc.Policy.from_text(case["text"])
    assert p.kind == "text" and p.text == case["text"] and p.name is None
    quorum_none = any(m.endswith("quorum=none") for m in case["meta"])
    if quorum_none:
        with pytest.raises(sc.PolicyError) as e:
            p.compile()
        assert "none" in str(e.value)
        return
    blob = p.compile()
    assert p.hash() == hashlib.sha256(blob).digest()
    again = sc.Policy.from_compiled(blob)
    assert again.kind == "compiled" and again.text is None
    assert again.compile() == blob and again.hash() == p.hash()


@pytest.mark.parametrize("name", sc.Policy.builtin_names())
def test_builtins(name):
    b = sc.Policy.builtin(name)
    assert (b.kind, b.name) == ("builtin", name)
    text = read(f"real/{name}.policy")
    assert b.text == text
    # The shipped compiled form is the canonical compilation of the text.
    assert b.compile() == sc.Policy.from_text(text).compile()
    assert b.hash() == sc.Policy.from_text(text).hash() == hashlib.sha256(b.compile()).digest()


def test_builtin_names():
    assert sc.Policy.builtin_names() == [
        "sigsum-generic-2025-1", "sigsum-test-2025-3", "sigsum-test1-2025", "sigsum-test2-2025"]


def test_builtin_errors():
    with pytest.raises(sc.PolicyError) as e:
        sc.Policy.builtin("no-such-policy")
    assert e.value.line is None
    with pytest.raises(sc.PolicyError):
        sc.Policy.builtin("Bad Name")


def test_compiled_errors():
    blob = sc.Policy.builtin("sigsum-test-2025-3").compile()
    for bad in (b"", blob[:3], blob[:-1], blob + b"\0", b"\x01" + blob[1:]):
        with pytest.raises(sc.PolicyError) as e:
            sc.Policy.from_compiled(bad)
        assert e.value.step == "policy" and str(e.value)


def test_policy_str_and_bytes():
    text = read("proofs/pa.policy")
    assert sc.Policy.from_text(text.decode()).hash() == sc.Policy.from_text(text).hash()
    with pytest.raises(TypeError):
        sc.Policy.from_text(123)
    with pytest.raises(TypeError):
        sc.Policy.from_compiled("text")

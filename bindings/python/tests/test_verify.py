"""verify() over the proofs of tests/vectors: every accepted proof, and
reject twins of each (one fault each), with exact classes and messages."""

import hashlib
import re

import pytest

import sigsum_core as sc
from conftest import read

# name: (proof, signer key file, policy maker, data or message, expected)
ACCEPT = {
    "serviceberry-builtin": dict(
        proof="real/serviceberry-v2.proof",
        keys="real/serviceberry-signer.pub",
        policy=lambda: sc.Policy.builtin("sigsum-test-2025-3"),
        data="real/serviceberry.message",
        expect=dict(leaf_index=381381, tree_size=381382, cosignatures_verified=4,
                    quorum_timestamp=1770193051),
    ),
    "serviceberry-text": dict(
        proof="real/serviceberry-v2.proof",
        keys="real/serviceberry-signer.pub",
        policy=lambda: sc.Policy.from_text(read("real/sigsum-test-2025-3.policy")),
        data="real/serviceberry.message",
        expect=dict(leaf_index=381381, tree_size=381382, cosignatures_verified=4,
                    quorum_timestamp=1770193051),
    ),
    "serviceberry-compiled": dict(
        proof="real/serviceberry-v2.proof",
        keys="real/serviceberry-signer.pub",
        policy=lambda: sc.Policy.from_compiled(
            sc.Policy.from_text(read("real/sigsum-test-2025-3.policy")).compile()),
        data="real/serviceberry.message",
        expect=dict(leaf_index=381381, tree_size=381382, cosignatures_verified=4,
                    quorum_timestamp=1770193051),
    ),
    "pa": dict(
        proof="proofs/pa.proof",
        keys="proofs/pa-signer.pub",
        policy=lambda: sc.Policy.from_text(read("proofs/pa.policy")),
        message="proofs/pa.message",
        expect=dict(leaf_index=3, tree_size=4, cosignatures_verified=1,
                    quorum_timestamp=1683202758),
    ),
    "pb-quorum-none": dict(
        proof="proofs/pb.proof",
        keys="proofs/pb-signer.pub",
        policy=lambda: sc.Policy.from_text(read("proofs/pb.policy")),
        message="proofs/pb.message",
        expect=dict(cosignatures_verified=0, quorum_timestamp=None),
    ),
    "barreleye-v1-odd": dict(
        proof="proofs/barreleye-v1-odd.proof",
        keys="proofs/barreleye-signer.pub",
        policy=lambda: sc.Policy.builtin("sigsum-test1-2025"),
        data="proofs/barreleye-v1-odd.data",
        expect=dict(),
    ),
    "barreleye-v1-even": dict(
        proof="proofs/barreleye-v1-even.proof",
        keys="proofs/barreleye-signer.pub",
        policy=lambda: sc.Policy.from_text(read("real/sigsum-test1-2025.policy")),
        data="proofs/barreleye-v1-even.data",
        expect=dict(),
    ),
    "sigsum-rs-barreleye-v2": dict(
        proof="proofs/sigsum-rs-barreleye-v2.proof",
        keys="proofs/sigsum-rs-barreleye-signer.pub",
        policy=lambda: sc.Policy.from_text(read("proofs/sigsum-rs-stagemole-1of1.policy")),
        data="proofs/sigsum-rs-barreleye.data",
        expect=dict(leaf_index=8857, tree_size=8858),
    ),
}

NAMES = sorted(ACCEPT)

MSG = {
    "signer": "unknown signer key: the leaf key hash matches none of the given keys",
    "log": "unknown log: the policy does not list the proof's log",
    "leaf": "bad leaf signature",
    "inclusion": "inclusion proof failed: inclusion proof does not lead to the root",
    "logsig": "bad log signature",
    "checksum": "short checksum mismatch: the version 1 proof is for another message",
}


def run(case, proof=None, keys=None, policy=None, data=None, message=None):
    kw = {}
    if data is None and message is None:
        if "data" in case:
            kw["data"] = read(case["data"])
        else:
            kw["message"] = read(case["message"])
    elif data is not None:
        kw["data"] = data
    else:
        kw["message"] = message
    return sc.verify(
        proof if proof is not None else read(case["proof"]),
        signer_keys=keys if keys is not None else read(case["keys"]),
        policy=policy if policy is not None else case["policy"](),
        **kw,
    )


def edit(proof: bytes, key: str, fn, nth: int = 0) -> bytes:
    """Apply fn to the value of the nth line `key=...`."""
    lines = proof.split(b"\n")
    seen = 0
    for i, line in enumerate(lines):
        if line.startswith(key.encode() + b"="):
            if seen == nth:
                lines[i] = key.encode() + b"=" + fn(line[len(key) + 1 :])
                return b"\n".join(lines)
            seen += 1
    raise AssertionError(f"no {key}= line {nth}")


def flip_last_hex(value: bytes) -> bytes:
    last = value[-1:]
    return value[:-1] + (b"0" if last != b"0" else b"1")


def is_v1(case) -> bool:
    return read(case["proof"]).startswith(b"version=1\n")


# --- accept -----------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_accept(name):
    case = ACCEPT[name]
    v = run(case)
    assert isinstance(v, sc.Verified)
    for field, value in case["expect"].items():
        assert getattr(v, field) == value, field
    proof = read(case["proof"])
    log_hex = re.search(rb"^log=([0-9a-f]{64})$", proof, re.M).group(1)
    assert v.log_key_hash.hex() == log_hex.decode()
    assert v.tree_size > v.leaf_index >= 0
    keys = sc.KeyFile(read(case["keys"])).keys
    assert v.signer_key_hash in [sc.key_hash(k) for k in keys]
    assert v.signature_checks == 2 + v.cosignatures_verified + v.cosignatures_failed


@pytest.mark.parametrize("name", NAMES)
def test_accept_with_raw_keys_and_message(name):
    """The same proof with signer keys as a list of 32-byte keys and the
    message (H(data)) instead of the data."""
    case = ACCEPT[name]
    keys = sc.KeyFile(read(case["keys"])).keys
    message = (
        hashlib.sha256(read(case["data"])).digest() if "data" in case
        else read(case["message"])
    )
    v = run(case, keys=[bytes(32)] + keys, message=message)
    assert v.tree_size == run(case).tree_size


# --- reject twins -----------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_reject_other_data(name):
    case = ACCEPT[name]
    if "data" in case:
        kw = dict(data=read(case["data"]) + b"!")
    else:
        msg = bytearray(read(case["message"]))
        msg[0] ^= 1
        kw = dict(message=bytes(msg))
    if is_v1(case):
        with pytest.raises(sc.ChecksumMismatchError) as e:
            run(case, **kw)
        assert e.value.step == "checksum"
        assert str(e.value) == MSG["checksum"]
    else:
        # The leaf hash covers H(message): inclusion (checked before the
        # leaf signature) fails first.
        with pytest.raises(sc.InclusionError) as e:
            run(case, **kw)
        assert e.value.step == "inclusion"
        assert str(e.value) == MSG["inclusion"]
    assert (e.value.line, e.value.column) == (None, None)


@pytest.mark.parametrize("name", NAMES)
def test_reject_other_signer(name):
    case = ACCEPT[name]
    other = sc.parse_hex_key("22c091e3f75497ef19015c5daf143910e20cda7295b0fd1ddf83825686efeca6")
    with pytest.raises(sc.UnknownSignerError) as e:
        run(case, keys=[other])
    assert e.value.step == "signer"
    assert str(e.value) == MSG["signer"]


@pytest.mark.parametrize("name", NAMES)
def test_reject_policy_without_the_log(name):
    case = ACCEPT[name]
    other = "proofs/pa.policy" if name.startswith("pb") else "proofs/pb.policy"
    with pytest.raises(sc.UnknownLogError) as e:
        run(case, policy=sc.Policy.from_text(read(other)))
    assert e.value.step == "log"
    assert str(e.value) == MSG["log"]


@pytest.mark.parametrize("name", NAMES)
def test_reject_other_root(name):
    case = ACCEPT[name]
    proof = edit(read(case["proof"]), "root_hash", flip_last_hex)
    with pytest.raises(sc.InclusionError) as e:
        run(case, proof=proof)
    assert e.value.step == "inclusion"
    assert str(e.value) == MSG["inclusion"]


@pytest.mark.parametrize("name", NAMES)
def test_reject_other_node_hash(name):
    case = ACCEPT[name]
    proof = edit(read(case["proof"]), "node_hash", flip_last_hex)
    with pytest.raises(sc.InclusionError):
        run(case, proof=proof)


@pytest.mark.parametrize("name", NAMES)
def test_reject_bad_log_signature(name):
    case = ACCEPT[name]
    proof = edit(read(case["proof"]), "signature", flip_last_hex)
    with pytest.raises(sc.LogSignatureError) as e:
        run(case, proof=proof)
    assert e.value.step == "log-signature"
    assert str(e.value) == MSG["logsig"]


@pytest.mark.parametrize("name", NAMES)
def test_reject_bad_cosignatures(name):
    """Every cosignature's signature changed: the quorum fails (a
    `quorum none` policy needs none, so pb is checked with a witness
    policy instead)."""
    case = ACCEPT[name]
    proof = read(case["proof"])
    n = proof.count(b"\ncosignature=")
    policy = None
    if n == 0:
        policy = sc.Policy.from_text(
            read("proofs/pb.policy").replace(b"quorum none", b"witness w "
            + b"cbe357e6b464049e703b7be6c89201193acc2a18c095b0691aaf50b9b1e1578a\nquorum w"))
        with pytest.raises(sc.QuorumError) as e:
            run(case, policy=policy)
        assert str(e.value) == (
            "quorum not met: 0 valid and 0 invalid of 0 cosignatures from known witnesses")
        assert (e.value.verified, e.value.failed, e.value.total_known) == (0, 0, 0)
        return
    for i in range(n):
        proof = edit(proof, "cosignature", flip_last_hex, nth=i)
    with pytest.raises(sc.QuorumError) as e:
        run(case, proof=proof)
    assert e.value.step == "quorum"
    assert e.value.verified == 0
    assert e.value.failed >= 1
    assert e.value.total_known >= e.value.failed
    assert str(e.value) == (
        f"quorum not met: 0 valid and {e.value.failed} invalid of "
        f"{e.value.total_known} cosignatures from known witnesses")


@pytest.mark.parametrize("name", NAMES)
def test_reject_malformed_proof(name):
    """A size line in the wrong place: the error names its line."""
    case = ACCEPT[name]
    lines = read(case["proof"]).split(b"\n")
    lines.insert(2, b"size=1")
    with pytest.raises(sc.ProofFormatError) as e:
        run(case, proof=b"\n".join(lines))
    assert e.value.step == "proof"
    assert e.value.line == 3
    assert e.value.column is None
    assert str(e.value).startswith("malformed proof: line 3: ")


# --- fixed reject vectors -------------------------------------------------

def test_sigsum_ts_stray_line():
    case = ACCEPT["barreleye-v1-odd"]
    with pytest.raises(sc.ProofFormatError) as e:
        run(case, proof=read("proofs/sigsum-ts-stray-line.proof"))
    assert e.value.line == 8
    assert "cosignature" in str(e.value)


@pytest.mark.parametrize(
    "file,line",
    [
        ("sigsum-rs-sigsum-signature_extra-line.proof", 4),
        ("sigsum-rs-sigsum-signature_missing-part.proof", None),
        ("sigsum-rs-sigsum-signature_too-many-parts.proof", None),
        ("sigsum-rs-sigsum-signature_version-not-supported.proof", 1),
    ],
)
def test_sigsum_rs_parse_rejects(file, line):
    case = ACCEPT["barreleye-v1-odd"]
    with pytest.raises(sc.ProofFormatError) as e:
        run(case, proof=read("proofs/" + file))
    if line is not None:
        assert e.value.line == line
    assert e.value.line is not None
    assert str(e.value).startswith(f"malformed proof: line {e.value.line}: ")


@pytest.mark.parametrize("name,known", [("sigsum-test2-2025", 2), ("sigsum-test-2025-3", 1)])
def test_sigsum_rs_quorum_not_met_under_other_builtins(name, known):
    """The sigsum-rs proof's cosignatures cannot meet these quorums: the
    verifier sees it before checking any signature."""
    case = ACCEPT["sigsum-rs-barreleye-v2"]
    with pytest.raises(sc.QuorumError) as e:
        run(case, policy=sc.Policy.builtin(name))
    assert (e.value.verified, e.value.failed, e.value.total_known) == (0, 0, known)
    assert str(e.value) == (
        f"quorum not met: 0 valid and 0 invalid of {known} cosignatures from known witnesses")


@pytest.mark.parametrize("which", ["hello-again", "old-friend"])
def test_legacy_tools_bad_leaf_signature(which):
    with pytest.raises(sc.LeafSignatureError) as e:
        sc.verify(
            read(f"proofs/legacy-tools-{which}.proof"),
            signer_keys=read("proofs/legacy-tools-signer.pub"),
            policy=sc.Policy.from_text(read("proofs/legacy-tools.policy")),
            data=read(f"proofs/legacy-tools-{which}.data"),
        )
    assert str(e.value) == MSG["leaf"]


# --- errors are one hierarchy; arguments ------------------------------------

def test_hierarchy():
    for cls in (sc.ProofFormatError, sc.ChecksumMismatchError, sc.UnknownSignerError,
                sc.UnknownLogError, sc.InclusionError, sc.LeafSignatureError,
                sc.LogSignatureError, sc.QuorumError, sc.PolicyError,
                sc.KeyFormatError, sc.CheckpointError, sc.FreshnessError):
        assert issubclass(cls, sc.SigsumError)
        assert cls.step != sc.SigsumError.step
    steps = [c.step for c in sc.SigsumError.__subclasses__()]
    assert len(steps) == len(set(steps)) == 12


def test_bad_signer_key_file_is_key_error():
    case = ACCEPT["pa"]
    with pytest.raises(sc.KeyFormatError) as e:
        run(case, keys=b"ssh-ed25519 AAAA\n")
    assert (e.value.line, e.value.column) == (1, 13)
    assert str(e.value) == "line 1, column 13: key blob is not an ssh-ed25519 key"
    with pytest.raises(sc.KeyFormatError) as e:
        run(case, keys=b"\n# comment\nssh-ed25519 AAA!\n")
    assert (e.value.line, e.value.column) == (3, 13)
    assert str(e.value) == "line 3, column 13: invalid base64 in key"


def test_arguments():
    case = ACCEPT["pa"]
    with pytest.raises(TypeError, match="exactly one of data= and message="):
        sc.verify(read(case["proof"]), signer_keys=read(case["keys"]),
                  policy=case["policy"](), data=b"x", message=bytes(32))
    with pytest.raises(TypeError, match="exactly one"):
        sc.verify(read(case["proof"]), signer_keys=read(case["keys"]),
                  policy=case["policy"]())
    with pytest.raises(ValueError, match="message must be 32 bytes, got 31"):
        run(case, message=bytes(31))
    with pytest.raises(ValueError, match="signer key 0 must be 32 bytes, got 3"):
        run(case, keys=[b"abc"])
    with pytest.raises(TypeError):
        run(case, keys="not bytes")
    with pytest.raises(TypeError):
        run(case, proof="a str proof")
    with pytest.raises(TypeError):
        sc.verify(read(case["proof"]), read(case["keys"]), case["policy"](),
                  message=read(case["message"]))
    # bytearray works as bytes
    v = run(case, proof=bytearray(read(case["proof"])), keys=bytearray(read(case["keys"])))
    assert v.leaf_index == 3


@pytest.mark.parametrize("name", NAMES)
def test_accept_with_key_file_object(name):
    case = ACCEPT[name]
    assert run(case, keys=sc.KeyFile(read(case["keys"]))).tree_size == run(case).tree_size


def test_threads_share_a_policy():
    """verify releases the GIL: threads verifying at once agree."""
    from concurrent.futures import ThreadPoolExecutor

    case = ACCEPT["serviceberry-text"]
    policy = case["policy"]()
    proof, keys, data = read(case["proof"]), read(case["keys"]), read(case["data"])
    bad = edit(proof, "signature", flip_last_hex)

    def one(i):
        p = bad if i % 3 == 0 else proof
        try:
            return sc.verify(p, signer_keys=keys, policy=policy, data=data).tree_size
        except sc.LogSignatureError:
            return "bad"

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(one, range(60)))
    assert results == ["bad" if i % 3 == 0 else 381382 for i in range(60)]


SEED11_HEX = "66e0b858e462a609e66fe71370c816d8846ff103d5499a22a7fec37fdbc424a7"


def unmeetable_serviceberry_policy():
    """The serviceberry log with a quorum of one witness that never signed."""
    log = [l for l in read("real/sigsum-test-2025-3.policy").split(b"\n") if l.startswith(b"log ")]
    return sc.Policy.from_text(b"\n".join(log) + f"\nwitness W {SEED11_HEX}\nquorum W\n".encode())


def test_fallback_policies():
    case = ACCEPT["serviceberry-builtin"]
    good = sc.Policy.builtin("sigsum-test-2025-3")
    no_log = sc.Policy.from_text(read("proofs/pb.policy"))
    assert run(case).policy_index == 0
    assert run(case, policy=[good, no_log]).policy_index == 0
    assert run(case, policy=(no_log, good)).policy_index == 1
    v = run(case, policy=[unmeetable_serviceberry_policy(), no_log, good])
    assert (v.policy_index, v.tree_size) == (2, 381382)


def test_fallback_policies_twins():
    case = ACCEPT["serviceberry-builtin"]
    no_log = sc.Policy.from_text(read("proofs/pb.policy"))
    # None holds: the primary policy's error.
    with pytest.raises(sc.QuorumError) as e:
        run(case, policy=[unmeetable_serviceberry_policy(), no_log])
    assert str(e.value) == "quorum not met: 0 valid and 0 invalid of 0 cosignatures from known witnesses"
    with pytest.raises(sc.UnknownLogError):
        run(case, policy=[no_log, sc.Policy.from_text(read("proofs/pa.policy"))])
    with pytest.raises(sc.PolicyError) as e:
        run(case, policy=[])
    assert str(e.value) == "no policy given"
    with pytest.raises(TypeError, match="policy must be a Policy or a list of Policy objects"):
        run(case, policy=[no_log, "sigsum-test-2025-3"])
    with pytest.raises(TypeError):
        run(case, policy="sigsum-test-2025-3")


def test_freshness():
    v = run(ACCEPT["serviceberry-builtin"])
    t = v.quorum_timestamp
    v.check_freshness(now=t + 60, max_age=60)
    v.check_freshness(now=t - 300, max_age=0)
    with pytest.raises(sc.FreshnessError) as e:
        v.check_freshness(now=t + 61, max_age=60)
    assert e.value.step == "freshness"
    with pytest.raises(sc.FreshnessError):
        v.check_freshness(now=t - 301, max_age=0)
    none = run(ACCEPT["pb-quorum-none"])
    with pytest.raises(sc.FreshnessError):
        none.check_freshness(now=0, max_age=10)


def test_installed_not_source():
    """The tests run against the installed wheel, not bindings/python."""
    assert "site-packages" in sc.__file__, sc.__file__
    assert sc._native.__file__.endswith((".so", ".pyd"))

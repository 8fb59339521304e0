"""verify_many(): the verdict and error of verify() for each proof, with
keys decoded once and each cosigned tree head verified once."""

import pytest

import sigsum_core as sc
from conftest import read
from test_verify import edit, flip_last_hex


def outcome(f):
    """verify()'s result as comparable values: the Verified fields, or the
    exception class and message."""
    try:
        v = f()
    except sc.SigsumError as e:
        return (type(e), str(e), e.step, e.line)
    return describe(v)


def describe(v):
    if isinstance(v, sc.SigsumError):
        return (type(v), str(v), v.step, v.line)
    return (v.leaf_index, v.tree_size, v.cosignatures_verified, v.cosignatures_failed,
            v.quorum_timestamp, v.log_key_hash, v.signer_key_hash)


def variants():
    """The serviceberry proof and twins that share or change its tree
    head: other data, a bad log signature, bad cosignatures, a bad node,
    a malformed proof."""
    proof = read("real/serviceberry-v2.proof")
    data = read("real/serviceberry.message")
    bad_cosigs = proof
    for i in range(8):
        bad_cosigs = edit(bad_cosigs, "cosignature", flip_last_hex, nth=i)
    return [
        (proof, data),
        (proof, data + b"x"),
        (edit(proof, "signature", flip_last_hex), data),
        (bad_cosigs, data),
        (edit(proof, "node_hash", flip_last_hex), data),
        (proof.replace(b"size=", b"sizes=", 1), data),
        (proof, data),
    ]


def test_same_results_as_verify():
    keys = read("real/serviceberry-signer.pub")
    policy = sc.Policy.builtin("sigsum-test-2025-3")
    items = variants()
    want = [outcome(lambda p=p, d=d: sc.verify(p, signer_keys=keys, policy=policy, data=d))
            for p, d in items]
    got = sc.verify_many([p for p, _ in items], signer_keys=keys, policy=policy,
                         data=[d for _, d in items])
    assert [describe(v) for v in got] == want
    # The accepted ones and each failure kind are there.
    assert isinstance(got[0], sc.Verified) and isinstance(got[6], sc.Verified)
    assert isinstance(got[1], sc.InclusionError)
    assert isinstance(got[2], sc.LogSignatureError)
    assert isinstance(got[3], sc.QuorumError)
    assert isinstance(got[5], sc.ProofFormatError)
    # The last proof reused the first one's tree head: only its leaf
    # signature was checked.
    assert got[0].signature_checks == 6
    assert got[6].signature_checks == 1


def test_messages_and_argument_errors():
    keys = read("real/serviceberry-signer.pub")
    policy = sc.Policy.builtin("sigsum-test-2025-3")
    proof = read("real/serviceberry-v2.proof")
    message = sc.sha256(read("real/serviceberry.message"))
    [v] = sc.verify_many([proof], signer_keys=keys, policy=policy, messages=[message])
    assert v.tree_size == 381382
    assert sc.verify_many([], signer_keys=keys, policy=policy, data=[]) == []
    with pytest.raises(TypeError, match="exactly one of data= and messages="):
        sc.verify_many([proof], signer_keys=keys, policy=policy)
    with pytest.raises(TypeError, match="exactly one of data= and messages="):
        sc.verify_many([proof], signer_keys=keys, policy=policy, data=[b""], messages=[message])
    with pytest.raises(ValueError, match="1 proofs but 2 messages"):
        sc.verify_many([proof], signer_keys=keys, policy=policy, messages=[message, message])
    with pytest.raises(ValueError, match="message 0 must be 32 bytes"):
        sc.verify_many([proof], signer_keys=keys, policy=policy, messages=[b"short"])
    with pytest.raises(TypeError, match="one policy for the batch"):
        sc.verify_many([proof], signer_keys=keys, policy=[policy], messages=[message])
    with pytest.raises(TypeError, match="each proof must be bytes"):
        sc.verify_many(["text"], signer_keys=keys, policy=policy, messages=[message])

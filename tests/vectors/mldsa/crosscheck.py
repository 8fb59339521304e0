#!/usr/bin/env python3
"""Cross-check of the ML-DSA-44 cosignature vectors with dilithium-py, a
pure Python FIPS 204 implementation we did not write.

    pip install dilithium-py==1.5.1      (in a scratch virtualenv)
    python3 crosscheck.py                write dilithium-py.json
    python3 crosscheck.py --check        only check (the committed files)

For each case of rustcrypto.json (written by sigsum-core/tests/mldsa.rs):
the cosigned_message is rebuilt here from the fields and must equal ours;
the key derived from the seed, the key id and our deterministic signature
must equal dilithium-py's; our signature must verify with dilithium-py;
a randomized ("hedged") dilithium-py signature is written to
dilithium-py.json for sigsum-core's tests to verify. Also checks the real
torchwood vector (torchwood-mldsa-log.*). Pure ML-DSA, empty context.
"""
import base64
import hashlib
import json
import os
import sys

from dilithium_py.ml_dsa import ML_DSA_44

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "dilithium-py.json")


def cosigned_message(name, ts, origin, start, end, root):
    """tlog-cosignature, "ML-DSA-44 signed message", field by field."""
    assert 1 <= len(name) <= 255 and 1 <= len(origin) <= 255
    return (b"subtree/v1\n\x00" + bytes([len(name)]) + name + ts.to_bytes(8, "big")
            + bytes([len(origin)]) + origin + start.to_bytes(8, "big")
            + end.to_bytes(8, "big") + root)


def key_id(name, pk):
    return hashlib.sha256(name + b"\n\x06" + pk).digest()[:4].hex()


def check_torchwood():
    vkey = open(os.path.join(HERE, "torchwood-mldsa-log.vkey")).read().strip()
    name, kid, k = vkey.split("+", 2)
    raw = base64.b64decode(k, validate=True)
    assert raw[0] == 6 and len(raw) == 1313
    pk = raw[1:]
    assert key_id(name.encode(), pk) == kid
    seed = bytes.fromhex("2886adc2b0eabfce67c0472939127998bf886cf256bfee8ba76a253fce1146e0")
    assert ML_DSA_44.key_derive(seed)[0] == pk
    body, sigs = open(os.path.join(HERE, "torchwood-mldsa-log.checkpoint")).read().split("\n\n")
    origin, size, root = body.split("\n")[:3]
    blob = base64.b64decode(sigs.strip().rsplit(" ", 1)[1], validate=True)
    assert blob[:4].hex() == kid and len(blob) == 4 + 8 + 2420
    ts = int.from_bytes(blob[4:12], "big")
    msg = cosigned_message(name.encode(), ts, origin.encode(), 0, int(size), base64.b64decode(root))
    assert ML_DSA_44.verify(pk, msg, blob[12:])
    assert not ML_DSA_44.verify(pk, msg[:-1] + bytes([msg[-1] ^ 1]), blob[12:])


def main():
    check = "--check" in sys.argv[1:]
    check_torchwood()
    ours = json.load(open(os.path.join(HERE, "rustcrypto.json")))["cases"]
    old = json.load(open(OUT))["cases"] if check else None
    out = []
    for i, c in enumerate(ours):
        name, origin = c["cosigner"].encode(), c["origin"].encode()
        msg = cosigned_message(name, int(c["timestamp"]), origin, int(c["start"]),
                               int(c["end"]), bytes.fromhex(c["hash"]))
        assert msg.hex() == c["message"], f"case {i}: message layout differs"
        pk, sk = ML_DSA_44.key_derive(bytes.fromhex(c["seed"]))
        assert pk.hex() == c["public_key"], f"case {i}: key"
        assert key_id(name, pk) == c["key_id"], f"case {i}: key id"
        ours_sig = bytes.fromhex(c["signature"])
        assert ML_DSA_44.verify(pk, msg, ours_sig), f"case {i}: ours rejected"
        assert not ML_DSA_44.verify(pk, msg + b"x", ours_sig)
        det = ML_DSA_44.sign(sk, msg, deterministic=True)
        assert det == ours_sig, f"case {i}: deterministic signatures differ"
        if check:
            hedged = bytes.fromhex(old[i]["hedged_signature"])
            assert old[i]["message"] == c["message"] and old[i]["public_key"] == c["public_key"]
        else:
            hedged = ML_DSA_44.sign(sk, msg)
        assert hedged != det and ML_DSA_44.verify(pk, msg, hedged), f"case {i}: hedged"
        out.append({"message": msg.hex(), "public_key": pk.hex(),
                    "deterministic_signature": det.hex(), "hedged_signature": hedged.hex()})
    if not check:
        doc = {"_comment": "Written by crosscheck.py with dilithium-py 1.5.1 (pure Python FIPS 204): "
               "for each case of rustcrypto.json, dilithium-py's key from the seed, its deterministic "
               "signature (equal to RustCrypto's) and a randomized (hedged) signature of the message, "
               "pure ML-DSA-44, empty context.", "cases": out}
        with open(OUT, "w") as f:
            json.dump(doc, f, indent=2)
            f.write("\n")
    print(f"dilithium-py: {len(ours)} cases and the torchwood vector agree" + (" (checked)" if check else ", wrote dilithium-py.json"))


if __name__ == "__main__":
    main()

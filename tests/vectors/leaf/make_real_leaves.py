#!/usr/bin/env python3
"""Writes real-leaves.txt: real Sigsum leaf signatures with their inclusion
proofs, each re-verified here independently of sigsum-core (hashlib and the
`cryptography` package's Ed25519). Values are copied from the public
sources named on each case's `source` line (the Sigsum `log.md` §3.5
add-leaf example; sigsum-go `pkg/proof/proof_test.go` for P-a and P-b;
lsd-cat/sigsum-ts `src/tests/verify.test.ts` for P-d) and read from
tests/vectors/real/ for P-e. The labels P-a to P-e are those of
tests/vectors/proofs/README.md. Run: python3 make_real_leaves.py
"""
import hashlib
import os

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

H = lambda b: hashlib.sha256(b).digest()
HERE = os.path.dirname(os.path.abspath(__file__))
REAL = os.path.join(HERE, "..", "real")


def node(l, r):
    return H(b"\x01" + l + r)


def fold(leaf, index, size, path):
    """RFC 9162 §2.1.3.2 inclusion fold."""
    fn, sn, r = index, size - 1, leaf
    path = list(path)
    while sn > 0:
        if fn & 1:
            r = node(path.pop(0), r)
        elif fn < sn:
            r = node(r, path.pop(0))
        fn >>= 1
        sn >>= 1
    assert not path
    return r


serviceberry = open(os.path.join(REAL, "serviceberry-v2.proof")).read().splitlines()
sb = {}
for line in serviceberry:
    if "=" in line:
        k, v = line.split("=", 1)
        sb.setdefault(k, []).append(v)

CASES = [
    dict(
        name="log-md-add-leaf",
        source="sigsum/sigsum log.md §3.5 add-leaf example (no inclusion proof)",
        message=bytes.fromhex("50d858e0985ecc7f60418aaf0cc5ab587f42c2570a884095a9e8ccacd0f6545c"),
        public_key="a9e92dedad449c12e59ef2a1fb272efd3e8a9d69e8c632d29f50dff603687925",
        signature="510567c6349bb92984b480c43dd6e818d46578e9f4d6a69d8bac7b209463cc965129ff4776d1dc882e9963087de0d2bc57568a76b7bfe4569fac80512e70bb09",
    ),
    dict(
        name="P-a",
        source="sigsum-go pkg/proof/proof_test.go TestVerify (proof P-a, tests/vectors/proofs/pa.proof)",
        message=b"%31s\n" % b"foo-4",
        public_key="c74b7315630804141db0f88c27c53fe7fcbf59e6ca35a4abaad789ec6b2bc208",
        key_hash="8a578b9649ba01b7d29dd557906975d68a3aec50e3f9c08690420b8c6426856d",
        signature="79b489a38548a67d78f06221b014d41be58b703237d17b4f203f0dd4ead9e2597149c2f118894581ce7473a61fa880716af6ff2138bade2cecc4b297099bf104",
        leaf_hash="3dc2f47aeae31b48bfd0756a527ed495cd344d95ea53480357ca780f84d6aabf",
        index=3, size=4,
        root="3ddc56fd46e71e517b6936b977a457da7d398108141fcdf5c8386cdd724ab7a8",
        path=["61010ae798308f5b97237615ab8c1b14f2c782c37616e97d0a170b617bc7a4ce",
              "a5c3752be610d605ce5c64ee2e28ee5b94a1cc0a68742f18f24c9b5c82d07298"],
    ),
    dict(
        name="P-b",
        source="sigsum-go pkg/proof/proof_test.go TestVerifyNoCosignatures (proof P-b, tests/vectors/proofs/pb.proof)",
        message=b"%31s\n" % b"foo-4",
        public_key="c08c4c634c35ed473f6bacfdd479741a72ad23c380f43d997e63f62a9b2c84be",
        key_hash="69512577a0f3c2695011ddc549756099017b7e2c8390341cbb24c57e886775f1",
        signature="262737d935123272b9e3265fe2e38a014a9c1b13951e864737666251ada26dabbc6e699a4e527ec52a0be970e158abef35f087766d18d560853a44855119cf01",
        leaf_hash="9c056f0d9e24a2371e50fc05bced72f454ea8e9c43238f6ba7249afe7e0d9973",
        index=3, size=4,
        root="7bca01e88737999fde5c1d6ecac27ae3cb49e14f21bcd3e7245c276877b899c9",
        path=["e7d222a285ca81fdc76bfcd5513408c87dd42a18e03d6c3b672a05982163c01b",
              "15cdc42440689a6f7599e09f61a4d638420cb58662f5994def1624ea4d923879"],
    ),
    dict(
        name="P-d",
        source="real barreleye test log, lsd-cat/sigsum-ts src/tests/verify.test.ts PROOF (proof P-d, tests/vectors/proofs/barreleye-v1-odd.proof); data \"test\\n\"",
        message=H(b"test\n"),
        public_key="236bb3cff541f16b1c357624d20f258cc48b7c57080ff7de60c971df70c04ad8",
        key_hash="00004cce3ad5f54dceb2e20788b72b1c91a8c3913e7866670f5752fe14009f4d",
        signature="7fdadea21d3268bceb9c4959f25ed8d7a0be2e23637bbcf795b861498626928bcde9180591c5d3c1d6b15b0b6a36df329226d312cde0bb36331888194df1680a",
        index=929, size=930,
        root="f24ca2b7b234c380438fbeb7e6a3e7481705adf22b8ecab47ca049b31b642bd8",
        path=["77c4b148100a011c490dd23bead8e08f9bdafe27675082f6ec00b0725b8ef8fd",
              "0736f9e2aad3b8c89c4dbb01f71d3c38d0ace393079dcaf8edd9b61ab9adca84",
              "abc5352f9af6df2f2c0a06381043393af36555170c01b3004507af7d36fd22a4",
              "4e301e7ae4f9abb0c710cae380daa991b95528b0d631ce04a001c28236e4f938",
              "b6be547daa4f6b3d42628bb14020e9b2d73a4ee8cf3c4e0a3b88793916926f27"],
    ),
    dict(
        name="P-e",
        source="real serviceberry test log, tests/vectors/real/serviceberry-v2.proof (proof P-e, from mullvad/sigsum-rs)",
        message=H(open(os.path.join(REAL, "serviceberry.message"), "rb").read()),
        public_key=open(os.path.join(REAL, "serviceberry-signer.hex")).read().strip(),
        key_hash=sb["leaf"][0].split()[0],
        signature=sb["leaf"][0].split()[1],
        index=int(sb["leaf_index"][0]), size=int(sb["size"][0]),
        root=sb["root_hash"][0],
        path=sb["node_hash"],
    ),
]

out = [
    "# Real Sigsum leaves: submitter message, key and leaf signature, and (where",
    "# available) the leaf's inclusion proof in a real or test log.",
    "# Generated and independently re-verified (hashlib + cryptography Ed25519)",
    "# by make_real_leaves.py; sources on each `source=` line.",
    "# Blocks of key=value lines separated by empty lines. message = the 32-byte",
    "# message the submitter signs over (checksum = H(message)); checksum,",
    "# key_hash, leaf (128 bytes) and leaf_hash are derived and checked here.",
    "",
]
for c in CASES:
    msg = c["message"]
    assert len(msg) == 32
    checksum = H(msg)
    pub = bytes.fromhex(c["public_key"])
    sig = bytes.fromhex(c["signature"])
    kh = H(pub)
    if "key_hash" in c:
        assert kh.hex() == c["key_hash"], c["name"]
    signed = b"sigsum.org/v1/tree-leaf\x00" + checksum
    assert len(signed) == 56
    Ed25519PublicKey.from_public_bytes(pub).verify(sig, signed)
    leaf = checksum + sig + kh
    lh = H(b"\x00" + leaf)
    if "leaf_hash" in c:
        assert lh.hex() == c["leaf_hash"], c["name"]
    if "root" in c:
        path = [bytes.fromhex(p) for p in c["path"]]
        assert fold(lh, c["index"], c["size"], path).hex() == c["root"], c["name"]
    out += [
        f"name={c['name']}",
        f"source={c['source']}",
        f"message={msg.hex()}",
        f"checksum={checksum.hex()}",
        f"public_key={pub.hex()}",
        f"key_hash={kh.hex()}",
        f"signature={sig.hex()}",
        f"signed_data={signed.hex()}",
        f"leaf={leaf.hex()}",
        f"leaf_hash={lh.hex()}",
    ]
    if "root" in c:
        out += [f"index={c['index']}", f"size={c['size']}", f"root={c['root']}"]
        out += [f"node_hash={p}" for p in c["path"]]
    out.append("")

with open(os.path.join(HERE, "real-leaves.txt"), "w") as f:
    f.write("\n".join(out))
print("ok", len(CASES))

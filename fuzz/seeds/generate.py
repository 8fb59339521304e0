#!/usr/bin/env python3
"""Regenerate the committed seed corpora in fuzz/seeds/<target>/ from
tests/vectors/ (run from anywhere: python3 fuzz/seeds/generate.py).

Seeds are small on purpose: libFuzzer grows its own corpus in fuzz/corpus/
(not committed). Byte layouts follow the entry points in fuzz/src/lib.rs."""
import base64, hashlib, os, struct, pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
SEEDS = ROOT / "fuzz" / "seeds"
VEC = ROOT / "tests" / "vectors"


def put(target, name, data):
    d = SEEDS / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data)


def real(name):
    return (VEC / "real" / name).read_bytes()


proof = real("serviceberry-v2.proof")
lines = proof.split(b"\n")

# encoding: selector byte (0 decimal, 1 hex32, 2 base64, 3 base64-32) + value
for i, v in enumerate([b"0", b"381382", b"9223372036854775807", b"9223372036854775808", b"01", b"+1", b""]):
    put("encoding", f"dec-{i}", b"\x00" + v)
log_hex = lines[1].split(b"=")[1]
put("encoding", "hex-log", b"\x01" + log_hex)
put("encoding", "hex-upper", b"\x01" + log_hex.upper())
root = bytes.fromhex(lines[5].split(b"=")[1].decode())
put("encoding", "b64-root", b"\x02" + base64.b64encode(root))
put("encoding", "b64-short", b"\x02" + base64.b64encode(b"ab"))
put("encoding", "b64-32", b"\x03" + base64.b64encode(root))

# lines: selector (even strict, odd lenient) + text
put("lines", "proof-strict", b"\x00" + proof)
put("lines", "proof-lenient", b"\x01" + proof)
put("lines", "policy-lenient", b"\x01" + real("sigsum-test-2025-3.policy"))
put("lines", "crlf", b"\x01a=b c d\r\nno newline")
put("lines", "missing-newline", b"\x00x=1\ny=2")

# leaf: the real 128-byte leaf of the serviceberry proof, and short/long
msg = real("serviceberry.message")
checksum = hashlib.sha256(hashlib.sha256(msg).digest()).digest()
kh, sig = lines[2].split(b"=")[1].split(b" ")
leaf = checksum + bytes.fromhex(sig.decode()) + bytes.fromhex(kh.decode())
put("leaf", "real", leaf)
put("leaf", "short", leaf[:127])
put("leaf", "long", leaf + b"\x00")

# tree_head: size u64le, timestamp u64le, root 32, key 32, signature 64
size = int(lines[4].split(b"=")[1])
log_key = bytes.fromhex("47e481606d8acba747a6b053d6c2d191605fb122175d410a1202a91430abce39")
cos = lines[7].split(b"=")[1].split(b" ")
put("tree_head", "real", struct.pack("<QQ", size, int(cos[1])) + root + log_key
    + bytes.fromhex(cos[2].decode()))
put("tree_head", "max", b"\xff" * 144)
put("tree_head", "empty", b"")

# sth_parse: the tree-head part of real proofs
def sth_of(proof_bytes):
    parts = proof_bytes.split(b"\n\n")
    return parts[1] + b"\n" if len(parts) > 1 and not parts[1].endswith(b"\n") else parts[1]

for name in ["serviceberry-v2.proof"]:
    put("sth_parse", "serviceberry", proof.split(b"\n\n")[1] + b"\n")
put("sth_parse", "no-cosig", b"size=1\nroot_hash=" + b"ab" * 32 + b"\nsignature=" + b"cd" * 64 + b"\n")

# proof_parse: every proof vector
for f in sorted((VEC / "proofs").glob("*.proof")) + [VEC / "real" / "serviceberry-v2.proof"]:
    put("proof_parse", f.stem, f.read_bytes())

# proof_verify: the real proof, and variants that must keep verifying
put("proof_verify", "real", proof)
put("proof_verify", "upper-hex", proof.replace(b"root_hash=901f", b"root_hash=901F"))
put("proof_verify", "fewer-cosigs", b"\n".join(l for i, l in enumerate(lines) if i not in (7, 8)))

# policy_text / policy_compiled: 32 bytes of witness set, then the policy
sets = [b"\xff" * 32, b"\x00" * 32, bytes([0b10110101]) + b"\x00" * 31]
for f in sorted((VEC / "real").glob("*.policy")):
    for i, s in enumerate(sets):
        put("policy_text", f"{f.stem}-{i}", s + f.read_bytes())
blobs = {}
cur = None
for line in (VEC / "policy" / "compiled-policy-vectors.txt").read_text().splitlines():
    if line.startswith("vector "):
        cur = line[7:].replace("/", "-")
    elif line.startswith("compiled ") and cur and len(blobs) < 12:
        blobs[cur] = bytes.fromhex(line[9:])
for name, blob in blobs.items():
    for i, s in enumerate(sets):
        put("policy_compiled", f"{name}-{i}", s + blob)

# merkle: selector, two u64 LE, a hash, then path nodes
def h(i):
    return hashlib.sha256(bytes([i])).digest()

for sel, a, b, n in [(0, 3, 7, 3), (0, 0, 1, 0), (1, 381381, 381382, 10), (3, 2**63, 2**64 - 1, 64), (2, 5, 5, 0)]:
    body = bytes([sel]) + struct.pack("<QQ", a, b) + h(0) + b"".join(h(i + 1) for i in range(n))
    put("merkle_inclusion", f"s{sel}-{a}-{b}", body)
    put("merkle_consistency", f"s{sel}-{a}-{b}", body)
put("merkle_inclusion", "empty", b"")
put("merkle_consistency", "empty", b"")

# note_parse / checkpoint: checkpoint vectors and cosignature-line blocks
for f in sorted((VEC / "checkpoint").glob("*.checkpoint")):
    put("note_parse", f.stem, f.read_bytes())
    put("checkpoint", f.stem, f.read_bytes())
for f in sorted((VEC / "checkpoint").glob("*.txt")):
    put("note_parse", f.stem, f.read_bytes())

# keys: selector (0 hex, 1 PEM, 2 SPKI DER, 3 ssh line, 4 ssh file, 5 vkey)
def unescape(s):
    return s.replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t").replace("\\\\", "\\").encode()

for i, line in enumerate((VEC / "keys" / "keys.tsv").read_text().splitlines()[1:6]):
    hexkey, sshline, pemfile = line.split("\t")[:3]
    put("keys", f"hex-{i}", b"\x00" + hexkey.encode())
    put("keys", f"ssh-{i}", b"\x03" + sshline.encode())
    if pemfile != "-":
        pemtext = (VEC / "keys" / pemfile).read_bytes()
        put("keys", f"pem-{i}", b"\x01" + pemtext)
        b64 = b"".join(l for l in pemtext.splitlines() if not l.startswith(b"-----"))
        put("keys", f"der-{i}", b"\x02" + base64.b64decode(b64))
for f in sorted((VEC / "keys" / "keyfiles").glob("*.keys"))[:8]:
    put("keys", f"file-{f.stem}", b"\x04" + f.read_bytes())
for i, line in enumerate((VEC / "keys" / "vkeys.tsv").read_text().splitlines()[1:6]):
    put("keys", f"vkey-{i}", b"\x05" + unescape(line.split("\t")[0]))

# policy_differential: as policy_text
for f in sorted((VEC / "real").glob("*.policy")):
    for i, s in enumerate(sets):
        put("policy_differential", f"{f.stem}-{i}", s + f.read_bytes())

# ffi: selector (0 parse, 1 verify, 2 text policy, 3 compiled, 4 builtin name),
# capacity byte (low nibble x5 cosignatures, high nibble x5 path; 0 = NULL)
put("ffi", "parse-real", b"\x00\xff" + proof)
put("ffi", "parse-null", b"\x00\x00" + proof)
put("ffi", "parse-small", b"\x00\x11" + proof)
put("ffi", "parse-empty", b"\x00\x00")
put("ffi", "verify-real", b"\x01\x00" + proof)
put("ffi", "text-policy", b"\x02\x00" + real("sigsum-test-2025-3.policy"))
put("ffi", "compiled-policy", b"\x03\x00" + next(iter(blobs.values())))
put("ffi", "builtin", b"\x04\x00sigsum-test-2025-3")
put("ffi", "builtin-bad", b"\x04\x00Sigsum")

# C2SP: the Oak tlog-proof, its checkpoint, its policy; a real checkpoint of
# a non-Sigsum log.
c2sp = VEC / "c2sp"
oak = (c2sp / "oak-test.tlog-proof").read_bytes()
put("tlog_proof", "oak", oak)
put("tlog_checkpoint", "oak", oak[oak.index(b"\n\n") + 2:])
put("tlog_checkpoint", "serverless", (c2sp / "serverless-test-52.checkpoint").read_bytes())
put("tlog_policy", "oak", (c2sp / "oak-test.policy").read_bytes())
# spic: 2-byte little-endian policy length, spic policy, spic proof
spic_policy = (VEC / "spic" / "serviceberry.policy.bin").read_bytes()
spic_proof = (VEC / "spic" / "serviceberry.proof.bin").read_bytes()
doc_policy = bytes.fromhex((VEC / "spic" / "doc-example.policy.hex").read_text())
doc_proof = bytes.fromhex((VEC / "spic" / "doc-example.proof.hex").read_text())
put("spic", "serviceberry", struct.pack("<H", len(spic_policy)) + spic_policy + spic_proof)
put("spic", "doc-example", struct.pack("<H", len(doc_policy)) + doc_policy + doc_proof)
put("spic", "quorum-none", b"\x24\x00\x01" + bytes(32) + b"\x00\x01\x00" + spic_proof)

# tkey: 2-byte little-endian policy-blob length, blob, proof (+ message)
tkey_policy = (VEC / "tkey" / "serviceberry.policy.bin").read_bytes()
tkey_proof = (VEC / "tkey" / "serviceberry.proof.bin").read_bytes()
put("tkey", "serviceberry", struct.pack("<H", len(tkey_policy)) + tkey_policy + tkey_proof)
put("tkey", "with-message", struct.pack("<H", len(tkey_policy)) + tkey_policy + tkey_proof + b"Hello")


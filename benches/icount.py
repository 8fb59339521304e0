#!/usr/bin/env python3
"""Instruction counts per operation (valgrind callgrind), and the same
ratio table as report.py: deterministic, independent of machine load.

    python3 benches/icount.py          (builds the example first)

Each op runs N1 and N2 times under callgrind; (I(N2) - I(N1)) / (N2 - N1)
is its cost in instructions, setup excluded."""
import json, pathlib, re, subprocess, sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
subprocess.run(["cargo", "build", "--release", "-q", "-p", "sigsum-benches", "--example", "icount"],
               cwd=ROOT, check=True)
exe = ROOT / "target" / "release" / "examples" / "icount"
OPS = ["floor/sha256-65B", "floor/ed25519-verify", "core/hash-node", "core/leaf-hash",
       "merkle/inclusion-2^40", "ours/proof-parse", "ours/proof-verify", "ours/parse-verify",
       "ours/proof-hashing", "ours/policy-parse", "ours/policy-compile", "ours/compiled-load",
       "ours/checkpoint-parse", "ours/quorum-text",
       "floor/ed25519-prepared", "ours/prepared-verify", "batch/verify-1000", "batch/hashing-1000",
       "sigsum03/proof-parse", "sigsum03/proof-verify", "sigsum03/parse-verify",
       "sigsum03/policy-parse", "ours/tlog-proof-verify", "ours/tlog-proof-hashing",
       "ours/tlog-policy-parse", "binary/spic-parse-verify", "binary/tkey-parse-verify"]


def instructions(op, n):
    out = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                          str(exe), op, str(n)], capture_output=True, text=True, check=True).stderr
    m = re.search(r"Collected : (\d+)", out)
    return int(m.group(1))


cost = {}
for op in OPS:
    n1, n2 = (1, 2) if op.startswith("batch/") else (1, 6) if "verify" in op or "prepared" in op else (1, 51)
    cost[op] = (instructions(op, n2) - instructions(op, n1)) / (n2 - n1)

meta_path = ROOT / "target" / "criterion" / "sigsum-meta.json"
checks = json.loads(meta_path.read_text())["signature_checks"] if meta_path.exists() else 6  # the real proof's count (no criterion run yet)

print("| operation | instructions |")
print("|---|---:|")
for op in OPS:
    print(f"| `{op}` | {cost[op]:,.0f} |")
c = cost
rows = [
    ("proof parse", c["sigsum03/proof-parse"] / c["ours/proof-parse"], ">= 10x faster"),
    ("parse + verify", c["sigsum03/parse-verify"] / c["ours/parse-verify"], ">= 1.5x faster"),
    ("proof verify (parsed)", c["sigsum03/proof-verify"] / c["ours/proof-verify"], "(info)"),
    ("policy parse", c["sigsum03/policy-parse"] / c["ours/policy-parse"], "(info)"),
]
print("\n| what | sigsum 0.3 / ours | target |")
print("|---|---:|---|")
for what, r, want in rows:
    print(f"| {what} | {r:.2f}x | {want} |")
floor = checks * c["floor/ed25519-verify"] + c["ours/proof-hashing"]
print(f"\nverify / ({checks} x Ed25519 + hashing) = {c['ours/proof-verify'] / floor:.3f} (target <= 1.05)")
print(f"parse + verify / ({checks} x Ed25519 + hashing) = {c['ours/parse-verify'] / floor:.3f}")
# The binary formats (same proof, same 6 signature checks; the TKey policy
# blob is loaded each time, which hashes its 12 keys).
for fmt in ("spic", "tkey"):
    op = f"binary/{fmt}-parse-verify"
    print(f"{fmt} parse + verify / ASCII parse + verify = {c[op] / c['ours/parse-verify']:.3f}; "
          f"/ {checks} x Ed25519 = {c[op] / (checks * c['floor/ed25519-verify']):.3f}")
print(f"inclusion 2^40 (40 nodes) / (40 x node hash) = {c['merkle/inclusion-2^40'] / (40 * c['core/hash-node']):.3f} (target <= 1.10)")
tlog_floor = 4 * c["floor/ed25519-verify"] + c["ours/tlog-proof-hashing"]
print(f"tlog-proof parse + verify / (4 x Ed25519 + hashing) = {c['ours/tlog-proof-verify'] / tlog_floor:.3f} (target <= 1.05)")
prep_floor = checks * c["floor/ed25519-prepared"] + c["ours/proof-hashing"]
print(f"prepared verify / ({checks} x Ed25519 with a decoded key + hashing) = {c['ours/prepared-verify'] / prep_floor:.3f} (target <= 1.05)")
# 1000 proofs under 10 tree heads: each tree head costs the log signature
# and 4 cosignatures (the quorum's minimum), each proof its leaf signature.
batch_floor = (10 * 5 + 1000) * c["floor/ed25519-prepared"] + c["batch/hashing-1000"]
print(f"batch of 1000 proofs, 10 tree heads / (1050 x Ed25519 with a decoded key + hashing) = {c['batch/verify-1000'] / batch_floor:.3f} (target <= 1.10)")
print(f"1000 independent verifications / batch = {1000 * c['ours/proof-verify'] / c['batch/verify-1000']:.2f}x")

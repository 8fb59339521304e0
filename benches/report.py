#!/usr/bin/env python3
"""Turn criterion's estimates (target/criterion/**/new/estimates.json) into
the ratio table of docs/performance.md.

    python3 benches/report.py [TARGET_DIR]     (default: ./target)

Uses the fastest sample of each benchmark (time / iterations of the best of
criterion's samples): the machine is shared with other jobs, and the
fastest sample is the closest to the uncontended cost; medians are printed
too. Exits 1 if a target ratio is missed,
2 if a benchmark is missing."""
import json, pathlib, sys

target = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target")
crit = target / "criterion"
t = {}
med = {}
for bench in crit.glob("**/new/benchmark.json"):
    info = json.loads(bench.read_text())
    est = json.loads((bench.parent / "estimates.json").read_text())
    sample = json.loads((bench.parent / "sample.json").read_text())
    t[info["full_id"]] = min(x / n for x, n in zip(sample["times"], sample["iters"]))  # ns
    med[info["full_id"]] = est["median"]["point_estimate"]
meta = json.loads((crit / "sigsum-meta.json").read_text())


def get(name):
    if name not in t:
        print(f"missing benchmark {name}; run: cargo bench -p sigsum-benches", file=sys.stderr)
        sys.exit(2)
    return t[name]


def fmt(ns):
    if ns >= 1e6:
        return f"{ns / 1e6:.2f} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.2f} µs"
    return f"{ns:.0f} ns"


print("## Timings (this run)\n")
print("| benchmark | fastest sample | median |")
print("|---|---:|---:|")
for k in sorted(t):
    print(f"| `{k}` | {fmt(t[k])} | {fmt(med[k])} |")

ed = get("floor/ed25519-verify")
node = get("core/hash-node")
checks = meta["signature_checks"]
rows = []
# (what, ours, reference, ratio, target text, ok)
def speedup(what, ours, peer, want):
    r = get(peer) / get(ours)
    rows.append((what, fmt(get(ours)), f"sigsum 0.3: {fmt(get(peer))}", f"{r:.1f}x faster",
                 f">= {want}x" if want else "(info)", (r >= want) if want else None))

speedup("proof parse", "ours/proof-parse", "sigsum03/proof-parse", 10)
speedup("parse + verify", "ours/parse-verify", "sigsum03/parse-verify", 1.5)
speedup("proof verify (parsed)", "ours/proof-verify", "sigsum03/proof-verify", None)
speedup("policy parse", "ours/policy-parse", "sigsum03/policy-parse", None)

floor = checks * ed + get("ours/proof-hashing")
r = get("ours/proof-verify") / floor
rows.append(("verify vs floor", fmt(get("ours/proof-verify")),
             f"{checks} x Ed25519 ({fmt(ed)}) + hashing ({fmt(get('ours/proof-hashing'))}) = {fmt(floor)}",
             f"{(r - 1) * 100:+.1f}%", "<= +5%", r <= 1.05))
prep = get("floor/ed25519-prepared")
f = checks * prep + get("ours/proof-hashing")
r = get("ours/prepared-verify") / f
rows.append(("prepared policy, one proof", fmt(get("ours/prepared-verify")),
             f"{checks} x Ed25519 with a decoded key ({fmt(prep)}) + hashing = {fmt(f)}",
             f"{(r - 1) * 100:+.1f}%", "<= +5%", r <= 1.05))
# 1000 proofs, 10 tree heads: per tree head the log signature and the 4
# cosignatures the quorum needs, per proof its leaf signature.
f = (10 * 5 + 1000) * prep + get("batch/hashing-1000")
r = get("batch/verify-1000") / f
rows.append(("1000 proofs, 10 tree heads (batch)", fmt(get("batch/verify-1000")),
             f"1050 x Ed25519 with a decoded key + hashing ({fmt(get('batch/hashing-1000'))}) = {fmt(f)}",
             f"{(r - 1) * 100:+.1f}%", "<= +10%", r <= 1.10))
r = get("batch/independent-1000") / get("batch/verify-1000")
rows.append(("1000 proofs: independent / batch", fmt(get("batch/independent-1000")),
             f"batch: {fmt(get('batch/verify-1000'))}", f"{r:.1f}x faster", "(info)", None))
for k in sorted(t):
    if k.startswith("merkle/inclusion-"):
        n = int(k.rsplit("-len", 1)[1])
        f = n * node
        r = t[k] / f if f else float("inf")
        rows.append((f"inclusion, {k.split('-')[1]} leaves", fmt(t[k]),
                     f"{n} x node hash ({fmt(node)}) = {fmt(f)}",
                     f"{(r - 1) * 100:+.1f}%", "<= +10%", r <= 1.10))
    if k.startswith("merkle/consistency-"):
        n = int(k.rsplit("-len", 1)[1])
        rows.append((f"consistency {k.split('-')[1]} -> {k.split('-')[2]}", fmt(t[k]),
                     f"path {n}: {fmt(n * node)} .. {fmt(2 * n * node)}",
                     f"{t[k] / (n * node):.2f}x path x node", "(info: up to 2 roots)", None))

print(f"\n## Ratios (same run; the real proof needs {checks} signature checks: "
      f"leaf, log, {meta['cosignatures_verified']} of {meta['cosignatures_in_proof']} cosignatures; "
      f"inclusion path {meta['path_len']})\n")
print("| what | ours | reference | ratio | target | met |")
print("|---|---:|---|---:|---|---|")
missed = False
for what, ours, ref, ratio, want, ok in rows:
    mark = "" if ok is None else ("yes" if ok else "**no**")
    missed |= ok is False
    print(f"| {what} | {ours} | {ref} | {ratio} | {want} | {mark} |")
sys.exit(1 if missed else 0)

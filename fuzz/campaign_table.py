#!/usr/bin/env python3
"""Print the campaign table of docs/performance.md from fuzz/campaigns.tsv
and, where present, libFuzzer's own counts in fuzz/logs/<target>.log (the
last campaign line per target wins)."""
import pathlib, re

here = pathlib.Path(__file__).resolve().parent
rows = {}
for line in (here / "campaigns.tsv").read_text().splitlines():
    date, target, wall, execs, corpus, result = line.split("\t")
    rows[target] = (date, int(wall), execs, corpus, result)
print("| target | ended (UTC) | fuzzing time | executions | exec/s | corpus files | result |")
print("|---|---|---:|---:|---:|---:|---|")
total = 0
for target, (date, wall, execs, corpus, result) in rows.items():
    secs = wall
    log = here / "logs" / f"{target}.log"
    if log.exists():
        m = re.findall(r"^Done (\d+) runs in (\d+) second", log.read_text(errors="replace"), re.M)
        if m:
            execs, secs = m[-1][0], int(m[-1][1])
    n = int(execs) if execs.isdigit() else 0
    total += secs
    print(f"| `{target}` | {date[11:16]} | {secs} s | {n:,} | {n // max(secs, 1):,} | {corpus} | {result} |")
print(f"\nTotal fuzzing time {total} s over {len(rows)} targets.")

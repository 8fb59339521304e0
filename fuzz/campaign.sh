#!/usr/bin/env bash
# Long fuzz campaign: every target (or the ones named), one at a time, one
# libFuzzer process each (the machine is shared), niced, for SECS seconds
# each (default 600). Nightly + AddressSanitizer when available, else
# stable without sanitizer. Appends one line per target to
# fuzz/campaigns.tsv: date, target, seconds, executions, corpus size, result.
#   fuzz/campaign.sh [-t SECS] [target...]
set -uo pipefail
cd "$(dirname "$0")"
SECS=600
if [ "${1:-}" = "-t" ]; then SECS="$2"; shift 2; fi
if rustup toolchain list | grep -q '^nightly'; then TC=(+nightly); SAN=(); else TC=(); SAN=(-s none); fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(cargo "${TC[@]}" fuzz list)
cargo "${TC[@]}" fuzz build "${SAN[@]}" -O
rc=0
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t" "seeds/$t" logs
    start=$(date +%s)
    nice -n 10 cargo "${TC[@]}" fuzz run "${SAN[@]}" -O "$t" "corpus/$t" "seeds/$t" -- \
        -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        > "logs/$t.log" 2>&1
    status=$?
    secs=$(( $(date +%s) - start ))
    execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "logs/$t.log" | tail -n1 | awk '{print $2}')
    corpus=$(find "corpus/$t" -type f | wc -l)
    result=ok; [ $status -eq 0 ] || { result="CRASH"; rc=1; }
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$t" "$secs" "${execs:-?}" "$corpus" "$result" | tee -a campaigns.tsv
done
exit $rc

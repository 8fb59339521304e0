#!/usr/bin/env bash
# Run every benchmark (ours, the sigsum 0.3 peer, the floors) in one
# criterion run with short measurement times, then print the ratio table.
#   benches/run.sh [criterion filter]
# A full run takes a few minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench -p sigsum-benches --bench core -- "$@"
python3 benches/report.py "${CARGO_TARGET_DIR:-target}"

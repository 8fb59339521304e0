#!/usr/bin/env bash
# Build the two WebAssembly modules and their wasm-bindgen glue into pkg/:
#   pkg/sigsum_core_wasm*   the verifier (index.js), no feature
#   pkg/sigsum_core_tools*  the verifier plus tools (tools.js), feature tools
# Needs: rustup target wasm32-unknown-unknown, and wasm-bindgen-cli at the
# version of the wasm-bindgen crate in Cargo.lock (see .ci/bindings).
# OPT=s (default: smaller and faster here than z) or OPT=z chooses the optimisation level for size; no
# wasm-opt pass.
set -euo pipefail
cd "$(dirname "$0")"
opt="${OPT:-s}"
rm -rf pkg
for variant in wasm tools; do
  features=()
  [ "$variant" = tools ] && features=(--features tools)
  CARGO_PROFILE_RELEASE_OPT_LEVEL="$opt" \
    cargo build --release --locked --target wasm32-unknown-unknown "${features[@]}"
  wasm-bindgen --target web --out-dir pkg --out-name "sigsum_core_$variant" \
    target/wasm32-unknown-unknown/release/sigsum_core_wasm.wasm
  echo "pkg/sigsum_core_${variant}_bg.wasm (opt-level $opt): $(wc -c < "pkg/sigsum_core_${variant}_bg.wasm") bytes"
done

#!/usr/bin/env bash
# The playground's part of the test suite: build www/dist, then the end-to-end test in headless Chromium.
# Run after `cargo test --workspace` (it compares with the debug `eventlint` binary that builds).
set -euo pipefail
cd "$(dirname "$0")"
bash build.sh
node tests/e2e.mjs

#!/usr/bin/env bash
# Idempotent installs for the playground build and its browser test; each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")"

rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

# wasm-bindgen-cli must be exactly the wasm-bindgen version in Cargo.lock; it is cached per version. Only the
# `wasm-bindgen` binary, without TLS (that is for the test runner's downloads), which keeps the cold build shorter.
version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' ../Cargo.lock)"
cache="$HOME/.cache/eventlint/wasm-bindgen-$version"
if [[ ! -x "$cache/bin/wasm-bindgen" ]]; then
  cargo install wasm-bindgen-cli --version "$version" --root "$cache" --no-default-features --bin wasm-bindgen
fi

if [[ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]]; then
  sudo=""
  [[ "$(id -u)" == 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq chromium
fi

# npm ci only when the lock file changed since the last install.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund
fi

#!/usr/bin/env bash
# Builds the playground into www/dist/: the wasm module (cargo, wasm-bindgen-cli pinned to Cargo.lock, wasm-opt from
# npm binaryen), then the static site (Vite). No wasm-pack. `bash scripts/setup` installs what this needs.
set -euo pipefail
cd "$(dirname "$0")"
root="$(cd .. && pwd)"
target_dir="${CARGO_TARGET_DIR:-$root/target}"

bindgen_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' "$root/Cargo.lock")"
bindgen="${WASM_BINDGEN:-$HOME/.cache/eventlint/wasm-bindgen-$bindgen_version/bin/wasm-bindgen}"
if [[ ! -x "$bindgen" ]]; then
  echo "error: wasm-bindgen $bindgen_version not found at $bindgen" >&2
  echo "  help: run \`bash scripts/setup\` (it installs wasm-bindgen-cli $bindgen_version there)" >&2
  exit 1
fi
[[ -d node_modules ]] || npm ci --no-audit --no-fund

cargo build --locked -p eventlint_wasm --target wasm32-unknown-unknown --profile wasm
rm -rf pkg
"$bindgen" --target web --no-typescript --out-dir pkg "$target_dir/wasm32-unknown-unknown/wasm/eventlint_wasm.wasm"
node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  pkg/eventlint_wasm_bg.wasm -o pkg/eventlint_wasm_bg.wasm
# The module's size budget: at most 1.5 MB (1,500,000 bytes) after wasm-opt.
budget=1500000
size="$(wc -c < pkg/eventlint_wasm_bg.wasm)"
echo "wasm module: $size bytes after wasm-opt (budget $budget)"
if (( size > budget )); then
  echo "error: the wasm module is $size bytes, over its budget of $budget bytes" >&2
  echo "  help: find what grew with \`twiggy top\` on target/wasm32-unknown-unknown/wasm/eventlint_wasm.wasm" >&2
  exit 1
fi

# The rule pages are served beside the playground (the module leaves them out); vite copies public/ into dist/.
rm -rf public/rules && mkdir -p public/rules && cp ../rules/*.md public/rules/
node_modules/.bin/vite build --logLevel warn
echo "built www/dist/"

#!/usr/bin/env bash
# End-to-end test of .pre-commit-hooks.yaml: pre-commit (from scripts/setup) builds eventlint from this repository at
# HEAD, blocks a commit whose catalog does not load, lets it through once the catalog is fixed, and blocks a schema
# change that breaks compatibility with the last commit (`--against HEAD`).
#
# The hook's release build goes to target/precommit, so a rerun reuses it; the first run compiles everything.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
pre_commit="$repo/.cache/venv/bin/pre-commit"
[ -x "$pre_commit" ] || { echo "FAIL: $pre_commit is missing: run bash scripts/setup" >&2; exit 1; }
rev=$(git -C "$repo" rev-parse HEAD)
"$pre_commit" validate-manifest "$repo/.pre-commit-hooks.yaml"
# action.yml is only run by GitHub; here it must at least be YAML with the steps README.md describes.
"$repo/.cache/venv/bin/python" - "$repo/action.yml" <<'PY'
import sys, yaml
action = yaml.safe_load(open(sys.argv[1]))
assert action["runs"]["using"] == "composite", action["runs"]
uses = [step.get("uses", "") for step in action["runs"]["steps"]]
assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses), uses
PY
# The hooks of the CLI spec §9, as it declares them (the manifest may add aliases, such as `eventlint-compat`).
"$repo/.cache/venv/bin/python" - "$repo/.pre-commit-hooks.yaml" <<'PY'
import sys, yaml
hooks = {hook["id"]: hook for hook in yaml.safe_load(open(sys.argv[1]))}
files = r"\.(ya?ml|avsc)$|(^|/)eventlint\.toml$"
for id, entry, language in [
    ("eventlint", "eventlint check", "rust"),
    ("eventlint-against-head", "eventlint check --against HEAD", "rust"),
    ("eventlint-system", "eventlint check", "system"),
]:
    hook = hooks[id]
    assert (hook["entry"], hook["language"], hook["pass_filenames"], hook["files"]) == (entry, language, False, files), hook
assert hooks["eventlint-compat"]["entry"] == hooks["eventlint-against-head"]["entry"]
PY
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/pre-commit-home" CARGO_TARGET_DIR="$repo/target/precommit"
mkdir -p "$CARGO_TARGET_DIR"
export PATH="$CARGO_TARGET_DIR/release:$PATH"  # for the `language: system` hook, once the rust hook has built it
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE

cd "$work" && mkdir project && cd project
git init -q -b main
git config user.name test && git config user.email test@example.com && git config commit.gpgsign false
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $repo
    rev: $rev
    hooks:
      - id: eventlint
      - id: eventlint-against-head
      - id: eventlint-compat
      - id: eventlint-system
YAML
: > eventlint.toml
# A misspelt key: a load error today (the rule engine will add real findings later).
printf 'eventlint: 1\nmesages: {}\n' > orders.catalog.yaml
"$pre_commit" install >/dev/null
git add .

start=$SECONDS
if git commit -qm "broken catalog" > "$work/first.log" 2>&1; then
  cat "$work/first.log"; echo "FAIL: the commit went through despite a catalog that does not load" >&2; exit 1
fi
first=$((SECONDS - start))
grep -q 'load/unknown-key' "$work/first.log" || { cat "$work/first.log"; echo "FAIL: no load error shown" >&2; exit 1; }
[ "$(git rev-list --all | wc -l)" = 0 ] || { echo "FAIL: a commit was made" >&2; exit 1; }

printf 'eventlint: 1\nmessages: {}\n' > orders.catalog.yaml
git add orders.catalog.yaml
start=$SECONDS
git commit -qm "fixed catalog" > "$work/second.log" 2>&1 || { cat "$work/second.log"; echo "FAIL: the fixed catalog was refused" >&2; exit 1; }
second=$((SECONDS - start))
[ "$(grep -c Passed "$work/second.log")" = 4 ] || { cat "$work/second.log"; echo "FAIL: not every hook passed" >&2; exit 1; }

# A clean model with schemas: nothing in HEAD to compare with yet, so every hook passes.
cp -r "$repo/examples/clean/." .
git add .
git commit -qm "shipping model" > "$work/third.log" 2>&1 || { cat "$work/third.log"; echo "FAIL: the clean model was refused" >&2; exit 1; }

# A field without a default on a FULL_TRANSITIVE topic: the `--against HEAD` hooks refuse it, the others pass.
sed -i 's/^    {"name": "note",/    {"name": "weightGrams", "type": "int", "doc": "Weight."},\n&/' schemas/ShipmentDispatched.avsc
grep -q weightGrams schemas/ShipmentDispatched.avsc || { echo "FAIL: the schema was not changed" >&2; exit 1; }
git add schemas/ShipmentDispatched.avsc
if git commit -qm "breaking change" > "$work/fourth.log" 2>&1; then
  cat "$work/fourth.log"; echo "FAIL: a breaking schema change went through the --against HEAD hooks" >&2; exit 1
fi
[ "$(grep -c Failed "$work/fourth.log")" = 2 ] && [ "$(grep -c Passed "$work/fourth.log")" = 2 ] \
  || { cat "$work/fourth.log"; echo "FAIL: not exactly the two --against HEAD hooks failed" >&2; exit 1; }
grep -q 'HEAD:schemas/ShipmentDispatched.avsc' "$work/fourth.log" \
  && grep -q 'incompatible-change' "$work/fourth.log" \
  || { cat "$work/fourth.log"; echo "FAIL: no incompatible-change pointing into HEAD" >&2; exit 1; }
[ "$(git rev-list --all | wc -l)" = 2 ] || { echo "FAIL: the breaking commit was made" >&2; exit 1; }

echo "pre-commit refused the broken commit with:"; sed 's/^/  | /' "$work/first.log"
echo "and the breaking schema change with:"; grep -A3 'incompatible-change' "$work/fourth.log" | head -4 | sed 's/^/  | /'
echo "pre-commit: hook install and first run ${first}s (includes the release build), second run ${second}s"
echo "1 passed, 0 failed"

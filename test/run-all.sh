#!/usr/bin/env bash
# `npm test`: everything a fresh machine needs, then every suite. Ends with one line
# `N passed, N failed` summing unit, CLI, integration and end-to-end tests.
set -uo pipefail
cd "$(dirname "$0")/.."
logs=$(mktemp -d "${TMPDIR:-/tmp}/paydown-test-XXXXXX")
# Every temp folder the mocha suites make lands under one per-run folder, removed at the end.
# (The e2e harness cleans up after itself and keeps the short TMPDIR chromium's sockets need.)
outer_tmpdir=${TMPDIR:-/tmp}
export TMPDIR="$logs/tmp"
mkdir -p "$TMPDIR"
trap 'rm -rf "$logs"' EXIT
passed=0
failed=0
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# Installs npm packages when node_modules is missing or older than the lock file.
if [ ! -d node_modules/.bin ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm ci"
  npm ci --no-audit --no-fund || { echo "npm ci failed"; echo "0 passed, 1 failed"; exit 1; }
fi

gate() { # a check that is not a test suite: its failure counts as one failed test
  local name=$1; shift
  step "$name"
  if "$@"; then return 0; fi
  echo "$name failed"
  failed=$((failed + 1))
}

# Reads mocha's spec summary ("12 passing", "2 failing") from a log.
count_mocha() {
  local log=$1 p f
  p=$(grep -Eo '^ +[0-9]+ passing' "$log" | tail -1 | grep -Eo '[0-9]+' || true)
  f=$(grep -Eo '^ +[0-9]+ failing' "$log" | tail -1 | grep -Eo '[0-9]+' || true)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
}

suite_mocha() { # name, mocha args…
  local name=$1; shift
  step "$name"
  npx mocha "$@" 2>&1 | tee "$logs/$name.log"
  local status=${PIPESTATUS[0]}
  count_mocha "$logs/$name.log"
  if [ "$status" -ne 0 ] && ! grep -Eq '^ +[0-9]+ failing' "$logs/$name.log"; then
    echo "$name: mocha exited with $status before reporting (counted as one failure)"
    failed=$((failed + 1))
  fi
}

gate build npm run --silent build
gate typecheck npx tsc -p tsconfig.json --noEmit
gate lint npx eslint .
suite_mocha unit
suite_mocha cli --config test/cli/.mocharc.json
suite_mocha integration --config test/integration/.mocharc.json

if [ "${PAYDOWN_SKIP_E2E:-}" = 1 ]; then
  step "e2e skipped (PAYDOWN_SKIP_E2E=1)"
else
  step "e2e"
  rm -f test/e2e/.results/summary.json
  TMPDIR=$outer_tmpdir bash test/e2e/run.sh
  e2e_status=$?
  if [ -f test/e2e/.results/summary.json ]; then
    p=$(node -p "require('./test/e2e/.results/summary.json').passed")
    f=$(node -p "require('./test/e2e/.results/summary.json').failed")
    passed=$((passed + p))
    failed=$((failed + f))
    if [ "$e2e_status" -ne 0 ] && [ "$f" -eq 0 ]; then failed=$((failed + 1)); fi
  elif [ "$e2e_status" -ne 0 ]; then
    echo "e2e: the harness failed before running tests (counted as one failure)"
    failed=$((failed + 1))
  fi
fi

# A recap of what failed, next to the totals: a CI log that keeps only its tail still names them.
if [ "$failed" -gt 0 ]; then
  echo
  echo "what failed:"
  for f in "$logs"/*.log; do
    # Mocha's failure list: "  1) suite" then the test's title on the next line.
    awk -v suite="$(basename "$f" .log)" '/^ +[0-9]+ failing/ { on = 1; next } on && /^ +[0-9]+\) / { sub(/^ +/, ""); head = $0; getline; sub(/^ +/, ""); print "  " suite ": " head " " $0 }' "$f"
  done
  if [ -f test/e2e/.results/summary.json ]; then
    node -e '
      const s = require("./test/e2e/.results/summary.json");
      for (const [phase, r] of Object.entries(s.phases)) {
        if (r.error) console.log(`  e2e ${phase}: ${r.error}`);
        // UI, scale and HTML checks say ok/skipped; the extension host tests say state.
        for (const c of r.results ?? []) {
          const failed = c.state === undefined ? !c.ok && !c.skipped : c.state === "failed";
          if (failed) console.log(`  e2e ${phase}: ${c.name ?? c.title}: ${String(c.error ?? "").replace(/\s+/g, " ").slice(0, 300)}`);
        }
      }'
  fi
fi

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

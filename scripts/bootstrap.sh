#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build, run and test tskube. Idempotent: safe to run again.
# Needs root for apt (the lab and later issues need docker.io, iptables, etcd-server, …).
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests need: a real etcd for the store conformance suite. Extra names may be passed as args.
apt_packages=(etcd-server docker.io iptables iproute2 busybox-static containernetworking-plugins docker-registry openssl python3 bsdutils "$@")
need_apt=()
for pkg in "${apt_packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if ((${#need_apt[@]})); then
  echo "bootstrap: installing ${need_apt[*]} (apt)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # No init system starts the packaged daemons here (no systemd); tests start their own on loopback.
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if ! command -v node >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  echo "bootstrap: Node.js >= 20 is required (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi

# npm ci only when the lockfile changed since the last install (it wipes node_modules, which is slow).
stamp=node_modules/.tskube-lock-hash
hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$hash" ]; then
  echo "bootstrap: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$hash" >"$stamp"
fi

echo "bootstrap: building"
# One project at a time: TypeScript 7 once built a package before the package it references (CI, fresh clone).
npx tsc -b --builders 1
echo "bootstrap: ready"

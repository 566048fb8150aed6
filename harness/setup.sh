#!/usr/bin/env bash
# Installs what this machine lacks for gir-conformance, then returns; safe to run every time.
# Fresh Debian with Node 20: npm ci, plus the Debian packages the suite uses (none are optional).
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests and benchmarks call (binary name:package).
APT_NEEDS=(ffmpeg:ffmpeg)

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "setup: Node.js 20 or later is required (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 2
fi

missing=()
for need in "${APT_NEEDS[@]}"; do
  command -v "${need%%:*}" >/dev/null 2>&1 || missing+=("${need#*:}")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo -n)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq || true
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm ci when node_modules is missing or was installed from another lock file.
if ! cmp -s package-lock.json node_modules/.gir-installed-lock 2>/dev/null; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.gir-installed-lock
fi

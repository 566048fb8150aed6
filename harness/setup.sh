#!/usr/bin/env bash
# Installs what this machine lacks for gir-conformance, then returns; safe to run every time.
# Fresh Debian with Node 20: npm ci, plus the Debian packages the suite and the benchmarks call.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages, as binary:package. NEEDED: the tests call them (a failed install stops here).
# WANTED: only benchmarks call them (a failed install is a warning; those benchmarks say what is missing).
# chromium: the report tests open cucumber.html and conformance.html in it (playwright-core drives it).
# sipp plays callers in the load scenarios, tcpdump captures every scenario, tshark cross-checks the
# pcap reader (a test); ffmpeg and sox are peers of benchmarks only.
APT_NEEDED=(chromium:chromium sipp:sip-tester tcpdump:tcpdump tshark:tshark)
APT_WANTED=(ffmpeg:ffmpeg sox:sox)

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "setup: Node.js 20 or later is required (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 2
fi

missing_of() {
  local need
  for need in "$@"; do command -v "${need%%:*}" >/dev/null 2>&1 || echo "${need#*:}"; done
}

apt_install() {
  local sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo -n)
  export DEBIAN_FRONTEND=noninteractive
  # tshark's wireshark-common asks whether non-root users may capture: answer no, without a prompt.
  echo "wireshark-common wireshark-common/install-setuid boolean false" | "${sudo_cmd[@]}" debconf-set-selections 2>/dev/null || true
  "${sudo_cmd[@]}" apt-get update -qq && "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

mapfile -t needed < <(missing_of "${APT_NEEDED[@]+"${APT_NEEDED[@]}"}")
mapfile -t wanted < <(missing_of "${APT_WANTED[@]+"${APT_WANTED[@]}"}")
if [ "${#needed[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages the tests need: ${needed[*]}"
  apt_install "${needed[@]}"
fi
if [ "${#wanted[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages the benchmarks use: ${wanted[*]}"
  apt_install "${wanted[@]}" || echo "setup: warning: could not install ${wanted[*]} (benchmarks that call them will say so); tests do not need them" >&2
fi

# npm ci when node_modules is missing or was installed from another lock file.
if ! cmp -s package-lock.json node_modules/.gir-installed-lock 2>/dev/null; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.gir-installed-lock
fi

# A container engine (Podman's Docker API) only when asked: the default suite needs none, and
# profiles with `sut.adapter: container` or the harness image do (README, "SUTs in containers").
if [ "${GIR_CONTAINERS:-0}" = 1 ]; then
  bash harness/setup-containers.sh >/dev/null
fi

#!/usr/bin/env bash
# Builds the base image `gir-base` offline: no image registry is reachable from the machines this
# runs on, so the image is a Debian bookworm minbase root made by debootstrap from the Debian
# package source and imported into the engine. Skipped when the image exists (GIR_REBUILD_BASE=1
# builds it again). Usage: docker/build-base.sh [podman|docker]
set -euo pipefail
cd "$(dirname "$0")"

ENGINE=${1:-$(./engine.sh)}
IMAGE=localhost/gir-base
SUITE=bookworm
MIRROR=${GIR_DEBIAN_MIRROR:-http://deb.debian.org/debian}

if [ "${GIR_REBUILD_BASE:-0}" != 1 ] && "$ENGINE" image inspect "$IMAGE" >/dev/null 2>&1; then
  echo "build-base: $IMAGE exists (GIR_REBUILD_BASE=1 rebuilds it)"
  exit 0
fi

sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo -n)
if ! command -v debootstrap >/dev/null 2>&1; then
  echo "build-base: installing debootstrap"
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
fi

root=$(mktemp -d /tmp/gir-base.XXXXXX)
trap '"${sudo_cmd[@]}" rm -rf "$root"' EXIT
started=$(date +%s)
echo "build-base: debootstrap --variant=minbase $SUITE from $MIRROR"
"${sudo_cmd[@]}" debootstrap --variant=minbase "$SUITE" "$root" "$MIRROR" >"$root.log" 2>&1 \
  || { echo "build-base: debootstrap failed; its log: $root.log" >&2; exit 2; }
rm -f "$root.log"
# Smaller and reproducible: no package lists, caches or logs of the bootstrap itself.
"${sudo_cmd[@]}" rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb "$root"/var/log/*
"${sudo_cmd[@]}" tar -C "$root" --numeric-owner -c . | "$ENGINE" import --change 'CMD ["/bin/bash"]' - "$IMAGE" >/dev/null
echo "build-base: $IMAGE built in $(( $(date +%s) - started )) s"

#!/usr/bin/env bash
# Prints the container engine CLI that works here: podman, else docker (a docker CLI alone, with no
# engine behind it, does not count). GIR_ENGINE=<cli> chooses one.
set -euo pipefail
if [ -n "${GIR_ENGINE:-}" ]; then echo "$GIR_ENGINE"; exit 0; fi
for cli in podman docker; do
  if command -v "$cli" >/dev/null 2>&1 && timeout 10 "$cli" info >/dev/null 2>&1; then
    echo "$cli"
    exit 0
  fi
done
echo "docker/engine.sh: no working container engine (podman or docker); on Debian, harness/setup-containers.sh installs Podman" >&2
exit 2

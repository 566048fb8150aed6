#!/usr/bin/env bash
# Builds every image of docker/ with podman, or docker elsewhere (docker/engine.sh picks):
#   localhost/gir-base           Debian bookworm minbase, built offline (build-base.sh)
#   localhost/gir-node           + Node 20 and the project with its production dependencies
#   localhost/gir-reference-sut  the reference SIP Server      (sut.adapter: container, call-control)
#   localhost/gir-media-server   the fake Media Server         (sut.adapter: container, recorder)
#   localhost/gir-conformance    the harness                   (podman run ... gir-conformance run)
# The build context holds only the project's files as git sees them (tracked and not ignored), the
# host's Node 20 binary and node_modules from `npm ci --omit=dev`: no network at build time beyond
# the Debian and npm package sources. Prints each image's build time and size.
set -euo pipefail
cd "$(dirname "$0")/.."

ENGINE=$(docker/engine.sh)
docker/build-base.sh "$ENGINE"

node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" = 20 ] || { echo "docker/build.sh: the images carry the host's Node, which must be 20 (found $(node --version))" >&2; exit 2; }

context=$(mktemp -d /tmp/gir-context.XXXXXX)
trap 'rm -rf "$context"' EXIT
mkdir -p "$context/.node" "$context/app"
cp "$(readlink -f "$(command -v node)")" "$context/.node/node"
# A file deleted but not yet committed is skipped (--ignore-failed-read), not an error.
git ls-files -z --cached --others --exclude-standard \
  | tar --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -x -C "$context/app"
started=$(date +%s)
(cd "$context/app" && npm ci --omit=dev --no-audit --no-fund --loglevel=error >/dev/null)
echo "build: npm ci --omit=dev took $(( $(date +%s) - started )) s"

build() {
  local image=$1 file=$2 started size
  started=$(date +%s%N)
  "$ENGINE" build -q -f "docker/$file" -t "localhost/$image" "$context" >/dev/null
  size=$("$ENGINE" image inspect --format '{{.Size}}' "localhost/$image")
  echo "build: localhost/$image in $(( ($(date +%s%N) - started) / 1000000 )) ms, $(( size / 1000000 )) MB"
}
build gir-node Dockerfile.node
build gir-reference-sut Dockerfile.reference-sut
build gir-media-server Dockerfile.media-server
build gir-conformance Dockerfile.harness

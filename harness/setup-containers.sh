#!/usr/bin/env bash
# Makes this machine a container engine for `sut.adapter: container` and the images of docker/:
# Podman from Debian with a Docker-compatible API socket, as testcontainers needs. Safe to run
# again: each step is skipped when already done. harness/setup.sh calls it only when asked
# (GIR_CONTAINERS=1); the default suite needs no engine.
#
# A Docker engine that already answers (DOCKER_HOST, or /var/run/docker.sock) is used as it is.
# Prints the environment testcontainers needs, for a shell to eval:  eval "$(harness/setup-containers.sh)"
set -euo pipefail

SOCKET=/run/podman/podman.sock
LOG=/var/log/gir-podman-service.log

say() { echo "setup-containers: $*" >&2; }

# Does a Docker-API socket answer /_ping within 3 s?
answers() { curl -sf --max-time 3 --unix-socket "$1" http://engine/_ping >/dev/null 2>&1; }

if [ -n "${DOCKER_HOST:-}" ] && [[ "$DOCKER_HOST" == unix://* ]] && answers "${DOCKER_HOST#unix://}"; then
  say "using the engine at DOCKER_HOST=$DOCKER_HOST"
  exit 0
fi
if [ -S /var/run/docker.sock ] && answers /var/run/docker.sock; then
  say "using the Docker engine at /var/run/docker.sock"
  exit 0
fi

sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo -n)

# 1. Packages: podman with runc (crun's cgroup handling fails in nested sandboxes); curl for the ping.
missing=()
command -v podman >/dev/null 2>&1 || missing+=(podman)
command -v runc >/dev/null 2>&1 || missing+=(runc)
command -v curl >/dev/null 2>&1 || missing+=(curl)
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# 2. containers.conf: runc, cgroupfs and file events work without systemd; the ulimits let SIPp
# and the SUTs open their sockets. An existing file is left alone (its owner chose it).
CONF=/etc/containers/containers.conf
if [ ! -e "$CONF" ]; then
  say "writing $CONF"
  "${sudo_cmd[@]}" mkdir -p /etc/containers
  "${sudo_cmd[@]}" tee "$CONF" >/dev/null <<'EOF'
# Written by gir-conformance harness/setup-containers.sh (no systemd here: cgroupfs, file events).
[containers]
default_ulimits = ["nofile=10000:10000", "nproc=10000:10000"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
EOF
fi

# 3. The API socket, started in a session of its own so it outlives this script, from / : conmon
# starts each container in the service's working directory, so a service started in a clone that
# was later deleted answers /_ping yet fails every start ("Failed to get working directory").
# Such a service is stopped and started again.
service_pid="$(pgrep -f "podman system service --time=0 unix://$SOCKET" | head -n1 || true)"
if [ -n "$service_pid" ] && [[ "$("${sudo_cmd[@]}" readlink "/proc/$service_pid/cwd" 2>/dev/null)" == *"(deleted)" ]]; then
  say "restarting the Podman API: its working directory was deleted"
  "${sudo_cmd[@]}" kill "$service_pid"
  for _ in $(seq 1 50); do answers "$SOCKET" || break; sleep 0.2; done
fi
if ! answers "$SOCKET"; then
  say "starting the Podman API at unix://$SOCKET (log: $LOG)"
  "${sudo_cmd[@]}" mkdir -p "$(dirname "$SOCKET")"
  (cd / && exec "${sudo_cmd[@]}" setsid podman system service --time=0 "unix://$SOCKET" >>"$LOG" 2>&1 </dev/null) &
  # Poll until it answers; a service that never does is an error naming its log.
  for _ in $(seq 1 50); do
    answers "$SOCKET" && break
    sleep 0.2
  done
  answers "$SOCKET" || { say "the Podman API did not answer at $SOCKET within 10 s; see $LOG"; exit 2; }
fi

# 4. The environment testcontainers needs (the harness sets the same when they are unset):
# no Ryuk (its image cannot be pulled here; the harness removes its own containers), and the host
# as 127.0.0.1 (SUT containers use host networking).
echo "export DOCKER_HOST=unix://$SOCKET TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1"

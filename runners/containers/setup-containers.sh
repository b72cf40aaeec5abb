#!/bin/sh
# `make setup-containers`: installs and starts what the docker and gvisor environments need on a
# Debian machine — Debian's docker.io, runsc and docker-compose, runsc registered as a Docker
# runtime, and a running dockerd. Idempotent: every step checks before it acts.
set -eu
here=$(cd "$(dirname "$0")" && pwd)

if [ "$(id -u)" != 0 ]; then
  echo "error: setup-containers installs packages and starts dockerd: run it as root" >&2
  exit 1
fi

missing=""
for package in docker.io runsc docker-compose; do
  dpkg -s "$package" >/dev/null 2>&1 || missing="$missing $package"
done
if [ -n "$missing" ]; then
  echo "installing:$missing"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
fi

# gVisor needs a platform to intercept system calls: KVM where it really works (a /dev/kvm inside
# a virtual machine may exist and still hang a sandbox, so it is tried first), ptrace everywhere
# else. IPC_CONFORMANCE_RUNSC_PLATFORM forces one. The kit runs every container without a network
# of its own, so runsc gets --network=none (its own loopback only) and needs no host plumbing.
platform=${IPC_CONFORMANCE_RUNSC_PLATFORM:-}
if [ -z "$platform" ] && [ -f /etc/docker/daemon.json ]; then
  # Already decided on an earlier run: keep it (the KVM trial takes up to 15 s).
  platform=$(sed -n 's/.*"--platform=\([a-z]*\)".*/\1/p' /etc/docker/daemon.json | head -n 1)
fi
if [ -z "$platform" ]; then
  platform=ptrace
  if [ -c /dev/kvm ]; then
    # runsc do leaves its bundle under TMPDIR when it is killed: give it a folder of its own.
    trial=$(mktemp -d)
    if (cd / && TMPDIR=$trial timeout -k 2 15 runsc --platform=kvm --network=none do /bin/true) >/dev/null 2>&1; then
      platform=kvm
    fi
    rm -rf "$trial"
  fi
fi
changed=$(node "$here/register-runsc.mjs" /etc/docker/daemon.json "$(command -v runsc)" "$platform")

if docker info >/dev/null 2>&1; then
  # dockerd reloads its runtimes on SIGHUP, so a running daemon picks up runsc without a restart.
  if [ "$changed" = changed ]; then pkill -HUP -x dockerd && sleep 1; fi
else
  echo "starting dockerd (log: /var/log/ipc-conformance-dockerd.log)"
  # No bridge and no iptables rules: the kit's containers run with --network none.
  setsid dockerd --bridge=none --iptables=false --ip6tables=false \
    >/var/log/ipc-conformance-dockerd.log 2>&1 </dev/null &
  waited=0
  until docker info >/dev/null 2>&1; do
    waited=$((waited + 1))
    if [ "$waited" -gt 60 ]; then
      echo "error: dockerd did not start within 60 s; see /var/log/ipc-conformance-dockerd.log" >&2
      tail -5 /var/log/ipc-conformance-dockerd.log >&2
      exit 1
    fi
    sleep 1
  done
fi

docker info --format '{{json .Runtimes}}' | grep -q '"runsc"' || {
  echo "error: dockerd does not list the runsc runtime; check /etc/docker/daemon.json" >&2
  exit 1
}
echo "containers ready: docker $(docker version --format '{{.Server.Version}}'), runsc platform $platform"

#!/bin/sh
# `make setup-kernels`: installs what the other-kernel environments need on a Debian machine — QEMU
# and a static busybox for qemu:<package> (the guest's initramfs), User-Mode Linux for uml, rootless
# Podman (podman, crun, uidmap, slirp4netns) for podman — then fetches the default kernel set
# (Debian's newest 6.1 kernel: generic, PREEMPT_RT and cloud flavours) into the kit's kernel cache.
# Idempotent: every step checks before it acts. Nothing is installed into this machine's /boot.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
kit=$(cd "$here/../.." && pwd)

if [ "$(id -u)" != 0 ]; then
  echo "error: setup-kernels installs packages: run it as root" >&2
  exit 1
fi

packages="qemu-system-x86 busybox-static user-mode-linux podman crun uidmap slirp4netns"
missing=""
for package in $packages; do
  dpkg -s "$package" >/dev/null 2>&1 || missing="$missing $package"
done
if [ -n "$missing" ]; then
  echo "setup-kernels: installing:$missing"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
else
  echo "setup-kernels: packages already installed ($packages)"
fi

# Rootless Podman: the kit's own user, its subordinate ids, runtime folder and podman settings.
sh "$kit/runners/containers/setup-podman.sh"

# The kernel packages go into the kit's cache (apt-get download + dpkg-deb -x), never into /boot.
cd "$kit"
node bin/ipc-conformance.js kernels fetch

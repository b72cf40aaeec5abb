#!/bin/sh
# Runs inside the sandbox's fresh namespaces (see sandbox.ts) before the probe: gives it the mounts
# a container would have — a /dev of its own with a private /dev/shm and the /dev/mqueue of its
# IPC namespace — without touching the host's /dev, then becomes the probe.
set -eu
mount --make-rprivate /
mount -t tmpfs -o mode=755,size=64k sandbox-dev /dev
# The usual character devices, made afresh with their fixed numbers (the kernel's devices.txt).
# Binding the host's nodes instead would need a folder outside the sandbox for a moment, which a
# kill at that moment would leave behind.
mknod -m 666 /dev/null c 1 3
mknod -m 666 /dev/zero c 1 5
mknod -m 666 /dev/full c 1 7
mknod -m 666 /dev/random c 1 8
mknod -m 666 /dev/urandom c 1 9
mknod -m 666 /dev/tty c 5 0
mkdir /dev/shm /dev/mqueue
mount -t tmpfs -o mode=1777,size=64m sandbox-shm /dev/shm
mount -t mqueue sandbox-mqueue /dev/mqueue
ln -s /proc/self/fd /dev/fd
ln -s /proc/self/fd/0 /dev/stdin
ln -s /proc/self/fd/1 /dev/stdout
ln -s /proc/self/fd/2 /dev/stderr
hostname ipc-conformance-sandbox
# A new network namespace starts with its loopback down; containers bring it up, so do we.
ip link set lo up
# Sysctls the caller wants in these namespaces ("kernel.msgmnb=8192 fs.mqueue.msg_max=20"): the
# IPC ones are per IPC namespace, so the host keeps its own values.
for setting in ${IPC_CONFORMANCE_SANDBOX_SYSCTLS:-}; do
  name=${setting%%=*}
  echo "${setting#*=}" > "/proc/sys/$(echo "$name" | tr . /)"
done
exec "$@"

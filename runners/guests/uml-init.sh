#!/bin/sh
# The first process of the kit's User-Mode Linux guest (linux.uml … init=<this file>). The root file
# system is this machine's, through hostfs, read-only; the kernel passes the parameters it does not
# know as variables: ipc_node (Node's path on the host), ipc_agent (the agent's dist/ path) and
# ipc_channel (the serial line the host's broker listens on, e.g. /dev/ttyS1).
# It gives the probes writable places of their own, then runs the agent and reaps: a shell stays
# process 1 rather than Node, because orphans of the probes are re-parented to process 1, and Node
# would leave them zombies.
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PATH

halt_now() {
  echo o >/proc/sysrq-trigger 2>/dev/null
  halt -f
}

mount -t proc proc /proc
mount -t sysfs sysfs /sys
# The kernel mounts devtmpfs at /dev itself (CONFIG_DEVTMPFS_MOUNT); otherwise mount it here.
[ -c /dev/null ] || mount -t devtmpfs devtmpfs /dev
# The kit itself may live below a place the guest gets a tmpfs of its own (a checkout in /tmp): it is
# held in a bind mount first and put back at its path over the tmpfs.
kit=${ipc_agent%/dist/runners/guests/agent.js}
mount -t tmpfs -o mode=0755 tmpfs /run
mkdir -p /run/ipc-conformance-kit
mount -o bind "$kit" /run/ipc-conformance-kit || halt_now
mount -t tmpfs -o mode=1777 tmpfs /tmp
if [ ! -e "$ipc_agent" ]; then
  mkdir -p "$kit" && mount -o bind /run/ipc-conformance-kit "$kit" || halt_now
fi
mkdir -p /dev/shm /dev/mqueue /dev/pts
mount -t tmpfs -o mode=1777 tmpfs /dev/shm
mount -t mqueue mqueue /dev/mqueue
mount -t devpts devpts /dev/pts
# IPv6 is a module of Debian's UML kernel; its modules are the package's, under /usr/lib/uml. They
# are loaded with insmod in the order modules.dep gives (kmod's, else busybox's: kmod may be absent).
uml_modules=/usr/lib/uml/modules/$(uname -r)
insmod_command=$(command -v insmod || echo 'busybox insmod')
load_module() {
  line=$(grep -E "(^|/)$1\.ko:" "$uml_modules/modules.dep") || return 1
  for dep in $(echo "${line#*:}" | tr ' ' '\n' | tac); do $insmod_command "$uml_modules/$dep" 2>/dev/null; done
  $insmod_command "$uml_modules/${line%%:*}"
}
[ -d "$uml_modules" ] && load_module ipv6
ip link set lo up 2>/dev/null || ifconfig lo up 2>/dev/null

# A raw line: no echo, no line editing, no translation of bytes, so JSON lines pass unchanged.
stty -F "$ipc_channel" raw -echo -ixon -ixoff || halt_now
cd /tmp || halt_now
HOME=/tmp TMPDIR=/tmp "$ipc_node" "$ipc_agent" "$ipc_channel" </dev/null &
agent=$!
# wait reaps every child of process 1, the orphans included; it returns when the agent has ended.
while kill -0 "$agent" 2>/dev/null; do wait; done
halt_now

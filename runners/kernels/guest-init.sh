#!/bin/busybox sh
# The first process of a qemu:<kernel> guest, from the initramfs the kit builds (initramfs.ts):
# loads the modules the boot needs, mounts the host's root file system (9p or virtiofs, read-only) at /newroot
# with writable tmpfs places over it, then hands over to busybox init, which reaps every orphan and
# runs /agent (the guest agent, chrooted into /newroot). Each step prints one `ipc-guest:` line on
# the serial console; the host waits for `ipc-guest: ready` and reports the last line otherwise.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
say() { echo "ipc-guest: $*" >/dev/console; }
fail() {
	say "failed: $*"
	poweroff -f
}
say "modules at $(cut -d' ' -f1 /proc/uptime)s"
for module in $(cat /lib/modules/order); do
	insmod "/lib/modules/$module" || fail "insmod $module"
done
root=/newroot
transport=$(cat /etc/root-transport)
if [ "$transport" = virtiofs ]; then
	mount -t virtiofs -o ro hostroot $root || fail "virtiofs mount of the host's root"
else
	mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=512000,cache=loose hostroot $root || fail "9p mount of the host's root"
fi
# The kit may live below a place that gets a tmpfs of the guest's own (a checkout in /tmp): held in
# a bind mount first, put back at its path over the tmpfs once they are all mounted.
kit=$(cat /etc/kit-root)
mkdir -p /kit-held
mount -o bind "$root$kit" /kit-held || fail "bind mount of the kit's folder"
mount -t tmpfs -o mode=1777 tmp $root/tmp || fail "tmpfs on /tmp"
mount -t devtmpfs dev $root/dev || fail "devtmpfs on /dev"
mkdir -p $root/dev/shm $root/dev/mqueue $root/dev/pts $root/dev/virtio-ports
mount -t tmpfs -o mode=1777 shm $root/dev/shm || fail "tmpfs on /dev/shm"
mount -t mqueue mqueue $root/dev/mqueue || fail "mqueue on /dev/mqueue"
mount -t devpts -o newinstance,ptmxmode=0666 devpts $root/dev/pts || fail "devpts"
mount -t proc proc $root/proc || fail "proc"
mount -t sysfs sys $root/sys || fail "sysfs"
# cgroup v2 with the memory controller enabled below the root, as an init system leaves it: the
# memory measurements account a probe's kernel memory in a cgroup of its own.
if mount -t cgroup2 cgroup2 $root/sys/fs/cgroup; then
	for controller in memory pids; do echo "+$controller" >$root/sys/fs/cgroup/cgroup.subtree_control; done
fi
mount -t tmpfs -o mode=0755 run $root/run || fail "tmpfs on /run"
mount -t tmpfs -o mode=0700 root-home $root/root || fail "tmpfs on /root"
[ -d $root/var/tmp ] && mount -t tmpfs -o mode=1777 var-tmp $root/var/tmp
if [ ! -d "$root$kit/dist" ]; then
	mkdir -p "$root$kit" && mount -o bind /kit-held "$root$kit" || fail "the kit's folder put back at $kit"
fi
for port in /sys/class/virtio-ports/*; do
	[ -e "$port/name" ] && ln -sf "../$(basename "$port")" "$root/dev/virtio-ports/$(cat "$port/name")"
done
[ -e $root/dev/virtio-ports/ipc.agent ] || fail "no virtio-serial port named ipc.agent"
hostname ipc-conformance-qemu
ip link set lo up || fail "lo up"
say "ready at $(cut -d' ' -f1 /proc/uptime)s"
exec /bin/busybox init

#!/bin/sh
# Prepares what the `podman` environment needs on a Debian machine, as root: Debian's podman, crun
# (runc where crun cannot run), uidmap (newuidmap/newgidmap), slirp4netns and fuse-overlayfs; an
# unprivileged user of the kit's own with subordinate uid and gid ranges, so that its containers
# live in a user namespace; that user's runtime folder (XDG_RUNTIME_DIR) and its podman settings.
# Without systemd or a logind session here, podman manages cgroups itself (cgroupfs) and logs
# events to a file. Ends with `podman info` as that user, which fails when any of it is wrong.
# Idempotent: every step checks before it acts. IPC_CONFORMANCE_PODMAN_USER names another user
# (the kit reads the same variable).
set -eu
user=${IPC_CONFORMANCE_PODMAN_USER:-ipc-conformance-podman}

if [ "$(id -u)" != 0 ]; then
  echo "error: setup-podman installs packages and creates the user $user: run it as root" >&2
  exit 1
fi

missing=""
for package in podman crun uidmap slirp4netns fuse-overlayfs; do
  dpkg -s "$package" >/dev/null 2>&1 || missing="$missing $package"
done
if [ -n "$missing" ]; then
  echo "installing:$missing"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
fi

if ! id -u "$user" >/dev/null 2>&1; then
  echo "creating the user $user"
  useradd --system --create-home --home-dir "/var/lib/$user" --shell /usr/sbin/nologin --user-group "$user"
fi
uid=$(id -u "$user")
gid=$(id -g "$user")
home=$(getent passwd "$user" | cut -d: -f6)

# 65536 subordinate ids, above every range already handed out (useradd gives system users none).
for file in /etc/subuid /etc/subgid; do
  touch "$file"
  if ! grep -q "^$user:" "$file"; then
    start=$(awk -F: 'BEGIN { top = 100000 } { if ($2 + $3 > top) top = $2 + $3 } END { print top }' "$file")
    echo "$user:$start:65536" >>"$file"
    echo "$file: $user:$start:65536"
  fi
done

# What pam_systemd would make at login: /run/user/UID, the user's own, 0700 (gone after a reboot,
# so this script is run again then; the environment says so when it is missing).
runtime_dir=/run/user/$uid
mkdir -p /run/user
[ -d "$runtime_dir" ] || install -d -m 0700 -o "$uid" -g "$gid" "$runtime_dir"

# The user is the kit's own: its podman settings are rewritten on every run of this script.
config=$home/.config/containers
install -d -m 0700 -o "$uid" -g "$gid" "$home/.config" "$config"
# The OCI runtime: crun, podman's own choice, on a pure cgroup v2 hierarchy. crun refuses a hybrid
# layout (v1 controllers beside a v2 hierarchy, as systemd's "hybrid" mode or a VM's init mounts
# them), while rootless runc starts its containers there and leaves out the cgroups it may not make
# (the kit sets no resource limits). The environment reports whichever runs.
runtime=runc
[ "$(stat -fc %T /sys/fs/cgroup)" = cgroup2fs ] && runtime=crun
command -v "$runtime" >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$runtime"
# Podman's locks as files in the user's runtime folder instead of a shared-memory segment
# (/dev/shm/libpod_rootless_lock_<uid>) that would stay on the machine after every run. A change of
# lock type needs the existing locks renumbered.
[ -f "$config/containers.conf" ] && grep -q '^lock_type = "file"' "$config/containers.conf" || renumber=yes
cat >"$config/containers.conf" <<EOF
# Written by setup-podman.sh: no systemd session here, so podman manages cgroups itself and keeps
# its events in a file; $runtime as the OCI runtime; locks as files (see setup-podman.sh for why).
[engine]
lock_type = "file"
cgroup_manager = "cgroupfs"
events_logger = "file"
runtime = "$runtime"
EOF
# Native overlay works rootless on Linux 5.13 and later; vfs everywhere (slower: copies layers).
driver=vfs
[ "$(uname -r | awk -F. '{ print ($1 * 1000 + $2 >= 5013) }')" = 1 ] && driver=overlay
printf '[storage]\ndriver = "%s"\n' "$driver" >"$config/storage.conf"
chown "$uid:$gid" "$config/containers.conf" "$config/storage.conf"

as_user() {
  (cd "$home" && setpriv --reuid "$uid" --regid "$gid" --init-groups --reset-env env XDG_RUNTIME_DIR="$runtime_dir" "$@")
}
if [ "${renumber:-}" = yes ]; then
  # Podman's pause process holds the old lock segment: end it, renumber, and drop the segment.
  pkill -u "$uid" -x podman 2>/dev/null || true
  as_user podman system renumber 2>/dev/null || true
  rm -f "/dev/shm/libpod_rootless_lock_$uid"
fi
format='{{.Host.CgroupManager}} {{.Host.EventLogger}} {{.Store.GraphDriverName}} {{.Host.OCIRuntime.Name}}'
errors=$(mktemp)
trap 'rm -f "$errors"' EXIT
if ! info=$(as_user podman info --format "$format" 2>"$errors"); then
  echo "error: podman info as $user failed:" >&2
  tail -5 "$errors" >&2
  exit 1
fi
echo "podman ready: $(as_user podman --version), rootless as $user (uid $uid; cgroups, events, storage, runtime: $info)"

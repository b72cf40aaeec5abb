// The command line that puts one command into an exercise sandbox. Three real tools, each doing
// the part it is made for:
//   1. /bin/sh enters the run's cgroup (its own pid into cgroup.procs, so everything after it is
//      bounded and can be killed as one);
//   2. setpriv(1) drops to the run's unprivileged uid and gid with no supplementary groups, empties
//      every capability set, sets no_new_privs, and asks for SIGKILL when the kit dies;
//   3. bubblewrap (bwrap(1)) makes fresh user, PID (with its own /proc), IPC, network (lo only),
//      UTS and cgroup namespaces, builds a root of its own from read-only binds (tmpfs, remounted
//      read-only), a private /dev with its own /dev/shm and /dev/mqueue, refuses further user
//      namespaces, starts a new session (no TIOCSTI into the kit's terminal), loads the seccomp
//      filter, and dies with its parent.
// bubblewrap was chosen over a launcher of the kit's own because it is the audited tool that does
// exactly this for Flatpak and others, unprivileged; unshare(1) would need root inside, and a
// hand-made launcher would repeat its mount and namespace ordering subtleties.
import type { ReadOnlyBind } from './systemFiles.js';

/** Where the kit finds bubblewrap and setpriv (absolute: the sandbox's PATH is not the kit's). */
export const BWRAP = '/usr/bin/bwrap';
export const SETPRIV = '/usr/bin/setpriv';

/** The descriptor on which bwrap reads the seccomp filter (the kit opens the file there). */
export const SECCOMP_FD = 3;

/** One sandbox, described. */
export interface SandboxSpec {
  /** The unprivileged uid (and gid) the command runs as, outside and inside. */
  uid: number;
  /** The cgroup.procs files of the run's cgroup. */
  cgroupJoinFiles: string[];
  /** The machine's files shown read-only; `toolchain` shows all of /usr (for the compiler). */
  system: { binds: ReadOnlyBind[] } | 'toolchain';
  /** Folders or files of the run, shown read-only or writable at `target`. */
  binds: Array<ReadOnlyBind & { writable: boolean }>;
  /** Size of the writable tmpfs mounts (/dev/shm, /tmp), in bytes. */
  tmpfsBytes: number;
  /** The working directory inside. */
  cwd: string;
  /** The command, as the sandbox sees it. */
  argv: string[];
  /** Start it as PID 1 of the namespace (it must then reap orphans, as sandbox_init does). */
  asPid1: boolean;
  /** Load the seccomp filter from SECCOMP_FD (the kit's own daemons run without it). */
  seccomp: boolean;
}

/** bwrap options that show the machine's files. */
function systemOptions(system: SandboxSpec['system']): string[] {
  if (system === 'toolchain') {
    // Debian's merged /usr: /bin, /lib, /lib64 and /sbin are symlinks into it.
    return [
      '--ro-bind',
      '/usr',
      '/usr',
      '--symlink',
      'usr/bin',
      '/bin',
      '--symlink',
      'usr/lib',
      '/lib',
      '--symlink',
      'usr/lib64',
      '/lib64',
      '--symlink',
      'usr/sbin',
      '/sbin',
    ];
  }
  return system.binds.flatMap((bind) => ['--ro-bind', bind.source, bind.target]);
}

/** The whole argv: cgroup entry, privilege drop, bubblewrap, the command. */
export function sandboxArgv(spec: SandboxSpec): string[] {
  const enterCgroup = [
    '/bin/sh',
    '-c',
    // Joins every file given before the command, then becomes the command; 125 if a join fails.
    'n=$1; shift; while [ "$n" -gt 0 ]; do echo $$ > "$1" || exit 125; shift; n=$((n - 1)); done; exec "$@"',
    'sandbox-enter',
    String(spec.cgroupJoinFiles.length),
    ...spec.cgroupJoinFiles,
  ];
  const dropPrivileges = [
    SETPRIV,
    `--reuid=${spec.uid}`,
    `--regid=${spec.uid}`,
    '--clear-groups',
    '--inh-caps=-all',
    '--ambient-caps=-all',
    '--bounding-set=-all',
    '--no-new-privs',
    '--pdeathsig=KILL',
    '--',
  ];
  const size = String(spec.tmpfsBytes);
  const bubblewrap = [
    BWRAP,
    '--unshare-user',
    '--disable-userns',
    '--unshare-pid',
    '--unshare-ipc',
    '--unshare-net',
    '--unshare-uts',
    '--unshare-cgroup-try',
    '--hostname',
    'ipc-exercise',
    '--die-with-parent',
    '--new-session',
    ...(spec.asPid1 ? ['--as-pid-1'] : []),
    ...(spec.seccomp ? ['--seccomp', String(SECCOMP_FD)] : []),
    ...systemOptions(spec.system),
    '--proc',
    '/proc',
    '--dev',
    '/dev',
    '--perms',
    '1777',
    '--size',
    size,
    '--tmpfs',
    '/dev/shm',
    '--mqueue',
    '/dev/mqueue',
    '--perms',
    '1777',
    '--size',
    size,
    '--tmpfs',
    '/tmp',
    ...spec.binds.flatMap((bind) => [bind.writable ? '--bind' : '--ro-bind', bind.source, bind.target]),
    '--remount-ro',
    '/',
    '--chdir',
    spec.cwd,
    '--',
  ];
  return [...enterCgroup, ...dropPrivileges, ...bubblewrap, ...spec.argv];
}

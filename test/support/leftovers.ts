// What a probe could leave behind, listed so that a test can check it left nothing. Every
// mechanism's cleanup test looks for the same things: processes (a probe and the helpers it forks
// share its command line), the System V objects keyed for its pid (probe_ipc_key) and the POSIX
// names made from its pid (probe_ipc_name), both in c-fixtures/common/probe.c. One place to read
// /proc, /proc/sysvipc, /dev/shm and /dev/mqueue keeps those checks alike and complete.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from '../../runners/process/runCommand.js';
import { alive } from './kit.js';

/** The command line of pid, its arguments joined by spaces ('' once it is gone). */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

/** Pids of live (not zombie) processes whose command line contains `text`. */
export function processesRunning(text: string): number[] {
  const pids = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
  return pids.filter((pid) => commandLine(pid).includes(text) && alive(pid));
}

/** Live processes whose environment holds `marker` ("NAME=value"), as "pid command line": how a
 * test finds what it started whatever the process is called, and not another test's processes. */
export function processesMarked(marker: string): string[] {
  const pids = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
  return pids.filter((pid) => environmentOf(pid).includes(marker) && alive(pid)).map((pid) => `${pid} ${commandLine(pid)}`);
}

function environmentOf(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
  } catch {
    return []; // gone meanwhile
  }
}

export type SysvKind = 'msg' | 'sem' | 'shm';

/** The rows of /proc/sysvipc/<kind>, each as numbers by column name (key, msqid, shmid, cpid …). */
function sysvipcTable(kind: SysvKind): Record<string, number>[] {
  const [header = '', ...rows] = readFileSync(`/proc/sysvipc/${kind}`, 'utf8').trim().split('\n');
  const columns = header.trim().split(/\s+/);
  return rows.map((row) => {
    const values = row.trim().split(/\s+/).map(Number);
    return Object.fromEntries(columns.map((column, i) => [column, values[i]!]));
  });
}

/** Keys of the live System V objects of one kind. */
export const sysvKeys = (kind: SysvKind): number[] => sysvipcTable(kind).map((row) => row.key!);

export interface SharedMemorySegment {
  key: number;
  shmid: number;
  /** The pid of the process that created the segment. */
  cpid: number;
}

/** The System V shared memory segments that exist now. */
export const sharedMemorySegments = (): SharedMemorySegment[] =>
  sysvipcTable('shm').map((row) => ({ key: row.key!, shmid: row.shmid!, cpid: row.cpid! }));

/** Whether key is one of the 64 that probe_ipc_key(n) hands out to the probe with this pid. */
export const isProbeIpcKey = (key: number, pid: number): boolean => (key & ~63) === (0x20000000 | ((pid & 0x3fffff) << 6));

/** Paths in /dev/shm (objects, and sem.* named semaphores) and /dev/mqueue named for the probe with this pid. */
export function posixNamesOf(pid: number): string[] {
  const named = (folder: string) => {
    try {
      return readdirSync(folder)
        .filter((name) => name.includes(`ipc-conformance-${pid}-`))
        .map((name) => `${folder}/${name}`);
    } catch {
      return []; // no such file system here (e.g. /dev/mqueue not mounted)
    }
  };
  return [...named('/dev/shm'), ...named('/dev/mqueue')];
}

/** Every IPC object the probe with this pid made that still exists: POSIX paths, then `<kind> key 0x…`. */
export function leftoversOfProbe(pid: number): string[] {
  const keyed = (['msg', 'sem', 'shm'] as const).flatMap((kind) =>
    sysvKeys(kind)
      .filter((key) => isProbeIpcKey(key, pid))
      .map((key) => `${kind} key 0x${(key >>> 0).toString(16)}`),
  );
  return [...posixNamesOf(pid), ...keyed];
}

/** The name of the memory cgroup the memory case makes for itself (c-fixtures/bench_memcg.h), less the pid. */
export const MEMORY_CGROUP_PREFIX = 'ipc-conformance-memory-';

/** This process's cgroup v1 memory folder, where the probes it starts begin; null without one. */
export function memoryCgroupFolder(): string | null {
  const line = readFileSync('/proc/self/cgroup', 'utf8')
    .split('\n')
    .find((l) => l.split(':')[1] === 'memory');
  const folder = line ? `/sys/fs/cgroup/memory${line.split(':')[2]}` : '';
  return line && existsSync(join(folder, 'memory.kmem.usage_in_bytes')) ? folder : null;
}

/** The memory cases' private cgroups under `folder` now. */
export const privateMemoryCgroups = (folder: string): string[] =>
  readdirSync(folder).filter((name) => name.startsWith(MEMORY_CGROUP_PREFIX));

/** What a run could leave on the machine outside its own processes, each as a list of names. */
export interface MachineTraces {
  /** System V objects as `ipcs` lists them: `<kind> <key> <id>`. */
  sysv: string[];
  /** Entries of /dev/shm and /dev/mqueue. */
  posix: string[];
  /** Mount points of this process's mount namespace. */
  mounts: string[];
  /** The kit's cgroups: /sys/fs/cgroup/<controller>/ipc-conformance*. */
  cgroups: string[];
  /** The kit's containers (label ipc-conformance), with docker; [] without. */
  containers: string[];
  /** Entries of /tmp named ipc-*. */
  tmp: string[];
}

function listing(folder: string, filter: (name: string) => boolean = () => true): string[] {
  try {
    return readdirSync(folder)
      .filter(filter)
      .map((name) => join(folder, name));
  } catch {
    return [];
  }
}

/** The machine's IPC objects, mounts, the kit's cgroups, containers and /tmp/ipc-* entries now. */
export async function machineTraces(): Promise<MachineTraces> {
  const sysv = (['msg', 'sem', 'shm'] as const).flatMap((kind) =>
    sysvipcTable(kind).map((row) => `${kind} 0x${(row.key! >>> 0).toString(16)} ${row.msqid ?? row.semid ?? row.shmid}`),
  );
  const mounts = readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(' ')[4]!);
  const cgroups = listing('/sys/fs/cgroup').flatMap((controller) => listing(controller, (name) => name.startsWith('ipc-conformance')));
  const docker = await runCommand(['docker', 'ps', '-a', '--filter', 'label=ipc-conformance', '--format', '{{.Names}}'], {
    timeoutMs: 20_000,
  }).catch(() => undefined);
  const containers = docker?.exitCode === 0 ? docker.stdout.split('\n').filter(Boolean) : [];
  return {
    sysv,
    posix: [...listing('/dev/shm'), ...listing('/dev/mqueue')],
    mounts,
    cgroups,
    containers,
    tmp: listing('/tmp', (name) => name.startsWith('ipc-')),
  };
}

/** What `after` holds that `before` did not, per kind (kinds with nothing new left out). */
export function newTraces(before: MachineTraces, after: MachineTraces): Partial<MachineTraces> {
  const found: Partial<MachineTraces> = {};
  for (const kind of Object.keys(after) as (keyof MachineTraces)[]) {
    const added = after[kind].filter((name) => !before[kind].includes(name));
    if (added.length) found[kind] = added;
  }
  return found;
}

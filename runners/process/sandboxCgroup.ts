// The control group of one sandboxed run: it bounds the memory, the number of processes and the
// CPU time of everything the student's program starts, tells afterwards which bound was hit, and
// is how the kit ends the run whatever the program did (every process in it is killed, as a
// group, not by chasing pids). Works on cgroup v2 and on the v1 hierarchies (memory, pids, cpu
// mounted apart), each made below the kit's own cgroup. A run killed outright leaves its cgroups
// behind; the next run's sweep (runFolder.ts, any command) kills what is still in them and removes
// them (their names carry the owner's pid and start time).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sleepNow } from './processStat.js';
import { identityOf } from './sweepDeadRuns.js';

/** The bounds of one run. */
export interface SandboxLimits {
  memoryBytes: number;
  processes: number;
  /** CPU time per wall-clock second, in CPUs (1 = one CPU's worth). */
  cpus: number;
}

/** A bound a run reached: the kit reports it as the reason the program failed or was killed. */
export type LimitHit = 'memory' | 'processes';

const CONTROLLERS = ['memory', 'pids', 'cpu'] as const;
type Controller = (typeof CONTROLLERS)[number];

/** Every sandbox cgroup's name starts with this, then the owner's pid and start time. */
const NAME_PREFIX = 'ipc-conformance-sandbox-';
const CFS_PERIOD_US = 100_000;

/** Where the kit's own cgroup of each controller is: one folder on v2, one per controller on v1. */
interface Hierarchy {
  version: 1 | 2;
  folders: Record<Controller, string>;
}

/** This process's cgroup path per hierarchy, from /proc/self/cgroup ("ID:CONTROLLERS:PATH"). */
function ownCgroupPaths(): Map<string, string> {
  const paths = new Map<string, string>();
  for (const line of readFileSync('/proc/self/cgroup', 'utf8').trim().split('\n')) {
    const [, controllers = '', ...path] = line.split(':');
    paths.set(controllers, path.join(':'));
  }
  return paths;
}

/** Mount points of cgroup file systems: v2's, and v1's per controller (from /proc/self/mountinfo). */
function cgroupMounts(): { v2?: string; v1: Map<string, string> } {
  const v1 = new Map<string, string>();
  let v2: string | undefined;
  for (const line of readFileSync('/proc/self/mountinfo', 'utf8').split('\n')) {
    const [before, after] = line.split(' - ');
    if (!before || !after) continue;
    const mountPoint = before.split(' ')[4]!;
    const [type, , options = ''] = after.split(' ');
    if (type === 'cgroup2') v2 ??= mountPoint;
    if (type === 'cgroup')
      for (const option of options.split(',')) if ((CONTROLLERS as readonly string[]).includes(option)) v1.set(option, mountPoint);
  }
  return { v2, v1 };
}

/** The hierarchy the sandbox can use, or why there is none. */
export function findHierarchy(): Hierarchy | { missing: string } {
  const mounts = cgroupMounts();
  const own = ownCgroupPaths();
  if (mounts.v1.size === 0 && mounts.v2) {
    const base = join(mounts.v2, own.get('') ?? '/');
    const available = readFileSync(join(mounts.v2, 'cgroup.controllers'), 'utf8').trim().split(/\s+/);
    const lacking = CONTROLLERS.filter((c) => !available.includes(c));
    if (lacking.length) return { missing: `cgroup v2 lacks the ${lacking.join(', ')} controller(s)` };
    return { version: 2, folders: { memory: base, pids: base, cpu: base } };
  }
  const folders: Partial<Record<Controller, string>> = {};
  for (const controller of CONTROLLERS) {
    const mount = mounts.v1.get(controller);
    const path = [...own.entries()].find(([list]) => list.split(',').includes(controller))?.[1];
    if (!mount || path === undefined) return { missing: `no cgroup v1 hierarchy with the ${controller} controller is mounted` };
    folders[controller] = join(mount, path);
  }
  return { version: 1, folders: folders as Record<Controller, string> };
}

const readNumber = (file: string) => Number(readFileSync(file, 'utf8').trim().split(/\s+/).pop());

function pidsIn(folder: string): number[] {
  try {
    return readFileSync(join(folder, 'cgroup.procs'), 'utf8').trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Kills every process in the folders until they are empty (a fork racing the kill is caught on a
 * later pass; the process bound stops a storm from outrunning it). */
function killAllIn(folders: string[], version: 1 | 2): void {
  if (version === 2 && existsSync(join(folders[0]!, 'cgroup.kill'))) {
    try {
      writeFileSync(join(folders[0]!, 'cgroup.kill'), '1');
    } catch {
      // an older v2 kernel: the loop below does it
    }
  }
  const deadline = Date.now() + 3000;
  for (;;) {
    const pids = [...new Set(folders.flatMap(pidsIn))];
    if (pids.length === 0 || Date.now() > deadline) return;
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone already
      }
    }
    sleepNow(5);
  }
}

/** Removes a cgroup folder once its processes have ended (rmdir waits for the last to be reaped). */
function removeFolder(folder: string): void {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      rmdirSync(folder);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return;
      if (code !== 'EBUSY') throw error;
      sleepNow(10);
    }
  }
}

let made = 0;

export class SandboxCgroup {
  private constructor(
    private readonly version: 1 | 2,
    /** One folder per controller (the same folder three times on v2). */
    private readonly folders: Record<Controller, string>,
    readonly limits: SandboxLimits,
  ) {}

  /** Makes the cgroup and sets its bounds; synchronous, so an interruption cannot fall in between. */
  static create(hierarchy: Hierarchy, limits: SandboxLimits): SandboxCgroup {
    const name = `${NAME_PREFIX}${process.pid}-${identityOf(process.pid)!.startTime}-${++made}`;
    const folders = Object.fromEntries(CONTROLLERS.map((c) => [c, join(hierarchy.folders[c], name)])) as Record<Controller, string>;
    for (const folder of new Set(Object.values(folders))) mkdirSync(folder, { mode: 0o755 });
    const cgroup = new SandboxCgroup(hierarchy.version, folders, limits);
    try {
      cgroup.applyLimits();
    } catch (error) {
      cgroup.remove();
      throw new Error(`cannot set the sandbox's limits in ${folders.memory}: ${(error as Error).message}`);
    }
    return cgroup;
  }

  private applyLimits(): void {
    const { memory, pids, cpu } = this.folders;
    const { memoryBytes, processes, cpus } = this.limits;
    const quota = Math.round(cpus * CFS_PERIOD_US);
    if (this.version === 2) {
      writeFileSync(join(memory, 'memory.max'), String(memoryBytes));
      if (existsSync(join(memory, 'memory.swap.max'))) writeFileSync(join(memory, 'memory.swap.max'), '0');
      writeFileSync(join(pids, 'pids.max'), String(processes));
      writeFileSync(join(cpu, 'cpu.max'), `${quota} ${CFS_PERIOD_US}`);
      return;
    }
    writeFileSync(join(memory, 'memory.limit_in_bytes'), String(memoryBytes));
    // With swap accounting, memory+swap gets the same bound: a hog must not escape into swap.
    if (existsSync(join(memory, 'memory.memsw.limit_in_bytes')))
      writeFileSync(join(memory, 'memory.memsw.limit_in_bytes'), String(memoryBytes));
    writeFileSync(join(pids, 'pids.max'), String(processes));
    writeFileSync(join(cpu, 'cpu.cfs_period_us'), String(CFS_PERIOD_US));
    writeFileSync(join(cpu, 'cpu.cfs_quota_us'), String(quota));
  }

  /** The files a process writes its own pid to, to enter this cgroup in every hierarchy. */
  get joinFiles(): string[] {
    return [...new Set(Object.values(this.folders))].map((folder) => join(folder, 'cgroup.procs'));
  }

  /** The pids in the cgroup now. */
  processes(): number[] {
    return pidsIn(this.folders.pids);
  }

  /** Which bounds the run reached. */
  limitsHit(): LimitHit[] {
    const hit: LimitHit[] = [];
    const { memory, pids } = this.folders;
    try {
      const reached =
        this.version === 2
          ? /^(max|oom_kill) [1-9]/m.test(readFileSync(join(memory, 'memory.events'), 'utf8'))
          : // With memory+swap bounded too, a charge may fail on that counter instead; the OOM
            // killer's own count says whether a process died of it.
            ['memory.failcnt', 'memory.memsw.failcnt'].some(
              (file) => existsSync(join(memory, file)) && readNumber(join(memory, file)) > 0,
            ) || /^oom_kill [1-9]/m.test(readFileSync(join(memory, 'memory.oom_control'), 'utf8'));
      if (reached) hit.push('memory');
      if (/^max [1-9]/m.test(readFileSync(join(pids, 'pids.events'), 'utf8'))) hit.push('processes');
    } catch {
      // a counter this kernel lacks: nothing to report from it
    }
    return hit;
  }

  /** Ends every process in the cgroup. */
  kill(): void {
    killAllIn([...new Set(Object.values(this.folders))], this.version);
  }

  /** Kills what is left and removes the cgroup. */
  remove(): void {
    this.kill();
    for (const folder of new Set(Object.values(this.folders))) removeFolder(folder);
  }
}

/**
 * Removes the sandbox cgroups of runs that died without removing them (a SIGKILL of the kit):
 * a cgroup whose owner pid no longer runs with the recorded start time is no one's.
 */
export function sweepDeadSandboxCgroups(hierarchy: Hierarchy): string[] {
  const swept: string[] = [];
  for (const parent of new Set(Object.values(hierarchy.folders))) {
    for (const name of readdirSync(parent).filter((entry) => entry.startsWith(NAME_PREFIX))) {
      const [pid, startTime] = name.slice(NAME_PREFIX.length).split('-').map(Number);
      if (pid !== undefined && identityOf(pid)?.startTime === startTime) continue;
      const folder = join(parent, name);
      killAllIn([folder], hierarchy.version);
      try {
        removeFolder(folder);
        swept.push(folder);
      } catch {
        // still busy: the next run tries again
      }
    }
  }
  return swept;
}

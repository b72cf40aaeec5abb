// What a run folder records, and how a later run removes the folders of runs that died without
// removing them (a SIGKILL, a crash, a machine that lost power). Every process of the kit that makes
// temporary files owns one run folder under the kit's temporary root (runFolder.ts); the folder
// names its owner by pid, start time and boot id, so that a reused pid is never taken for the owner,
// and records the long-running helpers the owner started. Every process of the kit's run inherits a
// mark in its environment (RUN_MARK_VARIABLE = the folder's path), so that what a dead run left
// running is found whatever it is called and however it was started.
//
// A sweep claims each dead folder by renaming it (one rename wins: two runs starting together never
// sweep the same folder twice, and a sweeper that dies mid-sweep leaves a claim that the next one
// takes over), ends the dead run's processes — SIGTERM first, so that a probe removes its IPC
// objects as on a timeout, SIGKILL after a grace — and removes the folder. Ending a run's process
// can end another run (a vitest worker owns a folder of its own), so it sweeps until nothing is dead.
import { readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sleepNow, statFields } from './processStat.js';

/** The owner's identity and mark, as JSON, in every run folder. */
export const OWNER_FILE = 'owner.json';
/** One JSON file per long-running helper (HelperRecord), named after its pid. */
export const HELPERS_FOLDER = 'helpers';
/** The environment variable by which every process of a run is marked: the run folder's path. */
export const RUN_MARK_VARIABLE = 'IPC_CONFORMANCE_RUN_MARK';
/** A run folder's name: the owner's pid, a dash, a few random hex digits. */
const RUN_FOLDER_NAME = /^(\d+)-[0-9a-f]+$/;
/** A folder a sweeper claimed: `.swept-by-<pid>.<start time>-<original name>`. */
const CLAIMED_NAME = /^\.swept-by-(\d+)\.(\d+)-(.+)$/;
/** How long a dead run's processes get, together, to end after SIGTERM. */
const GRACE_MS = 3000;

/** A process as the kernel tells it apart from any later one with the same pid. */
export interface ProcessIdentity {
  pid: number;
  /** Field 22 of /proc/PID/stat: clock ticks after boot when it started. */
  startTime: number;
  bootId: string;
}

/** What OWNER_FILE holds. */
export interface RunOwner extends ProcessIdentity {
  /** The value of RUN_MARK_VARIABLE in the environment of the run's processes. */
  mark: string;
  argv: string[];
  since: string;
}

/** What a file in HELPERS_FOLDER holds: a helper that leads a process group of its own. */
export interface HelperRecord extends ProcessIdentity {
  what: string;
}

/** What one sweep removed and ended, for a caller that wants to say so. */
export interface SweepOutcome {
  folders: string[];
  processes: string[];
}

let bootId: string | undefined;
function currentBootId(): string {
  bootId ??= readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  return bootId;
}

/** The identity of a running process (null when it is gone or a zombie). */
export function identityOf(pid: number): ProcessIdentity | null {
  const fields = statFields(pid);
  if (!fields || fields[0] === 'Z') return null;
  return { pid, startTime: Number(fields[19]), bootId: currentBootId() };
}

/** Whether that very process still runs (not another one that got its pid). */
export function isRunning(process: ProcessIdentity): boolean {
  const now = identityOf(process.pid);
  return now !== null && now.startTime === process.startTime && now.bootId === process.bootId;
}

function readJson<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** This process and its ancestors: never ended by a sweep, even when a dead run started them. */
function selfAndAncestors(): Set<number> {
  const chain = new Set<number>();
  for (let pid = process.pid; pid > 1 && !chain.has(pid); pid = Number(statFields(pid)?.[1] ?? 0)) chain.add(pid);
  return chain;
}

/** Live processes whose environment holds one of `marks` (as RUN_MARK_VARIABLE's value). */
function markedProcesses(marks: Set<string>): number[] {
  const spared = selfAndAncestors();
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || spared.has(Number(name))) continue;
    let environment: string;
    try {
      environment = readFileSync(`/proc/${name}/environ`, 'utf8');
    } catch {
      continue; // gone, or another user's
    }
    for (const entry of environment.split('\0')) {
      if (entry.startsWith(`${RUN_MARK_VARIABLE}=`) && marks.has(entry.slice(RUN_MARK_VARIABLE.length + 1))) {
        found.push(Number(name));
        break;
      }
    }
  }
  return found;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // gone already
  }
}

/** Whether the entry `name` in the kit root belongs to a run that is over, and so may be claimed. */
function ownerIsDead(root: string, name: string): boolean {
  const claimed = CLAIMED_NAME.exec(name);
  if (claimed) return !isRunning({ pid: Number(claimed[1]), startTime: Number(claimed[2]), bootId: currentBootId() });
  const plain = RUN_FOLDER_NAME.exec(name);
  if (!plain) return false; // not the kit's
  const owner = readJson<RunOwner>(join(root, name, OWNER_FILE));
  // No owner file yet: the folder is being made, by the process its name gives.
  return owner ? !isRunning(owner) : identityOf(Number(plain[1])) === null;
}

/** Claims the dead runs' folders in `root` by renaming them; returns the claimed paths. */
function claimDeadRuns(root: string): string[] {
  const me = identityOf(process.pid)!;
  const claimed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  for (const name of names) {
    if (!ownerIsDead(root, name)) continue;
    const original = CLAIMED_NAME.exec(name)?.[3] ?? name;
    const claim = join(root, `.swept-by-${me.pid}.${me.startTime}-${original}`);
    try {
      renameSync(join(root, name), claim);
      claimed.push(claim);
    } catch {
      // another run claimed it first
    }
  }
  return claimed;
}

/** Ends the processes of the claimed runs: marked ones, and recorded helpers with their groups. */
function endProcessesOf(claimed: string[]): string[] {
  const marks = new Set<string>();
  const helpers: HelperRecord[] = [];
  for (const folder of claimed) {
    const owner = readJson<RunOwner>(join(folder, OWNER_FILE));
    if (owner?.mark) marks.add(owner.mark);
    let files: string[] = [];
    try {
      files = readdirSync(join(folder, HELPERS_FOLDER));
    } catch {
      // no helper ever recorded
    }
    for (const file of files) {
      const helper = readJson<HelperRecord>(join(folder, HELPERS_FOLDER, file));
      if (helper && isRunning(helper)) helpers.push(helper);
    }
  }
  const marked = marks.size ? markedProcesses(marks) : [];
  const targets = [...new Set([...marked, ...helpers.map((h) => h.pid)])].flatMap((pid) => {
    const who = identityOf(pid);
    return who ? [who] : [];
  });
  const described = targets.map((who) => `${who.pid} ${readFileSafe(`/proc/${who.pid}/cmdline`).split('\0').join(' ').trim()}`);
  const groups = helpers.map((h) => h.pid);
  for (const pgid of groups) signal(-pgid, 'SIGTERM');
  for (const who of targets) signal(who.pid, 'SIGTERM');
  const deadline = Date.now() + GRACE_MS;
  while (targets.some(isRunning) && Date.now() < deadline) sleepNow(20);
  for (const pgid of groups) signal(-pgid, 'SIGKILL');
  for (const who of targets) if (isRunning(who)) signal(who.pid, 'SIGKILL');
  return described;
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/**
 * Removes from `root` every run folder whose owner has died, after ending what those runs left
 * running. Synchronous: it runs when a process makes its own run folder, before its first file.
 */
export function sweepDeadRuns(root: string): SweepOutcome {
  const outcome: SweepOutcome = { folders: [], processes: [] };
  for (let round = 0; round < 4; round++) {
    const claimed = claimDeadRuns(root);
    if (!claimed.length) break;
    outcome.processes.push(...endProcessesOf(claimed));
    for (const folder of claimed) {
      try {
        rmSync(folder, { recursive: true, force: true, maxRetries: 2 });
        outcome.folders.push(folder);
      } catch {
        // e.g. a mount left inside: the claim stays, and is taken over once this process has ended
      }
    }
    // A process ended just now may have owned a run folder of its own: look again.
  }
  return outcome;
}

// What the kit ends when it is itself stopped. Probes, daemons, namespace holders and load spinners
// run in process groups of their own (so that a timeout can end a probe with every helper it
// forked), and so they get none of the signals that stop the kit: Ctrl-C reaches only the
// terminal's foreground group, a supervisor's SIGTERM only the process it names. Whatever the kit
// starts registers here how to end it, for as long as it lives, and each temporary folder too. On
// SIGINT, SIGTERM or SIGHUP — or, in a vitest worker, when its parent goes away — each process of
// the kit ends what it started, then removes its folders (once nothing writes in them any more),
// and exits with 128 + the signal's number, as a process killed by the signal would. (What a
// SIGKILL leaves, the next run removes: its run folder with every temporary folder in it, and the
// processes it recorded or marked there (sweepDeadRuns.ts); containers by their owner label, the
// memory probe's cgroups by their emptiness. Daemons die with the process that started them
// (runFolder.ts boundToThisProcess); a vitest worker ends what it started when its parent goes.)
//
// Everything here is synchronous: once the kit is stopped there is no waiting for promises (vitest's
// own SIGINT handler exits the process a millisecond later).
import { readFileSync, rmSync } from 'node:fs';
import { constants } from 'node:os';
import { signalGroup } from './processGroup.js';
import { sleepNow, statFields } from './processStat.js';

/**
 * Ends one thing the kit started, at once. It may return the id of a process group it sent SIGTERM
 * to: the group then gets a moment to end by itself (a probe removes its objects in its SIGTERM
 * handler, as on a timeout) before SIGKILL.
 */
export type Teardown = () => unknown;

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
/** How long groups sent SIGTERM get, together, before SIGKILL. */
const GRACE_MS = 1500;

/**
 * What this process ends when stopped. Module state, one per process: the kit loads each module
 * once per process (the CLI its compiled copy; a vitest worker the suite's copy; vitest is handed
 * its configuration inline and loads no kit module into the CLI's process; conformance/SEAM.md).
 */
interface Registry {
  teardowns: Set<Teardown>;
  /** Run once the groups have ended: removals that a still-running probe could otherwise undo. */
  lastSteps: Set<() => void>;
  folders: Set<string>;
  installed: boolean;
  ending: boolean;
}
const registry: Registry = {
  teardowns: new Set(),
  lastSteps: new Set(),
  folders: new Set(),
  installed: false,
  ending: false,
};

/** Whether `pid` has ended (gone, or a zombie its parent has not reaped). */
const ended = (pid: number) => (statFields(pid)?.[0] ?? 'Z') === 'Z';

function endEverything(exitCode: number): void {
  // Exiting disconnects a worker, which would bring us back here.
  if (registry.ending) return;
  registry.ending = true;
  const groups: number[] = [];
  for (const teardown of registry.teardowns) {
    try {
      const group = teardown();
      if (typeof group === 'number') groups.push(group);
    } catch {
      // one failed teardown must not keep the others from running
    }
  }
  const deadline = Date.now() + GRACE_MS;
  while (groups.some((pgid) => !ended(pgid)) && Date.now() < deadline) sleepNow(10);
  for (const pgid of groups) signalGroup(pgid, 'SIGKILL');
  for (const step of registry.lastSteps) {
    try {
      step();
    } catch {
      // as above
    }
  }
  for (const folder of registry.folders) rmSync(folder, { recursive: true, force: true });
  try {
    process.exit(exitCode);
  } catch {
    // vitest replaces process.exit in its workers with a function that throws
    process.kill(process.pid, 'SIGKILL');
  }
}

function install(): void {
  if (registry.installed) return;
  registry.installed = true;
  for (const signal of SIGNALS) {
    process.on(signal, () => {
      if (registry.teardowns.size > 0)
        process.stderr.write(`ipc-conformance: ${signal}: ending what this run started, removing its temporary files\n`);
      endEverything(128 + constants.signals[signal]);
    });
  }
  // A vitest worker whose parent died: nobody will ever tell it to stop what it started.
  if (process.send) process.once('disconnect', () => endEverything(1));
}

/** Registers `teardown` until the returned function is called (when the thing ended normally). */
export function endOnInterrupt(teardown: Teardown): () => void {
  install();
  registry.teardowns.add(teardown);
  return () => registry.teardowns.delete(teardown);
}

/**
 * Registers `step` until the returned function is called; when interrupted, it runs after every
 * group has ended, so that no probe still running can make again what it removes.
 */
export function lastOnInterrupt(step: () => void): () => void {
  install();
  registry.lastSteps.add(step);
  return () => registry.lastSteps.delete(step);
}

/** Registers a temporary folder, removed last when interrupted, until the returned function is called. */
export function removeOnInterrupt(folder: string): () => void {
  install();
  registry.folders.add(folder);
  return () => registry.folders.delete(folder);
}

/** Teardown for a process group: SIGTERM now, SIGKILL after the grace. */
export function terminateGroup(pgid: number | undefined): number | undefined {
  if (pgid === undefined) return;
  signalGroup(pgid, 'SIGTERM');
  return pgid;
}

/**
 * For a teardown: sends SIGTERM to this process's children that share its process group (vitest's
 * workers, which then end what they started; whatever the kit detached leads a group of its own)
 * and waits up to `timeoutMs` for them to end.
 */
export function endWorkersNow(timeoutMs = 4000): void {
  const ownGroup = statFields(process.pid)?.[2];
  const children = readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map(Number);
  const workers = children.filter((pid) => statFields(pid)?.[2] === ownGroup);
  for (const pid of workers) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  const deadline = Date.now() + timeoutMs;
  while (workers.some((pid) => !ended(pid)) && Date.now() < deadline) sleepNow(20);
}

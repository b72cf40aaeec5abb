// A probe stopped mid-run must clean up as well as one that finishes. Each mechanism's cleanup test
// does the same dance: start a fixture case that blocks for longer than the runner's time limit,
// look, while it runs, for what it made (so that the leftover check afterwards could fail), expect
// the runner to stop it at the limit, then check with ./leftovers.ts that nothing remains.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { ProbeBroken } from '../../runners/core/errors.js';
import type { Environment } from '../../runners/environments/environment.js';
import { HostEnvironment } from '../../runners/environments/host.js';
import { runProbe } from '../../runners/probes/runProbe.js';
import type { ProbeRef } from '../../specs/schema.js';
import { isProbeIpcKey, processesRunning, type SysvKind, sysvKeys } from './leftovers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `condition` every `everyMs` until it holds (true) or `withinMs` has passed (false). */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  { withinMs, everyMs }: { withinMs: number; everyMs: number },
): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(everyMs);
  }
}

export interface BlockingProbe {
  /** Polls `condition` every `everyMs` while the probe runs: true once it held, false if the probe ended first. */
  whileRunning(condition: () => boolean | Promise<boolean>, everyMs?: number): Promise<boolean>;
  /** Expects the runner to have stopped the probe at its time limit: a ProbeBroken that says so. */
  expectStoppedByTimeLimit(): Promise<void>;
}

/** Starts a probe that blocks past `timeoutMs`, so the runner has to stop it. */
export function startBlockingProbe(environment: Environment, probe: ProbeRef, timeoutMs: number): BlockingProbe {
  let ended = false;
  const outcome = runProbe(environment, probe, { timeoutMs }).then(
    () => new Error(`the probe returned although it blocks for longer than ${timeoutMs} ms`),
    (error: unknown) => error,
  );
  void outcome.finally(() => (ended = true));
  return {
    async whileRunning(condition, everyMs = 10) {
      while (!ended) {
        if (await condition()) return true;
        await sleep(everyMs);
      }
      return false;
    },
    async expectStoppedByTimeLimit() {
      const error = await outcome;
      expect(error).toBeInstanceOf(ProbeBroken);
      expect((error as ProbeBroken).message).toContain(`timed out after ${timeoutMs} ms`);
    },
  };
}

/**
 * While `probe` runs, finds the object it makes (`findObject`, asked until it answers) and then the
 * helper it starts on it with `helper-answer <helperArgument(object)>` (the shared-memory fixtures).
 */
export async function objectAndHelperOf<T>(
  probe: BlockingProbe,
  findObject: () => T | undefined,
  helperArgument: (object: T) => string,
): Promise<{ object: T | undefined; helpers: number[]; helperCommand: string }> {
  let object: T | undefined;
  let helperCommand = '';
  let helpers: number[] = [];
  await probe.whileRunning(() => {
    object ??= findObject();
    if (object !== undefined) {
      helperCommand = `helper-answer ${helperArgument(object)}`;
      helpers = processesRunning(helperCommand);
    }
    return helpers.length > 0;
  }, 5);
  return { object, helpers, helperCommand };
}

/**
 * While `probe` runs, looks for the object it made, named after its pid: `objectOf(pid)` for each
 * process running `command` (a probe and its helpers share it), until `exists` finds one. Returns
 * that object (undefined if the probe ended first) and the pids last seen running `command`.
 */
export async function objectNamedAfterProcess(
  probe: BlockingProbe,
  command: string,
  objectOf: (pid: number) => string,
  exists: (object: string) => boolean,
): Promise<{ object: string | undefined; pids: number[] }> {
  let object: string | undefined;
  let pids: number[] = [];
  await probe.whileRunning(() => {
    pids = processesRunning(command);
    object = pids.map(objectOf).find(exists);
    return object !== undefined;
  }, 20);
  return { object, pids };
}

/** A fresh temporary folder for each test of the calling describe block, removed after it. */
export function scratchDirForEachTest(prefix: string): () => string {
  let path = '';
  beforeEach(async () => {
    path = await mkdtemp(join(tmpdir(), prefix));
  });
  afterEach(async () => {
    await rm(path, { recursive: true, force: true });
  });
  return () => path;
}

/** A host whose fixtures first write their pid to a file (`exec` keeps it), so the probe's SysV keys and POSIX names can be derived. */
export class PidRecordingHost extends HostEnvironment {
  private readonly pidFile: string;
  constructor(folder: string) {
    super({ name: 'host+pid' });
    this.pidFile = join(folder, 'pid');
  }
  override fixtureCommand(fixture: string): string[] {
    return ['/bin/sh', '-c', 'echo $$ > "$0"; exec "$@"', this.pidFile, ...super.fixtureCommand(fixture)];
  }
  /** The pid of the fixture last started, or 0 while it has not written it yet. */
  async fixturePid(): Promise<number> {
    return Number((await readFile(this.pidFile, 'utf8').catch(() => '')).trim()) || 0;
  }
  /** While `probe` runs, waits until its fixture holds a System V object of `kind` keyed for its pid: returns that pid, or 0 if the probe ended first. */
  async pidHoldingSysvObject(probe: BlockingProbe, kind: SysvKind): Promise<number> {
    let pid = 0;
    const held = await probe.whileRunning(async () => {
      pid ||= await this.fixturePid();
      return pid > 0 && sysvKeys(kind).some((key) => isProbeIpcKey(key, pid));
    });
    return held ? pid : 0;
  }
}

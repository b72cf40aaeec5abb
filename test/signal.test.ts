// The signal properties can fail: with an LD_PRELOAD shim breaking one documented rule the kit
// reports that property as failed with what it measured, and leaves the others passing. And a
// signal probe stopped mid-call leaves no helper, file or IPC object behind.
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ExecOptions } from '../runners/environments/environment.js';
import { HostEnvironment } from '../runners/environments/host.js';
import { ProbeBroken } from '../runners/probes/observation.js';
import { runProbe } from '../runners/probes/runProbe.js';
import { runCommand } from '../runners/process/runCommand.js';
import { alive, checkOnHost } from './support/kit.js';

describe('signal fault detection', () => {
  test('real-time signals that merge like standard ones fail the queueing property with the 1 delivery measured', async () => {
    const verdict = await checkOnHost(
      'signal.capacity.realtime-signal-sent-repeatedly-while-blocked-is-delivered-each-time',
      'signal_realtime_merged',
    );
    expect(verdict.status, verdict.reason).toBe('failed');
    expect(verdict.expected).toMatchObject({ equals: 5, relation: 'equals-evidence', sent: 5 });
    expect(verdict.observed).toMatchObject({ value: 1 });
    // The fixture's handler and the FFI path's sigtimedwait both saw the one instance.
    expect(verdict.observations.map((o) => o.value)).toEqual([1, 1]);
    expect(verdict.observations.map((o) => o.evidence.values)).toEqual(['1', '1']);
  });

  test('the same fault leaves the standard-signal merge, which it does not touch, passing', async () => {
    const verdict = await checkOnHost(
      'signal.capacity.standard-signal-sent-repeatedly-while-blocked-is-delivered-once',
      'signal_realtime_merged',
    );
    expect(verdict.status, verdict.reason).toBe('passed');
  });

  test('a sigaction that pretends to accept a SIGKILL handler fails "cannot be caught" with value 0 and no errno', async () => {
    const verdict = await checkOnHost('signal.permissions.sigkill-cannot-be-caught', 'signal_sigkill_catchable');
    expect(verdict.status, verdict.reason).toBe('failed');
    expect(verdict.expected).toEqual({ errno: 'EINVAL' });
    expect(verdict.observed).toMatchObject({ value: 0, errno: null });
    expect(verdict.observations).toHaveLength(2);
    // A lie in the library does not reach the kernel: the disposition read back is still the default.
    expect(verdict.observations.map((o) => o.evidence.disposition_after)).toEqual(['default', 'default']);
  });

  test('that fault leaves the sigprocmask property passing', async () => {
    const verdict = await checkOnHost(
      'signal.permissions.sigprocmask-silently-leaves-sigkill-and-sigstop-unblocked',
      'signal_sigkill_catchable',
    );
    expect(verdict.status, verdict.reason).toBe('passed');
  });

  test('the unfaulted host passes the properties the faults break', async () => {
    for (const id of [
      'signal.capacity.realtime-signal-sent-repeatedly-while-blocked-is-delivered-each-time',
      'signal.permissions.sigkill-cannot-be-caught',
    ]) {
      const verdict = await checkOnHost(id);
      expect(verdict.status, `${id}: ${verdict.reason}`).toBe('passed');
    }
  });
});

/** The host, but with a TMPDIR the test chooses, so the probe's own temporary files can be checked. */
class HostWithTmpdir extends HostEnvironment {
  constructor(private readonly tmp: string) {
    super({ name: 'host+tmpdir' });
  }
  override exec(argv: readonly string[], options: ExecOptions) {
    return runCommand(argv, { timeoutMs: options.timeoutMs, env: { ...options.env, TMPDIR: this.tmp } });
  }
}

/** Pids whose command line matches `pattern` (pgrep -f), excluding pgrep itself. */
async function pidsMatching(pattern: string): Promise<number[]> {
  const result = await runCommand(['pgrep', '-f', pattern], { timeoutMs: 5000 });
  return result.stdout.split('\n').filter(Boolean).map(Number);
}

/** The names and SysV keys a probe with this pid would have used (probe_ipc_name, probe_ipc_key). */
async function ipcLeftBy(pid: number): Promise<string[]> {
  const prefix = `ipc-conformance-${pid}-`;
  const named = ['/dev/shm', '/dev/mqueue']
    .filter((dir) => existsSync(dir))
    .flatMap((dir) => readdirSync(dir).filter((name) => name.startsWith(prefix)).map((name) => `${dir}/${name}`));
  const keyBase = 0x20000000 | ((pid & 0x3fffff) << 6);
  const ipcs = await runCommand(['ipcs', '-a'], { timeoutMs: 5000 });
  const keys = ipcs.stdout
    .split('\n')
    .map((line) => /^(0x[0-9a-f]+)\s/.exec(line)?.[1])
    .filter((key): key is string => key !== undefined && (Number(key) & ~63) === keyBase);
  return [...named, ...keys];
}

describe('a signal probe stopped mid-run', () => {
  let tmp: string;
  beforeEach(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'ipc-conformance-signal-'));
  });
  afterEach(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  test('while blocked in an interruptible read leaves no helper, temporary file or IPC object behind', async () => {
    // The helper would signal after 5 s and write after 10 s: the probe is stopped long before.
    const pattern = 'signal_probe read-interrupted-sa-restart 5000';
    const probe = { fixture: 'signal', case: 'read-interrupted-sa-restart', args: ['5000'] };
    const run = runProbe(new HostWithTmpdir(tmp), probe, { timeoutMs: 600 }).catch((error: unknown) => error);
    // Probe and helper carry the same command line; catch them while they run.
    let pids: number[] = [];
    for (let i = 0; i < 40 && pids.length < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      pids = await pidsMatching(pattern);
    }
    expect(pids.length).toBeGreaterThanOrEqual(2);
    const error = await run;
    expect(error).toBeInstanceOf(ProbeBroken);
    expect((error as ProbeBroken).message).toMatch(/timed out after 600 ms/);
    for (let i = 0; i < 50 && pids.some(alive); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(pids.filter(alive)).toEqual([]);
    expect(await pidsMatching(pattern)).toEqual([]);
    expect(await readdir(tmp)).toEqual([]);
    for (const pid of pids) expect(await ipcLeftBy(pid)).toEqual([]);
  });
});

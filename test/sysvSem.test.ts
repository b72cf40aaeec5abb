// The sysv-sem spec can fail: LD_PRELOAD shims that break one documented property of System V
// semaphores are reported as failed with the measured value, properties they leave alone still
// pass, and a probe killed in the middle of a blocking semop leaves no set behind.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { HostEnvironment } from '../runners/environments/host.js';
import { runProbe } from '../runners/probes/runProbe.js';
import { alive, checkOnHost } from './support/kit.js';

describe('sysv-sem fault detection', () => {
  test('a semop that drops SEM_UNDO fails the undo property with the value the exited process left (1)', async () => {
    const verdict = await checkOnHost('sysv-sem.lifecycle.sem-undo-reverts-an-exiting-process-adjustment', 'sysv_sem_undo_ignored');
    expect(verdict.status).toBe('failed');
    expect(verdict.expected).toEqual({ equals: 2 });
    expect(verdict.observed).toMatchObject({ value: 1 });
  });

  test('the same fault leaves the adjustment-without-SEM_UNDO property passing', async () => {
    const verdict = await checkOnHost('sysv-sem.persistence.adjustment-without-sem-undo-outlives-the-process', 'sysv_sem_undo_ignored');
    expect(verdict.status, verdict.reason).toBe('passed');
  });

  test('a semop carried out one operation at a time fails the all-or-none property with the half it applied', async () => {
    const verdict = await checkOnHost('sysv-sem.atomicity.operations-on-several-semaphores-apply-all-or-none', 'sysv_sem_split_ops');
    expect(verdict.status).toBe('failed');
    expect(verdict.expected).toEqual({ equals: '1,0' });
    expect(verdict.observed).toMatchObject({ value: '0,0', errno: 'EAGAIN' });
    // The fault reaches the C fixture and the FFI path alike, and they agree.
    expect(verdict.observations.map((o) => o.value)).toEqual(['0,0', '0,0']);
  });

  test('the same fault leaves single-operation properties passing', async () => {
    const verdict = await checkOnHost('sysv-sem.blocking.nowait-p-at-zero-gives-eagain', 'sysv_sem_split_ops');
    expect(verdict.status, verdict.reason).toBe('passed');
  });

  test('the unfaulted host passes all of these', async () => {
    for (const id of [
      'sysv-sem.lifecycle.sem-undo-reverts-an-exiting-process-adjustment',
      'sysv-sem.atomicity.operations-on-several-semaphores-apply-all-or-none',
      'sysv-sem.atomicity.a-waiting-multi-operation-takes-nothing-meanwhile',
    ]) {
      const verdict = await checkOnHost(id);
      expect(verdict.status, `${id}: ${verdict.reason}`).toBe('passed');
    }
  });
});

/** A host whose fixtures first write their pid to a file: `exec` keeps it, so the probe's SysV keys can be derived. */
class PidRecordingHost extends HostEnvironment {
  constructor(private readonly pidFile: string) {
    super({ name: 'host+pid' });
  }
  override fixtureCommand(fixture: string): string[] {
    return ['/bin/sh', '-c', 'echo $$ > "$0"; exec "$@"', this.pidFile, ...super.fixtureCommand(fixture)];
  }
}

/** The 64 keys probe_ipc_key(n) hands out to the probe with this pid (c-fixtures/common/probe.c). */
const keysOfProbe = (pid: number) => new Set(Array.from({ length: 64 }, (_, n) => 0x20000000 | ((pid & 0x3fffff) << 6) | n));

/** Keys of the live System V objects of one kind (first column of /proc/sysvipc/<kind>). */
async function sysvKeys(kind: 'msg' | 'sem' | 'shm'): Promise<number[]> {
  const lines = (await readFile(`/proc/sysvipc/${kind}`, 'utf8')).trim().split('\n').slice(1);
  return lines.map((line) => Number(line.trim().split(/\s+/)[0]));
}

/** POSIX IPC names a probe with this pid would make (probe_ipc_name). */
async function posixNamesOf(pid: number): Promise<string[]> {
  const named = async (folder: string) => (await readdir(folder).catch(() => [])).filter((n) => n.includes(`ipc-conformance-${pid}-`));
  return [...(await named('/dev/shm')), ...(await named('/dev/mqueue'))];
}

describe('a sysv_sem probe killed mid-run', () => {
  let scratch: string;
  beforeEach(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'ipc-conformance-sysvsem-'));
  });
  afterEach(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  for (const blockingCase of ['p-at-zero-blocks', 'all-or-none-while-blocked']) {
    test(`${blockingCase} stopped by the runner's time limit removes its semaphore set`, async () => {
      const pidFile = join(scratch, 'pid');
      const run = runProbe(new PidRecordingHost(pidFile), { fixture: 'sysv_sem', case: blockingCase, args: ['5000'] }, { timeoutMs: 600 });
      const outcome = run.then(
        () => null,
        (error: Error) => error,
      );
      // While the probe waits, its set exists: the check below could fail.
      let pid = 0;
      let seenWhileRunning = false;
      for (let i = 0; i < 50 && !seenWhileRunning; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim()) || pid;
        if (pid) seenWhileRunning = (await sysvKeys('sem')).some((key) => keysOfProbe(pid).has(key));
      }
      expect(seenWhileRunning).toBe(true);

      const error = await outcome;
      expect(error?.message).toMatch(/timed out after 600 ms/);
      expect(alive(pid)).toBe(false);
      const keys = keysOfProbe(pid);
      for (const kind of ['msg', 'sem', 'shm'] as const) {
        expect((await sysvKeys(kind)).filter((key) => keys.has(key)), kind).toEqual([]);
      }
      expect(await posixNamesOf(pid)).toEqual([]);
    });
  }
});

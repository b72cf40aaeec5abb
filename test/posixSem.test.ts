// The posix-sem properties can fail: with sem_trywait refusing whatever the value, the counting
// property fails with the 0 decrements it measured, while the value-0 property still passes.
// And a probe killed in the middle of a blocking sem_wait still removes its named semaphore.
import { existsSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { HostEnvironment } from '../runners/environments/host.js';
import { runProbe } from '../runners/probes/runProbe.js';
import { runCommand } from '../runners/process/runCommand.js';
import { checkOnHost } from './support/kit.js';

/** The pids of running processes whose command line matches `pattern` (a probe and its helpers). */
async function pidsMatching(pattern: string): Promise<number[]> {
  const result = await runCommand(['pgrep', '-f', pattern], { timeoutMs: 5000 });
  return result.stdout.split('\n').filter(Boolean).map(Number);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('posix-sem fault detection', () => {
  test('a sem_trywait that never decrements fails the counting property with 0 of 3', async () => {
    const verdict = await checkOnHost('posix-sem.capacity.trywait-succeeds-as-many-times-as-the-value', 'posix_sem_trywait_never_decrements');
    expect(verdict.status).toBe('failed');
    expect(verdict.expected).toMatchObject({ equals: 3, relation: 'equals-evidence', initial_value: 3 });
    expect(verdict.observed).toMatchObject({ value: 0, errno: 'EAGAIN' });
    // The fault reaches the C fixture and the FFI path alike, and both measured the same.
    expect(verdict.observations.map((o) => o.value)).toEqual([0, 0]);
  });

  test('the same fault leaves the EOVERFLOW property passing, and trywait on zero still gives EAGAIN', async () => {
    for (const id of ['posix-sem.limits.post-beyond-sem-value-max-gives-eoverflow', 'posix-sem.blocking.trywait-on-zero-gives-eagain']) {
      const verdict = await checkOnHost(id, 'posix_sem_trywait_never_decrements');
      expect(verdict.status, `${id}: ${verdict.reason}`).toBe('passed');
    }
  });

  test('the unfaulted host passes the counting property', async () => {
    const verdict = await checkOnHost('posix-sem.capacity.trywait-succeeds-as-many-times-as-the-value');
    expect(verdict.status, verdict.reason).toBe('passed');
  });
});

describe('posix-sem cleanup', () => {
  test('a probe killed while blocked in sem_wait leaves no /dev/shm entry and no process behind', async () => {
    const command = 'posix_sem_probe wait-blocks 5000';
    const run = runProbe(new HostEnvironment(), { fixture: 'posix_sem', case: 'wait-blocks', args: ['5000'] }, { timeoutMs: 1500 });
    const outcome = run.then(
      () => new Error('the probe returned although its poster waits 5 s'),
      (error: unknown) => error as Error,
    );

    // While it blocks, its semaphore is /dev/shm/sem.<name> under the probe's pid (helpers share the command line).
    let fileSeen: string | undefined;
    for (let i = 0; i < 60 && !fileSeen; i++) {
      const candidates = (await pidsMatching(command)).map((pid) => `/dev/shm/sem.ipc-conformance-${pid}-wait`);
      fileSeen = candidates.find((path) => existsSync(path));
      if (!fileSeen) await sleep(20);
    }
    expect(fileSeen, 'the blocked probe’s semaphore').toBeDefined();

    expect((await outcome).message).toMatch(/timed out after 1500 ms/);
    expect(existsSync(fileSeen!)).toBe(false);
    expect(await pidsMatching(command)).toEqual([]);
  });
});

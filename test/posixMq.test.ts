// The posix-mq properties can fail: with mq_send's priority wiped by a fault shim, the ordering
// property fails with the priorities actually received, while one the fault does not touch passes.
// And a probe killed in the middle of a blocking mq_receive still removes its queue.
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { HostEnvironment } from '../runners/environments/host.js';
import { libcBindings } from '../runners/ffi/libc.js';
import { runProbe } from '../runners/probes/runProbe.js';
import { runCommand } from '../runners/process/runCommand.js';
import { checkOnHost } from './support/kit.js';

const O_RDONLY = 0;

const mq = libcBindings((lib) => ({
  mq_open: lib.func('int mq_open(const char *name, int oflag, ...)'),
  mq_close: lib.func('int mq_close(int mqdes)'),
}));

/** Whether a POSIX queue of that name exists, asked the way a program would: mq_open without O_CREAT. */
function queueExists(name: string): boolean {
  const queue = mq().mq_open(name, O_RDONLY) as number;
  if (queue === -1) return false;
  mq().mq_close(queue);
  return true;
}

/** The pids of running processes whose command line matches `pattern` (a probe and its helpers). */
async function pidsMatching(pattern: string): Promise<number[]> {
  const result = await runCommand(['pgrep', '-f', pattern], { timeoutMs: 5000 });
  return result.stdout.split('\n').filter(Boolean).map(Number);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('posix-mq fault detection', () => {
  test('messages all sent at priority 0 fail the priority-order property with the priorities received', async () => {
    const verdict = await checkOnHost('posix-mq.ordering.highest-priority-comes-out-first', 'posix_mq_priorities_ignored');
    expect(verdict.status).toBe('failed');
    expect(verdict.expected).toEqual({ equals: '9,5,2,0' });
    expect(verdict.observed).toMatchObject({ value: '0,0,0,0' });
    // The fault reaches the C fixture and the FFI path alike, and both measured the same.
    expect(verdict.observations.map((o) => o.value)).toEqual(['0,0,0,0', '0,0,0,0']);
  });

  test('the same fault leaves message boundaries passing', async () => {
    const verdict = await checkOnHost('posix-mq.boundaries.one-receive-returns-one-whole-message', 'posix_mq_priorities_ignored');
    expect(verdict.status, verdict.reason).toBe('passed');
  });

  test('the unfaulted host passes the priority-order property', async () => {
    const verdict = await checkOnHost('posix-mq.ordering.highest-priority-comes-out-first');
    expect(verdict.status, verdict.reason).toBe('passed');
  });
});

describe('posix-mq cleanup', () => {
  test('a probe killed while blocked in mq_receive leaves no queue and no process behind', async () => {
    const command = 'posix_mq_probe receive-empty-blocks 5000';
    const run = runProbe(new HostEnvironment(), { fixture: 'posix_mq', case: 'receive-empty-blocks', args: ['5000'] }, { timeoutMs: 1500 });
    const outcome = run.then(
      () => new Error('the probe returned although its sender waits 5 s'),
      (error: unknown) => error as Error,
    );

    // While it blocks, its queue exists under the probe's pid (helpers share the command line).
    let queueSeen: string | undefined;
    let candidates: string[] = [];
    for (let i = 0; i < 60 && !queueSeen; i++) {
      candidates = (await pidsMatching(command)).map((pid) => `/ipc-conformance-${pid}-q`);
      queueSeen = candidates.find(queueExists);
      if (!queueSeen) await sleep(20);
    }
    expect(queueSeen, 'the blocked probe’s queue').toBeDefined();

    expect((await outcome).message).toMatch(/timed out after 1500 ms/);
    expect(queueExists(queueSeen!)).toBe(false);
    expect(await pidsMatching(command)).toEqual([]);
    if (existsSync('/dev/mqueue')) {
      const leftovers = readdirSync('/dev/mqueue').filter((name) => candidates.includes(`/${name}`));
      expect(leftovers).toEqual([]);
    }
  });
});

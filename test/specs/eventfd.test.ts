// The eventfd properties can fail: with an LD_PRELOAD shim that drops EFD_SEMAPHORE the kit reports
// the semaphore properties as failed with what it measured, and leaves the plain counter's passing.
// And an eventfd probe stopped while blocked in read() or write() leaves no process or file behind.
import { readdir } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { fixtureBinaryName } from '../../runners/core/fixtureBinary.js';
import type { ExecOptions } from '../../runners/environments/environment.js';
import { HostEnvironment } from '../../runners/environments/host.js';
import { runCommand } from '../../runners/process/runCommand.js';
import { scratchDirForEachTest, startBlockingProbe, waitUntil } from '../support/blockingProbe.js';
import { expectAllPass, expectFaultFails, expectPasses } from '../support/faults.js';
import { alive } from '../support/kit.js';
import { processesRunning } from '../support/leftovers.js';

describe('eventfd fault detection', () => {
  test('an eventfd() that ignores EFD_SEMAPHORE fails "a read returns 1" with the whole counter, 3, on both probes', async () => {
    await expectFaultFails('eventfd.ordering.semaphore-read-returns-one', 'eventfd_semaphore_ignored', {
      expected: { equals: 1 },
      observed: { value: 3, errno: null },
      valuePerProbe: [3, 3],
    });
  });

  test('the same fault fails "each read takes 1" with the single read that emptied the counter', async () => {
    await expectFaultFails('eventfd.ordering.semaphore-read-decrements-by-one', 'eventfd_semaphore_ignored', {
      expected: expect.objectContaining({ equals: 3, relation: 'equals-evidence', initval: 3 }),
      observed: { value: 1, errno: 'EAGAIN' },
      valuePerProbe: [1, 1],
    });
  });

  test('the same fault leaves the plain counter, which it does not touch, passing', async () => {
    await expectAllPass(
      ['eventfd.direction.writes-add-and-a-read-returns-the-sum', 'eventfd.lifecycle.a-read-resets-the-counter-to-zero'],
      'eventfd_semaphore_ignored',
    );
  });

  test('the unfaulted host passes both semaphore properties', async () => {
    await expectPasses('eventfd.ordering.semaphore-read-returns-one');
    await expectPasses('eventfd.ordering.semaphore-read-decrements-by-one');
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

describe('an eventfd probe stopped mid-call', () => {
  const tmp = scratchDirForEachTest('ipc-conformance-eventfd-');

  for (const blockedIn of ['read-blocks', 'write-blocks'] as const) {
    test(`while blocked in ${blockedIn.replace('-blocks', '()')} leaves neither the probe nor its child behind`, async () => {
      // The child would relieve the call after 5 s: the probe is stopped long before. Probe and
      // child (forked, not re-executed) share the command line.
      const args: Record<string, number> = blockedIn === 'read-blocks' ? { add: 1, delay_ms: 5000 } : { delay_ms: 5000 };
      const command = `${fixtureBinaryName('eventfd')} ${blockedIn} ${Object.values(args).join(' ')}`;
      const probe = startBlockingProbe(new HostWithTmpdir(tmp()), { fixture: 'eventfd', case: blockedIn, args }, 600);
      let pids: number[] = [];
      await probe.whileRunning(() => {
        pids = processesRunning(command);
        return pids.length >= 2;
      });
      expect(pids.length, 'the probe and its child ran before the stop').toBeGreaterThanOrEqual(2);
      await probe.expectStoppedByTimeLimit();
      await waitUntil(() => !pids.some(alive), { withinMs: 1000, everyMs: 20 });
      expect(pids.filter(alive)).toEqual([]);
      expect(processesRunning(command)).toEqual([]);
      expect(await readdir(tmp())).toEqual([]);
    });
  }
});

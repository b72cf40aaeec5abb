// The sysv-sem spec can fail: LD_PRELOAD shims that break one documented property of System V
// semaphores are reported as failed with the measured value, properties they leave alone still
// pass, and a probe killed in the middle of a blocking semop leaves no set behind.
import { describe, expect, test } from 'vitest';
import { PidRecordingHost, scratchDirForEachTest, startBlockingProbe } from '../support/blockingProbe.js';
import { expectAllPass, expectFaultFails, expectPasses } from '../support/faults.js';
import { alive } from '../support/kit.js';
import { leftoversOfProbe } from '../support/leftovers.js';

describe('sysv-sem fault detection', () => {
  test('a semop that drops SEM_UNDO fails the undo property with the value the exited process left (1)', async () => {
    await expectFaultFails('sysv-sem.lifecycle.sem-undo-reverts-an-exiting-process-adjustment', 'sysv_sem_undo_ignored', {
      expected: { equals: 2 },
      observed: { value: 1 },
    });
  });

  test('the same fault leaves the adjustment-without-SEM_UNDO property passing', async () => {
    await expectPasses('sysv-sem.persistence.adjustment-without-sem-undo-outlives-the-process', 'sysv_sem_undo_ignored');
  });

  test('a semop carried out one operation at a time fails the all-or-none property with the half it applied', async () => {
    // The fault reaches the C fixture and the FFI path alike, and they agree.
    await expectFaultFails('sysv-sem.atomicity.operations-on-several-semaphores-apply-all-or-none', 'sysv_sem_split_ops', {
      expected: { equals: '1,0' },
      observed: { value: '0,0', errno: 'EAGAIN' },
      valuePerProbe: ['0,0', '0,0'],
    });
  });

  test('the same fault leaves single-operation properties passing', async () => {
    await expectPasses('sysv-sem.blocking.nowait-p-at-zero-gives-eagain', 'sysv_sem_split_ops');
  });

  test('the unfaulted host passes all of these', async () => {
    await expectAllPass([
      'sysv-sem.lifecycle.sem-undo-reverts-an-exiting-process-adjustment',
      'sysv-sem.atomicity.operations-on-several-semaphores-apply-all-or-none',
      'sysv-sem.atomicity.a-waiting-multi-operation-takes-nothing-meanwhile',
    ]);
  });
});

describe('sysv-sem fault detection: waiters and timeouts', () => {
  test('a semtimedop that ignores its timeout fails the waits-at-least property with the short wait it measured', async () => {
    const verdict = await expectFaultFails('sysv-sem.blocking.semtimedop-waits-at-least-its-timeout', 'sysv_sem_timedop_ignores_timeout', {
      expected: { atLeast: 200_000_000 },
      observed: { errno: 'EAGAIN' },
    });
    expect(verdict.observed?.value).toBeLessThan(200_000_000);
  });

  test('the same fault leaves the EAGAIN property passing', async () => {
    await expectPasses('sysv-sem.blocking.semtimedop-gives-eagain-when-its-timeout-expires', 'sysv_sem_timedop_ignores_timeout');
  });

  test('a GETNCNT that always answers 0 fails the waiter-count property with the measured 0', async () => {
    await expectFaultFails('sysv-sem.blocking.getncnt-counts-the-processes-waiting-to-decrement', 'sysv_sem_getncnt_zero', {
      expected: { equals: 2, relation: 'equals-evidence', waiters: 2 },
      observed: { value: 0 },
    });
  });

  test('the same fault leaves GETZCNT passing', async () => {
    await expectPasses('sysv-sem.blocking.getzcnt-counts-the-processes-waiting-for-zero', 'sysv_sem_getncnt_zero');
  });

  test('the unfaulted host passes all of these', async () => {
    await expectAllPass([
      'sysv-sem.blocking.semtimedop-waits-at-least-its-timeout',
      'sysv-sem.blocking.getncnt-counts-the-processes-waiting-to-decrement',
    ]);
  });
});

describe('a sysv_sem probe killed mid-run', () => {
  const scratch = scratchDirForEachTest('ipc-conformance-sysvsem-');

  for (const blockingCase of ['p-at-zero-blocks', 'all-or-none-while-blocked', 'op-interrupted']) {
    test(`${blockingCase} stopped by the runner's time limit removes its semaphore set`, async () => {
      const host = new PidRecordingHost(scratch());
      const probe = startBlockingProbe(host, { fixture: 'sysv-sem', case: blockingCase, args: { delay_ms: 5000 } }, 600);
      // While the probe waits, its set exists: the check below could fail.
      const pid = await host.pidHoldingSysvObject(probe, 'sem');
      expect(pid, 'the blocked probe’s set').toBeGreaterThan(0);

      await probe.expectStoppedByTimeLimit();
      expect(alive(pid)).toBe(false);
      expect(leftoversOfProbe(pid)).toEqual([]);
    });
  }
});

// ---- pids across a PID namespace's boundary ----

describe('sysv-sem fault detection across a PID namespace', () => {
  const readOutside = 'sysv-sem.isolation.sempid-set-inside-a-pid-namespace-reads-as-the-parent-namespace-pid-outside';
  const readInside = [
    'sysv-sem.isolation.sempid-set-inside-a-pid-namespace-reads-as-its-own-pid-inside',
    'sysv-sem.isolation.sempid-set-in-the-parent-namespace-reads-as-zero-inside-a-pid-namespace',
  ];

  test('a pid left as the process numbers itself fails the parent-namespace read with 1 measured', async () => {
    const verdict = await expectFaultFails(readOutside, 'sysv_sem_getpid_untranslated', { observed: { value: 1 } });
    const [observation] = verdict.observations;
    expect(verdict.expected).toMatchObject({ equals: observation!.evidence.inside_pid_in_parent_namespace });
    expect(observation!.evidence.inside_pid_in_own_namespace).toBe(1);
  });

  test('the same fault leaves the reads inside passing', async () => {
    await expectAllPass(readInside, 'sysv_sem_getpid_untranslated');
  });

  test('the unfaulted host passes every PID namespace property', async () => {
    await expectAllPass([readOutside, ...readInside]);
  });
});

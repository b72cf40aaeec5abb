// System V shared memory in the kit: a shim that makes every attach a private copy must fail the
// "one memory, not copies" property (on both probe paths) while leaving the size limits passing,
// and a probe killed in the middle of a run must leave no segment and no helper behind.
import { describe, expect, test } from 'vitest';
import { HostEnvironment } from '../../runners/environments/host.js';
import { objectAndHelperOf, startBlockingProbe } from '../support/blockingProbe.js';
import { expectAllPass, expectFaultFails, expectPasses } from '../support/faults.js';
import { commandLine, isProbeIpcKey, leftoversOfProbe, processesRunning, sharedMemorySegments } from '../support/leftovers.js';

describe('sysv-shm fault detection', () => {
  test('attaches that are private copies fail the one-memory property, measured as false by both probes', async () => {
    const verdict = await expectFaultFails('sysv-shm.direction.two-attachments-are-one-memory-not-copies', 'sysv_shm_attach_copies', {
      expected: { equals: true },
      observed: { value: false },
    });
    expect(verdict.observations.map((o) => o.probe)).toEqual([
      'fixture sysv-shm/two-attachments-alias',
      'ffi sysv-shm.two-attachments-alias',
    ]);
    expect(verdict.observations.map((o) => o.evidence.second_sees_first)).toEqual([false, false]);
  });

  test('the same fault leaves a property it does not touch passing', async () => {
    await expectPasses('sysv-shm.limits.size-below-shmmin-gives-einval', 'sysv_shm_attach_copies');
  });

  test('the unfaulted host passes the one-memory property', async () => {
    await expectPasses('sysv-shm.direction.two-attachments-are-one-memory-not-copies');
  });

  test('an IPC_STAT that forgets the attach time fails the shm_atime property with the measured 0', async () => {
    const verdict = await expectFaultFails(
      'sysv-shm.lifecycle.shmat-sets-shm-atime-to-the-current-time',
      'sysv_shm_stat_forgets_attach_time',
      {
        observed: { value: 0 },
      },
    );
    expect(verdict.observations[0]?.evidence.attached_at).toBeGreaterThan(0);
  });

  test('the same fault leaves the shm_dtime property passing', async () => {
    await expectPasses('sysv-shm.lifecycle.shmdt-sets-shm-dtime-to-the-current-time', 'sysv_shm_stat_forgets_attach_time');
  });

  test('the unfaulted host passes the shm_atime property', async () => {
    await expectPasses('sysv-shm.lifecycle.shmat-sets-shm-atime-to-the-current-time');
  });
});

describe('sysv-shm cleanup', () => {
  test('a probe stopped mid-exchange removes its keyed segment and kills its helper', async () => {
    const probe = startBlockingProbe(
      new HostEnvironment(),
      { fixture: 'sysv-shm', case: 'writes-visible-both-ways', args: { delay_ms: 5000 } },
      600,
    );
    // While it runs: find the segment it made (its creator runs this very case), then the helper on its key.
    const {
      object: held,
      helpers,
      helperCommand,
    } = await objectAndHelperOf(
      probe,
      () => sharedMemorySegments().find((s) => commandLine(s.cpid).includes('writes-visible-both-ways 5000')),
      (segment) => String(segment.key),
    );
    await probe.expectStoppedByTimeLimit();
    expect(held, 'the probe made its segment before it was stopped').toBeDefined();
    expect(helpers, 'its helper ran before it was stopped').toHaveLength(1);
    expect(isProbeIpcKey(held!.key, held!.cpid)).toBe(true);

    expect(sharedMemorySegments().filter((s) => s.shmid === held!.shmid)).toEqual([]);
    expect(leftoversOfProbe(held!.cpid)).toEqual([]);
    // The helper was started with setsid, outside the probe's process group: the probe's own
    // cleanup has to end it.
    expect(processesRunning(helperCommand)).toEqual([]);
  });
});

// ---- pids across a PID namespace's boundary ----

describe('sysv-shm fault detection across a PID namespace', () => {
  const readOutside = 'sysv-shm.isolation.shm-cpid-set-inside-a-pid-namespace-reads-as-the-parent-namespace-pid-outside';
  const readInside = [
    'sysv-shm.isolation.shm-cpid-set-inside-a-pid-namespace-reads-as-its-own-pid-inside',
    'sysv-shm.isolation.shm-cpid-set-in-the-parent-namespace-reads-as-zero-inside-a-pid-namespace',
  ];

  test('a pid left as the process numbers itself fails the parent-namespace read with 1 measured', async () => {
    const verdict = await expectFaultFails(readOutside, 'sysv_shm_cpid_untranslated', { observed: { value: 1 } });
    const [observation] = verdict.observations;
    expect(verdict.expected).toMatchObject({ equals: observation!.evidence.inside_pid_in_parent_namespace });
    expect(observation!.evidence.inside_pid_in_own_namespace).toBe(1);
  });

  test('the same fault leaves the reads inside passing', async () => {
    await expectAllPass(readInside, 'sysv_shm_cpid_untranslated');
  });

  test('the unfaulted host passes every PID namespace property', async () => {
    await expectAllPass([readOutside, ...readInside]);
  });
});

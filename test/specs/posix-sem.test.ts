// The posix-sem properties can fail: with sem_trywait refusing whatever the value, the counting
// property fails with the 0 decrements it measured, while the value-0 property still passes.
// And a probe killed in the middle of a blocking sem_wait still removes its named semaphore.
import { existsSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { fixtureBinaryName } from '../../runners/core/fixtureBinary.js';
import { HostEnvironment } from '../../runners/environments/host.js';
import { objectNamedAfterProcess, startBlockingProbe } from '../support/blockingProbe.js';
import { expectAllPass, expectFaultFails, expectPasses } from '../support/faults.js';
import { leftoversOfProbe, processesRunning } from '../support/leftovers.js';

describe('posix-sem fault detection', () => {
  test('a sem_trywait that never decrements fails the counting property with 0 of 3', async () => {
    // The fault reaches the C fixture and the FFI path alike, and both measured the same.
    await expectFaultFails('posix-sem.capacity.trywait-succeeds-as-many-times-as-the-value', 'posix_sem_trywait_never_decrements', {
      expected: expect.objectContaining({ equals: 3, relation: 'equals-evidence', initial_value: 3 }),
      observed: { value: 0, errno: 'EAGAIN' },
      valuePerProbe: [0, 0],
    });
  });

  test('the same fault leaves the EOVERFLOW property passing, and trywait on zero still gives EAGAIN', async () => {
    await expectAllPass(
      ['posix-sem.limits.post-beyond-sem-value-max-gives-eoverflow', 'posix-sem.blocking.trywait-on-zero-gives-eagain'],
      'posix_sem_trywait_never_decrements',
    );
  });

  test('the unfaulted host passes the counting property', async () => {
    await expectPasses('posix-sem.capacity.trywait-succeeds-as-many-times-as-the-value');
  });
});

describe('posix-sem timed waits under a sem_timedwait that ignores its deadline', () => {
  test('the invalid-tv_nsec property fails with the ETIMEDOUT both probes measured', async () => {
    await expectFaultFails('posix-sem.blocking.timedwait-with-an-invalid-tv-nsec-gives-einval', 'posix_sem_timedwait_ignores_timeout', {
      expected: { errno: 'EINVAL' },
      observed: { value: -1, errno: 'ETIMEDOUT' },
      valuePerProbe: [-1, -1],
    });
  });

  test('a deadline already passed still gives ETIMEDOUT on 0 and takes a semaphore of 1', async () => {
    await expectAllPass(
      [
        'posix-sem.blocking.timedwait-with-a-past-deadline-on-zero-gives-etimedout',
        'posix-sem.blocking.timedwait-with-a-past-deadline-takes-an-available-semaphore',
      ],
      'posix_sem_timedwait_ignores_timeout',
    );
  });

  test('the unfaulted host passes the invalid-tv_nsec property', async () => {
    await expectPasses('posix-sem.blocking.timedwait-with-an-invalid-tv-nsec-gives-einval');
  });
});

describe('posix-sem names under a sem_open that drops O_EXCL', () => {
  test('the EEXIST property fails with the open both probes made', async () => {
    await expectFaultFails('posix-sem.lifecycle.o-excl-on-an-existing-name-gives-eexist', 'posix_sem_open_excl_ignored', {
      expected: { errno: 'EEXIST' },
      observed: { value: true, errno: null },
      valuePerProbe: [true, true],
    });
  });

  test('opening a missing name without O_CREAT still gives ENOENT', async () => {
    await expectPasses('posix-sem.lifecycle.open-of-a-missing-name-without-o-creat-gives-enoent', 'posix_sem_open_excl_ignored');
  });
});

describe('posix-sem limits under a sem_init that ignores SEM_VALUE_MAX', () => {
  test('the sem_init EINVAL property fails with the success both probes measured', async () => {
    await expectFaultFails('posix-sem.limits.sem-init-with-a-value-above-sem-value-max-gives-einval', 'posix_sem_init_ignores_value_max', {
      expected: { errno: 'EINVAL' },
      observed: { value: 0, errno: null },
      valuePerProbe: [0, 0],
    });
  });

  test('a semaphore at SEM_VALUE_MAX still refuses a post with EOVERFLOW', async () => {
    await expectPasses('posix-sem.limits.post-beyond-sem-value-max-gives-eoverflow', 'posix_sem_init_ignores_value_max');
  });
});

describe('posix-sem cleanup', () => {
  test('a probe killed while blocked in sem_wait leaves no /dev/shm entry and no process behind', async () => {
    const command = `${fixtureBinaryName('posix-sem')} wait-blocks 5000`;
    const probe = startBlockingProbe(new HostEnvironment(), { fixture: 'posix-sem', case: 'wait-blocks', args: { delay_ms: 5000 } }, 1500);

    // While it blocks, its semaphore is /dev/shm/sem.<name> under the probe's pid (helpers share the command line).
    const { object: fileSeen, pids } = await objectNamedAfterProcess(
      probe,
      command,
      (pid) => `/dev/shm/sem.ipc-conformance-${pid}-wait`,
      (path) => existsSync(path),
    );
    expect(fileSeen, 'the blocked probe’s semaphore').toBeDefined();

    await probe.expectStoppedByTimeLimit();
    expect(existsSync(fileSeen!)).toBe(false);
    expect(processesRunning(command)).toEqual([]);
    for (const pid of pids) expect(leftoversOfProbe(pid)).toEqual([]);
  });
});

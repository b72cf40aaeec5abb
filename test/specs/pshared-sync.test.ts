// The pshared-sync properties can fail: with pthread_mutex_lock hiding EOWNERDEAD, the robust
// property fails with the 0 it measured while the plain and error-checking mutexes' properties
// still pass; with FUTEX_PRIVATE_FLAG dropped, a private wake reaches a waiter in another process.
// And a probe killed while its child is blocked in a wait leaves no process behind.
import { describe, expect, test } from 'vitest';
import { fixtureBinaryName } from '../../runners/core/fixtureBinary.js';
import { HostEnvironment } from '../../runners/environments/host.js';
import { startBlockingProbe } from '../support/blockingProbe.js';
import { expectAllPass, expectFaultFails, expectPasses } from '../support/faults.js';
import { leftoversOfProbe, processesRunning } from '../support/leftovers.js';

const EOWNERDEAD_PROPERTY = 'pshared-sync.lifecycle.robust-mutex-of-a-dead-owner-gives-eownerdead';
const PRIVATE_WAKE_PROPERTY = 'pshared-sync.isolation.private-futex-wake-does-not-reach-another-process';

describe('pshared-sync under a pthread_mutex_lock that hides EOWNERDEAD', () => {
  test('the robust-mutex property fails with the 0 the lock returned', async () => {
    await expectFaultFails(EOWNERDEAD_PROPERTY, 'pshared_sync_owner_death_hidden', {
      expected: { errno: 'EOWNERDEAD' },
      observed: { value: 0, errno: null },
      valuePerProbe: [0],
    });
  });

  test('a plain mutex of a dead owner still refuses trylock, and an error-checking relock still gives EDEADLK', async () => {
    // The error-checking relock has an FFI probe too: the shim reaches it and leaves it alone.
    await expectAllPass(
      [
        'pshared-sync.lifecycle.plain-mutex-of-a-dead-owner-stays-locked-to-trylock',
        'pshared-sync.permissions.errorcheck-relock-by-its-owner-gives-edeadlk',
      ],
      'pshared_sync_owner_death_hidden',
    );
  });

  test('the unfaulted host passes the robust-mutex property', async () => {
    await expectPasses(EOWNERDEAD_PROPERTY);
  });
});

describe('pshared-sync under a futex call that drops FUTEX_PRIVATE_FLAG', () => {
  test('the private-wake property fails with the waiter of another process it woke', async () => {
    const verdict = await expectFaultFails(PRIVATE_WAKE_PROPERTY, 'pshared_sync_private_flag_dropped', {
      expected: { equals: 0 },
      observed: { value: 1, errno: null },
      valuePerProbe: [1],
    });
    // Woken, not timed out: the waiter's own return says the wake reached it.
    expect(verdict.observations[0]!.evidence).toMatchObject({ waiter_returned: 0, waiter_errno: 'none' });
  });

  test('a shared wake across processes still wakes exactly one waiter', async () => {
    await expectPasses('pshared-sync.notification.futex-wake-reaches-a-waiter-in-another-process', 'pshared_sync_private_flag_dropped');
  });

  test('the unfaulted host passes the private-wake property', async () => {
    await expectPasses(PRIVATE_WAKE_PROPERTY);
  });
});

describe('pshared-sync cleanup', () => {
  test.each(['futex-wake-other-process', 'cond-wakes-other-process'])(
    'a probe killed while its child waits (%s) leaves no process behind',
    async (blockingCase) => {
      const command = `${fixtureBinaryName('pshared-sync')} ${blockingCase} 5000`;
      const probe = startBlockingProbe(
        new HostEnvironment(),
        { fixture: 'pshared-sync', case: blockingCase, args: { delay_ms: 5000 } },
        1500,
      );

      // The probe and its waiting child share the command line: both are seen before the kill.
      let pids: number[] = [];
      const waiting = await probe.whileRunning(() => {
        pids = processesRunning(command);
        return pids.length >= 2;
      }, 20);
      expect(waiting, 'the probe and its waiting child').toBe(true);

      await probe.expectStoppedByTimeLimit();
      expect(processesRunning(command)).toEqual([]);
      for (const pid of pids) expect(leftoversOfProbe(pid)).toEqual([]);
    },
  );
});

// The posix-mq properties can fail: with mq_send's priority wiped by a fault shim, the ordering
// property fails with the priorities actually received, while one the fault does not touch passes;
// the same for a timed send that gives up at once, an mq_setattr that changes the sizes, an
// mq_notify(NULL) that unregisters nothing and an mq_open that ignores the access mode.
// And a probe killed in the middle of a blocking mq_receive still removes its queue.
import { describe, expect, test } from 'vitest';
import { fixtureBinaryName } from '../../runners/core/fixtureBinary.js';
import { HostEnvironment } from '../../runners/environments/host.js';
import { libcBindings } from '../../runners/ffi/libc.js';
import { objectNamedAfterProcess, startBlockingProbe } from '../support/blockingProbe.js';
import { expectFaultFails, expectPasses } from '../support/faults.js';
import { leftoversOfProbe, processesRunning } from '../support/leftovers.js';

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

describe('posix-mq fault detection', () => {
  test('messages all sent at priority 0 fail the priority-order property with the priorities received', async () => {
    // The fault reaches the C fixture and the FFI path alike, and both measured the same.
    await expectFaultFails('posix-mq.ordering.highest-priority-comes-out-first', 'posix_mq_priorities_ignored', {
      expected: { equals: '9,5,2,0' },
      observed: { value: '0,0,0,0' },
      valuePerProbe: ['0,0,0,0', '0,0,0,0'],
    });
  });

  test('the same fault leaves message boundaries passing', async () => {
    await expectPasses('posix-mq.boundaries.one-receive-returns-one-whole-message', 'posix_mq_priorities_ignored');
  });

  test('the unfaulted host passes the priority-order property', async () => {
    await expectPasses('posix-mq.ordering.highest-priority-comes-out-first');
  });
});

describe('posix-mq fault detection: timed waits, attributes, notification, access modes', () => {
  test('a timed send that gives up at once fails the wait property with the short wait measured', async () => {
    const verdict = await expectFaultFails(
      'posix-mq.blocking.timedsend-waits-at-least-its-timeout',
      'posix_mq_timedsend_gives_up_at_once',
      {
        expected: { atLeast: 200_000_000 },
        observed: { errno: 'ETIMEDOUT' },
      },
    );
    // The value is the wait the probe measured: far below the 200 ms deadline it was given.
    expect(verdict.observed?.value).toBeLessThan(100_000_000);
  });

  test('the same fault leaves the timed send’s ETIMEDOUT passing', async () => {
    await expectPasses('posix-mq.blocking.timedsend-on-full-queue-gives-etimedout', 'posix_mq_timedsend_gives_up_at_once');
  });

  test('an mq_setattr that changes the sizes fails the ignores-sizes property with the sizes read back', async () => {
    await expectFaultFails('posix-mq.limits.setattr-ignores-maxmsg-msgsize-and-curmsgs', 'posix_mq_setattr_changes_sizes', {
      expected: { equals: '8,64,0' },
      observed: { value: '2,16,0' },
      valuePerProbe: ['2,16,0', '2,16,0'],
    });
  });

  test('the same fault leaves the previous attributes mq_setattr returns passing', async () => {
    await expectPasses('posix-mq.lifecycle.setattr-returns-the-previous-attributes', 'posix_mq_setattr_changes_sizes');
  });

  test('an mq_notify(NULL) that unregisters nothing fails the unregister property with the notification that came', async () => {
    await expectFaultFails('posix-mq.notification.mq-notify-null-removes-the-registration', 'posix_mq_notify_null_ignored', {
      expected: { equals: 0 },
      observed: { value: 1 },
    });
  });

  test('the same fault leaves the first notification passing', async () => {
    await expectPasses('posix-mq.notification.mq-notify-signals-when-a-message-reaches-an-empty-queue', 'posix_mq_notify_null_ignored');
  });

  test('an mq_open that ignores the access mode fails the read-only send property with the send that went through', async () => {
    await expectFaultFails('posix-mq.direction.send-on-a-read-only-descriptor-gives-ebadf', 'posix_mq_open_ignores_access_mode', {
      expected: { errno: 'EBADF' },
      observed: { value: 0, errno: null },
      valuePerProbe: [0, 0],
    });
  });

  test('the same fault leaves O_CREAT|O_EXCL’s EEXIST passing', async () => {
    await expectPasses('posix-mq.lifecycle.exclusive-create-of-an-existing-name-gives-eexist', 'posix_mq_open_ignores_access_mode');
  });
});

describe('posix-mq cleanup', () => {
  test('a probe killed while blocked in mq_receive leaves no queue and no process behind', async () => {
    const command = `${fixtureBinaryName('posix-mq')} receive-empty-blocks 5000`;
    const probe = startBlockingProbe(
      new HostEnvironment(),
      { fixture: 'posix-mq', case: 'receive-empty-blocks', args: { delay_ms: 5000 } },
      1500,
    );

    // While it blocks, its queue exists under the probe's pid (helpers share the command line).
    const { object: queueSeen, pids } = await objectNamedAfterProcess(probe, command, (pid) => `/ipc-conformance-${pid}-q`, queueExists);
    expect(queueSeen, 'the blocked probe’s queue').toBeDefined();

    await probe.expectStoppedByTimeLimit();
    expect(queueExists(queueSeen!)).toBe(false);
    expect(processesRunning(command)).toEqual([]);
    for (const pid of pids) expect(leftoversOfProbe(pid)).toEqual([]);
  });
});

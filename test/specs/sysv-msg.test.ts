// The sysv-msg spec can fail: LD_PRELOAD shims that break one documented property of System V
// message queues are reported as failed with the measured value, properties they leave alone still
// pass, and a probe killed in the middle of a blocking call leaves no queue behind.
import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { PidRecordingHost, scratchDirForEachTest, startBlockingProbe } from '../support/blockingProbe.js';
import { expectAllPass, expectFaultFails, expectPasses } from '../support/faults.js';
import { alive } from '../support/kit.js';
import { leftoversOfProbe } from '../support/leftovers.js';

describe('sysv-msg fault detection', () => {
  test('queues shrunk to 1024 bytes fail the msgmnb capacity property with the measured 1024', async () => {
    const msgmnb = Number((await readFile('/proc/sys/kernel/msgmnb', 'utf8')).trim());
    // The fault reaches the C fixture and the FFI path alike, and they agree.
    await expectFaultFails('sysv-msg.capacity.queue-bytes-equal-kernel-msgmnb', 'sysv_msg_small_queue', {
      expected: { equals: msgmnb, sysctl: 'kernel.msgmnb' },
      observed: { value: 1024 },
      valuePerProbe: [1024, 1024],
    });
  });

  test('the shrunk queue still holds exactly its own msg_qbytes: the fill is sized from the queue, not from msgmnb', async () => {
    const verdict = await expectPasses('sysv-msg.capacity.full-queue-holds-exactly-msg-qbytes-of-text', 'sysv_msg_small_queue');
    expect(verdict.observed).toMatchObject({ value: 1024 });
    expect(verdict.expected).toMatchObject({ equals: 1024, msg_qbytes: 1024 });
  });

  test('a msgrcv that ignores msgtyp fails the positive- and negative-type properties with the oldest message', async () => {
    for (const id of [
      'sysv-msg.ordering.positive-type-receives-the-oldest-message-of-that-type',
      'sysv-msg.ordering.negative-type-receives-the-lowest-type-up-to-its-magnitude',
    ]) {
      await expectFaultFails(id, 'sysv_msg_type_ignored', { observed: { value: '3:first' } });
    }
  });

  test('the same fault leaves type 0 (take the oldest) passing', async () => {
    await expectPasses('sysv-msg.ordering.type-zero-receives-the-oldest-message', 'sysv_msg_type_ignored');
  });

  test('the unfaulted host passes all of these', async () => {
    await expectAllPass([
      'sysv-msg.capacity.queue-bytes-equal-kernel-msgmnb',
      'sysv-msg.capacity.full-queue-holds-exactly-msg-qbytes-of-text',
      'sysv-msg.ordering.positive-type-receives-the-oldest-message-of-that-type',
      'sysv-msg.ordering.negative-type-receives-the-lowest-type-up-to-its-magnitude',
    ]);
  });
});

describe('sysv-msg fault detection: msgctl', () => {
  test('an IPC_STAT that forgets the pids fails the last-sender property with the measured 0', async () => {
    const verdict = await expectFaultFails('sysv-msg.lifecycle.msg-lspid-names-the-last-sender', 'sysv_msg_stat_forgets_pids', {
      observed: { value: 0 },
    });
    // The expectation is the pid of the helper that sent, read from the same observation.
    expect(verdict.expected).toMatchObject({ relation: 'equals-evidence' });
    expect(verdict.observations[0]?.evidence.sender_pid).toBeGreaterThan(0);
  });

  test('the same fault leaves the send time passing', async () => {
    await expectPasses('sysv-msg.lifecycle.msgsnd-sets-msg-stime-to-the-current-time', 'sysv_msg_stat_forgets_pids');
  });

  test('an IPC_SET that changes nothing fails the mode property with the 0600 the queue kept, on both probe paths', async () => {
    await expectFaultFails('sysv-msg.permissions.owner-changes-the-mode-with-ipc-set', 'sysv_msg_ipc_set_ignored', {
      expected: { equals: '0640' },
      observed: { value: '0600' },
      valuePerProbe: ['0600', '0600'],
    });
  });

  test('the same fault leaves IPC_STAT-only properties passing', async () => {
    await expectPasses('sysv-msg.lifecycle.a-new-queue-has-no-send-or-receive-times-or-pids', 'sysv_msg_ipc_set_ignored');
  });

  test('the unfaulted host passes all of these', async () => {
    await expectAllPass(['sysv-msg.lifecycle.msg-lspid-names-the-last-sender', 'sysv-msg.permissions.owner-changes-the-mode-with-ipc-set']);
  });
});

describe('a sysv_msg probe killed mid-run', () => {
  const scratch = scratchDirForEachTest('ipc-conformance-sysvmsg-');

  for (const blockingCase of ['receive-empty-blocks', 'send-full-blocks', 'send-interrupted']) {
    test(`${blockingCase} stopped by the runner's time limit removes its queue`, async () => {
      const host = new PidRecordingHost(scratch());
      const probe = startBlockingProbe(host, { fixture: 'sysv-msg', case: blockingCase, args: { delay_ms: 5000 } }, 600);
      // While the probe waits, its queue exists: the check below could fail.
      const pid = await host.pidHoldingSysvObject(probe, 'msg');
      expect(pid, 'the blocked probe’s queue').toBeGreaterThan(0);

      await probe.expectStoppedByTimeLimit();
      expect(alive(pid)).toBe(false);
      expect(leftoversOfProbe(pid)).toEqual([]);
    });
  }
});

// ---- pids across a PID namespace's boundary ----

describe('sysv-msg fault detection across a PID namespace', () => {
  const readOutside = 'sysv-msg.isolation.msg-lspid-set-inside-a-pid-namespace-reads-as-the-parent-namespace-pid-outside';
  const readInside = [
    'sysv-msg.isolation.msg-lspid-set-inside-a-pid-namespace-reads-as-its-own-pid-inside',
    'sysv-msg.isolation.msg-lspid-set-in-the-parent-namespace-reads-as-zero-inside-a-pid-namespace',
  ];

  test('a pid left as the process numbers itself fails the parent-namespace read with 1 measured', async () => {
    const verdict = await expectFaultFails(readOutside, 'sysv_msg_lspid_untranslated', { observed: { value: 1 } });
    const [observation] = verdict.observations;
    expect(verdict.expected).toMatchObject({ equals: observation!.evidence.inside_pid_in_parent_namespace });
    expect(observation!.evidence.inside_pid_in_own_namespace).toBe(1);
  });

  test('the same fault leaves the reads inside passing', async () => {
    await expectAllPass(readInside, 'sysv_msg_lspid_untranslated');
  });

  test('the unfaulted host passes every PID namespace property', async () => {
    await expectAllPass([readOutside, ...readInside]);
  });
});

// The pidfd properties can fail: with a shim whose pidfd_send_signal falls back to kill(pid) the kit
// reports the siginfo property as failed with the SI_USER the receiver saw, and leaves the plain
// signal and the after-reap ESRCH passing. And a pidfd probe stopped while it waits for a child's
// exit leaves no process behind.
import { describe, expect, test } from 'vitest';
import { fixtureBinaryName } from '../../runners/core/fixtureBinary.js';
import { HostEnvironment } from '../../runners/environments/host.js';
import { startBlockingProbe, waitUntil } from '../support/blockingProbe.js';
import { expectAllPass, expectFaultFails, expectPasses } from '../support/faults.js';
import { alive } from '../support/kit.js';
import { processesRunning } from '../support/leftovers.js';

const WITH_INFO = 'pidfd.notification.pidfd-send-signal-with-a-siginfo-delivers-its-si-code-si-queue';

describe('pidfd fault detection', () => {
  test('pidfd_send_signal that falls back to kill() fails the siginfo property with SI_USER', async () => {
    const verdict = await expectFaultFails(WITH_INFO, 'pidfd_send_signal_falls_back_to_kill', {
      expected: { equals: 'SI_QUEUE' },
      observed: { value: 'SI_USER', errno: null },
      valuePerProbe: ['SI_USER'],
    });
    // kill() carried none of the sender's si_value.
    expect(verdict.observations[0]!.evidence).toMatchObject({ sival_int: 0, sival_sent: 4242 });
  });

  test('the same fault leaves the plain signal and the after-reap ESRCH passing', async () => {
    await expectAllPass(
      [
        'pidfd.notification.pidfd-send-signal-arrives-with-si-code-si-user',
        'pidfd.lifecycle.pidfd-send-signal-after-the-process-was-reaped-gives-esrch',
      ],
      'pidfd_send_signal_falls_back_to_kill',
    );
  });

  test('the unfaulted host passes the siginfo property', async () => {
    await expectPasses(WITH_INFO);
  });
});

describe('a pidfd probe stopped mid-run', () => {
  test('while it polls for a child that has not exited yet leaves no process behind', async () => {
    // The child would exit after 5 s: the probe is stopped long before.
    const command = `${fixtureBinaryName('pidfd')} readable-at-exit 5000`;
    const probe = startBlockingProbe(new HostEnvironment(), { fixture: 'pidfd', case: 'readable-at-exit', args: { delay_ms: 5000 } }, 600);
    let pids: number[] = [];
    await probe.whileRunning(() => {
      pids = processesRunning(command);
      return pids.length >= 2;
    });
    expect(pids.length, 'the probe and its child ran').toBeGreaterThanOrEqual(2);
    await probe.expectStoppedByTimeLimit();
    await waitUntil(() => !pids.some(alive), { withinMs: 1000, everyMs: 20 });
    expect(pids.filter(alive)).toEqual([]);
    expect(processesRunning(command)).toEqual([]);
  });
});

// The signalfd properties can fail: with an LD_PRELOAD shim breaking one documented rule (ssi_pid
// zeroed by read(), a mask update that does nothing) the kit reports that property as failed with
// what it measured, and leaves the others passing. And a signalfd probe stopped while blocked in
// read() leaves no process or file behind.
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

describe('signalfd fault detection', () => {
  test('a read() that zeroes ssi_pid fails the sender-pid property with 0 against the sender it forked', async () => {
    const verdict = await expectFaultFails('signalfd.notification.ssi-pid-is-the-sender', 'signalfd_ssi_pid_zeroed', {
      observed: { value: 0 },
      valuePerProbe: [0],
    });
    const sender = verdict.observations[0]!.evidence.sender_pid;
    expect(sender).toBeGreaterThan(0);
    expect(verdict.expected).toMatchObject({ equals: sender, relation: 'equals-evidence' });
  });

  test('the same fault leaves the fields it does not touch (ssi_int, ssi_code) passing on both probes', async () => {
    await expectAllPass(
      ['signalfd.notification.ssi-int-carries-the-sigqueue-value', 'signalfd.notification.ssi-code-is-si-queue-for-sigqueue'],
      'signalfd_ssi_pid_zeroed',
    );
  });

  test('a signalfd() that keeps the old mask fails the mask-update property with SIGUSR1 read, on both probes', async () => {
    await expectFaultFails('signalfd.lifecycle.signalfd-on-an-existing-descriptor-replaces-its-mask', 'signalfd_mask_update_ignored', {
      expected: { equals: 'SIGWINCH' },
      observed: { value: 'SIGUSR1' },
      valuePerProbe: ['SIGUSR1', 'SIGUSR1'],
    });
  });

  test('the mask-update fault leaves a new descriptor reading what is pending', async () => {
    await expectPasses('signalfd.lifecycle.a-signal-read-is-no-longer-pending', 'signalfd_mask_update_ignored');
  });

  test('the unfaulted host passes the sender-pid and mask-update properties', async () => {
    await expectAllPass([
      'signalfd.notification.ssi-pid-is-the-sender',
      'signalfd.lifecycle.signalfd-on-an-existing-descriptor-replaces-its-mask',
    ]);
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

describe('a signalfd probe stopped mid-call', () => {
  const tmp = scratchDirForEachTest('ipc-conformance-signalfd-');

  test('while blocked in read() leaves neither the probe nor the helper that would signal it behind', async () => {
    // The helper would send SIGUSR1 after 5 s: the probe is stopped long before. Probe and helper
    // (forked, not re-executed) share the command line.
    const command = `${fixtureBinaryName('signalfd')} read-blocks 5000`;
    const probe = startBlockingProbe(
      new HostWithTmpdir(tmp()),
      { fixture: 'signalfd', case: 'read-blocks', args: { delay_ms: 5000 } },
      600,
    );
    let pids: number[] = [];
    await probe.whileRunning(() => {
      pids = processesRunning(command);
      return pids.length >= 2;
    });
    expect(pids.length, 'the probe and its helper ran before the stop').toBeGreaterThanOrEqual(2);
    await probe.expectStoppedByTimeLimit();
    await waitUntil(() => !pids.some(alive), { withinMs: 1000, everyMs: 20 });
    expect(pids.filter(alive)).toEqual([]);
    expect(processesRunning(command)).toEqual([]);
    expect(await readdir(tmp())).toEqual([]);
  });
});

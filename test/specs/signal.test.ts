// The signal properties can fail: with an LD_PRELOAD shim breaking one documented rule the kit
// reports that property as failed with what it measured, and leaves the others passing. And a
// signal probe stopped mid-call leaves no helper, file or IPC object behind.
import { readdir } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { fixtureBinaryName } from '../../runners/core/fixtureBinary.js';
import type { ExecOptions } from '../../runners/environments/environment.js';
import { HostEnvironment } from '../../runners/environments/host.js';
import { runCommand } from '../../runners/process/runCommand.js';
import { scratchDirForEachTest, startBlockingProbe, waitUntil } from '../support/blockingProbe.js';
import { expectAllPass, expectFaultFails, expectPasses } from '../support/faults.js';
import { alive } from '../support/kit.js';
import { leftoversOfProbe, processesRunning } from '../support/leftovers.js';

describe('signal fault detection', () => {
  test('real-time signals that merge like standard ones fail the queueing property with the 1 delivery measured', async () => {
    const verdict = await expectFaultFails(
      'signal.capacity.realtime-signal-sent-repeatedly-while-blocked-is-delivered-each-time',
      'signal_realtime_merged',
      {
        expected: expect.objectContaining({ equals: 5, relation: 'equals-evidence', sent: 5 }),
        observed: { value: 1 },
        valuePerProbe: [1, 1],
      },
    );
    // The fixture's handler and the FFI path's sigtimedwait both saw the one instance.
    expect(verdict.observations.map((o) => o.evidence.values)).toEqual(['1', '1']);
  });

  test('the same fault leaves the standard-signal merge, which it does not touch, passing', async () => {
    await expectPasses('signal.capacity.standard-signal-sent-repeatedly-while-blocked-is-delivered-once', 'signal_realtime_merged');
  });

  test('a sigaction that pretends to accept a SIGKILL handler fails "cannot be caught" with value 0 and no errno', async () => {
    const verdict = await expectFaultFails('signal.permissions.sigkill-cannot-be-caught', 'signal_sigkill_catchable', {
      expected: { errno: 'EINVAL' },
      observed: { value: 0, errno: null },
    });
    expect(verdict.observations).toHaveLength(2);
    // A lie in the library does not reach the kernel: the disposition read back is still the default.
    expect(verdict.observations.map((o) => o.evidence.disposition_after)).toEqual(['default', 'default']);
  });

  test('that fault leaves the sigprocmask property passing', async () => {
    await expectPasses('signal.permissions.sigprocmask-silently-leaves-sigkill-and-sigstop-unblocked', 'signal_sigkill_catchable');
  });

  test('the unfaulted host passes the properties the faults break', async () => {
    await expectAllPass([
      'signal.capacity.realtime-signal-sent-repeatedly-while-blocked-is-delivered-each-time',
      'signal.permissions.sigkill-cannot-be-caught',
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

describe('a signal probe stopped mid-run', () => {
  const tmp = scratchDirForEachTest('ipc-conformance-signal-');

  test('while blocked in an interruptible read leaves no helper, temporary file or IPC object behind', async () => {
    // The helper would signal after 5 s and write after 10 s: the probe is stopped long before.
    const command = `${fixtureBinaryName('signal')} read-interrupted-sa-restart 5000`;
    const probe = startBlockingProbe(
      new HostWithTmpdir(tmp()),
      { fixture: 'signal', case: 'read-interrupted-sa-restart', args: { delay_ms: 5000 } },
      600,
    );
    // Probe and helper carry the same command line; catch them while they run.
    let pids: number[] = [];
    await probe.whileRunning(() => {
      pids = processesRunning(command);
      return pids.length >= 2;
    });
    expect(pids.length).toBeGreaterThanOrEqual(2);
    await probe.expectStoppedByTimeLimit();
    await waitUntil(() => !pids.some(alive), { withinMs: 1000, everyMs: 20 });
    expect(pids.filter(alive)).toEqual([]);
    expect(processesRunning(command)).toEqual([]);
    expect(await readdir(tmp())).toEqual([]);
    for (const pid of pids) expect(leftoversOfProbe(pid)).toEqual([]);
  });
});

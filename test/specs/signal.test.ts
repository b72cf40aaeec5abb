// The signal properties can fail: with an LD_PRELOAD shim breaking one documented rule the kit
// reports that property as failed with what it measured, and leaves the others passing. And a
// signal probe stopped mid-call leaves no helper, file or IPC object behind.
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fixtureBinaryName } from '../../runners/core/fixtureBinary.js';
import { kitPaths } from '../../runners/core/kitPaths.js';
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

  test('a sigaction that drops sa_mask fails the sa_mask property with false, and leaves the mask-restored one passing', async () => {
    const verdict = await expectFaultFails('signal.notification.sa-mask-is-blocked-while-the-handler-runs', 'signal_sa_mask_ignored', {
      expected: { equals: true },
      observed: { value: false },
    });
    expect(verdict.observations[0]?.evidence.sigusr2_blocked_in_handler).toBe(false);
    await expectPasses('signal.notification.mask-is-restored-when-the-handler-returns', 'signal_sa_mask_ignored');
  });

  test('a sigaction that drops SA_NOCLDSTOP fails its property with the CLD_STOPPED that arrived, and leaves the flagless one passing', async () => {
    await expectFaultFails('signal.notification.sa-nocldstop-suppresses-sigchld-for-a-stopped-child', 'signal_sa_flags_dropped', {
      expected: { equals: 'CLD_EXITED' },
      observed: { value: 'CLD_STOPPED' },
    });
    await expectPasses('signal.notification.stopping-a-child-sends-sigchld-with-cld-stopped', 'signal_sa_flags_dropped');
  });

  test('a sigaction that drops SA_ONSTACK fails the alternate-stack property with false, and leaves the no-flag one passing', async () => {
    await expectFaultFails('signal.notification.sa-onstack-handler-runs-on-the-alternate-stack', 'signal_sa_flags_dropped', {
      expected: { equals: true },
      observed: { value: false },
    });
    await expectPasses('signal.notification.handler-without-sa-onstack-runs-on-the-current-stack', 'signal_sa_flags_dropped');
  });

  test('a sigprocmask that ignores SIG_BLOCK fails the union property with the unchanged mask from both probes', async () => {
    await expectFaultFails('signal.notification.sig-block-adds-the-set-to-the-mask', 'signal_sig_block_ignored', {
      expected: { equals: 'SIGUSR1,SIGUSR2,SIGWINCH' },
      observed: { value: 'SIGUSR1,SIGUSR2' },
      valuePerProbe: ['SIGUSR1,SIGUSR2', 'SIGUSR1,SIGUSR2'],
    });
    await expectPasses('signal.notification.sig-unblock-removes-the-set-from-the-mask', 'signal_sig_block_ignored');
  });

  test('a sigsuspend that keeps its temporary mask fails the restoring property with false, and still returns -1 with EINTR', async () => {
    await expectFaultFails('signal.blocking.sigsuspend-restores-the-mask-when-it-returns', 'signal_sigsuspend_keeps_mask', {
      expected: { equals: true },
      observed: { value: false },
    });
    await expectPasses('signal.blocking.sigsuspend-returns-minus-one-with-eintr', 'signal_sigsuspend_keeps_mask');
  });

  test('a sigwaitinfo that reports every si_code as SI_USER fails the sigqueue property with SI_USER, and leaves the kill one passing', async () => {
    await expectFaultFails('signal.notification.signal-sent-by-sigqueue-carries-si-code-si-queue', 'signal_si_code_hidden', {
      expected: { equals: 'SI_QUEUE' },
      observed: { value: 'SI_USER' },
    });
    await expectPasses('signal.notification.signal-sent-by-kill-carries-si-code-si-user', 'signal_si_code_hidden');
  });

  test('a sigtimedwait whose zero timeout waits 100 ms fails the polling property with what it measured, and still gives EAGAIN at a real timeout', async () => {
    const verdict = await expectFaultFails('signal.blocking.sigtimedwait-with-a-zero-timeout-polls', 'signal_zero_timeout_waits', {
      expected: { atMost: 50 },
      observed: { errno: 'EAGAIN' },
    });
    expect(verdict.observations[0]?.value).toBeGreaterThanOrEqual(100);
    await expectPasses('signal.blocking.sigtimedwait-fails-with-eagain-at-its-timeout', 'signal_zero_timeout_waits');
  });

  test('a sigaltstack that accepts a too-small stack fails the ENOMEM property with value 0, and leaves the old-stack one passing', async () => {
    await expectFaultFails('signal.limits.alternate-stack-below-minsigstksz-gives-enomem', 'signal_altstack_size_unchecked', {
      expected: { errno: 'ENOMEM' },
      observed: { value: 0, errno: null },
    });
    await expectPasses('signal.lifecycle.sigaltstack-hands-back-the-previous-stack', 'signal_altstack_size_unchecked');
  });

  test('a sigaction that drops SA_NOCLDWAIT fails its property with the zombie reaped, and leaves SIGCHLD ignored passing', async () => {
    const verdict = await expectFaultFails(
      'signal.lifecycle.sa-nocldwait-leaves-no-zombie-so-wait-gives-echild',
      'signal_nocldwait_dropped',
      {
        expected: { errno: 'ECHILD' },
        observed: { value: 0, errno: null },
      },
    );
    expect(verdict.observations[0]?.evidence.waited_for_the_child).toBe(true);
    await expectPasses('signal.lifecycle.sigchld-ignored-leaves-no-zombie-so-wait-gives-echild', 'signal_nocldwait_dropped');
  });

  test('a kill that reaches only the leader of a group fails the kill(-pgid) property with 1 of 3, and leaves killpg passing', async () => {
    await expectFaultFails(
      'signal.notification.kill-to-a-negative-pid-signals-the-whole-process-group',
      'signal_group_kill_reaches_leader_only',
      {
        expected: expect.objectContaining({ equals: 3, relation: 'equals-evidence' }),
        observed: { value: 1 },
      },
    );
    await expectPasses('signal.notification.killpg-signals-the-whole-process-group', 'signal_group_kill_reaches_leader_only');
  });

  test('the unfaulted host passes the properties the faults break', async () => {
    await expectAllPass([
      'signal.capacity.realtime-signal-sent-repeatedly-while-blocked-is-delivered-each-time',
      'signal.permissions.sigkill-cannot-be-caught',
      'signal.notification.sa-mask-is-blocked-while-the-handler-runs',
      'signal.notification.sa-nocldstop-suppresses-sigchld-for-a-stopped-child',
      'signal.notification.sa-onstack-handler-runs-on-the-alternate-stack',
      'signal.notification.sig-block-adds-the-set-to-the-mask',
      'signal.blocking.sigsuspend-restores-the-mask-when-it-returns',
      'signal.notification.signal-sent-by-sigqueue-carries-si-code-si-queue',
      'signal.blocking.sigtimedwait-with-a-zero-timeout-polls',
      'signal.limits.alternate-stack-below-minsigstksz-gives-enomem',
      'signal.lifecycle.sa-nocldwait-leaves-no-zombie-so-wait-gives-echild',
      'signal.notification.kill-to-a-negative-pid-signals-the-whole-process-group',
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

// ---- PID namespaces: the init's protection, si_pid and the boundary of kill() ----

const PID_NAMESPACE_PROPERTIES = [
  'signal.isolation.sigkill-at-its-default-is-ignored-by-a-pid-namespace-init-when-sent-from-inside',
  'signal.isolation.sigterm-at-its-default-is-ignored-by-a-pid-namespace-init-when-sent-from-inside',
  'signal.isolation.sigusr1-at-its-default-is-ignored-by-a-pid-namespace-init-when-sent-from-inside',
  'signal.isolation.sigusr1-with-a-handler-is-delivered-by-a-pid-namespace-init-when-sent-from-inside',
  'signal.isolation.sigkill-from-the-parent-namespace-ends-the-pid-namespace-init',
  'signal.isolation.sigstop-from-the-parent-namespace-stops-the-pid-namespace-init',
  'signal.isolation.sigusr1-from-the-parent-namespace-at-its-default-is-ignored-by-the-pid-namespace-init',
  'signal.isolation.ending-a-pid-namespace-init-ends-every-process-in-the-namespace',
  'signal.isolation.si-pid-of-a-sender-in-the-parent-namespace-is-zero',
  'signal.isolation.kill-from-a-pid-namespace-cannot-name-a-parent-namespace-pid',
  'signal.notification.kill-minus-one-from-a-pid-namespace-init-reaches-every-other-process-there',
];

describe('signal fault detection in a PID namespace', () => {
  test('an init that its default dispositions can end fails the SIGTERM-from-inside property with the exit measured', async () => {
    // The shim's handler exits with 128 + the signal: SIGTERM (15) gives 143.
    await expectFaultFails(
      'signal.isolation.sigterm-at-its-default-is-ignored-by-a-pid-namespace-init-when-sent-from-inside',
      'signal_pid_namespace_init_unprotected',
      { expected: { equals: 'unaffected' }, observed: { value: 'exited-143' } },
    );
  });

  test('the same fault fails the SIGUSR1-from-the-parent property too', async () => {
    await expectFaultFails(
      'signal.isolation.sigusr1-from-the-parent-namespace-at-its-default-is-ignored-by-the-pid-namespace-init',
      'signal_pid_namespace_init_unprotected',
      { expected: { equals: 'unaffected' }, observed: { value: 'exited-138' } },
    );
  });

  test('the same fault leaves SIGKILL from inside (no handler can take it) and the handled signal passing', async () => {
    await expectAllPass(
      [
        'signal.isolation.sigkill-at-its-default-is-ignored-by-a-pid-namespace-init-when-sent-from-inside',
        'signal.isolation.sigusr1-with-a-handler-is-delivered-by-a-pid-namespace-init-when-sent-from-inside',
      ],
      'signal_pid_namespace_init_unprotected',
    );
  });

  test('an si_pid left as the sender numbers itself fails the si_pid property with the sender’s pid measured', async () => {
    const verdict = await expectFaultFails(
      'signal.isolation.si-pid-of-a-sender-in-the-parent-namespace-is-zero',
      'signal_pid_namespace_si_pid_untranslated',
      { expected: { equals: 0 }, observed: {} },
    );
    const [observation] = verdict.observations;
    expect(observation!.value).toBe(observation!.evidence.sender_pid_outside);
    expect(observation!.evidence.si_code_is_si_user).toBe(true);
  });

  test('the same fault leaves the kill-from-inside property passing', async () => {
    await expectPasses(
      'signal.isolation.kill-from-a-pid-namespace-cannot-name-a-parent-namespace-pid',
      'signal_pid_namespace_si_pid_untranslated',
    );
  });

  test('the unfaulted host passes every PID namespace property', async () => {
    await expectAllPass(PID_NAMESPACE_PROPERTIES);
  });
});

describe('a signal probe killed while its PID namespace lives', () => {
  test('leaves no process of the namespace, nor the helper beside it, behind', async () => {
    // The init waits 300 ms after an ignored SIGUSR1: the probe is killed (SIGKILL, no cleanup)
    // while the probe, the helper outside, the init and its two members all run.
    const binary = join(kitPaths.fixtureBinaries, fixtureBinaryName('signal'));
    const command = `${fixtureBinaryName('signal')} kill-init-from-parent SIGUSR1`;
    const probe = spawn(binary, ['kill-init-from-parent', 'SIGUSR1'], { stdio: 'ignore' });
    const exited = new Promise((resolve) => probe.once('exit', resolve));
    let pids: number[] = [];
    await waitUntil(
      () => {
        pids = processesRunning(command);
        return pids.length >= 5;
      },
      { withinMs: 2000, everyMs: 2 },
    );
    expect(pids.length).toBeGreaterThanOrEqual(5);
    probe.kill('SIGKILL');
    await exited;
    await waitUntil(() => !pids.some(alive), { withinMs: 2000, everyMs: 20 });
    expect(pids.filter(alive)).toEqual([]);
  });
});

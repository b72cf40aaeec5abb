// The unix-stream properties can fail: a fault shim (SO_PEERCRED naming the wrong process) makes
// exactly the property it breaks fail with the value measured, while one it leaves alone passes.
// And a probe killed while blocked in connect() leaves no socket node, no temporary directory and
// no helper process behind.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { fixtureBinaryName } from '../../runners/core/fixtureBinary.js';
import type { ExecOptions } from '../../runners/environments/environment.js';
import { HostEnvironment } from '../../runners/environments/host.js';
import { runProbe } from '../../runners/probes/runProbe.js';
import { type CommandResult, runCommand } from '../../runners/process/runCommand.js';
import { expectAllPass, expectFaultFails } from '../support/faults.js';
import { checkOnHost, until } from '../support/kit.js';

describe('unix-stream fault detection', () => {
  test('SO_PEERCRED naming the observer instead of the peer fails the pid property with the pid measured', async () => {
    const verdict = await checkOnHost('unix-stream.permissions.so-peercred-reports-the-connecting-peer-pid', 'unix_peercred_lies');
    expect(verdict.status).toBe('failed');
    const [observation] = verdict.observations;
    // The lie is the observer's own pid; the truth is what the connecting helper said it was.
    expect(verdict.observed).toMatchObject({ value: observation!.evidence.observer_pid });
    expect(verdict.expected).toMatchObject({ relation: 'equals-evidence', equals: observation!.evidence.peer_pid });
    expect(observation!.evidence.peer_pid).not.toBe(observation!.evidence.observer_pid);
  });

  test('the same fault leaves the uid property passing', async () => {
    const verdict = await checkOnHost('unix-stream.permissions.so-peercred-reports-the-connecting-peer-uid', 'unix_peercred_lies');
    expect(verdict.status, verdict.reason).toBe('passed');
  });

  test('recvmsg hiding MSG_CTRUNC fails the truncated-control property with false measured', async () => {
    const verdict = await checkOnHost('unix-stream.kin.too-small-a-control-buffer-sets-msg-ctrunc', 'unix_msg_ctrunc_never_set');
    expect(verdict.status).toBe('failed');
    expect(verdict.expected).toEqual({ equals: true });
    expect(verdict.observed).toMatchObject({ value: false });
    // The kernel still dropped descriptors: fewer arrived than were sent.
    const [observation] = verdict.observations;
    expect(observation!.evidence.descriptors_received).toBeLessThan(observation!.evidence.descriptors_sent as number);
  });

  test('the same fault leaves MSG_CMSG_CLOEXEC passing', async () => {
    const verdict = await checkOnHost(
      'unix-stream.kin.msg-cmsg-cloexec-sets-fd-cloexec-on-received-descriptors',
      'unix_msg_ctrunc_never_set',
    );
    expect(verdict.status, verdict.reason).toBe('passed');
  });
});

/** The host, but every probe's TMPDIR is one the test owns and inspects (not a scratch dir the runner removes). */
class HostWithOwnTmpdir extends HostEnvironment {
  constructor(private readonly tmp: string) {
    super({ name: 'host-own-tmpdir' });
  }
  override exec(argv: readonly string[], options: ExecOptions): Promise<CommandResult> {
    return runCommand(argv, { timeoutMs: options.timeoutMs, env: { ...options.env, TMPDIR: this.tmp } });
  }
}

/** The pids of running processes whose command line matches `pattern` (a probe and its helpers). */
async function pidsMatching(pattern: string): Promise<number[]> {
  const result = await runCommand(['pgrep', '-f', pattern], { timeoutMs: 5000 });
  return result.stdout.split('\n').filter(Boolean).map(Number);
}

/** Files below dir, as paths relative to it (one level of probe directories is all there is). */
async function entriesBelow(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    found.push(entry.name);
    if (entry.isDirectory()) found.push(...(await readdir(join(dir, entry.name))).map((name) => `${entry.name}/${name}`));
  }
  return found;
}

describe('unix socket cleanup', () => {
  let tmp: string;
  beforeEach(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'ipc-conformance-unix-kill-'));
  });
  afterEach(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  // The probe blocks until the runner stops it at its time limit: the helper accepts only long
  // after it (and the probe's watchdog is pushed past it), so only the runner ends the probe. The
  // limit is generous, so that on a loaded machine the probe is surely blocked in connect() by then;
  // everything before and after the stop is waited for, never slept for.
  const LIMIT_MS = 10_000;
  const HELPER_ACCEPTS_AFTER_MS = '120000';
  const WATCHDOG_S = '150';

  test.each(['unix-stream', 'unix-seqpacket'])(
    '%s: a probe killed while blocked in connect() leaves no socket node, directory or helper',
    async (fixture) => {
      const command = `${fixtureBinaryName(fixture)} connect-full-backlog-blocks ${HELPER_ACCEPTS_AFTER_MS}`;
      const run = runProbe(
        new HostWithOwnTmpdir(tmp),
        { fixture, case: 'connect-full-backlog-blocks', args: { delay_ms: HELPER_ACCEPTS_AFTER_MS } },
        { timeoutMs: LIMIT_MS, env: { IPC_PROBE_WATCHDOG_S: WATCHDOG_S } },
      );
      let ended = false;
      const outcome = run.then(
        () => new Error('the probe returned although its helper accepts only long after the time limit'),
        (error: unknown) => error as Error,
      );
      void outcome.finally(() => (ended = true));

      // While it blocks, its private directory holds the listener's node, and a helper runs.
      let listener: string | undefined;
      let pids: number[] = [];
      await until(async () => {
        listener ??= (await entriesBelow(tmp)).find((path) => path.endsWith('/listener'));
        if (listener) pids = await pidsMatching(command);
        return ended || (listener !== undefined && pids.length >= 2);
      }, LIMIT_MS * 2);
      expect(listener, 'the blocked probe’s socket node').toBeDefined();
      expect(pids.length, 'the probe and its accepting helper').toBeGreaterThanOrEqual(2);
      expect(ended, 'the probe was still blocked when seen').toBe(false);

      expect((await outcome).message).toMatch(new RegExp(`timed out after ${LIMIT_MS} ms`));
      expect(await entriesBelow(tmp)).toEqual([]);
      // Every process of its group was signalled; wait for them to be gone, however busy the machine.
      await until(async () => (await pidsMatching(command)).length === 0, 30_000).catch(() => undefined);
      expect(await pidsMatching(command)).toEqual([]);
      // No socket bound to that path survives in the kernel's table either.
      expect(await readFile('/proc/net/unix', 'utf8')).not.toContain(join(tmp, listener!));
    },
    LIMIT_MS + 60_000,
  );
});

// ---- pids across a PID namespace's boundary ----

describe('unix-stream fault detection across a PID namespace', () => {
  const outsideReads = [
    'unix-stream.isolation.so-peercred-gives-a-pid-namespace-peer-as-the-parent-namespace-numbers-it',
    'unix-stream.isolation.scm-credentials-from-inside-a-pid-namespace-arrive-with-the-parent-namespace-pid',
  ];
  const insideReads = [
    'unix-stream.isolation.so-peercred-read-inside-a-pid-namespace-gives-an-outside-peer-as-zero',
    'unix-stream.isolation.scm-credentials-from-the-parent-namespace-arrive-inside-with-pid-zero',
  ];

  test.each(outsideReads)('pids left untranslated fail %s with the peer’s own-namespace pid measured', async (id) => {
    const verdict = await expectFaultFails(id, 'unix_stream_peer_pid_untranslated', { observed: {} });
    const [observation] = verdict.observations;
    // The lie is the pid the peer has inside (1); the truth, its pid in the parent namespace.
    expect(observation!.value).toBe(observation!.evidence.inside_pid_in_own_namespace);
    expect(verdict.expected).toMatchObject({ equals: observation!.evidence.inside_pid_in_parent_namespace });
  });

  test('the same fault leaves the reads inside (pid 0) passing', async () => {
    await expectAllPass(insideReads, 'unix_stream_peer_pid_untranslated');
  });

  test('the unfaulted host passes every PID namespace property', async () => {
    await expectAllPass([...outsideReads, ...insideReads]);
  });
});

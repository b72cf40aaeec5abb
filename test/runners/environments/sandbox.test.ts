// The sandbox environment: every probe runs in fresh ipc/pid/mount/net/uts namespaces with its own
// /dev, /dev/shm and /dev/mqueue, and nothing of it survives the probe — not even a timed-out one.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { kitPaths } from '../../../runners/core/kitPaths.js';
import { HostEnvironment } from '../../../runners/environments/host.js';
import { SandboxEnvironment } from '../../../runners/environments/sandbox.js';
import { runProbe } from '../../../runners/probes/runProbe.js';
import { runCommand } from '../../../runners/process/runCommand.js';
import { checkProperty } from '../../../runners/verdict/checkProperty.js';
import type { VerdictFile } from '../../../runners/verdict/verdict.js';
import { cliCommand, propertyById, until } from '../../support/kit.js';
import { processesMarked } from '../../support/leftovers.js';

const isRoot = process.geteuid?.() === 0;
const mountCount = () => readFileSync('/proc/self/mountinfo', 'utf8').split('\n').length;

describe.skipIf(!isRoot)('sandbox environment (needs root)', () => {
  const sandbox = new SandboxEnvironment();

  test('is available as root', async () => {
    expect(await sandbox.available()).toEqual({ ok: true });
  });

  test('runs probes in namespaces that are not the host’s, with a /dev/mqueue of its own', async () => {
    const [inside, outside] = await Promise.all([sandbox.describe(), new HostEnvironment().describe()]);
    for (const kind of ['ipc', 'pid', 'net', 'mnt', 'uts']) {
      expect(inside.namespaces[kind], kind).toMatch(/^[a-z]+:\[\d+\]$/);
      expect(inside.namespaces[kind], kind).not.toBe(outside.namespaces[kind]);
    }
    expect(inside.hostname).toBe('ipc-conformance-sandbox');
    expect(inside.mqueueMounted).toBe(true);
    expect(inside.sysctls['fs.pipe-max-size']).toMatch(/^\d+$/);
  });

  test('checks a property with both the fixture and the FFI path inside the namespaces', async () => {
    const { mechanism, property } = await propertyById('pipe.capacity.default-is-16-pages');
    const verdict = await checkProperty(mechanism, property, sandbox);
    expect(verdict.status).toBe('passed');
    expect(verdict.observations.map((o) => o.probe)).toEqual(['fixture pipe/default-capacity', 'ffi pipe.default-capacity']);
  });

  test('a timed-out probe leaves no process, mount or /dev entry behind on the host', async () => {
    const mountsBefore = mountCount();
    const hostHadMqueue = existsSync('/dev/mqueue');
    // The marker tells this probe's processes from another test's running the same fixture case.
    const marker = `IPC_CONFORMANCE_SANDBOX_MARK=${process.pid}-${Date.now()}`;
    const [name, value] = marker.split('=') as [string, string];
    const probe = { fixture: 'fifo', case: 'open-rdonly-blocks', args: { delay_ms: 5000 } };
    const error = await runProbe(sandbox, probe, { timeoutMs: 400, env: { [name]: value } }).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/timed out after 400 ms/);
    // Every process of the probe was signalled; how soon a busy machine reaps them is not the point.
    await until(() => processesMarked(marker).length === 0, 30_000).catch(() => undefined);
    expect(processesMarked(marker)).toEqual([]);
    expect(mountCount()).toBe(mountsBefore);
    expect(existsSync('/dev/mqueue')).toBe(hostHadMqueue); // the sandbox's /dev never reaches the host
  });

  // The private bus runs in namespaces of its own, so the pid it gives for itself names another
  // process inside a probe's fresh PID namespace (pid 1 is the probe itself): a D-Bus call's CPU
  // time cannot include the daemon's there, and the probe says so instead of leaving it out.
  test('the D-Bus CPU-time measurement is broken, with the reason, where the bus daemon cannot be seen', async () => {
    const reports = await mkdtemp(join(tmpdir(), 'ipc-conformance-sandbox-reports-'));
    try {
      const only = 'performance.cpu.dbus-vs-unix-stream';
      await runCommand([...cliCommand, 'run', '--env', 'sandbox', '--only', only, '--no-report'], {
        timeoutMs: 60_000,
        cwd: kitPaths.root,
        env: { IPC_CONFORMANCE_REPORTS_ROOT: reports },
      });
      const { verdicts } = JSON.parse(await readFile(join(reports, 'sandbox', 'verdicts.json'), 'utf8')) as VerdictFile;
      expect(verdicts).toHaveLength(1);
      expect(verdicts[0]).toMatchObject({
        status: 'broken',
        reason: expect.stringMatching(/bus daemon's CPU time cannot be read from here/),
      });
    } finally {
      await rm(reports, { recursive: true, force: true });
    }
  }, 90_000);

  test('an administrator’s change of kernel.msgmnb moves the expectation with it, and only there', async () => {
    const { mechanism, property } = await propertyById('sysv-msg.capacity.queue-bytes-equal-kernel-msgmnb');
    const tuned = new SandboxEnvironment({ name: 'sandbox+msgmnb', sysctls: { 'kernel.msgmnb': '8192' } });
    const [changed, usual] = await Promise.all([checkProperty(mechanism, property, tuned), checkProperty(mechanism, property, sandbox)]);
    expect(changed.status, changed.reason).toBe('passed');
    expect(changed.expected).toMatchObject({ equals: 8192, sysctl: 'kernel.msgmnb' });
    expect(changed.observed).toMatchObject({ value: 8192 });
    expect(usual.status, usual.reason).toBe('passed');
    expect(usual.expected).toMatchObject({ equals: Number(await sandbox.readSysctl('kernel.msgmnb')) });
    expect(usual.expected).not.toMatchObject({ equals: 8192 });
  });
});

test.skipIf(isRoot)('the sandbox says why it is unavailable without root', async () => {
  const availability = await new SandboxEnvironment().available();
  expect(availability).toMatchObject({ ok: false, reason: expect.stringMatching(/needs root/) });
});

// The sysv-msg spec can fail: LD_PRELOAD shims that break one documented property of System V
// message queues are reported as failed with the measured value, properties they leave alone still
// pass, and a probe killed in the middle of a blocking call leaves no queue behind.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { HostEnvironment } from '../runners/environments/host.js';
import { runProbe } from '../runners/probes/runProbe.js';
import { alive, checkOnHost } from './support/kit.js';

describe('sysv-msg fault detection', () => {
  test('queues shrunk to 1024 bytes fail the msgmnb capacity property with the measured 1024', async () => {
    const verdict = await checkOnHost('sysv-msg.capacity.queue-bytes-equal-kernel-msgmnb', 'sysv_msg_small_queue');
    const msgmnb = Number((await readFile('/proc/sys/kernel/msgmnb', 'utf8')).trim());
    expect(verdict.status).toBe('failed');
    expect(verdict.expected).toEqual({ equals: msgmnb, sysctl: 'kernel.msgmnb' });
    expect(verdict.observed).toMatchObject({ value: 1024 });
    // The fault reaches the C fixture and the FFI path alike, and they agree.
    expect(verdict.observations.map((o) => o.value)).toEqual([1024, 1024]);
  });

  test('the shrunk queue still holds exactly its own msg_qbytes: the fill is sized from the queue, not from msgmnb', async () => {
    const verdict = await checkOnHost('sysv-msg.capacity.full-queue-holds-exactly-msg-qbytes-of-text', 'sysv_msg_small_queue');
    expect(verdict.status, verdict.reason).toBe('passed');
    expect(verdict.observed).toMatchObject({ value: 1024 });
    expect(verdict.expected).toMatchObject({ equals: 1024, msg_qbytes: 1024 });
  });

  test('a msgrcv that ignores msgtyp fails the positive- and negative-type properties with the oldest message', async () => {
    for (const id of [
      'sysv-msg.ordering.positive-type-receives-the-oldest-message-of-that-type',
      'sysv-msg.ordering.negative-type-receives-the-lowest-type-up-to-its-magnitude',
    ]) {
      const verdict = await checkOnHost(id, 'sysv_msg_type_ignored');
      expect(verdict.status, id).toBe('failed');
      expect(verdict.observed, id).toMatchObject({ value: '3:first' });
    }
  });

  test('the same fault leaves type 0 (take the oldest) passing', async () => {
    const verdict = await checkOnHost('sysv-msg.ordering.type-zero-receives-the-oldest-message', 'sysv_msg_type_ignored');
    expect(verdict.status, verdict.reason).toBe('passed');
  });

  test('the unfaulted host passes all of these', async () => {
    for (const id of [
      'sysv-msg.capacity.queue-bytes-equal-kernel-msgmnb',
      'sysv-msg.capacity.full-queue-holds-exactly-msg-qbytes-of-text',
      'sysv-msg.ordering.positive-type-receives-the-oldest-message-of-that-type',
      'sysv-msg.ordering.negative-type-receives-the-lowest-type-up-to-its-magnitude',
    ]) {
      const verdict = await checkOnHost(id);
      expect(verdict.status, `${id}: ${verdict.reason}`).toBe('passed');
    }
  });
});

/** A host whose fixtures first write their pid to a file: `exec` keeps it, so the probe's SysV keys can be derived. */
class PidRecordingHost extends HostEnvironment {
  constructor(private readonly pidFile: string) {
    super({ name: 'host+pid' });
  }
  override fixtureCommand(fixture: string): string[] {
    return ['/bin/sh', '-c', 'echo $$ > "$0"; exec "$@"', this.pidFile, ...super.fixtureCommand(fixture)];
  }
}

/** The 64 keys probe_ipc_key(n) hands out to the probe with this pid (c-fixtures/common/probe.c). */
const keysOfProbe = (pid: number) => new Set(Array.from({ length: 64 }, (_, n) => 0x20000000 | ((pid & 0x3fffff) << 6) | n));

/** Keys of the live System V objects of one kind (first column of /proc/sysvipc/<kind>). */
async function sysvKeys(kind: 'msg' | 'sem' | 'shm'): Promise<number[]> {
  const lines = (await readFile(`/proc/sysvipc/${kind}`, 'utf8')).trim().split('\n').slice(1);
  return lines.map((line) => Number(line.trim().split(/\s+/)[0]));
}

/** POSIX IPC names a probe with this pid would make (probe_ipc_name). */
async function posixNamesOf(pid: number): Promise<string[]> {
  const named = async (folder: string) => (await readdir(folder).catch(() => [])).filter((n) => n.includes(`ipc-conformance-${pid}-`));
  return [...(await named('/dev/shm')), ...(await named('/dev/mqueue'))];
}

describe('a sysv_msg probe killed mid-run', () => {
  let scratch: string;
  beforeEach(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'ipc-conformance-sysvmsg-'));
  });
  afterEach(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  for (const blockingCase of ['receive-empty-blocks', 'send-full-blocks']) {
    test(`${blockingCase} stopped by the runner's time limit removes its queue`, async () => {
      const pidFile = join(scratch, 'pid');
      const run = runProbe(new PidRecordingHost(pidFile), { fixture: 'sysv_msg', case: blockingCase, args: ['5000'] }, { timeoutMs: 600 });
      const outcome = run.then(
        () => null,
        (error: Error) => error,
      );
      // While the probe waits, its queue exists: the check below could fail.
      let pid = 0;
      let seenWhileRunning = false;
      for (let i = 0; i < 50 && !seenWhileRunning; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim()) || pid;
        if (pid) seenWhileRunning = (await sysvKeys('msg')).some((key) => keysOfProbe(pid).has(key));
      }
      expect(seenWhileRunning).toBe(true);

      const error = await outcome;
      expect(error?.message).toMatch(/timed out after 600 ms/);
      expect(alive(pid)).toBe(false);
      const keys = keysOfProbe(pid);
      for (const kind of ['msg', 'sem', 'shm'] as const) {
        expect((await sysvKeys(kind)).filter((key) => keys.has(key)), kind).toEqual([]);
      }
      expect(await posixNamesOf(pid)).toEqual([]);
    });
  }
});

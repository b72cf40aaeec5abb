// System V shared memory in the kit: a shim that makes every attach a private copy must fail the
// "one memory, not copies" property (on both probe paths) while leaving the size limits passing,
// and a probe killed in the middle of a run must leave no segment and no helper behind.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { HostEnvironment } from '../runners/environments/host.js';
import { ProbeBroken } from '../runners/probes/observation.js';
import { runProbe } from '../runners/probes/runProbe.js';
import { alive, checkOnHost } from './support/kit.js';

interface SegmentLine {
  key: number;
  shmid: number;
  cpid: number;
}

/** The segments /proc/sysvipc/shm lists (key, shmid, creator pid). */
function segments(): SegmentLine[] {
  const [, ...rows] = readFileSync('/proc/sysvipc/shm', 'utf8').trim().split('\n');
  return rows.map((row) => {
    const [key, shmid, , , cpid] = row.trim().split(/\s+/).map(Number);
    return { key: key!, shmid: shmid!, cpid: cpid! };
  });
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

/** Pids of live processes whose command line contains `text`. */
function processesRunning(text: string): number[] {
  const pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
  return pids.filter((pid) => commandLine(pid).includes(text) && alive(pid));
}

/** The key family of the fixtures' probe_ipc_key(n) for a probe with this pid. */
const keyBelongsTo = (key: number, pid: number) => (key & 0x2000_0000) !== 0 && ((key >> 6) & 0x3f_ffff) === (pid & 0x3f_ffff);

describe('sysv-shm fault detection', () => {
  test('attaches that are private copies fail the one-memory property, measured as false by both probes', async () => {
    const verdict = await checkOnHost('sysv-shm.direction.two-attachments-are-one-memory-not-copies', 'sysv_shm_attach_copies');
    expect(verdict.status).toBe('failed');
    expect(verdict.expected).toEqual({ equals: true });
    expect(verdict.observed).toMatchObject({ value: false });
    expect(verdict.observations.map((o) => o.probe)).toEqual(['fixture sysv_shm/two-attachments-alias', 'ffi sysv-shm.two-attachments-alias']);
    expect(verdict.observations.map((o) => o.evidence.second_sees_first)).toEqual([false, false]);
  });

  test('the same fault leaves a property it does not touch passing', async () => {
    expect((await checkOnHost('sysv-shm.limits.size-below-shmmin-gives-einval', 'sysv_shm_attach_copies')).status).toBe('passed');
  });

  test('the unfaulted host passes the one-memory property', async () => {
    expect((await checkOnHost('sysv-shm.direction.two-attachments-are-one-memory-not-copies')).status).toBe('passed');
  });
});

describe('sysv-shm cleanup', () => {
  test('a probe stopped mid-exchange removes its keyed segment and kills its helper', async () => {
    const probe = { fixture: 'sysv_shm', case: 'writes-visible-both-ways', args: ['5000'] };
    const run = runProbe(new HostEnvironment(), probe, { timeoutMs: 600 }).catch((error: unknown) => error);

    // While it runs: find the segment it made (its creator runs this very case).
    let held: SegmentLine | undefined;
    let helpers: number[] = [];
    for (let i = 0; i < 100 && !helpers.length; i++) {
      held ??= segments().find((s) => commandLine(s.cpid).includes('writes-visible-both-ways 5000'));
      if (held) helpers = processesRunning(`helper-answer ${held.key}`);
      if (!helpers.length) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const error = await run;
    expect(error).toBeInstanceOf(ProbeBroken);
    expect((error as ProbeBroken).message).toMatch(/timed out after 600 ms/);
    expect(held, 'the probe made its segment before it was stopped').toBeDefined();
    expect(helpers, 'its helper ran before it was stopped').toHaveLength(1);
    expect(keyBelongsTo(held!.key, held!.cpid)).toBe(true);

    const left = segments();
    expect(left.filter((s) => s.shmid === held!.shmid)).toEqual([]);
    expect(left.filter((s) => keyBelongsTo(s.key, held!.cpid))).toEqual([]);
    // The helper was started with setsid, outside the probe's process group: the probe's own
    // cleanup has to end it.
    expect(processesRunning(`helper-answer ${held!.key}`)).toEqual([]);
  });
});

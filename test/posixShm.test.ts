// POSIX shared memory in the kit: a shim that drops O_EXCL from shm_open must fail the EEXIST
// property with the measured success, while a property it does not touch still passes; and a probe
// killed in the middle of a run must leave no /dev/shm node and no helper behind.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { HostEnvironment } from '../runners/environments/host.js';
import { ProbeBroken } from '../runners/probes/observation.js';
import { runProbe } from '../runners/probes/runProbe.js';
import { alive, checkOnHost } from './support/kit.js';

const PINGPONG_NODE = /^ipc-conformance-(\d+)-pingpong$/;

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

/** /dev/shm nodes named by the kit for the probe with this pid. */
const nodesOf = (pid: number) => readdirSync('/dev/shm').filter((name) => name.startsWith(`ipc-conformance-${pid}-`));

describe('posix-shm fault detection', () => {
  test('shm_open without O_EXCL fails the EEXIST property with the measured success, on both probes', async () => {
    const verdict = await checkOnHost('posix-shm.lifecycle.o-excl-on-an-existing-name-gives-eexist', 'posix_shm_excl_ignored');
    expect(verdict.status).toBe('failed');
    expect(verdict.expected).toEqual({ errno: 'EEXIST' });
    expect(verdict.observed).toMatchObject({ value: 0, errno: null });
    expect(verdict.observations.map((o) => [o.value, o.errno])).toEqual([
      [0, null],
      [0, null],
    ]);
  });

  test('the same fault leaves a property it does not touch passing', async () => {
    expect((await checkOnHost('posix-shm.lifecycle.open-after-shm-unlink-gives-enoent', 'posix_shm_excl_ignored')).status).toBe('passed');
  });

  test('the unfaulted host passes the EEXIST property', async () => {
    expect((await checkOnHost('posix-shm.lifecycle.o-excl-on-an-existing-name-gives-eexist')).status).toBe('passed');
  });
});

describe('posix-shm cleanup', () => {
  test('a probe stopped mid-exchange unlinks its object and kills its helper', async () => {
    const probe = { fixture: 'posix_shm', case: 'map-shared-visible-both-ways', args: ['5000'] };
    const run = runProbe(new HostEnvironment(), probe, { timeoutMs: 600 }).catch((error: unknown) => error);

    // While it runs: find the object it made (named after the pid of a process running this case).
    let node: string | undefined;
    let probePid = 0;
    let helpers: number[] = [];
    for (let i = 0; i < 100 && !helpers.length; i++) {
      for (const name of node ? [] : readdirSync('/dev/shm')) {
        const pid = Number(PINGPONG_NODE.exec(name)?.[1] ?? 0);
        if (pid && commandLine(pid).includes('map-shared-visible-both-ways 5000')) [node, probePid] = [name, pid];
      }
      if (node) helpers = processesRunning(`helper-answer /${node}`);
      if (!helpers.length) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const error = await run;
    expect(error).toBeInstanceOf(ProbeBroken);
    expect((error as ProbeBroken).message).toMatch(/timed out after 600 ms/);
    expect(node, 'the probe made its object before it was stopped').toBeDefined();
    expect(helpers, 'its helper ran before it was stopped').toHaveLength(1);

    expect(nodesOf(probePid)).toEqual([]);
    // The helper was started with setsid, outside the probe's process group: the probe's own
    // cleanup has to end it.
    expect(processesRunning(`helper-answer /${node}`)).toEqual([]);
  });
});

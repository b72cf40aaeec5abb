// The memfd properties can fail: with a shim whose fcntl(F_ADD_SEALS) drops F_SEAL_SHRINK the kit
// reports the shrink seal's property as failed with the truncation both probes measured, and leaves
// the grow seal passing. And a memfd probe stopped mid-run leaves no process holding its memfd.

import { execFileSync } from 'node:child_process';
import { readdirSync, readlinkSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { fixtureBinaryName } from '../../runners/core/fixtureBinary.js';
import { HostEnvironment } from '../../runners/environments/host.js';
import { startBlockingProbe, waitUntil } from '../support/blockingProbe.js';
import { expectAllPass, expectFaultFails, expectPasses } from '../support/faults.js';
import { alive } from '../support/kit.js';
import { leftoversOfProbe, processesRunning } from '../support/leftovers.js';

const SHRINK = 'memfd.capacity.f-seal-shrink-refuses-a-smaller-ftruncate-with-eperm';
const GROW = 'memfd.capacity.f-seal-grow-refuses-a-larger-ftruncate-with-eperm';
const GROW_BY_WRITE = 'memfd.capacity.f-seal-grow-refuses-a-write-past-the-end-with-eperm';

/** Every "pid fd" whose /proc link is a memfd named with `prefix` (memfd_create's name), on the whole machine. */
function memfdHolders(prefix: string): string[] {
  const holders: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // gone meanwhile
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith(`/memfd:${prefix}`)) holders.push(`${pid} ${fd}`);
      } catch {
        // closed meanwhile
      }
    }
  }
  return holders;
}

describe('memfd fault detection', () => {
  test('F_ADD_SEALS without F_SEAL_SHRINK fails the shrink seal with the truncation both probes made', async () => {
    const verdict = await expectFaultFails(SHRINK, 'memfd_seal_shrink_ignored', {
      expected: { errno: 'EPERM' },
      observed: { value: 0, errno: null },
      valuePerProbe: [0, 0],
    });
    // The memfd really became smaller: one page left of two.
    const pageSize = Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }));
    expect(verdict.observations.map((o) => o.evidence.size_after)).toEqual([pageSize, pageSize]);
  });

  test('the same fault leaves the grow seal, which it does not touch, refusing with EPERM', async () => {
    await expectAllPass([GROW, GROW_BY_WRITE], 'memfd_seal_shrink_ignored');
  });

  test('the unfaulted host passes the shrink seal', async () => {
    await expectPasses(SHRINK);
  });
});

describe('a memfd probe stopped mid-run', () => {
  test('leaves no process running and none holding its memfd', async () => {
    // The child would store after 5 s: the probe is stopped long before.
    const command = `${fixtureBinaryName('memfd')} forked-child-shares-stores 5000`;
    const probe = startBlockingProbe(
      new HostEnvironment(),
      { fixture: 'memfd', case: 'forked-child-shares-stores', args: { delay_ms: 5000 } },
      600,
    );
    // Probe and child share the command line and the memfd, named after the probe's pid.
    let pids: number[] = [];
    let holders: string[] = [];
    await probe.whileRunning(() => {
      pids = processesRunning(command);
      holders = pids.flatMap((pid) => memfdHolders(`ipc-conformance-${pid}-`));
      return pids.length >= 2 && holders.length >= 1;
    });
    expect(pids.length, 'the probe and its child ran').toBeGreaterThanOrEqual(2);
    expect(holders.length, 'they held the memfd').toBeGreaterThanOrEqual(1);
    await probe.expectStoppedByTimeLimit();
    await waitUntil(() => !pids.some(alive), { withinMs: 1000, everyMs: 20 });
    expect(pids.filter(alive)).toEqual([]);
    expect(processesRunning(command)).toEqual([]);
    for (const pid of pids) {
      expect(memfdHolders(`ipc-conformance-${pid}-`)).toEqual([]);
      expect(leftoversOfProbe(pid)).toEqual([]);
    }
  });
});

// POSIX shared memory in the kit: a shim that drops O_EXCL from shm_open must fail the EEXIST
// property with the measured success, while a property it does not touch still passes; and a probe
// killed in the middle of a run must leave no /dev/shm node and no helper behind.
import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { HostEnvironment } from '../../runners/environments/host.js';
import { objectAndHelperOf, startBlockingProbe } from '../support/blockingProbe.js';
import { expectAllPass, expectFaultFails, expectPasses } from '../support/faults.js';
import { commandLine, leftoversOfProbe, processesRunning } from '../support/leftovers.js';

const PINGPONG_NODE = /^ipc-conformance-(\d+)-pingpong$/;

/** The pingpong object in /dev/shm made by a process (still) running `command`, with that process's pid. */
function pingpongNodeOf(command: string): { name: string; pid: number } | undefined {
  for (const name of readdirSync('/dev/shm')) {
    const pid = Number(PINGPONG_NODE.exec(name)?.[1] ?? 0);
    if (pid && commandLine(pid).includes(command)) return { name, pid };
  }
  return undefined;
}

describe('posix-shm fault detection', () => {
  test('shm_open without O_EXCL fails the EEXIST property with the measured success, on both probes', async () => {
    const verdict = await expectFaultFails('posix-shm.lifecycle.o-excl-on-an-existing-name-gives-eexist', 'posix_shm_excl_ignored', {
      expected: { errno: 'EEXIST' },
      observed: { value: 0, errno: null },
    });
    expect(verdict.observations.map((o) => [o.value, o.errno])).toEqual([
      [0, null],
      [0, null],
    ]);
  });

  test('the same fault leaves a property it does not touch passing', async () => {
    await expectPasses('posix-shm.lifecycle.open-after-shm-unlink-gives-enoent', 'posix_shm_excl_ignored');
  });

  test('the unfaulted host passes the EEXIST property', async () => {
    await expectPasses('posix-shm.lifecycle.o-excl-on-an-existing-name-gives-eexist');
  });
});

describe('posix-shm open flags and modes under faulty shm_open shims', () => {
  test('shm_open without O_TRUNC fails the O_TRUNC property with the page both probes found kept', async () => {
    await expectFaultFails('posix-shm.lifecycle.o-trunc-empties-an-existing-object', 'posix_shm_trunc_ignored', {
      expected: { equals: 0 },
      observed: { value: 4096 },
      valuePerProbe: [4096, 4096],
    });
  });

  test('the O_TRUNC fault leaves a new object at size 0', async () => {
    await expectPasses('posix-shm.capacity.new-object-has-zero-size', 'posix_shm_trunc_ignored');
  });

  test('shm_open that ignores the umask fails the mode property with the 0660 both probes measured', async () => {
    await expectFaultFails('posix-shm.permissions.new-object-mode-is-masked-by-the-umask', 'posix_shm_umask_ignored', {
      expected: { equals: '0600' },
      observed: { value: '0660' },
      valuePerProbe: ['0660', '0660'],
    });
  });

  test('the umask fault leaves the owner of a new object the creating euid', async () => {
    await expectPasses('posix-shm.permissions.new-object-is-owned-by-the-creating-euid', 'posix_shm_umask_ignored');
  });

  test('the unfaulted host passes the O_TRUNC and umask properties', async () => {
    await expectAllPass([
      'posix-shm.lifecycle.o-trunc-empties-an-existing-object',
      'posix-shm.permissions.new-object-mode-is-masked-by-the-umask',
    ]);
  });
});

describe('posix-shm limits and atomicity under faulty shims', () => {
  test('shm_unlink that calls a long name missing fails the ENAMETOOLONG property with ENOENT on both probes', async () => {
    await expectFaultFails(
      'posix-shm.limits.shm-unlink-of-a-name-longer-than-name-max-gives-enametoolong',
      'posix_shm_unlink_long_name_enoent',
      {
        expected: { errno: 'ENAMETOOLONG' },
        observed: { value: -1, errno: 'ENOENT' },
        valuePerProbe: [-1, -1],
      },
    );
  });

  test('the same fault leaves shm_open of a long name at ENAMETOOLONG', async () => {
    await expectPasses('posix-shm.limits.name-longer-than-name-max-gives-enametoolong', 'posix_shm_unlink_long_name_enoent');
  });

  test('without O_EXCL every one of the 8 racing creators wins, failing the atomicity property', async () => {
    await expectFaultFails('posix-shm.atomicity.racing-o-excl-creations-have-exactly-one-winner', 'posix_shm_excl_ignored', {
      expected: expect.objectContaining({ equals: 1, expected_winners: 1 }),
      observed: { value: 8 },
    });
  });

  test('the unfaulted host has exactly one winner', async () => {
    await expectPasses('posix-shm.atomicity.racing-o-excl-creations-have-exactly-one-winner');
  });
});

describe('posix-shm cleanup', () => {
  test('a probe stopped mid-exchange unlinks its object and kills its helper', async () => {
    const probe = startBlockingProbe(
      new HostEnvironment(),
      { fixture: 'posix-shm', case: 'map-shared-visible-both-ways', args: { delay_ms: 5000 } },
      600,
    );
    // While it runs: find the object it made (named after the pid of a process running this case), then the helper on it.
    const {
      object: node,
      helpers,
      helperCommand,
    } = await objectAndHelperOf(
      probe,
      () => pingpongNodeOf('map-shared-visible-both-ways 5000'),
      (found) => `/${found.name}`,
    );
    await probe.expectStoppedByTimeLimit();
    expect(node, 'the probe made its object before it was stopped').toBeDefined();
    expect(helpers, 'its helper ran before it was stopped').toHaveLength(1);

    expect(leftoversOfProbe(node!.pid)).toEqual([]);
    // The helper was started with setsid, outside the probe's process group: the probe's own
    // cleanup has to end it.
    expect(processesRunning(helperCommand)).toEqual([]);
  });
});

// Every probe removes what it made: after every property has been checked once on the host, the
// run's temporary folder is empty and no SysV object, POSIX queue, shared-memory object, named
// semaphore, orphaned probe process or private memory cgroup of the kit remains; and a run stopped
// while the host's IPC namespace holds an object of its own removes that object too. `make test`
// runs this file alone, after the others, so that objects other tests make meanwhile cannot blur
// the comparison.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { stopFfiForkServer } from '../../runners/environments/ffiForkServer.js';
import { HostEnvironment } from '../../runners/environments/host.js';
import { runCommand } from '../../runners/process/runCommand.js';
import { runFolder } from '../../runners/process/runFolder.js';
import { HELPERS_FOLDER, OWNER_FILE } from '../../runners/process/sweepDeadRuns.js';
import { loadValidatedSpecs } from '../../runners/selection/specSet.js';
import { checkProperty } from '../../runners/verdict/checkProperty.js';
import type { Property } from '../../specs/schema.js';
import { startRunAsJob, until } from '../support/kit.js';
import { memoryCgroupFolder, privateMemoryCgroups, sysvKeys } from '../support/leftovers.js';

async function sysvObjects(): Promise<string[]> {
  const result = await runCommand(['ipcs', '-a'], { timeoutMs: 10_000 });
  return result.stdout.split('\n').filter((line) => /^0x/.test(line));
}

/** POSIX IPC objects named by the kit: /dev/shm holds shm objects and sem.* semaphores. */
async function posixObjects(): Promise<string[]> {
  const named = async (folder: string) =>
    (await readdir(folder).catch(() => [])).filter((n) => n.includes('ipc-conformance')).map((n) => `${folder}/${n}`);
  return [...(await named('/dev/shm')), ...(await named('/dev/mqueue'))];
}

/** Probe processes whose parent is gone: helpers a probe failed to kill and reap. */
async function orphanedProbes(): Promise<string[]> {
  const result = await runCommand(['ps', '-eo', 'ppid=,stat=,args='], { timeoutMs: 10_000 });
  return result.stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /-probe /.test(line) && (/^1\s/.test(line) || /^\d+\s+Z/.test(line)));
}

/**
 * What the first test checks: every property but the performance measurements, which time things —
 * run beside a mechanism's other properties they measure the load, not cleanup (a spinning pair once
 * ran into its watchdog here). One fast paired measurement stays, for the cleanup paths only bench
 * pairs take: isolated measuring processes, their peers, shared-memory rings and semaphores.
 */
const PERFORMANCE_KEPT = 'performance.latency.shm-sem-vs-pipe';
const checkedForCleanup = (property: Property) => property.kind !== 'performance' || property.id === PERFORMANCE_KEPT;

describe('cleanup', () => {
  test('checking every property leaves nothing behind, and no probe is broken', async () => {
    // A private TMPDIR for this worker: every scratch folder, FIFO and socket node lands below it.
    const privateTmp = await mkdtemp(join(tmpdir(), 'ipc-conformance-cleanup-'));
    const previousTmp = process.env.TMPDIR;
    process.env.TMPDIR = privateTmp;
    const sysvBefore = await sysvObjects();
    const posixBefore = await posixObjects();
    try {
      const environment = new HostEnvironment();
      const broken: string[] = [];
      for (const mechanism of await loadValidatedSpecs()) {
        const verdicts = await Promise.all(
          mechanism.properties.filter(checkedForCleanup).map((property) => checkProperty(mechanism, property, environment)),
        );
        broken.push(...verdicts.filter((v) => v.status === 'broken').map((v) => `${v.property}: ${v.reason}`));
      }
      expect(broken).toEqual([]);
      // The FFI fork server is this worker's own helper, recorded for as long as it runs.
      await stopFfiForkServer();
      expect(await readdir(privateTmp)).toEqual([]);
      // The kit's scratch folders live in this worker's run folder: only its owner record remains.
      const runFolderEntries = await readdir(runFolder().path);
      expect(runFolderEntries.filter((name) => name !== OWNER_FILE && name !== HELPERS_FOLDER)).toEqual([]);
      expect(await readdir(join(runFolder().path, HELPERS_FOLDER))).toEqual([]);
      expect(await sysvObjects()).toEqual(sysvBefore);
      expect(await posixObjects()).toEqual(posixBefore);
      expect(await orphanedProbes()).toEqual([]);
      const cgroupFolder = memoryCgroupFolder();
      if (cgroupFolder) expect(privateMemoryCgroups(cgroupFolder)).toEqual([]);
    } finally {
      // Assigning undefined would set the string "undefined".
      if (previousTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previousTmp;
      await rm(privateTmp, { recursive: true, force: true });
    }
  });

  // The ipc-host isolation scenarios make their object in the host's IPC namespace, where it would
  // outlive a run stopped between the scenario's create and remove steps.
  test.skipIf(process.getuid?.() !== 0)(
    'a run stopped while its object is in the host’s IPC namespace removes it',
    async () => {
      const scratch = await mkdtemp(join(tmpdir(), 'ipc-conformance-cleanup-'));
      const hostKeys = () => (['msg', 'sem', 'shm'] as const).flatMap((kind) => sysvKeys(kind).map((key) => `${kind} ${key}`));
      const before = hostKeys();
      const only = 'isolation.sysv-*.host-object-visible-with-ipc-host';
      const { cli, exited } = startRunAsJob(['--env', 'sandbox', '--only', only, '--no-report'], {
        TMPDIR: scratch,
        IPC_CONFORMANCE_REPORTS_ROOT: join(scratch, 'reports'),
      });
      try {
        await until(() => hostKeys().length > before.length, 60_000);
        process.kill(-cli.pid!, 'SIGINT');
        expect(await exited).toBe(130);
        expect(hostKeys()).toEqual(before);
      } finally {
        if (cli.exitCode === null) process.kill(-cli.pid!, 'SIGKILL');
        await rm(scratch, { recursive: true, force: true });
      }
    },
    90_000,
  );
});

// A conformance run stopped in the middle leaves nothing behind: Ctrl-C (SIGINT to the whole
// foreground process group) and a supervisor's SIGTERM to the CLI alone both end the private bus,
// the namespace holders and every probe, remove the temporary folders and the run folders under the
// kit's temporary root, and exit with 128 + the signal's number. Every process the run started carries a marker in its environment, so that one
// still alive afterwards is found whatever its name.
import { readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { kitTemporaryRoot } from '../../../runners/process/runFolder.js';
import { startRunAsJob, until } from '../../support/kit.js';
import { processesMarked } from '../../support/leftovers.js';

describe.skipIf(process.getuid?.() !== 0)('a conformance run stopped in the middle', () => {
  test.each([
    { signal: 'SIGINT' as const, to: 'the process group (Ctrl-C)', status: 130 },
    { signal: 'SIGTERM' as const, to: 'the CLI alone (a supervisor)', status: 143 },
  ])(
    '$signal to $to leaves no process, bus folder or temporary folder, and exits $status',
    async ({ signal, to, status }) => {
      const scratch = await mkdtemp(join(tmpdir(), 'ipc-conformance-interrupt-'));
      const privateTmp = join(scratch, 'tmp');
      await mkdir(privateTmp);
      const marker = `IPC_CONFORMANCE_INTERRUPT_MARK=${Math.random().toString(36).slice(2)}`;
      const [markerName, markerValue] = marker.split('=') as [string, string];
      const { cli, exited } = startRunAsJob(['--env', 'sandbox', '--no-report'], {
        TMPDIR: privateTmp,
        IPC_CONFORMANCE_REPORTS_ROOT: join(scratch, 'reports'),
        [markerName]: markerValue,
      });
      try {
        // Probes are running once their scratch folders appear (in the run folders, under TMPDIR).
        const scratchFolders = async () =>
          (await readdir(privateTmp, { recursive: true }).catch(() => [] as string[])).filter((path) =>
            path.includes('ipc-conformance-run-'),
          );
        await until(async () => (await scratchFolders()).length > 0, 60_000);
        await new Promise((resolve) => setTimeout(resolve, 1000));
        process.kill(to.startsWith('the process group') ? -cli.pid! : cli.pid!, signal);
        expect(await exited).toBe(status);
        // Probes sent SIGTERM remove their objects and exit by themselves: a moment for that.
        await until(() => processesMarked(marker).length === 0, 5000).catch(() => undefined);
        expect(processesMarked(marker)).toEqual([]);
        // The kit's temporary root stays, empty: every process removed its own run folder.
        expect(await readdir(privateTmp)).toEqual(['ipc-conformance']);
        expect(await readdir(kitTemporaryRoot(privateTmp))).toEqual([]);
        expect(readdirSync('/tmp').filter((name) => name.startsWith(`ipc-conformance-bus-${cli.pid}-`))).toEqual([]);
      } finally {
        if (cli.exitCode === null) process.kill(-cli.pid!, 'SIGKILL');
        await rm(scratch, { recursive: true, force: true });
      }
    },
    120_000,
  );
});

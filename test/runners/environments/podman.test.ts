// The podman environment end to end: rootless Podman run as the kit's own user. Without podman or
// that user (setup-podman.sh makes both), or when the kit does not run as root, these tests skip
// and say why.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { podmanEngine } from '../../../runners/containers/podmanCli.js';
import { kitPaths } from '../../../runners/core/kitPaths.js';
import { PodmanEnvironment } from '../../../runners/environments/podman.js';
import { standaloneRun } from '../../../runners/environments/probedEnvironment.js';
import { checkProperty } from '../../../runners/verdict/checkProperty.js';
import { propertyById } from '../../support/kit.js';

const podman = new PodmanEnvironment();
const availability = await podman.available();
const why = availability.ok ? 'available' : `skipped: ${availability.reason}`;

/** The kit's podman containers of `run`, running or not. */
const containersOf = async (runId: string) =>
  (await podmanEngine.call(['ps', '-aq', '--filter', `label=ipc-conformance.run=${runId}`])).split('\n').filter(Boolean);

describe.skipIf(!availability.ok)(`podman environment (${why})`, () => {
  test('runs a fixture and an FFI probe as root of a user namespace, then removes its container', async () => {
    await podman.prepare();
    try {
      const description = await podman.describe();
      expect(description.runtime).toMatch(/^podman \S+ rootless/);
      // A real mapping: container root is an unprivileged host uid, not the identity map.
      expect(description.uidMap).toMatch(/^0 [1-9]\d* 1\b/);
      expect(description.uidMap).not.toMatch(/^0 0 4294967295/);
      const { mechanism, property } = await propertyById('pipe.capacity.default-is-16-pages'); // fixture and FFI probe
      const verdict = await checkProperty(mechanism, property, podman);
      expect(verdict.status, verdict.reason).toBe('passed');
      expect(verdict.observations.length).toBeGreaterThanOrEqual(2);
    } finally {
      await podman.release();
    }
    expect(await containersOf(podman.run.runId)).toEqual([]);
    // Podman's locks are files in its user's runtime folder (setup-podman.sh), not a segment left in /dev/shm.
    expect(readdirSync('/dev/shm').filter((name) => name.startsWith('libpod'))).toEqual([]);
  });

  test('the container of a run whose process was SIGKILLed while preparing is removed by the next run', async () => {
    const run = standaloneRun();
    // A separate Node process prepares an environment of `run` and is killed once its container runs.
    const script = [
      `const { PodmanEnvironment } = await import(${JSON.stringify(join(kitPaths.root, 'dist/runners/environments/podman.js'))});`,
      `await new PodmanEnvironment(${JSON.stringify({ ...run, runId: `${run.runId}-killed` })}).prepare();`,
      "process.stdout.write('prepared\\n'); setInterval(() => {}, 1000);",
    ].join('\n');
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('prepared') && resolve());
      child.once('exit', (code) => reject(new Error(`the preparing process exited (${code}) before its container ran`)));
    });
    expect(await containersOf(`${run.runId}-killed`)).toHaveLength(1);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    // The next run sweeps containers whose owner process is gone.
    const next = new PodmanEnvironment();
    await next.prepare();
    await next.release();
    expect(await containersOf(`${run.runId}-killed`)).toEqual([]);
  });
});

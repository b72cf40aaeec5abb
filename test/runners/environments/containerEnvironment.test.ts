// The docker and gvisor environments, end to end against the machine's Docker Engine. Without a
// daemon (or without runsc) these tests skip and say why; `make setup-containers` provides both.

import { hostname, release, version } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { docker, dockerRun } from '../../../runners/containers/dockerCli.js';
import { ensureKitImage, IMAGE_PATHS } from '../../../runners/containers/kitImage.js';
import { fixtureBinaryName } from '../../../runners/core/fixtureBinary.js';
import { kitPaths } from '../../../runners/core/kitPaths.js';
import { parseObservation } from '../../../runners/core/observation.js';
import { ContainerEnvironment } from '../../../runners/environments/containerEnvironment.js';
import { runProbe } from '../../../runners/probes/runProbe.js';
import { runCommand } from '../../../runners/process/runCommand.js';
import { checkProperty } from '../../../runners/verdict/checkProperty.js';
import { propertyById } from '../../support/kit.js';

const dockerEnvironment = new ContainerEnvironment('docker', 'runc');
const gvisorEnvironment = new ContainerEnvironment('gvisor', 'runsc');
const [dockerAvailable, gvisorAvailable] = await Promise.all([dockerEnvironment.available(), gvisorEnvironment.available()]);
const why = (availability: typeof dockerAvailable) => (availability.ok ? 'available' : `skipped: ${availability.reason}`);

/** The kit's containers that carry `label`, running or not. */
const containersLabelled = async (label: string) => (await docker(['ps', '-aq', '--filter', `label=${label}`])).split('\n').filter(Boolean);

const check = async (id: string, environment: ContainerEnvironment) => {
  const { mechanism, property } = await propertyById(id);
  return checkProperty(mechanism, property, environment);
};

/** Runs body between prepare() and release(), as a conformance run does. */
async function duringRun(environment: ContainerEnvironment, body: () => Promise<void>): Promise<void> {
  await environment.prepare();
  try {
    await body();
  } finally {
    await environment.release();
  }
}

describe.skipIf(!dockerAvailable.ok)(`docker environment (${why(dockerAvailable)})`, () => {
  test('runs fixtures, FFI probes and container pairs, then removes every container it started', async () => {
    await duringRun(dockerEnvironment, async () => {
      const description = await dockerEnvironment.describe();
      expect(description.runtime).toMatch(/runtime runc/);
      expect(description.ipcMode).not.toBe('host');
      expect(description.hostname).not.toBe(hostname());
      const verdicts = await Promise.all(
        [
          'pipe.capacity.default-is-16-pages', // fixture and FFI probe, both inside the container
          'isolation.sysv-msg.invisible-in-a-sibling-namespace',
          'isolation.posix-mq.visible-in-a-joined-namespace',
          'isolation.sysv-shm.host-object-visible-with-ipc-host',
        ].map((id) => check(id, dockerEnvironment)),
      );
      for (const verdict of verdicts) expect(verdict.status, `${verdict.property}: ${verdict.reason}`).toBe('passed');
      expect(verdicts[1]!.observations[0]!.evidence.second).toMatch(/--ipc private/);
    });
    expect(await containersLabelled('ipc-conformance')).toEqual([]);
    // Only the current image remains: no earlier version, tagged or dangling.
    const images = await docker(['images', '--all', '--quiet', '--filter', 'label=ipc-conformance']);
    expect(new Set(images.split('\n').filter(Boolean)).size).toBe(1);
  });

  test('a probe that times out inside the container is ended there, with its scratch directory', async () => {
    await duringRun(dockerEnvironment, async () => {
      const error = await runProbe(
        dockerEnvironment,
        { fixture: 'pipe', case: 'read-empty-blocks', args: { delay_ms: 6000 } },
        { timeoutMs: 500 },
      ).catch((e: Error) => e);
      expect((error as Error).message).toMatch(/timed out after 500 ms/);
      const listing = await dockerEnvironment.exec(
        [
          IMAGE_PATHS.node,
          '-e',
          "const fs=require('fs');console.log(JSON.stringify({tmp:fs.readdirSync('/tmp'),procs:fs.readdirSync('/proc').filter(p=>/^\\d+$/.test(p)).map(p=>fs.readFileSync('/proc/'+p+'/comm','utf8').trim())}))",
        ],
        { timeoutMs: 10_000 },
      );
      const seen = JSON.parse(listing.stdout) as { tmp: string[]; procs: string[] };
      expect(seen.procs).not.toContain(fixtureBinaryName('pipe'));
      expect(seen.tmp.filter((name) => name.startsWith('ipc-conformance-run-'))).toHaveLength(1); // the listing's own
    });
  });

  test('containers left by a dead run are removed by the next run', async () => {
    const image = await ensureKitImage();
    const orphan = `ipc-conformance-orphan-${process.pid}`;
    // pid 2^22+1 is above any pid_max default: no live process owns this container.
    await docker([
      'run',
      '-d',
      '--rm',
      '--name',
      orphan,
      '--network',
      'none',
      '--label',
      'ipc-conformance=1',
      '--label',
      'ipc-conformance.owner-pid=4194305',
      image,
      IMAGE_PATHS.idle,
      '60',
    ]);
    await dockerEnvironment.prepare();
    await dockerEnvironment.release();
    expect((await dockerRun(['inspect', orphan])).exitCode).not.toBe(0);
  });
});

describe.skipIf(!dockerAvailable.ok)(`docker-compose.yml (${why(dockerAvailable)})`, () => {
  test('its shareable, joined and private services relate as the isolation properties say', async () => {
    await ensureKitImage(); // tags ipc-conformance-kit:latest, which the file names
    const project = [
      'docker-compose',
      '--project-directory',
      kitPaths.root,
      '-f',
      join(kitPaths.root, 'docker-compose.yml'),
      '-p',
      `ipcconformance${process.pid}`,
    ];
    const compose = (args: string[]) => runCommand([...project, ...args], { timeoutMs: 120_000 });
    const probe = async (service: string, ...args: string[]) =>
      parseObservation(
        service,
        (await compose(['exec', '-T', service, `${IMAGE_PATHS.fixtures}/${fixtureBinaryName('ns')}`, ...args])).stdout,
      );
    const up = await compose(['up', '-d', 'ipc-shareable', 'ipc-joined', 'ipc-private']);
    try {
      expect(up.exitCode, up.stderr).toBe(0);
      expect((await probe('ipc-shareable', 'create', 'sysv-sem', '4243')).value).toBe('created');
      expect((await probe('ipc-joined', 'lookup', 'sysv-sem', '4243')).value).toBe('visible');
      expect((await probe('ipc-private', 'lookup', 'sysv-sem', '4243')).errno).toBe('ENOENT');
    } finally {
      await compose(['down', '--timeout', '1']);
    }
  });
});

describe.skipIf(!gvisorAvailable.ok)(`gvisor environment (${why(gvisorAvailable)})`, () => {
  test('runs probes under runsc, whose kernel is not the host’s', async () => {
    await duringRun(gvisorEnvironment, async () => {
      const description = await gvisorEnvironment.describe();
      expect(description.runtime).toMatch(/runtime runsc/);
      expect(description.kernel).not.toBe(`${release()} ${version()}`);
      const verdict = await check('pipe.direction.read-end-cannot-write', gvisorEnvironment);
      expect(verdict.status, verdict.reason).toBe('passed');
    });
    expect(await containersLabelled('ipc-conformance')).toEqual([]);
  });
});

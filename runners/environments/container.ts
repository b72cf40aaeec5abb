// One container of the kit's image: started with an IPC mode, no network of its own (loopback
// only) and `idle` as its first process; commands run in it through `docker exec` (or podman's)
// and the in-container scratch_exec, which enforces the time limit where the probe actually runs.

import { constants } from 'node:os';
import { dockerEngine } from '../containers/dockerCli.js';
import { type EngineCli, KIT_LABEL } from '../containers/engineCli.js';
import { IMAGE_PATHS } from '../containers/kitImage.js';
import { fixtureBinaryName } from '../core/fixtureBinary.js';
import type { CommandResult } from '../process/runCommand.js';
import type { ExecOptions } from './environment.js';
import type { OwnedPlace } from './placePair.js';

/** A container outlives a crashed orchestrator by at most this long (idle exits, --rm removes it). */
const CONTAINER_LIFETIME_S = 3600;
/** Time the engine's exec itself may take on top of the probe's own limit (gVisor exec is slow to start). */
const EXEC_MARGIN_MS = 10_000;

/** How to start a container. */
export interface ContainerOptions {
  /** docker when absent. */
  engine?: EngineCli;
  name: string;
  image: string;
  /** The OCI runtime registered in the engine: runc, runsc; the engine's default when empty. */
  runtime: string;
  /** --ipc: shareable, private, host, container:NAME; the daemon's default when absent. */
  ipc?: string;
  /** A host directory mounted at the same path inside. */
  sharedDir?: string;
  /** Labels beyond the kit's own (run id, owner pid). */
  labels: Record<string, string>;
}

const SIGNAL_NAMES = Object.fromEntries(Object.entries(constants.signals).map(([name, number]) => [number, name]));

export class Container implements OwnedPlace {
  readonly description: string;

  constructor(
    readonly name: string,
    ipc = 'default',
    runtime = '',
    readonly engine: EngineCli = dockerEngine,
  ) {
    const kind = engine.name === 'docker' ? 'container' : `${engine.name} container`;
    this.description = `${kind} ${name} (--ipc ${ipc}${runtime ? `, --runtime ${runtime}` : ''})`;
  }

  /** Starts the container; throws EngineError with the engine's words when it refuses. */
  static async start(options: ContainerOptions): Promise<Container> {
    const labels = Object.entries({ [KIT_LABEL]: '1', ...options.labels }).flatMap(([k, v]) => ['--label', `${k}=${v}`]);
    const engine = options.engine ?? dockerEngine;
    await engine.call([
      'run',
      '--detach',
      '--rm',
      '--name',
      options.name,
      ...labels,
      '--network',
      'none',
      ...(options.runtime ? ['--runtime', options.runtime] : []),
      ...(options.ipc ? ['--ipc', options.ipc] : []),
      ...(options.sharedDir ? ['--volume', `${options.sharedDir}:${options.sharedDir}`] : []),
      options.image,
      IMAGE_PATHS.idle,
      String(CONTAINER_LIFETIME_S),
    ]);
    return new Container(options.name, options.ipc ?? 'default', options.runtime, engine);
  }

  async exec(argv: readonly string[], options: ExecOptions): Promise<CommandResult> {
    // Only what the caller names reaches the command: the engine's exec passes no variable of ours.
    const env = Object.entries(options.env ?? {}).flatMap(([k, v]) => ['--env', `${k}=${v}`]);
    const result = await this.engine.run(
      ['exec', ...env, this.name, IMAGE_PATHS.scratchExec, String(options.timeoutMs), ...argv],
      options.timeoutMs + EXEC_MARGIN_MS,
    );
    // scratch_exec reports a timeout and a killing signal through its exit status and stderr.
    if (result.exitCode === 124 && result.stderr.includes('scratch_exec: timed out')) return { ...result, timedOut: true };
    const killed = /scratch_exec: killed by signal (\d+)/.exec(result.stderr);
    if (killed) return { ...result, exitCode: null, signal: SIGNAL_NAMES[Number(killed[1])] ?? `signal ${killed[1]}` };
    return result;
  }

  fixtureCommand(fixture: string): string[] {
    return [`${IMAGE_PATHS.fixtures}/${fixtureBinaryName(fixture)}`];
  }

  /** Kills and removes the container; its namespaces and every object only they held die with it. */
  async stop(): Promise<void> {
    await this.engine.run(['rm', '--force', this.name], 60_000);
  }
}

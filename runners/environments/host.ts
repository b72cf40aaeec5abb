// The machine the kit runs on: probes are executed directly, each in a scratch TMPDIR of its own
// (hostPlace.ts); isolation pairs are namespace holders (namespaceHolder.ts).
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { kitPaths } from '../core/kitPaths.js';
import { startLongRunning } from '../process/longRunning.js';
import type { CommandResult } from '../process/runCommand.js';
import { boundToThisProcess, runFolder } from '../process/runFolder.js';
import { temporaryFolder } from '../process/temporaryFolder.js';
import type { Availability, DaemonSpec, ExecOptions, PairRelation, PlacePair, RunContext, RunningDaemon } from './environment.js';
import { runFfiInForkServer } from './ffiForkServer.js';
import { execInScratchDir, hostFixtureCommand, isFfiCommand } from './hostPlace.js';
import { kitBuildAvailability } from './kitBuild.js';
import { namespaceAvailability, openNamespacePair } from './namespaceHolder.js';
import { ProbedEnvironment } from './probedEnvironment.js';

/** Options for a host environment; `env` is added to every command (used to inject faults). */
export interface HostOptions {
  name?: string;
  env?: Record<string, string>;
  /** The run this object belongs to; a run of its own when absent. */
  run?: RunContext;
  /** `spawn`: every FFI probe starts Node of its own, as in other environments (default: `fork`). */
  ffiProbes?: 'fork' | 'spawn';
}

export class HostEnvironment extends ProbedEnvironment {
  readonly description: string = 'the host';
  private readonly extraEnv: Record<string, string>;
  private readonly forkFfiProbes: boolean;

  constructor(options: HostOptions = {}) {
    super(options.name ?? 'host', options.run);
    this.extraEnv = options.env ?? {};
    this.forkFfiProbes = options.ffiProbes !== 'spawn' && existsSync(kitPaths.forkProbeHelper);
  }

  async available(): Promise<Availability> {
    return kitBuildAvailability();
  }

  exec(argv: readonly string[], options: ExecOptions): Promise<CommandResult> {
    const variables = this.probeVariables(this.extraEnv);
    // An FFI probe is forked by the fork server rather than started as Node, unless variables
    // such as a fault shim's LD_PRELOAD must be in place before its process starts.
    if (this.forkFfiProbes && isFfiCommand(argv) && !Object.keys(this.extraEnv).length && !options.env)
      return runFfiInForkServer(argv.slice(2), options, variables);
    return execInScratchDir(argv, options, variables);
  }

  fixtureCommand(fixture: string): string[] {
    return hostFixtureCommand(fixture);
  }

  ffiCommand(): string[] {
    return [process.execPath, kitPaths.ffiEntry];
  }

  /** Writes the daemon's files into a folder of the run's and starts it here (the sandbox: in
   * namespaces), bound to this process: setpriv's parent-death signal kills it when this process
   * dies, and its record in the run folder lets the next run's sweep end it should that fail. */
  async startDaemon(spec: DaemonSpec): Promise<RunningDaemon> {
    const folder = temporaryFolder(`${spec.name}-`);
    try {
      for (const [name, content] of Object.entries(spec.files(folder.path)))
        await writeFile(join(folder.path, name), content, { mode: 0o600 });
    } catch (error) {
      folder.remove();
      throw error;
    }
    const daemon = startLongRunning(boundToThisProcess(this.daemonCommand(spec.argv(folder.path))), this.extraEnv);
    const forgetHelper = runFolder().recordHelper(daemon.child.pid, spec.name);
    return {
      dir: folder.path,
      firstLine: daemon.firstLine,
      stop: async () => {
        await daemon.stop();
        forgetHelper();
        folder.remove();
      },
    };
  }

  /** How a daemon's argv is started here; the sandbox wraps it in its namespaces. */
  protected daemonCommand(argv: string[]): string[] {
    return argv;
  }

  /** Isolation scenarios on the host run between fresh namespaces (or the host and one). */
  openPair(relation: PairRelation): Promise<PlacePair> {
    return openNamespacePair(relation);
  }

  protected pairAvailability(): Promise<Availability> {
    return namespaceAvailability();
  }

  protected async ipcMode(): Promise<string> {
    return 'host';
  }

  protected async runtime(): Promise<string> {
    return Object.keys(this.extraEnv).length ? `host with ${JSON.stringify(this.extraEnv)}` : 'host (no container)';
  }
}

// The machine the kit runs on: probes are executed directly, each in a scratch TMPDIR of its own.
import { fixtureBinaryName } from '../probes/fixtureBinary.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { kitPaths } from '../kitPaths.js';
import { fixtureNames } from '../probes/catalog.js';
import { runCommand, type CommandResult } from '../process/runCommand.js';
import { writeFile } from 'node:fs/promises';
import { boundToThisProcess, runFolder } from '../process/runFolder.js';
import { temporaryFolder } from '../process/temporaryFolder.js';
import { startLongRunning } from '../process/longRunning.js';
import type { Availability, DaemonSpec, ExecOptions, PairRelation, Place, PlacePair, RunningDaemon } from './environment.js';
import { namespaceAvailability, openNamespacePair } from './namespaceHolder.js';
import { ProbedEnvironment } from './probedEnvironment.js';

/** Options for a host environment; `env` is added to every command (used to inject faults). */
export interface HostOptions {
  name?: string;
  env?: Record<string, string>;
}

/** Whether the kit's fixtures and compiled FFI entry exist on this machine, and how to get them. */
export function kitBuildAvailability(): Availability {
  for (const fixture of fixtureNames()) {
    const binary = join(kitPaths.fixtureBinaries, fixtureBinaryName(fixture));
    if (!existsSync(binary)) {
      return { ok: false, reason: `fixture ${binary} is not built: run \`make fixtures\` (needs gcc: apt-get install gcc make)` };
    }
  }
  if (!existsSync(kitPaths.ffiEntry)) return { ok: false, reason: `${kitPaths.ffiEntry} is missing: run \`npm run build\`` };
  return { ok: true };
}

/** Runs argv on this machine in a scratch TMPDIR that is removed afterwards, whatever the probe left. */
export async function execInScratchDir(argv: readonly string[], options: ExecOptions, extraEnv: Record<string, string> = {}): Promise<CommandResult> {
  const scratch = temporaryFolder('ipc-conformance-run-');
  try {
    return await runCommand(argv, { timeoutMs: options.timeoutMs, env: { ...extraEnv, ...options.env, TMPDIR: scratch.path } });
  } finally {
    scratch.remove();
  }
}

/** The host machine as a place: a fixture runs directly, in a scratch TMPDIR. */
export const hostPlace: Place = {
  description: 'the host',
  exec: (argv, options) => execInScratchDir(argv, options),
  fixtureCommand: (fixture) => [join(kitPaths.fixtureBinaries, fixtureBinaryName(fixture))],
};

export class HostEnvironment extends ProbedEnvironment {
  readonly description: string = 'the host';
  private readonly extraEnv: Record<string, string>;

  constructor(options: HostOptions = {}) {
    super(options.name ?? 'host');
    this.extraEnv = options.env ?? {};
  }

  async available(): Promise<Availability> {
    return kitBuildAvailability();
  }

  exec(argv: readonly string[], options: ExecOptions): Promise<CommandResult> {
    return execInScratchDir(argv, options, this.extraEnv);
  }

  fixtureCommand(fixture: string): string[] {
    return [join(kitPaths.fixtureBinaries, fixtureBinaryName(fixture))];
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
      for (const [name, content] of Object.entries(spec.files(folder.path))) await writeFile(join(folder.path, name), content, { mode: 0o600 });
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

// A container engine's command line, as the kit uses it: docker (talking to dockerd) or rootless
// podman (run as an unprivileged user of its own). Every call is bounded in time, and a failure
// says what the engine answered. The engines differ only in the argv prefix that starts their
// command and in a few template spellings; everything else the kit asks is the same.
import { spawnSync } from 'node:child_process';
import { type CommandResult, runCommand } from '../process/runCommand.js';
import { boundToThisProcess } from '../process/runFolder.js';

/** Label on everything the kit starts, so a later run can find and remove what a crash left. */
export const KIT_LABEL = 'ipc-conformance';

/** The engines the kit drives. */
export type EngineName = 'docker' | 'podman';

/** An engine command that ended with an error: the engine's or the runtime's own words. */
export class EngineError extends Error {
  override name = 'EngineError';
  constructor(
    message: string,
    readonly result: CommandResult,
  ) {
    super(message);
  }
}

/** How the engine's command is started: its argv prefix, plain or bound to this process's life. */
export interface EngineLauncher {
  /** E.g. ['docker'], or setpriv … podman to run podman as its own user. */
  prefix(): string[];
  /** The same, killed by the kernel when this process dies (setpriv --pdeathsig). */
  boundPrefix(): string[];
}

export class EngineCli {
  constructor(
    readonly name: EngineName,
    private readonly launcher: EngineLauncher,
  ) {}

  /** The argv that runs `<engine> args`; `bound` ties it to this process's life (a daemon's client). */
  argv(args: readonly string[], bound = false): string[] {
    return [...(bound ? this.launcher.boundPrefix() : this.launcher.prefix()), ...args];
  }

  /** Runs the engine's command; never throws for a non-zero exit. */
  run(args: readonly string[], timeoutMs = 60_000): Promise<CommandResult> {
    return runCommand(this.argv(args), { timeoutMs });
  }

  /** Runs the engine's command and returns its stdout, or throws EngineError with its stderr. */
  async call(args: readonly string[], timeoutMs = 60_000): Promise<string> {
    const result = await this.run(args, timeoutMs);
    if (result.timedOut) throw new EngineError(`${this.name} ${args[0]} timed out after ${timeoutMs} ms`, result);
    if (result.exitCode !== 0) {
      const said = result.stderr.trim().split('\n').filter(Boolean).pop() ?? `exit status ${result.exitCode}`;
      throw new EngineError(`${this.name} ${args[0]}: ${said}`, result);
    }
    return result.stdout.trim();
  }

  /** The ps --format template of one label's value: docker has a method, podman a map. */
  labelTemplate(label: string): string {
    return this.name === 'docker' ? `{{.Label "${label}"}}` : `{{index .Labels "${label}"}}`;
  }

  /** Removes every container (running or not) that carries all the given labels; returns how many. */
  async removeLabelledContainers(labels: string[]): Promise<number> {
    const filters = labels.flatMap((label) => ['--filter', `label=${label}`]);
    const ids = (await this.call(['ps', '-aq', ...filters])).split('\n').filter(Boolean);
    if (ids.length) await this.run(['rm', '-f', ...ids], 60_000);
    return ids.length;
  }

  /** removeLabelledContainers at once, for when the kit is interrupted and cannot wait for promises. */
  removeLabelledContainersNow(labels: string[]): void {
    const filters = labels.flatMap((label) => ['--filter', `label=${label}`]);
    const [file, ...args] = this.argv(['ps', '-aq', ...filters]);
    const listing = spawnSync(file!, args, { encoding: 'utf8', timeout: 10_000 });
    const ids = (listing.stdout ?? '').split('\n').filter(Boolean);
    const [rmFile, ...rmArgs] = this.argv(['rm', '-f', ...ids]);
    if (ids.length) spawnSync(rmFile!, rmArgs, { stdio: 'ignore', timeout: 30_000 });
  }
}

/** An engine whose command runs as this process's user, found through PATH. */
export function directLauncher(command: string): EngineLauncher {
  return { prefix: () => [command], boundPrefix: () => boundToThisProcess([command]) };
}

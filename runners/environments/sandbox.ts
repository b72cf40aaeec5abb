// Fresh Linux namespaces made with unshare(1) — ipc, pid, mount (with its own /dev, /dev/shm and
// /dev/mqueue), net and uts — around every probe: the container primitives without a container
// engine. Each probe gets namespaces of its own, which die with it.
import { join } from 'node:path';
import { kitPaths } from '../kitPaths.js';
import { runCommand, type CommandResult } from '../process/runCommand.js';
import type { Availability, ExecOptions } from './environment.js';
import { execInScratchDir, kitBuildAvailability } from './host.js';
import { ProbedEnvironment } from './probedEnvironment.js';

/** A shell script, not compiled: the source copy serves the compiled kit too. */
const INIT_SCRIPT = join(kitPaths.root, 'runners', 'environments', 'sandbox-init.sh');

/** The unshare(1) options: new ipc, pid (with its own /proc), mount, net and uts namespaces. */
export const UNSHARE_ARGS = ['--ipc', '--pid', '--fork', '--kill-child', '--mount', '--mount-proc', '--net', '--uts'];

export class SandboxEnvironment extends ProbedEnvironment {
  constructor() {
    super('sandbox');
  }

  async available(): Promise<Availability> {
    const build = kitBuildAvailability();
    if (!build.ok) return build;
    if ((process.geteuid?.() ?? -1) !== 0) {
      return { ok: false, reason: 'making namespaces with unshare needs root (run as root, or use --env host)' };
    }
    const trial = await runCommand(['unshare', ...UNSHARE_ARGS, '/bin/sh', INIT_SCRIPT, 'true'], { timeoutMs: 10_000 }).catch(
      (error: Error) => ({ exitCode: -1, stderr: error.message }) as Pick<CommandResult, 'exitCode' | 'stderr'>,
    );
    if (trial.exitCode !== 0) {
      return { ok: false, reason: `unshare cannot make the namespaces here (apt-get install util-linux): ${trial.stderr.trim().split('\n')[0]}` };
    }
    return { ok: true };
  }

  exec(argv: readonly string[], options: ExecOptions): Promise<CommandResult> {
    return execInScratchDir(['unshare', ...UNSHARE_ARGS, '/bin/sh', INIT_SCRIPT, ...argv], options);
  }

  fixtureCommand(fixture: string): string[] {
    return [join(kitPaths.fixtureBinaries, `${fixture}_probe`)];
  }

  ffiCommand(): string[] {
    return [process.execPath, kitPaths.ffiEntry];
  }

  protected async runtime(): Promise<string> {
    const version = await runCommand(['unshare', '--version'], { timeoutMs: 5000 });
    return `unshare ${UNSHARE_ARGS.join(' ')} (${version.stdout.trim()})`;
  }
}

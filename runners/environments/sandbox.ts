// Fresh Linux namespaces made with unshare(1) — ipc, pid, mount (with its own /dev, /dev/shm and
// /dev/mqueue), net and uts — around every probe: the container primitives without a container
// engine. Each probe gets namespaces of its own, which die with it.
import { kitPaths } from '../kitPaths.js';
import { join } from 'node:path';
import { runCommand, type CommandResult } from '../process/runCommand.js';
import type { Availability, ExecOptions, PairRelation, PlacePair } from './environment.js';
import { execInScratchDir, kitBuildAvailability } from './host.js';
import { namespaceAvailability, openNamespacePair, SANDBOX_INIT_SCRIPT, UNSHARE_ARGS } from './namespaceHolder.js';
import { ProbedEnvironment } from './probedEnvironment.js';

export class SandboxEnvironment extends ProbedEnvironment {
  readonly description = 'fresh namespaces (unshare)';

  constructor() {
    super('sandbox');
  }

  async available(): Promise<Availability> {
    const build = kitBuildAvailability();
    return build.ok ? namespaceAvailability() : build;
  }

  exec(argv: readonly string[], options: ExecOptions): Promise<CommandResult> {
    return execInScratchDir(['unshare', ...UNSHARE_ARGS, '/bin/sh', SANDBOX_INIT_SCRIPT, ...argv], options);
  }

  fixtureCommand(fixture: string): string[] {
    return [join(kitPaths.fixtureBinaries, `${fixture}_probe`)];
  }

  ffiCommand(): string[] {
    return [process.execPath, kitPaths.ffiEntry];
  }

  openPair(relation: PairRelation): Promise<PlacePair> {
    return openNamespacePair(relation);
  }

  protected pairAvailability(): Promise<Availability> {
    return namespaceAvailability();
  }

  protected async ipcMode(): Promise<string> {
    return 'private (unshare --ipc, new for every probe)';
  }

  protected async runtime(): Promise<string> {
    const version = await runCommand(['unshare', '--version'], { timeoutMs: 5000 });
    return `unshare ${UNSHARE_ARGS.join(' ')} (${version.stdout.trim()})`;
  }
}

// Fresh Linux namespaces made with unshare(1) — ipc, pid, mount (with its own /dev, /dev/shm and
// /dev/mqueue), net and uts — around every probe: the container primitives without a container
// engine. Each probe gets namespaces of its own, which die with it. The binaries, FFI entry and
// namespace pairs are the host's; only where a command runs differs.
import { type CommandResult, runCommand } from '../process/runCommand.js';
import type { Availability, ExecOptions, RunContext } from './environment.js';
import { HostEnvironment } from './host.js';
import { execInScratchDir } from './hostPlace.js';
import { kitBuildAvailability } from './kitBuild.js';
import { namespaceAvailability, SANDBOX_INIT_SCRIPT, UNSHARE_ARGS } from './namespaceHolder.js';

/** Options for a sandbox; `sysctls` are set inside every sandbox (only namespaced ones make sense). */
export interface SandboxOptions {
  name?: string;
  sysctls?: Record<string, string>;
  /** The run this object belongs to; a run of its own when absent. */
  run?: RunContext;
}

export class SandboxEnvironment extends HostEnvironment {
  override readonly description: string;
  private readonly sysctls: string;

  constructor(options: SandboxOptions = {}) {
    super({ name: options.name ?? 'sandbox', run: options.run });
    this.sysctls = Object.entries(options.sysctls ?? {})
      .map(([name, value]) => `${name}=${value}`)
      .join(' ');
    this.description = this.sysctls ? `fresh namespaces (unshare) with ${this.sysctls}` : 'fresh namespaces (unshare)';
  }

  override async available(): Promise<Availability> {
    const build = kitBuildAvailability();
    return build.ok ? namespaceAvailability() : build;
  }

  override exec(argv: readonly string[], options: ExecOptions): Promise<CommandResult> {
    const env = this.probeVariables(this.sysctls ? { ...options.env, IPC_CONFORMANCE_SANDBOX_SYSCTLS: this.sysctls } : options.env);
    return execInScratchDir(['unshare', ...UNSHARE_ARGS, '/bin/sh', SANDBOX_INIT_SCRIPT, ...argv], { ...options, env });
  }

  protected override daemonCommand(argv: string[]): string[] {
    return ['unshare', ...UNSHARE_ARGS, '/bin/sh', SANDBOX_INIT_SCRIPT, ...argv];
  }

  protected override async ipcMode(): Promise<string> {
    return 'private (unshare --ipc, new for every probe)';
  }

  protected override async runtime(): Promise<string> {
    const version = await runCommand(['unshare', '--version'], { timeoutMs: 5000 });
    return `unshare ${UNSHARE_ARGS.join(' ')} (${version.stdout.trim()})`;
  }
}

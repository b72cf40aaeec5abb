// User-Mode Linux (Debian's user-mode-linux: Linux 6.1 built for the `um` architecture) as an
// environment: one guest kernel per run, an ordinary process of the preparing one, with this
// machine's root file system read-only through hostfs. Probes run inside through the guest agent
// (runners/guests/): the kit's fixtures and dist/ are seen at their host paths, and the facts,
// sysctls and description are read inside, so they are the guest kernel's.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { PairRefused } from '../core/errors.js';
import { kitPaths } from '../core/kitPaths.js';
import { guestExec } from '../guests/client.js';
import { startUml, UML_MEMORY, type UmlInstance, umidOf, umlProblem } from '../guests/umlInstance.js';
import type { CommandResult } from '../process/runCommand.js';
import type { Availability, DaemonSpec, EnvironmentDescription, ExecOptions, PlacePair, RunContext, RunningDaemon } from './environment.js';
import { startGuestDaemon } from './guestDaemon.js';
import { hostFixtureCommand, isFfiCommand } from './hostPlace.js';
import { kitBuildAvailability } from './kitBuild.js';
import { ProbedEnvironment } from './probedEnvironment.js';

/** Where Debian ships the configuration the package's kernel was built with. */
const PACKAGE_CONFIG = '/usr/share/doc/user-mode-linux/config.gz';
/** The options recorded in the description: IPC, preemption, what the probes' mechanisms need. */
const RECORDED_OPTIONS = [
  'CONFIG_UML',
  'CONFIG_SYSVIPC',
  'CONFIG_POSIX_MQUEUE',
  'CONFIG_IPC_NS',
  'CONFIG_USER_NS',
  'CONFIG_PID_NS',
  'CONFIG_PREEMPT_NONE',
  'CONFIG_PREEMPT_VOLUNTARY',
  'CONFIG_PREEMPT',
  'CONFIG_PREEMPT_RT',
  'CONFIG_PREEMPT_DYNAMIC',
  'CONFIG_HZ',
  'CONFIG_NR_CPUS',
  'CONFIG_SMP',
  'CONFIG_FUTEX',
  'CONFIG_EVENTFD',
  'CONFIG_SIGNALFD',
  'CONFIG_TIMERFD',
  'CONFIG_MEMFD_CREATE',
  'CONFIG_TMPFS',
  'CONFIG_UNIX',
  'CONFIG_IPV6',
  'CONFIG_FILE_LOCKING',
  // MSG_COPY and /proc/sys/kernel/ns_last_pid exist only with it.
  'CONFIG_CHECKPOINT_RESTORE',
];
const ONE_INSTANCE = 'one UML instance per run; pairs of UML instances are not made';

/** The instance the preparing process started, by run id (other processes reach it by the socket). */
const instances = new Map<string, UmlInstance>();

export class UmlEnvironment extends ProbedEnvironment {
  constructor(run?: RunContext) {
    super('uml', run);
  }

  get description(): string {
    return `User-Mode Linux guest ${umidOf(this.run.runId)}`;
  }

  async available(): Promise<Availability> {
    const build = kitBuildAvailability();
    if (!build.ok) return build;
    const problem = umlProblem();
    return problem ? { ok: false, reason: problem } : { ok: true };
  }

  /** Boots the run's guest: about 3 s to the agent. */
  override async prepare(): Promise<void> {
    if (instances.has(this.run.runId)) return;
    instances.set(this.run.runId, await startUml(this.run.runId));
  }

  /** Halts the guest (its host processes are ended) and removes its folder. */
  override async release(): Promise<void> {
    const instance = instances.get(this.run.runId);
    instances.delete(this.run.runId);
    await instance?.stop();
  }

  /** FFI probes are forked by the agent's fork server, as on the host, unless variables such as a
   * fault shim's LD_PRELOAD must be in place before the probe's process starts. */
  exec(argv: readonly string[], options: ExecOptions): Promise<CommandResult> {
    const ffi = isFfiCommand(argv) && !options.env;
    return guestExec(this.run.runId, argv, { timeoutMs: options.timeoutMs, env: this.probeVariables(options.env), ffi });
  }

  /** The host's path: the guest sees the kit's build through hostfs. */
  fixtureCommand(fixture: string): string[] {
    return hostFixtureCommand(fixture);
  }

  /** The host's Node, run by the guest kernel. */
  ffiCommand(): string[] {
    return [process.execPath, kitPaths.ffiEntry];
  }

  /** The run's daemon inside the guest (guestDaemon.ts). */
  startDaemon(spec: DaemonSpec): Promise<RunningDaemon> {
    return startGuestDaemon(this.run.runId, spec, 30_000);
  }

  async openPair(): Promise<PlacePair> {
    throw new PairRefused(ONE_INSTANCE);
  }

  protected async pairAvailability(): Promise<Availability> {
    return { ok: false, reason: ONE_INSTANCE };
  }

  protected override nativeCpu(): Availability {
    return {
      ok: false,
      reason: 'the probes run under User-Mode Linux, where every system call is a ptrace round trip through the UML kernel process',
    };
  }

  protected async runtime(): Promise<string> {
    return `user-mode-linux ${packageVersion()} (linux.uml mem=${UML_MEMORY}, this machine's root read-only through hostfs)`;
  }

  protected async ipcMode(): Promise<string> {
    return 'private (a kernel of its own)';
  }

  override async describe(): Promise<EnvironmentDescription> {
    const description = await super.describe();
    const kernelConfig = await this.kernelConfig();
    return {
      ...description,
      // uname's machine is the host's sub-architecture (x86_64); the kernel's architecture is um.
      arch: kernelConfig.CONFIG_UML === 'y' ? `um (${description.arch})` : description.arch,
      emulator: `user-mode-linux ${packageVersion()}`,
      accelerator: 'none (UML)',
      kernelConfig,
    };
  }

  protected override recordedKernelConfig(): Promise<Record<string, string>> {
    return this.kernelConfig();
  }

  /** The recorded options, from /proc/config.gz inside when the kernel has it, else the package's file. */
  private async kernelConfig(): Promise<Record<string, string>> {
    const inside = await guestExec(this.run.runId, ['sh', '-c', 'test -r /proc/config.gz && gzip -dc /proc/config.gz'], {
      timeoutMs: 10_000,
    }).catch(() => undefined);
    let text = inside?.exitCode === 0 ? inside.stdout : '';
    let source = '/proc/config.gz (inside)';
    if (!text && existsSync(PACKAGE_CONFIG)) {
      text = gunzipSync(readFileSync(PACKAGE_CONFIG)).toString();
      source = `${PACKAGE_CONFIG} (the package's build configuration)`;
    }
    if (!text) return { source: 'none: no /proc/config.gz inside and no package configuration' };
    const config: Record<string, string> = { source };
    for (const option of RECORDED_OPTIONS) {
      const line = text.match(new RegExp(`^${option}=(.*)$`, 'm'));
      config[option] = line ? line[1]!.replace(/^"(.*)"$/, '$1') : 'not set';
    }
    return config;
  }
}

let version: string | undefined;
/** The installed package's version, e.g. `6.1um4+b13`. */
function packageVersion(): string {
  try {
    // `user-mode-linux<TAB>6.1um4+b13`
    version ??= execFileSync('dpkg-query', ['-W', 'user-mode-linux'], { encoding: 'utf8' }).trim().split('\t')[1] ?? 'version unknown';
  } catch {
    version = 'version unknown';
  }
  return version;
}

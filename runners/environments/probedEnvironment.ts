// What every environment has in common: its facts, sysctls and description are read by running
// env-probe inside it, so a container or a namespace answers for itself. Subclasses say only how
// a command runs there and where the kit's binaries are.

import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { REQUIREMENTS, type Requirement } from '../../specs/schema.js';
import { SysctlUnreadable } from '../core/errors.js';
import type { Observation } from '../core/observation.js';
import type { CommandResult } from '../process/runCommand.js';
import {
  type Availability,
  type BusState,
  type DaemonSpec,
  type Environment,
  type EnvironmentDescription,
  type EnvironmentFacts,
  type ExecOptions,
  type PairRelation,
  type PlacePair,
  RECORDED_SYSCTLS,
  type RunContext,
  type RunningDaemon,
} from './environment.js';
import { runInPlace } from './runInPlace.js';

const CAP_CHOWN = 0;
const CAP_SETGID = 6;
const CAP_SETUID = 7;
const CAP_SYS_RESOURCE = 24;

/** A run of its own, for an environment made outside a prepared run (a test, a one-off probe). */
export function standaloneRun(): RunContext {
  return { runId: `${process.pid}-${randomBytes(3).toString('hex')}`, bus: { unavailable: 'no private bus was started for this run' } };
}

export abstract class ProbedEnvironment implements Environment {
  private factsObservation: Promise<Observation> | undefined;
  readonly run: RunContext;

  constructor(
    readonly name: string,
    run: RunContext = standaloneRun(),
  ) {
    // A copy: attachBus changes this object's view only, never the caller's plain data.
    this.run = { ...run };
  }

  attachBus(bus: BusState): void {
    this.run.bus = bus;
  }

  /** The variables every probe of the run gets (the bus's address and settings), under `extra`. */
  protected probeVariables(extra: Record<string, string> = {}): Record<string, string> {
    return { ...('variables' in this.run.bus ? this.run.bus.variables : {}), ...extra };
  }

  abstract readonly description: string;
  abstract available(): Promise<Availability>;
  abstract openPair(relation: PairRelation): Promise<PlacePair>;
  abstract startDaemon(spec: DaemonSpec): Promise<RunningDaemon>;
  /** Whether openPair() can work here, and why not: decides the `place-pairs` requirement. */
  protected abstract pairAvailability(): Promise<Availability>;
  abstract exec(argv: readonly string[], options: ExecOptions): Promise<CommandResult>;
  abstract fixtureCommand(fixture: string): string[];
  abstract ffiCommand(): string[];
  /** What runs the probes here: "host (no container)", "unshare …", "docker runc …". */
  protected abstract runtime(): Promise<string>;
  /** How the environment's IPC namespace was chosen: host, private, shareable … */
  protected abstract ipcMode(): Promise<string>;

  /** Whether probes run on the machine's CPU directly; a guest under an emulator or User-Mode Linux says why not. */
  protected nativeCpu(): Availability {
    return { ok: true };
  }

  /**
   * The kernel's build configuration where the environment records one (a guest's kernel package),
   * else undefined: then nothing is concluded from it.
   */
  protected async recordedKernelConfig(): Promise<Record<string, string> | undefined> {
    return undefined;
  }

  /** Nothing to start for environments that run commands directly. */
  async prepare(): Promise<void> {}

  async release(): Promise<void> {}

  async readSysctl(name: string): Promise<string> {
    const observation = await runInPlace(this, [...this.fixtureCommand('env'), 'sysctl', name], `fixture env/sysctl ${name}`);
    if (observation.errno || typeof observation.value !== 'string') throw new SysctlUnreadable(name, observation.errno ?? 'no value');
    return observation.value;
  }

  async facts(): Promise<EnvironmentFacts> {
    const { evidence } = await this.observedFacts();
    const uid = Number(evidence.euid);
    const caps = BigInt(`0x${String(evidence.capabilities ?? '0')}`);
    const has = (bit: number) => (caps & (1n << BigInt(bit))) !== 0n;
    const missing = (requirement: Requirement, why: string): Availability => ({
      ok: false,
      reason: `requires ${requirement} (${REQUIREMENTS[requirement]}): ${why}`,
    });
    const offers: Record<Requirement, Availability> = {
      root: uid === 0 ? { ok: true } : missing('root', `effective uid is ${uid}`),
      'other-uid':
        has(CAP_SETUID) && has(CAP_SETGID) && has(CAP_CHOWN)
          ? { ok: true }
          : missing('other-uid', `effective uid ${uid} lacks CAP_SETUID/CAP_SETGID/CAP_CHOWN`),
      'cap-sys-resource': has(CAP_SYS_RESOURCE)
        ? { ok: true }
        : missing('cap-sys-resource', `effective uid ${uid} lacks CAP_SYS_RESOURCE (capabilities ${String(evidence.capabilities)})`),
      procfs: evidence.procfs === true ? { ok: true } : missing('procfs', '/proc/self/fd does not exist'),
      'dbus-bus': 'address' in this.run.bus ? { ok: true } : missing('dbus-bus', this.run.bus.unavailable),
      'ipv6-loopback':
        evidence.ipv6_loopback === true ? { ok: true } : missing('ipv6-loopback', 'binding [::1]:0 fails here (IPv6 disabled on lo)'),
      'mqueue-fs':
        evidence.mqueue_mounted === true ? { ok: true } : missing('mqueue-fs', 'nothing of type mqueue is mounted at /dev/mqueue'),
      'two-cpus':
        Number(evidence.cpus_allowed) >= 2 ? { ok: true } : missing('two-cpus', `the probes may use ${String(evidence.cpus_allowed)} CPU`),
      'ipc-namespace':
        evidence.ipc_namespace === true
          ? { ok: true }
          : missing(
              'ipc-namespace',
              'unshare(CLONE_NEWIPC) is refused here, also inside a new user namespace, or /proc/sys cannot be written in the new namespace (read-only)',
            ),
      'pid-namespace':
        evidence.pid_namespace === true
          ? { ok: true }
          : missing(
              'pid-namespace',
              'unshare(CLONE_NEWPID) is refused here, also inside a new user namespace, or its first child is not pid 1',
            ),
      'place-pairs': await this.pairAvailability().then((pairs) => (pairs.ok ? pairs : missing('place-pairs', pairs.reason))),
      'native-cpu': ((cpu) => (cpu.ok ? cpu : missing('native-cpu', cpu.reason)))(this.nativeCpu()),
      'checkpoint-restore': await this.recordedKernelConfig().then((config) =>
        !config || config.CONFIG_CHECKPOINT_RESTORE === undefined || config.CONFIG_CHECKPOINT_RESTORE === 'y'
          ? { ok: true }
          : missing(
              'checkpoint-restore',
              `the kernel's recorded configuration has CONFIG_CHECKPOINT_RESTORE ${config.CONFIG_CHECKPOINT_RESTORE} (${config.source ?? 'source unknown'})`,
            ),
      ),
    };
    return { pageSize: Number(evidence.page_size), offers };
  }

  async describe(): Promise<EnvironmentDescription> {
    const { evidence } = await this.observedFacts();
    const sysctls: Record<string, string> = {};
    for (const name of RECORDED_SYSCTLS)
      sysctls[name] = await this.readSysctl(name).catch((error: Error) =>
        error instanceof SysctlUnreadable ? `unreadable (${error.errno})` : 'unreadable',
      );
    const namespaces: Record<string, string> = {};
    for (const kind of ['ipc', 'pid', 'net', 'mnt', 'uts']) namespaces[kind] = String(evidence[`${kind}_ns`]);
    return {
      name: this.name,
      kernel: String(evidence.kernel),
      runtime: await this.runtime(),
      ipcMode: await this.ipcMode(),
      arch: String(evidence.machine),
      uid: Number(evidence.euid),
      capabilities: String(evidence.capabilities),
      pageSize: Number(evidence.page_size),
      hostname: String(evidence.hostname),
      machineHostname: hostname(),
      namespaces,
      mqueueMounted: evidence.mqueue_mounted === true,
      sysctls,
      versions: { node: process.version },
    };
  }

  /** The env-probe facts, observed once per environment object. */
  private observedFacts(): Promise<Observation> {
    this.factsObservation ??= runInPlace(this, [...this.fixtureCommand('env'), 'facts'], 'fixture env/facts');
    return this.factsObservation;
  }
}

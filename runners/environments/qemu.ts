// qemu:<package>: a Debian kernel package (linux-image-…-amd64-unsigned, from the kit's kernel
// cache, runners/kernels/) booted under QEMU, one virtual machine per run, with this machine's root
// file system read-only over 9p. Probes run inside through the guest agent (runners/guests/): the
// kit's fixtures and dist/ are seen at their host paths, and the facts, sysctls and description
// are read inside, so they are the guest kernel's. The accelerator (KVM or TCG) is recorded; under
// TCG timed performance measurements are skipped (native-cpu).
import { PairRefused, UsageError } from '../core/errors.js';
import { kitPaths } from '../core/kitPaths.js';
import { guestExec } from '../guests/client.js';
import { staticBusybox } from '../kernels/initramfs.js';
import { cachedKernel, ensureKernel, isKernelPackageName, kernelFetchable } from '../kernels/kernelCache.js';
import { readKernelConfig } from '../kernels/kernelConfig.js';
import {
  GUEST_CPUS,
  GUEST_MEMORY_MIB,
  type QemuInstance,
  type QemuRecord,
  qemuProblem,
  qemuVersion,
  readQemuRecord,
  startQemu,
} from '../kernels/qemuInstance.js';
import type { CommandResult } from '../process/runCommand.js';
import type {
  Availability,
  DaemonSpec,
  EnvironmentDescription,
  ExecOptions,
  PairRelation,
  PlacePair,
  RunContext,
  RunningDaemon,
} from './environment.js';
import { startGuestDaemon } from './guestDaemon.js';
import { hostFixtureCommand } from './hostPlace.js';
import { kitBuildAvailability } from './kitBuild.js';
import { ProbedEnvironment } from './probedEnvironment.js';

export const QEMU_PREFIX = 'qemu:';
/** How much longer a command may take under TCG than on the host (the suite's test limit is 4 × 15 s). */
const TCG_TIME_LIMIT_FACTOR = 3;
const ONE_MACHINE = 'one VM per run; pairs of virtual machines are not made';

/** The machine the preparing process started, by run id (other processes reach it by the broker's socket). */
const instances = new Map<string, QemuInstance>();

export class QemuEnvironment extends ProbedEnvironment {
  private record: QemuRecord | undefined;
  constructor(
    /** The Debian kernel image package, e.g. linux-image-6.1.0-57-amd64-unsigned. */
    readonly kernelPackage: string,
    run?: RunContext,
  ) {
    super(`${QEMU_PREFIX}${kernelPackage}`, run);
  }

  get description(): string {
    return `QEMU virtual machine booting ${this.kernelPackage} (run ${this.run.runId})`;
  }

  async available(): Promise<Availability> {
    const build = kitBuildAvailability();
    if (!build.ok) return build;
    const qemu = await qemuProblem();
    if (qemu) return { ok: false, reason: qemu };
    const busybox = staticBusybox();
    if ('missing' in busybox) return { ok: false, reason: busybox.missing };
    if (cachedKernel(this.kernelPackage)) return { ok: true };
    return kernelFetchable(this.kernelPackage);
  }

  /** Fetches the kernel if the cache lacks it, then boots the run's machine (about 20 s under TCG). */
  override async prepare(): Promise<void> {
    if (instances.has(this.run.runId)) return;
    const kernel = await ensureKernel(this.kernelPackage, (line) => process.stderr.write(`${line}\n`));
    instances.set(this.run.runId, await startQemu(this.run.runId, kernel));
  }

  /** Powers the machine off and removes its initramfs, sockets and console log. */
  override async release(): Promise<void> {
    const instance = instances.get(this.run.runId);
    instances.delete(this.run.runId);
    await instance?.stop();
  }

  /** A time limit bounds a hung command, it is no measurement: under TCG, where starting Node alone
   * takes a second or more and every instruction is translated, each limit is TCG_TIME_LIMIT_FACTOR
   * times the host's (the properties' own bounds are measured inside the probes and stay as stated). */
  exec(argv: readonly string[], options: ExecOptions): Promise<CommandResult> {
    const factor = this.machine()?.accelerator === 'kvm' ? 1 : TCG_TIME_LIMIT_FACTOR;
    return guestExec(this.run.runId, argv, { timeoutMs: options.timeoutMs * factor, env: this.probeVariables(options.env) });
  }

  /** The host's path: the guest sees the host's root file system. */
  fixtureCommand(fixture: string): string[] {
    return hostFixtureCommand(fixture);
  }

  /** The host's Node, run by the guest kernel. */
  ffiCommand(): string[] {
    return [process.execPath, kitPaths.ffiEntry];
  }

  /** The run's daemon inside the guest (guestDaemon.ts). */
  startDaemon(spec: DaemonSpec): Promise<RunningDaemon> {
    return startGuestDaemon(this.run.runId, spec, 60_000);
  }

  async openPair(_relation: PairRelation): Promise<PlacePair> {
    throw new PairRefused(ONE_MACHINE);
  }

  protected async pairAvailability(): Promise<Availability> {
    return { ok: false, reason: ONE_MACHINE };
  }

  /** The run's machine as its starter recorded it (read once it exists, from any process of the run). */
  private machine(): QemuRecord | undefined {
    this.record ??= readQemuRecord(this.run.runId);
    return this.record;
  }

  /** Under TCG every guest instruction is translated: timings say nothing about the kernel. */
  protected override nativeCpu(): Availability {
    const record = this.machine();
    if (record?.accelerator === 'kvm') return { ok: true };
    if (!record)
      return { ok: false, reason: `the run's virtual machine is not running (run ${this.run.runId}): its accelerator is unknown` };
    return {
      ok: false,
      reason: `the virtual machine runs under QEMU's TCG, which emulates every instruction (${record.kvmRefused ?? 'KVM not used'})`,
    };
  }

  protected async runtime(): Promise<string> {
    const record = this.machine();
    return (
      `${await qemuVersion()} (${record?.accelerator ?? 'accelerator unknown'}, ${GUEST_CPUS} vCPUs, ${GUEST_MEMORY_MIB} MiB, ` +
      `${this.kernelPackage}, this machine's root read-only over ${record?.rootTransport ?? '9p or virtiofs'})`
    );
  }

  protected async ipcMode(): Promise<string> {
    return 'private (a kernel of its own)';
  }

  override async describe(): Promise<EnvironmentDescription> {
    const description = await super.describe();
    const record = this.machine();
    const kernel = cachedKernel(this.kernelPackage);
    return {
      ...description,
      emulator: await qemuVersion(),
      accelerator: record?.accelerator ?? 'unknown (the machine is not running)',
      kernelConfig: kernel
        ? { source: `${kernel.config} (package ${this.kernelPackage})`, ...readKernelConfig(kernel.config) }
        : { source: `none: ${this.kernelPackage} is not in the kernel cache` },
    };
  }
}

/** The environment `qemu:<package>` names; a name that is not a kernel image package is a UsageError. */
export function qemuEnvironmentNamed(name: string, run?: RunContext): QemuEnvironment {
  const kernelPackage = name.slice(QEMU_PREFIX.length);
  if (!isKernelPackageName(kernelPackage))
    throw new UsageError(
      `'${name}' does not name a Debian kernel image package: write qemu:linux-image-<version>-<flavour>-unsigned, e.g. qemu:linux-image-6.1.0-57-amd64-unsigned (apt-cache search linux-image-6.1 | grep unsigned)`,
    );
  return new QemuEnvironment(kernelPackage, run);
}

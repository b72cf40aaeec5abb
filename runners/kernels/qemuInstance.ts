// One QEMU virtual machine booting a cached Debian kernel package: bound to the process that
// started it (parent-death signal, a helper record for the next run's sweep, a kill on
// interruption), with the kit's initramfs (initramfs.ts), this machine's root file system shared
// read-only over 9p (virtiofs for kernels without 9p), and the guest agent on a virtio-serial port whose host side is a UNIX socket
// QEMU serves in the run's guest folder; the broker (runners/guests/broker.ts) owns that socket.
//
// The accelerator: KVM when /dev/kvm can be opened and a boot under it reaches the guest's init
// within a short limit (kvmTrials.ts remembers one that failed), else TCG.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { release as hostRelease } from 'node:os';
import { join } from 'node:path';
import { kitPaths } from '../core/kitPaths.js';
import { type GuestBroker, startBroker } from '../guests/broker.js';
import { guestFolder, makeGuestFolder, sweepDeadGuestFolders } from '../guests/guestFolder.js';
import { endOnInterrupt, removeOnInterrupt } from '../process/interruption.js';
import { signalGroup } from '../process/processGroup.js';
import { boundToThisProcess, runFolder } from '../process/runFolder.js';
import type { RootTransport } from './guestModules.js';
import { buildInitramfs } from './initramfs.js';
import type { CachedKernel } from './kernelCache.js';
import { rootTransport } from './kernelConfig.js';
import { knownKvmFailure, kvmProblem, rememberKvmFailure } from './kvmTrials.js';
import { startVirtiofsd, type Virtiofsd } from './virtiofsd.js';

export const QEMU_BINARY = 'qemu-system-x86_64';
export const AGENT_ENTRY = join(kitPaths.root, 'dist', 'runners', 'guests', 'agent.js');
export const GUEST_MEMORY_MIB = 1024;
export const GUEST_CPUS = 2;
/** Under KVM a healthy boot reaches the init in a few seconds; a hung one never does. */
const KVM_TRIAL_MS = 20_000;
/** TCG boots Debian's 6.1 kernel to the agent in about 20 s here; a loaded machine takes longer. */
const BOOT_LIMIT_MS = 180_000;
const CONSOLE_TAIL = 3000;

export type Accelerator = 'kvm' | 'tcg';

/** What every process of the run reads about the run's machine (qemu.json in the guest folder). */
export interface QemuRecord {
  package: string;
  release: string;
  accelerator: Accelerator;
  /** How the guest sees the host's root file system. */
  rootTransport: RootTransport;
  /** Why KVM was not used, when it was not. */
  kvmRefused?: string;
  qemuVersion: string;
  bootMs: number;
}

export interface QemuInstance {
  readonly record: QemuRecord;
  /** Powers the machine off and removes the run's guest folder (initramfs, sockets, console log). */
  stop(): Promise<void>;
}

const recordPath = (runId: string) => join(guestFolder(runId), 'qemu.json');

/** The run's machine as the process that started it recorded it, from any process of the run. */
export function readQemuRecord(runId: string): QemuRecord | undefined {
  try {
    return JSON.parse(readFileSync(recordPath(runId), 'utf8')) as QemuRecord;
  } catch {
    return undefined;
  }
}

let qemuVersionLine: string | undefined;
/** `qemu-system-x86_64 7.2.22`, read once. */
export async function qemuVersion(): Promise<string> {
  if (qemuVersionLine) return qemuVersionLine;
  const child = spawn(QEMU_BINARY, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  await new Promise((resolve) => child.once('close', resolve).once('error', resolve));
  const version = /version (\S+)/.exec(out)?.[1];
  if (!version) throw new Error(`${QEMU_BINARY} --version said nothing usable: is qemu-system-x86 installed?`);
  qemuVersionLine = `${QEMU_BINARY} ${version}`;
  return qemuVersionLine;
}

/** Whether QEMU and the agent are there, and why not. */
export async function qemuProblem(): Promise<string | undefined> {
  const found = await qemuVersion().catch(() => undefined);
  if (!found) return `${QEMU_BINARY} is missing: apt-get install qemu-system-x86 (or \`make setup-kernels\` as root)`;
  if (!existsSync(AGENT_ENTRY)) return `${AGENT_ENTRY} is missing: run \`npm run build\``;
  return undefined;
}

/** Boots `kernel` for the run and resolves once the guest agent answers through the broker. */
export async function startQemu(runId: string, kernel: CachedKernel): Promise<QemuInstance> {
  runFolder(); // sweeps what dead runs left, their virtual machines among them
  sweepDeadGuestFolders();
  const folder = makeGuestFolder(runId);
  // Interrupted: removed once QEMU and virtiofsd have ended (a killed run's: by the next run's sweep).
  const forgetFolder = removeOnInterrupt(folder);
  try {
    const initramfs = buildInitramfs(
      kernel,
      {
        argv: [process.execPath, AGENT_ENTRY, '/dev/virtio-ports/ipc.agent'],
        env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/root', TMPDIR: '/tmp', LANG: 'C.UTF-8' },
      },
      folder,
    );
    rmSync(join(folder, 'initramfs'), { recursive: true, force: true });
    const version = await qemuVersion();
    const trialKey = `${kernel.package} ${version} host ${hostRelease()}`;
    let kvmRefused = kvmProblem() ?? knownKvmFailure(trialKey);
    if (!kvmRefused) {
      const started = Date.now();
      const booted = await boot(runId, folder, kernel, initramfs, 'kvm').catch((error: Error) => error);
      if (!(booted instanceof Error)) return finish(runId, booted, { kernel, version, accelerator: 'kvm', started, forgetFolder });
      kvmRefused = `a KVM boot failed: ${booted.message.split('\n')[0]}`;
      rememberKvmFailure(trialKey, kvmRefused);
    }
    const started = Date.now();
    const booted = await boot(runId, folder, kernel, initramfs, 'tcg');
    return finish(runId, booted, { kernel, version, accelerator: 'tcg', started, kvmRefused, forgetFolder });
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    forgetFolder();
    throw error;
  }
}

function finish(
  runId: string,
  booted: { stop(): Promise<void> },
  how: { kernel: CachedKernel; version: string; accelerator: Accelerator; started: number; kvmRefused?: string; forgetFolder: () => void },
): QemuInstance {
  const record: QemuRecord = {
    package: how.kernel.package,
    release: how.kernel.release,
    accelerator: how.accelerator,
    rootTransport: rootTransport(how.kernel.config),
    qemuVersion: how.version,
    bootMs: Date.now() - how.started,
    ...(how.kvmRefused ? { kvmRefused: how.kvmRefused } : {}),
  };
  writeFileSync(recordPath(runId), `${JSON.stringify(record)}\n`, { mode: 0o600 });
  return {
    record,
    stop: async () => {
      await booted.stop();
      rmSync(guestFolder(runId), { recursive: true, force: true });
      how.forgetFolder();
    },
  };
}

/** The QEMU argv for one boot; `virtiofs` is virtiofsd's socket when the root goes over virtiofs. */
function qemuArgv(folder: string, kernel: CachedKernel, initramfs: string, accelerator: Accelerator, virtiofs?: string): string[] {
  const root = virtiofs
    ? [
        // vhost-user needs the guest's memory shared with virtiofsd.
        ...['-object', `memory-backend-memfd,id=mem,size=${GUEST_MEMORY_MIB}M,share=on`, '-numa', 'node,memdev=mem'],
        ...['-chardev', `socket,id=hostroot,path=${virtiofs}`, '-device', 'vhost-user-fs-pci,chardev=hostroot,tag=hostroot'],
      ]
    : ['-virtfs', 'local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap'];
  return [
    QEMU_BINARY,
    ...['-name', `ipc-conformance-${kernel.package}`, '-nodefaults', '-no-user-config', '-no-reboot', '-display', 'none'],
    // -cpu max: `host` aborts on a nested-virtualisation MSR and `qemu64` hangs in the firmware here.
    ...['-machine', 'q35', ...(accelerator === 'kvm' ? ['-accel', 'kvm', '-cpu', 'max'] : ['-accel', 'tcg,thread=multi'])],
    ...['-m', String(GUEST_MEMORY_MIB), '-smp', String(GUEST_CPUS)],
    ...['-kernel', kernel.vmlinuz, '-initrd', initramfs, '-append', 'console=ttyS0 quiet panic=-1'],
    ...['-serial', `file:${join(folder, 'console.log')}`, '-monitor', 'none'],
    ...root,
    ...['-device', 'virtio-serial-pci', '-chardev', `socket,id=agent,path=${join(folder, 'agent.sock')},server=on,wait=off`],
    ...['-device', 'virtserialport,chardev=agent,name=ipc.agent'],
  ];
}

/** One boot to the agent's `ready`; under KVM the console must show the init within the trial limit. */
async function boot(
  runId: string,
  folder: string,
  kernel: CachedKernel,
  initramfs: string,
  accelerator: Accelerator,
): Promise<{ stop(): Promise<void> }> {
  const consoleLog = join(folder, 'console.log');
  rmSync(consoleLog, { force: true });
  const virtiofsd: Virtiofsd | undefined = rootTransport(kernel.config) === 'virtiofs' ? await startVirtiofsd(folder) : undefined;
  const [file, ...args] = boundToThisProcess(qemuArgv(folder, kernel, initramfs, accelerator, virtiofsd?.socket));
  const child: ChildProcess = spawn(file!, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  const pid = child.pid;
  if (pid === undefined) {
    await virtiofsd?.stop();
    throw new Error(`cannot start ${QEMU_BINARY}`);
  }
  const forgetHelper = runFolder().recordHelper(pid, `${QEMU_BINARY} ${kernel.package} (${accelerator})`);
  const forgetInterrupt = endOnInterrupt(() => signalGroup(pid, 'SIGKILL'));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-CONSOLE_TAIL)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const consoleTail = () => {
    const text = existsSync(consoleLog) ? readFileSync(consoleLog, 'utf8') : '';
    return `${text}\n${stderr}`.trim().slice(-CONSOLE_TAIL);
  };
  let broker: GuestBroker | undefined;
  let channel: Socket | undefined;
  const stop = async () => {
    await broker?.close();
    channel?.destroy();
    signalGroup(pid, 'SIGTERM'); // QEMU quits at once on SIGTERM: the guest's disks are all read-only or tmpfs
    const killer = setTimeout(() => signalGroup(pid, 'SIGKILL'), 3000);
    if (child.exitCode === null && child.signalCode === null) await exited;
    clearTimeout(killer);
    signalGroup(pid, 'SIGKILL');
    forgetInterrupt();
    forgetHelper();
    await virtiofsd?.stop();
    rmSync(join(folder, 'agent.sock'), { force: true });
    rmSync(join(folder, 'virtiofs.sock'), { force: true });
    // Never recursive: the folder is a mount of / in virtiofsd's namespace (an empty folder in this one).
    rmdirIfThere(join(folder, 'shared-root'));
  };
  const timers: NodeJS.Timeout[] = [];
  /** Rejects after `ms` with why()'s message, unless it is empty. */
  const failAfter = (ms: number, why: () => string) =>
    new Promise<never>((_, reject) =>
      timers.push(
        setTimeout(() => {
          const message = why();
          if (message) reject(new Error(message));
        }, ms),
      ),
    );
  const consoleHasInit = () => existsSync(consoleLog) && readFileSync(consoleLog, 'utf8').includes('ipc-guest:');
  try {
    channel = await connectWhenServed(join(folder, 'agent.sock'), exited, 10_000);
    broker = await startBroker(runId, channel);
    const waits: Promise<unknown>[] = [
      broker.ready,
      exited.then(() => Promise.reject(new Error(`${QEMU_BINARY} exited during the boot (${lastLine(stderr)}):\n${consoleTail()}`))),
      failAfter(BOOT_LIMIT_MS, () => `the guest did not start its agent within ${BOOT_LIMIT_MS} ms (${accelerator}):\n${consoleTail()}`),
    ];
    // A hung KVM boot shows nothing of the init; a slow TCG boot gets the whole limit.
    if (accelerator === 'kvm')
      waits.push(
        failAfter(KVM_TRIAL_MS, () => (consoleHasInit() ? '' : `no sign of the guest's init within ${KVM_TRIAL_MS} ms:\n${consoleTail()}`)),
      );
    await Promise.race(waits).finally(() => timers.forEach(clearTimeout));
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}

/** Connects to the socket QEMU serves, once it exists. */
async function connectWhenServed(path: string, exited: Promise<void>, limitMs: number): Promise<Socket> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + limitMs;
  for (;;) {
    if (existsSync(path)) {
      const socket = await new Promise<Socket | undefined>((resolve) => {
        const attempt = connect(path);
        attempt.once('connect', () => resolve(attempt));
        attempt.once('error', () => resolve(undefined));
      });
      if (socket) return socket;
    }
    if (gone) throw new Error(`${QEMU_BINARY} exited before it served ${path}`);
    if (Date.now() > deadline) throw new Error(`${QEMU_BINARY} did not serve ${path} within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The last non-empty line of `text`, or `no message`. */
function lastLine(text: string): string {
  return text.trim().split('\n').pop()?.trim() || 'no message';
}

function rmdirIfThere(path: string): void {
  try {
    rmdirSync(path);
  } catch {
    // not there
  }
}

// The host side of virtiofs, for kernels without 9p (Debian's cloud flavour): QEMU's virtiofsd
// serving this machine's root read-only. virtiofsd has no read-only mode, so it runs in a mount
// namespace of its own where the shared folder is a read-only bind mount of / (not recursive: the
// guest mounts its own /proc, /sys and /dev). Bound to this process like the machine itself.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { endOnInterrupt } from '../process/interruption.js';
import { signalGroup } from '../process/processGroup.js';
import { boundToThisProcess, runFolder } from '../process/runFolder.js';

export const VIRTIOFSD = '/usr/lib/qemu/virtiofsd';

export interface Virtiofsd {
  readonly socket: string;
  stop(): Promise<void>;
}

const SERVE =
  'mount --bind / "$1" && mount -o remount,bind,ro "$1" && exec "$3" --socket-path="$2" -o source="$1" -o cache=always -o sandbox=chroot';

/** Starts virtiofsd for `folder` (the run's guest folder) and resolves once its socket exists. */
export async function startVirtiofsd(folder: string): Promise<Virtiofsd> {
  if (!existsSync(VIRTIOFSD)) throw new Error(`${VIRTIOFSD} is missing: apt-get install qemu-system-x86 (or \`make setup-kernels\`)`);
  const shared = join(folder, 'shared-root');
  const socket = join(folder, 'virtiofs.sock');
  mkdirSync(shared, { mode: 0o700 });
  const argv = boundToThisProcess([
    'unshare',
    '--mount',
    '--propagation',
    'private',
    '--',
    'sh',
    '-c',
    SERVE,
    'sh',
    shared,
    socket,
    VIRTIOFSD,
  ]);
  const child: ChildProcess = spawn(argv[0]!, argv.slice(1), { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`cannot start ${VIRTIOFSD}`);
  const forgetHelper = runFolder().recordHelper(pid, `virtiofsd ${folder}`);
  const forgetInterrupt = endOnInterrupt(() => signalGroup(pid, 'SIGKILL'));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    signalGroup(pid, 'SIGTERM');
    const killer = setTimeout(() => signalGroup(pid, 'SIGKILL'), 2000);
    if (child.exitCode === null && child.signalCode === null) await exited;
    clearTimeout(killer);
    forgetInterrupt();
    forgetHelper();
  };
  const deadline = Date.now() + 10_000;
  while (!existsSync(socket)) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`virtiofsd did not serve ${socket}: ${stderr.trim() || 'no message'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { socket, stop };
}

// The message bus of a D-Bus exercise: a dbus-daemon of its own per run, with the kit's
// private-bus configuration, so a student's program never reaches the machine's buses. It runs in
// a sandbox of the same kind as the program's (the machine's /usr, the bus folder at /run/bus, an
// /etc/passwd naming the sandbox's uid, which the daemon needs to accept that uid's connections),
// as the same unprivileged uid, so the program authenticates as itself (EXTERNAL). It dies with
// the kit (setpriv --pdeathsig, bwrap --die-with-parent): a killed run cannot leave it behind.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { busConfiguration } from '../dbus/privateBus.js';
import { startLongRunning } from '../process/longRunning.js';
import { runCommand } from '../process/runCommand.js';
import { runFolder } from '../process/runFolder.js';
import { makeOwnedFolder } from './sandbox/ownedFolder.js';
import { sandboxArgv } from './sandbox/sandboxCommand.js';

/** Where the bus folder is inside the daemon's sandbox and the program's. */
export const BUS_FOLDER_INSIDE = '/run/bus';

/** A bus that is up: its folder, the address a sandboxed program uses, and how to end it. */
export interface ExerciseBus {
  folder: string;
  address: string;
  stop(): Promise<void>;
}

/**
 * Starts dbus-daemon with its socket and configuration in `folder` (made here, owned by `uid`);
 * `identity` are the passwd and group files that name `uid`.
 */
export async function startExerciseBus(folder: string, uid: number, identity: { passwd: string; group: string }): Promise<ExerciseBus> {
  const found = await runCommand(['sh', '-c', 'command -v dbus-daemon'], { timeoutMs: 5000 });
  if (found.exitCode !== 0)
    throw new UsageError('this exercise needs dbus-daemon: apt-get install dbus-daemon (or run `make setup` as root)');
  makeOwnedFolder(folder, uid);
  writeFileSync(join(folder, 'bus.conf'), busConfiguration(`${BUS_FOLDER_INSIDE}/bus`), { mode: 0o644 });
  const argv = sandboxArgv({
    uid,
    cgroupJoinFiles: [],
    system: 'toolchain',
    binds: [
      { source: identity.passwd, target: '/etc/passwd', writable: false },
      { source: identity.group, target: '/etc/group', writable: false },
      { source: folder, target: BUS_FOLDER_INSIDE, writable: true },
    ],
    tmpfsBytes: 1 << 20,
    cwd: BUS_FOLDER_INSIDE,
    argv: [
      found.stdout.trim(),
      `--config-file=${BUS_FOLDER_INSIDE}/bus.conf`,
      '--nofork',
      '--nopidfile',
      '--nosyslog',
      '--print-address=1',
    ],
    asPid1: false,
    seccomp: false,
  });
  const daemon = startLongRunning(argv, { PATH: '/usr/bin:/bin' });
  // Recorded too: should the kernel's parent-death signal not come, the next run's sweep ends it.
  const forget = runFolder().recordHelper(daemon.child.pid, 'exercise dbus-daemon');
  const stop = () => daemon.stop().finally(forget);
  try {
    return { folder, address: await daemon.firstLine, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

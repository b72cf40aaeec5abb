// The message bus of a D-Bus exercise: a dbus-daemon of its own inside the run's namespaces, with
// the kit's private-bus configuration, so a student's program never reaches the machine's buses.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../cli/usageError.js';
import { busConfiguration } from '../dbus/privateBus.js';
import type { NamespaceHolder } from '../environments/namespaceHolder.js';
import { startLongRunning } from '../process/longRunning.js';
import { runCommand } from '../process/runCommand.js';

/** A bus that is up: its address, and how to end it. */
export interface ExerciseBus {
  address: string;
  stop(): Promise<void>;
}

/** Starts dbus-daemon in the holder's namespaces with its socket and configuration under `folder`. */
export async function startExerciseBus(holder: NamespaceHolder, folder: string): Promise<ExerciseBus> {
  const found = await runCommand(['sh', '-c', 'command -v dbus-daemon'], { timeoutMs: 5000 });
  if (found.exitCode !== 0) throw new UsageError('this exercise needs dbus-daemon: apt-get install dbus-daemon (or run `make setup` as root)');
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const config = join(folder, 'bus.conf');
  await writeFile(config, busConfiguration(join(folder, 'bus')), { mode: 0o600 });
  const enter = ['nsenter', `--target=${holder.pid}`, '--ipc', '--mount', '--net', '--uts', '--'];
  const daemon = startLongRunning([...enter, 'dbus-daemon', `--config-file=${config}`, '--nofork', '--nopidfile', '--nosyslog', '--print-address=1']);
  try {
    return { address: await daemon.firstLine, stop: () => daemon.stop() };
  } catch (error) {
    await daemon.stop();
    throw error;
  }
}

// One User-Mode Linux guest: linux.uml started as an ordinary process of this one, bound to it
// (parent-death signal, a helper record for the next run's sweep, a kill on interruption), booted
// with this machine's root file system read-only through hostfs and init = uml-init.sh, which
// runs the agent on the guest's second serial line. Its host side is a socket on descriptor 3
// (`ssl1=fd:3`), which the broker owns. UML keeps its pid file and console socket under uml_dir,
// here the run's guest folder, so nothing goes to ~/.uml.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { kitPaths } from '../core/kitPaths.js';
import { endOnInterrupt, removeOnInterrupt } from '../process/interruption.js';
import { groupEnded, signalGroup } from '../process/processGroup.js';
import { boundToThisProcess, runFolder } from '../process/runFolder.js';
import { type GuestBroker, startBroker } from './broker.js';
import { makeGuestFolder, sweepDeadGuestFolders } from './guestFolder.js';

/** The UML kernel binary of Debian's user-mode-linux package. */
export const UML_BINARY = '/usr/bin/linux.uml';
/** The guest's init (a file of the kit, seen through hostfs) and the agent it starts. */
export const UML_INIT = join(kitPaths.root, 'runners', 'guests', 'uml-init.sh');
export const AGENT_ENTRY = join(kitPaths.root, 'dist', 'runners', 'guests', 'agent.js');
/** The guest's memory: Node and a few dozen probes at once fit with room to spare. */
export const UML_MEMORY = '1024M';
/** A boot to the agent takes about 3 s here; a loaded machine gets much longer. */
const BOOT_LIMIT_MS = 60_000;
/** How much of the console's output to keep for a failure's message. */
const CONSOLE_TAIL = 4000;

export interface UmlInstance {
  readonly umid: string;
  readonly pid: number;
  /** The kernel command line it was started with. */
  readonly commandLine: string[];
  /** Ends the guest and its host processes and removes the run's guest folder. */
  stop(): Promise<void>;
}

/** The UML instance id of a run: also names the guest's files. */
export function umidOf(runId: string): string {
  return `ipc-conformance-${runId}`;
}

/** Boots the run's guest and resolves once its agent answers through the broker. */
export async function startUml(runId: string): Promise<UmlInstance> {
  runFolder(); // sweeps what dead runs left, their UML processes among them
  sweepDeadGuestFolders();
  const folder = makeGuestFolder(runId);
  const umid = umidOf(runId);
  const commandLine = [
    `mem=${UML_MEMORY}`,
    `umid=${umid}`,
    `uml_dir=${join(folder, 'uml')}`,
    'root=/dev/root',
    'rootfstype=hostfs',
    'rootflags=/',
    'ro',
    `init=${UML_INIT}`,
    // No other console or serial line: UML would otherwise open terminals for them.
    'con=null',
    'ssl=null',
    'con0=null,fd:1',
    'ssl1=fd:3',
    `ipc_node=${process.execPath}`,
    `ipc_agent=${AGENT_ENTRY}`,
    'ipc_channel=/dev/ttyS1',
  ];
  const [file, ...args] = boundToThisProcess([UML_BINARY, ...commandLine]);
  const child: ChildProcess = spawn(file!, args, {
    detached: true, // a group of its own: UML's host processes are ended together
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`cannot start ${UML_BINARY}`);
  const forgetHelper = runFolder().recordHelper(pid, `linux.uml umid=${umid}`);
  const forgetInterrupt = endOnInterrupt(() => signalGroup(pid, 'SIGKILL'));
  // Interrupted or exiting without release(): the guest folder goes too (a SIGKILL leaves it to the
  // next run's sweepDeadGuestFolders).
  const forgetFolder = removeOnInterrupt(folder);
  const removeAtExit = () => rmSync(folder, { recursive: true, force: true });
  process.once('exit', removeAtExit);
  let consoleTail = '';
  const keep = (chunk: Buffer) => (consoleTail = (consoleTail + chunk.toString()).slice(-CONSOLE_TAIL));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  let broker: GuestBroker | undefined;
  const stop = async () => {
    await broker?.close();
    signalGroup(pid, 'SIGKILL');
    if (child.exitCode === null && child.signalCode === null) await exited;
    await groupEnded(pid);
    forgetInterrupt();
    forgetHelper();
    forgetFolder();
    process.off('exit', removeAtExit);
    removeAtExit();
  };
  try {
    broker = await startBroker(runId, child.stdio[3] as Socket);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      broker.ready,
      exited.then(() => Promise.reject(new Error(`linux.uml exited during the boot:\n${consoleTail}`))),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`the UML guest did not start its agent within ${BOOT_LIMIT_MS} ms:\n${consoleTail}`)),
          BOOT_LIMIT_MS,
        );
      }),
    ]).finally(() => clearTimeout(timer));
  } catch (error) {
    await stop();
    throw error;
  }
  return { umid, pid, commandLine, stop };
}

/** Whether this machine can boot the guest, and why not. */
export function umlProblem(): string | undefined {
  if (!existsSync(UML_BINARY)) return `${UML_BINARY} is missing: apt-get install user-mode-linux (or \`make setup-kernels\` as root)`;
  if (!existsSync(UML_INIT)) return `the guest's init ${UML_INIT} is missing`;
  if (!existsSync(AGENT_ENTRY)) return `${AGENT_ENTRY} is missing: run \`npm run build\``;
  return undefined;
}

// Runs one command as the leader of its own process group and, on timeout, ends the whole group:
// SIGTERM first so probes can remove what they made, SIGKILL after a grace period. Helpers a probe
// forked die with it instead of outliving the run.
import { execa } from 'execa';
import { endOnInterrupt, terminateGroup } from './interruption.js';
import { signalGroup } from './processGroup.js';

/** How a command ended. */
export interface CommandResult {
  exitCode: number | null;
  /** The signal that ended the command, e.g. SIGKILL, or null. */
  signal: string | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  durationMs: number;
}

/** Options for runCommand. */
export interface RunCommandOptions {
  timeoutMs: number;
  /** Extra environment variables, on top of this process's. */
  env?: Record<string, string>;
  /** Time between SIGTERM and SIGKILL after a timeout. */
  graceMs?: number;
  cwd?: string;
}

/** Runs argv with a hard time limit; never throws for a non-zero exit, only for a failure to start. */
export async function runCommand(argv: readonly string[], options: RunCommandOptions): Promise<CommandResult> {
  const [file, ...args] = argv;
  if (!file) throw new Error('runCommand: empty argv');
  const started = performance.now();
  const child = execa(file, args, {
    detached: true, // its own process group, so a timeout can end every helper it forked
    reject: false,
    stdin: 'ignore',
    env: options.env,
    cwd: options.cwd,
    stripFinalNewline: false,
  });
  const pgid = child.pid;
  let timedOut = false;
  let killTimer: NodeJS.Timeout | undefined;
  const timeoutTimer = setTimeout(() => {
    if (pgid === undefined) return;
    timedOut = true;
    signalGroup(pgid, 'SIGTERM');
    killTimer = setTimeout(() => signalGroup(pgid, 'SIGKILL'), options.graceMs ?? 500);
  }, options.timeoutMs);
  // Interrupted: SIGTERM, as on a timeout, so that the probe removes what it made.
  const forget = endOnInterrupt(() => terminateGroup(pgid));
  const result = await child;
  forget();
  clearTimeout(timeoutTimer);
  clearTimeout(killTimer);
  // Anything still in the group after its leader exited is a leftover helper.
  signalGroup(pgid, 'SIGKILL');
  if (result.failed && result.exitCode === undefined && result.signal === undefined) {
    throw new Error(`cannot start ${file}: ${result.shortMessage}`);
  }
  return {
    exitCode: result.exitCode ?? null,
    signal: result.signal ?? null,
    stdout: String(result.stdout ?? ''),
    stderr: String(result.stderr ?? ''),
    timedOut,
    durationMs: performance.now() - started,
  };
}

// One run of a student's program: in fresh namespaces of its own (a NamespaceHolder: IPC, mount
// with private /dev/shm and /dev/mqueue, network with lo only), in an empty working directory,
// umask 022, with the tracer preloaded. Afterwards the kit looks at what the program left in its
// namespaces and folder; then the holder ends, and every object the program leaked dies with it.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import type { ExerciseRun } from '../../exercises/exerciseSchema.js';
import { NamespaceHolder } from '../environments/namespaceHolder.js';
import { kitPaths } from '../kitPaths.js';
import { endOnInterrupt } from '../process/interruption.js';
import { signalGroup } from '../process/processGroup.js';
import { temporaryFolder } from '../process/temporaryFolder.js';
import { runCommand } from '../process/runCommand.js';

/** The tracer library (c-fixtures/tracer/), built by `make fixtures`. */
export const TRACER_LIBRARY = join(kitPaths.root, 'build', 'tracer', 'exercise_tracer.so');

/** One line the tracer wrote. */
export interface TraceEvent {
  pid: number;
  ev: string;
  [field: string]: string | number | boolean;
}

/** What the program left behind in its namespaces and working directory. */
export interface Leftovers {
  /** "msg key=0x… perms=666" per System V object still there. */
  sysv: string[];
  /** Names in /dev/shm and /dev/mqueue. */
  posix: string[];
  /** FIFO and socket nodes under the working directory, relative to it. */
  nodes: string[];
}

/** Everything the kit saw of one run. */
export interface RunRecord {
  run: number;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  durationMs: number;
  stderr: string;
  trace: TraceEvent[];
  leftovers: Leftovers;
  input: Buffer | null;
  output: Buffer | null;
}

/** The tracer's perturbation setting for the run (IPC_EXERCISE_PERTURB). */
function perturbationSetting(run: ExerciseRun): string {
  const p = run.perturb ?? {};
  return [p.shortenSleeps ? 'sleeps' : '', p.forkJitterMs ? `fork=${p.forkJitterMs}` : '', p.shortTransfers ? 'short' : '']
    .filter(Boolean)
    .join(',');
}

/** Lists the System V objects and POSIX IPC names inside the holder's namespaces. */
async function ipcLeftovers(holder: NamespaceHolder): Promise<Pick<Leftovers, 'sysv' | 'posix'>> {
  // /proc/sysvipc shows the IPC namespace of the process reading it, hence nsenter.
  const script = 'for f in msg shm sem; do tail -n +2 /proc/sysvipc/$f | sed "s/^/$f /"; done; ls -A /dev/shm /dev/mqueue | sed "s/^/posix /"';
  const listing = await runCommand(['nsenter', `--target=${holder.pid}`, '--ipc', '--mount', '--', '/bin/sh', '-c', script], { timeoutMs: 10_000 });
  const sysv: string[] = [];
  const posix: string[] = [];
  for (const line of listing.stdout.split('\n')) {
    const [kind, ...fields] = line.trim().split(/\s+/);
    if (kind === 'posix' && fields[0] && !fields[0].endsWith(':')) posix.push(fields[0]);
    else if (kind && kind !== 'posix' && fields.length >= 3) {
      // /proc/sysvipc columns: key, id, perms (octal), …
      sysv.push(`${kind} key=0x${(Number(fields[0]) >>> 0).toString(16)} id=${fields[1]} perms=${fields[2]}`);
    }
  }
  return { sysv, posix };
}

/** FIFO and socket nodes under `root` (a few levels deep), relative to it. */
async function specialNodes(root: string, prefix = '', depth = 0): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(join(root, prefix), { withFileTypes: true }).catch(() => [])) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isFIFO() || entry.isSocket()) found.push(relative);
    else if (entry.isDirectory() && depth < 3) found.push(...(await specialNodes(root, relative, depth + 1)));
  }
  return found;
}

function parseTrace(text: string): TraceEvent[] {
  return text
    .split('\n')
    .filter((line) => line.trim())
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as TraceEvent];
      } catch {
        return []; // a line cut by a killed process carries nothing usable
      }
    });
}

/** Extra environment for the program (the bus address when the exercise has a bus). */
export type RunEnvironment = Record<string, string>;

/** Runs the compiled program once inside `holder`'s namespaces (one holder per run, made by the caller). */
export async function runProgramOnce(
  program: string,
  run: ExerciseRun,
  index: number,
  holder: NamespaceHolder,
  extraEnv: RunEnvironment = {},
): Promise<RunRecord> {
  const scratch = temporaryFolder('ipc-exercise-');
  try {
    const work = join(scratch.path, 'work');
    await mkdir(work, { mode: 0o700 });
    const inputPath = join(scratch.path, 'input');
    const outputPath = join(scratch.path, 'output');
    const tracePath = join(scratch.path, 'trace.jsonl');
    const input = run.inputBytes ? randomBytes(run.inputBytes) : null;
    if (input) await writeFile(inputPath, input, { mode: 0o600 });
    const args = run.args.map((arg) => arg.replaceAll('{input}', inputPath).replaceAll('{output}', outputPath));

    const enter = ['nsenter', `--target=${holder.pid}`, '--ipc', '--mount', '--net', '--uts', `--wd=${work}`, '--'];
    // The tracer is preloaded into the program only, not into nsenter or the shell before it.
    const shell = ['/bin/sh', '-c', 'umask 022; export LD_PRELOAD="$IPC_EXERCISE_PRELOAD"; exec "$@"', 'exercise', program, ...args];
    const started = performance.now();
    const child = execa(enter[0]!, [...enter.slice(1), ...shell], {
      detached: true, // its own process group: a timeout ends every process it forked
      reject: false,
      stdin: run.stdin ? 'pipe' : 'ignore',
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        ...extraEnv,
        IPC_EXERCISE_PRELOAD: TRACER_LIBRARY,
        IPC_EXERCISE_TRACE: tracePath,
        IPC_EXERCISE_PERTURB: perturbationSetting(run),
      },
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      signalGroup(child.pid, 'SIGKILL');
    }, run.timeoutMs);
    // nsenter without a new pid namespace execs in place, so child.pid is the program itself.
    const signaller = run.signals && child.pid ? startSignalling(child.pid, run.signals.name, run.signals.everyMs) : undefined;
    const feeding = run.stdin && input ? feedStdin(child.stdin!, input, run.stdin.chunkBytes, run.stdin.pauseMs) : Promise.resolve();
    // The program is in the holder's namespaces but not under it: ending the holder would not end it.
    const forget = endOnInterrupt(() => signalGroup(child.pid, 'SIGKILL'));
    const result = await child;
    forget();
    clearTimeout(timer);
    signaller?.stop();
    signalGroup(child.pid, 'SIGKILL'); // helpers the program forked and left running
    await feeding;
    const durationMs = performance.now() - started;

    const leftovers: Leftovers = { ...(await ipcLeftovers(holder)), nodes: await specialNodes(work) };
    const output = await readFile(outputPath).catch(() => null);
    const trace = parseTrace(await readFile(tracePath, 'utf8').catch(() => ''));
    return {
      run: index,
      exitCode: result.exitCode ?? null,
      signal: result.signal ?? null,
      timedOut,
      durationMs,
      stderr: String(result.stderr ?? '').slice(-2000),
      trace,
      leftovers,
      input,
      output,
    };
  } finally {
    scratch.remove();
  }
}

/** The bit of `signal` in a /proc/PID/status signal mask. */
function signalBit(signal: string): bigint {
  return 1n << BigInt(constants.signals[signal as keyof typeof constants.signals] - 1);
}

/**
 * Sends `signal` every `everyMs` once the program catches it (SigCgt in /proc/PID/status): a
 * signal that arrived before main() installed the handler would end the program by its default
 * action, which says nothing about the program. After a second it is sent regardless.
 */
function startSignalling(pid: number, signal: string, everyMs: number): { stop(): void } {
  const bit = signalBit(signal);
  const started = Date.now();
  let armed = false;
  const timer = setInterval(() => {
    try {
      if (!armed) {
        const caught = /^SigCgt:\s*([0-9a-f]+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
        armed = (caught !== undefined && (BigInt(`0x${caught}`) & bit) !== 0n) || Date.now() - started > 1000;
        if (!armed) return;
      }
      process.kill(pid, signal);
    } catch {
      // it has ended
    }
  }, everyMs);
  return { stop: () => clearInterval(timer) };
}

/** Writes `data` in chunks with pauses; a program that stopped reading ends the feeding quietly. */
async function feedStdin(stream: NodeJS.WritableStream, data: Buffer, chunkBytes: number, pauseMs: number): Promise<void> {
  stream.on('error', () => undefined); // EPIPE when the program exits early
  for (let offset = 0; offset < data.length; offset += chunkBytes) {
    const ok = stream.write(data.subarray(offset, offset + chunkBytes));
    const destroyed = () => (stream as NodeJS.WritableStream & { destroyed?: boolean }).destroyed;
    // A program that exited closed the pipe: no 'drain' will come, so never wait for one then.
    if (!ok && !destroyed()) await new Promise((resolve) => stream.once('drain', resolve).once('close', resolve).once('error', resolve));
    if (destroyed()) return;
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  stream.end();
}

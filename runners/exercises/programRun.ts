// One run of a student's program, in an exercise sandbox of its own (sandbox/sandboxCommand.ts
// says what the sandbox is): an empty writable /work, its input and output folder under
// /exercise, the tracer preloaded. sandbox_init, the sandbox's first process, sends the exercise's
// signals, ends the program at the time limit and everything it started when it ends, then lists
// what it left in its namespaces; the kit reads the work folder and the output afterwards.
import { randomBytes } from 'node:crypto';
import { chownSync, closeSync, constants as fsConstants, fstatSync, openSync, readdirSync, readSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExerciseRun } from '../../exercises/exerciseSchema.js';
import type { LimitHit, SandboxLimits } from '../process/sandboxCgroup.js';
import type { KitFiles } from './sandbox/kitFiles.js';
import { makeOwnedFolder } from './sandbox/ownedFolder.js';
import { runSandboxed } from './sandbox/runSandboxed.js';
import type { SandboxSetup } from './sandbox/sandboxSetup.js';
import { runtimeBinds } from './sandbox/systemFiles.js';

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
  /** The sandbox bounds the run reached (its memory or its number of processes). */
  limitsHit: LimitHit[];
  /** When the run started, in milliseconds since the epoch (the report dates its checks by it). */
  startedAt: number;
  durationMs: number;
  stderr: string;
  trace: TraceEvent[];
  leftovers: Leftovers;
  input: Buffer | null;
  output: Buffer | null;
}

/** The bounds of every run of a student's program. */
export const PROGRAM_LIMITS: SandboxLimits = { memoryBytes: 256 << 20, processes: 128, cpus: 1 };

/** Where things are inside the sandbox. */
const INSIDE = {
  program: '/exercise/program',
  init: '/exercise/sandbox_init',
  tracer: '/exercise/tracer.so',
  input: '/exercise/input',
  out: '/exercise/out',
  work: '/work',
} as const;

/** The largest output or trace file the kit reads back. */
const READ_LIMIT = 64 << 20;

/** The tracer's perturbation setting for the run (IPC_EXERCISE_PERTURB). */
function perturbationSetting(run: ExerciseRun): string {
  const p = run.perturb ?? {};
  return [p.shortenSleeps ? 'sleeps' : '', p.forkJitterMs ? `fork=${p.forkJitterMs}` : '', p.shortTransfers ? 'short' : '']
    .filter(Boolean)
    .join(',');
}

/** FIFO and socket nodes under `root` (a few levels deep), relative to it; symlinks are not followed. */
function specialNodes(root: string, prefix = '', depth = 0): string[] {
  const found: string[] = [];
  let entries: import('node:fs').Dirent[] = [];
  try {
    entries = readdirSync(join(root, prefix), { withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isFIFO() || entry.isSocket()) found.push(relative);
    else if (entry.isDirectory() && depth < 3) found.push(...specialNodes(root, relative, depth + 1));
  }
  return found;
}

/**
 * Reads a file the program wrote, as root, without being led elsewhere: no symlink is followed
 * (O_NOFOLLOW), only a regular file is read, and no more than READ_LIMIT bytes.
 */
function readWrittenFile(path: string): Buffer | null {
  let fd: number;
  try {
    fd = openSync(path, fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW | fsConstants.O_NONBLOCK);
  } catch {
    return null;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return null;
    const buffer = Buffer.alloc(Math.min(stat.size, READ_LIMIT));
    let filled = 0;
    while (filled < buffer.length) {
      const got = readSync(fd, buffer, filled, buffer.length - filled, filled);
      if (got === 0) break;
      filled += got;
    }
    return buffer.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
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

/** What sandbox_init printed when the program ended. */
interface InitReport {
  timed_out: boolean;
  elapsed_ms: number;
  signals_sent: number;
  exit_code: number | null;
  signal: string | null;
  /** "KIND KEY ID PERMS" rows of /proc/sysvipc. */
  sysv: string[];
  /** Paths under /dev/shm and /dev/mqueue. */
  posix: string[];
}

function parseInitReport(stdout: string): InitReport | null {
  try {
    return JSON.parse(stdout.split('\n')[0] ?? '') as InitReport;
  } catch {
    return null; // killed before it could report
  }
}

function describeSysv(row: string): string {
  const [kind, key, id, perms] = row.split(' ');
  return `${kind} key=0x${(Number(key) >>> 0).toString(16)} id=${id} perms=${perms}`;
}

/** Writes `data` in chunks with pauses; a program that stopped reading ends the feeding quietly. */
async function feedStdin(stream: NodeJS.WritableStream, data: Buffer, chunkBytes: number, pauseMs: number): Promise<void> {
  stream.on('error', () => undefined); // EPIPE when the program exits early
  const destroyed = () => (stream as NodeJS.WritableStream & { destroyed?: boolean }).destroyed;
  for (let offset = 0; offset < data.length; offset += chunkBytes) {
    const ok = stream.write(data.subarray(offset, offset + chunkBytes));
    // A program that exited closed the pipe: no 'drain' will come, so never wait for one then.
    if (!ok && !destroyed()) await new Promise((resolve) => stream.once('drain', resolve).once('close', resolve).once('error', resolve));
    if (destroyed()) return;
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  stream.end();
}

/** What one run is given besides the exercise's settings. */
export interface RunPlace {
  setup: SandboxSetup;
  kitFiles: KitFiles;
  /** A folder of the run's own, made by the caller; the run fills it. */
  folder: string;
  /** The bus folder, bound at `inside`, and its address there, for a D-Bus exercise. */
  bus?: { folder: string; inside: string; address: string };
}

/** Runs the compiled program once in a sandbox of its own. */
export async function runProgramOnce(program: string, run: ExerciseRun, index: number, place: RunPlace): Promise<RunRecord> {
  const { setup, kitFiles, folder } = place;
  const work = join(folder, 'work');
  const out = join(folder, 'out');
  makeOwnedFolder(work, setup.uid);
  makeOwnedFolder(out, setup.uid);
  const inputPath = join(folder, 'input');
  const input = run.inputBytes ? randomBytes(run.inputBytes) : null;
  if (input) {
    writeFileSync(inputPath, input, { mode: 0o600 });
    chownSync(inputPath, setup.uid, setup.uid);
  }
  const args = run.args.map((arg) => arg.replaceAll('{input}', INSIDE.input).replaceAll('{output}', `${INSIDE.out}/output`));
  const signalArgs = run.signals ? [run.signals.name, String(run.signals.everyMs)] : ['-', '0'];

  const startedAt = Date.now();
  const outcome = await runSandboxed({
    setup,
    spec: {
      system: { binds: runtimeBinds(program) },
      binds: [
        { source: program, target: INSIDE.program, writable: false },
        { source: kitFiles.sandboxInit, target: INSIDE.init, writable: false },
        { source: kitFiles.tracer, target: INSIDE.tracer, writable: false },
        ...(input ? [{ source: inputPath, target: INSIDE.input, writable: false }] : []),
        { source: out, target: INSIDE.out, writable: true },
        { source: work, target: INSIDE.work, writable: true },
        { source: kitFiles.passwd, target: '/etc/passwd', writable: false },
        { source: kitFiles.group, target: '/etc/group', writable: false },
        ...(place.bus ? [{ source: place.bus.folder, target: place.bus.inside, writable: true }] : []),
      ],
      tmpfsBytes: 64 << 20,
      cwd: INSIDE.work,
      argv: [INSIDE.init, String(run.timeoutMs), ...signalArgs, '--', INSIDE.program, ...args],
      asPid1: true,
      seccomp: true,
    },
    limits: PROGRAM_LIMITS,
    // The program's whole environment, listed: nothing of the operator's reaches it.
    env: {
      PATH: '/usr/bin:/bin',
      HOME: INSIDE.work,
      LANG: 'C.UTF-8',
      IPC_EXERCISE_PRELOAD: INSIDE.tracer,
      IPC_EXERCISE_TRACE: `${INSIDE.out}/trace.jsonl`,
      IPC_EXERCISE_PERTURB: perturbationSetting(run),
      ...(place.bus ? { DBUS_SESSION_BUS_ADDRESS: place.bus.address } : {}),
    },
    // sandbox_init ends the run at its time limit; this is the wall behind it.
    killAfterMs: run.timeoutMs + 5000,
    stdin: run.stdin && input ? (stream) => feedStdin(stream, input, run.stdin!.chunkBytes, run.stdin!.pauseMs) : undefined,
  });

  const report = parseInitReport(outcome.stdout);
  if (!report && !outcome.killed) {
    // Not the program's doing: the sandbox itself did not come up (bwrap says why on stderr).
    throw new Error(
      `the exercise sandbox did not start (run ${index}): ${outcome.stderr.trim().split('\n')[0] ?? `exit status ${outcome.exitCode}`}`,
    );
  }
  const timedOut = !report || report.timed_out || outcome.killed;
  return {
    run: index,
    exitCode: report?.exit_code ?? null,
    signal: report?.signal ?? null,
    timedOut,
    limitsHit: outcome.limitsHit,
    startedAt,
    durationMs: report?.elapsed_ms ?? outcome.durationMs,
    stderr: outcome.stderr.slice(-2000),
    trace: parseTrace(readWrittenFile(join(out, 'trace.jsonl'))?.toString('utf8') ?? ''),
    leftovers: {
      sysv: (report?.sysv ?? []).map(describeSysv),
      posix: (report?.posix ?? []).map((path) => path.slice(path.lastIndexOf('/') + 1)),
      nodes: specialNodes(work),
    },
    input,
    output: readWrittenFile(join(out, 'output')),
  };
}

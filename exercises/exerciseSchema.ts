// The vocabulary of an exercise: how the student's program is run, and the properties observed on
// it. A check names one observation from a closed set (what the kit can see of a running program:
// its exit, the data it delivered, the objects it left, what the tracer saw it do) and states the
// expectation with the same forms a spec uses. A check never reads the program's messages.
import type { Bilingual, Expectation, PropertyKind } from '../specs/schema.js';

/**
 * What the kit observes on one run of the student's program. Each is a value per run; the
 * tracer is an LD_PRELOAD library (c-fixtures/tracer/) that records what the program did.
 */
export const EXERCISE_OBSERVATIONS = {
  'exit.within-time-limit': 'true when the program ended before the time limit, false when the kit had to kill it',
  'exit.status': 'the exit status of the program (null when a signal ended it)',
  'data.delivered-intact':
    'true when the file the program wrote (its output argument) holds exactly the bytes of the input the kit generated',
  'data.result-number': 'the number the program wrote to its output argument (decimal text), or null when there is none',
  'ipc.sysv-objects-left':
    'System V message queues, shared memory segments and semaphore sets left in the program’s IPC namespace after it ended',
  'ipc.posix-objects-left':
    'entries left in the program’s /dev/shm and /dev/mqueue (POSIX shared memory, semaphores, message queues) after it ended',
  'fs.nodes-left': 'FIFO and socket nodes left in the program’s working directory after it ended',
  'ipc.objects-open-to-others':
    'IPC objects and FIFOs the program created whose mode lets group or others read or write, and socket nodes that let them connect (write), read from the object itself just after creation',
  'ipc.ftok-failures': 'ftok(3) calls that returned -1 (the key then used is not derived from any file)',
  'process.zombies-at-exit': 'children that had ended but were never waited for when the program’s first process exited',
  'process.children-not-waited-for':
    'children the program’s first process forked and never waited for: those that had ended (zombies) and those still running when it exited',
  'signal.unsafe-calls-in-handlers':
    'calls to functions that are not async-signal-safe (stdio, malloc, free, exit) made while a signal handler ran',
  'net.bound-beyond-loopback': 'bind(2) calls on an IPv4/IPv6 socket to an address that is not loopback (INADDR_ANY included)',
} as const;

/** One of EXERCISE_OBSERVATIONS. */
export type ExerciseObservation = keyof typeof EXERCISE_OBSERVATIONS;

/** The kit's scheduling perturbation, applied by the tracer inside the student's program. */
export interface Perturbation {
  /** sleep/usleep/nanosleep return at once: a sleep promises nothing about another process's progress. */
  shortenSleeps?: boolean;
  /** After fork, one side (chosen at random) waits up to this many ms: neither may assume who runs first. */
  forkJitterMs?: number;
  /** read/recv on pipes and sockets, and write/send on sockets, move fewer bytes than asked (all legal). */
  shortTransfers?: boolean;
}

/**
 * The ranges the numeric run settings must lie in (inclusive). Outside them a setting is a mistake
 * in the exercise, not a wish: a time limit past setTimeout's 2^31-1 ms would fire at once, and a
 * run count or input of millions would keep a student waiting for hours.
 */
export const EXERCISE_RUN_BOUNDS = {
  timeoutMs: { min: 100, max: 600_000 },
  runs: { min: 1, max: 1000 },
  inputBytes: { min: 1, max: 256 * 1024 * 1024 },
  'stdin.chunkBytes': { min: 1, max: 16 * 1024 * 1024 },
  'stdin.pauseMs': { min: 0, max: 10_000 },
  'signals.everyMs': { min: 1, max: 60_000 },
  'perturb.forkJitterMs': { min: 0, max: 10_000 },
} as const;

/** How the kit runs the student's program each time. */
export interface ExerciseRun {
  /**
   * The program's arguments; `{input}` is replaced by the path of the input file the kit generated,
   * `{output}` by the path where the program must write its result.
   */
  args: string[];
  /** Size of the random input the kit generates for `{input}` (and stdin, when fed). */
  inputBytes?: number;
  /** Feed the input on stdin in chunks of `chunkBytes` with `pauseMs` between them. */
  stdin?: { chunkBytes: number; pauseMs: number };
  /** Send this signal every `everyMs` while the program runs (from its start until it ends). */
  signals?: { name: 'SIGUSR1' | 'SIGUSR2' | 'SIGALRM'; everyMs: number };
  /** The program is killed (and the run recorded as not ending) after this long. */
  timeoutMs: number;
  /** How many times the checks run; a check fails when any run contradicts it. */
  runs: number;
  /** Keep every CPU busy with spinning processes during the runs. */
  underLoad?: boolean;
  perturb?: Perturbation;
  /** Start a private dbus-daemon beside the program; its address is in DBUS_SESSION_BUS_ADDRESS. */
  bus?: boolean;
}

/** One checked property of the student's program. */
export interface ExerciseCheck {
  /** Dotted id in the kit's style: `pipe.reader-sees-eof-when-writers-close`. */
  id: string;
  kind: PropertyKind;
  /** What a correct program does, in one sentence. */
  claim: Bilingual;
  observe: ExerciseObservation;
  expect: Expectation;
  /** The man pages that teach it, e.g. `pipe(7)`. */
  man: string[];
  /** What to look at when the check fails; teaches, does not give the code away. */
  hint: Bilingual;
}

/** An exercise: exercises/NN-slug/exercise.ts exports one as default. */
export interface Exercise {
  /** `NN-slug`, the folder name. */
  id: string;
  title: Bilingual;
  /** The tutorial family it practises (pipes, fifo, signals, sysv-msg, sysv-shm, sysv-sem, unix-sockets, tcp, dbus). */
  mechanism: string;
  run: ExerciseRun;
  checks: ExerciseCheck[];
  /** Extra libraries the program links with, e.g. ['-lrt']; pkg-config names as `pkg:dbus-1`. */
  link?: string[];
  /**
   * The checks the starter is known to fail: the kit's tests assert each of them fails and no
   * other does. A check whose observation could not be made in a run (the tracer's exit record is
   * missing when the program was killed) is "not observed" there, never a pass or a failure.
   */
  starterFails: string[];
}

/** Identity helper that gives an exercise file type checking. */
export function defineExercise(exercise: Exercise): Exercise {
  return exercise;
}

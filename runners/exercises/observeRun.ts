// From one run's record to the value of each observation of EXERCISE_OBSERVATIONS, with a line
// that says what was seen (it becomes the teaching output). `undefined` means the run could not
// show it: a program the kit had to kill delivered nothing and cleaned nothing up, which the
// time-limit check already reports, so those checks are not counted against it a second time.
import { constants } from 'node:os';
import type { ExerciseObservation } from '../../exercises/exerciseSchema.js';
import type { ObservedValue } from '../core/observation.js';
import type { RunRecord, TraceEvent } from './programRun.js';

/** One observation on one run. */
export interface SeenValue {
  value: ObservedValue;
  /** What the kit saw, in a sentence fragment: "2 objects: sysv-msg mode 0666 …". */
  detail: string;
}

/** errno names by number (the tracer records numbers: it may not call strerror in a handler). */
const ERRNO_NAMES = new Map(Object.entries(constants.errno).map(([name, number]) => [number, name]));

const octal = (mode: number) => `0${(mode & 0o777).toString(8).padStart(3, '0')}`;

/** Whether a created object lets group or others in: r/w bits for IPC objects and FIFOs; for a
 * socket node only the write bits matter, because connect(2) needs write permission. */
function openToOthers(event: TraceEvent): boolean {
  const mode = Number(event.mode);
  return event.kind === 'socket' ? (mode & 0o022) !== 0 : (mode & 0o066) !== 0;
}

function describeObject(event: TraceEvent): string {
  const name = event.name ? ` ${String(event.name)}` : ` id ${String(event.id)}`;
  return `${String(event.kind)}${name} mode ${octal(Number(event.mode))}`;
}

/** The same object may be "created" by two processes (IPC_CREAT in both); count it once. */
function distinctObjects(trace: TraceEvent[]): TraceEvent[] {
  const seen = new Map<string, TraceEvent>();
  for (const event of trace.filter((e) => e.ev === 'object'))
    seen.set(`${String(event.kind)}:${String(event.id)}:${String(event.name ?? '')}`, event);
  return [...seen.values()];
}

function listed(items: string[], none: string): string {
  return items.length ? items.slice(0, 4).join('; ') + (items.length > 4 ? `; … (${items.length} in all)` : '') : none;
}

function compareData(record: RunRecord): SeenValue {
  const { input, output } = record;
  if (!output) return { value: false, detail: 'no output file was written' };
  if (!input) return { value: false, detail: 'the exercise generated no input to compare with' };
  if (output.equals(input)) return { value: true, detail: `all ${input.length} bytes arrived intact` };
  let first = 0;
  while (first < Math.min(input.length, output.length) && input[first] === output[first]) first++;
  return { value: false, detail: `${output.length} of ${input.length} bytes written; first difference at byte ${first}` };
}

/** The value of `what` on one run, or undefined when that run could not show it. */
export function observe(what: ExerciseObservation, record: RunRecord): SeenValue | undefined {
  const killed = record.timedOut;
  const limits = record.limitsHit.length ? ` — it reached the sandbox's ${record.limitsHit.join(' and ')} limit` : '';
  const stderr = record.stderr.trim().split('\n').pop() ?? '';
  switch (what) {
    case 'exit.within-time-limit':
      return killed
        ? { value: false, detail: `still running after ${Math.round(record.durationMs)} ms: the kit killed it${limits}` }
        : { value: true, detail: `ended after ${Math.round(record.durationMs)} ms` };
    case 'exit.status':
      if (killed) return undefined;
      return {
        value: record.exitCode,
        detail:
          (record.signal
            ? `ended by ${record.signal}`
            : `exit status ${record.exitCode}${record.exitCode && stderr ? ` (stderr: ${stderr})` : ''}`) + limits,
      };
    case 'data.delivered-intact':
      return killed ? undefined : compareData(record);
    case 'data.result-number': {
      if (killed) return undefined;
      const text = record.output?.toString('utf8').trim() ?? '';
      const value = /^-?\d+$/.test(text) ? Number(text) : null;
      return { value, detail: record.output ? `wrote ${JSON.stringify(text.slice(0, 40))}` : 'no output file was written' };
    }
    case 'ipc.sysv-objects-left':
      return killed ? undefined : { value: record.leftovers.sysv.length, detail: listed(record.leftovers.sysv, 'none left') };
    case 'ipc.posix-objects-left':
      return killed ? undefined : { value: record.leftovers.posix.length, detail: listed(record.leftovers.posix, 'none left') };
    case 'fs.nodes-left':
      return killed ? undefined : { value: record.leftovers.nodes.length, detail: listed(record.leftovers.nodes, 'none left') };
    case 'ipc.objects-open-to-others': {
      const created = distinctObjects(record.trace);
      const open = created.filter(openToOthers);
      return {
        value: open.length,
        detail: created.length ? listed(open.map(describeObject), `${created.length} created, none open to others`) : 'no object created',
      };
    }
    case 'ipc.ftok-failures': {
      const failures = record.trace.filter((e) => e.ev === 'ftok-failed');
      return {
        value: failures.length,
        detail: listed(
          failures.map((e) => `ftok("${String(e.path)}") returned -1 (${ERRNO_NAMES.get(Number(e.errno)) ?? `errno ${String(e.errno)}`})`),
          'every ftok call gave a key',
        ),
      };
    }
    case 'process.zombies-at-exit':
    case 'process.children-not-waited-for': {
      // Killed, or left through _exit: the tracer could not count (and a kill is not the program's exit).
      const exit = record.trace.find((e) => e.ev === 'exit');
      if (killed || !exit) return undefined;
      const zombies = Number(exit.zombies);
      const running = Number(exit.running ?? 0);
      if (what === 'process.zombies-at-exit') return { value: zombies, detail: `${zombies} ended children never waited for` };
      return {
        value: zombies + running,
        detail: `at exit: ${zombies} ended children never waited for (zombies), ${running} still running`,
      };
    }
    case 'signal.unsafe-calls-in-handlers': {
      const calls = record.trace.filter((e) => e.ev === 'unsafe-in-handler');
      const names = [...new Set(calls.map((e) => `${String(e.function)}() in the handler of signal ${String(e.signal)}`))];
      return { value: calls.length, detail: listed(names, 'handlers called only async-signal-safe functions') };
    }
    case 'net.bound-beyond-loopback': {
      const binds = record.trace.filter((e) => e.ev === 'bind');
      const beyond = binds.filter((e) => e.loopback === false);
      return {
        value: beyond.length,
        detail: binds.length
          ? listed(
              beyond.map((e) => `bind to ${String(e.address)}`),
              'every bind was to loopback',
            )
          : 'no IP bind',
      };
    }
  }
}

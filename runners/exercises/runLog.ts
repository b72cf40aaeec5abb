// What the exercise report keeps of each run, besides the checks' verdicts: when it ran, how it
// ended, what the program printed on stderr and wrote to its output file, and the tracer's log. The
// report attaches the log of the run that decided a check, so a student sees what the program did.
import type { RunRecord, TraceEvent } from './programRun.js';

/** One run, as the report shows it. */
export interface RunLog {
  run: number;
  /** Milliseconds since the epoch. */
  startedAt: number;
  durationMs: number;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** The end of what the program wrote on stderr (its stdout goes nowhere in the sandbox). */
  stderr: string;
  /** The program's output file: its text, or what it holds when it is not text; null when none was written. */
  output: string | null;
  /** The tracer's events, the first TRACE_EVENTS_KEPT of them. */
  trace: TraceEvent[];
  /** How many events the tracer wrote in all. */
  traceEvents: number;
}

/** Enough to read a run; a program that loops on a traced call would otherwise fill the report. */
export const TRACE_EVENTS_KEPT = 400;
/** The most of an output file shown as text. */
const OUTPUT_TEXT_KEPT = 16 << 10;

/** Control bytes that never occur in text (tab, newline and carriage return do). */
const BINARY_BYTES = new Set([...Array(32).keys(), 127].filter((byte) => byte !== 9 && byte !== 10 && byte !== 13));

/** Whether `data` reads as text: valid UTF-8 without control bytes other than tab, newline, return. */
function isText(data: Buffer): boolean {
  return !data.some((byte) => BINARY_BYTES.has(byte)) && !data.toString('utf8').includes('\uFFFD');
}

/** The output file in words: its text (cut at OUTPUT_TEXT_KEPT), or its size and first bytes. */
export function describeOutput(output: Buffer | null): string | null {
  if (!output) return null;
  if (output.length === 0) return '';
  const head = output.subarray(0, OUTPUT_TEXT_KEPT);
  if (isText(head))
    return output.length > head.length ? `${head.toString('utf8')}\n… (${output.length} bytes in all)` : head.toString('utf8');
  return `${output.length} bytes, not text; the first ${Math.min(32, output.length)} in hex: ${output.subarray(0, 32).toString('hex')}`;
}

/** The log of one run. */
export function runLog(record: RunRecord): RunLog {
  return {
    run: record.run,
    startedAt: record.startedAt,
    durationMs: Math.round(record.durationMs),
    exitCode: record.exitCode,
    signal: record.signal,
    timedOut: record.timedOut,
    stderr: record.stderr,
    output: describeOutput(record.output),
    trace: record.trace.slice(0, TRACE_EVENTS_KEPT),
    traceEvents: record.trace.length,
  };
}

/** The program's output of one run, as one text: how it ended, stderr, the output file. */
export function programOutputText(log: RunLog): string {
  const ending = log.timedOut
    ? `killed at the time limit after ${log.durationMs} ms`
    : log.signal
      ? `ended by ${log.signal} after ${log.durationMs} ms`
      : `exit status ${log.exitCode} after ${log.durationMs} ms`;
  return [
    `run ${log.run}: ${ending}`,
    '',
    '--- stderr ---',
    log.stderr || '(nothing)',
    '',
    '--- output file ---',
    log.output === null ? '(none written)' : log.output || '(empty)',
    '',
    '(the program runs with stdout sent to /dev/null: the sandbox keeps stderr and the output file)',
  ].join('\n');
}

/** The tracer's log of one run, one JSON event per line. */
export function tracerLogText(log: RunLog): string {
  const lines = log.trace.map((event) => JSON.stringify(event));
  if (log.traceEvents > log.trace.length) lines.push(`… ${log.traceEvents - log.trace.length} more events not kept`);
  return lines.length ? `${lines.join('\n')}\n` : '(the tracer recorded no event)\n';
}

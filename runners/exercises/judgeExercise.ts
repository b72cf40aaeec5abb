// Each check over all runs: a check fails when any run contradicts it (a wrong program must not
// pass by luck), passes when it held in every run that could show it, and is "not observed" when
// no run could. The comparison is the kit's own evaluator, so a check reads like a property.
import type { Exercise, ExerciseCheck } from '../../exercises/exerciseSchema.js';
import { evaluate } from '../verdict/evaluate.js';
import { observe } from './observeRun.js';
import { PROGRAM_LIMITS, type RunRecord } from './programRun.js';
import type { RunLog } from './runLog.js';

/** The outcome of one check over every run. */
export interface CheckResult {
  check: ExerciseCheck;
  status: 'passed' | 'failed' | 'not-observed';
  runs: number;
  observedRuns: number;
  failedRuns: number;
  /** The expectation, resolved, e.g. `{ equals: 0 }`. */
  expected: Record<string, unknown>;
  /** What the first contradicting run showed (or, when it passed, the first run). */
  example?: { run: number; value: unknown; detail: string };
}

/** An exercise's verdict on one program. */
export interface ExerciseResult {
  exercise: string;
  program: string[];
  runs: number;
  conditions: string;
  checks: CheckResult[];
  /** Total wall time of the runs. */
  durationMs: number;
  /** Wall time of each run, in order: what a time limit has to leave room for. */
  runDurationsMs: number[];
  /** The sandbox bounds runs reached, as "run N: memory" (empty when none was). */
  limitsHit: string[];
  /** Each run's log, in order (runLog.ts): the report attaches the one that decided a check. */
  runLogs: RunLog[];
}

/** No expectation of an exercise depends on the environment; these values are never consulted. */
const NO_ENVIRONMENT = { pageSize: 4096, readSysctl: () => Promise.reject(new Error('exercises read no sysctl')) };

export async function judgeCheck(check: ExerciseCheck, records: RunRecord[]): Promise<CheckResult> {
  let observedRuns = 0;
  let failedRuns = 0;
  let expected: Record<string, unknown> = { ...check.expect };
  let example: CheckResult['example'];
  for (const record of records) {
    const seen = observe(check.observe, record);
    if (!seen) continue;
    observedRuns++;
    const observation = {
      probe: `exercise ${check.observe}`,
      value: seen.value,
      errno: null,
      signal: null,
      elapsed_ns: null,
      delay_ns: null,
      evidence: {},
    };
    const evaluation = await evaluate(check.expect, observation, NO_ENVIRONMENT);
    expected = evaluation.expected;
    if (!evaluation.holds) {
      failedRuns++;
      example ??= { run: record.run, value: seen.value, detail: seen.detail };
    }
  }
  const first = records.map((r) => ({ r, seen: observe(check.observe, r) })).find((x) => x.seen);
  if (!example && first?.seen) example = { run: first.r.run, value: first.seen.value, detail: first.seen.detail };
  const status = failedRuns > 0 ? 'failed' : observedRuns > 0 ? 'passed' : 'not-observed';
  return { check, status, runs: records.length, observedRuns, failedRuns, expected, example };
}

/** Judges every check of `exercise` on the records of its runs. */
export async function judgeExercise(exercise: Exercise, records: RunRecord[]): Promise<CheckResult[]> {
  return Promise.all(exercise.checks.map((check) => judgeCheck(check, records)));
}

/** The run conditions in words, for the report: "20 runs, under load, sleeps shortened, …". */
export function describeConditions(exercise: Exercise, runs: number): string {
  const run = exercise.run;
  const parts = [`${runs} run${runs === 1 ? '' : 's'}`, `time limit ${run.timeoutMs} ms`];
  if (run.underLoad) parts.push('every CPU kept busy');
  if (run.perturb?.shortenSleeps) parts.push('sleeps return at once');
  if (run.perturb?.forkJitterMs) parts.push(`up to ${run.perturb.forkJitterMs} ms jitter after fork`);
  if (run.perturb?.shortTransfers) parts.push('short reads and writes');
  if (run.signals) parts.push(`${run.signals.name} every ${run.signals.everyMs} ms`);
  if (run.stdin) parts.push(`input on stdin in ${run.stdin.chunkBytes}-byte pieces`);
  const { memoryBytes, processes, cpus } = PROGRAM_LIMITS;
  parts.push(`sandboxed (at most ${memoryBytes >> 20} MiB, ${processes} processes, ${cpus} CPU)`);
  return parts.join(', ');
}

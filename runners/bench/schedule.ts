// The order of the measurements. Repetition 0 is a warm-up (caches, page tables, CPU frequency,
// the bus's first connections) whose figures are kept but never summarised. In every repetition
// the workloads run in a freshly shuffled order, so a slow drift of the machine (another tenant, a
// thermal limit) spreads over every workload instead of biasing the ones that always run last.
// One `bench-probe series` call per repetition: the fixed cost of starting a probe (a container
// exec under gVisor is many ms) is paid once per repetition, not once per figure.

import type { Workload } from '../../bench/workloads.js';
import { ProbeBroken } from '../core/errors.js';
import { type ObservedValue, parseObservation } from '../core/observation.js';
import type { Place } from '../environments/environment.js';
import type { CommandResult } from '../process/runCommand.js';

/** The fewest measured repetitions a run may have: enough for p10/p90 to be distinct ranks. */
export const MIN_REPETITIONS = 11;

/** A deterministic PRNG (mulberry32): the same seed gives the same orders, so a run can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A shuffled copy (Fisher–Yates). */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** One call of the probe: which repetition, whether it counts, and the order of its workloads. */
export interface Repetition {
  index: number;
  warmup: boolean;
  order: Workload[];
}

/** Repetition 0 (warm-up) and `measured` more, each in its own order drawn from `seed`. */
export function planRepetitions(workloads: readonly Workload[], measured: number, seed: number): Repetition[] {
  if (!Number.isInteger(measured) || measured < MIN_REPETITIONS) {
    throw new Error(`a run needs at least ${MIN_REPETITIONS} measured repetitions, not ${measured}`);
  }
  const random = seededRandom(seed);
  return Array.from({ length: measured + 1 }, (_, index) => ({ index, warmup: index === 0, order: shuffled(workloads, random) }));
}

/** One figure the probe reported (or failed to report) for one workload in one repetition. */
export interface RawObservation {
  workload: string;
  repetition: number;
  warmup: boolean;
  /** Position of the workload in the repetition's shuffled order. */
  position: number;
  status: 'ok' | 'broken';
  value: number | null;
  errno: string | null;
  evidence: Record<string, ObservedValue>;
  /** Why the figure is missing, when status is broken. */
  error?: string;
}

/** How one repetition's probe call went, kept next to its figures. */
export interface RepetitionRecord {
  index: number;
  warmup: boolean;
  order: string[];
  watchdogS: number;
  durationMs: number;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** Whatever the probe wrote on stderr (shortened), never dropped. */
  stderr: string;
}

/** ref-memcpy times MIN_MS at each of its default 5 placements and once more for its 16 MiB copy. */
const COPY_CEILING_RUNS = 6;

/** Seconds a workload may take in the worst case: its MIN_MS twice (calibration, the last batch) plus setup. */
function workloadBudgetMs(workload: Workload): number {
  const minMs = workload.kind === 'memory' ? 0 : Number(workload.line.split(' ').at(-1));
  const setupMs = workload.kind === 'memory' ? 4000 : workload.mechanism === 'dbus' ? 3000 : 1000;
  const runs = workload.mechanism === 'ref-memcpy' ? COPY_CEILING_RUNS : 1;
  return 2 * minMs * runs + setupMs;
}

/** The watchdog for a whole series: the sum of the workloads' budgets, plus a margin. */
export function seriesWatchdogSeconds(order: readonly Workload[]): number {
  return Math.ceil(order.reduce((sum, w) => sum + workloadBudgetMs(w), 0) / 1000) + 30;
}

const STDERR_KEPT = 4000;

/** Why the probe's output stopped early, from how the process ended. */
function endReason(result: CommandResult): string {
  const how = result.timedOut ? 'timed out' : result.signal ? `killed by ${result.signal}` : `exit status ${result.exitCode}`;
  const stderr = result.stderr.trim().split('\n').slice(-2).join(' | ');
  return stderr ? `${how}: ${stderr}` : how;
}

/**
 * Pairs the probe's output lines with the repetition's workloads, in order. A line with a null
 * value is a broken sub-case (evidence.error says why); workloads after the last line are broken
 * with the reason the probe stopped. A line that names another case than expected means the
 * output is out of step, and it and everything after it are broken rather than misattributed.
 */
export function parseSeriesOutput(repetition: Repetition, result: CommandResult): RawObservation[] {
  const lines = result.stdout.split('\n').filter((line) => line.trim() !== '');
  const observations: RawObservation[] = [];
  let outOfStep: string | undefined;
  repetition.order.forEach((workload, position) => {
    const base = { workload: workload.id, repetition: repetition.index, warmup: repetition.warmup, position, errno: null, evidence: {} };
    const line = lines[position];
    if (outOfStep !== undefined) {
      observations.push({ ...base, status: 'broken', value: null, error: outOfStep });
      return;
    }
    if (line === undefined) {
      observations.push({ ...base, status: 'broken', value: null, error: `the series ended before this workload (${endReason(result)})` });
      return;
    }
    let parsed: ReturnType<typeof parseObservation>;
    try {
      parsed = parseObservation(`bench ${workload.line}`, line);
    } catch (error) {
      const why = error instanceof ProbeBroken ? error.message : String(error);
      observations.push({ ...base, status: 'broken', value: null, error: why });
      return;
    }
    const caseName = (JSON.parse(line) as { case?: unknown }).case;
    const expectedCase = workload.line.split(' ')[0];
    const mechanism = parsed.evidence.mechanism;
    if (
      (typeof caseName === 'string' && caseName !== 'series' && caseName !== expectedCase) ||
      (typeof mechanism === 'string' && workload.kind !== 'reference' && mechanism !== workload.mechanism)
    ) {
      outOfStep = `output out of step: line ${position + 1} is ${String(caseName)} ${String(mechanism ?? '')}, expected '${workload.line}'`;
      observations.push({ ...base, status: 'broken', value: null, evidence: parsed.evidence, error: outOfStep });
      return;
    }
    if (typeof parsed.value !== 'number') {
      const reason = typeof parsed.evidence.error === 'string' ? parsed.evidence.error : `value is ${JSON.stringify(parsed.value)}`;
      observations.push({
        ...base,
        status: 'broken',
        value: null,
        errno: parsed.errno,
        evidence: parsed.evidence,
        error: parsed.errno ? `${reason} (${parsed.errno})` : reason,
      });
      return;
    }
    observations.push({ ...base, status: 'ok', value: parsed.value, errno: parsed.errno, evidence: parsed.evidence });
  });
  return observations;
}

/** Runs one repetition as a single `bench-probe series` call in `place`. */
export async function runRepetition(
  place: Place,
  repetition: Repetition,
): Promise<{ record: RepetitionRecord; observations: RawObservation[] }> {
  const watchdogS = seriesWatchdogSeconds(repetition.order);
  const argv = [...place.fixtureCommand('bench'), 'series', ...repetition.order.map((w) => w.line)];
  const result = await place.exec(argv, { timeoutMs: (watchdogS + 15) * 1000, env: { IPC_PROBE_WATCHDOG_S: String(watchdogS) } });
  // Exit 2 with no output: the probe refused the whole series (an unknown case). That is the kit
  // disagreeing with its own probe, not a measurement, so stop with the probe's words.
  if (result.exitCode === 2 && result.stdout.trim() === '') {
    throw new Error(`bench-probe refused the series: ${result.stderr.trim() || 'exit status 2'}`);
  }
  const stderr = result.stderr.trim();
  return {
    record: {
      index: repetition.index,
      warmup: repetition.warmup,
      order: repetition.order.map((w) => w.id),
      watchdogS,
      durationMs: Math.round(result.durationMs),
      exitCode: result.exitCode,
      signal: result.signal,
      timedOut: result.timedOut,
      stderr: stderr.length > STDERR_KEPT ? `${stderr.slice(0, STDERR_KEPT)} … (${stderr.length} characters)` : stderr,
    },
    observations: parseSeriesOutput(repetition, result),
  };
}

// `ipc-conformance bench`: measures every workload of the plan in one environment, repetition
// after repetition, and writes reports/bench/<env>/ (bench.json, bench.md, bench.svg, Allure) and
// reports/bench/matrix.md. Progress goes to stderr, the summary to stdout.
import { randomInt } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import {
  allWorkloads,
  FULL_DURATIONS,
  type MeasureDurations,
  partitionWorkloads,
  QUICK_DURATIONS,
  type Workload,
} from '../../bench/workloads.js';
import { UsageError } from '../core/errors.js';
import { kitPaths } from '../core/kitPaths.js';
import type { Environment } from '../environments/environment.js';
import { createEnvironment } from '../environments/registry.js';
import { withPreparedRun } from '../run/preparedRun.js';
import { generateBenchAllureReport, writeBenchAllureResults } from './benchAllure.js';
import { benchChartSvg } from './benchChart.js';
import { writeBenchMatrix } from './benchMatrix.js';
import { CHART_FILE, writeBenchReport } from './benchReport.js';
import {
  BENCH_FORMAT,
  type BenchResult,
  checkWorkloads,
  computeRatios,
  methodText,
  stressNgWithComparisons,
  unavailableResult,
  workloadResult,
} from './benchResult.js';
import { formatValue } from './format.js';
import { machineRecord, observeMachine } from './machine.js';
import { MIN_REPETITIONS, planRepetitions, type RawObservation, type RepetitionRecord, runRepetition } from './schedule.js';
import { selectWorkloads } from './selectWorkloads.js';
import { medianWithheldBy } from './selfChecks.js';
import { runStressNg, type StressNgRecord } from './stressNg.js';

/** What the command was asked to do. */
export interface BenchOptions {
  environment: string;
  reps: number;
  quick: boolean;
  throughputMs?: number;
  only?: string;
  seed?: number;
  /** The folder for bench.json, bench.md, bench.svg and the Allure files, instead of reports/bench/<env>/. */
  output?: string;
  /** Whether to run stress-ng beside the kit (default true); tests that need only the kit's figures leave it out. */
  stressNg?: boolean;
}

function positiveInteger(name: string, text: string | undefined, minimum: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < minimum) throw new UsageError(`${name} must be a whole number ≥ ${minimum}, not '${text}'`);
  return Number(text);
}

/** --output DIR, absolute; an empty name is refused rather than taken as the current folder. */
function outputFolder(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (text.trim() === '') throw new UsageError('--output needs a folder name');
  return resolve(text);
}

/** The command line's options as the bench reads them (strings as typed). */
export interface BenchArguments {
  env?: string;
  reps?: string;
  'throughput-ms'?: string;
  quick?: boolean;
  only?: string;
  seed?: string;
  output?: string;
}

/** The command's options from the parsed command line; any mistake is a UsageError. */
export function benchOptionsFrom(values: BenchArguments, args: string[] = []): BenchOptions {
  if (args.length) throw new UsageError(`bench: unexpected argument '${args[0]}'`);
  const environment = values.env ?? 'host';
  createEnvironment(environment); // rejects unknown names before any work
  return {
    environment,
    reps: positiveInteger('--reps', values.reps, MIN_REPETITIONS) ?? MIN_REPETITIONS,
    quick: values.quick ?? false,
    throughputMs: positiveInteger('--throughput-ms', values['throughput-ms'], 1),
    only: values.only,
    seed: positiveInteger('--seed', values.seed, 0),
    output: outputFolder(values.output),
  };
}

const progress = (line: string) => process.stderr.write(`bench: ${line}\n`);

/** The report folder of one environment's benchmark. */
export const benchDir = (environment: string) => join(kitPaths.reports, 'bench', environment);

/** The measuring part of a run, inside a prepared environment with its bus started (or not). */
async function measure(
  environment: Environment,
  planned: Workload[],
  options: BenchOptions,
  seed: number,
  startedAt: string,
  durations: MeasureDurations,
): Promise<Omit<BenchResult, 'finishedAt' | 'ratios'>> {
  // Timings taken under an emulator (TCG) or User-Mode Linux measure the emulation, not IPC.
  const cpu = (await environment.facts()).offers['native-cpu'];
  if (!cpu.ok) throw new UsageError(`bench measures timings and needs the machine's CPU, which ${environment.name} lacks: ${cpu.reason}`);
  const description = await environment.describe();
  const before = await observeMachine(environment);
  const { bus } = environment.run;
  const dbusUnavailable = 'unavailable' in bus ? bus.unavailable : undefined;
  const { runnable, unavailable } = partitionWorkloads(planned, { cpusAllowed: before.cpusAllowed, dbusUnavailable });
  const observations: RawObservation[] = [];
  const records: RepetitionRecord[] = [];
  progress(
    `${runnable.length} workloads in ${environment.name} (${unavailable.length} unavailable), ${options.reps} repetitions + 1 warm-up, seed ${seed}`,
  );
  if (runnable.length > 0) {
    for (const repetition of planRepetitions(runnable, options.reps, seed)) {
      const label = `repetition ${repetition.index}/${options.reps}${repetition.warmup ? ' (warm-up, discarded)' : ''}`;
      progress(`${label} …`);
      const { record, observations: got } = await runRepetition(environment, repetition);
      records.push(record);
      observations.push(...got);
      const broken = got.filter((o) => o.status === 'broken').length;
      progress(
        `${label} done in ${(record.durationMs / 1000).toFixed(1)} s${broken ? `, ${broken} broken` : ''}${record.timedOut ? ', timed out' : ''}`,
      );
    }
  }
  const after = await observeMachine(environment);
  const stressNg: StressNgRecord =
    options.stressNg === false
      ? { status: 'not asked', reason: 'left out by the caller', secondsPerStressor: 0, stressors: [] }
      : await runStressNg(environment, options.quick ? 1 : 3, progress);
  const byId = new Map(
    [...runnable.map((w) => workloadResult(w, observations)), ...unavailable.map(unavailableResult)].map((w) => [w.id, w]),
  );
  // The plan's order in the report; the observations keep each repetition's shuffled one.
  const workloads = planned.map((w) => byId.get(w.id)!);
  const checks = checkWorkloads(workloads);
  return {
    format: BENCH_FORMAT,
    environment: environment.name,
    startedAt,
    seed,
    repetitions: options.reps,
    durations,
    only: options.only ?? null,
    machine: machineRecord(description, before, after),
    method: methodText(durations, options.reps, seed),
    workloads,
    stressNg: stressNgWithComparisons(stressNg, workloads, checks.flags),
    checks,
    repetitionRecords: records,
    observations,
  };
}

/**
 * Runs the benchmark and writes every output; returns the result and where it went. `place` is
 * the environment to measure in when not the one named by options.environment (tests).
 */
export async function runBench(
  options: BenchOptions,
  place?: Environment,
): Promise<{ result: BenchResult; markdown: string; allure: string; matrix: string | null }> {
  const durations = { ...(options.quick ? QUICK_DURATIONS : FULL_DURATIONS) };
  if (options.throughputMs !== undefined) durations.throughputMs = options.throughputMs;
  const planned = selectWorkloads(allWorkloads(durations), options.only);
  const seed = options.seed ?? randomInt(2 ** 31);
  const startedAt = new Date().toISOString();
  const measured = await withPreparedRun(place ?? options.environment, ({ environment }) =>
    measure(environment, planned, options, seed, startedAt, durations),
  );
  const result: BenchResult = {
    ...measured,
    finishedAt: new Date().toISOString(),
    ratios: computeRatios(measured.workloads, measured.checks.flags),
  };

  const dir = options.output ?? benchDir(result.environment);
  const { markdown } = await writeBenchReport(dir, result);
  const chart = join(dir, CHART_FILE);
  await writeFile(chart, benchChartSvg(result));
  await writeBenchAllureResults(join(dir, 'allure-results'), result, chart, markdown);
  const allure = await generateBenchAllureReport(dir, result);
  // The matrix merges reports/bench/*/: a run written elsewhere is not one of them.
  const matrix = options.output === undefined ? await writeBenchMatrix(join(kitPaths.reports, 'bench')) : null;
  return { result, markdown, allure, matrix };
}

/** A few lines for the terminal: the free-placement medians per mechanism. */
export function shortSummary(result: BenchResult): string {
  const lines = [
    `${result.environment}: ${result.repetitions} repetitions, seed ${result.seed}${result.machine.flag ? ` — ${result.machine.flag}` : ''}`,
  ];
  for (const kind of ['rtt', 'throughput', 'rate'] as const) {
    const shown = result.workloads.filter(
      (w) =>
        w.kind === kind &&
        w.placement === 'free' &&
        w.stats &&
        (kind !== 'rtt' || w.size === 64 || w.size === 0 || w.mechanism === 'signal-rt'),
    );
    if (shown.length === 0) continue;
    const title = kind === 'rtt' ? 'RTT 64 B, free' : kind === 'throughput' ? 'throughput, free' : 'rate, free';
    lines.push(`  ${title}:`);
    for (const w of shown) {
      const withheld = medianWithheldBy(result.checks.flags, w.id);
      const figure = withheld.length ? `withheld: ${withheld.join(', ')}` : formatValue(w.stats!.median, w.unit);
      lines.push(`    ${w.mechanism.padEnd(15)} ${figure.padStart(16)}${w.status === 'broken' ? '  (partly broken)' : ''}`);
    }
  }
  const broken = result.workloads.filter((w) => w.status === 'broken').length;
  const unavailable = result.workloads.filter((w) => w.status === 'unavailable').length;
  const flagged = new Set(result.checks.flags.filter((f) => f.withheld && f.workload).map((f) => f.workload)).size;
  lines.push(
    `  ${result.workloads.length} workloads: ${broken} broken, ${unavailable} unavailable, ${flagged} with a figure withheld by the self-checks`,
  );
  return lines.join('\n');
}

/** The command: runs, prints; exit 1 when any workload broke. */
export async function benchCommand(options: BenchOptions): Promise<number> {
  const { result, markdown, allure, matrix } = await runBench(options);
  const show = (path: string) => (relative(process.cwd(), path).startsWith('..') ? path : relative(process.cwd(), path));
  console.log(shortSummary(result));
  console.log(`summary: ${show(markdown)}`);
  console.log(`report:  ${show(allure)}`);
  if (matrix) console.log(`matrix:  ${show(matrix)}`);
  return result.workloads.some((w) => w.status === 'broken') ? 1 : 0;
}

// The content of bench.json: every raw observation of a run, and what is derived from them — the
// statistics per workload (measured repetitions only, never the warm-up) and the ratios to the
// reference ceilings. Everything here is computed from the probe's observations; nothing is typed in.

import { COPY_MECHANISMS, type MeasureDurations, type UnavailableWorkload, type Workload } from '../../bench/workloads.js';
import type { MachineRecord } from './machine.js';
import type { RawObservation, RepetitionRecord } from './schedule.js';
import { type Stats, summarize } from './statistics.js';
import { compareWithKit, type StressNgComparison, type StressNgRecord } from './stressNg.js';

/** A workload and what became of it. */
export interface WorkloadResult extends Workload {
  /** measured: every measured repetition gave a figure; broken: at least one did not; unavailable: not run here. */
  status: 'measured' | 'broken' | 'unavailable';
  /** Why it is unavailable, or the distinct reasons it broke. */
  reasons: string[];
  /** Statistics of the values of the measured repetitions that gave one. */
  stats: Stats | null;
  /** Statistics of every numeric evidence field (cpu_ns_per_op, lost, kernel_bytes …). */
  evidenceStats: Record<string, Stats>;
  /** Measured repetitions that gave no figure. */
  brokenCount: number;
}

/** A copy-based mechanism's throughput as a fraction of what memcpy alone achieves. */
export interface MemcpyFraction {
  workload: string;
  median: number;
  memcpyMedian: number;
  fraction: number;
}

/** A round trip as a multiple of the bare context-switch round trip (futex ping-pong). */
export interface ContextSwitchMultiple {
  workload: string;
  median: number;
  /** Multiple of ref-ctxswitch on one CPU, and across two CPUs (null when that reference is missing). */
  vsSame: number | null;
  vsSplit: number | null;
}

/** Everything one `ipc-conformance bench` run produced. */
export interface BenchResult {
  format: 'ipc-conformance-bench/1';
  environment: string;
  startedAt: string;
  finishedAt: string;
  /** Seed of the PRNG that shuffled every repetition's order. */
  seed: number;
  /** Measured repetitions (the warm-up, repetition 0, comes on top). */
  repetitions: number;
  durations: MeasureDurations;
  only: string | null;
  machine: MachineRecord;
  method: string[];
  workloads: WorkloadResult[];
  ratios: { memcpyFraction: MemcpyFraction[]; contextSwitchMultiple: ContextSwitchMultiple[] };
  stressNg: StressNgRecord & { comparisons: StressNgComparison[] };
  repetitionRecords: RepetitionRecord[];
  observations: RawObservation[];
}

/** The statistics of one workload from the run's observations. */
export function workloadResult(workload: Workload, observations: readonly RawObservation[]): WorkloadResult {
  const measured = observations.filter((o) => o.workload === workload.id && !o.warmup);
  const ok = measured.filter((o) => o.status === 'ok' && o.value !== null);
  const broken = measured.filter((o) => o.status === 'broken');
  const evidenceStats: Record<string, Stats> = {};
  const keys = new Set(ok.flatMap((o) => Object.keys(o.evidence)));
  for (const key of [...keys].sort()) {
    const values = ok.map((o) => o.evidence[key]).filter((v): v is number => typeof v === 'number');
    const stats = values.length === ok.length ? summarize(values) : null;
    if (stats) evidenceStats[key] = stats;
  }
  return {
    ...workload,
    status: broken.length > 0 || ok.length === 0 ? 'broken' : 'measured',
    reasons: [...new Set(broken.map((o) => `repetition ${o.repetition}: ${o.error ?? 'no figure'}`))],
    stats: summarize(ok.map((o) => o.value as number)),
    evidenceStats,
    brokenCount: broken.length,
  };
}

/** A workload that did not run here, recorded with the reason. */
export function unavailableResult({ workload, reason }: UnavailableWorkload): WorkloadResult {
  return { ...workload, status: 'unavailable', reasons: [reason], stats: null, evidenceStats: {}, brokenCount: 0 };
}

/** Throughput of copy-based mechanisms over the memcpy ceiling; round trips over the context switch. */
export function computeRatios(workloads: readonly WorkloadResult[]): BenchResult['ratios'] {
  const median = (id: string) => workloads.find((w) => w.id === id)?.stats?.median;
  const memcpy = workloads.find((w) => w.mechanism === 'ref-memcpy')?.stats?.median;
  const ctxSame = median('reference.ref-ctxswitch.same');
  const ctxSplit = median('reference.ref-ctxswitch.split');
  const memcpyFraction: MemcpyFraction[] = [];
  const contextSwitchMultiple: ContextSwitchMultiple[] = [];
  for (const w of workloads) {
    if (!w.stats) continue;
    if (w.kind === 'throughput' && COPY_MECHANISMS.has(w.mechanism) && memcpy) {
      memcpyFraction.push({ workload: w.id, median: w.stats.median, memcpyMedian: memcpy, fraction: w.stats.median / memcpy });
    }
    if (w.kind === 'rtt' && (ctxSame || ctxSplit)) {
      contextSwitchMultiple.push({
        workload: w.id,
        median: w.stats.median,
        vsSame: ctxSame ? w.stats.median / ctxSame : null,
        vsSplit: ctxSplit ? w.stats.median / ctxSplit : null,
      });
    }
  }
  return { memcpyFraction, contextSwitchMultiple };
}

/** Adds the comparisons with the kit's medians to a stress-ng record. */
export function stressNgWithComparisons(record: StressNgRecord, workloads: readonly WorkloadResult[]): BenchResult['stressNg'] {
  return { ...record, comparisons: compareWithKit(record, (id) => workloads.find((w) => w.id === id)?.stats?.median) };
}

/** How the figures were obtained, for the report's method section. */
export function methodText(durations: MeasureDurations, repetitions: number, seed: number): string[] {
  return [
    'All timing is done inside the C probe bench-probe (CLOCK_MONOTONIC around whole batches; CPU time from getrusage/wait4 of both processes); Node only starts it and reads its JSON lines.',
    `Repetition 0 is a warm-up and is discarded; ${repetitions} measured repetitions follow. Each repetition is one \`bench-probe series\` call running every workload once, in an order shuffled afresh per repetition (seeded PRNG, seed ${seed}).`,
    `Minimum measuring time per workload and repetition: RTT ${durations.rttMs} ms, throughput ${durations.throughputMs} ms, rate ${durations.rateMs} ms, references ${durations.referenceMs} ms; memory is measured once per repetition.`,
    'Placement: same = both processes pinned to CPU 0; split = CPU 0 and CPU 1; free = no pinning (the scheduler decides).',
    'RTT = round trip: the payload goes to the peer and the same bytes come back; the figure is the mean of one repetition, the statistics are over repetitions.',
  ];
}

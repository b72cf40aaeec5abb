// The content of bench.json: every raw observation of a run, and what is derived from them — the
// statistics per workload (measured repetitions only, never the warm-up), the ratios to the
// reference ceilings, and the self-checks' flags. Everything here is computed from the probe's
// observations; nothing is typed in.

import { COPY_MECHANISMS, type MeasureDurations } from '../../bench/workloads.js';
import { CHECK_LIMITS, type CheckLimit, type CheckName } from './checkLimits.js';
import { ceilingsBySize } from './copyCeiling.js';
import type { MachineRecord } from './machine.js';
import type { RawObservation, RepetitionRecord } from './schedule.js';
import { CEILING_SHARE, type Flag, flagsOn, medianWithheldBy, selfCheck } from './selfChecks.js';
import { compareWithKit, type StressNgComparison, type StressNgRecord } from './stressNg.js';
import type { WorkloadResult } from './workloadResult.js';

export { unavailableResult, type WorkloadResult, workloadResult } from './workloadResult.js';

/** bench.json's format: 2 added the self-checks and percentiles that may be null. */
export const BENCH_FORMAT = 'ipc-conformance-bench/2';

/** A copy-based mechanism's throughput as a fraction of what memcpy alone achieves. */
export interface MemcpyFraction {
  workload: string;
  /** The ceiling it is read against: ref-memcpy of the same chunk size. */
  ceiling: string;
  median: number;
  memcpyMedian: number;
  fraction: number;
  /** The checks that withhold this fraction (its throughput's or its ceiling's); empty: stated. */
  withheld: CheckName[];
}

/** A round trip as a multiple of the bare context-switch round trip (futex ping-pong). */
export interface ContextSwitchMultiple {
  workload: string;
  median: number;
  /** Multiple of ref-ctxswitch on one CPU, and across two CPUs (null when that reference is missing). */
  vsSame: number | null;
  vsSplit: number | null;
  /** The checks that withhold the round trip's or a reference's median; empty: stated. */
  withheld: CheckName[];
}

/** The self-checks of a run: the limits they applied and every flag they raised. */
export interface SelfChecks {
  limits: readonly CheckLimit[];
  flags: Flag[];
}

/** Everything one `ipc-conformance bench` run produced. */
export interface BenchResult {
  format: typeof BENCH_FORMAT;
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
  checks: SelfChecks;
  stressNg: StressNgRecord & { comparisons: StressNgComparison[] };
  repetitionRecords: RepetitionRecord[];
  observations: RawObservation[];
}

/** The self-checks of a run's workloads (selfChecks.ts), with the limits they applied. */
export function checkWorkloads(workloads: readonly WorkloadResult[]): SelfChecks {
  return { limits: CHECK_LIMITS, flags: selfCheck(workloads) };
}

/** Throughput of copy-based mechanisms over the copy ceiling of their chunk size; round trips over
 * the context switch. A ratio whose either figure is withheld by a flag is marked withheld. */
export function computeRatios(workloads: readonly WorkloadResult[], flags: readonly Flag[] = []): BenchResult['ratios'] {
  const byId = (id: string) => workloads.find((w) => w.id === id);
  const withheld = (...ids: string[]) => [...new Set(ids.flatMap((id) => medianWithheldBy(flags, id)))];
  const ceilings = ceilingsBySize(workloads);
  const ctxSame = byId('reference.ref-ctxswitch.same');
  const ctxSplit = byId('reference.ref-ctxswitch.split');
  const memcpyFraction: MemcpyFraction[] = [];
  const contextSwitchMultiple: ContextSwitchMultiple[] = [];
  for (const w of workloads) {
    if (!w.stats) continue;
    const ceiling = w.size === null ? undefined : ceilings.get(w.size);
    if (w.kind === 'throughput' && COPY_MECHANISMS.has(w.mechanism) && ceiling) {
      const memcpyMedian = ceiling.stats!.median;
      const own = flagsOn(flags, w.id, CEILING_SHARE)
        .filter((f) => f.withheld)
        .map((f) => f.check);
      memcpyFraction.push({
        workload: w.id,
        ceiling: ceiling.id,
        median: w.stats.median,
        memcpyMedian,
        fraction: w.stats.median / memcpyMedian,
        withheld: [...new Set([...own, ...withheld(w.id, ceiling.id)])],
      });
    }
    const same = ctxSame?.stats?.median;
    const split = ctxSplit?.stats?.median;
    if (w.kind === 'rtt' && (same || split)) {
      // The reference each multiple is read against: one CPU, two, or (free) both.
      const against = w.placement === 'same' ? [ctxSame] : w.placement === 'split' ? [ctxSplit] : [ctxSame, ctxSplit];
      const references = against.filter((r) => r?.stats).map((r) => r!.id);
      contextSwitchMultiple.push({
        workload: w.id,
        median: w.stats.median,
        vsSame: same ? w.stats.median / same : null,
        vsSplit: split ? w.stats.median / split : null,
        withheld: withheld(w.id, ...references),
      });
    }
  }
  return { memcpyFraction, contextSwitchMultiple };
}

/** Adds the comparisons with the kit's medians to a stress-ng record. */
export function stressNgWithComparisons(
  record: StressNgRecord,
  workloads: readonly WorkloadResult[],
  flags: readonly Flag[] = [],
): BenchResult['stressNg'] {
  // A kit median the self-checks withheld is compared with nothing.
  const median = (id: string) => (medianWithheldBy(flags, id).length ? undefined : workloads.find((w) => w.id === id)?.stats?.median);
  return { ...record, comparisons: compareWithKit(record, median) };
}

/** How the figures were obtained, for the report's method section. */
export function methodText(durations: MeasureDurations, repetitions: number, seed: number): string[] {
  return [
    'All timing is done inside the C probe bench-probe (CLOCK_MONOTONIC around whole batches; CPU time from getrusage/wait4 of both processes); Node only starts it and reads its JSON lines.',
    `Repetition 0 is a warm-up and is discarded; ${repetitions} measured repetitions follow. Each repetition is one \`bench-probe series\` call running every workload once, in an order shuffled afresh per repetition (seeded PRNG, seed ${seed}).`,
    `Minimum measuring time per workload and repetition: RTT ${durations.rttMs} ms, throughput ${durations.throughputMs} ms, rate ${durations.rateMs} ms, references ${durations.referenceMs} ms; memory is measured once per repetition.`,
    'Placement: same = both processes pinned to CPU 0; split = CPU 0 and CPU 1; free = no pinning (the scheduler decides).',
    'RTT = round trip: the payload goes to the peer and the same bytes come back; the figure is the mean of one repetition, the statistics are over repetitions.',
    "Copy ceiling (ref-memcpy, one per throughput chunk size): memcpy from a page-aligned source to a destination at 0, 16, 64, 2048 and 4080 bytes past it modulo 4096 (16 is where two back-to-back malloc blocks of 64 KiB fall), each placement warmed up by an untimed round, then timed in 2 ms rounds taking turns for the reference time per placement; a placement's rate is its best round (from the round's median batch: sharing the CPU only ever slows a copy), and the ceiling of a repetition is the best placement. Every placement's rate is kept as evidence; no page is first touched while timing (page_faults_timed).",
    'Self-checks: every figure is checked before it is stated (the limits and their reasons are in the Self-checks section and in bench.json under checks); a figure that fails is withheld or marked, with the reason.',
  ];
}

// The report checks its own figures before it states them (limits and reasons: checkLimits.ts). A
// figure that fails a check is flagged in bench.json and bench.md with the numbers that failed it,
// and where the check says the figure cannot be trusted it is withheld: shown as the flag, never
// as a result.
import { COPY_MECHANISMS, RTT_PAYLOADS, type Workload } from '../../bench/workloads.js';
import {
  CEILING_LIMIT,
  type CheckName,
  cvLimit,
  MEDIAN_ERROR_FACTOR,
  MEDIAN_STANDARD_ERROR_LIMIT,
  PLACEMENT_LIMIT,
  SPREAD_LIMIT,
} from './checkLimits.js';
import { ceilingsBySize, offsetRates } from './copyCeiling.js';
import { formatValue, significant } from './format.js';
import { minimumSamples, REPORTED_PERCENTILES, type Stats } from './statistics.js';
import type { WorkloadResult } from './workloadResult.js';

/** One failed check. */
export interface Flag {
  check: CheckName;
  /** The workload whose figure failed, or null for every workload of the run alike. */
  workload: string | null;
  /** Which figure: `median`, `p10`, `p90`, `p99`, `share of the copy ceiling`, `placement`. */
  figure: string;
  /** The report does not state the figure (it shows the flag instead). */
  withheld: boolean;
  /** One sentence with the numbers. */
  reason: string;
  /** The quantities the check compared, as numbers (rates in B/s, fractions as fractions). */
  measured: Record<string, number>;
  /** The limit that was crossed (checkLimits.ts). */
  limit: number;
}

/** The share of the copy ceiling of a throughput: what `above-ceiling` flags on the throughput. */
export const CEILING_SHARE = 'share of the copy ceiling';

const percent = (fraction: number) => `${significant(fraction * 100)} %`;

function percentileFlags(workloads: readonly WorkloadResult[]): Flag[] {
  const flags: Flag[] = [];
  for (const p of REPORTED_PERCENTILES) {
    const needed = minimumSamples(p);
    const short = workloads.filter((w) => w.stats && w.stats.n < needed);
    // A shortfall in every workload (a run of 11 repetitions has no p99 anywhere) is one flag.
    const everywhere = short.length > 1 && short.length === workloads.filter((w) => w.stats).length;
    const groups = everywhere
      ? [{ workload: null, n: Math.max(...short.map((w) => w.stats!.n)) }]
      : short.map((w) => ({ workload: w.id, n: w.stats!.n }));
    for (const { workload, n } of groups) {
      flags.push({
        check: 'percentile-undersampled',
        workload,
        figure: `p${p}`,
        withheld: true,
        reason: `p${p} needs at least ${needed} values to be more than the ${p < 50 ? 'smallest' : 'largest'} one; ${workload ?? 'every workload'} has ${workload ? '' : 'at most '}${n}, so it is not stated (null in bench.json).`,
        measured: { n, needed },
        limit: 1,
      });
    }
  }
  return flags;
}

/** Whether bench.md states a workload's CPU time per message (cpu_ns_per_op): for every rate
 * workload, and for the round trips at 64 B (or a fixed payload) in free placement. */
export function cpuFigureShown(w: Workload): boolean {
  if (w.kind === 'rate') return true;
  return w.kind === 'rtt' && w.placement === 'free' && (w.size === 64 || !RTT_PAYLOADS.includes(w.size as 1));
}

/** The CV and spread checks of one figure (`median`: the workload's value; else an evidence field). */
function spreadFlags(workload: string, figure: string, s: Stats | undefined | null, unit: string): Flag[] {
  if (!s || s.n < 2 || s.median <= 0) return [];
  const flags: Flag[] = [];
  const error = (MEDIAN_ERROR_FACTOR * s.cv) / Math.sqrt(s.n);
  if (error > MEDIAN_STANDARD_ERROR_LIMIT) {
    flags.push({
      check: 'cv-too-large',
      workload,
      figure,
      withheld: true,
      reason: `CV ${percent(s.cv)} over ${s.n} repetitions puts the median's standard error at ±${percent(error)} (limit ±${percent(MEDIAN_STANDARD_ERROR_LIMIT)}, CV ${percent(cvLimit(s.n))} at this n).`,
      measured: { cv: s.cv, n: s.n, medianStandardError: error },
      limit: MEDIAN_STANDARD_ERROR_LIMIT,
    });
  }
  // Without stated p10/p90 (too few values) the test takes the extremes: stricter, never skipped.
  const [low, high, names] = s.p10 !== null && s.p90 !== null ? [s.p10, s.p90, 'p10–p90'] : [s.min, s.max, 'min–max'];
  const spread = (high - low) / s.median;
  if (spread > SPREAD_LIMIT) {
    flags.push({
      check: 'repetitions-disagree',
      workload,
      figure,
      withheld: true,
      reason: `the repetitions' ${names} range ${formatValue(low, unit)} to ${formatValue(high, unit)} spans ${percent(spread)} of the median ${formatValue(s.median, unit)} (limit ${percent(SPREAD_LIMIT)}).`,
      measured: { low, high, median: s.median, spread },
      limit: SPREAD_LIMIT,
    });
  }
  return flags;
}

function ceilingFlags(workloads: readonly WorkloadResult[]): Flag[] {
  const flags: Flag[] = [];
  for (const [size, ceiling] of ceilingsBySize(workloads)) {
    const limit = ceiling.stats!.median * CEILING_LIMIT;
    const above = workloads.filter(
      (w) => w.kind === 'throughput' && COPY_MECHANISMS.has(w.mechanism) && w.size === size && w.stats && w.stats.median > limit,
    );
    for (const w of above) {
      const share = w.stats!.median / ceiling.stats!.median;
      flags.push({
        check: 'above-ceiling',
        workload: w.id,
        figure: CEILING_SHARE,
        withheld: true,
        reason: `${formatValue(w.stats!.median, w.unit)} is ${percent(share)} of the copy ceiling ${formatValue(ceiling.stats!.median, ceiling.unit)} (${ceiling.id}): a mechanism that copies cannot outrun memcpy, so one of the two figures is wrong.`,
        measured: { throughput: w.stats!.median, ceiling: ceiling.stats!.median, share },
        limit: CEILING_LIMIT,
      });
    }
    if (above.length) {
      flags.push({
        check: 'above-ceiling',
        workload: ceiling.id,
        figure: 'median',
        withheld: true,
        reason: `${above.map((w) => w.id).join(', ')} ${above.length === 1 ? 'moves' : 'move'} more than this ceiling of ${formatValue(ceiling.stats!.median, ceiling.unit)}: it does not bound them and is not stated as a ceiling.`,
        measured: { ceiling: ceiling.stats!.median, highestThroughput: Math.max(...above.map((w) => w.stats!.median)) },
        limit: CEILING_LIMIT,
      });
    }
    const rates = offsetRates(ceiling);
    if (rates.length < 2) continue;
    const best = rates.reduce((a, b) => (b.stats.median > a.stats.median ? b : a));
    const slow = rates.filter((r) => r.stats.median < best.stats.median * PLACEMENT_LIMIT);
    if (slow.length === 0) continue;
    const worst = slow.reduce((a, b) => (b.stats.median < a.stats.median ? b : a));
    flags.push({
      check: 'ceiling-placement',
      workload: ceiling.id,
      figure: 'placement',
      withheld: false,
      reason: `copying ${size} B runs at ${slow.map((r) => `${formatValue(r.stats.median, 'B/s')} with the destination ${r.offset} B past the source modulo 4096`).join(', ')}, against ${formatValue(best.stats.median, 'B/s')} at ${best.offset} B: placement alone changes the copy rate ${significant(best.stats.median / worst.stats.median)}-fold; the ceiling is the best offset.`,
      measured: { bestOffset: best.offset, best: best.stats.median, worstOffset: worst.offset, worst: worst.stats.median },
      limit: PLACEMENT_LIMIT,
    });
  }
  return flags;
}

/** Every check on every workload of a run. */
export function selfCheck(workloads: readonly WorkloadResult[]): Flag[] {
  const spread = workloads.flatMap((w) => [
    ...spreadFlags(w.id, 'median', w.stats, w.unit),
    ...(cpuFigureShown(w) ? spreadFlags(w.id, 'cpu_ns_per_op', w.evidenceStats.cpu_ns_per_op, 'ns') : []),
  ]);
  return [...ceilingFlags(workloads), ...spread, ...percentileFlags(workloads)];
}

/** The flags on one figure of one workload (run-wide flags included). */
export function flagsOn(flags: readonly Flag[], workload: string, figure: string): Flag[] {
  return flags.filter((f) => (f.workload === workload || f.workload === null) && f.figure === figure);
}

/** The checks that withhold a figure of a workload (its median by default), or none when it may be stated. */
export function medianWithheldBy(flags: readonly Flag[], workload: string, figure = 'median'): CheckName[] {
  return [
    ...new Set(
      flagsOn(flags, workload, figure)
        .filter((f) => f.withheld)
        .map((f) => f.check),
    ),
  ];
}

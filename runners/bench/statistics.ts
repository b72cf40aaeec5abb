// Summary statistics of one workload's repetitions. Percentiles use the nearest-rank method (the
// value at rank ceil(p/100 · n) of the sorted sample), so every percentile is a value that was
// actually observed; the median is the usual one (mean of the two middle values when n is even).

/** The summary of a sample; the report states which definitions these are. */
export interface Stats {
  n: number;
  min: number;
  max: number;
  median: number;
  /** Nearest-rank percentiles. */
  p10: number;
  p90: number;
  p99: number;
  mean: number;
  /** Sample standard deviation (n − 1 in the denominator); 0 for a single value. */
  stddev: number;
  /** Coefficient of variation: stddev / mean (0 when the mean is 0). */
  cv: number;
}

/** Text for the report: how the numbers above are defined. */
export const STATISTICS_DEFINITIONS =
  'median = middle value (mean of the two middle values for an even n); p10/p90/p99 = nearest-rank percentiles ' +
  '(the value at rank ⌈p/100·n⌉ of the sorted sample); CV = sample standard deviation (n−1) / mean.';

/** The nearest-rank p-th percentile of an ascending sample (0 < p ≤ 100). */
export function nearestRank(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('nearestRank of an empty sample');
  if (!(p > 0 && p <= 100)) throw new Error(`percentile ${p} is outside (0, 100]`);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.max(rank, 1) - 1]!;
}

/** The median of an ascending sample. */
export function median(sorted: readonly number[]): number {
  if (sorted.length === 0) throw new Error('median of an empty sample');
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The statistics of `values`, or null when there is none (a workload that never measured). */
export function summarize(values: readonly number[]): Stats | null {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return null;
  const sorted = [...finite].sort((a, b) => a - b);
  const n = sorted.length;
  const mean = sorted.reduce((sum, v) => sum + v, 0) / n;
  const stddev = n > 1 ? Math.sqrt(sorted.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1)) : 0;
  return {
    n,
    min: sorted[0]!,
    max: sorted[n - 1]!,
    median: median(sorted),
    p10: nearestRank(sorted, 10),
    p90: nearestRank(sorted, 90),
    p99: nearestRank(sorted, 99),
    mean,
    stddev,
    cv: mean === 0 ? 0 : stddev / mean,
  };
}

/** Whether two samples' p10–p90 ranges overlap: then their order may flip from run to run. */
export function rangesOverlap(a: Pick<Stats, 'p10' | 'p90'>, b: Pick<Stats, 'p10' | 'p90'>): boolean {
  return a.p10 <= b.p90 && b.p10 <= a.p90;
}

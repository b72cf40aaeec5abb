// Summary statistics of one workload's repetitions. Percentiles use the nearest-rank method (the
// value at rank ceil(p/100 · n) of the sorted sample), so every percentile is a value that was
// actually observed; the median is the usual one (mean of the two middle values when n is even).
// A percentile is stated only from enough values for it to be one: below minimumSamples(p) the
// nearest rank is the smallest or the largest value, and the "p99" of 11 repetitions would be
// their maximum under another name.

/** The summary of a sample; the report states which definitions these are. */
export interface Stats {
  n: number;
  min: number;
  max: number;
  median: number;
  /** Nearest-rank percentiles; null when n < minimumSamples(p) (see REPORTED_PERCENTILES). */
  p10: number | null;
  p90: number | null;
  p99: number | null;
  mean: number;
  /** Sample standard deviation (n − 1 in the denominator); 0 for a single value. */
  stddev: number;
  /** Coefficient of variation: stddev / mean (0 when the mean is 0). */
  cv: number;
}

/** The percentiles a summary carries. */
export const REPORTED_PERCENTILES = [10, 90, 99] as const;
export type ReportedPercentile = (typeof REPORTED_PERCENTILES)[number];

/** Text for the report: how the numbers above are defined. */
export const STATISTICS_DEFINITIONS =
  'median = middle value (mean of the two middle values for an even n); p10/p90/p99 = nearest-rank percentiles ' +
  '(the value at rank ⌈p/100·n⌉ of the sorted sample), stated only from at least the fewest values that put at least one ' +
  `value beyond it on either side (p10: ${minimumSamples(10)}, p90: ${minimumSamples(90)}, p99: ${minimumSamples(99)}); ` +
  'CV = sample standard deviation (n−1) / mean.';

/** The nearest rank (1-based) of the p-th percentile in a sample of n (0 < p ≤ 100). */
export function nearestRankIndex(n: number, p: number): number {
  if (!(p > 0 && p <= 100)) throw new Error(`percentile ${p} is outside (0, 100]`);
  // p·n first: (p / 100)·n rounds 99/100·100 up to 99.00000000000001, whose ceiling is 100.
  return Math.max(Math.ceil((p * n) / 100), 1);
}

/** The nearest-rank p-th percentile of an ascending sample (0 < p ≤ 100). */
export function nearestRank(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('nearestRank of an empty sample');
  return sorted[nearestRankIndex(sorted.length, p) - 1]!;
}

/**
 * The fewest values from which the nearest-rank p-th percentile is neither the smallest nor the
 * largest of them: at least one observed value lies beyond it on either side, so it says something
 * the minimum and maximum do not. p10: 11, p90: 10, p99: 100 (0 < p < 100).
 */
export function minimumSamples(p: number): number {
  if (!(p > 0 && p < 100)) throw new Error(`percentile ${p} is outside (0, 100)`);
  for (let n = 3; ; n++) {
    const rank = nearestRankIndex(n, p);
    if (rank > 1 && rank < n) return n;
  }
}

/** The median of an ascending sample. */
export function median(sorted: readonly number[]): number {
  if (sorted.length === 0) throw new Error('median of an empty sample');
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The p-th percentile, or null when the sample is too small to have one (minimumSamples). */
function statedPercentile(sorted: readonly number[], p: ReportedPercentile): number | null {
  return sorted.length >= minimumSamples(p) ? nearestRank(sorted, p) : null;
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
    p10: statedPercentile(sorted, 10),
    p90: statedPercentile(sorted, 90),
    p99: statedPercentile(sorted, 99),
    mean,
    stddev,
    cv: mean === 0 ? 0 : stddev / mean,
  };
}

/** Whether two samples' p10–p90 ranges overlap: then their order may flip from run to run. Without
 * both ranges (too few values) the order is not known either, which counts as overlapping. */
export function rangesOverlap(a: Pick<Stats, 'p10' | 'p90'>, b: Pick<Stats, 'p10' | 'p90'>): boolean {
  if (a.p10 === null || a.p90 === null || b.p10 === null || b.p90 === null) return true;
  return a.p10 <= b.p90 && b.p10 <= a.p90;
}

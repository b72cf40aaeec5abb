// The limits of the report's self-checks (selfChecks.ts), in one place, each with the reason it
// sits where it does. bench.json carries them with every run, so a flag can be read against the
// limit that raised it.

/** The checks a figure can fail; each flag names one. */
export type CheckName = 'above-ceiling' | 'percentile-undersampled' | 'cv-too-large' | 'repetitions-disagree' | 'ceiling-placement';

/** One limit: its value, how the measured quantity is computed, and why the limit is there. */
export interface CheckLimit {
  check: CheckName;
  value: number;
  /** The quantity compared with `value`, and the direction that raises the flag. */
  test: string;
  why: string;
}

/** Relative standard error of a median (1.2533 · CV / √n) above which the median is not stated. */
export const MEDIAN_STANDARD_ERROR_LIMIT = 0.1;
/** The large-sample ratio of the median's standard error to the mean's for normal data (√(π/2)). */
export const MEDIAN_ERROR_FACTOR = Math.sqrt(Math.PI / 2);
/** (p90 − p10) / median above which the repetitions do not agree on a median. */
export const SPREAD_LIMIT = 0.5;
/** Throughput / copy ceiling above which one of the two figures is wrong. */
export const CEILING_LIMIT = 1;
/** Worst / best placement of the copy ceiling below which placement decides the copy rate. */
export const PLACEMENT_LIMIT = 0.5;

/** The largest coefficient of variation a median of n values may have and still be stated. */
export function cvLimit(n: number): number {
  return (MEDIAN_STANDARD_ERROR_LIMIT * Math.sqrt(n)) / MEDIAN_ERROR_FACTOR;
}

export const CHECK_LIMITS: readonly CheckLimit[] = [
  {
    check: 'above-ceiling',
    value: CEILING_LIMIT,
    test: 'median throughput of a copy-based mechanism / median copy ceiling (ref-memcpy) of the same chunk size > 1',
    why: 'A mechanism that copies its data (a pipe or socket copies each byte in and out, a shared ring twice) cannot move bytes faster than the CPU copies them from one buffer to another: a throughput above the ceiling means the ceiling was measured wrong (as at one unlucky buffer placement) or the mechanism did not copy. Either way the share of the ceiling is no result, and neither is the ceiling.',
  },
  {
    check: 'percentile-undersampled',
    value: 1,
    test: 'values beyond the nearest-rank percentile on either side < 1, i.e. n < minimumSamples(p): 11 for p10, 10 for p90, 100 for p99',
    why: 'With fewer values the nearest rank is the minimum or the maximum itself (with 11 repetitions the "p99" is the largest of them): it would state an extreme as a percentile. It is left out (null) instead.',
  },
  {
    check: 'cv-too-large',
    value: MEDIAN_STANDARD_ERROR_LIMIT,
    test: 'relative standard error of the median, √(π/2) · CV / √n, > 0.10 (with 11 repetitions: CV > 26.5 %)',
    why: 'The report shows three significant digits and sets mechanisms side by side whose figures differ by tens of percent; a median uncertain by more than ±10 % (one standard error, normal approximation) cannot carry either, so it is withheld.',
  },
  {
    check: 'repetitions-disagree',
    value: SPREAD_LIMIT,
    test: '(p90 − p10) / median > 0.5: the middle 80 % of the repetitions spread over more than half the median',
    why: 'The CV misses two clusters of repetitions (the scheduler putting both processes on one CPU in some repetitions and on two in others) when one holds most of them: the median is then whichever cluster won, not a typical value. Beyond ±25 % around the median the repetitions measured different things, and the median is withheld. p10 and p90 leave one repetition out at either end (n = 11), so one stray value does not raise it.',
  },
  {
    check: 'ceiling-placement',
    value: PLACEMENT_LIMIT,
    test: 'median copy rate at the worst destination offset / at the best < 0.5',
    why: "The ceiling is the best placement, so it stands; but a copy rate that halves with the buffers' distance modulo 4096 means any copy the mechanisms make (and a ceiling measured at a single placement) may run at either rate: the report names the offsets and their rates.",
  },
];

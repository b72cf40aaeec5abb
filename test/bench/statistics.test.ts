// Percentiles are stated only from enough values (statistics.ts): the fewest values for each, and
// what a summary of 11 repetitions (the default run) and of 100 holds.
import { describe, expect, test } from 'vitest';
import { minimumSamples, nearestRank, nearestRankIndex, summarize } from '../../runners/bench/statistics.js';

describe('the fewest values a nearest-rank percentile needs', () => {
  test('p10 needs 11, p90 10, p99 100, the median 3', () => {
    expect(minimumSamples(10)).toBe(11);
    expect(minimumSamples(90)).toBe(10);
    expect(minimumSamples(99)).toBe(100);
    expect(minimumSamples(50)).toBe(3);
    expect(() => minimumSamples(100)).toThrow(/outside/);
  });

  test('one value fewer puts the percentile on the extreme itself', () => {
    for (const p of [10, 90, 99]) {
      const n = minimumSamples(p);
      expect(nearestRankIndex(n, p), `p${p} at n ${n}`).toBeGreaterThan(1);
      expect(nearestRankIndex(n, p), `p${p} at n ${n}`).toBeLessThan(n);
      const rank = nearestRankIndex(n - 1, p);
      expect(rank === 1 || rank === n - 1, `p${p} at n ${n - 1}: rank ${rank}`).toBe(true);
    }
  });

  test('p99 of 100 values is the 99th, not the maximum (0.99 · 100 is 99.00000000000001 in floating point)', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(nearestRankIndex(100, 99)).toBe(99);
    expect(nearestRank(hundred, 99)).toBe(99);
    expect(summarize(hundred)).toMatchObject({ n: 100, p10: 10, p90: 90, p99: 99, max: 100 });
  });
});

describe('a summary of the repetitions', () => {
  // rtt.pipe.64.same of a quick host run, 11 repetitions (ns).
  const pipe = [4320, 4403, 4369, 4554, 4381, 4462, 4440, 4386, 4396, 4367, 4389];

  test('11 repetitions: p10 and p90 are the second smallest and second largest, p99 is not stated', () => {
    const s = summarize(pipe)!;
    expect(s).toMatchObject({ n: 11, min: 4320, p10: 4367, median: 4389, p90: 4462, max: 4554, p99: null });
  });

  test('9 values (two repetitions broke): no p10, no p99; p90 needs 10 too', () => {
    expect(summarize(pipe.slice(0, 9))).toMatchObject({ n: 9, p10: null, p90: null, p99: null });
    expect(summarize(pipe.slice(0, 10))).toMatchObject({ n: 10, p10: null, p99: null });
    expect(summarize(pipe.slice(0, 10))!.p90).toBe(4462);
  });
});

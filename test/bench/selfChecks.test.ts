// Each self-check on real figures: the ones issue 18 reported (a 64 KiB ceiling of 1.6–1.9 GB/s
// under pipes of 2.2 GB/s and UNIX streams of 3.2 GB/s) and repetitions of a quick host run of
// this machine, so that a check is seen both to fire and to stay quiet where it should.
import { describe, expect, test } from 'vitest';
import { allWorkloads, QUICK_DURATIONS } from '../../bench/workloads.js';
import { benchMarkdown } from '../../runners/bench/benchReport.js';
import { checkWorkloads, computeRatios } from '../../runners/bench/benchResult.js';
import { cvLimit } from '../../runners/bench/checkLimits.js';
import { type Flag, medianWithheldBy } from '../../runners/bench/selfChecks.js';
import { reportOf, workloadFrom } from './support.js';

const plan = allWorkloads(QUICK_DURATIONS);
const measured = (id: string, values: readonly number[], evidence: (i: number) => Record<string, number> = () => ({})) =>
  workloadFrom(plan, id, values, evidence);
const checksOf = (...workloads: ReturnType<typeof measured>[]) => checkWorkloads(workloads).flags;
const named = (flags: readonly Flag[], check: string) => flags.filter((f) => f.check === check);

/** 11 repetitions spread like the issue's three runs: 1.6 to 1.9 GB/s. */
const issueCeiling = [1.62e9, 1.65e9, 1.68e9, 1.7e9, 1.72e9, 1.75e9, 1.77e9, 1.8e9, 1.84e9, 1.87e9, 1.9e9];
/** The same copy at its best placement on this machine (the fixed probe, GB/s ×1e9). */
const fixedCeiling = [134.4e9, 136.5e9, 137.7e9, 131.6e9, 135.1e9, 133.9e9, 136.2e9, 134.8e9, 132.7e9, 135.6e9, 136.9e9];
const around = (median: number) => [0.97, 0.98, 0.99, 0.995, 1, 1, 1, 1.005, 1.01, 1.02, 1.03].map((f) => Math.round(median * f));

describe('above-ceiling', () => {
  test("the issue's figures: pipe 2,202 MB/s and UNIX stream 3,172 MB/s over a 1.75 GB/s ceiling are flagged, their shares and the ceiling withheld", () => {
    const workloads = [
      measured('reference.ref-memcpy.65536', issueCeiling),
      measured('throughput.pipe.65536.same', around(2.202e9)),
      measured('throughput.unix-stream.65536.same', around(3.172e9)),
      measured('throughput.shm-spin.65536.same', around(1.2e9)),
    ];
    const flags = checksOf(...workloads);
    const above = named(flags, 'above-ceiling');
    expect(above.map((f) => [f.workload, f.figure, f.withheld])).toEqual([
      ['throughput.pipe.65536.same', 'share of the copy ceiling', true],
      ['throughput.unix-stream.65536.same', 'share of the copy ceiling', true],
      ['reference.ref-memcpy.65536', 'median', true],
    ]);
    expect(above[0]!.measured.share).toBeCloseTo(2.202 / 1.75, 2);
    expect(above[0]!.reason).toMatch(/^2,202 MB\/s is 126 % of the copy ceiling 1,750 MB\/s/);
    const ratios = computeRatios(workloads, flags).memcpyFraction;
    expect(ratios.find((r) => r.workload === 'throughput.pipe.65536.same')!.withheld).toEqual(['above-ceiling']);
    // shm-spin stays below the ceiling, but the ceiling it is a share of is withheld.
    expect(ratios.find((r) => r.workload === 'throughput.shm-spin.65536.same')!.withheld).toEqual(['above-ceiling']);
    const md = benchMarkdown(reportOf(workloads, flags));
    expect(md).toMatch(/\| pipe \| withheld: above-ceiling \| — \| — \|/);
    expect(md).toMatch(/\| ref-memcpy 65536 B \| {2}\| withheld: above-ceiling \| MB\/s \|/);
    expect(md).toContain(
      '| throughput.unix-stream.65536.same | share of the copy ceiling | withheld | above-ceiling | 3,172 MB/s is 181 % of the copy ceiling 1,750 MB/s',
    );
    expect(md).not.toMatch(/\| (pipe|unix-stream|shm-spin) \| [\d.,]+% \|/); // no share of a contradicted ceiling is printed
  });

  test('the ceiling measured at its best placement bounds the same throughputs: no flag, shares stated', () => {
    const workloads = [
      measured('reference.ref-memcpy.65536', fixedCeiling),
      measured('throughput.pipe.65536.same', around(2.202e9)),
      measured('throughput.unix-stream.65536.same', around(3.172e9)),
    ];
    const flags = checksOf(...workloads);
    expect(named(flags, 'above-ceiling')).toEqual([]);
    expect(computeRatios(workloads, flags).memcpyFraction.map((r) => r.withheld)).toEqual([[], []]);
  });

  test('a throughput only compares with the ceiling of its own chunk size', () => {
    const smallCopies = { ...measured('reference.ref-memcpy.65536', issueCeiling), id: 'reference.ref-memcpy.4096', size: 4096 };
    expect(named(checksOf(smallCopies, measured('throughput.pipe.65536.same', around(2.202e9))), 'above-ceiling')).toEqual([]);
  });
});

describe('percentile-undersampled', () => {
  test('11 repetitions: one run-wide flag for p99; a workload with 9 values also loses p10 and p90', () => {
    const flags = checksOf(
      measured('rtt.pipe.64.same', [4320, 4403, 4369, 4554, 4381, 4462, 4440, 4386, 4396, 4367, 4389]),
      measured('rtt.fifo.64.same', [4750, 4790, 4670, 4810, 4720, 4760, 4740, 4700, 4780]),
    );
    expect(named(flags, 'percentile-undersampled').map((f) => [f.workload, f.figure, f.measured.n, f.measured.needed])).toEqual([
      ['rtt.fifo.64.same', 'p10', 9, 11],
      ['rtt.fifo.64.same', 'p90', 9, 10],
      [null, 'p99', 11, 100],
    ]);
  });
});

describe('cv-too-large and repetitions-disagree', () => {
  test('a steady workload (rtt.pipe.64.same, CV 1.4 %) raises neither', () => {
    expect(checksOf(measured('rtt.pipe.64.same', [4320, 4403, 4369, 4554, 4381, 4462, 4440, 4386, 4396, 4367, 4389]))).toEqual([
      expect.objectContaining({ check: 'percentile-undersampled' }),
    ]);
  });

  test('rtt.pipe.64.free, two clusters (4.3 and 32 µs): both checks withhold the median', () => {
    const flags = checksOf(measured('rtt.pipe.64.free', [32175, 32613, 4399, 4383, 4561, 44279, 4323, 4559, 33406, 4340, 13629]));
    expect(medianWithheldBy(flags, 'rtt.pipe.64.free')).toEqual(['cv-too-large', 'repetitions-disagree']);
    expect(named(flags, 'cv-too-large')[0]!.measured.cv).toBeGreaterThan(0.9);
  });

  test('one stray repetition (rtt.posix-mq.64.same: 12.3 µs among 5.1 µs) raises the CV check only', () => {
    const flags = checksOf(measured('rtt.posix-mq.64.same', [5144, 5161, 5065, 5152, 5166, 5192, 5279, 12250, 5131, 5063, 5206]));
    expect(medianWithheldBy(flags, 'rtt.posix-mq.64.same')).toEqual(['cv-too-large']);
    expect(named(flags, 'cv-too-large')[0]!.reason).toMatch(
      /^CV 36\.\d % over 11 repetitions puts the median's standard error at ±1\d\.\d %/,
    );
  });

  test('rtt.unix-dgram.64.split, two of 11 repetitions at 54 µs: CV 18.6 % passes, the spread (53 %) does not', () => {
    const values = [35253, 41199, 37645, 35765, 54598, 36089, 54229, 36926, 35961, 35712, 35044];
    const flags = checksOf(measured('rtt.unix-dgram.64.split', values));
    expect(medianWithheldBy(flags, 'rtt.unix-dgram.64.split')).toEqual(['repetitions-disagree']);
    expect(named(flags, 'repetitions-disagree')[0]!.measured.spread).toBeCloseTo((54229 - 35253) / 36089, 6);
    expect(cvLimit(11)).toBeCloseTo(0.2646, 4);
  });

  test('CPU per message is checked like the figure beside it', () => {
    const flags = checksOf(
      measured('rate.posix-mq.64.free', around(845953), (i) => ({
        cpu_ns_per_op: [1260, 1280, 3010, 1300, 2950, 1270, 1360, 2800, 1290, 1310, 3000][i]!,
      })),
    );
    expect(flags.filter((f) => f.figure === 'cpu_ns_per_op').map((f) => f.check)).toEqual(['cv-too-large', 'repetitions-disagree']);
    expect(medianWithheldBy(flags, 'rate.posix-mq.64.free')).toEqual([]);
    // bench.md shows round trips' CPU time only in free placement: elsewhere it is not a stated figure.
    const cpu = (i: number) => ({ cpu_ns_per_op: [4400, 9000, 4500, 12000, 4450, 4420, 9900, 4380, 4410, 4390, 11000][i]! });
    expect(checksOf(measured('rtt.pipe.64.same', around(4389), cpu)).filter((f) => f.figure === 'cpu_ns_per_op')).toEqual([]);
    expect(checksOf(measured('rtt.pipe.64.free', around(4389), cpu)).filter((f) => f.figure === 'cpu_ns_per_op')).toHaveLength(2);
  });
});

describe('ceiling-placement', () => {
  const offsets = (rates: Record<number, number>) => (i: number) =>
    Object.fromEntries(Object.entries(rates).map(([offset, rate]) => [`offset_${offset}_bytes_per_s`, rate * (1 + (i % 3) / 100)]));

  test('16 B past the source at 1.7 GB/s against 133 GB/s elsewhere: flagged, the ceiling stated', () => {
    const flags = checksOf(
      measured(
        'reference.ref-memcpy.65536',
        around(133.3e9),
        offsets({ 0: 133.3e9, 16: 1.7e9, 64: 132.7e9, 2048: 132.5e9, 4080: 132.9e9 }),
      ),
    );
    const placement = named(flags, 'ceiling-placement');
    expect(placement.map((f) => [f.workload, f.withheld, f.measured.worstOffset, f.measured.bestOffset])).toEqual([
      ['reference.ref-memcpy.65536', false, 16, 0],
    ]);
    expect(placement[0]!.reason).toMatch(/with the destination 16 B past the source modulo 4096/);
    expect(medianWithheldBy(flags, 'reference.ref-memcpy.65536')).toEqual([]);
  });

  test("this machine's own quarter (101 against 134 GB/s at 16 B) stays below the limit", () => {
    const flags = checksOf(
      measured(
        'reference.ref-memcpy.65536',
        around(134.4e9),
        offsets({ 0: 133.5e9, 16: 100.9e9, 64: 133.7e9, 2048: 134.4e9, 4080: 133.5e9 }),
      ),
    );
    expect(named(flags, 'ceiling-placement')).toEqual([]);
  });
});

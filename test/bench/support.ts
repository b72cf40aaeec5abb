// Results made from given values for the bench's tests: a workload of the plan measured over
// repetitions 1..n (a warm-up repetition 0 beside them, which the statistics must leave out), and
// the smallest whole run around some workloads that the report renders.
import type { Workload } from '../../bench/workloads.js';
import { BENCH_FORMAT, type BenchResult, computeRatios, type WorkloadResult, workloadResult } from '../../runners/bench/benchResult.js';
import { CHECK_LIMITS } from '../../runners/bench/checkLimits.js';
import type { RawObservation } from '../../runners/bench/schedule.js';
import type { Flag } from '../../runners/bench/selfChecks.js';

/** The plan's workload `id` with `values` as its measured repetitions and `evidence(i)` for the i-th. */
export function workloadFrom(
  plan: readonly Workload[],
  id: string,
  values: readonly number[],
  evidence: (i: number) => Record<string, number> = () => ({}),
): WorkloadResult {
  const workload = plan.find((w) => w.id === id);
  if (!workload) throw new Error(`no workload ${id} in the plan`);
  const observation = (repetition: number, value: number, extra: Record<string, number>): RawObservation => ({
    workload: id,
    repetition,
    warmup: repetition === 0,
    position: 0,
    status: 'ok',
    value,
    errno: null,
    evidence: extra,
  });
  // The warm-up is far off every value: were it counted, every statistic would show it.
  const observations = [observation(0, values[0]! * 1000, evidence(0)), ...values.map((v, i) => observation(i + 1, v, evidence(i)))];
  return workloadResult(workload, observations);
}

/** A run of `workloads` with their `flags`, enough for benchMarkdown. */
export function reportOf(workloads: WorkloadResult[], flags: Flag[]): BenchResult {
  const facts = { cpuModel: 'test CPU', cpusOnline: 2, cpusAllowed: 2, kernel: '6.1.0-test', hypervisor: false, pageSize: 4096 };
  return {
    format: BENCH_FORMAT,
    environment: 'host',
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:01:00.000Z',
    seed: 1,
    repetitions: 11,
    durations: { rttMs: 5, throughputMs: 100, rateMs: 50, referenceMs: 5 },
    only: null,
    machine: {
      environment: 'host',
      runtime: 'host (no container)',
      description: { name: 'host', kernel: '6.1.0-test', runtime: 'host' } as BenchResult['machine']['description'],
      facts: facts as BenchResult['machine']['facts'],
      loadavgBefore: '0.00',
      loadavgAfter: '0.00',
      flag: null,
    },
    method: [],
    workloads,
    ratios: computeRatios(workloads, flags),
    checks: { limits: CHECK_LIMITS, flags },
    stressNg: { status: 'not asked', secondsPerStressor: 0, stressors: [], comparisons: [] },
    repetitionRecords: [],
    observations: [],
  };
}

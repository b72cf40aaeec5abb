// One workload's outcome in a run: its status, the statistics of its measured repetitions (never
// the warm-up) and of every numeric evidence field.
import type { UnavailableWorkload, Workload } from '../../bench/workloads.js';
import type { RawObservation } from './schedule.js';
import { type Stats, summarize } from './statistics.js';

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

// The copy ceiling in a run's results: the ref-memcpy workloads (one per copy size), and the rate
// each destination offset gave, from bench-probe's offset_<N>_bytes_per_s evidence.

import type { Stats } from './statistics.js';
import type { WorkloadResult } from './workloadResult.js';

/** The reference case that measures the ceiling. */
export const CEILING_MECHANISM = 'ref-memcpy';

/** One destination offset (modulo 4096) of the ceiling and its rates over the repetitions. */
export interface OffsetRate {
  offset: number;
  stats: Stats;
}

/** The ceiling workloads that gave figures, by copy size. */
export function ceilingsBySize(workloads: readonly WorkloadResult[]): Map<number, WorkloadResult> {
  const ceilings = new Map<number, WorkloadResult>();
  for (const w of workloads) if (w.mechanism === CEILING_MECHANISM && w.stats && w.size !== null) ceilings.set(w.size, w);
  return ceilings;
}

/** A ceiling workload's rate per offset, in offset order (empty for a result without them). */
export function offsetRates(ceiling: WorkloadResult): OffsetRate[] {
  const rates: OffsetRate[] = [];
  for (const [key, stats] of Object.entries(ceiling.evidenceStats)) {
    const match = /^offset_(\d+)_bytes_per_s$/.exec(key);
    if (match) rates.push({ offset: Number(match[1]), stats });
  }
  return rates.sort((a, b) => a.offset - b.offset);
}

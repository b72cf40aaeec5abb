// `bench --only`: the workloads of the plan whose id matches one of the globs.
import type { Workload } from '../../bench/workloads.js';
import { selectByGlobs } from '../selection/globSelection.js';

/** The workloads whose id matches one of the comma-separated globs (all when `only` is absent). */
export function selectWorkloads(workloads: Workload[], only?: string): Workload[] {
  return selectByGlobs(workloads, (w) => w.id, only, 'matches no workload (ids look like rtt.pipe.64.free)');
}

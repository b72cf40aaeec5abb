// bench.md's view of the self-checks: table cells that show a withheld figure as its flag instead of
// a number, and the Self-checks section listing the limits with their reasons and every flag with
// the numbers that raised it.
import type { BenchResult } from './benchResult.js';
import { CHECK_LIMITS } from './checkLimits.js';
import { formatStatsCell, markdownTable } from './format.js';
import { type Flag, medianWithheldBy } from './selfChecks.js';
import type { WorkloadResult } from './workloadResult.js';

const flagsOf = (result: BenchResult) => result.checks?.flags ?? [];

/** The checks that withhold a figure of a workload (its median by default) in this run. */
export function withheldBy(result: BenchResult, workload: string, figure = 'median'): string[] {
  return medianWithheldBy(flagsOf(result), workload, figure);
}

/** Flags on a workload that leave its median stated but mark it (above-ceiling, placement). */
function marksOn(result: BenchResult, workload: string): string[] {
  const marks = flagsOf(result).filter((f) => f.workload === workload && f.figure !== 'median' && f.check !== 'percentile-undersampled');
  return [...new Set(marks.map((f) => f.check))];
}

/** What a withheld figure's cell says instead of the figure. */
export const withheldText = (checks: readonly string[]) => `withheld: ${checks.join(', ')}`;

/**
 * A table cell for a figure of a workload (`median`: its value; else an evidence field such as
 * cpu_ns_per_op): the statistics, or the checks that withhold it, or why there are none. The
 * value's cell is marked with ⚑ and the check's name when a check flagged the workload without
 * withholding the value.
 */
export function checkedCell(result: BenchResult, w: WorkloadResult | undefined, unit: string, figure = 'median'): string {
  if (!w) return '—';
  if (w.status === 'unavailable') return 'unavailable';
  const broken = w.brokenCount > 0 ? ` (${w.brokenCount} broken)` : '';
  const withheld = withheldBy(result, w.id, figure);
  if (withheld.length) return `${withheldText(withheld)}${broken}`;
  const stats = figure === 'median' ? w.stats : w.evidenceStats[figure];
  const marks = figure === 'median' ? marksOn(result, w.id) : [];
  return `${formatStatsCell(stats, unit)}${broken}${marks.map((m) => ` ⚑ ${m}`).join('')}`;
}

/** One row per flagged figure: its checks and their reasons together. */
function flagRows(flags: readonly Flag[]): string[][] {
  const groups = new Map<string, Flag[]>();
  for (const flag of flags) {
    const key = `${flag.workload ?? ''}\u0000${flag.figure}`;
    groups.set(key, [...(groups.get(key) ?? []), flag]);
  }
  return [...groups.values()].map((group) => [
    group[0]!.workload ?? 'every workload',
    group[0]!.figure,
    group.some((f) => f.withheld) ? 'withheld' : 'marked ⚑',
    group.map((f) => f.check).join(', '),
    group.map((f) => f.reason).join(' '),
  ]);
}

/** The Self-checks section: what is checked, the limits and why, and what this run raised. */
export function checksSection(result: BenchResult): string[] {
  const flags = flagsOf(result);
  const limits = result.checks?.limits ?? CHECK_LIMITS;
  const lines = [
    '## Self-checks',
    '',
    "Every workload's figure (and the CPU time per message where it is shown) is checked before it is stated. A withheld figure appears in the tables as `withheld: <check>`, a marked one with ⚑ and the check's name; bench.json keeps every raw value and lists the flags under `checks.flags`.",
    '',
    markdownTable(
      ['check', 'flags when', 'limit', 'why'],
      limits.map((l) => [l.check, l.test, String(l.value), l.why]),
    ),
    '',
  ];
  if (flags.length === 0) return [...lines, 'No check raised a flag in this run.', ''];
  const counts = [...new Set(flags.map((f) => f.check))].map((check) => `${check} ${flags.filter((f) => f.check === check).length}`);
  lines.push(
    `${flags.length} flags (${counts.join(', ')}):`,
    '',
    markdownTable(['workload', 'figure', 'effect', 'checks', 'reasons'], flagRows(flags)),
    '',
  );
  return lines;
}

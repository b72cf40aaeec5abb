// For a soak: the properties stated as a bound (at least / at most N) whose observed number moved
// between runs, with the lowest and highest value seen. A verdict that never changed can still have
// come close to its bound; this shows how close, before a run where it does not hold.
import { EXPECTATIONS } from '../../specs/expectations.js';
import type { VerdictFile } from '../verdict/verdict.js';

/** How a stored verdict records a bound form's limit (`atLeast`, `atMost`). */
const BOUNDS = Object.values(EXPECTATIONS).flatMap((form) => ('bound' in form && form.bound ? [form.reportedAs] : []));

/** One bounded property's observed values over the runs. */
export interface BoundSpread {
  property: string;
  /** e.g. "atLeast 9" */
  bound: string;
  lowest: number;
  highest: number;
}

/** The bounded properties whose value was a number in every run and not the same number in all. */
export function boundSpreads(files: readonly VerdictFile[]): BoundSpread[] {
  const spreads: BoundSpread[] = [];
  for (const first of files[0]?.verdicts ?? []) {
    const key = BOUNDS.find((name) => typeof first.expected?.[name] === 'number');
    if (!key) continue;
    const values = files.map((file) => file.verdicts.find((v) => v.property === first.property)?.observed?.value);
    if (!values.every((value): value is number => typeof value === 'number')) continue;
    const [lowest, highest] = [Math.min(...values), Math.max(...values)];
    if (lowest !== highest) spreads.push({ property: first.property, bound: `${key} ${String(first.expected![key])}`, lowest, highest });
  }
  return spreads;
}

/** The Markdown section of soak.md for the spreads. */
export function boundSpreadsMarkdown(spreads: readonly BoundSpread[]): string {
  if (spreads.length === 0) return 'Every property stated as a bound observed the same value in every run.';
  return [
    'Values that moved between runs, for properties stated as a bound (a count of supporting pairs, a size, a time):',
    '',
    '| property | bound | lowest | highest |',
    '|---|---|---|---|',
    ...spreads.map((s) => `| ${s.property} | ${s.bound} | ${s.lowest} | ${s.highest} |`),
  ].join('\n');
}

// Compares verdicts across environments: what `ipc-conformance diff` prints and what the matrix
// cells show. Timing (elapsed_ns, delay_ns) differs on every run, so only the verdict and the
// observed value, errno and signal count as a difference.
import type { Verdict, VerdictFile } from '../verdict/verdict.js';

/** The observed facts that must match for two environments to agree on a property. */
export function comparableObservation(verdict: Verdict | undefined): string {
  if (!verdict) return 'absent';
  const { value, errno, signal } = (verdict.observed ?? {}) as Record<string, unknown>;
  const parts = [`value=${JSON.stringify(value ?? null)}`];
  if (errno) parts.push(`errno=${String(errno)}`);
  if (signal) parts.push(`signal=${String(signal)}`);
  return parts.join(' ');
}

/** A matrix or diff cell: the status, with the observed facts when the property did not pass. */
export function cellText(verdict: Verdict | undefined): string {
  if (!verdict) return '—';
  if (verdict.status === 'passed') return 'passed';
  if (verdict.status === 'skipped') return 'skipped';
  if (verdict.status === 'broken') return `broken: ${(verdict.reason ?? '').slice(0, 120)}`;
  return `failed: ${comparableObservation(verdict)}`;
}

/** One property whose verdict or observation differs between two environments. */
export interface Difference {
  property: string;
  left: Verdict | undefined;
  right: Verdict | undefined;
}

/** Every property (in first-seen order) whose status or observed value differs between a and b. */
export function differences(a: VerdictFile, b: VerdictFile): Difference[] {
  const left = new Map(a.verdicts.map((v) => [v.property, v]));
  const right = new Map(b.verdicts.map((v) => [v.property, v]));
  const ids = [...new Set([...left.keys(), ...right.keys()])];
  return ids
    .map((property) => ({ property, left: left.get(property), right: right.get(property) }))
    .filter(
      ({ left: l, right: r }) =>
        l?.status !== r?.status || (l?.status !== 'skipped' && comparableObservation(l) !== comparableObservation(r)),
    );
}

/** A Markdown table of the differences, with each side's status and observation. */
export function formatDifferences(a: VerdictFile, b: VerdictFile, found: Difference[]): string {
  const [nameA, nameB] = [a.environment.name, b.environment.name];
  if (found.length === 0) return `no differences between ${nameA} and ${nameB} (${a.verdicts.length} properties)`;
  const describe = (v: Verdict | undefined) => (v ? `${v.status}: ${comparableObservation(v)}` : 'absent');
  const rows = found.map(({ property, left, right }) => `| ${property} | ${describe(left)} | ${describe(right)} |`);
  return [`| property | ${nameA} | ${nameB} |`, '|---|---|---|', ...rows, '', `${found.length} of ${new Set([...a.verdicts, ...b.verdicts].map((v) => v.property)).size} properties differ`].join('\n');
}

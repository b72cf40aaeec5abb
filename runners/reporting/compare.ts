// Compares verdicts across environments: what `ipc-conformance diff` prints and what the matrix
// cells show. Two runs differ on a property when its verdict differs, or when a fact that its
// expectation pins down differs. Timing differs on every run; and where the spec states a bound or
// a relation (at least N, blocks, equals the peer's pid), the exact number is a measurement that
// moves from run to run, so there only the verdict counts.
import { factsPinnedBy, PINNABLE_FACTS } from '../../specs/expectations.js';
import type { Verdict, VerdictFile } from '../verdict/verdict.js';

/** The observed value, errno and signal as one line, e.g. `value=4096 errno=EAGAIN`. */
export function observedText(verdict: Verdict | undefined): string {
  if (!verdict) return 'absent';
  const { value, errno, signal } = (verdict.observed ?? {}) as Record<string, unknown>;
  const parts = [`value=${JSON.stringify(value ?? null)}`];
  if (errno) parts.push(`errno=${String(errno)}`);
  if (signal) parts.push(`signal=${String(signal)}`);
  return parts.join(' ');
}

/** The facts of a verdict that another run must reproduce to agree with it. */
function pinnedFacts(verdict: Verdict | undefined): string {
  if (!verdict) return 'absent';
  // Each expectation form says what it pins (specs/expectations.ts), read from the verdict's
  // resolved expectation so that verdict files of earlier runs compare too.
  const pinned = factsPinnedBy(verdict.expected ?? {});
  if (pinned.length === 0) return `${verdict.status}`;
  const observed = (verdict.observed ?? {}) as Record<string, unknown>;
  return `${verdict.status} ${JSON.stringify(PINNABLE_FACTS.map((fact) => (pinned.includes(fact) ? (observed[fact] ?? null) : null)))}`;
}

/** A matrix or diff cell: the status, with the observed facts when the property did not pass. */
export function cellText(verdict: Verdict | undefined): string {
  if (!verdict) return '—';
  if (verdict.status === 'passed') return 'passed';
  if (verdict.status === 'skipped') return 'skipped';
  if (verdict.status === 'broken') return `broken: ${(verdict.reason ?? '').slice(0, 120)}`;
  return `failed: ${observedText(verdict)}`;
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
    .filter(({ left: l, right: r }) => l?.status !== r?.status || (l?.status !== 'skipped' && pinnedFacts(l) !== pinnedFacts(r)));
}

/**
 * A Markdown table of the differences, with each side's status and observation. `names` head the
 * two sides (the CLI gives their labels: machine, kernel, runtime); the environment names otherwise.
 */
export function formatDifferences(
  a: VerdictFile,
  b: VerdictFile,
  found: Difference[],
  names: [string, string] = [a.environment.name, b.environment.name],
): string {
  const [nameA, nameB] = names;
  if (found.length === 0) return `no differences between ${nameA} and ${nameB} (${a.verdicts.length} properties)`;
  const describe = (v: Verdict | undefined) => (v ? `${v.status}: ${observedText(v)}` : 'absent');
  const rows = found.map(({ property, left, right }) => `| ${property} | ${describe(left)} | ${describe(right)} |`);
  return [
    `| property | ${nameA} | ${nameB} |`,
    '|---|---|---|',
    ...rows,
    '',
    `${found.length} of ${new Set([...a.verdicts, ...b.verdicts].map((v) => v.property)).size} properties differ`,
  ].join('\n');
}

// The table `ipc-conformance run` prints: verdict counts per mechanism, then every property that
// did not pass with its reason, then what the performance measurements measured. Those measure the
// tutorial's performance table for the claims audit; they pass once measured (specs/performance.spec.ts),
// so their row counts measurements, and whether the table's statements hold is the audit's to say.
import { countByStatus, VERDICT_STATUSES, type Verdict } from '../verdict/verdict.js';

/**
 * The mechanism of the measurements (specs/performance.spec.ts). Told by mechanism, not by kind: a
 * mechanism's own `performance` property (tcp.performance.tcp-nodelay-…) is a documented, gating one.
 */
const MEASUREMENTS = 'performance';

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  '))
    .join('\n');
}

/** The summary as text, ready to print. */
export function formatSummary(environment: string, verdicts: readonly Verdict[]): string {
  const mechanisms = [...new Set(verdicts.map((v) => v.mechanism))];
  const rows = [['mechanism', ...VERDICT_STATUSES]];
  for (const mechanism of mechanisms) {
    const counts = countByStatus(verdicts.filter((v) => v.mechanism === mechanism));
    rows.push([mechanism === MEASUREMENTS ? `${mechanism} (measured)` : mechanism, ...VERDICT_STATUSES.map((s) => String(counts[s]))]);
  }
  const total = countByStatus(verdicts);
  rows.push([`total (${environment})`, ...VERDICT_STATUSES.map((s) => String(total[s]))]);
  const lines = [table(rows)];
  const notPassed = verdicts.filter((v) => v.status !== 'passed');
  if (notPassed.length) {
    lines.push('');
    for (const v of notPassed) lines.push(`${v.status.toUpperCase().padEnd(7)} ${v.property}: ${v.reason ?? ''}`);
  }
  const measured = verdicts.filter(
    (v) => v.mechanism === MEASUREMENTS && v.status === 'passed' && typeof v.observed?.measured === 'string',
  );
  if (measured.length) {
    lines.push('', "measured for the tutorial's performance table (decided by the claims audit, never failing the run):");
    for (const v of measured) lines.push(`  ${v.property}: ${String(v.observed!.measured)}`);
  }
  return lines.join('\n');
}

// How figures are shown: latencies in µs, throughput in MB/s (10^6 bytes), rates in messages per
// second, three significant digits. One place, so the report, chart, Allure and matrix agree.
import type { Stats } from './statistics.js';

/** The unit a probe unit is shown in. */
export function displayUnit(unit: string): string {
  return unit === 'ns' ? 'µs' : unit === 'B/s' ? 'MB/s' : unit;
}

/** A probe value converted to its display unit. */
export function scaled(value: number, unit: string): number {
  return unit === 'ns' ? value / 1000 : unit === 'B/s' ? value / 1e6 : value;
}

/** Three significant digits; whole numbers with thousands separators once they reach 1000. */
export function significant(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  if (value === 0) return '0';
  return String(Number(value.toPrecision(3)));
}

/** A value with its display unit: `5.21 µs`, `1,234 MB/s`. */
export function formatValue(value: number, unit: string): string {
  return `${significant(scaled(value, unit))} ${displayUnit(unit)}`;
}

/** A table cell: median [p10–p90] and the coefficient of variation, in the display unit (no unit);
 * too few values for p10 and p90 (statistics.ts) leave the range out and say how many there were. */
export function formatStatsCell(stats: Stats | null | undefined, unit: string): string {
  if (!stats) return '—';
  const s = (v: number) => significant(scaled(v, unit));
  const range = stats.p10 !== null && stats.p90 !== null ? `[${s(stats.p10)}–${s(stats.p90)}]` : `[n ${stats.n}: no p10–p90]`;
  return `${s(stats.median)} ${range} CV ${(stats.cv * 100).toFixed(1)}%`;
}

/** A ratio such as `4.2×`. */
export function formatRatio(ratio: number | null | undefined): string {
  return ratio === null || ratio === undefined || !Number.isFinite(ratio) ? '—' : `${significant(ratio)}×`;
}

/** Markdown table from a header row and body rows (pipes in cells escaped). */
export function markdownTable(header: string[], rows: string[][]): string {
  const escapeCell = (cell: string) => cell.replaceAll('|', '\\|');
  return [
    `| ${header.map(escapeCell).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(escapeCell).join(' | ')} |`),
  ].join('\n');
}

// A self-contained SVG of a run (no library, opens from disk): panel 1 the round-trip time per
// mechanism at 64 B with free placement, panel 2 throughput and message rate per mechanism, both
// on log scales (the mechanisms span four orders of magnitude) with p10–p90 whiskers.

import { RTT_PAYLOADS } from '../../bench/workloads.js';
import { withheldBy } from './benchReportChecks.js';
import type { BenchResult, WorkloadResult } from './benchResult.js';
import { displayUnit, scaled, significant } from './format.js';

/** One whisker row: a label, a median and its p10–p90 range, in display units. */
export interface ChartRow {
  label: string;
  median: number;
  p10: number;
  p90: number;
}

const WIDTH = 900;
const LABEL_WIDTH = 190;
const PLOT_LEFT = LABEL_WIDTH + 10;
const PLOT_RIGHT = WIDTH - 110;
const ROW_HEIGHT = 18;

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Decade label: 1, 10, 100, 1k, 10k, 100k, 1M … */
function decadeLabel(exponent: number): string {
  const value = 10 ** exponent;
  if (exponent >= 6) return `${10 ** (exponent - 6)}M`;
  if (exponent >= 3) return `${10 ** (exponent - 3)}k`;
  return String(Number(value.toPrecision(1)));
}

/** A workload's row, or none when it has no median or the self-checks withheld it (it is listed
 * under the chart instead); without p10/p90 (too few values) the whisker shrinks to the median. */
function rowOf(result: BenchResult, w: WorkloadResult, label: string): ChartRow | undefined {
  if (!w.stats || w.stats.median <= 0 || withheldBy(result, w.id).length) return undefined;
  const s = (v: number) => Math.max(scaled(v, w.unit), Number.MIN_VALUE);
  const { median, p10, p90 } = w.stats;
  return { label, median: s(median), p10: s(p10 ?? median), p90: s(p90 ?? median) };
}

/** Draws one panel at vertical offset `top`; returns its SVG and height. */
export function chartPanel(title: string, axisLabel: string, rows: ChartRow[], top: number): { svg: string; height: number } {
  const parts: string[] = [`<text x="10" y="${top + 16}" font-size="14" font-weight="bold">${escapeXml(title)}</text>`];
  if (rows.length === 0) {
    parts.push(`<text x="10" y="${top + 40}" font-size="12">no figures in this run</text>`);
    return { svg: parts.join('\n'), height: 60 };
  }
  const low = Math.floor(Math.log10(Math.min(...rows.map((r) => r.p10))));
  const high = Math.max(Math.ceil(Math.log10(Math.max(...rows.map((r) => r.p90)))), low + 1);
  const x = (v: number) => PLOT_LEFT + ((Math.log10(v) - low) / (high - low)) * (PLOT_RIGHT - PLOT_LEFT);
  const plotTop = top + 28;
  const plotBottom = plotTop + rows.length * ROW_HEIGHT;
  parts.push(`<text x="${PLOT_RIGHT + 8}" y="${plotTop - 4}" font-size="11" font-style="italic">median</text>`);
  for (let e = low; e <= high; e++) {
    parts.push(`<line x1="${x(10 ** e).toFixed(1)}" y1="${plotTop}" x2="${x(10 ** e).toFixed(1)}" y2="${plotBottom}" stroke="#ccc"/>`);
    parts.push(`<text x="${x(10 ** e).toFixed(1)}" y="${plotBottom + 14}" font-size="11" text-anchor="middle">${decadeLabel(e)}</text>`);
  }
  rows.forEach((row, i) => {
    const y = plotTop + i * ROW_HEIGHT + ROW_HEIGHT / 2;
    const [x10, x50, x90] = [x(row.p10), x(row.median), x(row.p90)].map((v) => v.toFixed(1));
    parts.push(`<text x="${LABEL_WIDTH}" y="${y + 4}" font-size="11" text-anchor="end">${escapeXml(row.label)}</text>`);
    parts.push(`<line x1="${x10}" y1="${y}" x2="${x90}" y2="${y}" stroke="#555"/>`);
    parts.push(
      `<line x1="${x10}" y1="${y - 4}" x2="${x10}" y2="${y + 4}" stroke="#555"/><line x1="${x90}" y1="${y - 4}" x2="${x90}" y2="${y + 4}" stroke="#555"/>`,
    );
    parts.push(
      `<circle cx="${x50}" cy="${y}" r="3.5" fill="#1f77b4"><title>${escapeXml(`${row.label}: median ${significant(row.median)}, p10 ${significant(row.p10)}, p90 ${significant(row.p90)}`)}</title></circle>`,
    );
    parts.push(`<text x="${PLOT_RIGHT + 8}" y="${y + 4}" font-size="11">${significant(row.median)}</text>`);
  });
  parts.push(
    `<text x="${(PLOT_LEFT + PLOT_RIGHT) / 2}" y="${plotBottom + 32}" font-size="12" text-anchor="middle">${escapeXml(axisLabel)}</text>`,
  );
  return { svg: parts.join('\n'), height: plotBottom + 44 - top };
}

/** RTT rows: 64 B (or the fixed payload of payload-less mechanisms), free placement, fastest first. */
export function rttRows(result: BenchResult): ChartRow[] {
  return result.workloads
    .filter((w) => w.kind === 'rtt' && w.placement === 'free' && (w.size === 64 || !RTT_PAYLOADS.includes(w.size as 1)))
    .map((w) => rowOf(result, w, `${w.mechanism} (${w.size} B)`))
    .filter((r): r is ChartRow => r !== undefined)
    .sort((a, b) => a.median - b.median);
}

/** Throughput rows (MB/s) then rate rows (msg/s), free placement, fastest first within each. */
export function flowRows(result: BenchResult): ChartRow[] {
  const rows = (kind: 'throughput' | 'rate') =>
    result.workloads
      .filter((w) => w.kind === kind && w.placement === 'free')
      .map((w) => rowOf(result, w, `${w.mechanism} ${kind === 'throughput' ? '' : 'rate '}(${displayUnit(w.unit)})`))
      .filter((r): r is ChartRow => r !== undefined)
      .sort((a, b) => b.median - a.median);
  return [...rows('throughput'), ...rows('rate')];
}

/** The whole SVG document. */
export function benchChartSvg(result: BenchResult): string {
  const title = `ipc-conformance bench — ${result.environment}${result.machine.flag ? ` (${result.machine.flag})` : ''}: median with p10–p90 over ${result.repetitions} repetitions`;
  const first = chartPanel('Round-trip time, 64 B, free placement', 'round-trip time in µs (log scale)', rttRows(result), 30);
  const second = chartPanel(
    'Throughput (64 KiB chunks) and message rate (64 B; signal-rt 4 B), free placement',
    'MB/s (10^6 B/s) for throughput rows, messages/s for rate rows (log scale)',
    flowRows(result),
    30 + first.height + 20,
  );
  // What the panels leave out because the self-checks withheld its median.
  const charted = (w: WorkloadResult) =>
    w.placement === 'free' &&
    (w.kind === 'throughput' || w.kind === 'rate' || (w.kind === 'rtt' && (w.size === 64 || !RTT_PAYLOADS.includes(w.size as 1))));
  const left = result.workloads.filter((w) => charted(w) && w.stats && withheldBy(result, w.id).length);
  const noteTop = 30 + first.height + 20 + second.height + 10;
  const note = left.length
    ? `<text x="10" y="${noteTop + 4}" font-size="11">${escapeXml(`Not drawn, median withheld by the self-checks (bench.md): ${left.map((w) => w.id).join(', ')}`)}</text>`
    : '';
  const height = noteTop + (left.length ? 16 : 0);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif">`,
    `<rect width="${WIDTH}" height="${height}" fill="white"/>`,
    `<text x="10" y="18" font-size="13">${escapeXml(title)}</text>`,
    first.svg,
    second.svg,
    note,
    '</svg>',
    '',
  ].join('\n');
}

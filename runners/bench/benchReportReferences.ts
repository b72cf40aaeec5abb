// bench.md's reference sections: the references themselves, the copy ceiling per destination offset
// (how much placement matters on this machine), and the mechanisms' figures as ratios to the
// references — each ratio withheld when a self-check withheld either of its figures.
import { PLACEMENTS, type Placement } from '../../bench/workloads.js';
import { checkedCell, withheldText } from './benchReportChecks.js';
import type { BenchResult } from './benchResult.js';
import { ceilingsBySize, offsetRates } from './copyCeiling.js';
import { formatRatio, formatStatsCell, formatValue, markdownTable, significant } from './format.js';

export function referenceSection(result: BenchResult): string[] {
  const references = result.workloads.filter((w) => w.kind === 'reference');
  if (references.length === 0) return [];
  const rows = references.map((w) => {
    // The few evidence figures that add to the value: the exact syscall cost, the large copy.
    const e = w.evidenceStats;
    const extra = [
      e.ps_per_call ? `${significant(e.ps_per_call.median)} ps per call` : '',
      e.large_bytes_per_s
        ? `copy of ${significant((e.large_chunk?.median ?? 0) / 2 ** 20)} MiB: ${formatValue(e.large_bytes_per_s.median, 'B/s')}`
        : '',
    ].filter(Boolean);
    return [
      w.mechanism + (w.size !== null ? ` ${w.size} B` : ''),
      w.placement ?? '',
      checkedCell(result, w, w.unit),
      w.unit === 'ns' ? 'µs' : 'MB/s',
      extra.join('; '),
    ];
  });
  return [
    '## References',
    '',
    'What the machine does without IPC: a null system call, a bare context-switch round trip, and the copy ceiling (the best placement of memcpy at the chunk size; see below).',
    '',
    markdownTable(['reference', 'placement', 'median [p10–p90] CV', 'unit', 'also measured (medians)'], rows),
    '',
    ...ceilingSection(result),
  ];
}

/** The ceiling's rate at each destination offset: the best is the ceiling, the rest show what placement costs. */
function ceilingSection(result: BenchResult): string[] {
  const lines: string[] = [];
  for (const [size, ceiling] of ceilingsBySize(result.workloads)) {
    const rates = offsetRates(ceiling);
    if (rates.length === 0) continue;
    const best = Math.max(...rates.map((r) => r.stats.median));
    const bestCounts = ceiling.evidenceStats.best_offset;
    lines.push(
      `### Copy ceiling of ${size} B by placement`,
      '',
      `memcpy of ${size} B from a page-aligned source to a destination the given number of bytes past it modulo 4096; each repetition takes the best placement as the ceiling. Cells: MB/s, median [p10–p90] CV over repetitions, and the share of the best placement's median.`,
      '',
      markdownTable(
        ['destination − source mod 4096', 'MB/s', 'of the best'],
        rates.map((r) => [`${r.offset} B`, formatStatsCell(r.stats, 'B/s'), `${significant((r.stats.median / best) * 100)}%`]),
      ),
      '',
    );
    if (bestCounts) lines.push(`The best placement (median over repetitions): ${significant(bestCounts.median)} B.`, '');
  }
  return lines;
}

export function ratioSection(result: BenchResult): string[] {
  const lines = ['## Ratios to the references', ''];
  const { memcpyFraction, contextSwitchMultiple } = result.ratios;
  const workload = (id: string) => result.workloads.find((w) => w.id === id)!;
  if (memcpyFraction.length) {
    const fraction = (mechanism: string, placement: Placement) => {
      const r = memcpyFraction.find((x) => workload(x.workload).mechanism === mechanism && workload(x.workload).placement === placement);
      if (!r) return '—';
      return r.withheld?.length ? withheldText(r.withheld) : `${significant(r.fraction * 100)}%`;
    };
    const mechanisms = [...new Set(memcpyFraction.map((r) => workload(r.workload).mechanism))];
    lines.push(
      'Throughput of copy-based mechanisms as a percentage of the copy ceiling of their chunk size (ref-memcpy, medians):',
      '',
      markdownTable(
        ['mechanism', ...PLACEMENTS],
        mechanisms.map((m) => [m, ...PLACEMENTS.map((p) => fraction(m, p))]),
      ),
      '',
    );
  }
  // 64 B, or the fixed payload of the mechanisms that carry none: one row per mechanism.
  const rtt = contextSwitchMultiple.filter((r) => [64, 0, 4].includes(workload(r.workload).size ?? -1));
  if (rtt.length) {
    const multiple = (mechanism: string, placement: Placement) => {
      const r = rtt.find((x) => workload(x.workload).mechanism === mechanism && workload(x.workload).placement === placement);
      if (!r) return '—';
      if (r.withheld?.length) return withheldText(r.withheld);
      if (placement === 'same') return formatRatio(r.vsSame);
      if (placement === 'split') return formatRatio(r.vsSplit);
      return `${formatRatio(r.vsSame)} / ${formatRatio(r.vsSplit)}`;
    };
    const mechanisms = [...new Set(rtt.map((r) => workload(r.workload).mechanism))];
    lines.push(
      'Round trips (64 B; signal and sysv-sem none, signal-rt an int) as multiples of the context-switch round trip (ref-ctxswitch median): same placement against ctxswitch same, split against split, free against both (same / split):',
      '',
      markdownTable(
        ['mechanism', 'same', 'split', 'free (same / split)'],
        mechanisms.map((m) => [m, ...PLACEMENTS.map((p) => multiple(m, p))]),
      ),
      '',
    );
  }
  return lines.length > 2 ? lines : [];
}

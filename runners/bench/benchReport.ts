// bench.json (everything, for machines and for benchMatrix) and bench.md (the tables a reader
// wants: latency, throughput, rate, CPU per message, memory, references, ratios, stress-ng, how
// stable the order of the fast mechanisms is, and the self-checks that withheld or marked figures).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PLACEMENTS, type Placement, RTT_PAYLOADS } from '../../bench/workloads.js';
import { checkedCell, checksSection, withheldBy, withheldText } from './benchReportChecks.js';
import { ratioSection, referenceSection } from './benchReportReferences.js';
import type { BenchResult, WorkloadResult } from './benchResult.js';
import { formatRatio, formatValue, markdownTable, significant } from './format.js';
import { cpuFigureShown } from './selfChecks.js';
import { rangesOverlap, STATISTICS_DEFINITIONS } from './statistics.js';

/** The name of the chart file next to bench.md. */
export const CHART_FILE = 'bench.svg';

const mechanismsOf = (workloads: readonly WorkloadResult[]) => [...new Set(workloads.map((w) => w.mechanism))];

function find(
  result: BenchResult,
  kind: string,
  mechanism: string,
  placement: Placement | null,
  size?: number | null,
): WorkloadResult | undefined {
  return result.workloads.find(
    (w) => w.kind === kind && w.mechanism === mechanism && w.placement === placement && (size === undefined || w.size === size),
  );
}

function headerSection(result: BenchResult): string[] {
  const m = result.machine;
  const lines = [`# IPC benchmark — ${result.environment}`, ''];
  if (m.flag) {
    lines.push(
      `> **${m.flag}**: the hypervisor flag is set and ${m.facts.cpusOnline} CPUs are online. Latencies include the hypervisor's scheduling of virtual CPUs, and the same and split placements compete with everything else on the machine; compare figures only with runs on the same kind of machine.`,
      '',
    );
  }
  lines.push(
    `- Environment: ${m.environment} — ${m.runtime}`,
    `- Kernel: ${m.facts.kernel}; CPU: ${m.facts.cpuModel}; CPUs online ${m.facts.cpusOnline}, allowed ${m.facts.cpusAllowed}; hypervisor: ${m.facts.hypervisor ? 'yes' : 'no'}${m.facts.platform ? ` (${m.facts.platform})` : ''}`,
    `- Load average (1 min): ${m.loadavgBefore} before, ${m.loadavgAfter} after`,
    `- Run: ${result.startedAt} → ${result.finishedAt}; ${result.repetitions} measured repetitions + 1 warm-up; seed ${result.seed}${result.only ? `; only ${result.only}` : ''}`,
    `- Statistics over repetitions: ${STATISTICS_DEFINITIONS}`,
    '',
    `![RTT and throughput per mechanism](${CHART_FILE})`,
    '',
    '## Method',
    '',
    ...result.method.map((line) => `- ${line}`),
    '',
  );
  return lines;
}

function latencySection(result: BenchResult): string[] {
  const rtt = result.workloads.filter((w) => w.kind === 'rtt');
  if (rtt.length === 0) return [];
  const rows: string[][] = [];
  for (const mechanism of mechanismsOf(rtt)) {
    const sizes = [...new Set(rtt.filter((w) => w.mechanism === mechanism).map((w) => w.size))];
    for (const size of sizes)
      rows.push([mechanism, `${size} B`, ...PLACEMENTS.map((p) => checkedCell(result, find(result, 'rtt', mechanism, p, size), 'ns'))]);
  }
  return [
    '## Latency: round-trip time (RTT), µs',
    '',
    'One round trip = the payload to the peer and the same bytes back. Cells: median [p10–p90] CV over repetitions.',
    '',
    markdownTable(['mechanism', 'payload', ...PLACEMENTS], rows),
    '',
  ];
}

function perPlacementSection(result: BenchResult, kind: 'throughput' | 'rate', title: string, unit: string, note: string): string[] {
  const workloads = result.workloads.filter((w) => w.kind === kind);
  if (workloads.length === 0) return [];
  const rows = mechanismsOf(workloads).map((mechanism) => [
    mechanism,
    ...PLACEMENTS.map((p) => {
      const w = find(result, kind, mechanism, p);
      const lost = w?.evidenceStats.lost;
      const text = checkedCell(result, w, unit);
      return lost && lost.median > 0 ? `${text}, lost ${significant(lost.median)}` : text;
    }),
  ]);
  return [`## ${title}`, '', note, '', markdownTable(['mechanism', ...PLACEMENTS], rows), ''];
}

function cpuSection(result: BenchResult): string[] {
  const shown = result.workloads.filter((w) => cpuFigureShown(w) && w.evidenceStats.cpu_ns_per_op);
  const rate = shown.filter((w) => w.kind === 'rate');
  const rtt = shown.filter((w) => w.kind === 'rtt');
  if (rate.length === 0 && rtt.length === 0) return [];
  const lines = [
    '## CPU time per message, µs',
    '',
    'User + system CPU time of both processes (getrusage and wait4) divided by the messages or round trips; it can exceed the wall time when both CPUs work.',
    '',
  ];
  if (rate.length) {
    const rows = mechanismsOf(rate).map((m) => [
      m,
      ...PLACEMENTS.map((p) => checkedCell(result, find(result, 'rate', m, p), 'ns', 'cpu_ns_per_op')),
    ]);
    lines.push('One-way messages (rate workloads), per message:', '', markdownTable(['mechanism', ...PLACEMENTS], rows), '');
  }
  if (rtt.length) {
    const rows = rtt.map((w) => [w.mechanism, `${w.size} B`, checkedCell(result, w, 'ns', 'cpu_ns_per_op')]);
    lines.push(
      'Round trips (two messages each), free placement, per round trip:',
      '',
      markdownTable(['mechanism', 'payload', 'CPU per round trip'], rows),
      '',
    );
  }
  return lines;
}

function memorySection(result: BenchResult): string[] {
  const memory = result.workloads.filter((w) => w.kind === 'memory');
  if (memory.length === 0) return [];
  const method = (id: string) => {
    const text = result.observations.find((o) => o.workload === id && o.status === 'ok' && typeof o.evidence.method === 'string')?.evidence
      .method;
    return typeof text === 'string' ? text : '';
  };
  const methods = memory.map((w) => method(w.id));
  const shared = methods.every((m) => m === methods[0]) ? methods[0] : undefined;
  const rows = memory.map((w, i) => [
    w.mechanism,
    checkedCell(result, w, 'B/channel'),
    w.evidenceStats.kernel_bytes ? significant(w.evidenceStats.kernel_bytes.median) : '—',
    w.evidenceStats.user_bytes ? significant(w.evidenceStats.user_bytes.median) : '—',
    ...(shared === undefined ? [methods[i]!] : []),
  ]);
  return [
    '## Memory per channel, bytes',
    '',
    `${memory[0]!.size} channels opened at once; (kernel delta + resident-set delta) / count. Kernel and user columns are the medians of the whole deltas.${shared ? ` How: ${shared}.` : ''}`,
    '',
    markdownTable(['mechanism', 'B per channel', 'kernel B (all)', 'user B (all)', ...(shared === undefined ? ['how'] : [])], rows),
    '',
  ];
}

function stressNgSection(result: BenchResult): string[] {
  const record = result.stressNg;
  const lines = ['## stress-ng side by side', ''];
  if (record.status !== 'measured') return [...lines, `stress-ng: ${record.status} — ${record.reason ?? ''}`, ''];
  lines.push(
    `${record.version ?? 'stress-ng'}, one instance per stressor, ${record.secondsPerStressor} s each, no pinning (compared with the kit's free placement). stress-ng's bogo-ops are counts of its own loops, not designed as benchmarks.`,
    '',
  );
  lines.push(
    markdownTable(
      ['stressor', 'one bogo-op is', 'bogo-ops/s (wall)', 'bogo-ops/s (CPU)'],
      record.stressors.map((s) => [
        `${s.stressor} (${s.args.join(' ')})`,
        s.bogoOp,
        s.bogoOpsPerSecond === null ? `— ${s.error ?? ''}` : significant(s.bogoOpsPerSecond),
        s.bogoOpsPerCpuSecond === null ? '—' : significant(s.bogoOpsPerCpuSecond),
      ]),
    ),
    '',
  );
  const figure = (v: number | null, unit: string) =>
    v === null ? '—' : unit === 'B/s' ? formatValue(v, unit) : `${significant(v)} ${unit}`;
  lines.push(
    markdownTable(
      ['stressor', 'kit workload', 'kit', 'stress-ng', 'kit / stress-ng', 'comparable?', 'why'],
      record.comparisons.map((c) => [
        c.stressor,
        c.kitWorkload,
        withheldBy(result, c.kitWorkload).length ? withheldText(withheldBy(result, c.kitWorkload)) : figure(c.kitValue, c.kitUnit),
        figure(c.stressValue, c.stressUnit),
        withheldBy(result, c.kitWorkload).length ? '—' : formatRatio(c.ratio),
        c.comparability,
        c.note,
      ]),
    ),
    '',
  );
  return lines;
}

/** The few-microsecond tier: RTT at 64 B (or the fixed payload), free placement, in measured order. */
function orderSection(result: BenchResult): string[] {
  const candidates = result.workloads.filter(
    (w) => w.kind === 'rtt' && w.placement === 'free' && w.stats && (w.size === 64 || !RTT_PAYLOADS.includes(w.size as 1)),
  );
  // A withheld median has no place in an order: it is named below the order instead.
  const withheld = candidates.filter((w) => withheldBy(result, w.id).length > 0);
  const fast = candidates.filter((w) => !withheld.includes(w)).sort((a, b) => a.stats!.median - b.stats!.median);
  const kernel = fast.filter((w) => w.mechanism !== 'shm-spin');
  const withheldLine = withheld.length
    ? [
        `Not ordered (median withheld by the self-checks): ${withheld.map((w) => `${w.mechanism} (${withheldText(withheldBy(result, w.id))})`).join(', ')}.`,
        '',
      ]
    : [];
  if (kernel.length < 2) return withheldLine.length ? ['## Measured order of the few-microsecond tier', '', ...withheldLine] : [];
  const limit = 3 * kernel[0]!.stats!.median;
  const tier = kernel.filter((w) => w.stats!.median <= limit);
  const lines = [
    '## Measured order of the few-microsecond tier',
    '',
    `RTT at 64 B (signal and sysv-sem carry no payload, signal-rt an int), free placement; the tier is every kernel-mediated mechanism within 3× the fastest one (${formatValue(kernel[0]!.stats!.median, 'ns')}); shm-spin, which bypasses the kernel, is the ceiling and left out.`,
    "The order below is what this run measured. Where neighbours' p10–p90 ranges overlap (≈) the order is not stable: another run may swap them. Only a `<` between non-overlapping ranges is a measured difference.",
    '',
  ];
  const parts = tier.map((w, i) => {
    const text = `${w.mechanism} ${formatValue(w.stats!.median, 'ns')}`;
    if (i === 0) return text;
    return `${rangesOverlap(tier[i - 1]!.stats!, w.stats!) ? '≈' : '<'} ${text}`;
  });
  lines.push(parts.join(' '), '', ...withheldLine);
  return lines;
}

function problemsSection(result: BenchResult): string[] {
  const unavailable = result.workloads.filter((w) => w.status === 'unavailable');
  const broken = result.workloads.filter((w) => w.status === 'broken');
  const lines = ['## Unavailable and broken workloads', ''];
  if (!unavailable.length && !broken.length) return [...lines, 'None: every workload gave a figure in every measured repetition.', ''];
  for (const w of unavailable) lines.push(`- ${w.id}: unavailable — ${w.reasons.join('; ')}`);
  for (const w of broken)
    lines.push(
      `- ${w.id}: broken in ${w.brokenCount} of ${result.repetitions} repetitions — ${w.reasons.slice(0, 3).join('; ')}${w.reasons.length > 3 ? ` (+${w.reasons.length - 3} more)` : ''}`,
    );
  return [...lines, ''];
}

function repetitionSection(result: BenchResult): string[] {
  const rows = result.repetitionRecords.map((r) => [
    String(r.index),
    r.warmup ? 'warm-up (discarded)' : 'measured',
    (r.durationMs / 1000).toFixed(1),
    r.timedOut ? 'timed out' : r.signal ? r.signal : String(r.exitCode),
    r.stderr ? r.stderr.split('\n')[0]!.slice(0, 160) : '',
  ]);
  return ['## Repetitions', '', markdownTable(['#', 'role', 'seconds', 'exit', 'stderr (first line)'], rows), ''];
}

/** The whole bench.md. */
export function benchMarkdown(result: BenchResult): string {
  return [
    ...headerSection(result),
    ...latencySection(result),
    ...perPlacementSection(
      result,
      'throughput',
      'Throughput, MB/s (10^6 bytes per second)',
      'B/s',
      'One-way bulk transfer in 64 KiB chunks; bytes the reader verified per second. Cells: median [p10–p90] CV.',
    ),
    ...perPlacementSection(
      result,
      'rate',
      'Rate, messages per second',
      'msg/s',
      'One-way 64-byte messages (signal-rt: its 4-byte int) received per second; loss is counted for UDP. Cells: median [p10–p90] CV.',
    ),
    ...cpuSection(result),
    ...memorySection(result),
    ...referenceSection(result),
    ...ratioSection(result),
    ...stressNgSection(result),
    ...checksSection(result),
    ...orderSection(result),
    ...problemsSection(result),
    ...repetitionSection(result),
  ].join('\n');
}

/** Writes bench.json and bench.md into `dir`; returns their paths. */
export async function writeBenchReport(dir: string, result: BenchResult): Promise<{ json: string; markdown: string }> {
  await mkdir(dir, { recursive: true });
  const json = join(dir, 'bench.json');
  const markdown = join(dir, 'bench.md');
  await writeFile(json, `${JSON.stringify(result, null, 2)}\n`);
  await writeFile(markdown, benchMarkdown(result));
  return { json, markdown };
}

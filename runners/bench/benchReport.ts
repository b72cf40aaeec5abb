// bench.json (everything, for machines and for benchMatrix) and bench.md (the tables a reader
// wants: latency, throughput, rate, CPU per message, memory, references, ratios, stress-ng, and
// how stable the order of the fast mechanisms is).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PLACEMENTS, type Placement, RTT_PAYLOADS } from '../../bench/workloads.js';
import type { BenchResult, WorkloadResult } from './benchResult.js';
import { formatRatio, formatStatsCell, formatValue, markdownTable, significant } from './format.js';
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

/** A cell for a workload: its statistics, or why there are none. */
function cell(w: WorkloadResult | undefined, unit: string): string {
  if (!w) return '—';
  if (w.status === 'unavailable') return 'unavailable';
  const text = formatStatsCell(w.stats, unit);
  return w.brokenCount > 0 ? `${text} (${w.brokenCount} broken)` : text;
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
      rows.push([mechanism, `${size} B`, ...PLACEMENTS.map((p) => cell(find(result, 'rtt', mechanism, p, size), 'ns'))]);
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
      return lost && lost.median > 0 ? `${cell(w, unit)}, lost ${significant(lost.median)}` : cell(w, unit);
    }),
  ]);
  return [`## ${title}`, '', note, '', markdownTable(['mechanism', ...PLACEMENTS], rows), ''];
}

function cpuSection(result: BenchResult): string[] {
  const rate = result.workloads.filter((w) => w.kind === 'rate' && w.evidenceStats.cpu_ns_per_op);
  const rtt = result.workloads.filter(
    (w) =>
      w.kind === 'rtt' && w.placement === 'free' && (w.size === 64 || !RTT_PAYLOADS.includes(w.size as 1)) && w.evidenceStats.cpu_ns_per_op,
  );
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
      ...PLACEMENTS.map((p) => formatStatsCell(find(result, 'rate', m, p)?.evidenceStats.cpu_ns_per_op, 'ns')),
    ]);
    lines.push('One-way messages (rate workloads), per message:', '', markdownTable(['mechanism', ...PLACEMENTS], rows), '');
  }
  if (rtt.length) {
    const rows = rtt.map((w) => [w.mechanism, `${w.size} B`, formatStatsCell(w.evidenceStats.cpu_ns_per_op, 'ns')]);
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
    w.status === 'unavailable' ? 'unavailable' : formatStatsCell(w.stats, 'B/channel'),
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

function referenceSection(result: BenchResult): string[] {
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
      w.mechanism,
      w.placement ?? '',
      w.status === 'unavailable' ? 'unavailable' : formatStatsCell(w.stats, w.unit),
      w.unit === 'ns' ? 'µs' : 'MB/s',
      extra.join('; '),
    ];
  });
  return [
    '## References',
    '',
    'What the machine does without IPC: a null system call, a bare context-switch round trip, and memory copy bandwidth.',
    '',
    markdownTable(['reference', 'placement', 'median [p10–p90] CV', 'unit', 'also measured (medians)'], rows),
    '',
  ];
}

function ratioSection(result: BenchResult): string[] {
  const lines = ['## Ratios to the references', ''];
  const { memcpyFraction, contextSwitchMultiple } = result.ratios;
  const workload = (id: string) => result.workloads.find((w) => w.id === id)!;
  if (memcpyFraction.length) {
    const fraction = (mechanism: string, placement: Placement) => {
      const r = memcpyFraction.find((x) => workload(x.workload).mechanism === mechanism && workload(x.workload).placement === placement);
      return r ? `${significant(r.fraction * 100)}%` : '—';
    };
    const mechanisms = [...new Set(memcpyFraction.map((r) => workload(r.workload).mechanism))];
    lines.push('Throughput of copy-based mechanisms as a percentage of the memcpy ceiling (ref-memcpy of 64 KiB, median):', '');
    lines.push(
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
      if (placement === 'same') return formatRatio(r.vsSame);
      if (placement === 'split') return formatRatio(r.vsSplit);
      return `${formatRatio(r.vsSame)} / ${formatRatio(r.vsSplit)}`;
    };
    const mechanisms = [...new Set(rtt.map((r) => workload(r.workload).mechanism))];
    lines.push(
      'Round trips (64 B; signal and sysv-sem none, signal-rt an int) as multiples of the context-switch round trip (ref-ctxswitch median): same placement against ctxswitch same, split against split, free against both (same / split):',
      '',
    );
    lines.push(
      markdownTable(
        ['mechanism', 'same', 'split', 'free (same / split)'],
        mechanisms.map((m) => [m, ...PLACEMENTS.map((p) => multiple(m, p))]),
      ),
      '',
    );
  }
  return lines.length > 2 ? lines : [];
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
        figure(c.kitValue, c.kitUnit),
        figure(c.stressValue, c.stressUnit),
        formatRatio(c.ratio),
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
  const fast = result.workloads
    .filter((w) => w.kind === 'rtt' && w.placement === 'free' && w.stats && (w.size === 64 || !RTT_PAYLOADS.includes(w.size as 1)))
    .sort((a, b) => a.stats!.median - b.stats!.median);
  const kernel = fast.filter((w) => w.mechanism !== 'shm-spin');
  if (kernel.length < 2) return [];
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
  lines.push(parts.join(' '), '');
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

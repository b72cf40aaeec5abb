// reports/bench/matrix.md: every workload's median in every environment that has a bench.json,
// and its ratio to the host's ("gvisor 4.2× host"): what a container runtime costs, per mechanism.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { withheldBy, withheldText } from './benchReportChecks.js';
import { BENCH_FORMAT, type BenchResult } from './benchResult.js';
import { displayUnit, formatRatio, formatValue, markdownTable } from './format.js';

/** The environments' results found under `benchRoot` (reports/bench), host first. */
export async function readBenchResults(benchRoot: string): Promise<BenchResult[]> {
  const entries = await readdir(benchRoot, { withFileTypes: true }).catch(() => []);
  const results: BenchResult[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const text = await readFile(join(benchRoot, entry.name, 'bench.json'), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const parsed = JSON.parse(text) as BenchResult;
    // Format 1 (before the self-checks) has the same medians and no flags: still comparable.
    if (parsed.format === BENCH_FORMAT || (parsed.format as string) === 'ipc-conformance-bench/1') results.push(parsed);
  }
  return results.sort((a, b) =>
    a.environment === 'host' ? -1 : b.environment === 'host' ? 1 : a.environment.localeCompare(b.environment),
  );
}

/** The matrix as Markdown. */
export function benchMatrixMarkdown(results: readonly BenchResult[]): string {
  const host = results.find((r) => r.environment === 'host');
  const ids: string[] = [];
  for (const result of results) for (const w of result.workloads) if (!ids.includes(w.id)) ids.push(w.id);
  const rows = ids.map((id) => {
    const any = results.flatMap((r) => r.workloads).find((w) => w.id === id)!;
    // No ratio to a host median that the host's own checks withheld.
    const hostMedian = host && !withheldBy(host, id).length ? host.workloads.find((w) => w.id === id)?.stats?.median : undefined;
    const cells = results.map((result) => {
      const w = result.workloads.find((x) => x.id === id);
      if (!w) return 'not run';
      if (!w.stats) return w.status;
      const withheld = withheldBy(result, w.id);
      if (withheld.length) return withheldText(withheld);
      const ratio = result !== host && hostMedian ? ` (${result.environment} ${formatRatio(w.stats.median / hostMedian)} host)` : '';
      return `${formatValue(w.stats.median, w.unit)}${ratio}${w.status === 'broken' ? ' (partly broken)' : ''}`;
    });
    return [id, displayUnit(any.unit), any.higherIsBetter ? 'higher' : 'lower', ...cells];
  });
  const sources = results.map(
    (r) =>
      `- ${r.environment}: ${r.machine.runtime}; kernel ${r.machine.facts.kernel}; ${r.repetitions} repetitions, finished ${r.finishedAt}${r.machine.flag ? `; ${r.machine.flag}` : ''}`,
  );
  return [
    '# IPC benchmark across environments',
    '',
    "Median per workload and environment; in parentheses the ratio of that median to the host's median. For latency and memory (better: lower) a ratio above 1 is a cost; for throughput and rate (better: higher) a ratio below 1 is. A median its run's self-checks withheld is shown as `withheld: <check>` (see that run's bench.md).",
    '',
    ...sources,
    '',
    results.length
      ? markdownTable(['workload', 'unit', 'better', ...results.map((r) => r.environment)], rows)
      : 'No bench.json found: run `ipc-conformance bench` first.',
    '',
  ].join('\n');
}

/** Rebuilds reports/bench/matrix.md from whatever results are present; returns its path. */
export async function writeBenchMatrix(benchRoot: string): Promise<string> {
  const path = join(benchRoot, 'matrix.md');
  await writeFile(path, benchMatrixMarkdown(await readBenchResults(benchRoot)));
  return path;
}

// The run in Allure: an epic "Performance", a feature per kind of measurement, a story per
// mechanism, one result per workload with its statistics, its raw observations, the chart and
// bench.md attached. Written as Allure result files directly (no test runner is involved), then
// turned into reports/bench/<env>/allure-report by the kit's usual Allure 3 call.
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateAllureReport } from '../reporting/allureReport.js';
import { type HandWrittenResult, writeAllureResult } from '../reporting/allureResultFile.js';
import { withheldBy, withheldText } from './benchReportChecks.js';
import type { BenchResult, WorkloadResult } from './benchResult.js';
import { displayUnit, formatStatsCell, markdownTable, scaled, significant } from './format.js';
import { minimumSamples } from './statistics.js';

export const PERFORMANCE_EPIC = 'Performance';

/** A workload's statistics as a small Markdown table, in its display unit. */
function statsDescription(w: WorkloadResult, result: BenchResult): string {
  const lines = [`**${w.id}** — ${w.method}`, ''];
  if (w.stats) {
    const s = w.stats;
    // A percentile from too few values (statistics.ts) is not stated: the cell says how many it needs.
    const v = (x: number | null, p?: number) => (x === null ? `— (needs ${minimumSamples(p!)} values)` : significant(scaled(x, w.unit)));
    lines.push(
      markdownTable(
        ['n', 'median', 'p10', 'p90', 'p99', 'min', 'max', 'mean', 'CV', 'unit'],
        [
          [
            String(s.n),
            withheldBy(result, w.id).length ? 'withheld (see Self-checks)' : v(s.median),
            v(s.p10, 10),
            v(s.p90, 90),
            v(s.p99, 99),
            v(s.min),
            v(s.max),
            v(s.mean),
            `${(s.cv * 100).toFixed(1)}%`,
            displayUnit(w.unit),
          ],
        ],
      ),
      '',
      'Percentiles are nearest-rank over the measured repetitions (the warm-up is excluded); CV = sample standard deviation / mean.',
    );
  }
  if (w.reasons.length) lines.push('', ...w.reasons.map((r) => `- ${r}`));
  const flags = (result.checks?.flags ?? []).filter((f) => f.workload === w.id);
  if (flags.length)
    lines.push(
      '',
      '**Self-checks**',
      '',
      ...flags.map((f) => `- ${f.check} (${f.figure}, ${f.withheld ? 'withheld' : 'marked'}): ${f.reason}`),
    );
  lines.push(
    '',
    `Environment ${result.environment}: ${result.machine.runtime}; kernel ${result.machine.facts.kernel}; ${result.machine.facts.cpuModel}${result.machine.flag ? ` — ${result.machine.flag}` : ''}.`,
  );
  return lines.join('\n');
}

const STATUS: Record<WorkloadResult['status'], HandWrittenResult['status']> = {
  measured: 'passed',
  broken: 'broken',
  unavailable: 'skipped',
};

/** Writes one Allure result per workload into `resultsDir` (emptied first), with the chart and bench.md attached. */
export async function writeBenchAllureResults(
  resultsDir: string,
  result: BenchResult,
  chartPath: string,
  markdownPath: string,
): Promise<void> {
  await rm(resultsDir, { recursive: true, force: true });
  await mkdir(resultsDir, { recursive: true });
  // Every result points at the same two files: Allure resolves `source` within the results folder.
  const chartSource = `${randomUUID()}-attachment.svg`;
  const markdownSource = `${randomUUID()}-attachment.md`;
  await copyFile(chartPath, join(resultsDir, chartSource));
  await copyFile(markdownPath, join(resultsDir, markdownSource));
  const time = Date.parse(result.finishedAt) || Date.now();
  for (const w of result.workloads) {
    const observationsSource = `${randomUUID()}-attachment.json`;
    const observations = result.observations.filter((o) => o.workload === w.id);
    await writeFile(join(resultsDir, observationsSource), JSON.stringify(observations, null, 2));
    const parameters = [
      { name: 'environment', value: result.environment },
      ...(w.placement ? [{ name: 'placement', value: w.placement }] : []),
      ...(w.size !== null ? [{ name: w.kind === 'memory' ? 'channels' : w.kind === 'rtt' ? 'payload' : 'size', value: `${w.size}` }] : []),
    ];
    const withheld = withheldBy(result, w.id);
    const message = withheld.length
      ? `median ${withheldText(withheld)}`
      : w.status === 'measured' && w.stats
        ? `median ${significant(scaled(w.stats.median, w.unit))} ${displayUnit(w.unit)} ${formatStatsCell(w.stats, w.unit).replace(/^\S+ /, '')}`
        : w.reasons.slice(0, 3).join('; ');
    // The checks that fired, as a parameter so that the report can be filtered by them.
    const checks = [...new Set((result.checks?.flags ?? []).filter((f) => f.workload === w.id).map((f) => f.check))];
    if (checks.length) parameters.push({ name: 'self-checks', value: checks.join(', ') });
    await writeAllureResult(resultsDir, {
      historyId: `bench:${w.id}:${result.environment}`,
      testCaseId: `bench:${w.id}`,
      name: w.id,
      fullName: `bench.${w.id}`,
      status: STATUS[w.status],
      message,
      description: statsDescription(w, result),
      epic: PERFORMANCE_EPIC,
      feature: w.kind,
      story: w.mechanism,
      environment: result.environment,
      parameters,
      attachments: [
        { name: 'observations (every repetition)', source: observationsSource, type: 'application/json' },
        { name: 'chart', source: chartSource, type: 'image/svg+xml' },
        { name: 'bench.md', source: markdownSource, type: 'text/markdown' },
      ],
      time,
    });
  }
}

/** Generates reports/bench/<env>/allure-report from the results; returns the index.html path. */
export async function generateBenchAllureReport(benchDir: string, result: BenchResult): Promise<string> {
  const { description } = result.machine;
  const variables = {
    environment: result.environment,
    kernel: description.kernel,
    runtime: description.runtime,
    cpu: result.machine.facts.cpuModel,
    repetitions: String(result.repetitions),
    seed: String(result.seed),
  };
  return generateAllureReport([join(benchDir, 'allure-results')], join(benchDir, 'allure-report'), [result.environment], variables);
}

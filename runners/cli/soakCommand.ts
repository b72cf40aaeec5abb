// `ipc-conformance soak --times N`: the suite N times in a row in one environment. Every run is
// compared with the first the way `diff` compares two environments (status, and the facts an
// expectation pins down), so a property that flips under repetition is named with both values.
// Bounded properties whose value moved are listed with their range, to show a margin thinning.
// reports/soak/<env>/soak.json and soak.md keep the figures (with --output DIR: DIR/soak.json and
// soak.md, and the last run's folder in DIR/last-run); exit 1 when anything changed.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { UsageError } from '../core/errors.js';
import { kitPaths } from '../core/kitPaths.js';
import { boundSpreads, boundSpreadsMarkdown } from '../reporting/boundSpread.js';
import { differences, observedText } from '../reporting/compare.js';
import type { VerdictFile } from '../verdict/verdict.js';
import { runConformance } from './conformanceRun.js';
import { claimOutputFolder } from './outputFolder.js';

/** One property that did not give the same verdict in every run. */
interface Change {
  property: string;
  /** Run number (1-based) → status and observation, for the runs that differed from run 1. */
  runs: Record<number, string>;
  first: string;
}

const describe = (file: VerdictFile, property: string) => {
  const verdict = file.verdicts.find((v) => v.property === property);
  return verdict ? `${verdict.status}: ${observedText(verdict)}` : 'absent';
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Options of `ipc-conformance soak`. */
export interface SoakOptions {
  environment: string;
  times?: string;
  only?: string;
  specsDir?: string;
  /** The folder for soak.json and soak.md (`--output`) instead of reports/soak/<env>/. */
  outputDir?: string;
}

export async function soakCommand(options: SoakOptions): Promise<number> {
  const times = Number(options.times ?? '20');
  if (!(Number.isInteger(times) && times >= 2)) throw new UsageError(`--times must be an integer of at least 2, not '${options.times}'`);
  const chosenFolder = options.outputDir === undefined ? undefined : await claimOutputFolder(options.outputDir, 'soak');
  const files: VerdictFile[] = [];
  const seconds: number[] = [];
  for (let run = 1; run <= times; run++) {
    console.error(`soak: run ${run}/${times} in ${options.environment}`);
    const started = performance.now();
    const { file } = await runConformance({
      environment: options.environment,
      only: options.only,
      specsDir: options.specsDir,
      report: false,
      // Each run replaces the one before: the last stays, as reports/<env> keeps the last without --output.
      outputDir: chosenFolder && join(chosenFolder, 'last-run'),
    });
    seconds.push((performance.now() - started) / 1000);
    files.push(file);
  }
  const changes = new Map<string, Change>();
  files.slice(1).forEach((file, index) => {
    for (const { property } of differences(files[0]!, file)) {
      const change = changes.get(property) ?? { property, runs: {}, first: describe(files[0]!, property) };
      change.runs[index + 2] = describe(file, property);
      changes.set(property, change);
    }
  });
  const summary = {
    environment: options.environment,
    runs: times,
    properties: files[0]!.verdicts.length,
    wallSeconds: {
      min: Math.min(...seconds),
      median: median(seconds),
      max: Math.max(...seconds),
      each: seconds.map((s) => Number(s.toFixed(1))),
    },
    changed: [...changes.values()],
    spreads: boundSpreads(files),
  };
  const outputDir = chosenFolder ?? join(kitPaths.reports, 'soak', options.environment);
  await mkdir(outputDir, { recursive: true });
  await writeFile(join(outputDir, 'soak.json'), JSON.stringify(summary, null, 2));
  const lines = [
    `# Soak: ${times} runs of ${summary.properties} properties in ${options.environment}`,
    '',
    `Wall time per run: median ${summary.wallSeconds.median.toFixed(1)} s (min ${summary.wallSeconds.min.toFixed(1)}, max ${summary.wallSeconds.max.toFixed(1)}).`,
    '',
    changes.size === 0
      ? 'No verdict changed: every run gave every property the verdict (and pinned facts) of run 1.'
      : [
          '| property | run 1 | differing runs |',
          '|---|---|---|',
          ...summary.changed.map(
            (c) =>
              `| ${c.property} | ${c.first} | ${Object.entries(c.runs)
                .map(([run, text]) => `run ${run}: ${text}`)
                .join('; ')} |`,
          ),
        ].join('\n'),
    '',
    boundSpreadsMarkdown(summary.spreads),
  ];
  await writeFile(join(outputDir, 'soak.md'), `${lines.join('\n')}\n`);
  console.log(`\n${lines.join('\n')}\n\nsoak: ${relative(process.cwd(), join(outputDir, 'soak.md'))}`);
  return changes.size === 0 ? 0 : 1;
}

// Writes the matrix of many runs — from this machine's environments or copied from other machines —
// as matrix.md, matrix.html and one Allure report, every run under its column label (machine,
// kernel, runtime). The runs' own Allure results are used where they came along; a run known only
// by its verdict file gets results written from its verdicts, so every property is in the report.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { temporaryFolder } from '../process/temporaryFolder.js';
import { generateAllureReport } from './allureReport.js';
import { columnLabels } from './columnLabels.js';
import { type MatrixColumn, matrixHtml, matrixMarkdown } from './matrix.js';
import { copyRelabelledResults } from './relabelAllureResults.js';
import { propertyIndex, writeVerdictAllureResults } from './verdictAllureResults.js';
import type { VerdictSource } from './verdictSources.js';

/** A column to merge: a run, or an environment of this machine that could not run, and why. */
export type MergeColumn = { source: VerdictSource } | { name: string; unavailable: string };

/** What was written. */
export interface MergedMatrix {
  markdown: string;
  html: string;
  /** The Allure report's index.html; absent when no column has verdicts. */
  report?: string;
  /** The columns as written, under their labels. */
  columns: MatrixColumn[];
  /** Why some labels say more than machine, kernel and runtime (columnLabels.ts). */
  notes: string[];
}

/** One Allure report over `sources`, each in the Allure environment named by its label. */
async function mergedAllureReport(sources: VerdictSource[], labels: string[], outputDir: string): Promise<string> {
  const work = temporaryFolder('ipc-conformance-merge-');
  try {
    const known = await propertyIndex();
    const resultsDirs: string[] = [];
    for (const [index, source] of sources.entries()) {
      const label = labels[index]!;
      const dir = join(work.path, String(index));
      await mkdir(dir);
      const properties = new Set(source.file.verdicts.map((verdict) => verdict.property));
      const covered = source.allureResults ? await copyRelabelledResults(source.allureResults, dir, label, properties) : new Set<string>();
      await writeVerdictAllureResults(dir, source.file, label, source.verdictPath, known, covered);
      resultsDirs.push(dir);
    }
    const variables = Object.fromEntries(
      sources.map((source, index) => {
        const { name, runtime, kernel } = source.file.environment;
        return [labels[index]!, `${name}: ${String(runtime)}, kernel ${String(kernel)} (${source.origin})`];
      }),
    );
    return await generateAllureReport(resultsDirs, join(outputDir, 'allure-report'), labels, variables);
  } finally {
    work.remove();
  }
}

/** Writes `outputDir`/matrix.md, matrix.html and allure-report/ for `columns`, in their order. */
export async function writeMergedMatrix(columns: readonly MergeColumn[], outputDir: string): Promise<MergedMatrix> {
  const sources = columns.flatMap((column) => ('source' in column ? [column.source] : []));
  const { labels, notes } = columnLabels(sources.map((source) => ({ file: source.file, origin: source.origin })));
  const labelOf = new Map(sources.map((source, index) => [source, labels[index]!]));
  const matrixColumns: MatrixColumn[] = columns.map((column) =>
    'source' in column ? { name: labelOf.get(column.source)!, file: column.source.file, origin: column.source.origin } : column,
  );
  await mkdir(outputDir, { recursive: true });
  const markdown = join(outputDir, 'matrix.md');
  const html = join(outputDir, 'matrix.html');
  await writeFile(markdown, matrixMarkdown(matrixColumns, notes));
  await writeFile(html, matrixHtml(matrixColumns, notes));
  const report = sources.length ? await mergedAllureReport(sources, labels, outputDir) : undefined;
  return { markdown, html, ...(report ? { report } : {}), columns: matrixColumns, notes };
}

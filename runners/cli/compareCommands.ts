// `ipc-conformance diff A B` and `ipc-conformance matrix`: the cross-environment views.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { reportDir } from '../core/kitPaths.js';
import { QEMU_PREFIX } from '../environments/qemu.js';
import { createEnvironment, ENVIRONMENT_NAMES } from '../environments/registry.js';
import { columnLabels } from '../reporting/columnLabels.js';
import { differences, formatDifferences } from '../reporting/compare.js';
import { type MergeColumn, type MergedMatrix, writeMergedMatrix } from '../reporting/mergedMatrix.js';
import { readVerdictSources } from '../reporting/verdictSources.js';
import { readVerdictFileAt } from '../verdict/readVerdictFile.js';
import { countByStatus } from '../verdict/verdict.js';
import { claimsCommand } from './claimsCommand.js';
import { runConformance } from './conformanceRun.js';
import { reportsFolder } from './outputFolder.js';

/**
 * The verdict file an argument means: a report folder (its verdicts.json), a verdict file itself
 * (whatever its name, so two saved runs in one folder compare with each other, not each with the
 * folder's verdicts.json), or an environment name (reports/<name>/verdicts.json).
 */
function verdictFilePath(argument: string): string {
  if (existsSync(argument)) return statSync(argument).isDirectory() ? join(argument, 'verdicts.json') : argument;
  if (ENVIRONMENT_NAMES.includes(argument) || argument.startsWith(QEMU_PREFIX)) return join(reportDir(argument), 'verdicts.json');
  throw new UsageError(
    `'${argument}' is neither a report folder, a verdict file nor an environment (known: ${ENVIRONMENT_NAMES.join(', ')}, ${QEMU_PREFIX}<kernel package>)`,
  );
}

/** Prints what differs between two runs, each side labelled by machine, kernel and runtime; exit status 1 when anything does. */
export async function diffCommand(a: string | undefined, b: string | undefined, extra: string[] = []): Promise<number> {
  if (!a || !b) throw new UsageError('diff needs two report folders, e.g. `ipc-conformance diff reports/host reports/sandbox`');
  if (extra.length) throw new UsageError(`diff compares two runs; unexpected argument '${extra[0]}'`);
  const [leftPath, rightPath] = [verdictFilePath(a), verdictFilePath(b)];
  const [left, right] = await Promise.all([readVerdictFileAt(leftPath), readVerdictFileAt(rightPath)]);
  const { labels, notes } = columnLabels([
    { file: left, origin: leftPath },
    { file: right, origin: rightPath },
  ]);
  const found = differences(left, right);
  console.log(formatDifferences(left, right, found, [labels[0]!, labels[1]!]));
  for (const note of notes) console.log(`note: ${note}`);
  return found.length ? 1 : 0;
}

/** Options of `ipc-conformance matrix`. */
export interface MatrixOptions {
  environments?: string;
  only?: string;
  /** A folder of specs to use instead of the kit's own (`--specs`). */
  specsDir?: string;
  /** Verdict folders or files copied from other machines: merged instead of running (issue 17, fleet helper). */
  from?: string[];
  /** Where matrix.md, matrix.html, the report and (without --from) the runs go instead of reports/. */
  output?: string;
}

/** Prints a column's counts, one line per column, after the matrix is written. */
function printColumns(merged: MergedMatrix): void {
  console.log('');
  for (const column of merged.columns) {
    if ('file' in column) {
      const counts = countByStatus(column.file.verdicts);
      console.log(`${column.name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped, ${counts.broken} broken`);
    } else {
      console.log(`${column.name}: unavailable: ${column.unavailable}`);
    }
  }
  for (const note of merged.notes) console.log(`note: ${note}`);
  const report = merged.report ? `; report: ${merged.report}` : '';
  console.log(`matrix: ${merged.markdown} and matrix.html${report}`);
}

/** `matrix --from`: merges runs copied from other machines (or this one) without running anything. */
async function mergeCommand(options: MatrixOptions & { from: string[] }): Promise<number> {
  const runOption = options.environments ? '--envs' : options.only ? '--only' : options.specsDir ? '--specs' : undefined;
  if (runOption)
    throw new UsageError(`matrix --from merges runs as they are; ${runOption} chooses what a run runs, so it cannot go with --from`);
  const sources = await readVerdictSources(options.from);
  // The folder is claimed only once every source has been read: bad input leaves nothing behind.
  const outputDir = await reportsFolder(options.output, 'matrix');
  const columns: MergeColumn[] = sources.map((source) => ({ source }));
  printColumns(await writeMergedMatrix(columns, outputDir));
  return 0;
}

/**
 * Runs every available environment (unavailable ones become a column that says why), then writes
 * reports/matrix.md, reports/matrix.html and one Allure report across the environments (or, with
 * --from, merges runs given as folders or files instead of running). The exit status is 0 once the
 * matrix is written: divergences are its content, not an error.
 */
export async function matrixCommand(options: MatrixOptions): Promise<number> {
  if (options.from?.length) return mergeCommand({ ...options, from: options.from });
  const names = options.environments ? options.environments.split(',').map((n) => n.trim()) : ENVIRONMENT_NAMES;
  const environments = names.map((name) => createEnvironment(name)); // unknown names fail here, before any run
  const outputDir = await reportsFolder(options.output, 'matrix');
  const columns: MergeColumn[] = [];
  for (const environment of environments) {
    const availability = await environment.available();
    if (!availability.ok) {
      console.log(`\n${environment.name}: unavailable — ${availability.reason}`);
      columns.push({ name: environment.name, unavailable: availability.reason });
      continue;
    }
    console.log(`\n== ${environment.name} ==`);
    try {
      // With --output, each run goes into a folder of its own there, named after its environment.
      const { file, outputDir: dir } = await runConformance({
        environment: environment.name,
        only: options.only,
        specsDir: options.specsDir,
        report: false,
        ...(options.output !== undefined ? { outputDir: join(outputDir, environment.name) } : {}),
      });
      columns.push({ source: { origin: dir, verdictPath: join(dir, 'verdicts.json'), file, allureResults: join(dir, 'allure-results') } });
    } catch (error) {
      // Available but unable to start (e.g. a runtime that cannot create a container here).
      const reason = (error as Error).message;
      console.log(`${environment.name}: unavailable — ${reason}`);
      columns.push({ name: environment.name, unavailable: reason });
    }
  }
  printColumns(await writeMergedMatrix(columns, outputDir));
  // The tutorial's claims, audited on the runs just made (in --output when given, not reports/<env>).
  const ran = new Map(
    columns.flatMap((column) => ('source' in column ? [[column.source.file.environment.name, column.source.origin]] : [])),
  );
  if (ran.size && !options.specsDir)
    await claimsCommand([...ran.keys()].join(','), { verdictsOf: (name) => ran.get(name) ?? reportDir(name), outputDir: options.output });
  return 0;
}

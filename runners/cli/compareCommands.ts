// `ipc-conformance diff A B` and `ipc-conformance matrix`: the cross-environment views.
import { existsSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { kitPaths, reportDir } from '../core/kitPaths.js';
import { QEMU_PREFIX } from '../environments/qemu.js';
import { createEnvironment, ENVIRONMENT_NAMES } from '../environments/registry.js';
import { generateAllureReport } from '../reporting/allureReport.js';
import { differences, formatDifferences } from '../reporting/compare.js';
import { type MatrixColumn, matrixHtml, matrixMarkdown } from '../reporting/matrix.js';
import { readVerdictFileAt } from '../verdict/readVerdictFile.js';
import { countByStatus } from '../verdict/verdict.js';
import { claimsCommand } from './claimsCommand.js';
import { runConformance } from './conformanceRun.js';

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

/** Prints what differs between two runs; exit status 1 when anything does. */
export async function diffCommand(a: string | undefined, b: string | undefined, extra: string[] = []): Promise<number> {
  if (!a || !b) throw new UsageError('diff needs two report folders, e.g. `ipc-conformance diff reports/host reports/sandbox`');
  if (extra.length) throw new UsageError(`diff compares two runs; unexpected argument '${extra[0]}'`);
  const [left, right] = await Promise.all([readVerdictFileAt(verdictFilePath(a)), readVerdictFileAt(verdictFilePath(b))]);
  const found = differences(left, right);
  console.log(formatDifferences(left, right, found));
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
  /** Where matrix.md, matrix.html and the report go instead of reports/. */
  output?: string;
}

/**
 * Runs every available environment (unavailable ones become a column that says why), then writes
 * reports/matrix.md, reports/matrix.html and one Allure report across the environments. The exit
 * status is 0 once the matrix is written: divergences are its content, not an error.
 */
export async function matrixCommand(options: MatrixOptions): Promise<number> {
  const names = options.environments ? options.environments.split(',').map((n) => n.trim()) : ENVIRONMENT_NAMES;
  const environments = names.map((name) => createEnvironment(name)); // unknown names fail here, before any run
  const columns: MatrixColumn[] = [];
  for (const environment of environments) {
    const availability = await environment.available();
    if (!availability.ok) {
      console.log(`\n${environment.name}: unavailable — ${availability.reason}`);
      columns.push({ name: environment.name, unavailable: availability.reason });
      continue;
    }
    console.log(`\n== ${environment.name} ==`);
    try {
      const { file } = await runConformance({
        environment: environment.name,
        only: options.only,
        specsDir: options.specsDir,
        report: false,
      });
      columns.push({ name: environment.name, file });
    } catch (error) {
      // Available but unable to start (e.g. a runtime that cannot create a container here).
      const reason = (error as Error).message;
      console.log(`${environment.name}: unavailable — ${reason}`);
      columns.push({ name: environment.name, unavailable: reason });
    }
  }
  await mkdir(kitPaths.reports, { recursive: true });
  await writeFile(join(kitPaths.reports, 'matrix.md'), matrixMarkdown(columns));
  await writeFile(join(kitPaths.reports, 'matrix.html'), matrixHtml(columns));
  const ran = columns.flatMap((c) => ('file' in c ? [c.name] : []));
  const report = await generateAllureReport(
    ran.map((name) => join(reportDir(name), 'allure-results')),
    join(kitPaths.reports, 'allure-report'),
    ran,
    { environments: ran.join(', ') },
  );
  console.log('');
  for (const column of columns) {
    if ('file' in column) {
      const counts = countByStatus(column.file.verdicts);
      console.log(
        `${column.name.padEnd(10)} ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped, ${counts.broken} broken`,
      );
    } else {
      console.log(`${column.name.padEnd(10)} unavailable: ${column.unavailable}`);
    }
  }
  console.log(`matrix: ${join(kitPaths.reports, 'matrix.md')} and matrix.html; report: ${report}`);
  if (ran.length && !options.specsDir) await claimsCommand(ran.join(','));
  return 0;
}

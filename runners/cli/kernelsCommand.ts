// `ipc-conformance kernels`: the suite on the host, under User-Mode Linux (when available) and in
// every qemu:<package> kernel of the kit's cache, one after another; then reports/kernels.md (one
// line per environment: kernel release, accelerator, wall time, verdict counts; and every property
// whose verdict differs between them, with each environment's value), reports/kernels.html (the
// whole matrix) and one Allure report. `ipc-conformance kernels fetch [PACKAGE...]` fills the cache.
// With --output DIR, everything (each environment's run in DIR/<env>/ too) goes into DIR.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { reportDir } from '../core/kitPaths.js';
import { createEnvironment, ENVIRONMENT_NAMES } from '../environments/registry.js';
import { defaultKernelPackages } from '../kernels/defaultKernels.js';
import { cachedKernels, ensureKernel, isKernelPackageName } from '../kernels/kernelCache.js';
import { generateAllureReport } from '../reporting/allureReport.js';
import { cellText, differences, observedText } from '../reporting/compare.js';
import { type MatrixColumn, matrixHtml } from '../reporting/matrix.js';
import { countByStatus, type Verdict } from '../verdict/verdict.js';
import { runConformance } from './conformanceRun.js';
import { reportsFolder } from './outputFolder.js';

/** One environment's run: its column of the matrix and how long it took. */
type KernelRun = { column: MatrixColumn; seconds?: number };

/** `kernels fetch [PACKAGE...]`: the named packages, or the default set, into the kernel cache. */
export async function fetchKernelsCommand(packages: string[]): Promise<number> {
  for (const name of packages)
    if (!isKernelPackageName(name))
      throw new UsageError(`'${name}' is not a Debian amd64 kernel image package name (linux-image-…-amd64-unsigned)`);
  const wanted = packages.length ? packages : await defaultKernelPackages();
  for (const name of wanted) {
    const kernel = await ensureKernel(name, (line) => console.log(line));
    console.log(`kernels: ${name}: ${kernel.release} ready (${kernel.vmlinuz})`);
  }
  return 0;
}

/** The environments compared: the host, uml when the kit has it, and every cached qemu kernel. */
function kernelEnvironments(): string[] {
  return ['host', ...(ENVIRONMENT_NAMES.includes('uml') ? ['uml'] : []), ...cachedKernels().map((kernel) => `qemu:${kernel.package}`)];
}

export async function kernelsCommand(options: { only?: string; outputDir?: string }): Promise<number> {
  const names = kernelEnvironments();
  const folder = await reportsFolder(options.outputDir, 'kernels');
  // A run's folder: reports/runs/… (reports/<env> then points at it), or DIR/<env> under --output.
  const runDir = (name: string) => (options.outputDir === undefined ? undefined : join(folder, name));
  const resultsOf = (name: string) => join(runDir(name) ?? reportDir(name), 'allure-results');
  if (!names.some((name) => name.startsWith('qemu:')))
    console.log('kernels: no qemu kernel in the cache: run `make setup-kernels` (root) to fetch the default set');
  const runs: KernelRun[] = [];
  for (const name of names) {
    const environment = createEnvironment(name);
    const availability = await environment.available();
    if (!availability.ok) {
      console.log(`\n${name}: unavailable — ${availability.reason}`);
      runs.push({ column: { name, unavailable: availability.reason } });
      continue;
    }
    console.log(`\n== ${name} ==`);
    const started = performance.now();
    try {
      const { file } = await runConformance({ environment: name, only: options.only, report: false, outputDir: runDir(name) });
      runs.push({ column: { name, file }, seconds: (performance.now() - started) / 1000 });
    } catch (error) {
      const reason = (error as Error).message;
      console.log(`${name}: unavailable — ${reason}`);
      runs.push({ column: { name, unavailable: reason } });
    }
  }
  const columns = runs.map((run) => run.column);
  await writeFile(join(folder, 'kernels.md'), kernelsMarkdown(runs));
  await writeFile(join(folder, 'kernels.html'), matrixHtml(columns));
  const ran = columns.flatMap((column) => ('file' in column ? [column.name] : []));
  const report = await generateAllureReport(ran.map(resultsOf), join(folder, 'kernels-allure-report'), ran, {
    environments: ran.join(', '),
  });
  console.log(`\n${summaryTable(runs)}\n\nkernels: ${join(folder, 'kernels.md')} and kernels.html; report: ${report}`);
  return 0;
}

/** One line per environment: kernel, accelerator, wall time, verdict counts. */
function summaryTable(runs: KernelRun[]): string {
  const lines = runs.map(({ column, seconds }) => {
    if (!('file' in column)) return `| ${column.name} | — | — | — | unavailable: ${column.unavailable.replaceAll('|', '\\|')} |`;
    const env = column.file.environment as unknown as Record<string, unknown>;
    const counts = countByStatus(column.file.verdicts);
    const release = String(env.kernel ?? '').split(' ')[0];
    const accelerator = String(env.accelerator ?? (column.name === 'host' ? 'native' : '—'));
    const verdicts = `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped, ${counts.broken} broken`;
    return `| ${column.name} | ${release} | ${accelerator} | ${seconds?.toFixed(0) ?? '—'} s | ${verdicts} |`;
  });
  return ['| environment | kernel | accelerator | wall time | verdicts |', '|---|---|---|---|---|', ...lines].join('\n');
}

/** Every property whose verdict (or pinned observation) differs between any two environments that ran. */
function differingRows(columns: MatrixColumn[]): string[] {
  const ran = columns.flatMap((column) => ('file' in column ? [column] : []));
  const properties = new Set<string>();
  for (let i = 0; i < ran.length; i++)
    for (let j = i + 1; j < ran.length; j++) for (const found of differences(ran[i]!.file, ran[j]!.file)) properties.add(found.property);
  return [...properties].map((property) => {
    const cells = ran.map((column) =>
      bothValues(column.file.verdicts.find((verdict) => verdict.property === property)).replaceAll('|', '\\|'),
    );
    return `| ${property} | ${cells.join(' | ')} |`;
  });
}

/** A cell that shows the observation also where the property passed: two kernels may pass with different values. */
function bothValues(verdict: Verdict | undefined): string {
  if (verdict?.status === 'passed' || verdict?.status === 'failed') return `${verdict.status}: ${observedText(verdict)}`;
  return cellText(verdict);
}

function kernelsMarkdown(runs: KernelRun[]): string {
  const ran = runs.flatMap((run) => ('file' in run.column ? [run.column.name] : []));
  const rows = differingRows(runs.map((run) => run.column));
  return [
    '# IPC conformance across kernels',
    '',
    summaryTable(runs),
    '',
    `## Properties whose verdict or observation differs (${rows.length})`,
    '',
    ...(rows.length
      ? [`| property | ${ran.join(' | ')} |`, `|---|${ran.map(() => '---').join('|')}|`, ...rows]
      : ['Every environment that ran agrees on every property.']),
    '',
  ].join('\n');
}

// `ipc-conformance run`: checks the selected properties in one environment through the vitest
// conformance suite, then prints the summary and builds the Allure report. The run writes into a
// report folder of its own (reports/runs/…) and, once complete, points reports/<env> at it, so
// that two runs in one checkout never remove each other's files (reporting/reportRuns.ts).
import { randomBytes } from 'node:crypto';
import { join, relative } from 'node:path';
import { createVitest } from 'vitest/node';
import { RUN_ID_VARIABLE } from '../environments/containerEnvironment.js';
import { auditRun, formatClaimCounts } from '../claims/claimSet.js';
import { withPreparedEnvironment } from '../environments/preparedRun.js';
import { createEnvironment } from '../environments/registry.js';
import { reportDir } from '../kitPaths.js';
import { endOnInterrupt, endWorkersNow } from '../process/interruption.js';
import { runFolder } from '../process/runFolder.js';
import { temporaryFolder } from '../process/temporaryFolder.js';
import { generateEnvironmentReport } from '../reporting/allureReport.js';
import { conformanceTestConfig } from '../reporting/conformanceVitestConfig.js';
import { startReportRun } from '../reporting/reportRuns.js';
import { formatSummary } from '../reporting/summary.js';
import { loadValidatedSpecs, selectProperties } from '../specSet.js';
import { countByStatus, type VerdictFile } from '../verdict/verdict.js';
import { readVerdictFile } from '../verdict/readVerdictFile.js';
import { UsageError } from './usageError.js';

/** Options of a conformance run. */
export interface ConformanceRunOptions {
  environment: string;
  only?: string;
  report: boolean;
}

export { readVerdictFile }; // reading and checking a verdict file lives in runners/verdict/readVerdictFile.ts

/** `ipc-conformance report`: rebuilds the Allure report of an earlier run. */
export async function rebuildReport(environment: string): Promise<string> {
  createEnvironment(environment); // rejects unknown names
  const outputDir = reportDir(environment);
  return generateEnvironmentReport(outputDir, (await readVerdictFile(outputDir)).environment);
}

/**
 * Runs the suite. vitest makes a folder under TMPDIR when it is created and removes it in close(),
 * which an interrupted run never reaches; so it is created with TMPDIR pointing into a folder of
 * the run's, which an interruption removes once the workers have ended (and the next run sweeps
 * with the run folder after a SIGKILL). Only vitest's creation sees that TMPDIR: the workers keep
 * the usual one, and make run folders of their own under the kit's temporary root.
 */
async function runSuite(environmentName: string, outputDir: string): Promise<void> {
  const runTmp = temporaryFolder('ipc-conformance-suite-');
  const previousTmp = process.env.TMPDIR;
  process.env.TMPDIR = runTmp.path;
  const vitest = await createVitest('test', { ...conformanceTestConfig(environmentName, outputDir), config: false, watch: false }).finally(() => {
    if (previousTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmp;
  });
  const forgetWorkers = endOnInterrupt(() => endWorkersNow());
  try {
    await vitest.start();
  } finally {
    await vitest.close();
    forgetWorkers();
    runTmp.remove();
  }
}

/** What a run produced: the verdicts, and the exit status (1 when any property failed or broke). */
export interface ConformanceRunResult {
  file: VerdictFile;
  exitCode: number;
  /** The run's own report folder (reports/runs/…); reports/<env> points at it until a later run completes. */
  outputDir: string;
}

/** Runs the suite in one environment, prints the summary, and builds the report if asked. */
export async function runConformance(options: ConformanceRunOptions): Promise<ConformanceRunResult> {
  // Validate everything the user typed before any work starts.
  selectProperties(await loadValidatedSpecs(), options.only);
  // The run folder first: making it sweeps what killed runs left, before this run adds its own.
  runFolder();
  // One id for the whole run: the vitest workers and the reporter reach the run's container by it.
  process.env[RUN_ID_VARIABLE] = `${process.pid}-${randomBytes(3).toString('hex')}`;
  const environment = createEnvironment(options.environment);
  const availability = await environment.available();
  if (!availability.ok) throw new UsageError(`environment '${environment.name}' is not available: ${availability.reason}`);

  const reportRun = await startReportRun(environment.name);
  const outputDir = reportRun.dir;
  process.env.IPC_CONFORMANCE_ENV = environment.name;
  process.env.IPC_CONFORMANCE_ONLY = options.only ?? '';
  process.env.IPC_CONFORMANCE_REPORT_DIR = outputDir;

  const started = performance.now();
  let file: VerdictFile;
  try {
    await withPreparedEnvironment(environment, process.env[RUN_ID_VARIABLE]!, () => runSuite(environment.name, outputDir));
    file = await readVerdictFile(outputDir);
  } catch (error) {
    await reportRun.discard();
    throw error;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);

  const verdictsPath = join(outputDir, 'verdicts.json');
  const show = (path: string) => (relative(process.cwd(), path).startsWith('..') ? path : relative(process.cwd(), path));
  console.log(`\n${formatSummary(environment.name, file.verdicts)}\n`);
  console.log(`checked ${file.verdicts.length} properties in ${seconds} s`);
  console.log(`verdicts: ${show(verdictsPath)}   junit: ${show(join(outputDir, 'junit.xml'))}`);
  // The tutorial audit speaks of the kit's own properties; a run of other specs has nothing to say.
  if (!process.env.IPC_CONFORMANCE_SPECS) {
    const claims = await auditRun(outputDir, file);
    console.log(`claims:   ${formatClaimCounts(claims)} (${show(join(outputDir, 'claims.json'))}; all environments: make claims)`);
  }
  await reportRun.publish();
  console.log(`latest:   ${show(reportDir(environment.name))} → ${show(outputDir)}`);

  if (options.report) {
    console.log(`report:   ${show(await generateEnvironmentReport(outputDir, file.environment))}`);
  }
  process.exitCode = 0; // vitest sets it on failures; the verdicts decide
  const counts = countByStatus(file.verdicts);
  return { file, exitCode: counts.failed + counts.broken > 0 ? 1 : 0, outputDir };
}

// `ipc-conformance run`: checks the selected properties in one environment through the vitest
// conformance suite, then prints the summary and builds the Allure report. The run writes into a
// report folder of its own (reports/runs/…) and, once complete, points reports/<env> at it, so
// that two runs in one checkout never remove each other's files (reporting/reportRuns.ts).
import { join, relative } from 'node:path';
import { createVitest, type TestUserConfig } from 'vitest/node';
import { auditRun, formatClaimCounts } from '../claims/claimSet.js';
import { reportDir } from '../core/kitPaths.js';
import { createEnvironment } from '../environments/registry.js';
import { endOnInterrupt, endWorkersNow } from '../process/interruption.js';
import { runFolder } from '../process/runFolder.js';
import { temporaryFolder } from '../process/temporaryFolder.js';
import { generateEnvironmentReport } from '../reporting/allureReport.js';
import { conformanceTestConfig } from '../reporting/conformanceVitestConfig.js';
import { type ReportRun, startReportRun } from '../reporting/reportRuns.js';
import { formatSummary } from '../reporting/summary.js';
import VerdictReporter from '../reporting/verdictReporter.js';
import { withPreparedRun } from '../run/preparedRun.js';
import type { ConformanceSuiteRun } from '../run/suiteContract.js';
import { loadValidatedSpecs, selectedMechanisms, selectProperties } from '../selection/specSet.js';
import { readVerdictFile } from '../verdict/readVerdictFile.js';
import { countByStatus, type VerdictFile } from '../verdict/verdict.js';

/** Options of a conformance run. */
export interface ConformanceRunOptions {
  environment: string;
  only?: string;
  /** A folder of specs to use instead of the kit's own (`--specs`). */
  specsDir?: string;
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
 * Runs the suite with `config`. vitest makes a folder under TMPDIR when it is created and removes
 * it in close(), which an interrupted run never reaches; so it is created with TMPDIR pointing into
 * a folder of the run's, which an interruption removes once the workers have ended (and the next
 * run sweeps with the run folder after a SIGKILL). Only vitest's creation sees that TMPDIR: the
 * workers keep the usual one, and make run folders of their own under the kit's temporary root.
 */
async function runSuite(config: TestUserConfig): Promise<void> {
  const runTmp = temporaryFolder('ipc-conformance-suite-');
  const previousTmp = process.env.TMPDIR;
  process.env.TMPDIR = runTmp.path;
  const vitest = await createVitest('test', { ...config, config: false, watch: false }).finally(() => {
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
  const selected = selectProperties(await loadValidatedSpecs(options.specsDir), options.only);
  const name = createEnvironment(options.environment).name; // rejects unknown names
  // The run folder first: making it sweeps what killed runs left, before this run adds its own.
  runFolder();

  const started = performance.now();
  const marks = { prepared: started, suiteEnded: started };
  let reportRun: ReportRun | undefined;
  let file: VerdictFile;
  try {
    file = await withPreparedRun(name, async ({ environment, handle }) => {
      marks.prepared = performance.now();
      reportRun = await startReportRun(name);
      const verdicts = new VerdictReporter({ outputFile: join(reportRun.dir, 'verdicts.json'), describe: () => environment.describe() });
      const run: ConformanceSuiteRun = { environment: handle, mechanisms: selectedMechanisms(selected) };
      await runSuite(conformanceTestConfig({ environment: name, reportDir: reportRun.dir, run, verdicts }));
      marks.suiteEnded = performance.now();
      if (!verdicts.file) throw new Error('the conformance suite ended without verdicts (see the output above)');
      return verdicts.file;
    });
  } catch (error) {
    await reportRun?.discard();
    throw error;
  }
  const outputDir = reportRun!.dir;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);

  const verdictsPath = join(outputDir, 'verdicts.json');
  const show = (path: string) => (relative(process.cwd(), path).startsWith('..') ? path : relative(process.cwd(), path));
  console.log(`\n${formatSummary(name, file.verdicts)}\n`);
  console.log(`checked ${file.verdicts.length} properties in ${seconds} s`);
  const s1 = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const ended = performance.now();
  console.log(
    `phases:   prepare ${s1(marks.prepared - started)}, suite ${s1(marks.suiteEnded - marks.prepared)} ` +
      `(functional properties ${s1(file.phases?.functionalMs ?? 0)}, measurements ${s1(file.phases?.measurementsMs ?? 0)}), ` +
      `release ${s1(ended - marks.suiteEnded)}`,
  );
  console.log(`verdicts: ${show(verdictsPath)}   junit: ${show(join(outputDir, 'junit.xml'))}`);
  // The tutorial audit speaks of the kit's own properties; a run of other specs has nothing to say.
  if (!options.specsDir) {
    const claims = await auditRun(outputDir, file);
    console.log(`claims:   ${formatClaimCounts(claims)} (${show(join(outputDir, 'claims.json'))}; all environments: make claims)`);
  }
  await reportRun!.publish();
  console.log(`latest:   ${show(reportDir(name))} → ${show(outputDir)}`);

  if (options.report) {
    console.log(`report:   ${show(await generateEnvironmentReport(outputDir, file.environment))}`);
  }
  process.exitCode = 0; // vitest sets it on failures; the verdicts decide
  const counts = countByStatus(file.verdicts);
  return { file, exitCode: counts.failed + counts.broken > 0 ? 1 : 0, outputDir };
}

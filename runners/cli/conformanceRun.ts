// `ipc-conformance run`: checks the selected properties in one environment through the vitest
// conformance suite, then writes the machine formats, prints the summary and builds the Allure
// report. The run writes into a report folder of its own (reports/runs/…) and, once complete, points
// reports/<env> at it, so that two runs in one checkout never remove each other's files
// (reporting/reportRuns.ts); with `--output DIR` it writes into DIR and leaves reports/ alone.
// With a machine `--format`, stdout carries that format only and every line for people goes to stderr.
import { join, relative } from 'node:path';
import { createVitest, type TestUserConfig } from 'vitest/node';
import { auditRun, formatClaimCounts } from '../claims/claimSet.js';
import { reportDir } from '../core/kitPaths.js';
import { createEnvironment } from '../environments/registry.js';
import { RUN_OUTPUT_FILES, type RunFormat, renderRun, writeRunOutputs } from '../formats/runFormats.js';
import { endOnInterrupt, endWorkersNow } from '../process/interruption.js';
import { runFolder } from '../process/runFolder.js';
import { temporaryFolder } from '../process/temporaryFolder.js';
import { claimsReportOf, generateEnvironmentReport } from '../reporting/allureReport.js';
import { conformanceTestConfig } from '../reporting/conformanceVitestConfig.js';
import ProgressReporter from '../reporting/progressReporter.js';
import { type ReportRun, startReportRun } from '../reporting/reportRuns.js';
import { formatSummary } from '../reporting/summary.js';
import VerdictReporter from '../reporting/verdictReporter.js';
import { withPreparedRun } from '../run/preparedRun.js';
import type { ConformanceSuiteRun } from '../run/suiteContract.js';
import { loadValidatedSpecs, selectedMechanisms, selectProperties } from '../selection/specSet.js';
import { readVerdictFile } from '../verdict/readVerdictFile.js';
import { countByStatus, type VerdictFile } from '../verdict/verdict.js';
import { outputFolderRun } from './outputFolder.js';
import { plainStream } from './terminalOutput.js';

/** Options of a conformance run. */
export interface ConformanceRunOptions {
  environment: string;
  only?: string;
  /** A folder of specs to use instead of the kit's own (`--specs`). */
  specsDir?: string;
  report: boolean;
  /** The run's folder (`--output`) instead of reports/runs/…; reports/<env> is then left as it was. */
  outputDir?: string;
  /** What stdout carries: the summary for people (text, the default) or one machine format. */
  format?: RunFormat;
}

export { readVerdictFile }; // reading and checking a verdict file lives in runners/verdict/readVerdictFile.ts

/**
 * Runs the suite with `config`. vitest makes a folder under TMPDIR when it is created and removes
 * it in close(), which an interrupted run never reaches; so it is created with TMPDIR pointing into
 * a folder of the run's, which an interruption removes once the workers have ended (and the next
 * run sweeps with the run folder after a SIGKILL). Only vitest's creation sees that TMPDIR: the
 * workers keep the usual one, and make run folders of their own under the kit's temporary root.
 * What vitest itself prints goes to `human`, without escape sequences off a terminal.
 */
async function runSuite(config: TestUserConfig, human: NodeJS.WriteStream): Promise<void> {
  const runTmp = temporaryFolder('ipc-conformance-suite-');
  const previousTmp = process.env.TMPDIR;
  process.env.TMPDIR = runTmp.path;
  const streams = { stdout: plainStream(human), stderr: plainStream(process.stderr) };
  const vitest = await createVitest('test', { ...config, config: false, watch: false }, undefined, streams).finally(() => {
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
  /** The run's own report folder (reports/runs/… or --output); reports/<env> points at the former until a later run completes. */
  outputDir: string;
}

/** Runs the suite in one environment, writes its outputs, prints the summary, and builds the report if asked. */
export async function runConformance(options: ConformanceRunOptions): Promise<ConformanceRunResult> {
  const format = options.format ?? 'text';
  const human = format === 'text' ? process.stdout : process.stderr;
  const say = (line: string) => human.write(`${line}\n`);
  // Validate everything the user typed before any work starts.
  const selected = selectProperties(await loadValidatedSpecs(options.specsDir), options.only);
  const name = createEnvironment(options.environment).name; // rejects unknown names
  const chosenFolder = options.outputDir === undefined ? undefined : await outputFolderRun(options.outputDir);
  // The run folder first: making it sweeps what killed runs left, before this run adds its own.
  runFolder();

  const started = performance.now();
  const marks = { prepared: started, suiteEnded: started };
  let reportRun: ReportRun | undefined;
  let file: VerdictFile;
  try {
    file = await withPreparedRun(name, async ({ environment, handle }) => {
      marks.prepared = performance.now();
      reportRun = chosenFolder ?? (await startReportRun(name));
      const verdicts = new VerdictReporter({
        outputFile: join(reportRun.dir, 'verdicts.json'),
        describe: () => environment.describe(),
        selection: { only: options.only ?? null, specs: options.specsDir ?? null },
      });
      const progress = new ProgressReporter({ stream: human, errors: process.stderr, environment: name });
      const run: ConformanceSuiteRun = { environment: handle, mechanisms: selectedMechanisms(selected) };
      await runSuite(conformanceTestConfig({ environment: name, reportDir: reportRun.dir, run, verdicts, progress }), human);
      marks.suiteEnded = performance.now();
      if (!verdicts.file) throw new Error('the conformance suite ended without verdicts (see the errors above)');
      return verdicts.file;
    });
  } catch (error) {
    await reportRun?.discard();
    throw error;
  }
  const outputDir = reportRun!.dir;
  // Every machine format is written whatever stdout carries: CI picks the files it knows.
  await writeRunOutputs(outputDir, file);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);

  const show = (path: string) => (relative(process.cwd(), path).startsWith('..') ? path : relative(process.cwd(), path));
  say(`\n${formatSummary(name, file.verdicts)}\n`);
  say(`checked ${file.verdicts.length} properties in ${seconds} s`);
  const s1 = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const ended = performance.now();
  say(
    `phases:   prepare ${s1(marks.prepared - started)}, suite ${s1(marks.suiteEnded - marks.prepared)} ` +
      `(functional properties ${s1(file.phases?.functionalMs ?? 0)}, measurements ${s1(file.phases?.measurementsMs ?? 0)}), ` +
      `release ${s1(ended - marks.suiteEnded)}`,
  );
  say(`verdicts: ${show(join(outputDir, RUN_OUTPUT_FILES.json))}`);
  say(`beside:   ${RUN_OUTPUT_FILES.junit} (JUnit), ${RUN_OUTPUT_FILES.tap} (KTAP), ${RUN_OUTPUT_FILES.kcidb} (KCIDB)`);
  // The tutorial audit speaks of the kit's own properties; a run of other specs has nothing to say.
  if (!options.specsDir) {
    const claims = await auditRun(outputDir, file);
    say(`claims:   ${formatClaimCounts(claims)} (${show(join(outputDir, 'claims.json'))}; all environments: make claims)`);
  }
  await reportRun!.publish();
  if (!chosenFolder) say(`latest:   ${show(reportDir(name))} → ${show(outputDir)}`);

  if (options.report) {
    say(`report:   ${show(await generateEnvironmentReport(outputDir, file.environment))}`);
    const claimsReport = claimsReportOf(outputDir);
    if (claimsReport) say(`claims report: ${show(claimsReport)}`);
  }
  if (format !== 'text') {
    const rendered = renderRun(file, format);
    process.stdout.write(rendered.endsWith('\n') ? rendered : `${rendered}\n`);
  }
  process.exitCode = 0; // vitest sets it on failures; the verdicts decide
  const counts = countByStatus(file.verdicts);
  return { file, exitCode: counts.failed + counts.broken > 0 ? 1 : 0, outputDir };
}

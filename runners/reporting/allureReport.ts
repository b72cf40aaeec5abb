// Turns Allure results into an HTML report with the Allure 3 CLI from the kit's own node_modules
// (offline, one self-contained file), then finishes its page (allureHtml.ts: no analytics, embedded
// data read on every load). A run's report continues the Allure history (trends, the History and
// Transition views) of the earlier runs: reportRuns.ts carries history.jsonl from run to run.
//
// A run's folder holds two reports: allure-report/ with the run's properties only, so that its
// totals are the kit's totals, and claims-report/ with the tutorial audit (runners/claims/).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dependencyFile, kitPaths } from '../core/kitPaths.js';
import { type CommandResult, runCommand } from '../process/runCommand.js';
import { temporaryFolder } from '../process/temporaryFolder.js';
import { allureConfigModule } from './allureConfig.js';
import { finishReportPages } from './allureHtml.js';
import { ALLURE_HISTORY_FILE, CLAIMS_HISTORY_FILE } from './reportRuns.js';

/** In a run's folder: the claims' Allure results (written by the audit) and their report. */
export const CLAIMS_RESULTS_FOLDER = 'claims-results';
export const CLAIMS_REPORT_FOLDER = 'claims-report';

/** How a report looks, beyond its results. */
export interface ReportLook {
  reportName?: string;
  groupBy?: string[];
}

/** The field that marks the history entry a results folder made, so a rebuilt report replaces it. */
const RUN_KEY_FIELD = 'ipcConformanceResults';

/** Names the results being reported: their result files' names are random per run, fixed after. */
async function resultsKey(resultsDirs: string[]): Promise<string> {
  const names = (await Promise.all(resultsDirs.map((dir) => readdir(dir).catch(() => [] as string[])))).flat().sort();
  return createHash('sha256').update(names.join('\n')).digest('hex').slice(0, 16);
}

const historyLines = async (path: string) =>
  (await readFile(path, 'utf8').catch(() => ''))
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/**
 * Generates one HTML report from one or more results folders (one per environment). With
 * `historyPath`, the report shows the runs recorded there and records this one; rebuilding the
 * report of the same results replaces its own entry instead of adding it twice.
 */
export async function generateAllureReport(
  resultsDirs: string[],
  outputDir: string,
  environments: string[],
  variables: Record<string, string>,
  historyPath?: string,
  look: ReportLook = {},
): Promise<string> {
  const allure = dependencyFile(join('.bin', 'allure')); // beside an installed kit, not inside it
  const configFolder = temporaryFolder('ipc-conformance-allure-');
  const config = join(configFolder.path, 'allurerc.mjs');
  const workingHistory = join(configFolder.path, 'history.jsonl');
  let result: CommandResult;
  try {
    const key = historyPath ? await resultsKey(resultsDirs) : '';
    const earlier = historyPath ? (await historyLines(historyPath)).filter((entry) => entry[RUN_KEY_FIELD] !== key) : [];
    if (historyPath) await writeFile(workingHistory, earlier.map((entry) => `${JSON.stringify(entry)}\n`).join(''), { mode: 0o600 });
    const module = allureConfigModule({ environments, variables, historyPath: historyPath && workingHistory, ...look });
    await writeFile(config, module, { mode: 0o600 });
    result = await runCommand([allure, 'generate', ...resultsDirs, '--config', config, '--output', outputDir], {
      timeoutMs: 120_000,
      cwd: kitPaths.root,
    });
    if (historyPath && result.exitCode === 0) {
      // Allure keeps the earlier lines as they were and appends this run's: that one gets the mark.
      const entries = await historyLines(workingHistory);
      const marked = entries.map((entry, index) => (index >= earlier.length ? { ...entry, [RUN_KEY_FIELD]: key } : entry));
      await writeFile(historyPath, marked.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
    }
  } finally {
    configFolder.remove();
  }
  if (result.exitCode !== 0) {
    const why = result.timedOut ? 'timed out' : `exit status ${result.exitCode}`;
    throw new Error(`allure generate failed (${why}): ${(result.stderr || result.stdout).trim().split('\n').slice(-3).join(' | ')}`);
  }
  await finishReportPages(outputDir);
  return join(outputDir, 'index.html');
}

/** The variables a report shows for one environment's description. */
export function environmentVariables(environment: Record<string, unknown> & { name: string }): Record<string, string> {
  const { name, kernel, runtime, arch, uid, pageSize } = environment;
  const shown = { environment: name, kernel, runtime, arch, uid, pageSize };
  return Object.fromEntries(
    Object.entries(shown)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, String(value)]),
  );
}

/** The claims report of a run folder, when the run audited the claims and its report was built. */
export function claimsReportOf(reportDir: string): string | undefined {
  const index = join(reportDir, CLAIMS_REPORT_FOLDER, 'index.html');
  return existsSync(index) ? index : undefined;
}

/**
 * Generates a run's reports: <dir>/allure-report from <dir>/allure-results (the properties), and,
 * when the run audited the tutorial's claims, <dir>/claims-report from <dir>/claims-results.
 * Returns the property report's index.html; claimsReportOf(dir) finds the other.
 */
export async function generateEnvironmentReport(
  reportDir: string,
  environment: Record<string, unknown> & { name: string },
): Promise<string> {
  const variables = environmentVariables(environment);
  const { name } = environment;
  const report = await generateAllureReport(
    [join(reportDir, 'allure-results')],
    join(reportDir, 'allure-report'),
    [name],
    variables,
    join(reportDir, ALLURE_HISTORY_FILE),
    { reportName: `ipc-conformance: ${name}` },
  );
  const claimsResults = join(reportDir, CLAIMS_RESULTS_FOLDER);
  if (existsSync(claimsResults)) {
    await generateAllureReport(
      [claimsResults],
      join(reportDir, CLAIMS_REPORT_FOLDER),
      [name],
      variables,
      join(reportDir, CLAIMS_HISTORY_FILE),
      {
        reportName: `ipc-conformance: tutorial claims (${name})`,
        groupBy: ['feature', 'story'],
      },
    );
  }
  return report;
}

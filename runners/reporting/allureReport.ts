// Turns reports/<env>/allure-results into reports/<env>/allure-report/index.html with the Allure 3
// CLI from the kit's own node_modules (offline, single file). A run's report continues the Allure
// history (trends, flaky marks) of the earlier runs: reportRuns.ts carries history.jsonl forward.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kitPaths } from '../core/kitPaths.js';
import { type CommandResult, runCommand } from '../process/runCommand.js';
import { temporaryFolder } from '../process/temporaryFolder.js';
import { allureConfigModule } from './allureConfig.js';
import { ALLURE_HISTORY_FILE } from './reportRuns.js';

/** Generates reports/<env>/allure-report from reports/<env>/allure-results, labelled with the environment. */
export async function generateEnvironmentReport(
  reportDir: string,
  environment: Record<string, unknown> & { name: string },
): Promise<string> {
  const { name, kernel, runtime, arch, uid, pageSize } = environment;
  const variables = Object.fromEntries(
    Object.entries({ environment: name, kernel, runtime, arch, uid, pageSize }).map(([k, v]) => [k, String(v)]),
  );
  return generateAllureReport(
    [join(reportDir, 'allure-results')],
    join(reportDir, 'allure-report'),
    [name],
    variables,
    join(reportDir, ALLURE_HISTORY_FILE),
  );
}

/** Generates one HTML report from one or more results folders (one per environment), appending
 * to the Allure history at `historyPath` when one is given. */
export async function generateAllureReport(
  resultsDirs: string[],
  outputDir: string,
  environments: string[],
  variables: Record<string, string>,
  historyPath?: string,
): Promise<string> {
  const allure = join(kitPaths.root, 'node_modules', '.bin', 'allure');
  const configFolder = temporaryFolder('ipc-conformance-allure-');
  const config = join(configFolder.path, 'allurerc.mjs');
  let result: CommandResult;
  try {
    writeFileSync(config, allureConfigModule({ environments, variables, historyPath }), { mode: 0o600 });
    result = await runCommand([allure, 'generate', ...resultsDirs, '--config', config, '--output', outputDir], {
      timeoutMs: 120_000,
      cwd: kitPaths.root,
    });
  } finally {
    configFolder.remove();
  }
  if (result.exitCode !== 0) {
    const why = result.timedOut ? 'timed out' : `exit status ${result.exitCode}`;
    throw new Error(`allure generate failed (${why}): ${(result.stderr || result.stdout).trim().split('\n').slice(-3).join(' | ')}`);
  }
  return join(outputDir, 'index.html');
}

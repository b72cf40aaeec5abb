// `ipc-conformance claims`: the tutorial's claims decided in every environment that has verdicts,
// written to claims.md (the hand-out) and claims.json in reports/ (or the --output folder).
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { auditClaims } from '../claims/auditClaims.js';
import { claimResultSummary, formatClaimCounts, loadValidatedClaims } from '../claims/claimSet.js';
import { claimsMarkdown, type EnvironmentAudit } from '../claims/claimsReport.js';
import { resolveOmissions } from '../claims/omissionsReport.js';
import { UsageError } from '../core/errors.js';
import { kitPaths, reportDir } from '../core/kitPaths.js';
import { ENVIRONMENT_NAMES } from '../environments/registry.js';
import { loadValidatedSpecs } from '../selection/specSet.js';
import { readVerdictFile } from './conformanceRun.js';
import { reportsFolder } from './outputFolder.js';

/** Where `claims` reads and writes. */
export interface ClaimsOptions {
  /** The folder claims.md and claims.json go to (`--output`); reports/ by default. */
  outputDir?: string;
  /** The folder holding an environment's verdicts.json; reports/<env> by default. */
  verdictsOf?: (environment: string) => string;
}

/** `ipc-conformance claims [--envs a,b] [--output DIR]`: writes claims.md and claims.json. */
export async function claimsCommand(environments?: string, options: ClaimsOptions = {}): Promise<number> {
  const verdictsOf = options.verdictsOf ?? reportDir;
  const names = environments
    ? environments.split(',').map((n) => n.trim())
    : ENVIRONMENT_NAMES.filter((n) => existsSync(join(verdictsOf(n), 'verdicts.json')));
  for (const name of names)
    if (!ENVIRONMENT_NAMES.includes(name)) throw new UsageError(`unknown environment '${name}' (known: ${ENVIRONMENT_NAMES.join(', ')})`);
  if (names.length === 0) throw new UsageError('no environment has verdicts yet: run `make conformance` first');
  const folder = await reportsFolder(options.outputDir, 'claims');
  const { tutorial, claims } = await loadValidatedClaims();
  const audits: EnvironmentAudit[] = [];
  for (const name of names) {
    const file = await readVerdictFile(verdictsOf(name));
    audits.push({ environment: name, description: String(file.environment.runtime ?? name), results: auditClaims(claims, file) });
  }
  // The shared reference folder sits beside the repository; without it the file order serves.
  const tutorialText = await readFile(join(kitPaths.root, '..', 'shared', 'reference', tutorial), 'utf8').catch(() => undefined);
  const omissions = resolveOmissions(await loadValidatedSpecs());
  await writeFile(join(folder, 'claims.md'), claimsMarkdown(tutorial, audits, tutorialText, omissions));
  const json = audits.map((a) => ({ environment: a.environment, claims: a.results.map(claimResultSummary) }));
  await writeFile(join(folder, 'claims.json'), `${JSON.stringify(json, null, 2)}\n`);
  for (const audit of audits) console.log(`${audit.environment.padEnd(10)} ${formatClaimCounts(audit.results)}`);
  console.log(`claims: ${join(folder, 'claims.md')} (${claims.length} claims of ${tutorial})`);
  // The claims' own Allure report: its totals are claims, never mixed into a property report.
  const { generateClaimsReport } = await import('../claims/claimsAllure.js');
  console.log(`claims report: ${await generateClaimsReport(folder, audits, tutorial)}`);
  return 0;
}

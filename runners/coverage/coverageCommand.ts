// `ipc-conformance coverage` (`make coverage`): the kit's specs against the reference suites' lists,
// written to reports/coverage.md and reports/coverage.json, the per-mechanism table on stdout.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NOT_APPLICABLE } from '../../specs/peers/not-applicable.js';
import { COMMITTED_PEER_LISTS } from '../../specs/peers/peerLists.js';
import { kitPaths } from '../core/kitPaths.js';
import { loadValidatedSpecs } from '../selection/specSet.js';
import { coverageMarkdown, mechanismTable } from './coverageMarkdown.js';
import { computeCoverage } from './coverageReport.js';
import { MECHANISM_SCOPE } from './peerScope.js';

/** Writes the coverage report of the specs in `specsDir` (the kit's own by default); exit status 0. */
export async function coverageCommand(specsDir?: string): Promise<number> {
  const specs = await loadValidatedSpecs(specsDir);
  const report = computeCoverage(specs, COMMITTED_PEER_LISTS, NOT_APPLICABLE, MECHANISM_SCOPE);
  await mkdir(kitPaths.reports, { recursive: true });
  const markdown = join(kitPaths.reports, 'coverage.md');
  await writeFile(markdown, coverageMarkdown(report));
  await writeFile(join(kitPaths.reports, 'coverage.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(mechanismTable(report.mechanisms, report.total));
  console.log(`\ncoverage: ${markdown} (target ${report.targetPercent} % of applicable Open POSIX assertions)`);
  return 0;
}

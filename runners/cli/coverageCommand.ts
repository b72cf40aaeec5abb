// `ipc-conformance coverage` (`make coverage`): the kit's specs against the reference suites' lists,
// written to coverage.md and coverage.json in reports/ (or --output), the per-mechanism table on stdout.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NOT_APPLICABLE } from '../../specs/peers/not-applicable.js';
import { COMMITTED_PEER_LISTS } from '../../specs/peers/peerLists.js';
import { coverageMarkdown, mechanismTable } from '../coverage/coverageMarkdown.js';
import { computeCoverage } from '../coverage/coverageReport.js';
import { MECHANISM_SCOPE } from '../coverage/peerScope.js';
import { loadValidatedSpecs } from '../selection/specSet.js';
import { reportsFolder } from './outputFolder.js';

/** Writes the coverage report of the specs in `specsDir` (the kit's own by default) into `outputDir`; exit status 0. */
export async function coverageCommand(options: { specsDir?: string; outputDir?: string }): Promise<number> {
  const specs = await loadValidatedSpecs(options.specsDir);
  const report = computeCoverage(specs, COMMITTED_PEER_LISTS, NOT_APPLICABLE, MECHANISM_SCOPE);
  const folder = await reportsFolder(options.outputDir, 'coverage');
  const markdown = join(folder, 'coverage.md');
  await writeFile(markdown, coverageMarkdown(report));
  await writeFile(join(folder, 'coverage.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(mechanismTable(report.mechanisms, report.total));
  console.log(`\ncoverage: ${markdown} (target ${report.targetPercent} % of applicable Open POSIX assertions)`);
  return 0;
}

// A small report generated the kit's way (generateAllureReport) from hand-written results: one
// passed, one failed and one skipped result, with a man page link and a text attachment, so that
// every kind of page a report has can be opened quickly.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manPageLinks } from '../../../runners/reporting/allureLinks.js';
import { generateAllureReport } from '../../../runners/reporting/allureReport.js';
import { type HandWrittenResult, writeAllureResult, writeAttachment } from '../../../runners/reporting/allureResultFile.js';

/** A generated sample report and how to remove it. */
export interface SampleReport {
  /** The temporary folder holding everything. */
  root: string;
  resultsDir: string;
  /** The allure-report folder. */
  reportDir: string;
  names: string[];
  remove(): Promise<void>;
}

const base = (name: string, status: HandWrittenResult['status'], message: string): HandWrittenResult => ({
  historyId: `sample:${name}`,
  testCaseId: `sample:${name}`,
  name,
  fullName: `sample.${name}`,
  status,
  message,
  description: `**${name}**: a sample result (see pipe(7)).`,
  epic: 'pipes',
  feature: 'pipe',
  story: 'capacity',
  environment: 'host',
  parameters: [{ name: 'environment', value: 'host' }],
  links: manPageLinks(['pipe(7)', 'fcntl(2)']),
  start: Date.now() - 1500,
  stop: Date.now(),
});

/** Writes the results and generates their report into a new temporary folder. */
export async function sampleReport(historyPath?: string): Promise<SampleReport> {
  const root = await mkdtemp(join(tmpdir(), 'ipc-conformance-report-'));
  const resultsDir = join(root, 'allure-results');
  const reportDir = join(root, 'allure-report');
  try {
    await mkdir(resultsDir);
    const note = await writeAttachment(resultsDir, 'verdict.txt', 'expected: equals=65536\nobserved: value=4096\n', 'text/plain');
    const samples = [
      { ...base('pipe.sample.holds', 'passed', ''), attachments: [note] },
      { ...base('pipe.sample.contradicted', 'failed', 'the pipe held 4096 bytes, not 65536'), attachments: [note] },
      base('pipe.sample.not-checked', 'skipped', 'requires mqueue-fs: nothing of type mqueue is mounted at /dev/mqueue'),
    ];
    for (const sample of samples) await writeAllureResult(resultsDir, sample);
    await generateAllureReport([resultsDir], reportDir, ['host'], { environment: 'host' }, historyPath);
    return { root, resultsDir, reportDir, names: samples.map((s) => s.name), remove: () => rm(root, { recursive: true, force: true }) };
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}

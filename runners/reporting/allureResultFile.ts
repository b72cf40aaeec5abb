// One Allure result file written by hand, for the parts of the kit that report without a test
// runner (the tutorial audit, the exercises, the benchmark). The fields every result carries the
// same way are filled here, so the three writers only say what their result is.
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What differs from one hand-written result to the next. */
export interface HandWrittenResult {
  /** Stable across runs: Allure tracks a result's history by it. */
  historyId: string;
  testCaseId: string;
  name: string;
  fullName: string;
  status: 'passed' | 'failed' | 'broken' | 'skipped';
  message: string;
  description: string;
  epic: string;
  feature: string;
  story: string;
  environment: string;
  parameters: { name: string; value: string }[];
  attachments?: { name: string; source: string; type: string }[];
  /** Milliseconds since the epoch; start and stop alike (nothing was timed by Allure). */
  time: number;
}

/** Writes `<uuid>-result.json` into `resultsDir`. */
export async function writeAllureResult(resultsDir: string, result: HandWrittenResult): Promise<void> {
  const uuid = randomUUID();
  const file = {
    uuid,
    historyId: result.historyId,
    testCaseId: result.testCaseId,
    name: result.name,
    fullName: result.fullName,
    status: result.status,
    statusDetails: { message: result.message },
    stage: 'finished',
    description: result.description,
    labels: [
      { name: 'epic', value: result.epic },
      { name: 'feature', value: result.feature },
      { name: 'story', value: result.story },
      { name: 'environment', value: result.environment },
    ],
    parameters: result.parameters,
    links: [],
    steps: [],
    attachments: result.attachments ?? [],
    start: result.time,
    stop: result.time,
  };
  await writeFile(join(resultsDir, `${uuid}-result.json`), JSON.stringify(file));
}

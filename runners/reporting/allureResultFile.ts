// One Allure result file written by hand, for the parts of the kit that report without a test
// runner (the tutorial audit, the exercises, the benchmark). The fields every result carries the
// same way are filled here, so the writers only say what their result is.
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A file attached to a result, already in the results folder (`source` is its name there). */
export interface AttachmentRef {
  name: string;
  source: string;
  type: string;
}

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
  /** Pages to read (man pages …), shown as links. */
  links?: { name: string; url: string }[];
  attachments?: AttachmentRef[];
  /** Milliseconds since the epoch when what the result reports began (`time`, for results that are not timed, is start and stop alike). */
  start?: number;
  /** When it ended; `start` when absent. */
  stop?: number;
  /** The older name of `start`, kept for the writers that date a result by one instant. */
  time?: number;
}

/** Extensions Allure picks a viewer by, for the attachment types the kit writes. */
const EXTENSIONS: Record<string, string> = {
  'application/json': '.json',
  'text/plain': '.txt',
  'text/markdown': '.md',
  'image/svg+xml': '.svg',
  'application/octet-stream': '.bin',
};

/** Writes `content` as an attachment file into `resultsDir` and returns its reference. */
export async function writeAttachment(resultsDir: string, name: string, content: string | Buffer, type: string): Promise<AttachmentRef> {
  const source = `${randomUUID()}-attachment${EXTENSIONS[type] ?? '.bin'}`;
  await writeFile(join(resultsDir, source), content);
  return { name, source, type };
}

/** Writes `<uuid>-result.json` into `resultsDir`. */
export async function writeAllureResult(resultsDir: string, result: HandWrittenResult): Promise<void> {
  const uuid = randomUUID();
  const start = result.start ?? result.time ?? Date.now();
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
    links: (result.links ?? []).map((link) => ({ ...link, type: 'link' })),
    steps: [],
    attachments: result.attachments ?? [],
    start,
    stop: Math.max(start, result.stop ?? start),
  };
  await writeFile(join(resultsDir, `${uuid}-result.json`), JSON.stringify(file));
}

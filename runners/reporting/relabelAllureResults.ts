// A run's Allure results, copied into the merged report under the run's column label. Every
// machine calls its own run `host`, so the environment label and parameter are rewritten to the
// column's label; uuids and attachment names are made afresh, since copies of one folder (or runs
// that happen to share a file name) must not overwrite each other in the merged results.
import { randomUUID } from 'node:crypto';
import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { columnHistoryId } from './columnLabels.js';

interface NamedValue {
  name: string;
  value: string;
}

interface AttachmentRef {
  source: string;
}

/** The fields of an Allure result this module reads or rewrites; the rest is copied as it is. */
interface AllureResult {
  uuid?: string;
  name?: string;
  testCaseId?: string;
  historyId?: string;
  labels?: NamedValue[];
  parameters?: NamedValue[];
  attachments?: AttachmentRef[];
  steps?: AllureStep[];
}

interface AllureStep {
  attachments?: AttachmentRef[];
  steps?: AllureStep[];
}

function attachmentsOf(holder: { attachments?: AttachmentRef[]; steps?: AllureStep[] }): AttachmentRef[] {
  return [...(holder.attachments ?? []), ...(holder.steps ?? []).flatMap(attachmentsOf)];
}

/** One value under `name` in a list of labels or parameters, whatever was there before. */
function withOne(list: NamedValue[] | undefined, name: string, value: string): NamedValue[] {
  return [...(list ?? []).filter((entry) => entry.name !== name), { name, value }];
}

async function readResult(path: string): Promise<AllureResult | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as unknown;
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as AllureResult) : undefined;
  } catch {
    return undefined; // unreadable: the property is written from its verdict instead
  }
}

/**
 * Copies from `fromDir` into `toDir` the results of the properties in `properties` (a run's folder
 * may hold other results, such as the tutorial claims, which are not the run's verdicts), labelled
 * `label`. Returns the properties that got a result.
 */
export async function copyRelabelledResults(
  fromDir: string,
  toDir: string,
  label: string,
  properties: ReadonlySet<string>,
): Promise<Set<string>> {
  const covered = new Set<string>();
  const names = (await readdir(fromDir)).filter((name) => name.endsWith('-result.json')).sort();
  for (const name of names) {
    const result = await readResult(join(fromDir, name));
    const property = [result?.testCaseId, result?.name].find((id) => id !== undefined && properties.has(id));
    if (!result || property === undefined || covered.has(property)) continue;
    const renamed = new Map<string, string>();
    for (const attachment of attachmentsOf(result)) {
      if (!renamed.has(attachment.source)) renamed.set(attachment.source, `${randomUUID()}-attachment${extname(attachment.source)}`);
      attachment.source = renamed.get(attachment.source)!;
    }
    const copies = [...renamed].map(([from, to]) =>
      copyFile(join(fromDir, from), join(toDir, to)).catch(() => undefined /* a missing attachment stays missing */),
    );
    await Promise.all(copies);
    const uuid = randomUUID();
    const relabelled: AllureResult = {
      ...result,
      uuid,
      testCaseId: property,
      historyId: columnHistoryId(property, label),
      labels: withOne(result.labels, 'environment', label),
      parameters: withOne(result.parameters, 'environment', label),
    };
    await writeFile(join(toDir, `${uuid}-result.json`), JSON.stringify(relabelled));
    covered.add(property);
  }
  return covered;
}

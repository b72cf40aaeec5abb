// Reads what a single-file Allure 3 report embeds: every data file of the report is a
// `d("<path>","<base64>")` call in index.html. The tests read the report the way the page does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The report's embedded files by path (`data/test-results/<id>.json`, `widgets/tree.json` …). */
export function embeddedFiles(reportFolder: string): Map<string, Buffer> {
  const html = readFileSync(join(reportFolder, 'index.html'), 'utf8');
  const files = new Map<string, Buffer>();
  for (const match of html.matchAll(/\bd\("([^"]+)","([A-Za-z0-9+/=]*)"\)/g)) files.set(match[1]!, Buffer.from(match[2]!, 'base64'));
  return files;
}

/** A test result as the report shows it (the fields the tests read). */
export interface ReportedResult {
  id: string;
  name: string;
  status: string;
  start?: number;
  stop?: number;
  duration?: number;
  error?: { message?: string; trace?: string; expected?: string; actual?: string };
  labels: { name: string; value: string }[];
  links: { name?: string; url: string }[];
  attachments?: unknown[];
  steps?: unknown[];
  history?: { id: string; status: string; start?: number }[];
}

/** Every test result of the report. */
export function reportedResults(reportFolder: string): ReportedResult[] {
  return [...embeddedFiles(reportFolder)]
    .filter(([path]) => /^data\/test-results\/[^/]+\.json$/.test(path))
    .map(([, content]) => JSON.parse(content.toString('utf8')) as ReportedResult);
}

/** The result named `name` (a property id, a claim id, a check id). */
export function reportedResult(reportFolder: string, name: string): ReportedResult {
  const found = reportedResults(reportFolder).find((result) => result.name === name);
  if (!found) throw new Error(`the report in ${reportFolder} has no result named ${name}`);
  return found;
}

/** The attachments of a result (Allure gathers those of its steps too): name, content type and embedded path. */
export function attachmentsOf(result: ReportedResult): { name: string; contentType: string; path: string }[] {
  return ((result.attachments ?? []) as { link?: { name?: string; contentType?: string; id?: string; ext?: string } }[]).flatMap((a) =>
    a.link
      ? [{ name: a.link.name ?? '', contentType: a.link.contentType ?? '', path: `data/attachments/${a.link.id}${a.link.ext ?? ''}` }]
      : [],
  );
}

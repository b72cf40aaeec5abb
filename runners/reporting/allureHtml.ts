// Two corrections to the index.html Allure 3.18's plugin-awesome writes, made after every
// generation. Neither has a setting in 3.18 (read in @allurereport/plugin-awesome's generators.js),
// so both are text edits that check their own result and fail loudly when the page is not the one
// they were written for, rather than leave a report that phones home or hangs.
//
// 1. Analytics. The page template loads Google's gtag.js whenever `analyticsEnable` is set, and the
//    plugin sets it to `true` unconditionally (allure3 issue #476 asks for a switch; Allure 2's
//    ALLURE_NO_ANALYTICS is not read by Allure 3). The two script tags of that block are removed.
// 2. Single-file data. The report's data is embedded in scripts placed AFTER the application's
//    script. The application reads embedded data only if `window.allureReportData` exists when it
//    first asks for a file; otherwise it fetch()es `data/…` beside the page, which a browser refuses
//    for a file:// page ("Failed to fetch") and which does not exist in a single-file report. When
//    the parser yields before reaching the data the page stays on its spinner. Allure's own page
//    makes that likely: its gtag.js tag stands between the application and the data, and on a busy
//    machine the parser yields there (measured at a 6× CPU slowdown: 3 of 20 cold loads stuck for a
//    full host report, 9 of 20 for a larger one; none once the tag is gone). A slow disk or network makes the parser yield anywhere, so
//    removing the tag is not enough: declaring the (still empty) data object before the
//    application's script makes it always take the embedded path, where it waits for the data's
//    "ready" flag (test/reporting/reportPages.test.ts pauses the page there to show it).
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What the analytics block loads and calls; none of it may remain in a finished page. */
const ANALYTICS_TRACES = [/googletagmanager/i, /\bgtag\s*\(/, /\bdataLayer\b/, /google-analytics/i];

/** The gtag.js loader and the inline script that configures it, as plugin-awesome 3.18 writes them. */
const ANALYTICS_BLOCK =
  /[ \t]*<script async src="https:\/\/www\.googletagmanager\.com\/gtag\/js\?id=[^"]*"><\/script>\s*<script>\s*window\.dataLayer = window\.dataLayer \|\| \[\];[\s\S]*?<\/script>\n?/g;

/** The single-file data script's declaration, and the application script it must precede. */
const EMBEDDED_DATA_DECLARATION = 'window.allureReportData = window.allureReportData || {};';
const APPLICATION_SCRIPT = /<script\s+src="data:text\/javascript;base64,/g;
const EARLY_DECLARATION = `<script>/* ipc-conformance: the data below is embedded; read it, never fetch it */ window.allureReportDataReady = false; ${EMBEDDED_DATA_DECLARATION}</script>\n    `;

/** A generated page that is not what these corrections expect. */
export class UnexpectedReportPage extends Error {
  override name = 'UnexpectedReportPage';
}

/** `html` without the analytics block; throws if anything of it would remain. */
export function withoutAnalytics(html: string, page = 'index.html'): string {
  const stripped = html.replace(ANALYTICS_BLOCK, '');
  const left = ANALYTICS_TRACES.find((trace) => trace.test(stripped));
  if (left)
    throw new UnexpectedReportPage(`${page}: analytics code left after removing Allure's gtag block (${left}): the template changed`);
  return stripped;
}

/** Whether `html` is a single-file report page (its data embedded). */
export function embedsItsData(html: string): boolean {
  return html.includes(EMBEDDED_DATA_DECLARATION);
}

/** A single-file page with its data declared before the application starts (unchanged if already so). */
export function withDataDeclaredFirst(html: string, page = 'index.html'): string {
  if (!embedsItsData(html) || html.includes(EARLY_DECLARATION)) return html;
  const scripts = [...html.matchAll(APPLICATION_SCRIPT)];
  if (scripts.length !== 1)
    throw new UnexpectedReportPage(`${page}: expected one embedded application script, found ${scripts.length}: the template changed`);
  const at = scripts[0]!.index!;
  if (html.indexOf(EMBEDDED_DATA_DECLARATION) < at) return html; // the data already comes first
  return html.slice(0, at) + EARLY_DECLARATION + html.slice(at);
}

/** Applies both corrections to every HTML page at the top of a generated report folder. */
export async function finishReportPages(reportFolder: string): Promise<void> {
  const pages = (await readdir(reportFolder)).filter((name) => name.endsWith('.html'));
  if (!pages.includes('index.html')) throw new UnexpectedReportPage(`${reportFolder}: Allure wrote no index.html`);
  for (const page of pages) {
    const path = join(reportFolder, page);
    const html = await readFile(path, 'utf8');
    const finished = withDataDeclaredFirst(withoutAnalytics(html, page), page);
    if (finished !== html) await writeFile(path, finished);
  }
}

// A generated report makes no request outside itself, on any page, whether opened from disk or
// served; a deep link to one test opens that test's page; a cold load never stays on the spinner.
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { kitPaths } from '../../runners/core/kitPaths.js';
import { runCommand } from '../../runners/process/runCommand.js';
import { UnexpectedReportPage, withDataDeclaredFirst, withoutAnalytics } from '../../runners/reporting/allureHtml.js';
import { serveReport } from '../../runners/reporting/serveReport.js';
import { browseEveryPage, resultIds } from './support/browseReport.js';
import { recordedPage, requestsOutside, resultPageShown, treeShown, withChromium } from './support/chromium.js';
import { embeddedFiles } from './support/reportData.js';
import { type SampleReport, sampleReport } from './support/sampleReport.js';
import { serveStalled } from './support/stalledPage.js';
import { externalLoads, htmlLoads } from './support/staticScan.js';

let sample: SampleReport;
beforeAll(async () => {
  sample = await sampleReport();
});
afterAll(async () => {
  await sample?.remove();
});

describe('the static scan', () => {
  test('tells loads from navigation', () => {
    const page = [
      '<a href="https://man7.org/linux/man-pages/man7/pipe.7.html">pipe(7)</a>',
      '<link rel="canonical" href="https://example.org/">',
      '<img src="data:image/png;base64,AAAA"><script src="app.js"></script>',
      '<script async src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>',
      '<img srcset="small.png 1x, //cdn.example.org/big.png 2x">',
      '<div style="background: url(https://example.org/bg.png)"></div>',
      '<script>fetch("https://example.org/beacon")</script>',
    ].join('\n');
    expect(htmlLoads(page, 'page.html').map((load) => `${load.how} ${load.url}`)).toEqual([
      '<script src> https://www.googletagmanager.com/gtag/js?id=G-1',
      '<img srcset> //cdn.example.org/big.png',
      'css url() https://example.org/bg.png',
      'fetch() https://example.org/beacon',
    ]);
  });

  test("finds Allure's analytics in a page generated without the kit's correction", async () => {
    const raw = await mkdtemp(join(tmpdir(), 'ipc-conformance-raw-report-'));
    try {
      const config = join(raw, 'allurerc.mjs');
      await writeFile(config, 'export default { plugins: { awesome: { options: { singleFile: true } } } };\n');
      const allure = join(kitPaths.root, 'node_modules', '.bin', 'allure');
      const made = await runCommand([allure, 'generate', sample.resultsDir, '--config', config, '--output', join(raw, 'out')], {
        timeoutMs: 60_000,
        cwd: kitPaths.root,
      });
      expect(made.exitCode, made.stderr).toBe(0);
      expect(externalLoads(join(raw, 'out')).map((load) => load.url)).toContainEqual(
        expect.stringContaining('googletagmanager.com/gtag/js'),
      );
    } finally {
      await rm(raw, { recursive: true, force: true });
    }
  });

  test("the kit's report loads nothing from outside, and keeps its man-page links as navigation", () => {
    expect(externalLoads(sample.reportDir)).toEqual([]);
    const results = [...embeddedFiles(sample.reportDir)].filter(([path]) => path.startsWith('data/test-results/'));
    expect(results.map(([, content]) => content.toString('utf8')).join('')).toContain('https://man7.org/linux/man-pages/man7/pipe.7.html');
  });
});

describe('the page corrections', () => {
  test('refuse a page whose analytics code is not the block they know', () => {
    const page = '<html><body><script>window.dataLayer = []; gtag("js", new Date());</script></body></html>';
    expect(() => withoutAnalytics(page)).toThrow(UnexpectedReportPage);
  });

  test('declare the embedded data before the application, once', () => {
    const html = readFileSync(join(sample.reportDir, 'index.html'), 'utf8');
    const declaration = html.indexOf('window.allureReportData = window.allureReportData || {}');
    expect(declaration).toBeGreaterThan(0);
    expect(declaration).toBeLessThan(html.indexOf('src="data:text/javascript;base64,'));
    expect(withDataDeclaredFirst(html)).toBe(html);
  });
});

describe('in Chromium', () => {
  const indexFile = () => pathToFileURL(join(sample.reportDir, 'index.html')).href;

  test('opened from disk, no page of the report requests anything outside its folder', async () => {
    const browsed = await withChromium((browser) => browseEveryPage(browser, indexFile(), sample.reportDir));
    expect(browsed.missing).toEqual([]);
    expect(browsed.shown.sort()).toEqual([...sample.names].sort());
    expect(browsed.requests.length).toBeGreaterThan(0);
    expect(requestsOutside(browsed.requests, pathToFileURL(`${sample.reportDir}/`).href)).toEqual([]);
  });

  test("served, no page requests anything but the server's own files, and a deep link opens its test", async () => {
    const served = await serveReport(sample.reportDir);
    try {
      const [id, name] = [...resultIds(sample.reportDir)].find(([, n]) => n.endsWith('contradicted'))!;
      const { browsed, deepLink } = await withChromium(async (browser) => {
        const browsed = await browseEveryPage(browser, `${served.url}index.html`, sample.reportDir);
        // A link to one test, opened on its own in a fresh context (nothing cached).
        const { page, context, requests } = await recordedPage(browser);
        try {
          await page.goto(`${served.url}index.html#${id}`);
          return {
            browsed,
            deepLink: { shown: await resultPageShown(page, name), text: (await page.textContent('body')) ?? '', requests },
          };
        } finally {
          await context.close();
        }
      });
      expect(browsed.missing).toEqual([]);
      expect(requestsOutside(browsed.requests, served.url)).toEqual([]);
      expect(browsed.requests).toContain(`${served.url}index.html`);
      expect(deepLink.shown).toBe(true);
      expect(deepLink.text).toContain('the pipe held 4096 bytes, not 65536');
      expect(requestsOutside(deepLink.requests, served.url)).toEqual([]);
    } finally {
      await served.close();
    }
  });

  // The spinner of one cold load in ten: the application asked for its data before the parser had
  // reached the data embedded after it. A pause after the application's script makes that happen on
  // every load; the page as Allure writes it then stays on its spinner, the kit's page does not.
  test('a page whose data arrives late still shows the tree, and a deep link its test', async () => {
    const html = readFileSync(join(sample.reportDir, 'index.html'), 'utf8');
    const early = /<script>\/\* ipc-conformance: the data below[^<]*<\/script>\s*/;
    expect(html).toMatch(early);
    const asAllureWroteIt = html.replace(early, '');
    const afterApplication = (page: string) =>
      page.indexOf('</script>', page.indexOf('src="data:text/javascript;base64,')) + '</script>'.length;
    const [id, name] = [...resultIds(sample.reportDir)][0]!;
    const shown = await withChromium(async (browser) => {
      const load = async (page: string, hash: string) => {
        const served = await serveStalled(page, afterApplication(page), 2000);
        const { page: tab, context } = await recordedPage(browser);
        try {
          await tab.goto(`${served.url}${hash}`, { waitUntil: 'commit' });
          return hash ? await resultPageShown(tab, name, 6000) : await treeShown(tab, 6000);
        } finally {
          await context.close();
          await served.close();
        }
      };
      return [await load(html, ''), await load(html, `#${id}`), await load(asAllureWroteIt, '')];
    });
    expect(shown).toEqual([true, true, false]);
  });
});

test('the sample report is what the tests above browse (three results, one page each)', async () => {
  expect(resultIds(sample.reportDir).size).toBe(3);
  expect((await readFile(join(sample.reportDir, 'index.html'), 'utf8')).length).toBeGreaterThan(100_000);
});

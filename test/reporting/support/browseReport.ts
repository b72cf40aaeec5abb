// Opens every page of a report in Chromium the way a reader would: the overview with each of its
// tabs, then each test result (by its deep link) with each of its tabs, its attachments opened.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { recordedPage, resultPageShown, treeShown } from './chromium.js';

/** What browsing the report showed and asked for. */
export interface Browsed {
  requests: string[];
  errors: string[];
  /** The results whose page came up. */
  shown: string[];
  /** The results whose page did not. */
  missing: string[];
}

/** The report's results by id (Allure writes test-results.json beside index.html). */
export function resultIds(reportDir: string): Map<string, string> {
  const index = JSON.parse(readFileSync(join(reportDir, 'test-results.json'), 'utf8')) as { byId: Record<string, { name: string }> };
  return new Map(Object.entries(index.byId).map(([id, result]) => [id, result.name]));
}

const RESULT_TABS = ['overview', 'history', 'retries', 'attachments', 'environments'];

/** Browses every page of the report at `indexUrl` (file:// or http://) in a fresh context. */
export async function browseEveryPage(browser: Browser, indexUrl: string, reportDir: string): Promise<Browsed> {
  const { page, context, requests, errors } = await recordedPage(browser);
  const shown: string[] = [];
  const missing: string[] = [];
  try {
    await page.goto(indexUrl);
    if (!(await treeShown(page))) throw new Error(`the overview of ${indexUrl} did not come up: ${errors.join(' | ')}`);
    for (const tab of await page.locator('[data-testid^=nav-tab-]').all()) await tab.click();
    for (const [id, name] of resultIds(reportDir)) {
      await page.goto(`${indexUrl}#${id}`);
      if (!(await resultPageShown(page, name, 10_000))) {
        missing.push(name);
        continue;
      }
      shown.push(name);
      for (const tab of RESULT_TABS) {
        const button = page.locator(`[data-testid=test-result-tab-${tab}]`);
        if ((await button.count()) > 0) await button.click();
        if (tab !== 'attachments') continue;
        // Opening an attachment makes the page read it (a fetch() when the report is served).
        for (const attachment of await page.locator('button', { hasText: /\.(txt|json)$|output|log|verdict/ }).all())
          await attachment.click().catch(() => undefined);
      }
    }
    await page.waitForTimeout(300); // let the last clicks' requests start
    return { requests, errors, shown, missing };
  } finally {
    await context.close();
  }
}

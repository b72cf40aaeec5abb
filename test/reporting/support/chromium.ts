// Headless Chromium for the report tests: Debian's /usr/bin/chromium driven by playwright-core, with
// nothing of its own going to the network (no component updates, sync or background fetches), so
// every request a page makes is the report's. Each page records the URL of every request it makes.
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Runs `body` with a fresh headless Chromium (its own temporary profile), closed whatever happens. */
export async function withChromium<T>(body: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  try {
    return await body(browser);
  } finally {
    await browser.close();
  }
}

/** A page in a context of its own (a cold cache), with the requests it made. */
export interface RecordedPage {
  page: Page;
  context: BrowserContext;
  /** Every URL the page asked for, in order (also those that failed or were refused). */
  requests: string[];
  /** Errors the page's scripts threw or logged. */
  errors: string[];
}

/** Opens a page that records its requests; `cpuSlowdown` > 1 makes its CPU that many times slower. */
export async function recordedPage(browser: Browser, cpuSlowdown = 1): Promise<RecordedPage> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  if (cpuSlowdown > 1) {
    const devtools = await context.newCDPSession(page);
    await devtools.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
  }
  return { page, context, requests, errors };
}

/** Waits until the report's tree of results is shown; false when it is not within `timeoutMs`. */
export async function treeShown(page: Page, timeoutMs = 20_000): Promise<boolean> {
  return page
    .waitForSelector('[data-testid=tree-leaf], [data-testid=tree-section-title]', { timeout: timeoutMs })
    .then(() => true)
    .catch(() => false);
}

/** Waits until a test result's page is shown (its title and its tabs); false when not within `timeoutMs`. */
export async function resultPageShown(page: Page, name: string, timeoutMs = 20_000): Promise<boolean> {
  // An expression evaluated in the page (the kit is compiled without the DOM's types): what a reader sees.
  const shown = `((text) => text.includes(${JSON.stringify(name)}) && /\\bOverview\\b/.test(text) && /\\bHistory\\b/.test(text))(document.body.innerText)`;
  return page
    .waitForFunction(shown, undefined, { timeout: timeoutMs })
    .then(() => true)
    .catch(() => false);
}

/** The URLs among `requests` that are not the report's own: not under `base`, and not data: or blob:. */
export function requestsOutside(requests: readonly string[], base: string): string[] {
  return requests.filter((url) => !url.startsWith(base) && !url.startsWith('data:') && !url.startsWith('blob:'));
}

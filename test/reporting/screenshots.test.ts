// Screenshots of the kit's reports in headless Chromium, for the record of a release: a host run's
// overview, a failed and a skipped property, the claims report and an exercise report. Not part of
// `make test` (it writes files outside the kit); run it with a folder to write the PNGs into:
//   IPC_CONFORMANCE_SCREENSHOTS=/work/screenshots npx vitest run --config test/vitest.config.ts reporting/screenshots
// The host run is real: two runs of a small selection, the second with a fault shim that shrinks
// pipes, so its report has a failed property and the History of the first run; a property this
// machine cannot check (when there is one) is the skipped one.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditClaims } from '../../runners/claims/auditClaims.js';
import { loadValidatedClaims } from '../../runners/claims/claimSet.js';
import { generateClaimsReport } from '../../runners/claims/claimsAllure.js';
import type { EnvironmentAudit } from '../../runners/claims/claimsReport.js';
import { kitPaths } from '../../runners/core/kitPaths.js';
import { runCommand } from '../../runners/process/runCommand.js';
import { readVerdictFile } from '../../runners/verdict/readVerdictFile.js';
import { cliCommand, faultShim } from '../support/kit.js';
import { resultIds } from './support/browseReport.js';
import { recordedPage, resultPageShown, treeShown, withChromium } from './support/chromium.js';
import { reportedResults } from './support/reportData.js';

const OUTPUT = process.env.IPC_CONFORMANCE_SCREENSHOTS;
const SELECTION = 'pipe.capacity.*,fifo.blocking.*,posix-mq.kin.*,sysv-msg.permissions.*';
const FAILED = 'pipe.capacity.default-is-16-pages';

let scratch: string;
const cli = (args: string[], env: Record<string, string> = {}) =>
  runCommand([...cliCommand, ...args], { timeoutMs: 300_000, env: { IPC_CONFORMANCE_REPORTS_ROOT: scratch, ...env }, cwd: kitPaths.root });

/** Runs the CLI and returns the folder its `report:` line names (the folder holding allure-report/). */
async function reportOf(args: string[], env: Record<string, string> = {}): Promise<string> {
  const ran = await cli(args, env);
  const line = /report:\s+(\S+)\/allure-report\/index\.html/.exec(ran.stdout);
  if (!line) throw new Error(`no report from ${args.join(' ')} (exit ${ran.exitCode}): ${(ran.stderr || ran.stdout).slice(-800)}`);
  return line[1]!.startsWith('/') ? line[1]! : join(kitPaths.root, line[1]!);
}

/** Opens the closed sections of the report's tree, `levels` deep, so the overview shows the results. */
async function openTree(page: Page, levels = 3): Promise<void> {
  for (let level = 0; level < levels; level++) {
    // A section's arrow icon carries an `--opened` class while the section is open.
    const closed = await page
      .locator('[data-testid=tree-section][data-tree-node-id]')
      .evaluateAll((nodes) =>
        nodes
          .filter((node) => !/--opened/.test(node.querySelector('[data-testid=tree-arrow] svg')?.getAttribute('class') ?? ''))
          .map((node) => node.getAttribute('data-tree-node-id') ?? ''),
      );
    for (const id of closed)
      await page
        .locator(`[data-tree-node-id="${id}"] [data-testid=tree-arrow]`)
        .first()
        .click({ timeout: 2000 })
        .catch(() => undefined);
  }
}

async function shoot(page: Page, name: string): Promise<void> {
  // The report scrolls inside its own layout: a tall window shows a page whole, from its top.
  await page.setViewportSize({ width: 1400, height: 1900 });
  await page.evaluate('for (const node of document.querySelectorAll("*")) if (node.scrollTop) node.scrollTop = 0');
  await page.waitForTimeout(700); // charts and fonts settle
  await page.screenshot({ path: join(OUTPUT!, name), fullPage: true });
}

describe.runIf(OUTPUT)('screenshots', () => {
  let run: string;
  let exercise: string;
  let claimsReport: string;
  beforeAll(async () => {
    await mkdir(OUTPUT!, { recursive: true });
    scratch = await mkdtemp(join(tmpdir(), 'ipc-conformance-screenshots-'));
    await reportOf(['run', '--env', 'host', '--only', SELECTION]);
    run = await reportOf(['run', '--env', 'host', '--only', SELECTION], { LD_PRELOAD: faultShim('small_pipe') });
    exercise = await reportOf(['exercise', '02', '--runs', '2']);
    // The claims of every environment whose full run this checkout keeps in reports/, else of the run above.
    const { claims, tutorial } = await loadValidatedClaims();
    const kept = ['host', 'sandbox', 'docker', 'gvisor', 'podman', 'uml'].filter((env) =>
      existsSync(join(kitPaths.root, 'reports', env, 'verdicts.json')),
    );
    const folders = kept.length ? kept.map((env) => join(kitPaths.root, 'reports', env)) : [run];
    const audits: EnvironmentAudit[] = [];
    for (const folder of folders) {
      const file = await readVerdictFile(folder);
      audits.push({
        environment: file.environment.name,
        description: String(file.environment.runtime ?? ''),
        results: auditClaims(claims, file),
      });
    }
    // The environment with the most claims decided first: the report's tree opens on it.
    const decided = (audit: EnvironmentAudit) => audit.results.filter((r) => r.verdict !== 'undecided').length;
    audits.sort((a, b) => decided(b) - decided(a));
    claimsReport = await generateClaimsReport(join(scratch, 'claims'), audits, tutorial);
  }, 600_000);
  afterAll(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  test('of the reports', async () => {
    const hostReport = join(run, 'allure-report');
    const hostIndex = pathToFileURL(join(hostReport, 'index.html')).href;
    const ids = new Map([...resultIds(hostReport)].map(([id, name]) => [name, id]));
    const verdicts = (await readVerdictFile(run)).verdicts;
    const skipped = verdicts.find((v) => v.status === 'skipped')?.property;
    const taken: string[] = [];
    await withChromium(async (browser) => {
      const { page, context } = await recordedPage(browser);
      try {
        await page.goto(hostIndex);
        expect(await treeShown(page)).toBe(true);
        await openTree(page);
        await shoot(page, '1-host-report-overview.png');
        taken.push('overview');
        await page.goto(`${hostIndex}#${ids.get(FAILED)}`);
        expect(await resultPageShown(page, FAILED)).toBe(true);
        await shoot(page, '2-failed-property.png');
        await page.click('[data-testid=test-result-tab-history]');
        await shoot(page, '2b-failed-property-history.png');
        if (skipped) {
          await page.goto(`${hostIndex}#${ids.get(skipped)}`);
          expect(await resultPageShown(page, skipped)).toBe(true);
          await shoot(page, '3-skipped-property.png');
          taken.push('skipped');
        }
        const claimsIndex = pathToFileURL(claimsReport).href;
        await page.goto(claimsIndex);
        expect(await treeShown(page)).toBe(true);
        await openTree(page, 2);
        await shoot(page, '4-claims-report.png');
        // An imprecise claim's page (a failure that needs a correction, not "broken").
        const claims = reportedResults(join(claimsReport, '..'));
        const imprecise = claims.find((r) => r.labels.some((l) => l.name === 'story' && l.value === 'imprecise')) ?? claims[0]!;
        await page.goto(`${claimsIndex}#${imprecise.id}`);
        await resultPageShown(page, imprecise.name);
        await shoot(page, '4b-claim-page.png');
        const exerciseIndex = pathToFileURL(join(exercise, 'allure-report', 'index.html')).href;
        await page.goto(exerciseIndex);
        expect(await treeShown(page)).toBe(true);
        await openTree(page);
        await shoot(page, '5-exercise-report.png');
        const failedCheck = [...resultIds(join(exercise, 'allure-report'))].find(
          ([, name]) => name === 'fifo.node-is-private-to-its-owner',
        )!;
        await page.goto(`${exerciseIndex}#${failedCheck[0]}`);
        expect(await resultPageShown(page, failedCheck[1])).toBe(true);
        await shoot(page, '5b-exercise-check.png');
        await page.click('[data-testid=test-result-tab-attachments]');
        for (const attachment of await page.locator('button', { hasText: /program output|tracer log/ }).all()) await attachment.click();
        await shoot(page, '5c-exercise-check-attachments.png');
      } finally {
        await context.close();
      }
    });
    expect(taken).toContain('overview');
  }, 300_000);
});

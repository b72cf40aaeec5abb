// Two real host runs of a small selection, the first with a fault injected: the second run's report
// knows the first (History and Transition), its totals are the run's verdicts and nothing else, and
// the tutorial's claims are in a report of their own.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { kitPaths } from '../../runners/core/kitPaths.js';
import { runCommand } from '../../runners/process/runCommand.js';
import { CLAIMS_REPORT_FOLDER, claimsReportOf, generateEnvironmentReport } from '../../runners/reporting/allureReport.js';
import { ALLURE_HISTORY_FILE } from '../../runners/reporting/reportRuns.js';
import { countByStatus, type VerdictFile } from '../../runners/verdict/verdict.js';
import { cliCommand, faultShim } from '../support/kit.js';
import { resultIds } from './support/browseReport.js';
import { recordedPage, resultPageShown, withChromium } from './support/chromium.js';
import { type ReportedResult, reportedResult, reportedResults } from './support/reportData.js';

const SELECTION = 'pipe.capacity.*';
const FAULTED = 'pipe.capacity.default-is-16-pages';

let scratch: string;
/** The run folders, first and second (the second run prunes the first's folder: it was replaced). */
const runs: string[] = [];
/** What each run wrote, read before the next run replaced it. */
const seen: { verdicts: VerdictFile; results: ReportedResult[] }[] = [];

const verdictsOf = async (run: string) => JSON.parse(await readFile(join(run, 'verdicts.json'), 'utf8')) as VerdictFile;
const propertyReport = (run: string) => join(run, 'allure-report');

const cli = (args: string[], env: Record<string, string> = {}) =>
  runCommand([...cliCommand, ...args], { timeoutMs: 180_000, env: { IPC_CONFORMANCE_REPORTS_ROOT: scratch, ...env }, cwd: kitPaths.root });

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'ipc-conformance-history-'));
  for (const env of [{ LD_PRELOAD: faultShim('small_pipe') }, {}] as Record<string, string>[]) {
    const ran = await cli(['run', '--env', 'host', '--only', SELECTION], env);
    const report = /report:\s+(\S+)\/allure-report\/index\.html/.exec(ran.stdout);
    if (!report) throw new Error(`the run wrote no report (exit ${ran.exitCode}): ${ran.stderr || ran.stdout.slice(-500)}`);
    runs.push(report[1]!);
    seen.push({ verdicts: await verdictsOf(report[1]!), results: reportedResults(propertyReport(report[1]!)) });
  }
}, 400_000);
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('history', () => {
  test('the second report knows the first: its run in the History of each result, and the fixed property as a transition', async () => {
    const second = runs[1]!;
    expect(seen[0]!.verdicts.verdicts.find((v) => v.property === FAULTED)?.status).toBe('failed');
    expect(seen[1]!.verdicts.verdicts.find((v) => v.property === FAULTED)?.status).toBe('passed');
    const lines = (await readFile(join(second, ALLURE_HISTORY_FILE), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(2);
    const fixed = reportedResult(propertyReport(second), FAULTED);
    expect(fixed.history?.map((entry) => entry.status)).toEqual(['failed']);
    expect((fixed as { transition?: string }).transition).toBe('fixed');
    for (const result of reportedResults(propertyReport(second))) expect(result.history, result.name).toHaveLength(1);
    // The first report had nothing before it.
    expect(seen[0]!.results.find((r) => r.name === FAULTED)?.history ?? []).toEqual([]);
  });

  test("the History tab of the fixed property lists the first run's result", async () => {
    const report = propertyReport(runs[1]!);
    const [id] = [...resultIds(report)].find(([, name]) => name === FAULTED)!;
    const items = await withChromium(async (browser) => {
      const { page, context } = await recordedPage(browser);
      try {
        await page.goto(`${pathToFileURL(join(report, 'index.html')).href}#${id}`);
        expect(await resultPageShown(page, FAULTED)).toBe(true);
        await page.click('[data-testid=test-result-tab-history]');
        await page.waitForSelector('[data-testid=test-result-history-item]', { timeout: 10_000 });
        return await page.locator('[data-testid=test-result-history-item]').count();
      } finally {
        await context.close();
      }
    });
    expect(items).toBe(1);
  });

  test('rebuilding a report replaces its own history entry instead of adding a second', async () => {
    const second = runs[1]!;
    await generateEnvironmentReport(second, (await verdictsOf(second)).environment);
    expect((await readFile(join(second, ALLURE_HISTORY_FILE), 'utf8')).trim().split('\n')).toHaveLength(2);
    expect(reportedResult(propertyReport(second), FAULTED).history?.map((entry) => entry.status)).toEqual(['failed']);
  });
});

describe("the property report's totals are the run's", () => {
  test('one result per verdict, with the same statuses, and no claim among them', async () => {
    for (const { verdicts: file, results } of seen) {
      const { verdicts } = file;
      expect(results.map((r) => r.name).sort()).toEqual(verdicts.map((v) => v.property).sort());
      const counts = countByStatus(verdicts);
      const reported = Object.fromEntries(
        ['passed', 'failed', 'skipped', 'broken'].map((s) => [s, results.filter((r) => r.status === s).length]),
      );
      expect(reported).toEqual({ passed: counts.passed, failed: counts.failed, skipped: counts.skipped, broken: counts.broken });
      expect(results.some((r) => r.labels.some((l) => l.name === 'epic' && l.value === 'Tutorial claims'))).toBe(false);
    }
  });

  test('the claims have a report of their own beside it, one result per claim', async () => {
    const run = runs[1]!;
    expect(claimsReportOf(run)).toBe(join(run, CLAIMS_REPORT_FOLDER, 'index.html'));
    const claims = JSON.parse(await readFile(join(run, 'claims.json'), 'utf8')) as { claim: string }[];
    const results = reportedResults(join(run, CLAIMS_REPORT_FOLDER));
    expect(results.map((r) => r.name).sort()).toEqual(claims.map((c) => c.claim).sort());
    expect(results.every((r) => r.labels.some((l) => l.name === 'environment' && l.value === 'host'))).toBe(true);
  });
});

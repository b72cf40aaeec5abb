// Cold loads of a full host report in each way of writing and opening it, counted: how many of N
// loads (a fresh browser context each, the CPU slowed down as on a busy machine) show the report,
// alternately its overview and a deep link to one test. Not part of `make test` (minutes long);
//   IPC_CONFORMANCE_COLD_LOADS=20 npx vitest run --config test/vitest.config.ts reporting/coldLoads
// prints the table (IPC_CONFORMANCE_CPU_SLOWDOWN sets the slowdown, 6 by default).
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { kitPaths } from '../../runners/core/kitPaths.js';
import { runCommand } from '../../runners/process/runCommand.js';
import { finishReportPages } from '../../runners/reporting/allureHtml.js';
import { serveReport } from '../../runners/reporting/serveReport.js';
import { cliCommand } from '../support/kit.js';
import { resultIds } from './support/browseReport.js';
import { recordedPage, resultPageShown, treeShown, withChromium } from './support/chromium.js';

const LOADS = Number(process.env.IPC_CONFORMANCE_COLD_LOADS ?? 0);
const SLOWDOWN = Number(process.env.IPC_CONFORMANCE_CPU_SLOWDOWN ?? 6);

/** One way of writing the report and opening it. */
interface Mode {
  name: string;
  folder: string;
  served: boolean;
}

async function coldLoads(browser: Browser, index: string, folder: string): Promise<number> {
  const [id, name] = [...resultIds(folder)][0]!;
  let shown = 0;
  for (let load = 0; load < LOADS; load++) {
    const { page, context } = await recordedPage(browser, SLOWDOWN);
    try {
      const deep = load % 2 === 1;
      await page.goto(deep ? `${index}#${id}` : index, { waitUntil: 'commit' });
      if (deep ? await resultPageShown(page, name, 30_000) : await treeShown(page, 30_000)) shown++;
    } finally {
      await context.close();
    }
  }
  return shown;
}

describe.runIf(LOADS > 0)('cold loads', () => {
  let scratch: string;
  const modes: Mode[] = [];
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'ipc-conformance-cold-loads-'));
    const ran = await runCommand([...cliCommand, 'run', '--env', 'host'], {
      timeoutMs: 600_000,
      env: { IPC_CONFORMANCE_REPORTS_ROOT: scratch },
      cwd: kitPaths.root,
    });
    const run = /report:\s+(\S+)\/allure-report\/index\.html/.exec(ran.stdout)?.[1];
    if (!run) throw new Error(`no report (exit ${ran.exitCode}): ${ran.stderr.slice(-500)}`);
    const kit = join(run, 'allure-report');
    const allure = join(kitPaths.root, 'node_modules', '.bin', 'allure');
    const generate = async (folder: string, singleFile: boolean) => {
      const config = join(scratch, `${singleFile ? 'single' : 'multi'}.mjs`);
      await writeFile(
        config,
        `export default { plugins: { awesome: { options: { singleFile: ${singleFile}, groupBy: ['epic', 'feature', 'story'] } } } };\n`,
      );
      const made = await runCommand([allure, 'generate', join(run, 'allure-results'), '--config', config, '--output', folder], {
        timeoutMs: 120_000,
      });
      if (made.exitCode !== 0) throw new Error(`allure generate: ${made.stderr.slice(-300)}`);
    };
    // Allure's own single file: its analytics script sits between the application and the data.
    const asAllure = join(scratch, 'single-as-allure-writes-it');
    await generate(asAllure, true);
    // The kit's page without its second correction: analytics removed, data still declared after the application.
    const analyticsOnly = join(scratch, 'single-analytics-removed-only');
    cpSync(kit, analyticsOnly, { recursive: true });
    const page = readFileSync(join(analyticsOnly, 'index.html'), 'utf8');
    writeFileSync(join(analyticsOnly, 'index.html'), page.replace(/<script>\/\* ipc-conformance: the data below[^<]*<\/script>\s*/, ''));
    // Allure's multi-file output of the same results (analytics removed as for every report).
    const multi = join(scratch, 'multi-file');
    await generate(multi, false);
    await finishReportPages(multi);
    modes.push(
      { name: 'single file as Allure writes it (analytics included), from disk', folder: asAllure, served: false },
      { name: 'single file with the analytics removed only, from disk', folder: analyticsOnly, served: false },
      { name: 'single file as the kit writes it, from disk', folder: kit, served: false },
      { name: 'single file as the kit writes it, served', folder: kit, served: true },
      { name: 'multi-file, served', folder: multi, served: true },
      { name: 'multi-file, from disk', folder: multi, served: false },
    );
  }, 900_000);
  afterAll(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  test('are counted for each mode', async () => {
    const counts: Record<string, number> = {};
    await withChromium(async (browser) => {
      for (const mode of modes) {
        const served = mode.served ? await serveReport(mode.folder) : undefined;
        try {
          const index = served ? `${served.url}index.html` : pathToFileURL(join(mode.folder, 'index.html')).href;
          counts[mode.name] = await coldLoads(browser, index, mode.folder);
        } finally {
          await served?.close();
        }
      }
    });
    console.log(`cold loads shown of ${LOADS} (CPU ${SLOWDOWN}x slower, overview and deep link alternately):`);
    for (const [name, shown] of Object.entries(counts)) console.log(`  ${String(shown).padStart(3)}/${LOADS}  ${name}`);
    expect(counts['single file as the kit writes it, from disk']).toBe(LOADS);
    expect(counts['single file as the kit writes it, served']).toBe(LOADS);
    expect(counts['multi-file, served']).toBe(LOADS);
  }, 3_600_000);
});

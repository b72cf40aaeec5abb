// The merge on the verdicts of full runs this machine has made (reports/<env>/verdicts.json of host,
// sandbox, docker, gvisor, uml, podman, qemu:… — read, never changed), with copies of the host's
// run disguised as two more machines. Skipped where fewer than three environments have been run
// (a fresh clone): mergeRuns.test.ts makes its own runs for that case.
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { KIT_ROOT } from '../../runners/core/kitPaths.js';
import type { VerdictFile } from '../../runners/verdict/verdict.js';
import { cli, copyRun, matrixHeadings, reportedTests } from './fleetSupport.js';

// Not kitPaths.reports: IPC_CONFORMANCE_REPORTS_ROOT may point elsewhere while the kit tests itself.
const machineReports = join(KIT_ROOT, 'reports');
const ENVIRONMENT = /^(host|sandbox|docker|gvisor|uml|podman|qemu:.+)$/;
const environments = existsSync(machineReports)
  ? readdirSync(machineReports).filter((name) => ENVIRONMENT.test(name) && existsSync(join(machineReports, name, 'verdicts.json')))
  : [];

let root: string;
const files = new Map<string, VerdictFile>();

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ipc-conformance-fleet-real-'));
  for (const environment of environments) {
    // Only the verdict file, as a user copying results between machines would: the report is
    // written from the verdicts. The folder is named without the colon of qemu:<package>.
    const folder = join(root, environment.replace(/[^a-z0-9.-]/gi, '-'));
    files.set(folder, await copyRun(join(machineReports, environment), folder, { verdictsOnly: true }));
  }
  if (environments.includes('host')) {
    for (const machine of ['node-b', 'node-c'])
      files.set(join(root, machine), await copyRun(join(machineReports, 'host'), join(root, machine), { machine, verdictsOnly: true }));
  }
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

test.skipIf(environments.length < 3)(
  `this machine's runs (${environments.join(', ') || 'none'}) and two disguised copies: one report, a distinct label per column`,
  async () => {
    const folders = [...files.keys()];
    const out = join(root, 'merged');
    const result = await cli(['matrix', '--from', ...folders, '--output', out], join(root, 'reports'), 300_000);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);

    const headings = matrixHeadings(await readFile(join(out, 'matrix.md'), 'utf8'));
    expect(headings).toHaveLength(folders.length);
    expect(new Set(headings).size).toBe(folders.length);
    if (environments.includes('host')) {
      const kernel = String(files.get(join(root, 'node-b'))!.environment.kernel).split(' ')[0];
      expect(headings).toContain(`node-b · ${kernel} · host`);
      expect(headings).toContain(`node-c · ${kernel} · host`);
    }

    expect(existsSync(join(out, 'allure-report', 'index.html'))).toBe(true);
    const tests = await reportedTests(join(out, 'allure-report'));
    expect(new Set(tests.map((t) => t.environment))).toEqual(new Set(headings));
    for (const [index, folder] of folders.entries()) {
      const inColumn = tests.filter((t) => t.environment === headings[index]);
      expect(inColumn.length, headings[index]).toBe(files.get(folder)!.verdicts.length);
      expect(inColumn.filter((t) => t.status === 'failed').length, headings[index]).toBe(
        files.get(folder)!.verdicts.filter((v) => v.status === 'failed').length,
      );
    }
  },
  300_000,
);

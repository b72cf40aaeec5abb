// `matrix --from` and `diff` over runs made for this test (a fresh clone has no reports/): small real
// runs of host, sandbox (as root) and docker (when a daemon runs), copied as if other machines had
// made them, merged into one matrix and one Allure report whose columns never share a label.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createEnvironment } from '../../runners/environments/registry.js';
import type { VerdictFile } from '../../runners/verdict/verdict.js';
import { cli, copyRun, matrixHeadings, readJson, reportedTests, smallRun } from './fleetSupport.js';

const isRoot = process.geteuid?.() === 0;
const docker = await createEnvironment('docker').available();

describe('matrix --from: runs of several machines in one matrix and one report', () => {
  let root: string;
  let reports: string;
  /** Run folders made here, by environment. */
  const runs = new Map<string, string>();
  let kernel: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'ipc-conformance-fleet-'));
    reports = join(root, 'reports');
    for (const environment of ['host', ...(isRoot ? ['sandbox'] : []), ...(docker.ok ? ['docker'] : [])])
      runs.set(environment, await smallRun(environment, reports));
    kernel = String((await readJson<VerdictFile>(join(runs.get('host')!, 'verdicts.json'))).environment.kernel).split(' ')[0]!;
  }, 600_000);

  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  test('every run records the machine it ran on, also where the environment has a host name of its own', async () => {
    for (const [environment, dir] of runs) {
      const { environment: recorded } = await readJson<VerdictFile>(join(dir, 'verdicts.json'));
      expect(recorded.machineHostname, environment).toBe(hostname());
      if (environment !== 'host') expect(recorded.hostname, environment).not.toBe(hostname());
    }
  });

  test('three machines and this one: distinct columns, one report with every property under its label', async () => {
    const machines = join(root, 'machines');
    const host = runs.get('host')!;
    const files: Record<string, VerdictFile> = {
      'node-a': await copyRun(host, join(machines, 'node-a'), { machine: 'node-a' }),
      'node-b': await copyRun(host, join(machines, 'node-b'), { machine: 'node-b' }),
      // Only the verdict file came from node-c: its results are written from the verdicts.
      'node-c': await copyRun(host, join(machines, 'node-c'), { machine: 'node-c', verdictsOnly: true }),
    };
    await copyFile(join(machines, 'node-c', 'verdicts.json'), join(machines, 'node-c.json'));
    const others = [...runs].filter(([environment]) => environment !== 'host');
    const from = [join(machines, 'node-a'), join(machines, 'node-b'), join(machines, 'node-c.json'), ...others.map(([, dir]) => dir)];
    const out = join(root, 'merged');

    const result = await cli(['matrix', '--from', ...from, '--output', out], reports);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);

    const expected = [
      ...['node-a', 'node-b', 'node-c'].map((machine) => `${machine} · ${kernel} · host`),
      ...others.map(([environment]) => `${hostname()} · ${kernel} · ${environment === 'sandbox' ? 'unshare' : 'docker runc'}`),
    ];
    const headings = matrixHeadings(await readFile(join(out, 'matrix.md'), 'utf8'));
    expect(headings).toEqual(expected);
    expect(await readFile(join(out, 'matrix.html'), 'utf8')).toContain(`<th>${expected[0]}</th>`);
    for (const label of expected) expect(result.stdout).toContain(`${label}: `);

    expect(existsSync(join(out, 'allure-report', 'index.html'))).toBe(true);
    const tests = await reportedTests(join(out, 'allure-report'));
    expect(new Set(tests.map((t) => t.environment))).toEqual(new Set(expected));
    for (const [index, label] of expected.entries()) {
      const verdicts =
        index < 3 ? files[`node-${'abc'[index]}`]!.verdicts : (await readJson<VerdictFile>(join(from[index]!, 'verdicts.json'))).verdicts;
      const inColumn = tests.filter((t) => t.environment === label);
      expect(inColumn.map((t) => `${t.name} ${t.status}`).sort(), label).toEqual(verdicts.map((v) => `${v.property} ${v.status}`).sort());
    }
    // --output: nothing of the matrix went to the reports folder.
    expect(existsSync(join(reports, 'matrix.md'))).toBe(false);
  });

  test('two runs of one machine, kernel and runtime are told apart by their folders, and the output says so', async () => {
    const host = runs.get('host')!;
    await copyRun(host, join(root, 'again', 'node-a'), { machine: 'node-a' });
    await copyRun(host, join(root, 'again', 'node-a-rerun'), { machine: 'node-a', generatedAt: '2030-01-01T00:00:00Z' });
    const out = join(root, 'again-merged');
    const result = await cli(
      ['matrix', '--from', join(root, 'again', 'node-a'), join(root, 'again', 'node-a-rerun'), '--output', out],
      reports,
    );
    expect(result.exitCode).toBe(0);
    expect(matrixHeadings(await readFile(join(out, 'matrix.md'), 'utf8'))).toEqual([
      `node-a · ${kernel} · host · node-a`,
      `node-a · ${kernel} · host · node-a-rerun`,
    ]);
    expect(result.stdout).toMatch(/note: same host name, kernel and runtime \(node-a · .+ · host\): told apart by origin/);
  });

  test('bad input is one line and exit status 2, before anything is written', async () => {
    const bad = join(root, 'bad');
    await mkdir(join(bad, 'empty'), { recursive: true });
    await writeFile(join(bad, 'not-verdicts.json'), JSON.stringify({ hello: 'world' }));
    const host = runs.get('host')!;
    await copyRun(host, join(bad, 'copy'));
    const out = join(bad, 'out');
    const cases: [string[], RegExp][] = [
      [[join(bad, 'empty')], /empty: the folder has no verdicts\.json/],
      [[host, join(bad, 'not-verdicts.json')], /not-verdicts\.json is not a verdict file/],
      [[host, join(host, 'verdicts.json')], /are the same verdict file/],
      [[join(bad, 'copy'), join(bad, 'copy', '..', 'copy')], /are the same verdict file/],
      [[join(bad, 'missing')], /missing: no such file or folder/],
    ];
    for (const [from, message] of cases) {
      const result = await cli(['matrix', '--from', ...from, '--output', out], reports);
      expect(result.exitCode, from.join(' ')).toBe(2);
      expect(result.stderr.trim().split('\n'), from.join(' ')).toHaveLength(1);
      expect(result.stderr).toMatch(message);
    }
    const mixed = await cli(['matrix', '--from', host, '--envs', 'host', '--output', out], reports);
    expect(mixed.exitCode).toBe(2);
    expect(mixed.stderr).toMatch(/--envs chooses what a run runs, so it cannot go with --from/);
    const identical = join(bad, 'identical');
    await mkdir(identical);
    await copyFile(join(bad, 'copy', 'verdicts.json'), join(identical, 'verdicts.json'));
    const twice = await cli(['matrix', '--from', join(bad, 'copy'), identical, '--output', out], reports);
    expect(twice.exitCode).toBe(2);
    expect(twice.stderr).toMatch(/identical copies of one run/);
    expect(existsSync(out)).toBe(false);
  });

  test('a matrix run here with --output: the runs, the matrix and the claims go there, labelled the same way', async () => {
    const out = join(root, 'local-matrix');
    const result = await cli(['matrix', '--envs', 'host', '--only', 'pipe.direction.*', '--output', out], join(root, 'untouched'));
    expect(result.exitCode, result.stderr).toBe(0);
    expect(matrixHeadings(await readFile(join(out, 'matrix.md'), 'utf8'))).toEqual([`${hostname()} · ${kernel} · host`]);
    for (const written of ['host/verdicts.json', 'allure-report/index.html', 'claims.md'])
      expect(existsSync(join(out, written)), written).toBe(true);
    expect(existsSync(join(root, 'untouched'))).toBe(false);
  });

  test('diff heads its two sides with machine, kernel and runtime', async () => {
    const host = runs.get('host')!;
    const [a, b] = [join(root, 'diff', 'node-a'), join(root, 'diff', 'node-b')];
    await copyRun(host, a, { machine: 'node-a' });
    await copyRun(host, b, { machine: 'node-b' });
    const same = await cli(['diff', a, b], reports);
    expect(same.exitCode).toBe(0);
    expect(same.stdout).toContain(`no differences between node-a · ${kernel} · host and node-b · ${kernel} · host`);

    // Make node-b differ on one property: the table's heading carries both labels.
    const file = await readJson<VerdictFile>(join(b, 'verdicts.json'));
    file.verdicts[0]!.status = 'failed';
    await writeFile(join(b, 'verdicts.json'), JSON.stringify(file));
    const differing = await cli(['diff', a, b], reports);
    expect(differing.exitCode).toBe(1);
    expect(differing.stdout).toContain(`| property | node-a · ${kernel} · host | node-b · ${kernel} · host |`);
  });
});

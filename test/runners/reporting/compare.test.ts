// diff and matrix: which properties differ between environments, and how the matrix shows them.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { kitPaths } from '../../../runners/core/kitPaths.js';
import { runCommand } from '../../../runners/process/runCommand.js';
import { boundSpreads, boundSpreadsMarkdown } from '../../../runners/reporting/boundSpread.js';
import { differences, formatDifferences } from '../../../runners/reporting/compare.js';
import { matrixHtml, matrixMarkdown } from '../../../runners/reporting/matrix.js';
import type { Verdict, VerdictFile } from '../../../runners/verdict/verdict.js';
import { cliCommand } from '../../support/kit.js';

const verdict = (
  property: string,
  status: Verdict['status'],
  observed: Record<string, unknown> | null,
  expected: Record<string, unknown> = { equals: 65536 },
): Verdict => ({
  property,
  mechanism: property.split('.')[0]!,
  kind: 'capacity',
  status,
  expected,
  observed,
  probes: [],
  observations: [],
});

const file = (name: string, verdicts: Verdict[]): VerdictFile => ({
  environment: { name, runtime: name, kernel: '6.1' },
  generatedAt: '2026-11-25T00:00:00Z',
  verdicts,
});

const host = file('host', [
  verdict('pipe.capacity.default', 'passed', { value: 65536, errno: null }),
  verdict('pipe.blocking.read', 'passed', { value: 1, elapsed_ns: 200_100_000 }),
  verdict('pipe.limits.max', 'passed', { value: 1048576 }),
  verdict('pipe.only-on-host', 'passed', { value: 1 }),
  verdict('pipe.capacity.at-least', 'passed', { value: 70000 }, { atLeast: 65536 }),
  verdict('unix.peer-pid', 'passed', { value: 4242 }, { equals: 4242, relation: 'equals-evidence', peer_pid: 4242 }),
  verdict('mq.timed-out', 'passed', { value: 200_100_000, errno: 'ETIMEDOUT' }, { errno: 'ETIMEDOUT' }),
]);
const other = file('gvisor', [
  verdict('pipe.capacity.default', 'failed', { value: 4096, errno: null }),
  verdict('pipe.blocking.read', 'passed', { value: 1, elapsed_ns: 203_900_000 }),
  verdict('pipe.limits.max', 'passed', { value: 2097152 }),
  verdict('pipe.capacity.at-least', 'passed', { value: 81920 }, { atLeast: 65536 }),
  verdict('unix.peer-pid', 'passed', { value: 977 }, { equals: 977, relation: 'equals-evidence', peer_pid: 977 }),
  verdict('mq.timed-out', 'passed', { value: 203_700_000, errno: 'ETIMEDOUT' }, { errno: 'ETIMEDOUT' }),
]);

describe('differences', () => {
  test('a changed status, a changed pinned value and a missing property count; timing and measurements within a rule do not', () => {
    const found = differences(host, other);
    expect(found.map((d) => d.property)).toEqual(['pipe.capacity.default', 'pipe.limits.max', 'pipe.only-on-host']);
  });

  test('the table shows both sides with their values', () => {
    const text = formatDifferences(host, other, differences(host, other));
    expect(text).toContain('| pipe.capacity.default | passed: value=65536 | failed: value=4096 |');
    expect(text).toContain('| pipe.limits.max | passed: value=1048576 | passed: value=2097152 |');
    expect(text).toContain('| pipe.only-on-host | passed: value=1 | absent |');
    expect(text).toMatch(/3 of 7 properties differ/);
  });

  test('identical runs have no differences', () => {
    expect(differences(host, host)).toEqual([]);
    expect(formatDifferences(host, host, [])).toMatch(/no differences between host and host/);
  });
});

describe('matrix', () => {
  const columns = [
    { name: 'host', file: host },
    { name: 'gvisor', file: other },
    { name: 'docker', unavailable: 'no Docker daemon: run `make setup-containers`' },
  ];

  test('Markdown: a row per property, a column per environment, failures with their values, unavailable ones with the reason', () => {
    const markdown = matrixMarkdown(columns);
    expect(markdown).toContain('| property | kind | host | gvisor | docker |');
    expect(markdown).toContain('| pipe.capacity.default | capacity | passed | failed: value=4096 | unavailable |');
    expect(markdown).toContain('- docker: unavailable — no Docker daemon');
    expect(markdown).toMatch(/- gvisor: 5 passed, 1 failed, 0 skipped, 0 broken/);
  });

  test('HTML: the same cells, escaped and coloured by status', () => {
    const html = matrixHtml(columns);
    expect(html).toContain('<td class="failed">failed: value=4096</td>');
    expect(html).toContain('<td class="unavailable">unavailable</td>');
    expect(html).toContain('run `make setup-containers`');
  });
});

describe('ipc-conformance diff', () => {
  test('exit 1 and the table when runs differ, exit 0 when they do not', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ipc-conformance-diff-'));
    try {
      for (const [name, content] of [
        ['host', host],
        ['gvisor', other],
      ] as const) {
        await mkdir(join(dir, name));
        await writeFile(join(dir, name, 'verdicts.json'), JSON.stringify(content));
      }
      const run = (a: string, b: string) =>
        runCommand([...cliCommand, 'diff', join(dir, a), join(dir, b)], { timeoutMs: 20_000, cwd: kitPaths.root });
      const differing = await run('host', 'gvisor');
      expect(differing.exitCode).toBe(1);
      expect(differing.stdout).toContain('| pipe.capacity.default | passed: value=65536 | failed: value=4096 |');
      const same = await run('host', 'host');
      expect(same.exitCode).toBe(0);
      const missing = await runCommand([...cliCommand, 'diff', join(dir, 'host')], { timeoutMs: 20_000 });
      expect(missing.exitCode).toBe(2);
      expect(missing.stderr).toMatch(/diff: missing required argument 'B'/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test.skipIf(process.geteuid?.() !== 0)('matrix over host and sandbox writes both columns and a combined report', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ipc-conformance-matrix-'));
    try {
      const result = await runCommand([...cliCommand, 'matrix', '--envs', 'host,sandbox', '--only', 'pipe.capacity.*'], {
        timeoutMs: 180_000,
        cwd: kitPaths.root,
        env: { IPC_CONFORMANCE_REPORTS_ROOT: dir },
      });
      expect(result.stderr).not.toMatch(/error/);
      expect(result.exitCode).toBe(0);
      const markdown = await readFile(join(dir, 'matrix.md'), 'utf8');
      expect(markdown).toContain('| pipe.capacity.default-is-16-pages | capacity | passed | passed |');
      expect((await readFile(join(dir, 'allure-report', 'index.html'), 'utf8')).length).toBeGreaterThan(1000);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('soak: values that moved within their bounds', () => {
  const run = (pairs: number, capacity: number, size: number) =>
    file('host', [
      verdict('performance.latency.tcp', pairs >= 9 ? 'passed' : 'failed', { value: pairs }, { atLeast: 9 }),
      verdict('pipe.capacity.default', 'passed', { value: capacity }),
      verdict('pipe.capacity.at-most', 'passed', { value: size }, { atMost: 8192 }),
      verdict('pipe.blocking.read', 'broken', null, { atLeast: 1 }),
    ]);

  test('a bounded value that moved is listed with its range; exact and unmoved ones are not', () => {
    const spreads = boundSpreads([run(11, 65536, 4096), run(9, 4096, 4096), run(10, 65536, 4096)]);
    expect(spreads).toEqual([{ property: 'performance.latency.tcp', bound: 'atLeast 9', lowest: 9, highest: 11 }]);
    expect(boundSpreadsMarkdown(spreads)).toContain('| performance.latency.tcp | atLeast 9 | 9 | 11 |');
    expect(boundSpreadsMarkdown(boundSpreads([run(11, 65536, 4096), run(11, 65536, 4096)]))).toMatch(/same value in every run/);
  });
});

// The conformance run's Allure reporter, on a real vitest run of the outcomes a conformance test
// reports: runner labels gone, a skip with its reason, a contradicted property with the verdict's
// expected and observed and no stack, a harness error with its stack.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { kitPaths } from '../../runners/core/kitPaths.js';
import { runCommand } from '../../runners/process/runCommand.js';

interface WrittenResult {
  name: string;
  status: string;
  stage: string;
  statusDetails: { message?: string; trace?: string; expected?: string; actual?: string };
  labels: { name: string; value: string }[];
}

let resultsDir: string;
const results = new Map<string, WrittenResult>();

beforeAll(async () => {
  resultsDir = await mkdtemp(join(tmpdir(), 'ipc-conformance-outcomes-'));
  const vitest = join(kitPaths.root, 'node_modules', 'vitest', 'vitest.mjs');
  const config = join(import.meta.dirname, 'fixtures', 'outcomes.config.ts');
  const ran = await runCommand([process.execPath, vitest, 'run', '--config', config], {
    timeoutMs: 90_000,
    cwd: kitPaths.root,
    env: { OUTCOMES_RESULTS_DIR: resultsDir },
  });
  // Three of the five tests fail on purpose (exit status 1); the results written are what counts.
  expect(ran.exitCode, ran.stderr).toBe(1);
  for (const name of (await readdir(resultsDir)).filter((n) => n.endsWith('-result.json'))) {
    const result = JSON.parse(await readFile(join(resultsDir, name), 'utf8')) as WrittenResult;
    results.set(result.name, result);
  }
});
afterAll(async () => {
  await rm(resultsDir, { recursive: true, force: true });
});

const result = (name: string) => {
  const found = results.get(name);
  if (!found) throw new Error(`no result for ${name} (have ${[...results.keys()].join(', ')})`);
  return found;
};

test('every outcome is written, without the labels about the test runner', () => {
  expect([...results.keys()].sort()).toEqual([
    'pipe.sample.contradicted',
    'pipe.sample.harness-error',
    'pipe.sample.holds',
    'pipe.sample.not-checked',
    'pipe.sample.probe-broke',
  ]);
  for (const written of results.values()) {
    const names = written.labels.map((label) => label.name);
    expect(
      names.filter((name) => ['framework', 'language', 'host', 'thread', 'package'].includes(name)),
      written.name,
    ).toEqual([]);
    expect(names).toContain('parentSuite'); // the labels that say where the test is stay
  }
});

test('a skipped property says why, and is finished', () => {
  expect(result('pipe.sample.not-checked')).toMatchObject({
    status: 'skipped',
    stage: 'finished',
    statusDetails: { message: expect.stringMatching(/^requires mqueue-fs .*nothing of type mqueue is mounted/) },
  });
});

test('a contradicted property shows expected and observed, and no stack', () => {
  const { status, statusDetails } = result('pipe.sample.contradicted');
  expect(status).toBe('failed');
  expect(statusDetails).toEqual({ message: 'expected equals=65536; observed value=4096', expected: 'equals=65536', actual: 'value=4096' });
});

test('a broken probe shows why, and no stack', () => {
  const { status, statusDetails } = result('pipe.sample.probe-broke');
  expect(status).toBe('broken');
  expect(statusDetails).toEqual({ message: 'the probe timed out after 10000 ms' });
});

test('a harness error keeps its stack: there it is the only clue', () => {
  const { status, statusDetails } = result('pipe.sample.harness-error');
  expect(status).toBe('broken');
  expect(statusDetails.trace).toMatch(/TypeError: cannot read the spec[\s\S]*outcomes\.suite\.ts/);
});

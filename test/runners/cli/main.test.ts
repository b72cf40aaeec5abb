// The command line end to end: bad input gives one clear line and exit 2; a run writes the
// verdicts, JUnit and Allure report and exits 0 on a conforming host, 1 when a fault is injected.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { kitPaths } from '../../../runners/core/kitPaths.js';
import { runCommand } from '../../../runners/process/runCommand.js';
import type { VerdictFile } from '../../../runners/verdict/verdict.js';
import { cliCommand, faultShim } from '../../support/kit.js';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'ipc-conformance-cli-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const cli = (args: string[], env: Record<string, string> = {}, timeoutMs = 20_000) =>
  runCommand([...cliCommand, ...args], { timeoutMs, env: { IPC_CONFORMANCE_REPORTS_ROOT: scratch, ...env }, cwd: kitPaths.root });

async function expectOneLineError(args: string[], message: RegExp): Promise<void> {
  const result = await cli(args);
  expect(result.exitCode).toBe(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^ipc-conformance: error: /);
  expect(lines[0]).toMatch(message);
}

describe('command line errors', () => {
  test('an unknown environment', () => expectOneLineError(['run', '--env', 'vmware'], /unknown environment 'vmware' \(known: host/));
  test('an --only that matches nothing', () =>
    expectOneLineError(['run', '--only', 'pipe.capacty.*'], /--only 'pipe.capacty.\*' matches no property/));
  test('an unknown command', () => expectOneLineError(['check'], /unknown command 'check'/));
  test('an unknown option', () => expectOneLineError(['run', '--environment', 'host'], /run does not take --environment/));

  test('a malformed spec names the file and the property', async () => {
    const specs = join(scratch, 'bad-specs');
    await runCommand(['mkdir', '-p', specs], { timeoutMs: 5000 });
    const spec = {
      id: 'pipe',
      title: { en: 'Pipe', zh: '管道' },
      family: 'pipes',
      manPages: ['pipe(7)'],
      properties: [
        {
          id: 'pipe.capacity.default',
          kind: 'capcity',
          claim: { en: 'x', zh: 'x' },
          sources: [{ man: 'pipe(7)' }],
          expect: { equals: 1 },
          probes: [{ fixture: 'pipe', case: 'default-capacity' }],
        },
      ],
    };
    await writeFile(join(specs, 'broken.spec.js'), `export default ${JSON.stringify(spec)};\n`);
    await expectOneLineError(['list', '--specs', specs], /broken\.spec\.js: property 'pipe\.capacity\.default': unknown kind 'capcity'/);
    await expectOneLineError(['run', '--specs', specs], /unknown kind 'capcity'/);
  });

  test('a missing C compiler is one line that says how to install it', async () => {
    const result = await runCommand(['make', '-s', 'fixtures', 'CC=no-such-cc'], { timeoutMs: 20_000, cwd: kitPaths.root });
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toMatch(/error: C compiler 'no-such-cc' not found: install it with 'apt-get install gcc/);
  });
});

describe('a conformance run', () => {
  test('on the host: exit 0, summary, verdicts.json, junit.xml and an Allure report', async () => {
    const result = await cli(['run', '--env', 'host', '--only', 'pipe.capacity.*,fifo.blocking.*'], {}, 180_000);
    expect(result.stderr).not.toMatch(/ipc-conformance: error/);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/mechanism\s+passed\s+failed\s+skipped\s+broken/);
    expect(result.stdout).toMatch(/report:\s+\S+allure-report\/index\.html/);
    const dir = join(scratch, 'host');
    const file = JSON.parse(await readFile(join(dir, 'verdicts.json'), 'utf8')) as VerdictFile;
    expect(file.environment).toMatchObject({ name: 'host' });
    expect(file.environment.kernel).toMatch(/\d+\.\d+/);
    const ids = file.verdicts.map((v) => v.property);
    expect(ids.length).toBeGreaterThanOrEqual(8);
    expect(ids.every((id) => id.startsWith('pipe.capacity.') || id.startsWith('fifo.blocking.'))).toBe(true);
    expect(file.verdicts.map((v) => v.status)).toEqual(file.verdicts.map(() => 'passed'));
    expect(await readFile(join(dir, 'junit.xml'), 'utf8')).toMatch(/<testcase [^>]*name="[^"]*pipe\.capacity\.default-is-16-pages"/);
    expect(existsSync(join(dir, 'allure-report', 'index.html'))).toBe(true);
  });

  test('with a fault injected into every probe: exit 1 and the failed property with its measured value', async () => {
    const result = await cli(
      ['run', '--only', 'pipe.capacity.default-is-16-pages', '--no-report'],
      { LD_PRELOAD: faultShim('small_pipe') },
      180_000,
    );
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/FAILED\s+pipe\.capacity\.default-is-16-pages: expected equals=\d+; observed value=4096/);
    const file = JSON.parse(await readFile(join(scratch, 'host', 'verdicts.json'), 'utf8')) as VerdictFile;
    expect(file.verdicts).toHaveLength(1);
    expect(file.verdicts[0]).toMatchObject({ status: 'failed', observed: { value: 4096 } });
  });
});

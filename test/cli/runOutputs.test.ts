// What `run` leaves and prints: every machine format in the run's folder whatever --format says,
// stdout holding only the chosen format (the lines for people on stderr), --output as the run's
// whole folder with reports/ untouched, a reused --output folder holding only the latest run, and
// `list --json`. Small selections on the host keep each run to a few seconds.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RUN_OUTPUT_FILES } from '../../runners/formats/runFormats.js';
import type { VerdictFile } from '../../runners/verdict/verdict.js';
import { cli, ESC, onlyErrorLine } from './cliProcess.js';

const ONLY = 'pipe.direction.*';
let scratch: string;
/** The reports root every command here gets: it must stay empty, --output taking its place. */
let reportsRoot: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'ipc-conformance-run-outputs-'));
  reportsRoot = join(scratch, 'reports');
  await mkdir(reportsRoot);
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const run = (args: string[]) => cli(['run', '--only', ONLY, ...args], { IPC_CONFORMANCE_REPORTS_ROOT: reportsRoot }, 180_000);

describe('run --output DIR --format FORMAT', () => {
  const folder = () => join(scratch, 'run-folder');

  test('tap: stdout is the KTAP document only, the folder holds every output, reports/ is untouched', async () => {
    const result = await run(['--format', 'tap', '--output', folder()]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout.startsWith('TAP version 13\n1..3\n')).toBe(true);
    expect(result.stdout.match(/^ok \d+ pipe\.direction\.\S+$/gm)).toHaveLength(3);
    expect(result.stdout).not.toMatch(/mechanism|checked|verdicts:/);
    // The lines for people went to stderr: the progress, the summary, where the files are.
    expect(result.stderr).toMatch(/^3\/3 passed +pipe\.direction\.\S+ \d+ ms$/m);
    expect(result.stderr).toMatch(/^total \(host\) +3 +0 +0 +0$/m);
    expect(result.stderr).toMatch(/^report: +\S+run-folder\/allure-report\/index\.html$/m);
    expect(`${result.stdout}${result.stderr}`).not.toContain(ESC);
    const written = await readdir(folder());
    for (const file of [...Object.values(RUN_OUTPUT_FILES), 'allure-results', 'allure-report']) expect(written).toContain(file);
    expect(await readFile(join(folder(), RUN_OUTPUT_FILES.tap), 'utf8')).toBe(result.stdout);
    expect(await readdir(reportsRoot)).toEqual([]);
  });

  test.each([['json'], ['junit'], ['kcidb']] as const)(
    '%s: stdout is the file the run wrote; the folder, reused, holds this run only',
    async (format) => {
      const result = await run(['--format', format, '--output', folder(), '--no-report']);
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stdout).toBe(await readFile(join(folder(), RUN_OUTPUT_FILES[format]), 'utf8'));
      // The first test's report is gone with its run: a reused folder never mixes two runs.
      expect(existsSync(join(folder(), 'allure-report'))).toBe(false);
      const file = JSON.parse(await readFile(join(folder(), 'verdicts.json'), 'utf8')) as VerdictFile;
      expect(file.selection).toEqual({ only: ONLY, specs: null });
      expect(file.verdicts.map((verdict) => verdict.status)).toEqual(['passed', 'passed', 'passed']);
      if (format === 'json') expect((JSON.parse(result.stdout) as VerdictFile).generatedAt).toBe(file.generatedAt);
      if (format === 'junit') expect(result.stdout).toMatch(/^<\?xml /);
      if (format === 'kcidb') expect(JSON.parse(result.stdout)).toHaveProperty('tests');
      expect(await readdir(reportsRoot)).toEqual([]);
    },
  );

  test('text (the default): the summary on stdout, a run folder under reports/ that reports/host points at', async () => {
    const result = await run(['--no-report']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^mechanism +passed +failed +skipped +broken$/m);
    expect(result.stdout).toMatch(/^latest: +\S+\/host → \S+\/runs\/host-/m);
    expect(result.stdout).not.toContain(ESC);
    for (const file of Object.values(RUN_OUTPUT_FILES)) expect(existsSync(join(reportsRoot, 'host', file)), file).toBe(true);
  });
});

describe('an --output folder that is not the kit’s is refused before anything is written', () => {
  test('a folder holding someone’s files: every writing command refuses it, and the file stays', async () => {
    const theirs = join(scratch, 'theirs');
    await mkdir(theirs);
    await writeFile(join(theirs, 'notes.txt'), 'keep me');
    const commands = [
      ['run', '--only', ONLY],
      ['coverage'],
      ['claims', '--envs', 'host'],
      ['soak', '--times', '2', '--only', ONLY],
      ['kernels', '--only', ONLY],
      ['exercise', '01'],
      ['bench', '--quick', '--only', 'pipe.*'],
    ];
    for (const args of commands) {
      const line = onlyErrorLine(await cli([...args, '--output', theirs], { IPC_CONFORMANCE_REPORTS_ROOT: reportsRoot }));
      expect(line, args.join(' ')).toBe(
        `--output '${theirs}' is not empty and was not written by ipc-conformance: name a new or empty folder`,
      );
    }
    expect(await readdir(theirs)).toEqual(['notes.txt']);
    expect(await readFile(join(theirs, 'notes.txt'), 'utf8')).toBe('keep me');
  });

  test('a file', async () => {
    const file = join(scratch, 'a-file');
    await writeFile(file, '');
    expect(onlyErrorLine(await run(['--output', file]))).toBe(`--output '${file}' is not a folder`);
  });
});

describe('other commands write where --output says', () => {
  test('coverage and claims', async () => {
    const coverage = await cli(['coverage', '--output', join(scratch, 'coverage')], { IPC_CONFORMANCE_REPORTS_ROOT: reportsRoot });
    expect(coverage.exitCode, coverage.stderr).toBe(0);
    expect((await readdir(join(scratch, 'coverage'))).sort()).toEqual(['.ipc-conformance-output', 'coverage.json', 'coverage.md']);
    // claims reads the host's verdicts from reports/host (the text run above) and writes elsewhere.
    const claims = await cli(['claims', '--envs', 'host', '--output', join(scratch, 'claims')], {
      IPC_CONFORMANCE_REPORTS_ROOT: reportsRoot,
    });
    expect(claims.exitCode, claims.stderr).toBe(0);
    expect(await readdir(join(scratch, 'claims'))).toEqual(expect.arrayContaining(['claims.md', 'claims.json']));
    expect(existsSync(join(reportsRoot, 'coverage.md')) || existsSync(join(reportsRoot, 'claims.md'))).toBe(false);
  });
});

describe('list --json', () => {
  test('the selected properties with id, mechanism, kind, requires, sources and claim, as the text listing selects them', async () => {
    const [json, text] = await Promise.all([cli(['list', '--only', 'pipe.*', '--json']), cli(['list', '--only', 'pipe.*'])]);
    expect(json.exitCode, json.stderr).toBe(0);
    const listed = JSON.parse(json.stdout) as Array<Record<string, unknown>>;
    const textIds = [...text.stdout.matchAll(/^ {2}(pipe\.\S+) {2}\(/gm)].map((match) => match[1]);
    expect(listed.map((property) => property.id)).toEqual(textIds);
    expect(listed.length).toBeGreaterThan(10);
    for (const property of listed) {
      expect(Object.keys(property).sort()).toEqual(['claim', 'id', 'kind', 'mechanism', 'requires', 'sources']);
      expect(property.mechanism).toBe('pipe');
      expect(Array.isArray(property.requires)).toBe(true);
      expect((property.sources as Array<{ label: string }>)[0]?.label).toMatch(/\S/);
    }
  });
});

// The outputs of a run as the CLI leaves them: a real host run writes verdicts.json in the current
// format (kit, selection, timing) next to junit.xml, results.ktap and kcidb.json, and each passes
// its validator; writeRunOutputs and renderRun give the same text for each format.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Parser } from 'tap-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { kitPaths } from '../../runners/core/kitPaths.js';
import { RUN_OUTPUT_FILES, renderRun, writeRunOutputs } from '../../runners/formats/runFormats.js';
import { runCommand } from '../../runners/process/runCommand.js';
import { parseVerdictFile, readVerdictFile } from '../../runners/verdict/readVerdictFile.js';
import { VERDICT_SCHEMA_VERSION } from '../../runners/verdict/verdict.js';
import { VERDICT_SCHEMA_FILE } from '../../runners/verdict/verdictJsonSchema.js';
import { cliCommand } from '../support/kit.js';
import { currentRun, run } from './samples.js';
import { schemaValidator } from './schemaValidator.js';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'ipc-conformance-outputs-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as unknown;
const kcidbSchema = readJson(join(import.meta.dirname, 'kcidb-v04_05.schema.json')) as object;

describe('writeRunOutputs and renderRun', () => {
  test('write junit.xml, results.ktap and kcidb.json, each the text renderRun gives', async () => {
    const dir = await mkdtemp(join(scratch, 'written-'));
    const file = currentRun();
    await writeRunOutputs(dir, file);
    expect(readdirSync(dir).sort()).toEqual(['junit.xml', 'kcidb.json', 'results.ktap']);
    for (const format of ['junit', 'tap', 'kcidb'] as const) {
      expect(readFileSync(join(dir, RUN_OUTPUT_FILES[format]), 'utf8')).toBe(renderRun(file, format));
    }
  });

  test('the json format is the verdict file itself, read back unchanged', () => {
    const file = currentRun();
    expect(parseVerdictFile(JSON.parse(renderRun(file, 'json')), 'stdout')).toEqual(file);
  });
});

describe('a real host run', () => {
  const only = 'pipe.capacity.*';
  let dir: string;
  beforeAll(async () => {
    const result = await runCommand([...cliCommand, 'run', '--env', 'host', '--no-report', '--only', only], {
      timeoutMs: 180_000,
      env: { IPC_CONFORMANCE_REPORTS_ROOT: scratch },
      cwd: kitPaths.root,
    });
    expect(result.stderr).not.toMatch(/error/);
    expect(result.exitCode).toBe(0);
    dir = join(scratch, 'host');
  }, 200_000);

  test('writes verdicts.json in the current format: schema version, kit, selection and each verdict’s timing', async () => {
    const file = await readVerdictFile(dir);
    expect(file.schemaVersion).toBe(VERDICT_SCHEMA_VERSION);
    const head = execFileSync('git', ['-C', kitPaths.root, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    expect(file.kit).toEqual({ version: expect.stringMatching(/^\d+\.\d+\.\d+/), commit: head });
    expect(file.selection).toEqual({ only, specs: null });
    expect(file.verdicts.length).toBeGreaterThanOrEqual(5);
    for (const verdict of file.verdicts) {
      expect(Date.parse(verdict.startedAt!)).toBeLessThanOrEqual(Date.parse(file.generatedAt));
      expect(verdict.durationMs).toBeGreaterThan(0);
    }
    expect(schemaValidator(readJson(VERDICT_SCHEMA_FILE) as object)(readJson(join(dir, 'verdicts.json')))).toEqual({
      valid: true,
      problems: [],
    });
  });

  test('writes junit.xml that validates against the JUnit XSD', () => {
    const result = run('xmllint', ['--noout', '--schema', join(import.meta.dirname, 'junit.xsd'), join(dir, 'junit.xml')]);
    expect(result.stderr).toMatch(/ validates$/m);
  });

  test('writes results.ktap that a TAP parser reads with its plan met', async () => {
    const file = await readVerdictFile(dir);
    const parser = new Parser();
    parser.end(readFileSync(join(dir, 'results.ktap'), 'utf8'));
    expect(parser.results).toMatchObject({ ok: true, count: file.verdicts.length, plan: { end: file.verdicts.length } });
  });

  test('writes kcidb.json that validates against KCIDB’s schema', () => {
    expect(schemaValidator(kcidbSchema)(readJson(join(dir, 'kcidb.json')))).toEqual({ valid: true, problems: [] });
  });
});

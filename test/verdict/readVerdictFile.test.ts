// Reading a verdict file back: files of older runs are read as they are, a broken file is one line
// naming the file and where in the JSON the first problem is, and a file of a later major format is
// refused rather than misread.
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readVerdictFile, readVerdictFileAt, VerdictFileError } from '../../runners/verdict/readVerdictFile.js';
import { VERDICT_SCHEMA_VERSION } from '../../runners/verdict/verdict.js';
import { REAL_RUNS, realRun, realRunPath } from './fixtures.js';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'ipc-conformance-verdicts-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function problemWith(content: unknown): Promise<string> {
  const path = join(scratch, 'verdicts.json');
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  const error = await readVerdictFileAt(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VerdictFileError);
  const message = (error as Error).message;
  expect(message.split('\n')).toHaveLength(1);
  expect(message.startsWith(`${path} `)).toBe(true);
  return message.slice(path.length + 1);
}

describe('reading a verdict file', () => {
  test.each(REAL_RUNS)('a copy of a real %s run, written before format 1.0.0, is read with all its verdicts', async (run) => {
    const folder = join(scratch, run);
    await rm(folder, { recursive: true, force: true });
    await mkdir(folder);
    await copyFile(realRunPath(run), join(folder, 'verdicts.json'));
    const file = await readVerdictFile(folder);
    const original = realRun(run);
    expect(file.environment.name).toBe(original.environment.name);
    expect(file.verdicts.map((v) => [v.property, v.status])).toEqual(original.verdicts.map((v) => [v.property, v.status]));
    expect(file.kit).toBeUndefined();
    expect(file.selection).toBeUndefined();
  });

  const host = realRun('host');
  const first = host.verdicts[0]!;
  const withVerdict = (changes: Record<string, unknown>) => ({ ...host, verdicts: [{ ...first, ...changes }] });
  const cases: Array<[string, unknown, string]> = [
    ['a JSON list', [], 'is not a verdict file: it holds no JSON object'],
    ['no environment', { verdicts: [] }, 'is not a verdict file: it names no environment (environment.name)'],
    ['no verdicts', { environment: { name: 'host' } }, 'is not a verdict file: it has no verdicts list'],
    [
      'an unknown status',
      withVerdict({ status: 'fine' }),
      `is not a verdict file: verdicts[0] (${first.property}) has status "fine", not one of passed, failed, skipped, broken`,
    ],
    ['a verdict without a property', { ...host, verdicts: [null] }, 'is not a verdict file: verdicts[0] names no property'],
    [
      'an errno that is a number, deep inside',
      withVerdict({ observations: [{ ...first.observations[0], errno: 11 }] }),
      `is not a verdict file: verdicts[0] (${first.property}): observations[0].errno is 11, not a string`,
    ],
    [
      'a missing probes list',
      withVerdict({ probes: undefined }),
      `is not a verdict file: verdicts[0] (${first.property}): probes is missing (expected array)`,
    ],
    [
      'a date that is not one',
      { ...host, generatedAt: 'yesterday' },
      'is not a verdict file: generatedAt "yesterday" is not an ISO 8601 date and time',
    ],
    [
      'a kit commit that is no hash',
      { ...host, kit: { version: '0.1.0', commit: 'HEAD' } },
      'is not a verdict file: kit.commit "HEAD" does not match /^[0-9a-f]{40,64}$/',
    ],
    [
      'a later major format',
      { ...host, schemaVersion: '2.0.0' },
      `was written in verdict format 2.0.0; this kit reads ${VERDICT_SCHEMA_VERSION} and older`,
    ],
    ['an empty file', '', 'is empty, not a verdict file (an interrupted run?)'],
  ];
  test.each(cases)('%s is one line naming the file and the place', async (_what, content, expected) => {
    expect(await problemWith(content)).toBe(expected);
  });

  test('a file of the current format with a later minor version’s extra fields is read', async () => {
    const path = join(scratch, 'newer-minor.json');
    const later = { ...host, schemaVersion: `${VERDICT_SCHEMA_VERSION.split('.')[0]}.99.0`, somethingNew: [1, 2] };
    await writeFile(path, JSON.stringify(later));
    expect((await readVerdictFileAt(path)).verdicts).toHaveLength(host.verdicts.length);
  });
});

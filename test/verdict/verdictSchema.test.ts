// The published JSON Schema of verdicts.json: it is what the zod schema generates, it accepts the
// verdict files of real runs and it refuses broken ones, as the kit's own reader does.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { VERDICT_SCHEMA_FILE, verdictJsonSchema } from '../../runners/verdict/verdictJsonSchema.js';
import { VERDICT_SCHEMA_VERSION, verdictFileSchema } from '../../runners/verdict/verdictSchema.js';
import { schemaValidator } from '../formats/schemaValidator.js';
import { REAL_RUNS, realRun } from './fixtures.js';

const published = JSON.parse(readFileSync(VERDICT_SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
const validate = schemaValidator(published);

describe('the published verdict schema', () => {
  test('is what the zod schema generates (run `make schema` after changing it)', () => {
    expect(published).toEqual(verdictJsonSchema());
  });

  test('is draft 2020-12 with an $id, a title naming the format version, and requires the environment and verdicts', () => {
    expect(published).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: `urn:ipc-conformance:schema:verdicts:${VERDICT_SCHEMA_VERSION.split('.')[0]}`,
      title: expect.stringContaining(VERDICT_SCHEMA_VERSION),
      required: ['environment', 'verdicts', 'generatedAt'],
    });
    expect(VERDICT_SCHEMA_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });

  test.each(REAL_RUNS)('accepts the verdict file of a real %s run (written before 1.0.0)', (run) => {
    const file = realRun(run);
    expect(file.schemaVersion).toBeUndefined();
    expect(validate(file)).toEqual({ valid: true, problems: [] });
  });

  test('accepts a file with the 1.0.0 fields, and a later minor version’s extra field', () => {
    const file = {
      ...realRun('sandbox'),
      schemaVersion: VERDICT_SCHEMA_VERSION,
      kit: { version: '0.1.0', commit: 'a'.repeat(40) },
      selection: { only: 'pipe.*', specs: null },
      addedLater: { anything: true },
    };
    file.verdicts = file.verdicts.map((v) => ({ ...v, startedAt: '2026-01-01T00:00:00.000Z', durationMs: 12 }));
    expect(validate(file)).toEqual({ valid: true, problems: [] });
  });

  const host = realRun('host');
  const first = host.verdicts[0]!;
  const broken: Array<[string, unknown, RegExp]> = [
    ['an unknown status', { ...host, verdicts: [{ ...first, status: 'fine' }] }, /^\/verdicts\/0\/status: must be equal to one of/],
    ['no environment name', { ...host, environment: { kernel: '6.1' } }, /^\/environment: must have required property 'name'/],
    ['no verdicts list', { environment: host.environment, generatedAt: host.generatedAt }, /must have required property 'verdicts'/],
    ['a date that is not one', { ...host, generatedAt: 'yesterday' }, /\/generatedAt: must match format "date-time"/],
    ['an errno that is a number', { ...host, verdicts: [{ ...first, observations: [{ ...first.observations[0], errno: 11 }] }] }, /errno/],
    ['a kit commit that is no hash', { ...host, kit: { version: '0.1.0', commit: 'HEAD' } }, /^\/kit\/commit/],
    ['an unknown property kind', { ...host, verdicts: [{ ...first, kind: 'speed' }] }, /^\/verdicts\/0\/kind/],
  ];
  test.each(broken)('refuses %s, as the kit’s reader does', (_what, file, problem) => {
    const result = validate(file);
    expect(result.valid).toBe(false);
    expect(result.problems.join('\n')).toMatch(problem);
    expect(verdictFileSchema.safeParse(file).success).toBe(false);
  });
});

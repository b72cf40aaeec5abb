// kcidb.json validates against KCIDB's I/O schema v4.5 (kept as data in
// test/formats/kcidb-v04_05.schema.json) and says what the verdicts say: one checkout and one build
// for the kernel the run saw, one test per property with the dotted id as its path.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { KCIDB_ORIGIN, kcidbExport, renderKcidb } from '../../runners/formats/kcidb.js';
import type { VerdictFile } from '../../runners/verdict/verdict.js';
import { allRuns, currentRun } from './samples.js';
import { schemaValidator } from './schemaValidator.js';

const kcidbSchema = JSON.parse(readFileSync(join(import.meta.dirname, 'kcidb-v04_05.schema.json'), 'utf8')) as object;
const validate = schemaValidator(kcidbSchema);

type Export = {
  version: { major: number; minor: number };
  checkouts: Array<Record<string, unknown>>;
  builds: Array<Record<string, unknown>>;
  tests: Array<Record<string, unknown> & { misc: Record<string, unknown> }>;
};
/** The export as a KCIDB client reads it: the written JSON text, parsed. */
const exported = (file: VerdictFile) => JSON.parse(renderKcidb(file)) as Export;

describe('the KCIDB export', () => {
  test.each(allRuns())('of the %s run validates against KCIDB’s schema v4.5', (_name, file) => {
    expect(validate(exported(file))).toEqual({ valid: true, problems: [] });
  });

  const file = currentRun();
  const data = exported(file);

  test('is version 4.5 with one checkout and one build, linked by id', () => {
    expect(data.version).toEqual({ major: 4, minor: 5 });
    expect(data.checkouts).toHaveLength(1);
    expect(data.builds).toHaveLength(1);
    const [checkout, build] = [data.checkouts[0]!, data.builds[0]!];
    expect(checkout).toMatchObject({ origin: KCIDB_ORIGIN, valid: true });
    expect(build).toMatchObject({
      checkout_id: checkout.id,
      origin: KCIDB_ORIGIN,
      architecture: 'x86_64',
      comment: file.environment.kernel,
    });
    expect(String(checkout.id)).toMatch(/^ipc_conformance:linux-4\.4\.0/);
  });

  test('has one test per verdict: path the property id, status mapped, the run’s timing', () => {
    const statuses = { passed: 'PASS', failed: 'FAIL', skipped: 'SKIP', broken: 'ERROR' };
    expect(data.tests.map((t) => [t.path, t.status])).toEqual(file.verdicts.map((v) => [v.property, statuses[v.status]]));
    expect(new Set(data.tests.map((t) => t.id)).size).toBe(file.verdicts.length);
    expect(data.tests.every((t) => t.build_id === data.builds[0]!.id && String(t.id).startsWith(`${KCIDB_ORIGIN}:`))).toBe(true);
    const [first] = file.verdicts;
    expect(data.tests[0]).toMatchObject({ start_time: first!.startedAt, duration: first!.durationMs! / 1000 });
  });

  test('a test carries the environment, and expected, observed and reason in misc', () => {
    const failed = file.verdicts.findIndex((v) => v.status === 'failed');
    const test = data.tests[failed]!;
    const verdict = file.verdicts[failed]!;
    expect(test.environment).toMatchObject({
      comment: expect.stringContaining('gvisor'),
      misc: { environment: 'gvisor', runtime: file.environment.runtime, kernel: file.environment.kernel },
    });
    expect(test.misc).toMatchObject({
      expected: verdict.expected,
      observed: verdict.observed,
      reason: verdict.reason,
      mechanism: verdict.mechanism,
    });
    expect(test.log_excerpt).toMatch(/^expected: /);
    const skipped = data.tests[file.verdicts.findIndex((v) => v.status === 'skipped')]!;
    expect(skipped.misc.reason).toMatch(/^requires /);
    // KCIDB allows no null field: a skipped verdict's null expectation is left out, not written as null.
    expect(Object.keys(skipped.misc)).not.toContain('expected');
  });

  test('the runs of two machines on one kernel share the build, not their tests', () => {
    const other = exported({ ...file, environment: { ...file.environment, machineHostname: 'other-machine' } });
    expect(other.builds[0]!.id).toBe(data.builds[0]!.id);
    expect(other.tests[0]!.id).not.toBe(data.tests[0]!.id);
  });
});

describe('the schema check can fail', () => {
  const good = kcidbExport(currentRun()) as Export;
  const withTest = (changes: Record<string, unknown>) => ({ ...good, tests: [{ ...good.tests[0], ...changes }] });
  const broken: Array<[string, unknown, RegExp]> = [
    ['a path with a space', withTest({ path: 'pipe capacity' }), /\/tests\/0\/path: must match pattern/],
    ['a status KCIDB does not know', withTest({ status: 'BROKEN' }), /\/tests\/0\/status: must be equal to one of the allowed values/],
    ['an origin with a hyphen', withTest({ origin: 'ipc-conformance' }), /\/tests\/0\/origin: must match pattern/],
    ['an id without its origin', withTest({ id: 'pipe.capacity' }), /\/tests\/0\/id: must match pattern/],
    ['a null field', withTest({ duration: null }), /\/tests\/0\/duration: must be number/],
    ['a field KCIDB does not have', withTest({ verdict: 'passed' }), /\/tests\/0: must NOT have additional properties/],
    ['a newer major version', { ...good, version: { major: 5, minor: 0 } }, /\/version\/major: must be equal to constant/],
  ];
  test.each(broken)('%s is rejected', (_what, data, problem) => {
    const result = validate(data);
    expect(result.valid).toBe(false);
    expect(result.problems.join('\n')).toMatch(problem);
  });
});

// The evaluator on every expectation form: each holds on a matching observation and fails on a
// contradicting one, with environment quantities resolved; and the table of forms is complete, so
// a form cannot be half-declared.
import { describe, expect, test } from 'vitest';
import { ProbeBroken, SysctlUnreadable } from '../../../runners/core/errors.js';
import type { Observation } from '../../../runners/core/observation.js';
import { type EvaluationContext, evaluate, powerOfTwoPagesCovering } from '../../../runners/verdict/evaluate.js';
import { formatFacts } from '../../../runners/verdict/verdict.js';
import {
  defineExpectationForm,
  EXPECTATION_FORMS,
  EXPECTATIONS,
  type ExpectationForm,
  expectationProblem,
  factsPinnedBy,
} from '../../../specs/expectations.js';
import type { Expectation } from '../../../specs/schema.js';

const context: EvaluationContext = {
  pageSize: 4096,
  readSysctl: async (name) => ({ 'fs.pipe-max-size': '1048576', 'kernel.ostype': 'Linux' })[name] ?? '',
};

const observation = (fields: Partial<Observation>): Observation => ({
  probe: 'test',
  value: null,
  errno: null,
  signal: null,
  elapsed_ns: null,
  delay_ns: null,
  evidence: {},
  ...fields,
});

const cases: Array<[string, Expectation, Partial<Observation>, Partial<Observation>]> = [
  ['equals a literal', { equals: 7 }, { value: 7 }, { value: 6 }],
  ['equals a string', { equals: 'fifo' }, { value: 'fifo' }, { value: 'missing' }],
  ['equals a boolean', { equals: true }, { value: true }, { value: false }],
  ['equals pages (resolved with the page size)', { equals: { pages: 16 } }, { value: 65536 }, { value: 4096 }],
  [
    'equals, judged on the value even when the probe ended with an errno',
    { equals: 65536 },
    { value: 65536, errno: 'EAGAIN' },
    { value: -1, errno: 'EINTR' },
  ],
  ['atLeast', { atLeast: 512 }, { value: 4096 }, { value: 511 }],
  ['atLeast pages', { atLeast: { pages: 1 } }, { value: 4096 }, { value: 4095 }],
  ['atMost', { atMost: 10 }, { value: 10 }, { value: 11 }],
  ['oneOf', { oneOf: [1, 2, { pages: 1 }] }, { value: 4096 }, { value: 3 }],
  ['matches', { matches: '^pipe:\\[[0-9]+\\]$' }, { value: 'pipe:[123]' }, { value: '/tmp/x' }],
  ['errno', { errno: 'EAGAIN' }, { value: -1, errno: 'EAGAIN' }, { value: 1 }],
  ['signal', { signal: 'SIGPIPE' }, { signal: 'SIGPIPE' }, { errno: 'EPIPE' }],
  [
    'blocks',
    { blocks: true },
    { value: 1, elapsed_ns: 200_500_000, delay_ns: 200_000_000 },
    { value: 1, elapsed_ns: 20_000, delay_ns: 200_000_000 },
  ],
  [
    'blocks, but the call failed',
    { blocks: true },
    { value: 1, elapsed_ns: 3e8, delay_ns: 2e8 },
    { value: -1, errno: 'EINTR', elapsed_ns: 1e9, delay_ns: 2e8 },
  ],
  ['returnsWithin', { returnsWithin: { ms: 50 } }, { value: 1, elapsed_ns: 1_000_000 }, { value: 1, elapsed_ns: 51_000_000 }],
  ['equalsSysctl (numeric)', { equalsSysctl: 'fs.pipe-max-size' }, { value: 1048576 }, { value: 65536 }],
  ['equalsSysctl (text)', { equalsSysctl: 'kernel.ostype' }, { value: 'Linux' }, { value: 'gVisor' }],
  [
    'relation equals-evidence',
    { relation: 'equals-evidence', field: 'getpipe_sz' },
    { value: 65536, evidence: { getpipe_sz: 65536 } },
    { value: 4096, evidence: { getpipe_sz: 65536 } },
  ],
  [
    'relation pow2-pages-covering',
    { relation: 'pow2-pages-covering', field: 'requested' },
    { value: 8192, evidence: { requested: 5000 } },
    { value: 5000, evidence: { requested: 5000 } },
  ],
];

describe('evaluate', () => {
  test.each(cases)('%s: holds on a matching observation, not on a contradicting one', async (_form, expectation, good, bad) => {
    expect((await evaluate(expectation, observation(good), context)).holds).toBe(true);
    expect((await evaluate(expectation, observation(bad), context)).holds).toBe(false);
  });

  test('reports the resolved expectation and the observed facts', async () => {
    const result = await evaluate({ equals: { pages: 16 } }, observation({ value: 4096 }), context);
    expect(result.expected).toEqual({ equals: 65536 });
    expect(result.observed).toEqual({ value: 4096, errno: null, signal: null });
    const sysctl = await evaluate({ equalsSysctl: 'fs.pipe-max-size' }, observation({ value: 1 }), context);
    expect(sysctl.expected).toEqual({ equals: 1048576, sysctl: 'fs.pipe-max-size' });
  });

  test('a sysctl the environment lacks contradicts equalsSysctl; any other failure to read it breaks the probe', async () => {
    const lacking = { ...context, readSysctl: async (name: string) => Promise.reject(new SysctlUnreadable(name, 'ENOENT')) };
    const result = await evaluate({ equalsSysctl: 'fs.pipe-max-size' }, observation({ errno: 'ENOENT' }), lacking);
    expect(result).toMatchObject({ holds: false, expected: { sysctl: 'fs.pipe-max-size', unreadable: 'ENOENT' } });
    const failing = { ...context, readSysctl: async () => Promise.reject(new ProbeBroken('env-probe timed out')) };
    await expect(evaluate({ equalsSysctl: 'fs.pipe-max-size' }, observation({ value: 1 }), failing)).rejects.toThrow(/timed out/);
  });

  test('a blocking expectation without timing, or a relation without its field, is a broken probe', async () => {
    await expect(evaluate({ blocks: true }, observation({ value: 1 }), context)).rejects.toBeInstanceOf(ProbeBroken);
    await expect(evaluate({ blocks: true }, observation({ value: 1, elapsed_ns: 5 }), context)).rejects.toThrow(/no delay_ns/);
    await expect(evaluate({ relation: 'equals-evidence', field: 'x' }, observation({ value: 1 }), context)).rejects.toThrow(
      /no numeric evidence field 'x'/,
    );
  });

  test('F_SETPIPE_SZ rounding follows powers of two of the page size', () => {
    expect(powerOfTwoPagesCovering(1, 4096)).toBe(4096);
    expect(powerOfTwoPagesCovering(4096, 4096)).toBe(4096);
    expect(powerOfTwoPagesCovering(5000, 4096)).toBe(8192);
    expect(powerOfTwoPagesCovering(12289, 4096)).toBe(16384);
    expect(powerOfTwoPagesCovering(70000, 4096)).toBe(131072);
    expect(powerOfTwoPagesCovering(70000, 65536)).toBe(131072);
    expect(powerOfTwoPagesCovering(5000, 65536)).toBe(65536);
  });
});

/** A form's sample: a valid expectation, observations it holds and fails on, and a malformed one. */
interface FormSample<F extends ExpectationForm> {
  expect: Extract<Expectation, Record<F, unknown>>;
  holds: Partial<Observation>;
  fails: Partial<Observation>;
  malformed: Record<string, unknown>;
}

// `satisfies` over every form: adding a form to the table without a sample here does not compile.
const samples = {
  equals: { expect: { equals: { pages: 16 } }, holds: { value: 65536 }, fails: { value: 4096 }, malformed: { equals: { bytes: 4 } } },
  atLeast: { expect: { atLeast: 512 }, holds: { value: 512 }, fails: { value: 511 }, malformed: { atLeast: 'many' } },
  atMost: { expect: { atMost: { pages: 1 } }, holds: { value: 4096 }, fails: { value: 4097 }, malformed: { atMost: [] } },
  oneOf: { expect: { oneOf: ['a', 2] }, holds: { value: 2 }, fails: { value: 'b' }, malformed: { oneOf: [] } },
  matches: { expect: { matches: '^a+$' }, holds: { value: 'aa' }, fails: { value: 'ab' }, malformed: { matches: '(' } },
  errno: {
    expect: { errno: 'EPIPE' },
    holds: { value: -1, errno: 'EPIPE' },
    fails: { value: -1, errno: 'EAGAIN' },
    malformed: { errno: 'epipe' },
  },
  signal: { expect: { signal: 'SIGPIPE' }, holds: { signal: 'SIGPIPE' }, fails: { signal: 'SIGTERM' }, malformed: { signal: 'PIPE' } },
  blocks: {
    expect: { blocks: true },
    holds: { elapsed_ns: 300, delay_ns: 200 },
    fails: { elapsed_ns: 100, delay_ns: 200 },
    malformed: { blocks: false },
  },
  returnsWithin: {
    expect: { returnsWithin: { ms: 1 } },
    holds: { elapsed_ns: 999_999 },
    fails: { elapsed_ns: 1_000_001 },
    malformed: { returnsWithin: { ms: 0 } },
  },
  equalsSysctl: {
    expect: { equalsSysctl: 'fs.pipe-max-size' },
    holds: { value: 1048576 },
    fails: { value: 1048577 },
    malformed: { equalsSysctl: 'pipe max' },
  },
  relation: {
    expect: { relation: 'pow2-pages-covering', field: 'requested' },
    holds: { value: 16384, evidence: { requested: 12289 } },
    fails: { value: 12289, evidence: { requested: 12289 } },
    malformed: { relation: 'equals-evidence' },
  },
} satisfies { [F in ExpectationForm]: FormSample<F> };

describe('the table of expectation forms', () => {
  test('has a sample for every form, and nothing else', () => {
    expect(Object.keys(samples)).toEqual(EXPECTATION_FORMS);
    expect(EXPECTATION_FORMS).toHaveLength(11);
  });

  test.each(EXPECTATION_FORMS)('%s validates, evaluates, renders and says what diff compares', async (form) => {
    const sample = samples[form];
    const definition = EXPECTATIONS[form];
    // Validates: the sample is a good spec value, its malformed twin an error that names the mistake.
    expect(expectationProblem(sample.expect)).toBeUndefined();
    expect(expectationProblem(sample.malformed)).toMatch(/\S/);
    // Evaluates.
    const holding = await evaluate(sample.expect, observation(sample.holds), context);
    expect(holding.holds).toBe(true);
    expect((await evaluate(sample.expect, observation(sample.fails), context)).holds).toBe(false);
    // Renders: reports print the resolved expectation, under the key that names the form.
    expect(holding.expected).toHaveProperty(definition.reportedAs);
    expect(formatFacts(holding.expected)).toContain(`${definition.reportedAs}=`);
    // Pins: diff reads from a stored verdict's expectation what the form pins, and no more.
    expect(factsPinnedBy(holding.expected)).toEqual(definition.pins);
  });

  test('a form without its evaluation does not compile', () => {
    // @ts-expect-error evaluate is missing
    const halfDeclared = defineExpectationForm<{ within: number }>({ problem: () => undefined, reportedAs: 'within', pins: [] });
    expect(halfDeclared).not.toHaveProperty('evaluate');
  });

  test('a key that belongs to another form, and a verdict without an expectation', () => {
    expect(expectationProblem({ errno: 'EPIPE', field: 'x' })).toBe("'field' belongs to a relation, not to errno");
    expect(expectationProblem({})).toMatch(/^expectation must have exactly one of equals, atLeast, .* \(got none\)$/);
    // A broken verdict records no expectation: diff then compares every observed fact.
    expect(factsPinnedBy({})).toEqual(['value', 'errno', 'signal']);
  });
});

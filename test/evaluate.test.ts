// The evaluator on every expectation form: each holds on a matching observation and fails on a
// contradicting one, with environment quantities resolved.
import { describe, expect, test } from 'vitest';
import type { Expectation } from '../specs/schema.js';
import { SysctlUnreadable } from '../runners/environments/environment.js';
import { ProbeBroken, type Observation } from '../runners/probes/observation.js';
import { evaluate, powerOfTwoPagesCovering, type EvaluationContext } from '../runners/verdict/evaluate.js';

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
  ['equals, judged on the value even when the probe ended with an errno', { equals: 65536 }, { value: 65536, errno: 'EAGAIN' }, { value: -1, errno: 'EINTR' }],
  ['atLeast', { atLeast: 512 }, { value: 4096 }, { value: 511 }],
  ['atLeast pages', { atLeast: { pages: 1 } }, { value: 4096 }, { value: 4095 }],
  ['atMost', { atMost: 10 }, { value: 10 }, { value: 11 }],
  ['oneOf', { oneOf: [1, 2, { pages: 1 }] }, { value: 4096 }, { value: 3 }],
  ['matches', { matches: '^pipe:\\[[0-9]+\\]$' }, { value: 'pipe:[123]' }, { value: '/tmp/x' }],
  ['errno', { errno: 'EAGAIN' }, { value: -1, errno: 'EAGAIN' }, { value: 1 }],
  ['signal', { signal: 'SIGPIPE' }, { signal: 'SIGPIPE' }, { errno: 'EPIPE' }],
  ['blocks', { blocks: true }, { value: 1, elapsed_ns: 200_500_000, delay_ns: 200_000_000 }, { value: 1, elapsed_ns: 20_000, delay_ns: 200_000_000 }],
  ['blocks, but the call failed', { blocks: true }, { value: 1, elapsed_ns: 3e8, delay_ns: 2e8 }, { value: -1, errno: 'EINTR', elapsed_ns: 1e9, delay_ns: 2e8 }],
  ['returnsWithin', { returnsWithin: { ms: 50 } }, { value: 1, elapsed_ns: 1_000_000 }, { value: 1, elapsed_ns: 51_000_000 }],
  ['equalsSysctl (numeric)', { equalsSysctl: 'fs.pipe-max-size' }, { value: 1048576 }, { value: 65536 }],
  ['equalsSysctl (text)', { equalsSysctl: 'kernel.ostype' }, { value: 'Linux' }, { value: 'gVisor' }],
  ['relation equals-evidence', { relation: 'equals-evidence', field: 'getpipe_sz' }, { value: 65536, evidence: { getpipe_sz: 65536 } }, { value: 4096, evidence: { getpipe_sz: 65536 } }],
  ['relation pow2-pages-covering', { relation: 'pow2-pages-covering', field: 'requested' }, { value: 8192, evidence: { requested: 5000 } }, { value: 5000, evidence: { requested: 5000 } }],
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
    const failing = { ...context, readSysctl: async () => Promise.reject(new ProbeBroken('env_probe timed out')) };
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

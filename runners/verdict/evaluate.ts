// The evaluator: one expectation and one observation in, "holds or not" out, together with the
// expected value resolved in the environment (pages → bytes, sysctl → number) and the observed
// facts that decided it, so a failure always shows both sides. How each form judges is defined in
// specs/expectations.ts; here the environment is read for what the form needs, and an observation
// that lacks what the form judges becomes a broken probe.
import { type Expectation, evaluateExpectation, type ResolvedEnvironment, sysctlNeeded } from '../../specs/expectations.js';
import { ProbeBroken, SysctlUnreadable } from '../core/errors.js';
import type { Observation } from '../core/observation.js';

export { powerOfTwoPagesCovering } from '../../specs/relations.js';

/** What the evaluator needs from the environment to resolve environment-sized expectations. */
export interface EvaluationContext {
  pageSize: number;
  readSysctl(name: string): Promise<string>;
}

/** The outcome of comparing one observation with one expectation. */
export interface Evaluation {
  holds: boolean;
  /** The expectation with environment quantities resolved, e.g. `{ equals: 65536 }`. */
  expected: Record<string, unknown>;
  /** The observed facts the decision was made on. */
  observed: Record<string, unknown>;
}

// ---- paired measurements (bench-probe pairs / pairs-within) -----------------------------------
// Their verdicts and the claims audit both speak of them in one sentence that says what was
// measured, e.g. "D-Bus round trip 4.6× UNIX stream's (median of 11 pairs), ≥ 10× in 0 of 11
// pairs; needed ≥ 10× in 9 of 11", never in terms of the probe's fields.

/** What a paired measurement observed, read from its evidence. */
export interface PairedMeasurement {
  metric: string;
  a: string;
  b: string;
  /** `ratio`: metric(A)/metric(B) ≥ threshold; `within`: within threshold either way. */
  form: 'ratio' | 'within';
  threshold: number;
  medianRatio: number;
  /** Pairs asked for, and measured (fewer when the probe's time budget ran out). */
  pairs: number;
  measured: number;
  /** Measured pairs whose ratio bears the statement out. */
  supporting: number;
  /** Pairs the statement needs, when the observation says (older ones do not). */
  needed: number | undefined;
}

const MECHANISM_NAMES: Record<string, string> = {
  pipe: 'pipe',
  fifo: 'FIFO',
  'sysv-msg': 'System V message queue',
  'posix-mq': 'POSIX message queue',
  'unix-stream': 'UNIX stream',
  'unix-dgram': 'UNIX datagram',
  'unix-seqpacket': 'UNIX seqpacket',
  tcp: 'TCP loopback',
  udp: 'UDP loopback',
  dbus: 'D-Bus',
  signal: 'signal',
  'signal-rt': 'real-time signal',
  'sysv-sem': 'System V semaphore',
  'shm-sem': 'shared memory with semaphores',
  'shm-spin': 'spinning shared memory',
};

const METRIC_WORDS: Record<string, string> = {
  rtt: 'round trip',
  cpu: 'CPU time per round trip',
  throughput: 'bulk throughput',
  rate: 'message rate',
};

const numberOf = (value: unknown): number | undefined => {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};

/**
 * The paired measurement an observation holds, or undefined for any other observation. Before
 * probes reported `supporting`, the value was that count and every pair asked for was measured.
 */
export function pairedMeasurement(observation: Pick<Observation, 'value' | 'evidence'>): PairedMeasurement | undefined {
  const e = observation.evidence;
  const pairs = numberOf(e.pairs);
  const threshold = numberOf(e.factor ?? e.ratio);
  if (pairs === undefined || threshold === undefined || typeof e.ratios !== 'string' || typeof e.a !== 'string' || typeof e.b !== 'string')
    return undefined;
  const supporting = numberOf(e.supporting) ?? numberOf(observation.value) ?? 0;
  return {
    metric: String(e.metric),
    a: e.a,
    b: e.b,
    form: e.factor !== undefined ? 'within' : 'ratio',
    threshold,
    medianRatio: numberOf(e.median_ratio) ?? Number.NaN,
    pairs,
    measured: numberOf(e.pairs_measured) ?? pairs,
    supporting,
    needed: numberOf(e.needed),
  };
}

/** Whether the statement holds (true), does not (false), or cannot be told from the pairs measured. */
export function pairedOutcome(m: PairedMeasurement, needed: number): boolean | undefined {
  if (m.supporting >= needed) return true;
  // Even if every pair left unmeasured had borne it out, too few would have.
  if (m.supporting + (m.pairs - m.measured) < needed) return false;
  return undefined;
}

/** The measurement in one sentence: what was measured, and what the statement needs. */
export function pairedSentence(m: PairedMeasurement, needed = m.needed): string {
  const name = (id: string) => MECHANISM_NAMES[id] ?? id;
  const times = (x: number) => `${Number.isFinite(x) ? Number(x.toPrecision(x >= 10 ? 3 : 2)) : '?'}×`;
  const bound = m.form === 'within' ? `within ${times(m.threshold)} either way` : `≥ ${times(m.threshold)}`;
  const of = m.measured === m.pairs ? `${m.measured}` : `${m.measured} measured (of ${m.pairs} asked)`;
  const measured = `${name(m.a)} ${METRIC_WORDS[m.metric] ?? m.metric} ${times(m.medianRatio)} ${name(m.b)}'s (median of ${m.measured} pairs), ${bound} in ${m.supporting} of ${of} pairs`;
  return needed === undefined ? measured : `${measured}; needed ${bound} in ${needed} of ${m.pairs}`;
}

/** Compares an observation with an expectation. Throws ProbeBroken when the observation lacks what the form needs. */
export async function evaluate(expect: Expectation, observation: Observation, context: EvaluationContext): Promise<Evaluation> {
  const evaluation = await evaluateForm(expect, observation, context);
  // A paired measurement says what it measured, whatever the expectation asked of it.
  const paired = pairedMeasurement(observation);
  return paired ? { ...evaluation, observed: { ...evaluation.observed, measured: pairedSentence(paired) } } : evaluation;
}

async function evaluateForm(expect: Expectation, observation: Observation, context: EvaluationContext): Promise<Evaluation> {
  const environment: ResolvedEnvironment = { pageSize: context.pageSize };
  const sysctl = sysctlNeeded(expect);
  if (sysctl !== undefined) {
    try {
      environment.sysctl = { value: await context.readSysctl(sysctl) };
    } catch (error) {
      // A documented sysctl the environment does not have is for the form to judge; any other
      // failure to read it (a probe that timed out) breaks the property.
      if (!(error instanceof SysctlUnreadable)) throw error;
      environment.sysctl = { unreadable: error.errno };
    }
  }
  const outcome = evaluateExpectation(expect, observation, environment);
  if ('lacks' in outcome) throw new ProbeBroken(`${observation.probe}: ${outcome.lacks}`, { observation });
  return outcome;
}

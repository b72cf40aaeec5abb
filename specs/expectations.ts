// The expectation forms of a property (`equals`, `atLeast`, `errno`, `blocks` …), each defined once:
// its shape in a spec, what is wrong with a spec's value, how an observation is judged against it,
// what the verdict records as the expectation, and which observed facts `diff` holds another run to.
// The spec type `Expectation`, load-time validation (specs/validate.ts), the evaluator
// (runners/verdict/evaluate.ts) and the comparison of runs (runners/reporting/compare.ts) all read
// this table, so a new form is one entry here (and one sample in test/evaluate.test.ts).
//
// Judging is pure: the runner resolves what a form needs from the environment (the page size; the
// value of the sysctl named by `sysctl`) and hands it in, and an observation that lacks what the
// form needs comes back as `lacks`, which the runner turns into a broken verdict. specs/ imports
// nothing from runners/, so the observation is described here by the fields the forms read.
import { RELATIONS, type RelationName } from './relations.js';

/** A value whose size depends on the environment, resolved there (never hard-coded to a host). */
export type EnvQuantity = { pages: number };

/** A literal expected value, or one that the environment supplies. */
export type ExpectedValue = number | string | boolean | null | EnvQuantity;

/** A scalar a probe reported (runners/core/observation.ts ObservedValue). */
type Scalar = number | string | boolean | null;

/** The fields of a probe's observation that the forms judge (runners' Observation has them all). */
export interface ObservedFacts {
  value: Scalar;
  errno: string | null;
  signal: string | null;
  elapsed_ns: number | null;
  delay_ns: number | null;
  evidence: Readonly<Record<string, unknown>>;
}

/** What the environment supplied for one evaluation. */
export interface ResolvedEnvironment {
  pageSize: number;
  /** The sysctl a form names (its `sysctl`), as read there: its text, or the errno of reading it. */
  sysctl?: { value: string } | { unreadable: string };
}

/** A judgement, or what the observation lacks for one (the probe is then broken, not the system). */
export type FormOutcome =
  | {
      holds: boolean;
      /** The expectation with environment quantities resolved, e.g. `{ equals: 65536 }`: what reports print. */
      expected: Record<string, unknown>;
      /** The observed facts the decision was made on. */
      observed: Record<string, unknown>;
    }
  | { lacks: string };

/** The observed facts a verdict can pin down for `diff` (see `pins`). */
export type PinnableFact = 'value' | 'errno' | 'signal';

/** The pinnable facts in the order `diff` compares them. */
export const PINNABLE_FACTS: readonly PinnableFact[] = ['value', 'errno', 'signal'];

/** One expectation form. `S` is its shape in a spec, e.g. `{ atLeast: number | EnvQuantity }`. */
export interface ExpectationFormDefinition<S extends object> {
  /** Keys a spec writes beside the form's own (a relation's `field`). */
  readonly companions?: readonly string[];
  /** What is wrong with a spec's expectation of this form (the SpecError text), or undefined. */
  problem(expect: Readonly<Record<string, unknown>>): string | undefined;
  /** The sysctl whose value the judgement needs, for a form that reads one. */
  sysctl?(expect: S): string;
  /** Judges an observation; `expected` is what verdicts.json records and reports render. */
  evaluate(expect: S, observation: ObservedFacts, environment: ResolvedEnvironment): FormOutcome;
  /** The key of `expected` that tells a stored verdict's form apart (`diff` reads old files too). */
  readonly reportedAs: string;
  /**
   * The observed facts another run must reproduce to agree (`ipc-conformance diff`). Empty where the
   * spec states a bound or a relation: the exact number is a measurement free within the rule, so
   * there only the verdict counts.
   */
  readonly pins: readonly PinnableFact[];
  /** A numeric bound on the value (at least / at most): a soak shows how the value moved within it. */
  readonly bound?: true;
  /** Judges the value alone against literal values, so an exercise's check may use it too. */
  readonly judgesValueAlone?: true;
}

/** Gives one form's entry its shape; the entry is type-checked against it in full. */
export function defineExpectationForm<S extends object>(definition: ExpectationFormDefinition<S>): ExpectationFormDefinition<S> {
  return definition;
}

// ---- what the entries share ------------------------------------------------------------------

const shown = (value: unknown) => JSON.stringify(value) ?? String(value);
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** `{ pages: N }`: a size the environment turns into bytes; a whole, non-negative number of pages. */
const isPages = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  Object.keys(value).length === 1 &&
  Number.isInteger((value as { pages?: unknown }).pages) &&
  (value as { pages: number }).pages >= 0;

const isExpectedValue = (value: unknown): boolean =>
  value === null || typeof value === 'string' || typeof value === 'boolean' || isFiniteNumber(value) || isPages(value);

function resolveValue(value: ExpectedValue, environment: ResolvedEnvironment): Scalar {
  if (value !== null && typeof value === 'object') return value.pages * environment.pageSize;
  return value;
}

/** Value forms judge the value alone: a failed call reports -1, null or false, which matches no
 * value a spec expects, and a probe may legitimately end with an errno (a fill ends in EAGAIN). */
const valueFacts = ({ value, errno, signal }: ObservedFacts) => ({ value, errno, signal });

/** Every fact pinned: another run must observe the same value, errno and signal. */
const PINS_OBSERVATION = PINNABLE_FACTS;
/** Nothing pinned but the verdict. */
const PINS_VERDICT_ONLY: readonly PinnableFact[] = [];

const ERRNO_NAME = /^E[A-Z0-9]+$/;
const SIGNAL_NAME = /^SIG[A-Z0-9+-]+$/;
const SYSCTL_NAME = /^[a-z0-9_-]+(\.[a-z0-9_-]+)+$/;

/** `atLeast` and `atMost`: the value is a number on the right side of a bound. */
function bound<N extends 'atLeast' | 'atMost'>(name: N, within: (value: number, limit: number) => boolean) {
  return defineExpectationForm<{ [K in N]: number | EnvQuantity }>({
    problem: (e) =>
      isFiniteNumber(e[name]) || isPages(e[name]) ? undefined : `${name} ${shown(e[name])} must be a number or { pages: N }`,
    evaluate(expect, observation, environment) {
      const limit = resolveValue(expect[name], environment) as number;
      const { value } = observation;
      return { holds: typeof value === 'number' && within(value, limit), expected: { [name]: limit }, observed: valueFacts(observation) };
    },
    reportedAs: name,
    pins: PINS_VERDICT_ONLY,
    bound: true,
    judgesValueAlone: true,
  });
}

/** A timed call must also have completed: one cut short by a signal says nothing about blocking. */
const completed = (o: ObservedFacts) => o.errno === null && o.signal === null;

// ---- the table -------------------------------------------------------------------------------

/** Every expectation form, by the key a spec writes it with. */
export const EXPECTATIONS = {
  equals: defineExpectationForm<{ equals: ExpectedValue }>({
    problem: (e) =>
      isExpectedValue(e.equals) ? undefined : `equals ${shown(e.equals)} must be a number, string, boolean, null or { pages: N }`,
    evaluate(expect, observation, environment) {
      const expected = resolveValue(expect.equals, environment);
      return { holds: observation.value === expected, expected: { equals: expected }, observed: valueFacts(observation) };
    },
    reportedAs: 'equals',
    pins: PINS_OBSERVATION,
    judgesValueAlone: true,
  }),

  atLeast: bound('atLeast', (value, limit) => value >= limit),

  atMost: bound('atMost', (value, limit) => value <= limit),

  oneOf: defineExpectationForm<{ oneOf: ExpectedValue[] }>({
    problem: (e) =>
      Array.isArray(e.oneOf) && e.oneOf.length > 0 && e.oneOf.every(isExpectedValue)
        ? undefined
        : `oneOf ${shown(e.oneOf)} must be a non-empty list of numbers, strings, booleans, null or { pages: N }`,
    evaluate(expect, observation, environment) {
      const allowed = expect.oneOf.map((v) => resolveValue(v, environment));
      return { holds: allowed.includes(observation.value), expected: { oneOf: allowed }, observed: valueFacts(observation) };
    },
    reportedAs: 'oneOf',
    pins: PINS_OBSERVATION,
    judgesValueAlone: true,
  }),

  matches: defineExpectationForm<{ matches: string }>({
    problem(e) {
      if (typeof e.matches !== 'string') return `matches ${shown(e.matches)} must be a regular expression as a string`;
      try {
        new RegExp(e.matches);
      } catch {
        return `'${e.matches}' is not a regular expression`;
      }
      return undefined;
    },
    evaluate(expect, observation) {
      const { value } = observation;
      const holds = typeof value === 'string' && new RegExp(expect.matches).test(value);
      return { holds, expected: { matches: expect.matches }, observed: valueFacts(observation) };
    },
    reportedAs: 'matches',
    pins: PINS_OBSERVATION,
  }),

  errno: defineExpectationForm<{ errno: string }>({
    problem: (e) => (typeof e.errno === 'string' && ERRNO_NAME.test(e.errno) ? undefined : `'${String(e.errno)}' is not an errno name`),
    evaluate: (expect, observation) => ({
      holds: observation.errno === expect.errno,
      expected: { errno: expect.errno },
      observed: valueFacts(observation),
    }),
    reportedAs: 'errno',
    // The value beside an errno is the call's -1 or a count that may differ between runs.
    pins: ['errno', 'signal'],
  }),

  signal: defineExpectationForm<{ signal: string }>({
    problem: (e) => (typeof e.signal === 'string' && SIGNAL_NAME.test(e.signal) ? undefined : `'${String(e.signal)}' is not a signal name`),
    evaluate: (expect, observation) => ({
      holds: observation.signal === expect.signal,
      expected: { signal: expect.signal },
      observed: valueFacts(observation),
    }),
    reportedAs: 'signal',
    pins: ['signal'],
  }),

  blocks: defineExpectationForm<{ blocks: true }>({
    problem: (e) => (e.blocks === true ? undefined : 'expectation blocks must be true (use returnsWithin for calls that must not block)'),
    evaluate(_expect, observation) {
      const { elapsed_ns, delay_ns } = observation;
      if (elapsed_ns === null) return { lacks: 'observation has no elapsed_ns' };
      // Blocked means the call returned only after the helper relieved the condition at delay_ns.
      if (delay_ns === null) return { lacks: 'blocking observation has no delay_ns' };
      return {
        holds: completed(observation) && elapsed_ns >= delay_ns,
        expected: { blocks: true, elapsedAtLeastNs: delay_ns },
        observed: { ...valueFacts(observation), elapsed_ns, delay_ns },
      };
    },
    reportedAs: 'blocks',
    pins: PINS_VERDICT_ONLY,
  }),

  returnsWithin: defineExpectationForm<{ returnsWithin: { ms: number } }>({
    problem(e) {
      const ms = (e.returnsWithin as { ms?: unknown } | null)?.ms;
      return isFiniteNumber(ms) && ms > 0 ? undefined : `returnsWithin ${shown(e.returnsWithin)} must be { ms: N } with N > 0`;
    },
    evaluate(expect, observation) {
      const { elapsed_ns, delay_ns } = observation;
      if (elapsed_ns === null) return { lacks: 'observation has no elapsed_ns' };
      const limitNs = expect.returnsWithin.ms * 1e6;
      return {
        holds: completed(observation) && elapsed_ns <= limitNs,
        expected: { returnsWithinNs: limitNs },
        observed: { ...valueFacts(observation), elapsed_ns, delay_ns },
      };
    },
    reportedAs: 'returnsWithinNs',
    pins: PINS_VERDICT_ONLY,
  }),

  equalsSysctl: defineExpectationForm<{ equalsSysctl: string }>({
    problem: (e) =>
      typeof e.equalsSysctl === 'string' && SYSCTL_NAME.test(e.equalsSysctl)
        ? undefined
        : `'${String(e.equalsSysctl)}' is not a sysctl name`,
    sysctl: (expect) => expect.equalsSysctl,
    evaluate(expect, observation, environment) {
      const read = environment.sysctl;
      if (!read) throw new Error(`equalsSysctl: the sysctl ${expect.equalsSysctl} was not resolved before evaluation`);
      // A documented sysctl the environment does not have is a divergence, not a broken probe.
      if ('unreadable' in read)
        return { holds: false, expected: { sysctl: expect.equalsSysctl, unreadable: read.unreadable }, observed: valueFacts(observation) };
      const expected = /^-?\d+$/.test(read.value) ? Number(read.value) : read.value;
      return {
        holds: observation.value === expected,
        expected: { equals: expected, sysctl: expect.equalsSysctl },
        observed: valueFacts(observation),
      };
    },
    reportedAs: 'sysctl',
    pins: PINS_OBSERVATION,
  }),

  relation: defineExpectationForm<{ relation: RelationName; field: string }>({
    companions: ['field'],
    problem(e) {
      if (!(String(e.relation) in RELATIONS))
        return `unknown relation '${String(e.relation)}' (known: ${Object.keys(RELATIONS).join(', ')})`;
      if (typeof e.field !== 'string' || e.field === '') return `relation '${String(e.relation)}' needs a 'field'`;
      return undefined;
    },
    evaluate(expect, observation, environment) {
      const { field } = expect;
      const reference = observation.evidence[field];
      if (typeof reference !== 'number') return { lacks: `observation has no numeric evidence field '${field}'` };
      const expected = RELATIONS[expect.relation].expectedFrom(reference, environment.pageSize);
      return {
        holds: observation.value === expected,
        expected: { equals: expected, relation: expect.relation, [field]: reference },
        observed: valueFacts(observation),
      };
    },
    reportedAs: 'relation',
    pins: PINS_VERDICT_ONLY,
  }),
};

/** The key a spec writes an expectation form with. */
export type ExpectationForm = keyof typeof EXPECTATIONS;

type ShapeOf<D> = D extends ExpectationFormDefinition<infer S> ? S : never;

/** What the observation must show for the property to hold: exactly one form of EXPECTATIONS. */
export type Expectation = { [F in ExpectationForm]: ShapeOf<(typeof EXPECTATIONS)[F]> }[ExpectationForm];

// A form's shape must be keyed by the form's own name, or the table would look it up under
// another: the compiler names the mismatched form here.
type FormsNotKeyedByName = { [F in ExpectationForm]: F extends keyof ShapeOf<(typeof EXPECTATIONS)[F]> ? never : F }[ExpectationForm];
type AssertNever<T extends never> = T;
export type ExpectationFormsAreKeyedByName = AssertNever<FormsNotKeyedByName>;

/** Every form's key, in table order. */
export const EXPECTATION_FORMS = Object.keys(EXPECTATIONS) as ExpectationForm[];

/** Keys a spec may write beside a form's own, with the form they belong to. */
const COMPANIONS = new Map(
  EXPECTATION_FORMS.flatMap(
    (form) => (EXPECTATIONS[form] as ExpectationFormDefinition<object>).companions?.map((key) => [key, form] as const) ?? [],
  ),
);

const isForm = (key: string): key is ExpectationForm => Object.hasOwn(EXPECTATIONS, key);

/** What is wrong with an expectation (its form, or its value's type), or undefined. */
export function expectationProblem(expect: unknown): string | undefined {
  if (typeof expect !== 'object' || expect === null) return 'has no expectation';
  const keys = Object.keys(expect);
  const forms = keys.filter((key) => !COMPANIONS.has(key));
  const form = forms[0];
  if (forms.length !== 1 || form === undefined || !isForm(form)) {
    return `expectation must have exactly one of ${EXPECTATION_FORMS.join(', ')} (got ${forms.join(', ') || 'none'})`;
  }
  const definition: ExpectationFormDefinition<object> = EXPECTATIONS[form];
  // A value of the wrong type would otherwise reach the evaluator and come out as a failed or
  // broken property of the system under test, not as the spec's mistake.
  const stray = keys.find((key) => COMPANIONS.has(key) && !definition.companions?.includes(key));
  if (stray) return `'${stray}' belongs to a ${COMPANIONS.get(stray)}, not to ${form}`;
  return definition.problem(expect as Record<string, unknown>);
}

/** The form of a (validated) expectation, with its entry. */
function formOf(expect: Expectation): { form: ExpectationForm; definition: ExpectationFormDefinition<Expectation> } {
  const form = Object.keys(expect).find(isForm);
  if (!form) throw new Error(`not an expectation: ${shown(expect)}`);
  // The entry's shape is the one `expect` has: Expectation is derived from the same table.
  return { form, definition: EXPECTATIONS[form] as unknown as ExpectationFormDefinition<Expectation> };
}

/** The sysctl an expectation needs read in the environment before it is judged, if any. */
export function sysctlNeeded(expect: Expectation): string | undefined {
  const { definition } = formOf(expect);
  return definition.sysctl?.(expect);
}

/** Judges an observation against an expectation, with the environment's facts resolved. */
export function evaluateExpectation(expect: Expectation, observation: ObservedFacts, environment: ResolvedEnvironment): FormOutcome {
  return formOf(expect).definition.evaluate(expect, observation, environment);
}

/**
 * The observed facts a stored verdict pins down, read from its resolved expectation: a fact is
 * pinned when every form the expectation shows pins it (a relation also reports `equals`, and
 * its number is still a measurement). An expectation that shows no form (a broken verdict has
 * none) pins every fact.
 */
export function factsPinnedBy(expected: Readonly<Record<string, unknown>>): readonly PinnableFact[] {
  const shownForms = EXPECTATION_FORMS.filter((form) => EXPECTATIONS[form].reportedAs in expected);
  return PINNABLE_FACTS.filter((fact) => shownForms.every((form) => EXPECTATIONS[form].pins.includes(fact)));
}

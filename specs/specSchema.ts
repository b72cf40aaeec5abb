// The spec vocabulary (schema.ts) as zod schemas: what validate.ts checks every loaded spec against.
// Each field carries the sentence the kit says when it is wrong, so the first issue zod reports is
// already the error line; validate.ts only adds the file and the property it is about.
//
// The expectation forms keep their own checks in the forms table (expectations.ts), where each form
// is defined once; the schema calls it. What depends on the kit's contents (the probes that exist
// with their parameters, the reference suites' ids) is checked by refinements given that context, and
// runs only on a property whose shape is right.
import { z } from 'zod';
import { type Expectation, expectationProblem } from './expectations.js';
import type { PeerIndex } from './peers/peerLists.js';
import { type ParsedPeer, parsePeerRef } from './peers/peerRef.js';
import { FAMILIES, type MechanismSpec, type PeerRef, PROPERTY_KINDS, type ProbeRef, REQUIREMENTS, type Source } from './schema.js';

/** One parameter a probe declares; the list of them is in the order of the probe's command line. */
export interface ProbeParam {
  name: string;
  /** Optional parameters come after the required ones. */
  required: boolean;
}

/** The probes that exist, each with the parameters it declares: fixture cases per fixture, FFI probes, scenarios. */
export interface ProbeCatalog {
  fixtureCases: Record<string, Record<string, readonly ProbeParam[]>>;
  ffiProbes: Record<string, readonly ProbeParam[]>;
  scenarios: Record<string, readonly ProbeParam[]>;
}

/** What the schema checks references against: the probes that exist and the reference suites' lists. */
export interface SpecContext {
  catalog: ProbeCatalog;
  peers: PeerIndex;
}

export const MECHANISM_ID = /^[a-z][a-z0-9-]*$/;
export const PROPERTY_ID = /^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$/;

const shown = (value: unknown) => JSON.stringify(value) ?? String(value);
const nonEmpty = (message: string) => z.string({ error: message }).trim().min(1, { error: message });

/** A text in both languages; `field` names it in the message. */
const bilingual = (field: string) => {
  const message = `${field} needs non-empty 'en' and 'zh'`;
  return z.object({ en: nonEmpty(message), zh: nonEmpty(message) }, { error: message });
};

/** How keyedForms names what is wrong with a value. */
interface FormMessages {
  /** The value is no object at all. */
  notAnObject: (value: unknown) => string;
  /** The value has none of the forms' keys. */
  noForm: (value: unknown) => string;
  /** The value fails the form its key names (first issue); unknown keys are reported by keyedForms. */
  problem: (value: unknown, form: string, issue: z.core.$ZodIssue) => string;
}

/**
 * A value of one of several object forms told apart by which key it has (a source's `man`, `posix`
 * or `tutorial`; a probe's `fixture`, `ffi` or `scenario`): checked against the form its key names,
 * so the message is that form's, where a plain union would only say that no form fits.
 */
function keyedForms<T>(what: string, forms: Record<string, z.ZodType>, messages: FormMessages) {
  const describe = (value: unknown): string | undefined => {
    if (typeof value !== 'object' || value === null) return messages.notAnObject(value);
    const form = Object.keys(forms).find((key) => key in value);
    if (!form) return messages.noForm(value);
    const issue = forms[form]!.safeParse(value).error?.issues[0];
    if (!issue) return undefined;
    if (issue.code !== 'unrecognized_keys') return messages.problem(value, form, issue);
    return `${what} ${shown(value)} has ${issue.keys.map((k) => `'${k}'`).join(', ')}, which a ${form} ${what} does not take`;
  };
  return z.custom<T>((value) => describe(value) === undefined, { error: (issue) => describe(issue.input) });
}

const document = z.string().trim().min(1);
const sourceSchema = keyedForms<Source>(
  'source',
  {
    man: z.strictObject({ man: document, section: z.string().optional() }),
    posix: z.strictObject({ posix: document, section: z.string().optional() }),
    tutorial: z.strictObject({ tutorial: document, section: z.string() }),
  },
  {
    notAnObject: (source) => `source ${String(source)} is not { man }, { posix } or { tutorial, section }`,
    noForm: (source) => `source ${shown(source)} is not { man }, { posix } or { tutorial, section }`,
    problem: (source, form, issue) =>
      issue.path[0] !== 'section'
        ? `source ${shown(source)} names no document`
        : `source ${shown(source)} needs the section of the ${form === 'tutorial' ? 'tutorial' : 'document'} as a string`,
  },
);

// Each value becomes one argv word of the probe: anything but a string or a finite number would be mangled.
const namedValues = z.record(z.string(), z.union([z.string(), z.number().finite()]));
const argsSchema = z.custom<Readonly<Record<string, string | number>>>((value) => namedValues.safeParse(value).success, {
  error: (issue) => `probe args ${shown(issue.input)} must be an object of named values (strings or numbers), e.g. { size: 5000 }`,
});
const probeName = (key: string) =>
  z.string({ error: (issue) => `probe ${key} ${shown(issue.input)} must be a non-empty string` }).min(1, {
    error: (issue) => `probe ${key} ${shown(issue.input)} must be a non-empty string`,
  });

const probeFormsSchema = keyedForms<ProbeRef>(
  'probe',
  {
    // args first: an argument that can never reach the command line is the first thing to fix.
    fixture: z.strictObject({ args: argsSchema.optional(), fixture: probeName('fixture'), case: z.string().min(1) }),
    ffi: z.strictObject({ args: argsSchema.optional(), ffi: probeName('ffi') }),
    scenario: z.strictObject({ args: argsSchema.optional(), scenario: probeName('scenario') }),
  },
  {
    notAnObject: (probe) => `probe ${String(probe)} is not a probe reference`,
    noForm: (probe) => `probe ${shown(probe)} is neither a fixture case, an FFI probe nor a scenario`,
    problem: (probe, _form, issue) =>
      issue.path[0] === 'case'
        ? `probe of fixture '${String((probe as { fixture: unknown }).fixture)}' needs a case as a non-empty string`
        : issue.message,
  },
);

/** A probe reference of the right form that names a probe of the catalog with arguments that fit it. */
const probeRefSchema = (catalog: ProbeCatalog) =>
  probeFormsSchema.superRefine((probe, context) => {
    const problem = catalogProblem(probe, catalog);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });

/** What is wrong with a (well-formed) probe reference for the catalog: a probe that does not exist, or arguments that do not fit it. */
function catalogProblem(probe: ProbeRef, catalog: ProbeCatalog): string | undefined {
  const lookup = <T>(table: Record<string, T>, key: string) => (Object.hasOwn(table, key) ? table[key] : undefined);
  let params: readonly ProbeParam[] | undefined;
  let what: string;
  if ('fixture' in probe) {
    const cases = lookup(catalog.fixtureCases, probe.fixture);
    if (!cases) return `probe names fixture '${probe.fixture}', which does not exist`;
    params = lookup(cases, probe.case);
    if (!params) return `probe names case '${probe.case}', which fixture '${probe.fixture}' does not have`;
    what = `fixture ${probe.fixture}/${probe.case}`;
  } else if ('ffi' in probe) {
    params = lookup(catalog.ffiProbes, probe.ffi);
    if (!params) return `probe names FFI probe '${probe.ffi}', which does not exist`;
    what = `FFI probe ${probe.ffi}`;
  } else {
    params = lookup(catalog.scenarios, probe.scenario);
    if (!params) return `probe names scenario '${probe.scenario}', which does not exist`;
    what = `scenario ${probe.scenario}`;
  }
  const problem = argsProblem(params, probe.args ?? {});
  return problem ? `${what}: ${problem}` : undefined;
}

/**
 * What is wrong with a probe's named arguments for the parameters it declares, or undefined. The
 * values go on the probe's command line in the declared order, so the given parameters must be a
 * prefix of that order: every required one, and an optional one only with every one before it.
 */
export function argsProblem(params: readonly ProbeParam[], args: Readonly<Record<string, unknown>>): string | undefined {
  const declared = params.map((p) => p.name);
  const takes = declared.length ? `it takes ${declared.join(', ')}` : 'it takes none';
  for (const name of Object.keys(args)) {
    if (!declared.includes(name)) return `unknown parameter '${name}' (${takes})`;
  }
  let leftOut: string | undefined;
  for (const { name, required } of params) {
    const given = Object.hasOwn(args, name);
    if (!given && required) return `missing parameter '${name}' (${takes})`;
    if (!given) leftOut ??= name;
    else if (leftOut) return `parameter '${name}' is given but '${leftOut}', which comes before it on the command line, is not`;
  }
  return undefined;
}

/** A peer id of the right form (posix:<interface>/<n>, ltp:<test>, gvisor:<Suite.Test>), parsed as the coverage report parses it. */
const peerRefSchema = z.custom<PeerRef>((ref) => typeof parsePeerRef(ref) !== 'string', {
  error: (issue) => String(parsePeerRef(issue.input)),
});

/** Peer ids: each well-formed, listed in the reference suite's list (specs/peers/), and named once. */
const peersSchema = (peers: PeerIndex) =>
  z.array(peerRefSchema, { error: (issue) => `peers ${shown(issue.input)} must be a list of ids` }).superRefine((refs, context) => {
    const seen = new Set<string>();
    for (const ref of refs) {
      const parsed = parsePeerRef(ref) as ParsedPeer;
      // The lists are generated from the suites (runners/coverage/importPeerLists.ts): an id they lack is a typo or a stale id.
      const problem = !peers[parsed.suite].has(parsed.key)
        ? `peer '${ref}' is not in specs/peers/ (the ${parsed.suite} list has no '${parsed.key}')`
        : seen.has(ref)
          ? `peer '${ref}' is named twice`
          : undefined;
      if (problem) return void context.addIssue({ code: 'custom', message: problem });
      seen.add(ref);
    }
  });

const PROPERTY_FIELDS = ['id', 'kind', 'claim', 'sources', 'requires', 'expect', 'probes', 'peers'];
const MECHANISM_FIELDS = ['id', 'title', 'family', 'manPages', 'properties'];
const unknownField = (issue: { code: string; keys?: string[] }, of: string, known: string[]) =>
  issue.code === 'unrecognized_keys'
    ? `unknown field ${issue.keys!.map((k) => `'${k}'`).join(', ')} (${of} has ${known.join(', ')})`
    : undefined;

const noSource = 'has no source (man page, POSIX or tutorial section)';
// The page names become links in the report: a blank or non-string one would be a dead link.
const manPageMessage = (issue: { input?: unknown }) => `man page ${shown(issue.input)} must be a name such as pipe(7)`;
const manPage = z.string({ error: manPageMessage }).trim().min(1, { error: manPageMessage });
const noProbe = 'names no probe';

/** One property; its probes and peers are checked against `context`. */
const propertySchema = ({ catalog, peers }: SpecContext) =>
  z.strictObject(
    {
      id: z.string({ error: 'id must be dotted kebab-case words' }).regex(PROPERTY_ID, { error: 'id must be dotted kebab-case words' }),
      kind: z.enum(PROPERTY_KINDS, { error: (issue) => `unknown kind '${String(issue.input)}' (known: ${PROPERTY_KINDS.join(', ')})` }),
      claim: bilingual('claim'),
      sources: z.array(sourceSchema, { error: noSource }).min(1, { error: noSource }),
      requires: z
        .array(
          z.enum(Object.keys(REQUIREMENTS) as [keyof typeof REQUIREMENTS], {
            error: (issue) => `unknown requirement '${String(issue.input)}' (known: ${Object.keys(REQUIREMENTS).join(', ')})`,
          }),
          { error: (issue) => `requires ${shown(issue.input)} must be a list` },
        )
        .optional(),
      expect: z.custom<Expectation>((expect) => expectationProblem(expect) === undefined, {
        error: (issue) => expectationProblem(issue.input),
      }),
      probes: z.array(probeRefSchema(catalog), { error: noProbe }).min(1, { error: noProbe }),
      peers: peersSchema(peers).optional(),
    },
    // A plain-JS spec can hold anything here.
    { error: (issue) => unknownField(issue, 'a property', PROPERTY_FIELDS) ?? `is ${String(issue.input)}, not a property` },
  );

/** A mechanism spec with its properties; a property's id must start with the mechanism's. */
export const mechanismSpecSchema = (context: SpecContext) =>
  z
    .strictObject(
      {
        id: z
          .string({ error: (issue) => `mechanism id '${String(issue.input)}' is not kebab-case` })
          .regex(MECHANISM_ID, { error: (issue) => `mechanism id '${String(issue.input)}' is not kebab-case` }),
        title: bilingual('title'),
        family: z.enum(FAMILIES, { error: (issue) => `unknown family '${String(issue.input)}' (known: ${FAMILIES.join(', ')})` }),
        manPages: z.array(manPage, { error: 'names no man page' }).min(1, { error: 'names no man page' }),
        properties: z.array(propertySchema(context), { error: 'has no properties' }).min(1, { error: 'has no properties' }),
      },
      { error: (issue) => unknownField(issue, 'a mechanism', MECHANISM_FIELDS) ?? 'does not export a mechanism spec as default' },
    )
    .superRefine((spec, issues) => {
      spec.properties.forEach((property, index) => {
        if (!property.id.startsWith(`${spec.id}.`)) {
          issues.addIssue({
            code: 'custom',
            path: ['properties', index, 'id'],
            message: `id must start with the mechanism id '${spec.id}.'`,
          });
        }
      });
    });

// A spec that passes the schema is a MechanismSpec: the compiler names this line when the type
// (schema.ts) gains a field or a constraint the schema does not check.
const parsedIsAMechanismSpec = (parsed: z.infer<ReturnType<typeof mechanismSpecSchema>>): MechanismSpec => parsed;
void parsedIsAMechanismSpec;

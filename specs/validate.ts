// Load-time validation of specs. TypeScript catches most mistakes when the kit is compiled, but
// vitest and plain-JS specs are not type-checked, so every rule is checked again here and a
// mistake names the file and the property.
import {
  FAMILIES,
  PROPERTY_KINDS,
  RELATIONS,
  REQUIREMENTS,
  type MechanismSpec,
  type ProbeRef,
  type Property,
} from './schema.js';

/** A spec that breaks a rule of the vocabulary; the message names the file and the property. */
export class SpecError extends Error {
  override name = 'SpecError';
}

/** The probes that exist: fixture cases per fixture, and FFI probe ids. */
export interface ProbeCatalog {
  fixtureCases: Record<string, readonly string[]>;
  ffiProbes: readonly string[];
  scenarios: readonly string[];
}

/** A spec together with the file it came from, for error messages. */
export interface LoadedSpec {
  file: string;
  spec: MechanismSpec;
}

const EXPECTATION_FORMS = [
  'equals',
  'atLeast',
  'atMost',
  'oneOf',
  'matches',
  'errno',
  'signal',
  'blocks',
  'returnsWithin',
  'equalsSysctl',
  'relation',
] as const;

const MECHANISM_ID = /^[a-z][a-z0-9-]*$/;
const PROPERTY_ID = /^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$/;
const ERRNO_NAME = /^E[A-Z0-9]+$/;
const SIGNAL_NAME = /^SIG[A-Z0-9+-]+$/;

/** Checks every spec and throws a SpecError on the first mistake found. */
export function validateSpecs(loaded: LoadedSpec[], catalog: ProbeCatalog): void {
  const mechanismIds = new Map<string, string>();
  const propertyIds = new Map<string, string>();
  for (const { file, spec } of loaded) {
    const fail = (what: string): never => {
      throw new SpecError(`${file}: ${what}`);
    };
    if (typeof spec !== 'object' || spec === null) fail('does not export a mechanism spec as default');
    if (typeof spec.id !== 'string' || !MECHANISM_ID.test(spec.id)) fail(`mechanism id '${String(spec.id)}' is not kebab-case`);
    const earlier = mechanismIds.get(spec.id);
    if (earlier) fail(`mechanism '${spec.id}' is already defined in ${earlier}`);
    mechanismIds.set(spec.id, file);
    checkBilingual(spec.title, () => fail(`mechanism '${spec.id}': title needs non-empty 'en' and 'zh'`));
    if (!(FAMILIES as readonly string[]).includes(spec.family)) {
      fail(`mechanism '${spec.id}': unknown family '${spec.family}' (known: ${FAMILIES.join(', ')})`);
    }
    if (!Array.isArray(spec.manPages) || spec.manPages.length === 0) fail(`mechanism '${spec.id}': names no man page`);
    if (!Array.isArray(spec.properties) || spec.properties.length === 0) fail(`mechanism '${spec.id}': has no properties`);
    spec.properties.forEach((property: unknown, index) => {
      // A plain-JS spec can hold anything here; name its position when it has no id to name.
      if (typeof property !== 'object' || property === null) fail(`mechanism '${spec.id}': properties[${index}] is ${String(property)}, not a property`);
    });
    for (const property of spec.properties) {
      const where = `property '${String(property.id)}'`;
      const problem = propertyProblem(spec, property, catalog);
      if (problem) fail(`${where}: ${problem}`);
      const duplicateOf = propertyIds.get(property.id);
      if (duplicateOf) fail(`${where}: duplicate id (first defined in ${duplicateOf})`);
      propertyIds.set(property.id, file);
    }
  }
}

function propertyProblem(spec: MechanismSpec, property: Property, catalog: ProbeCatalog): string | undefined {
  if (typeof property.id !== 'string' || !PROPERTY_ID.test(property.id)) return 'id must be dotted kebab-case words';
  if (!property.id.startsWith(`${spec.id}.`)) return `id must start with the mechanism id '${spec.id}.'`;
  if (!(PROPERTY_KINDS as readonly string[]).includes(property.kind)) {
    return `unknown kind '${String(property.kind)}' (known: ${PROPERTY_KINDS.join(', ')})`;
  }
  let missingClaim = false;
  checkBilingual(property.claim, () => (missingClaim = true));
  if (missingClaim) return "claim needs non-empty 'en' and 'zh'";
  if (!Array.isArray(property.sources) || property.sources.length === 0) return 'has no source (man page, POSIX or tutorial section)';
  for (const source of property.sources) {
    if (typeof source !== 'object' || source === null) return `source ${String(source)} is not { man }, { posix } or { tutorial, section }`;
    const text = 'man' in source ? source.man : 'posix' in source ? source.posix : 'tutorial' in source ? source.tutorial : '';
    if (typeof text !== 'string' || text.trim() === '') return `source ${JSON.stringify(source)} names no document`;
  }
  if (property.requires !== undefined && !Array.isArray(property.requires)) return `requires ${JSON.stringify(property.requires)} must be a list`;
  for (const requirement of property.requires ?? []) {
    if (!(requirement in REQUIREMENTS)) {
      return `unknown requirement '${requirement}' (known: ${Object.keys(REQUIREMENTS).join(', ')})`;
    }
  }
  return expectationProblem(property.expect) ?? probesProblem(property.probes, catalog);
}

/** What is wrong with an expectation (its form, or its value's type), or undefined. */
export function expectationProblem(expect: unknown): string | undefined {
  if (typeof expect !== 'object' || expect === null) return 'has no expectation';
  const forms = Object.keys(expect).filter((key) => key !== 'field');
  if (forms.length !== 1 || !(EXPECTATION_FORMS as readonly string[]).includes(forms[0]!)) {
    return `expectation must have exactly one of ${EXPECTATION_FORMS.join(', ')} (got ${forms.join(', ') || 'none'})`;
  }
  const e = expect as Record<string, unknown>;
  // A value of the wrong type would otherwise reach the evaluator and come out as a failed or
  // broken property of the system under test, not as the spec's mistake.
  const shown = (value: unknown) => JSON.stringify(value) ?? String(value);
  if ('equals' in e && !isExpectedValue(e.equals)) return `equals ${shown(e.equals)} must be a number, string, boolean, null or { pages: N }`;
  for (const bound of ['atLeast', 'atMost'] as const) {
    if (bound in e && !(isFiniteNumber(e[bound]) || isPages(e[bound]))) return `${bound} ${shown(e[bound])} must be a number or { pages: N }`;
  }
  if ('oneOf' in e && !(Array.isArray(e.oneOf) && e.oneOf.length > 0 && e.oneOf.every(isExpectedValue))) {
    return `oneOf ${shown(e.oneOf)} must be a non-empty list of numbers, strings, booleans, null or { pages: N }`;
  }
  if ('matches' in e && typeof e.matches !== 'string') return `matches ${shown(e.matches)} must be a regular expression as a string`;
  if ('returnsWithin' in e) {
    const ms = (e.returnsWithin as { ms?: unknown } | null)?.ms;
    if (!(isFiniteNumber(ms) && ms > 0)) return `returnsWithin ${shown(e.returnsWithin)} must be { ms: N } with N > 0`;
  }
  if ('field' in e && !('relation' in e)) return `'field' belongs to a relation, not to ${forms[0]}`;
  if ('errno' in e && !(typeof e.errno === 'string' && ERRNO_NAME.test(e.errno))) return `'${String(e.errno)}' is not an errno name`;
  if ('signal' in e && !(typeof e.signal === 'string' && SIGNAL_NAME.test(e.signal))) return `'${String(e.signal)}' is not a signal name`;
  if ('blocks' in e && e.blocks !== true) return 'expectation blocks must be true (use returnsWithin for calls that must not block)';
  if ('matches' in e) {
    try {
      new RegExp(String(e.matches));
    } catch {
      return `'${String(e.matches)}' is not a regular expression`;
    }
  }
  if ('relation' in e) {
    if (!(String(e.relation) in RELATIONS)) return `unknown relation '${String(e.relation)}' (known: ${Object.keys(RELATIONS).join(', ')})`;
    if (typeof e.field !== 'string' || e.field === '') return `relation '${String(e.relation)}' needs a 'field'`;
  }
  if ('equalsSysctl' in e && !(typeof e.equalsSysctl === 'string' && /^[a-z0-9_-]+(\.[a-z0-9_-]+)+$/.test(e.equalsSysctl))) {
    return `'${String(e.equalsSysctl)}' is not a sysctl name`;
  }
  return undefined;
}

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** `{ pages: N }`: a size the environment turns into bytes; a whole, non-negative number of pages. */
const isPages = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && Object.keys(value).length === 1 && Number.isInteger((value as { pages?: unknown }).pages) && (value as { pages: number }).pages >= 0;

function isExpectedValue(value: unknown): boolean {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || isFiniteNumber(value) || isPages(value);
}

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

function probesProblem(probes: ProbeRef[], catalog: ProbeCatalog): string | undefined {
  if (!Array.isArray(probes) || probes.length === 0) return 'names no probe';
  for (const probe of probes as unknown[]) {
    if (typeof probe !== 'object' || probe === null) return `probe ${String(probe)} is not a probe reference`;
    const ref = probe as Record<string, unknown>;
    // Each argument becomes one argv word of the probe: anything but a string would be mangled.
    if ('args' in ref && !(Array.isArray(ref.args) && ref.args.every((arg) => typeof arg === 'string'))) {
      return `probe args ${JSON.stringify(ref.args)} must be a list of strings`;
    }
    const named = ['fixture', 'ffi', 'scenario'].find((key) => key in ref);
    if (named && !isText(ref[named])) return `probe ${named} ${JSON.stringify(ref[named])} must be a non-empty string`;
    if (named === 'fixture' && !isText(ref.case)) return `probe of fixture '${String(ref.fixture)}' needs a case as a non-empty string`;
  }
  for (const probe of probes) {
    if ('fixture' in probe) {
      const cases = catalog.fixtureCases[probe.fixture];
      if (!cases) return `probe names fixture '${probe.fixture}', which does not exist`;
      if (!cases.includes(probe.case)) return `probe names case '${probe.case}', which fixture '${probe.fixture}' does not have`;
    } else if ('ffi' in probe) {
      if (!catalog.ffiProbes.includes(probe.ffi)) return `probe names FFI probe '${probe.ffi}', which does not exist`;
    } else if ('scenario' in probe) {
      if (!catalog.scenarios.includes(probe.scenario)) return `probe names scenario '${probe.scenario}', which does not exist`;
    } else {
      return `probe ${JSON.stringify(probe)} is neither a fixture case, an FFI probe nor a scenario`;
    }
  }
  return undefined;
}

function checkBilingual(text: unknown, onMissing: () => void): void {
  const t = text as { en?: unknown; zh?: unknown } | undefined;
  if (!t || typeof t.en !== 'string' || !t.en.trim() || typeof t.zh !== 'string' || !t.zh.trim()) onMissing();
}

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
    for (const property of spec.properties) {
      const where = `property '${String(property?.id)}'`;
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
    const text = 'man' in source ? source.man : 'posix' in source ? source.posix : 'tutorial' in source ? source.tutorial : '';
    if (typeof text !== 'string' || text.trim() === '') return `source ${JSON.stringify(source)} names no document`;
  }
  for (const requirement of property.requires ?? []) {
    if (!(requirement in REQUIREMENTS)) {
      return `unknown requirement '${requirement}' (known: ${Object.keys(REQUIREMENTS).join(', ')})`;
    }
  }
  return expectationProblem(property.expect) ?? probesProblem(property.probes, catalog);
}

function expectationProblem(expect: unknown): string | undefined {
  if (typeof expect !== 'object' || expect === null) return 'has no expectation';
  const forms = Object.keys(expect).filter((key) => key !== 'field');
  if (forms.length !== 1 || !(EXPECTATION_FORMS as readonly string[]).includes(forms[0]!)) {
    return `expectation must have exactly one of ${EXPECTATION_FORMS.join(', ')} (got ${forms.join(', ') || 'none'})`;
  }
  const e = expect as Record<string, unknown>;
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

function probesProblem(probes: ProbeRef[], catalog: ProbeCatalog): string | undefined {
  if (!Array.isArray(probes) || probes.length === 0) return 'names no probe';
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

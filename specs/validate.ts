// Load-time validation of specs. TypeScript catches most mistakes when the kit is compiled, but
// vitest and plain-JS specs are not type-checked, so every rule is checked again here and a
// mistake names the file and the property.
import { expectationProblem } from './expectations.js';
import {
  FAMILIES,
  PROPERTY_KINDS,
  REQUIREMENTS,
  type MechanismSpec,
  type ProbeRef,
  type Property,
} from './schema.js';

/** What is wrong with an expectation, or undefined (each form's check lives in specs/expectations.ts). */
export { expectationProblem };

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

const MECHANISM_ID = /^[a-z][a-z0-9-]*$/;
const PROPERTY_ID = /^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$/;

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

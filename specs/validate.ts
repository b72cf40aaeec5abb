// Load-time validation of specs. TypeScript catches most mistakes when the kit is compiled, but
// vitest and plain-JS specs are not type-checked, so every rule is checked again here and a
// mistake names the file and the property.
import { expectationProblem } from './expectations.js';
import { committedPeerIndex, type PeerIndex } from './peers/peerLists.js';
import { parsePeerRef } from './peers/peerRef.js';
import { FAMILIES, type MechanismSpec, PROPERTY_KINDS, type ProbeRef, type Property, REQUIREMENTS } from './schema.js';

/** What is wrong with an expectation, or undefined (each form's check lives in specs/expectations.ts). */
export { expectationProblem };

/** A spec that breaks a rule of the vocabulary; the message names the file and the property. */
export class SpecError extends Error {
  override name = 'SpecError';
}

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

/** A spec together with the file it came from, for error messages. */
export interface LoadedSpec {
  file: string;
  spec: MechanismSpec;
}

const MECHANISM_ID = /^[a-z][a-z0-9-]*$/;
const PROPERTY_ID = /^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$/;

/**
 * Checks every spec and throws a SpecError on the first mistake found. `peers` is the index of the
 * reference suites' lists that peer ids must name (specs/peers/; the tests pass made-up lists).
 */
export function validateSpecs(loaded: LoadedSpec[], catalog: ProbeCatalog, peers: PeerIndex = committedPeerIndex()): void {
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
      if (typeof property !== 'object' || property === null)
        fail(`mechanism '${spec.id}': properties[${index}] is ${String(property)}, not a property`);
    });
    for (const property of spec.properties) {
      const where = `property '${String(property.id)}'`;
      const problem = propertyProblem(spec, property, catalog) ?? peersProblem(property.peers, peers);
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
  if (property.requires !== undefined && !Array.isArray(property.requires))
    return `requires ${JSON.stringify(property.requires)} must be a list`;
  for (const requirement of property.requires ?? []) {
    if (!(requirement in REQUIREMENTS)) {
      return `unknown requirement '${requirement}' (known: ${Object.keys(REQUIREMENTS).join(', ')})`;
    }
  }
  return expectationProblem(property.expect) ?? probesProblem(property.probes, catalog);
}

/** What is wrong with a property's peer ids: not a list, a malformed id, or one the suite's list lacks. */
function peersProblem(refs: unknown, peers: PeerIndex): string | undefined {
  if (refs === undefined) return undefined;
  if (!Array.isArray(refs)) return `peers ${JSON.stringify(refs)} must be a list of ids`;
  const seen = new Set<string>();
  for (const ref of refs as unknown[]) {
    const parsed = parsePeerRef(ref);
    if (typeof parsed === 'string') return parsed;
    // The lists are generated from the suites (runners/coverage/importPeerLists.ts): an id they lack is a typo or a stale id.
    if (!peers[parsed.suite].has(parsed.key))
      return `peer '${String(ref)}' is not in specs/peers/ (the ${parsed.suite} list has no '${parsed.key}')`;
    if (seen.has(String(ref))) return `peer '${String(ref)}' is named twice`;
    seen.add(String(ref));
  }
  return undefined;
}

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

function probesProblem(probes: ProbeRef[], catalog: ProbeCatalog): string | undefined {
  if (!Array.isArray(probes) || probes.length === 0) return 'names no probe';
  for (const probe of probes as unknown[]) {
    if (typeof probe !== 'object' || probe === null) return `probe ${String(probe)} is not a probe reference`;
    const ref = probe as Record<string, unknown>;
    // Each value becomes one argv word of the probe: anything but a string or a number would be mangled.
    const args = ref.args;
    const isValue = (value: unknown) => typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
    if ('args' in ref && (typeof args !== 'object' || args === null || Array.isArray(args) || !Object.values(args).every(isValue))) {
      return `probe args ${JSON.stringify(args)} must be an object of named values (strings or numbers), e.g. { size: 5000 }`;
    }
    const named = ['fixture', 'ffi', 'scenario'].find((key) => key in ref);
    if (named && !isText(ref[named])) return `probe ${named} ${JSON.stringify(ref[named])} must be a non-empty string`;
    if (named === 'fixture' && !isText(ref.case)) return `probe of fixture '${String(ref.fixture)}' needs a case as a non-empty string`;
  }
  for (const probe of probes) {
    let params: readonly ProbeParam[] | undefined;
    let what: string;
    if ('fixture' in probe) {
      const cases = Object.hasOwn(catalog.fixtureCases, probe.fixture) ? catalog.fixtureCases[probe.fixture] : undefined;
      if (!cases) return `probe names fixture '${probe.fixture}', which does not exist`;
      params = Object.hasOwn(cases, probe.case) ? cases[probe.case] : undefined;
      if (!params) return `probe names case '${probe.case}', which fixture '${probe.fixture}' does not have`;
      what = `fixture ${probe.fixture}/${probe.case}`;
    } else if ('ffi' in probe) {
      params = Object.hasOwn(catalog.ffiProbes, probe.ffi) ? catalog.ffiProbes[probe.ffi] : undefined;
      if (!params) return `probe names FFI probe '${probe.ffi}', which does not exist`;
      what = `FFI probe ${probe.ffi}`;
    } else if ('scenario' in probe) {
      params = Object.hasOwn(catalog.scenarios, probe.scenario) ? catalog.scenarios[probe.scenario] : undefined;
      if (!params) return `probe names scenario '${probe.scenario}', which does not exist`;
      what = `scenario ${probe.scenario}`;
    } else {
      return `probe ${JSON.stringify(probe)} is neither a fixture case, an FFI probe nor a scenario`;
    }
    const problem = argsProblem(params, probe.args ?? {});
    if (problem) return `${what}: ${problem}`;
  }
  return undefined;
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

function checkBilingual(text: unknown, onMissing: () => void): void {
  const t = text as { en?: unknown; zh?: unknown } | undefined;
  if (!t || typeof t.en !== 'string' || !t.en.trim() || typeof t.zh !== 'string' || !t.zh.trim()) onMissing();
}

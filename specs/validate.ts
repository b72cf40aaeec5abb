// Load-time validation of specs. TypeScript catches most mistakes when the kit is compiled, but
// vitest and plain-JS specs are not type-checked, so every spec is checked again against the zod
// schema of the vocabulary (specSchema.ts) and a mistake is one line naming the file, the mechanism
// or the property, and the field.
import { expectationProblem } from './expectations.js';
import { committedPeerIndex, type PeerIndex } from './peers/peerLists.js';
import type { MechanismSpec } from './schema.js';
import { mechanismSpecSchema, type SpecContext } from './specSchema.js';

/** The probes that exist, their parameters, and the check of a probe's arguments against them. */
export { argsProblem, type ProbeCatalog, type ProbeParam } from './specSchema.js';
/** What is wrong with an expectation, or undefined (each form's check lives in specs/expectations.ts). */
export { expectationProblem };

/** A spec that breaks a rule of the vocabulary; the message names the file and the property. */
export class SpecError extends Error {
  override name = 'SpecError';
}

/** A spec together with the file it came from, for error messages. */
export interface LoadedSpec {
  file: string;
  spec: MechanismSpec;
}

/**
 * Checks every spec and throws a SpecError on the first mistake found. `peers` is the index of the
 * reference suites' lists that peer ids must name (specs/peers/; the tests pass made-up lists).
 */
export function validateSpecs(loaded: LoadedSpec[], catalog: SpecContext['catalog'], peers: PeerIndex = committedPeerIndex()): void {
  const schema = mechanismSpecSchema({ catalog, peers });
  // Ids must be unique across files, which no one spec's schema can see.
  const mechanismIds = new Map<string, string>();
  const propertyIds = new Map<string, string>();
  for (const { file, spec } of loaded) {
    const result = schema.safeParse(spec);
    if (!result.success) throw new SpecError(`${file}: ${issueLine(spec, result.error.issues[0]!)}`);
    const earlier = mechanismIds.get(spec.id);
    if (earlier) throw new SpecError(`${file}: mechanism '${spec.id}' is already defined in ${earlier}`);
    mechanismIds.set(spec.id, file);
    for (const property of spec.properties) {
      const duplicateOf = propertyIds.get(property.id);
      if (duplicateOf) throw new SpecError(`${file}: property '${property.id}': duplicate id (first defined in ${duplicateOf})`);
      propertyIds.set(property.id, file);
    }
  }
}

/** Says which mechanism or property an issue is about; the issue's message names the field. */
function issueLine(spec: unknown, issue: { path: PropertyKey[]; message: string; code: string }): string {
  const [top, index, field] = issue.path;
  const mechanism = `mechanism '${String((spec as { id?: unknown } | null)?.id)}'`;
  // The spec is no object, or its own id is wrong: the message says so on its own.
  if (issue.path.length === 0 || (top === 'id' && issue.path.length === 1)) return issue.message;
  if (top === 'properties' && typeof index === 'number') {
    // A property that is no object has no id to name: its position is named instead.
    if (field === undefined && issue.code === 'invalid_type') return `${mechanism}: properties[${index}] ${issue.message}`;
    const id = (spec as MechanismSpec).properties[index]?.id;
    return `property '${String(id)}': ${issue.message}`;
  }
  return `${mechanism}: ${issue.message}`;
}

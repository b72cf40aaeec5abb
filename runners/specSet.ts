// The validated set of specs a run works on, and the --only filter over property ids.
import { loadSpecFiles } from '../specs/load.js';
import type { MechanismSpec, Property } from '../specs/schema.js';
import { validateSpecs } from '../specs/validate.js';
import { probeCatalog } from './probes/catalog.js';
import { UsageError } from './cli/usageError.js';

/**
 * Loads and validates every spec in `dir`; by default the folder named by IPC_CONFORMANCE_SPECS
 * (set by `--specs`, so the vitest workers see the same choice), else the kit's own specs/.
 */
export async function loadValidatedSpecs(dir = process.env.IPC_CONFORMANCE_SPECS || undefined): Promise<MechanismSpec[]> {
  const loaded = await loadSpecFiles(dir);
  validateSpecs(loaded, probeCatalog());
  return loaded.map(({ spec }) => spec);
}

/** A property together with the mechanism it belongs to. */
export interface SelectedProperty {
  mechanism: MechanismSpec;
  property: Property;
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.');
  return new RegExp(`^${escaped}$`);
}

/**
 * The properties whose id matches one of the comma-separated globs in `only` (all when absent).
 * A pattern that matches nothing is a usage error: a typo must not silently select nothing.
 */
export function selectProperties(specs: MechanismSpec[], only?: string): SelectedProperty[] {
  const all = specs.flatMap((mechanism) => mechanism.properties.map((property) => ({ mechanism, property })));
  if (!only) return all;
  const patterns = only.split(',').map((p) => p.trim()).filter(Boolean);
  if (patterns.length === 0) throw new UsageError(`--only '${only}' names no pattern`);
  const matchers = patterns.map((pattern) => ({ pattern, regexp: globToRegExp(pattern) }));
  for (const { pattern, regexp } of matchers) {
    if (!all.some(({ property }) => regexp.test(property.id))) {
      throw new UsageError(`--only '${pattern}' matches no property (see \`ipc-conformance list\`)`);
    }
  }
  return all.filter(({ property }) => matchers.some(({ regexp }) => regexp.test(property.id)));
}

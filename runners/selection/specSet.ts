// The validated set of specs a run works on, and the --only filter over property ids.
import { loadSpecFiles } from '../../specs/load.js';
import type { MechanismSpec, Property } from '../../specs/schema.js';
import { validateSpecs } from '../../specs/validate.js';
import { probeCatalog } from '../probes/catalog.js';
import { selectByGlobs } from './globSelection.js';

/** The specs of each folder this process has loaded (the kit's own under ''): loaded once. */
const loadedSpecs = new Map<string, Promise<MechanismSpec[]>>();

/** Loads and validates every spec in `dir` (`--specs`), else the kit's own specs/; once per process. */
export function loadValidatedSpecs(dir?: string): Promise<MechanismSpec[]> {
  const key = dir ?? '';
  let specs = loadedSpecs.get(key);
  if (!specs) {
    specs = loadSpecFiles(dir).then((loaded) => {
      validateSpecs(loaded, probeCatalog());
      return loaded.map(({ spec }) => spec);
    });
    // A failed load is not kept: the error is the caller's to report, and a retry tries again.
    specs.catch(() => loadedSpecs.delete(key));
    loadedSpecs.set(key, specs);
  }
  return specs;
}

/** A property together with the mechanism it belongs to. */
export interface SelectedProperty {
  mechanism: MechanismSpec;
  property: Property;
}

/**
 * The properties whose id matches one of the comma-separated globs in `only` (all when absent).
 * A pattern that matches nothing is a usage error: a typo must not silently select nothing.
 */
export function selectProperties(specs: MechanismSpec[], only?: string): SelectedProperty[] {
  const all = specs.flatMap((mechanism) => mechanism.properties.map((property) => ({ mechanism, property })));
  return selectByGlobs(all, ({ property }) => property.id, only, 'matches no property (see `ipc-conformance list`)');
}

/** The selection as the specs it came from, each with only its selected properties, in order. */
export function selectedMechanisms(selected: readonly SelectedProperty[]): MechanismSpec[] {
  const byMechanism = new Map<MechanismSpec, Property[]>();
  for (const { mechanism, property } of selected) byMechanism.set(mechanism, [...(byMechanism.get(mechanism) ?? []), property]);
  return [...byMechanism].map(([mechanism, properties]) => ({ ...mechanism, properties }));
}

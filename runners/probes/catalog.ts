// The probes that exist: the C fixtures' cases (c-fixtures/cases/<fixture>.json, checked against each
// binary's --list by the kit's tests), the FFI probes registered in runners/ffi/ and the
// two-place scenarios of runners/isolation/.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ProbeCatalog } from '../../specs/validate.js';
import { FFI_PROBES } from '../ffi/registry.js';
import { SCENARIO_NAMES } from '../isolation/scenarios.js';
import { kitPaths } from '../kitPaths.js';

type Manifest = Record<string, Record<string, string>>;

let manifest: Manifest | undefined;

/** The fixture manifest: fixture → case → what the case observes. */
export function fixtureManifest(): Manifest {
  manifest ??= Object.fromEntries(
    readdirSync(kitPaths.fixtureCases)
      .filter((file) => file.endsWith('.json'))
      .sort()
      .map((file) => [basename(file, '.json'), JSON.parse(readFileSync(join(kitPaths.fixtureCases, file), 'utf8')) as Record<string, string>]),
  );
  return manifest;
}

/** The fixture programs, by mechanism name (`sysv-msg` → build/fixtures/sysv-msg-probe). */
export function fixtureNames(): string[] {
  return Object.keys(fixtureManifest());
}

/** Every probe a spec may name. */
export function probeCatalog(): ProbeCatalog {
  const fixtureCases: Record<string, string[]> = {};
  for (const [fixture, cases] of Object.entries(fixtureManifest())) fixtureCases[fixture] = Object.keys(cases);
  return { fixtureCases, ffiProbes: Object.keys(FFI_PROBES), scenarios: SCENARIO_NAMES };
}

// The probes that exist, as they declare themselves: the C fixtures' cases from the manifest that
// `make fixtures` generates from each program's `--list --json` (c-fixtures/PROTOCOL.md), the FFI
// probes registered in runners/ffi/ and the two-place scenarios of runners/isolation/.
import type { ProbeCatalog } from '../../specs/validate.js';
import { fixtureManifest } from '../core/fixtureManifest.js';
import { FFI_PROBES } from '../ffi/registry.js';
import { SCENARIO_PARAMS } from '../isolation/scenarios.js';

let catalog: ProbeCatalog | undefined;

/** Every probe a spec may name, with the parameters each declares. */
export function probeCatalog(): ProbeCatalog {
  catalog ??= {
    fixtureCases: Object.fromEntries(
      Object.entries(fixtureManifest()).map(([fixture, cases]) => [fixture, Object.fromEntries(cases.map((c) => [c.name, c.params]))]),
    ),
    ffiProbes: Object.fromEntries(Object.entries(FFI_PROBES).map(([id, probe]) => [id, probe.params])),
    scenarios: SCENARIO_PARAMS,
  };
  return catalog;
}

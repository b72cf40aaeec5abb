// Every FFI probe by id (`<mechanism>.<case>`, named after the fixture case it mirrors), for the
// probe catalog and `--list`: every mechanism module of this folder (families.ts says which
// files those are). A probe process loads only its own module (families.ts).
import { readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { type FfiProbes, isMechanismModule, loadMechanismProbes, MODULE_EXTENSION, mechanismOf } from './families.js';

const mechanisms = readdirSync(new URL('.', import.meta.url))
  .filter((file) => file.endsWith(MODULE_EXTENSION))
  .map((file) => basename(file, MODULE_EXTENSION))
  .filter(isMechanismModule)
  .sort();

async function loadAll(): Promise<FfiProbes> {
  const all: FfiProbes = {};
  for (const mechanism of mechanisms) {
    for (const [id, probe] of Object.entries((await loadMechanismProbes(mechanism)) ?? {})) {
      // The rule that lets a probe process load one module only: the id names its module.
      if (mechanismOf(id) !== mechanism)
        throw new Error(`FFI probe '${id}' is in runners/ffi/${mechanism}${MODULE_EXTENSION}: its id must start with '${mechanism}.'`);
      all[id] = probe;
    }
  }
  return all;
}

export const FFI_PROBES: FfiProbes = await loadAll();

// Where each mechanism's FFI probes live, by one rule: the probe `<mechanism>.<case>` is in
// runners/ffi/<mechanism>.ts (the spec's kebab-case mechanism id), which exports them as `probes`
// (ffiProbe.ts says how a probe declares itself).
// A probe process loads only its own mechanism's module: every FFI probe is a fresh Node process,
// and loading all fourteen modules cost a fifth of its start-up, a hundred times per conformance run.
import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { asFfiProbe, type FfiProbe, type FfiProbeTable } from './ffiProbe.js';

/** A mechanism's FFI probes by id. */
export type FfiProbes = Record<string, FfiProbe>;

/** The modules of this folder that hold no mechanism's probes. */
const SHARED_MODULES = new Set(['families', 'registry', 'main', 'libc', 'ipc', 'unixSockets', 'loopbackSockets']);

/** `.ts` when run from source (vitest), `.js` from dist/: the extension the mechanism modules have here. */
export const MODULE_EXTENSION = extname(fileURLToPath(import.meta.url));

/** The mechanism of a probe id: the part before the first dot (`sysv-msg.receive-by-type` → `sysv-msg`). */
export function mechanismOf(probeId: string): string {
  const dot = probeId.indexOf('.');
  return dot < 0 ? '' : probeId.slice(0, dot);
}

/** Whether `name` (a file name less its extension) names a mechanism's module of this folder. */
export function isMechanismModule(name: string): boolean {
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(name) && !SHARED_MODULES.has(name);
}

/** A mechanism's probes, loading only its module; undefined when it has none. */
export async function loadMechanismProbes(mechanism: string): Promise<FfiProbes | undefined> {
  const file = new URL(`./${mechanism}${MODULE_EXTENSION}`, import.meta.url);
  if (!isMechanismModule(mechanism) || !existsSync(file)) return undefined;
  const module = (await import(file.href)) as { probes?: FfiProbeTable };
  if (!module.probes) throw new Error(`runners/ffi/${mechanism}${MODULE_EXTENSION} exports no \`probes\``);
  return Object.fromEntries(Object.entries(module.probes).map(([id, entry]) => [id, asFfiProbe(entry)]));
}

/** The probe with this id, loading only its mechanism's module; undefined when there is none. */
export async function loadFfiProbe(id: string): Promise<FfiProbe | undefined> {
  return (await loadMechanismProbes(mechanismOf(id)))?.[id];
}

// Every FFI probe by id (`<mechanism>.<case>`, named after the fixture case it mirrors).
import { fifoProbes } from './fifoProbes.js';
import type { FfiObservation } from './libc.js';
import { pipeProbes } from './pipeProbes.js';

/** An FFI probe: takes the spec's probe arguments, returns one observation. */
export type FfiProbe = (args: string[]) => FfiObservation;

export const FFI_PROBES: Record<string, FfiProbe> = { ...pipeProbes, ...fifoProbes };

// Every FFI probe by id (`<mechanism>.<case>`, named after the fixture case it mirrors), for the
// probe catalog and `--list`; a probe process loads only its own module (families.ts).
import { FFI_FAMILIES } from './families.js';
import type { FfiObservation } from './libc.js';

/** An FFI probe: takes the spec's probe arguments, returns one observation. */
export type FfiProbe = (args: string[]) => FfiObservation;

export const FFI_PROBES: Record<string, FfiProbe> = Object.assign({}, ...(await Promise.all(Object.values(FFI_FAMILIES).map((load) => load()))));

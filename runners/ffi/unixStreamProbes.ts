// FFI probes of this mechanism (ids `<mechanism>.<case>`), filled in with the mechanism's spec.
import type { FfiProbe } from './registry.js';

export const unixStreamProbes: Record<string, FfiProbe> = {};

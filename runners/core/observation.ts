// The observation a probe reports (see c-fixtures/PROTOCOL.md): the same shape from a C fixture
// and from an FFI probe, so the two can be compared field by field.
import { ProbeBroken } from './errors.js';

/** A scalar the probe measured. */
export type ObservedValue = number | string | boolean | null;

/** One probe's report of what the system did. */
export interface Observation {
  /** The probe that made it, e.g. `fixture pipe/fill-nonblocking` or `ffi pipe.fill-nonblocking`. */
  probe: string;
  value: ObservedValue;
  errno: string | null;
  signal: string | null;
  elapsed_ns: number | null;
  delay_ns: number | null;
  evidence: Record<string, ObservedValue>;
}

/** The probe itself failed: it crashed, timed out or printed something that is not an observation. */
const SCALAR_TYPES = new Set(['number', 'string', 'boolean']);
const isScalar = (v: unknown): v is ObservedValue => v === null || SCALAR_TYPES.has(typeof v);

/** Parses a probe's stdout into an Observation; anything off-protocol is a ProbeBroken. */
export function parseObservation(probe: string, stdout: string): Observation {
  const text = stdout.trim();
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ProbeBroken(`${probe}: output is not one JSON object`, { stdout: text.slice(0, 2000) });
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ProbeBroken(`${probe}: output is not a JSON object`, { stdout: text.slice(0, 2000) });
  }
  const o = raw as Record<string, unknown>;
  const nameOrNull = (key: string): string | null => {
    const v = o[key] ?? null;
    if (v !== null && typeof v !== 'string') throw new ProbeBroken(`${probe}: field '${key}' must be a name or null`, { stdout: text });
    return v;
  };
  const numberOrNull = (key: string): number | null => {
    const v = o[key] ?? null;
    if (v !== null && typeof v !== 'number') throw new ProbeBroken(`${probe}: field '${key}' must be a number or null`, { stdout: text });
    return v;
  };
  const value = o.value ?? null;
  if (!isScalar(value)) throw new ProbeBroken(`${probe}: field 'value' must be a scalar`, { stdout: text });
  const evidence: Record<string, ObservedValue> = {};
  for (const [key, v] of Object.entries((o.evidence as Record<string, unknown> | undefined) ?? {})) {
    evidence[key] = isScalar(v) ? v : JSON.stringify(v);
  }
  return {
    probe,
    value,
    errno: nameOrNull('errno'),
    signal: nameOrNull('signal'),
    elapsed_ns: numberOrNull('elapsed_ns'),
    delay_ns: numberOrNull('delay_ns'),
    evidence,
  };
}

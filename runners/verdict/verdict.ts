// The verdict model: one per (environment, property). This shape is what verdicts.json holds and
// what diff, the matrix and later tools read; change it only by adding fields. The types are
// inferred from the zod schema in verdictSchema.ts, which also checks files read back and is
// published as JSON Schema, so the type, the check and the published schema are one definition.
import type { z } from 'zod';
import type { Observation } from '../core/observation.js';
import type {
  kitIdentitySchema,
  observationSchema,
  runSelectionSchema,
  suitePhasesSchema,
  VERDICT_STATUSES,
  verdictFileSchema,
  verdictSchema,
} from './verdictSchema.js';

export { VERDICT_SCHEMA_VERSION, VERDICT_STATUSES } from './verdictSchema.js';

/** passed: holds; failed: contradicted; skipped: a requirement is missing; broken: the probe failed. */
export type VerdictStatus = (typeof VERDICT_STATUSES)[number];

/** The outcome of checking one property in one environment. */
export type Verdict = z.infer<typeof verdictSchema>;

/** Which properties a run was asked for (`--only`, `--specs`); null where the kit's default was used. */
export type RunSelection = z.infer<typeof runSelectionSchema>;

/** The kit that wrote a verdict file: its package version and git commit (null outside a checkout). */
export type KitIdentity = z.infer<typeof kitIdentitySchema>;

/** The content of reports/<env>/verdicts.json. */
export type VerdictFile = z.infer<typeof verdictFileSchema>;

/** The suite's phases: the functional properties (concurrent), then the measurements (one at a time). */
export type SuitePhases = z.infer<typeof suitePhasesSchema>;

// The probes' Observation type (runners/core) and the schema's must stay the same shape: the
// compiler names this line when one of them changes without the other.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const observationMatchesSchema: Same<Observation, z.infer<typeof observationSchema>> = true;
void observationMatchesSchema;

/** Counts verdicts per status. */
export function countByStatus(verdicts: readonly Verdict[]): Record<VerdictStatus, number> {
  const counts: Record<VerdictStatus, number> = { passed: 0, failed: 0, skipped: 0, broken: 0 };
  for (const verdict of verdicts) counts[verdict.status] += 1;
  return counts;
}

/** Compact one-line JSON for expected/observed values in messages and tables. */
export function formatFacts(facts: Record<string, unknown> | null): string {
  if (!facts) return '—';
  return (
    Object.entries(facts)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(', ') || '—'
  );
}

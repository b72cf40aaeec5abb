// The verdict model: one per (environment, property). This shape is what verdicts.json holds and
// what diff, the matrix and later tools read; change it only by adding fields.
import type { PropertyKind } from '../../specs/schema.js';
import type { Observation } from '../core/observation.js';

/** passed: holds; failed: contradicted; skipped: a requirement is missing; broken: the probe failed. */
export type VerdictStatus = 'passed' | 'failed' | 'skipped' | 'broken';

export const VERDICT_STATUSES: readonly VerdictStatus[] = ['passed', 'failed', 'skipped', 'broken'];

/** The outcome of checking one property in one environment. */
export interface Verdict {
  property: string;
  mechanism: string;
  kind: PropertyKind;
  status: VerdictStatus;
  /** The expectation as resolved in the environment, or null when nothing was evaluated. */
  expected: Record<string, unknown> | null;
  /** The observed facts the status was decided on, or null when nothing was observed. */
  observed: Record<string, unknown> | null;
  /** Why the property was skipped, broke or failed. */
  reason?: string;
  /** The probes that ran, by label. */
  probes: string[];
  /** Every observation in full (evidence included), in probe order. */
  observations: Observation[];
}

/** Which properties a run was asked for (`--only`, `--specs`); null where the kit's default was used. */
export interface RunSelection {
  only: string | null;
  specs: string | null;
}

/** The content of reports/<env>/verdicts.json. */
export interface VerdictFile {
  /** The file format's version (filled by issue 17's formats work). */
  schemaVersion?: string;
  /** The kit that wrote the file: its version and git commit. */
  kit?: { version: string; commit: string | null };
  /** The selection the run used. */
  selection?: RunSelection;
  environment: Record<string, unknown> & { name: string };
  generatedAt: string;
  verdicts: Verdict[];
  /** How long each phase of the suite took, in ms (absent in files of older runs). */
  phases?: SuitePhases;
}

/** The suite's phases: the functional properties (concurrent), then the measurements (one at a time). */
export interface SuitePhases {
  functionalMs: number;
  measurementsMs: number;
}

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

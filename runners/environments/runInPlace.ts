// Runs one probe command in a place and turns what it printed into an Observation. Everything
// off-protocol becomes a ProbeBroken that says why: timed out, killed by which signal, which exit
// status, and the probe's stderr.

import { ProbeBroken } from '../core/errors.js';
import { type Observation, parseObservation } from '../core/observation.js';
import type { ExecOptions, Place } from './environment.js';

/** Default time limit for one probe run; the fixtures' own watchdog fires at 8 s. */
export const PROBE_TIMEOUT_MS = 15_000;

/** Runs argv in `place`; returns the observation it printed, or throws ProbeBroken. */
export async function runInPlace(place: Place, argv: string[], label: string, options: Partial<ExecOptions> = {}): Promise<Observation> {
  const timeoutMs = options.timeoutMs ?? PROBE_TIMEOUT_MS;
  const result = await place.exec(argv, { ...options, timeoutMs });
  const stderr = result.stderr.trim();
  const evidence = { exitCode: result.exitCode, signal: result.signal, stderr, durationMs: Math.round(result.durationMs) };
  const because = stderr ? `; stderr: ${stderr.split('\n').slice(-3).join(' | ')}` : '';
  if (result.timedOut) throw new ProbeBroken(`${label}: timed out after ${timeoutMs} ms${because}`, evidence);
  if (result.signal) throw new ProbeBroken(`${label}: killed by ${result.signal}${because}`, evidence);
  if (result.exitCode !== 0) throw new ProbeBroken(`${label}: exited with status ${result.exitCode}${because}`, evidence);
  return parseObservation(label, result.stdout);
}

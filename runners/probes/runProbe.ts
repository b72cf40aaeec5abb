// Runs one probe (a C fixture case or an FFI probe) inside an environment and turns what it
// printed into an Observation. Everything off-protocol becomes a ProbeBroken that says why:
// timed out, killed by which signal, which exit status, and the probe's stderr.
import type { ProbeRef } from '../../specs/schema.js';
import type { Environment, ExecOptions } from '../environments/environment.js';
import { parseObservation, ProbeBroken, type Observation } from './observation.js';

/** Default time limit for one probe run; the fixtures' own watchdog fires at 8 s. */
export const PROBE_TIMEOUT_MS = 15_000;

/** The probe's name as it appears in reports: `fixture pipe/fill-nonblocking 5000`. */
export function probeLabel(probe: ProbeRef): string {
  const base = 'fixture' in probe ? `fixture ${probe.fixture}/${probe.case}` : `ffi ${probe.ffi}`;
  return probe.args?.length ? `${base} ${probe.args.join(' ')}` : base;
}

/** The argv that runs `probe` inside `environment`. */
export function probeCommand(environment: Environment, probe: ProbeRef): string[] {
  const args = probe.args ?? [];
  return 'fixture' in probe
    ? [...environment.fixtureCommand(probe.fixture), probe.case, ...args]
    : [...environment.ffiCommand(), probe.ffi, ...args];
}

/** Runs the probe and returns its observation, or throws ProbeBroken. */
export async function runProbe(
  environment: Environment,
  probe: ProbeRef,
  options: Partial<ExecOptions> = {},
): Promise<Observation> {
  const label = probeLabel(probe);
  const timeoutMs = options.timeoutMs ?? PROBE_TIMEOUT_MS;
  const result = await environment.exec(probeCommand(environment, probe), { ...options, timeoutMs });
  const stderr = result.stderr.trim();
  const evidence = { exitCode: result.exitCode, signal: result.signal, stderr, durationMs: Math.round(result.durationMs) };
  const because = stderr ? `; stderr: ${stderr.split('\n').slice(-3).join(' | ')}` : '';
  if (result.timedOut) throw new ProbeBroken(`${label}: timed out after ${timeoutMs} ms${because}`, evidence);
  if (result.signal) throw new ProbeBroken(`${label}: killed by ${result.signal}${because}`, evidence);
  if (result.exitCode !== 0) throw new ProbeBroken(`${label}: exited with status ${result.exitCode}${because}`, evidence);
  return parseObservation(label, result.stdout);
}

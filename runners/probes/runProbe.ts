// Runs one probe named by a spec — a C fixture case, an FFI probe or a two-place scenario — inside
// an environment and returns its Observation (or throws ProbeBroken).
import type { ProbeRef } from '../../specs/schema.js';
import type { Environment, ExecOptions } from '../environments/environment.js';
import { runScenario } from '../isolation/scenarios.js';
import type { Observation } from './observation.js';
import { PROBE_TIMEOUT_MS, runInPlace } from './runInPlace.js';

/** The probe's name as it appears in reports: `fixture pipe/fill-nonblocking 5000`. */
export function probeLabel(probe: ProbeRef): string {
  const base = 'fixture' in probe ? `fixture ${probe.fixture}/${probe.case}` : 'ffi' in probe ? `ffi ${probe.ffi}` : `scenario ${probe.scenario}`;
  return probe.args?.length ? `${base} ${probe.args.join(' ')}` : base;
}

/** The argv that runs a fixture or FFI probe inside `environment`. */
export function probeCommand(environment: Environment, probe: Exclude<ProbeRef, { scenario: string }>): string[] {
  const args = probe.args ?? [];
  return 'fixture' in probe
    ? [...environment.fixtureCommand(probe.fixture), probe.case, ...args]
    : [...environment.ffiCommand(), probe.ffi, ...args];
}

/** Runs the probe and returns its observation, or throws ProbeBroken. */
export async function runProbe(environment: Environment, probe: ProbeRef, options: Partial<ExecOptions> = {}): Promise<Observation> {
  const label = probeLabel(probe);
  if ('scenario' in probe) return runScenario(environment, probe.scenario, probe.args ?? [], label, options.timeoutMs ?? PROBE_TIMEOUT_MS);
  return runInPlace(environment, probeCommand(environment, probe), label, options);
}

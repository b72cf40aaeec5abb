// Runs one probe named by a spec — a C fixture case, an FFI probe or a two-place scenario — inside
// an environment and returns its Observation (or throws ProbeBroken).
import type { ProbeRef } from '../../specs/schema.js';
import { argsProblem, type ProbeParam } from '../../specs/validate.js';
import type { Observation } from '../core/observation.js';
import type { Environment, ExecOptions } from '../environments/environment.js';
import { PROBE_TIMEOUT_MS, runInPlace } from '../environments/runInPlace.js';
import { runScenario } from '../isolation/scenarios.js';
import { probeCatalog } from './catalog.js';

/** The parameters `probe` declares, from the probe catalog (the probes' own declarations). */
function declaredParams(probe: ProbeRef): readonly ProbeParam[] {
  const catalog = probeCatalog();
  const params =
    'fixture' in probe
      ? catalog.fixtureCases[probe.fixture]?.[probe.case]
      : 'ffi' in probe
        ? catalog.ffiProbes[probe.ffi]
        : catalog.scenarios[probe.scenario];
  if (!params) throw new Error(`${probeBase(probe)}: no such probe in the catalog (run \`make fixtures\`?)`);
  return params;
}

/**
 * The command-line words of the probe's arguments: the named values in the order the probe
 * declares its parameters (specs/validate.ts argsProblem: the given ones are a prefix of it).
 */
export function probeArgv(probe: ProbeRef): string[] {
  const named = probe.args;
  if (!named || Object.keys(named).length === 0) return [];
  const params = declaredParams(probe);
  const problem = argsProblem(params, named);
  if (problem) throw new Error(`${probeBase(probe)}: ${problem}`);
  return params.filter((p) => Object.hasOwn(named, p.name)).map((p) => String(named[p.name]));
}

function probeBase(probe: ProbeRef): string {
  return 'fixture' in probe ? `fixture ${probe.fixture}/${probe.case}` : 'ffi' in probe ? `ffi ${probe.ffi}` : `scenario ${probe.scenario}`;
}

/** The probe's name as it appears in reports: `fixture pipe/set-size 5000` (argument values in command-line order). */
export function probeLabel(probe: ProbeRef): string {
  const argv = probeArgv(probe);
  return argv.length ? `${probeBase(probe)} ${argv.join(' ')}` : probeBase(probe);
}

/** The argv that runs a fixture or FFI probe inside `environment`. */
export function probeCommand(environment: Environment, probe: Exclude<ProbeRef, { scenario: string }>): string[] {
  const args = probeArgv(probe);
  return 'fixture' in probe
    ? [...environment.fixtureCommand(probe.fixture), probe.case, ...args]
    : [...environment.ffiCommand(), probe.ffi, ...args];
}

/** Runs the probe and returns its observation, or throws ProbeBroken. */
export async function runProbe(environment: Environment, probe: ProbeRef, options: Partial<ExecOptions> = {}): Promise<Observation> {
  const label = probeLabel(probe);
  if ('scenario' in probe) {
    // A scenario runs in this process: it takes its arguments by name (checked like any probe's).
    probeArgv(probe);
    return runScenario(environment, probe.scenario, probe.args ?? {}, label, options.timeoutMs ?? PROBE_TIMEOUT_MS);
  }
  return runInPlace(environment, probeCommand(environment, probe), label, options);
}

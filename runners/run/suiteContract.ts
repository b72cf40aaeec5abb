// The seam between a command and the vitest conformance suite (conformance/SEAM.md): what the
// command hands the suite through vitest's provide/inject, typed. Plain data only: vitest passes it
// to every worker process.
import type { MechanismSpec } from '../../specs/schema.js';
import type { EnvironmentHandle } from './preparedRun.js';

/** Everything the suite needs to check a run: where, and which properties. */
export interface ConformanceSuiteRun {
  /** The prepared environment of the run, as its handle (attachEnvironment makes the object). */
  environment: EnvironmentHandle;
  /** The validated specs, each with only the selected properties; mechanisms with none left out. */
  mechanisms: MechanismSpec[];
}

/** The key the run is provided under. */
export const SUITE_RUN_KEY = 'conformanceRun';

declare module 'vitest' {
  interface ProvidedContext {
    /** Provided by `ipc-conformance run` (or conformance/globalSetup.ts when vitest is started by hand). */
    conformanceRun: ConformanceSuiteRun;
  }
}

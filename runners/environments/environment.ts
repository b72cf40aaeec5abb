// The one interface every place the kit can run probes in implements: the host now; kernel
// namespaces, Docker (runc) and gVisor (runsc) plug in behind the same methods.
import type { Requirement } from '../../specs/schema.js';
import type { CommandResult } from '../process/runCommand.js';

/** Whether an environment can be used, and why not. */
export type Availability = { ok: true } | { ok: false; reason: string };

/** Options for Environment.exec. */
export interface ExecOptions {
  timeoutMs: number;
  /** Extra environment variables for the command (e.g. LD_PRELOAD for fault injection). */
  env?: Record<string, string>;
}

/** What the environment is, recorded next to every verdict so verdicts can be compared. */
export interface EnvironmentDescription {
  name: string;
  kernel: string;
  runtime: string;
  arch: string;
  uid: number;
  capabilities: string;
  pageSize: number;
  hostname: string;
  /** Namespace ids as /proc/self/ns shows them inside the environment, e.g. ipc → ipc:[4026531839]. */
  namespaces: Record<string, string>;
  mqueueMounted: boolean;
  sysctls: Record<string, string>;
  versions: Record<string, string>;
}

/** The facts a verdict depends on: what the environment offers and its environment-sized values. */
export interface EnvironmentFacts {
  pageSize: number;
  offers: Record<Requirement, Availability>;
}

/** A place where probes run. */
export interface Environment {
  readonly name: string;
  /** Whether probes can run here at all (daemon running, fixtures built …), with the reason if not. */
  available(): Promise<Availability>;
  /** Runs a command inside the environment with a hard time limit. */
  exec(argv: readonly string[], options: ExecOptions): Promise<CommandResult>;
  /** The argv that starts a fixture binary inside the environment. */
  fixtureCommand(fixture: string): string[];
  /** The argv prefix that runs an FFI probe inside the environment (Node and the kit's FFI entry). */
  ffiCommand(): string[];
  /** A sysctl's value as the environment sees it, e.g. `fs.pipe-max-size`. */
  readSysctl(name: string): Promise<string>;
  /** Facts the evaluator and the requirement check need; computed once per run. */
  facts(): Promise<EnvironmentFacts>;
  /** Kernel, runtime, versions, uid, capabilities: goes into the report. */
  describe(): Promise<EnvironmentDescription>;
}

/** The sysctls recorded in every environment description. */
export const RECORDED_SYSCTLS = ['fs.pipe-max-size', 'fs.pipe-user-pages-soft', 'fs.pipe-user-pages-hard'] as const;

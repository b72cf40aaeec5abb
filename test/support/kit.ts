// Shared helpers for the kit's own tests.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { kitPaths } from '../../runners/core/kitPaths.js';
import type { BusState } from '../../runners/environments/environment.js';
import { HostEnvironment } from '../../runners/environments/host.js';
import { statFields } from '../../runners/process/processStat.js';
import { loadValidatedSpecs } from '../../runners/selection/specSet.js';
import { checkProperty } from '../../runners/verdict/checkProperty.js';
import type { Verdict } from '../../runners/verdict/verdict.js';

/** The kit's own specs, validated, and a lookup by property id. */
export async function propertyById(id: string) {
  for (const mechanism of await loadValidatedSpecs()) {
    const property = mechanism.properties.find((p) => p.id === id);
    if (property) return { mechanism, property };
  }
  throw new Error(`no property ${id}`);
}

/** Path of a fault shim built from c-fixtures/faults/NAME.c. */
export const faultShim = (name: string) => join(kitPaths.faultShims, `${name}.so`);

/**
 * Checks one property on the host, optionally with a fault shim preloaded into every probe and with
 * a private bus the test started (the dbus properties are skipped without one).
 */
export async function checkOnHost(id: string, fault?: string, bus?: BusState): Promise<Verdict> {
  const { mechanism, property } = await propertyById(id);
  const environment = fault ? new HostEnvironment({ name: `host+${fault}`, env: { LD_PRELOAD: faultShim(fault) } }) : new HostEnvironment();
  if (bus) environment.attachBus(bus);
  return checkProperty(mechanism, property, environment);
}

/** The CLI entry, run with the Node that runs the tests. */
export const cliCommand = [process.execPath, join(kitPaths.root, 'bin', 'ipc-conformance.js')];

export { statFields };

/** Whether pid runs (a zombie waiting for init to reap it has already died). */
export function alive(pid: number): boolean {
  const state = statFields(pid)?.[0];
  return state !== undefined && state !== 'Z';
}

/** A conformance run started the way a shell starts a job: in a process group of its own. */
export interface BackgroundRun {
  cli: ChildProcess;
  /** Its exit status (null when a signal ended it). */
  exited: Promise<number | null>;
}

/** Starts `ipc-conformance run ARGS` as a job, with `env` on top of this process's environment. */
export function startRunAsJob(args: readonly string[], env: Record<string, string>): BackgroundRun {
  const cli = spawn(cliCommand[0]!, [...cliCommand.slice(1), 'run', ...args], {
    cwd: kitPaths.root,
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, ...env },
  });
  return { cli, exited: new Promise((resolve) => cli.once('exit', (code) => resolve(code))) };
}

/** Resolves once `condition` holds, checking every 10 ms; rejects after `timeoutMs`. */
export async function until(condition: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

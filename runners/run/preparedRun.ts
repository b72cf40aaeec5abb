// The frame of every run that checks or measures an environment, made once by the command that
// runs it: the environment prepared (a container for docker and gvisor), the run's private bus
// started in it and attached, and both ended afterwards, whatever the body did. What the body hands
// to other processes (vitest's workers) is `handle`: plain data from which they make an
// environment object of the same run (attachEnvironment). When the kit is interrupted, the daemon,
// the bus folder and the containers end through their own teardowns (process/interruption.ts).
import { randomBytes } from 'node:crypto';
import { UsageError } from '../core/errors.js';
import { startPrivateBus } from '../dbus/privateBus.js';
import type { Environment, RunContext, RunningDaemon } from '../environments/environment.js';
import { createEnvironment } from '../environments/registry.js';

/** An environment as a prepared run hands it on: its name and the run it belongs to. */
export interface EnvironmentHandle {
  name: string;
  run: RunContext;
}

/** A prepared environment, and the handle other processes of the run make theirs from. */
export interface PreparedRun {
  environment: Environment;
  handle: EnvironmentHandle;
}

/** A new run id: `<pid>-<hex>`, unique among the runs of this machine. */
export function newRunId(): string {
  return `${process.pid}-${randomBytes(3).toString('hex')}`;
}

/** A prepared run that its maker ends. */
export interface OpenRun extends PreparedRun {
  /** Stops the bus and releases the environment; once. */
  end(): Promise<void>;
}

/**
 * The environment named `name`, of a new run: checked available (else a UsageError that says why),
 * prepared, and with its private bus started and attached. The caller ends it.
 */
export function prepareRun(name: string): Promise<OpenRun> {
  const runId = newRunId();
  return prepareEnvironment(createEnvironment(name, { runId, bus: { unavailable: 'the private bus has not started yet' } }));
}

/** prepareRun for an environment object the caller made (a test's, with a fault preloaded). */
export async function prepareEnvironment(environment: Environment): Promise<OpenRun> {
  const availability = await environment.available();
  if (!availability.ok) throw new UsageError(`environment '${environment.name}' is not available: ${availability.reason}`);
  let daemon: RunningDaemon | undefined;
  let ending: Promise<void> | undefined;
  const end = () =>
    (ending ??= (async () => {
      try {
        await daemon?.stop();
      } finally {
        await environment.release();
      }
    })());
  try {
    await environment.prepare();
    const bus = await startPrivateBus(environment, environment.run.runId);
    daemon = bus.daemon;
    environment.attachBus(bus.state);
  } catch (error) {
    await end();
    throw error;
  }
  return { environment, handle: { name: environment.name, run: { ...environment.run } }, end };
}

/** prepareRun (or prepareEnvironment) for the time of `body`, ended afterwards whatever the body did. */
export async function withPreparedRun<T>(name: string | Environment, body: (run: PreparedRun) => Promise<T>): Promise<T> {
  const run = await (typeof name === 'string' ? prepareRun(name) : prepareEnvironment(name));
  try {
    return await body(run);
  } finally {
    await run.end();
  }
}

/** The environment object of a handed-on run, in the process that received the handle. */
export function attachEnvironment(handle: EnvironmentHandle): Environment {
  return createEnvironment(handle.name, handle.run);
}

// The frame of every run that checks or measures an environment: the environment prepared (a
// container for docker and gvisor), the run's private bus started in it, and both ended afterwards,
// whatever the body did. (When the kit is interrupted, the daemon, the bus folder and the
// containers register their own immediate teardowns: process/interruption.ts.)
import { startPrivateBus } from '../dbus/privateBus.js';
import type { Environment, RunningDaemon } from './environment.js';

export async function withPreparedEnvironment<T>(environment: Environment, runId: string, body: () => Promise<T>): Promise<T> {
  let bus: RunningDaemon | undefined;
  try {
    await environment.prepare();
    bus = await startPrivateBus(environment, runId);
    return await body();
  } finally {
    await bus?.stop();
    await environment.release();
  }
}

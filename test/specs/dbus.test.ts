// The dbus properties can fail: a libdbus that ignores DBUS_NAME_FLAG_DO_NOT_QUEUE, or that hands
// out replies under the wrong reply_serial, makes the kit report the property failed with the
// value measured, while properties the fault leaves alone still pass. And nothing outlives a run:
// not the private dbus-daemon (process, socket, directory), not a probe's service helper or its
// connections on the bus, even when the probe is stopped mid-run or killed outright.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fixtureBinaryName } from '../../runners/core/fixtureBinary.js';
import { kitPaths } from '../../runners/core/kitPaths.js';
import { type PrivateBus, startPrivateBus } from '../../runners/dbus/privateBus.js';
import type { BusState, RunningDaemon } from '../../runners/environments/environment.js';
import { HostEnvironment } from '../../runners/environments/host.js';
import { runCommand } from '../../runners/process/runCommand.js';
import { startBlockingProbe, waitUntil } from '../support/blockingProbe.js';
import { expectFaultFails, expectPasses } from '../support/faults.js';
import { alive, until } from '../support/kit.js';
import { processesRunning } from '../support/leftovers.js';

/** The names on the bus at `address`, asked with dbus-send (installed with dbus-daemon). */
async function busNames(address: string): Promise<string[]> {
  const argv = [
    'dbus-send',
    `--bus=${address}`,
    '--print-reply',
    '--dest=org.freedesktop.DBus',
    '/org/freedesktop/DBus',
    'org.freedesktop.DBus.ListNames',
  ];
  const answer = await runCommand(argv, { timeoutMs: 5000 });
  if (answer.exitCode !== 0) throw new Error(`ListNames on ${address} failed: ${answer.stderr.trim()}`);
  return [...answer.stdout.matchAll(/string "([^"]*)"/g)].map((match) => match[1]!);
}

/** The well-known names probes take (c-fixtures/dbus_bus.c, run_bus_name). */
const probeNames = (names: string[]) => names.filter((name) => name.startsWith('org.ipcconformance.Probe'));
/** Unique names other than the one dbus-send itself had when it asked. */
const uniqueNames = (names: string[]) => names.filter((name) => name.startsWith(':'));

/** Expects no trace of the bus in `dir`: no dbus-daemon, no socket node, no directory. */
function expectBusGone(dir: string): void {
  expect(processesRunning(`--config-file=${dir}/bus.conf`), 'dbus-daemon processes of the run').toEqual([]);
  expect(existsSync(join(dir, 'bus')), 'the bus socket').toBe(false);
  expect(existsSync(dir), 'the bus directory').toBe(false);
}

/** A bus that runs: its daemon and the state a run hands its environments. */
type RunningBus = PrivateBus & { daemon: RunningDaemon; state: Extract<BusState, { address: string }> };

/** Starts the run's bus on the host for this file's tests, as a run does. */
async function startTestBus(runId: string): Promise<RunningBus> {
  const bus = await startPrivateBus(new HostEnvironment(), runId);
  if (!bus.daemon || !('address' in bus.state))
    throw new Error(`no private bus: ${'unavailable' in bus.state ? bus.state.unavailable : 'no daemon'}`);
  return bus as RunningBus;
}

const suiteRunId = `test-dbus-${process.pid}`;
let suiteBus: RunningBus | undefined;
/** The suite's bus as the checks get it. */
const busState = () => suiteBus!.state;

beforeAll(async () => {
  suiteBus = await startTestBus(suiteRunId);
});

afterAll(async () => {
  await suiteBus?.daemon.stop();
  if (suiteBus) expectBusGone(suiteBus.daemon.dir);
});

describe('dbus fault detection', () => {
  test('a library that drops DBUS_NAME_FLAG_DO_NOT_QUEUE fails the exclusive-name property with the reply received', async () => {
    const verdict = await expectFaultFails(
      'dbus.names.request-for-owned-name-without-queueing-gives-exists',
      'dbus_do_not_queue_ignored',
      {
        expected: { equals: 'EXISTS' },
        observed: { value: 'IN_QUEUE' },
        valuePerProbe: ['IN_QUEUE'],
      },
      busState(),
    );
    // The name stayed with its first owner: the requester was only queued.
    const { evidence } = verdict.observations[0]!;
    expect(evidence.owner_after_request).toBe(evidence.owner);
  });

  test('the same fault leaves the queue property passing (it requests without the flag)', async () => {
    await expectPasses('dbus.names.queued-requester-becomes-owner-when-owner-leaves', 'dbus_do_not_queue_ignored', busState());
  });

  test('replies reported under a shifted reply_serial fail the one-reply property with 0 replies', async () => {
    const verdict = await expectFaultFails(
      'dbus.method-call.gets-exactly-one-reply-carrying-the-callers-serial',
      'dbus_reply_serial_shifted',
      {
        expected: { equals: 1 },
        observed: { value: 0 },
      },
      busState(),
    );
    // The service did answer (the shim shifts the serial of a reply that came), but no reply
    // carried the call's serial: the first one now claims the fence's serial instead.
    const { evidence } = verdict.observations[0]!;
    expect(evidence.reply_type).toBe('');
    expect(evidence.fence_reply_seen).toBe(true);
  });

  test('the same fault leaves the bus-driven properties passing', async () => {
    await expectPasses('dbus.names.connection-gets-a-unique-name', 'dbus_reply_serial_shifted', busState());
    await expectPasses('dbus.messages.bus-method-with-wrong-argument-types-gives-invalid-args', 'dbus_reply_serial_shifted', busState());
  });

  test('the unfaulted host passes both target properties', async () => {
    await expectPasses('dbus.names.request-for-owned-name-without-queueing-gives-exists', undefined, busState());
    await expectPasses('dbus.method-call.gets-exactly-one-reply-carrying-the-callers-serial', undefined, busState());
  });
});

describe('dbus cleanup', () => {
  const address = () => busState().address;
  const probeCommand = `${fixtureBinaryName('dbus')} method-call-reply-count 5000`;
  /** How long processes that were signalled may take to disappear on a loaded machine. */
  const GONE_WITHIN_MS = 30_000;

  /** Waits until the probe's service helper runs and owns its name; returns the processes seen. */
  async function serviceRunning(whileRunning: (condition: () => Promise<boolean>) => Promise<boolean>): Promise<number[]> {
    let pids: number[] = [];
    const seen = await whileRunning(async () => {
      pids = processesRunning(probeCommand);
      return pids.length >= 2 && probeNames(await busNames(address())).some((name) => name.endsWith('.Replier'));
    });
    expect(seen, 'the probe and its service helper, with the service’s name on the bus').toBe(true);
    return pids;
  }

  /** Expects the bus to drop every name of the probe, and its unique names, in due time. */
  async function expectBusForgotProbe(uniqueBefore: number): Promise<void> {
    let names: string[] = [];
    const forgotten = await waitUntil(
      async () => {
        names = await busNames(address());
        return probeNames(names).length === 0 && uniqueNames(names).length <= uniqueBefore + 1;
      },
      { withinMs: GONE_WITHIN_MS, everyMs: 50 },
    );
    expect(forgotten, `names left on the bus: ${names.join(' ')}`).toBe(true);
  }

  test('a probe stopped at its time limit while waiting for a reply leaves no process and no connection', async () => {
    const uniqueBefore = uniqueNames(await busNames(address())).length;
    const withBus = new HostEnvironment();
    withBus.attachBus(busState());
    const probe = startBlockingProbe(withBus, { fixture: 'dbus', case: 'method-call-reply-count', args: { delay_ms: 5000 } }, 1500);
    const pids = await serviceRunning((condition) => probe.whileRunning(condition, 20));

    await probe.expectStoppedByTimeLimit();
    // Every process of the probe was signalled; wait, generously, for a busy machine to reap them.
    await until(() => processesRunning(probeCommand).length === 0 && pids.every((pid) => !alive(pid)), GONE_WITHIN_MS).catch(
      () => undefined,
    );
    expect(processesRunning(probeCommand)).toEqual([]);
    for (const pid of pids) expect(alive(pid), `pid ${pid}`).toBe(false);
    await expectBusForgotProbe(uniqueBefore);
  });

  test('a probe killed with SIGKILL takes its service helper with it (parent death signal)', async () => {
    const uniqueBefore = uniqueNames(await busNames(address())).length;
    const binary = join(kitPaths.fixtureBinaries, fixtureBinaryName('dbus'));
    const child = spawn(binary, ['method-call-reply-count', '5000'], { stdio: 'ignore', env: { ...process.env, ...busState().variables } });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let running = true;
    void exited.then(() => (running = false));
    const pids = await serviceRunning(async (condition) => {
      while (running) {
        if (await condition()) return true;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return false;
    });

    child.kill('SIGKILL'); // no handler runs: only the helper's own safeguards can end it
    await exited;
    const helpers = pids.filter((pid) => pid !== child.pid);
    expect(helpers.length).toBeGreaterThan(0);
    // The helper's parent-death signal ends it; a loaded machine may take a while to run it.
    await until(() => helpers.every((pid) => !alive(pid)), GONE_WITHIN_MS).catch(() => undefined);
    expect(
      helpers.filter((pid) => alive(pid)),
      'the orphaned service helper',
    ).toEqual([]);
    await expectBusForgotProbe(uniqueBefore);
  });
});

describe('the private bus', () => {
  test('runs while started and leaves no process, socket or directory once stopped', async () => {
    const runId = `test-dbus-lifecycle-${process.pid}`;
    const bus = await startTestBus(runId);
    const { dir } = bus.daemon;
    try {
      expect(bus.state.address).toMatch(new RegExp(`^unix:path=${dir}/bus,guid=[0-9a-f]+$`));
      expect(bus.state.variables.IPC_CONFORMANCE_DBUS_ADDRESS).toBe(bus.state.address);
      expect(processesRunning(`--config-file=${dir}/bus.conf`)).toHaveLength(1);
      expect(existsSync(join(dir, 'bus'))).toBe(true);
      expect(await busNames(bus.state.address)).toContain('org.freedesktop.DBus');
    } finally {
      await bus.daemon.stop();
    }
    expectBusGone(dir);
  });
});

// The isolation scenarios: experiments that need two places related the way containers are (sibling
// namespaces, a joined IPC namespace, the host's), made by the environment under test. Each step is
// a case of the `ns` fixture run in one place; the scenario's observation is the step that decides
// the property, with the other steps as evidence. Whatever a step leaves is removed on every path.
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import { PAIR_RELATIONS, type Environment, type PairRelation, type Place, type PlacePair } from '../environments/environment.js';
import { ProbeBroken, type Observation } from '../probes/observation.js';
import { runInPlace } from '../probes/runInPlace.js';
import { lastOnInterrupt } from '../process/interruption.js';
import { hostShmemKiB, waitForShmemBelow } from './hostMemory.js';
import { PairRefused } from './pairRefused.js';
import { ScenarioLock } from './scenarioLock.js';

type Scenario = (environment: Environment, args: string[], label: string, timeoutMs: number) => Promise<Observation>;

export const OBJECT_KINDS = ['sysv-msg', 'sysv-shm', 'sysv-sem', 'posix-mq'] as const;
const SOCKET_MODES = ['abstract', 'path'] as const;

/** Scenarios that measure host-wide memory run alone; the others may overlap each other. */
const lock = new ScenarioLock();

/** A key no other run or scenario uses at the same time (SysV keys are 32-bit, 0 is IPC_PRIVATE). */
const freshKey = () => String(randomInt(0x10000000, 0x7fffffff));

/** One `ns` fixture case in a place. */
function step(place: Place, timeoutMs: number, ...args: string[]): Promise<Observation> {
  const label = `fixture ns/${args.join(' ')} in ${place.description}`;
  return runInPlace(place, [...place.fixtureCommand('ns'), ...args], label, { timeoutMs });
}

/**
 * The `remove` step, synchronously, for a run being stopped: an object made in the host's IPC
 * namespace (ipc-host) would outlive the run, where one made in a namespace of the run's own dies
 * with it. Whether it was made yet does not matter: removing a missing object only fails.
 */
function removeNow(place: Place, kind: string, key: string): void {
  const [file, ...args] = place.fixtureCommand('ns');
  spawnSync(file!, [...args, 'remove', kind, key], { stdio: 'ignore', timeout: 2000 });
}

function oneOf<T extends string>(allowed: readonly T[], value: string | undefined, what: string): T {
  if (!allowed.includes(value as T)) throw new ProbeBroken(`scenario argument ${what} must be one of ${allowed.join(', ')}, not '${value}'`);
  return value as T;
}

/**
 * Opens a pair; a runtime that refuses to make it (e.g. cannot join another container's IPC
 * namespace) is an observation of that runtime, so it becomes one: value `pair-refused`.
 */
async function withPair(
  environment: Environment,
  relation: PairRelation,
  label: string,
  body: (pair: PlacePair) => Promise<Observation>,
): Promise<Observation> {
  let pair: PlacePair;
  try {
    pair = await environment.openPair(relation);
  } catch (error) {
    if (!(error instanceof PairRefused)) throw error;
    return { probe: label, value: 'pair-refused', errno: null, signal: null, elapsed_ns: null, delay_ns: null, evidence: { relation, refused: error.message } };
  }
  try {
    const observation = await body(pair);
    return { ...observation, probe: label, evidence: { ...observation.evidence, relation, first: pair.first.description, second: pair.second.description } };
  } finally {
    await pair.close();
  }
}

/** object-visibility RELATION KIND: made in the first place, looked up in the second. */
const objectVisibility: Scenario = (environment, args, label, timeoutMs) => {
  const relation = oneOf(PAIR_RELATIONS, args[0], 'RELATION');
  const kind = oneOf(OBJECT_KINDS, args[1], 'KIND');
  return lock.shared(() =>
    withPair(environment, relation, label, async ({ first, second }) => {
      const key = freshKey();
      // Registered before the object exists, so that no moment is left unguarded.
      const forget = lastOnInterrupt(() => removeNow(first, kind, key));
      try {
        const created = await step(first, timeoutMs, 'create', kind, key);
        if (created.value !== 'created') throw new ProbeBroken(`${label}: cannot create the ${kind} in ${first.description}: ${created.errno}`);
        const seen = await step(second, timeoutMs, 'lookup', kind, key);
        return { ...seen, evidence: { ...seen.evidence, created_id: created.evidence.id ?? null } };
      } finally {
        // The first place may be the host itself: the object must not outlive the scenario.
        await step(first, timeoutMs, 'remove', kind, key).catch(() => undefined);
        forget();
      }
    }),
  );
};

/** socket-reach RELATION MODE: a UNIX stream socket listens in the first place, the second connects. */
const socketReach: Scenario = (environment, args, label, timeoutMs) => {
  const relation = oneOf(PAIR_RELATIONS, args[0], 'RELATION');
  const mode = oneOf(SOCKET_MODES, args[1], 'MODE');
  return lock.shared(() =>
    withPair(environment, relation, label, async ({ first, second, sharedDir }) => {
      const key = freshKey();
      const name = mode === 'abstract' ? `ipc-conformance-${key}` : join(sharedDir, `socket-${key}`);
      const readyFile = join(sharedDir, `listening-${key}`);
      const [listener, connector] = await Promise.all([
        step(first, timeoutMs, 'listen', mode, name, readyFile, '1500'),
        step(second, timeoutMs, 'connect', mode, name, readyFile),
      ]);
      return { ...connector, evidence: { ...connector.evidence, name, listener: listener.value } };
    }),
  );
};

/**
 * shm-dies-with-namespace [MIB=64]: a segment filled in a namespace of its own, left attached to
 * nothing, is freed when that namespace dies. The host's Shmem (/proc/meminfo) is the witness,
 * since nothing inside a dead namespace can be asked. Value: MiB freed after the namespace died.
 */
const shmDiesWithNamespace: Scenario = (environment, args, label, timeoutMs) => {
  const mib = Number(args[0] ?? 64);
  return lock.exclusive(() =>
    withPair(environment, 'sibling', label, async (pair) => {
      const before = await hostShmemKiB();
      const filled = await step(pair.second, timeoutMs, 'shm-fill', freshKey(), String(mib * 1024 * 1024));
      if (filled.errno) throw new ProbeBroken(`${label}: cannot make the segment in ${pair.second.description}: ${filled.errno}`);
      const during = await hostShmemKiB();
      await pair.close();
      const after = await waitForShmemBelow(during - mib * 1024 * 0.9, 5000);
      const freedMiB = Math.max(0, Math.round((during - after) / 1024));
      return {
        probe: label,
        value: freedMiB,
        errno: null,
        signal: null,
        elapsed_ns: null,
        delay_ns: null,
        evidence: { segment_mib: mib, shmem_kib_before: before, shmem_kib_filled: during, shmem_kib_after: after },
      };
    }),
  );
};

const SCENARIOS: Record<string, Scenario> = {
  'object-visibility': objectVisibility,
  'socket-reach': socketReach,
  'shm-dies-with-namespace': shmDiesWithNamespace,
};

/** The names a spec may give as `{ scenario }`. */
export const SCENARIO_NAMES = Object.keys(SCENARIOS);

/** Runs a scenario in `environment`; throws ProbeBroken when it could not observe. */
export function runScenario(environment: Environment, name: string, args: string[], label: string, timeoutMs: number): Promise<Observation> {
  const scenario = SCENARIOS[name];
  if (!scenario) throw new ProbeBroken(`unknown scenario '${name}'`);
  return scenario(environment, args, label, timeoutMs);
}

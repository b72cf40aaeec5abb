// The isolation scenarios: experiments that need two places related the way containers are (sibling
// namespaces, a joined IPC namespace, the host's), made by the environment under test. Each step is
// a case of the `ns` fixture run in one place; the scenario's observation is the step that decides
// the property, with the other steps as evidence. Whatever a step leaves is removed on every path.
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import { PairRefused, ProbeBroken } from '../core/errors.js';
import type { Observation } from '../core/observation.js';
import { type Environment, PAIR_RELATIONS, type PairRelation, type Place, type PlacePair } from '../environments/environment.js';
import { runInPlace } from '../environments/runInPlace.js';
import { lastOnInterrupt } from '../process/interruption.js';
import { hostShmemKiB, waitForShmemBelow } from './hostMemory.js';
import { ScenarioLock } from './scenarioLock.js';

/** A scenario's arguments by the names it declares (a spec's `args`). */
export type ScenarioArgs = Readonly<Record<string, string | number>>;

/** One parameter of a scenario, declared like a C case's (runners/probes/catalog.ts). */
export interface ScenarioParam {
  name: string;
  description: string;
  required: boolean;
}

/** A scenario: the parameters it declares, and the experiment, given their values by name. */
interface Scenario {
  params: readonly ScenarioParam[];
  run(environment: Environment, args: ScenarioArgs, label: string, timeoutMs: number): Promise<Observation>;
}

export const OBJECT_KINDS = ['sysv-msg', 'sysv-shm', 'sysv-sem', 'posix-mq'] as const;
const SOCKET_MODES = ['abstract', 'path'] as const;
const FILE_USES = ['record-lock', 'mapping'] as const;

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

function oneOf<T extends string>(allowed: readonly T[], value: string | number | undefined, what: string): T {
  if (!allowed.includes(value as T))
    throw new ProbeBroken(`scenario argument ${what} must be one of ${allowed.join(', ')}, not '${value}'`);
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
    return {
      probe: label,
      value: 'pair-refused',
      errno: null,
      signal: null,
      elapsed_ns: null,
      delay_ns: null,
      evidence: { relation, refused: error.message },
    };
  }
  try {
    const observation = await body(pair);
    return {
      ...observation,
      probe: label,
      evidence: { ...observation.evidence, relation, first: pair.first.description, second: pair.second.description },
    };
  } finally {
    await pair.close();
  }
}

const RELATION: ScenarioParam = {
  name: 'relation',
  description: `how the two places are related: ${PAIR_RELATIONS.join(', ')}`,
  required: true,
};

/** object-visibility: an object made in the first place, looked up in the second. */
const objectVisibility: Scenario['run'] = (environment, args, label, timeoutMs) => {
  const relation = oneOf(PAIR_RELATIONS, args.relation, 'relation');
  const kind = oneOf(OBJECT_KINDS, args.kind, 'kind');
  return lock.shared(() =>
    withPair(environment, relation, label, async ({ first, second }) => {
      const key = freshKey();
      // Registered before the object exists, so that no moment is left unguarded.
      const forget = lastOnInterrupt(() => removeNow(first, kind, key));
      try {
        const created = await step(first, timeoutMs, 'create', kind, key);
        if (created.value !== 'created')
          throw new ProbeBroken(`${label}: cannot create the ${kind} in ${first.description}: ${created.errno}`);
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

/** socket-reach: a UNIX stream socket listens in the first place, the second connects. */
const socketReach: Scenario['run'] = (environment, args, label, timeoutMs) => {
  const relation = oneOf(PAIR_RELATIONS, args.relation, 'relation');
  const mode = oneOf(SOCKET_MODES, args.mode, 'mode');
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
 * shared-file: a file in the folder both places see (a bind mount between containers) is
 * write-locked (`record-lock`) or mapped MAP_SHARED and stored into (`mapping`) in the first place
 * while the second looks at it. record-lock: the second side's F_SETLK (errno EAGAIN/EACCES when it
 * sees the lock). mapping: true when each side saw the other's store through its own mapping.
 */
const sharedFile: Scenario['run'] = (environment, args, label, timeoutMs) => {
  const relation = oneOf(PAIR_RELATIONS, args.relation, 'relation');
  const use = oneOf(FILE_USES, args.use, 'use');
  return lock.shared(() =>
    withPair(environment, relation, label, async ({ first, second, sharedDir }): Promise<Observation> => {
      const key = freshKey();
      const [path, ready, done] = ['file', 'ready', 'done'].map((name) => join(sharedDir, `${name}-${key}`)) as [string, string, string];
      if (use === 'record-lock') {
        const [holder, trier] = await Promise.all([
          step(first, timeoutMs, 'lock-hold', path, ready, done),
          step(second, timeoutMs, 'lock-try', path, ready, done),
        ]);
        return { ...trier, evidence: { ...trier.evidence, holder: holder.value, holder_pid: holder.evidence.holder_pid ?? null } };
      }
      const texts = { first: `first-${key}`, second: `second-${key}` };
      const [firstSide, secondSide] = await Promise.all([
        step(first, timeoutMs, 'map-first', path, texts.first, ready, done),
        step(second, timeoutMs, 'map-second', path, texts.second, ready, done),
      ]);
      return {
        ...secondSide,
        value: secondSide.value === texts.first && firstSide.value === texts.second,
        evidence: { stored_first: texts.first, seen_second: secondSide.value, stored_second: texts.second, seen_first: firstSide.value },
      };
    }),
  );
};

/**
 * shm-dies-with-namespace: a segment of `mib` MiB filled in a namespace of its own, left attached
 * to nothing, is freed when that namespace dies. The host's Shmem (/proc/meminfo) is the witness,
 * since nothing inside a dead namespace can be asked. Value: MiB freed after the namespace died.
 */
const shmDiesWithNamespace: Scenario['run'] = (environment, args, label, timeoutMs) => {
  const mib = Number(args.mib ?? 64);
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
  'object-visibility': {
    params: [RELATION, { name: 'kind', description: `the object: ${OBJECT_KINDS.join(', ')}`, required: true }],
    run: objectVisibility,
  },
  'socket-reach': {
    params: [RELATION, { name: 'mode', description: `how the socket is named: ${SOCKET_MODES.join(', ')}`, required: true }],
    run: socketReach,
  },
  'shared-file': {
    params: [RELATION, { name: 'use', description: `what the first place does with the file: ${FILE_USES.join(', ')}`, required: true }],
    run: sharedFile,
  },
  'shm-dies-with-namespace': {
    params: [{ name: 'mib', description: 'MiB the segment holds (default 64)', required: false }],
    run: shmDiesWithNamespace,
  },
};

/** The scenarios a spec may give as `{ scenario }`, with the parameters each declares. */
export const SCENARIO_PARAMS: Readonly<Record<string, readonly ScenarioParam[]>> = Object.fromEntries(
  Object.entries(SCENARIOS).map(([name, scenario]) => [name, scenario.params]),
);

/** Runs a scenario in `environment`; throws ProbeBroken when it could not observe. */
export function runScenario(
  environment: Environment,
  name: string,
  args: ScenarioArgs,
  label: string,
  timeoutMs: number,
): Promise<Observation> {
  const scenario = SCENARIOS[name];
  if (!scenario) throw new ProbeBroken(`unknown scenario '${name}'`);
  return scenario.run(environment, args, label, timeoutMs);
}

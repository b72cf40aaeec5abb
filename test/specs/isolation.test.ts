// The isolation scenarios on namespace pairs (host as root): they pass on a correct pair, and they
// catch a pair that is not isolated the way its relation says — the kit's injected faults.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { PairRelation, PlacePair } from '../../runners/environments/environment.js';
import { HostEnvironment } from '../../runners/environments/host.js';
import { hostPlace } from '../../runners/environments/hostPlace.js';
import { openNamespacePair } from '../../runners/environments/namespaceHolder.js';
import { checkProperty } from '../../runners/verdict/checkProperty.js';
import type { Verdict } from '../../runners/verdict/verdict.js';
import { alive, propertyById } from '../support/kit.js';

const isRoot = process.geteuid?.() === 0;

/** A host whose pairs are wired wrongly: the fault the isolation properties must catch. */
class MiswiredPairs extends HostEnvironment {
  constructor(private readonly wiring: (relation: PairRelation) => Promise<PlacePair>) {
    super({ name: 'host+miswired-pairs' });
  }
  override openPair(relation: PairRelation): Promise<PlacePair> {
    return this.wiring(relation);
  }
}

const check = async (id: string, environment: HostEnvironment) => {
  const { mechanism, property } = await propertyById(id);
  return checkProperty(mechanism, property, environment);
};

/** The keys of the host's SysV semaphore sets (second column of /proc/sysvipc/sem). */
const hostSemaphoreKeys = () =>
  readFileSync('/proc/sysvipc/sem', 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/)[0]);

/** The holder pids a verdict's evidence names ("namespace holder 1234 (…)"). */
const holderPids = (verdict: Verdict) =>
  verdict.observations
    .flatMap((o) => [o.evidence.first, o.evidence.second])
    .flatMap((text) => /namespace holder (\d+)/.exec(String(text))?.[1] ?? []);

describe.skipIf(!isRoot)('isolation scenarios on namespace pairs (needs root)', () => {
  test('every relation behaves as documented on the host, and leaves no holder or object behind', async () => {
    const host = new HostEnvironment();
    const ids = [
      'isolation.sysv-msg.invisible-in-a-sibling-namespace',
      'isolation.posix-mq.visible-in-a-joined-namespace',
      'isolation.sysv-sem.host-object-visible-with-ipc-host',
      'isolation.abstract-socket.scoped-to-its-network-namespace',
      'isolation.path-socket.reachable-through-a-shared-mount',
    ];
    const verdicts = await Promise.all(ids.map((id) => check(id, host)));
    for (const verdict of verdicts) expect(verdict.status, `${verdict.property}: ${verdict.reason}`).toBe('passed');
    const pids = verdicts.flatMap(holderPids);
    expect(pids.length).toBeGreaterThanOrEqual(7); // two holders per pair, one for ipc-host
    for (const pid of pids) expect(alive(Number(pid)), `holder ${pid} still runs`).toBe(false);
    // The semaphore set made on the host for the ipc-host scenario is gone.
    const hostKey = String(verdicts[2]!.observations[0]!.evidence.key);
    expect(hostSemaphoreKeys()).not.toContain(hostKey);
  });

  test('a "sibling" pair that in fact shares its IPC namespace is caught', async () => {
    const joinedForSibling = new MiswiredPairs(() => openNamespacePair('joined'));
    const verdict = await check('isolation.sysv-msg.invisible-in-a-sibling-namespace', joinedForSibling);
    expect(verdict.status).toBe('failed');
    expect(verdict.observed).toMatchObject({ value: 'visible' });
  });

  test('a pair that shares its network namespace is caught by the abstract-socket property', async () => {
    const notSeparated = new MiswiredPairs(async () => ({ first: hostPlace, second: hostPlace, sharedDir: '/tmp', close: async () => {} }));
    const verdict = await check('isolation.abstract-socket.scoped-to-its-network-namespace', notSeparated);
    expect(verdict.status).toBe('failed');
    expect(verdict.observed).toMatchObject({ value: 'connected' });
  });

  test('a "joined" pair whose second place has an IPC namespace of its own is caught', async () => {
    const siblingForJoined = new MiswiredPairs(() => openNamespacePair('sibling'));
    const verdict = await check('isolation.sysv-shm.visible-in-a-joined-namespace', siblingForJoined);
    expect(verdict.status).toBe('failed');
    expect(verdict.observed).toMatchObject({ errno: 'ENOENT' });
  });
});

describe.skipIf(isRoot)('isolation scenarios without root', () => {
  test('are skipped with the reason, not failed', async () => {
    const verdict = await check('isolation.sysv-msg.invisible-in-a-sibling-namespace', new HostEnvironment());
    expect(verdict.status).toBe('skipped');
    expect(verdict.reason).toMatch(/place-pairs.*root/);
  });
});

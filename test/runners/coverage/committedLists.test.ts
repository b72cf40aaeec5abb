// The committed lists parse, hold the interfaces of the kit's mechanisms, keep their generated layout,
// and every not-applicable entry names an assertion that exists.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatJson } from '../../../runners/coverage/formatJson.js';
import { IMPORTED_OPEN_POSIX_INTERFACES } from '../../../runners/coverage/peerScope.js';
import { NOT_APPLICABLE, NOT_APPLICABLE_REASONS } from '../../../specs/peers/not-applicable.js';
import { COMMITTED_PEER_LISTS, committedPeerIndex } from '../../../specs/peers/peerLists.js';

const PEERS_DIR = join(import.meta.dirname, '..', '..', '..', 'specs', 'peers');

describe('the committed peer lists', () => {
  test('Open POSIX: the message queue, semaphore, shared memory and signal interfaces, some 400+ assertions', () => {
    const interfaces = COMMITTED_PEER_LISTS.openPosix.interfaces;
    for (const name of [
      'mq_open',
      'mq_send',
      'mq_receive',
      'mq_notify',
      'sem_open',
      'sem_init',
      'sem_wait',
      'shm_open',
      'shm_unlink',
      'sigaction',
      'kill',
      'sigqueue',
    ]) {
      expect(interfaces[name]?.length, name).toBeGreaterThan(0);
    }
    const total = Object.values(interfaces).reduce((sum, list) => sum + list.length, 0);
    expect(total).toBeGreaterThanOrEqual(400);
    expect(Object.keys(interfaces).every((name) => IMPORTED_OPEN_POSIX_INTERFACES.includes(name))).toBe(true);
    expect(interfaces.mq_send?.find((a) => a.id === 5)).toEqual({ id: 5, refs: ['ref:XSH6:25959:25961'], markers: ['pt:MSG'] });
  });

  test('LTP and gVisor: the tests of the mechanisms the kit has', () => {
    const index = committedPeerIndex();
    for (const test of [
      'msgsnd05',
      'msgctl01',
      'semop01',
      'shmat01',
      'pipe01',
      'pipe2_01',
      'mq_open01',
      'kill02',
      'rt_sigaction01',
      'socketpair01',
    ]) {
      expect(index.ltp.has(test), test).toBe(true);
    }
    for (const test of ['PipeTest.OffsetCalls', 'MqTest.SendBlocking', 'MsgqueueTest.MsgOpSimple', 'SigactionTest.SetSigkillFails']) {
      expect(index.gvisor.has(test), test).toBe(true);
    }
  });

  test('every not-applicable entry names a listed assertion and a known reason, with a note', () => {
    const index = committedPeerIndex();
    for (const [key, entry] of Object.entries(NOT_APPLICABLE)) {
      expect(index.posix.has(key), key).toBe(true);
      expect(Object.keys(NOT_APPLICABLE_REASONS)).toContain(entry.reason);
      expect(entry.note.length, key).toBeGreaterThan(10);
    }
  });

  test('the files keep the layout the generator writes (regenerating changes only data)', async () => {
    for (const [name, list] of [
      ['open-posix.json', COMMITTED_PEER_LISTS.openPosix],
      ['ltp.json', COMMITTED_PEER_LISTS.ltp],
      ['gvisor.json', COMMITTED_PEER_LISTS.gvisor],
    ] as const) {
      expect(await readFile(join(PEERS_DIR, name), 'utf8')).toBe(`${formatJson(list)}\n`);
    }
  });
});

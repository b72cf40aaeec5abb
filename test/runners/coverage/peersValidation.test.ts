// Validation refuses peer ids that are malformed or absent from the lists, naming file, property and id.
import { describe, expect, test } from 'vitest';
import type { PeerIndex } from '../../../specs/peers/peerLists.js';
import { parsePeerRef } from '../../../specs/peers/peerRef.js';
import type { MechanismSpec } from '../../../specs/schema.js';
import { type ProbeCatalog, SpecError, validateSpecs } from '../../../specs/validate.js';

const catalog: ProbeCatalog = { fixtureCases: {}, ffiProbes: { 'pipe.default-capacity': [] }, scenarios: {} };
const peers: PeerIndex = { posix: new Set(['mq_send/5']), ltp: new Set(['msgsnd05']), gvisor: new Set(['PipeTest.Seek']) };

const specWithPeers = (list: unknown): MechanismSpec => ({
  id: 'pipe',
  title: { en: 'Pipe', zh: '管道' },
  family: 'pipes',
  manPages: ['pipe(7)'],
  properties: [
    {
      id: 'pipe.capacity.default-is-16-pages',
      kind: 'capacity',
      claim: { en: 'A pipe holds 16 pages.', zh: '管道容量为 16 页。' },
      sources: [{ man: 'pipe(7)' }],
      expect: { equals: 65536 },
      probes: [{ ffi: 'pipe.default-capacity' }],
      peers: list as MechanismSpec['properties'][number]['peers'],
    },
  ],
});

function validationError(list: unknown): string {
  try {
    validateSpecs([{ file: 'specs/pipe.spec.ts', spec: specWithPeers(list) }], catalog, peers);
  } catch (error) {
    expect(error).toBeInstanceOf(SpecError);
    return (error as Error).message;
  }
  throw new Error('the spec was accepted');
}

describe('peer ids', () => {
  test('ids in the lists pass', () => {
    const spec = specWithPeers(['posix:mq_send/5', 'ltp:msgsnd05', 'gvisor:PipeTest.Seek']);
    expect(() => validateSpecs([{ file: 'specs/pipe.spec.ts', spec }], catalog, peers)).not.toThrow();
  });

  test('an id the list lacks names the file, the property and the id', () => {
    expect(validationError(['posix:mq_send/6'])).toBe(
      "specs/pipe.spec.ts: property 'pipe.capacity.default-is-16-pages': peer 'posix:mq_send/6' is not in specs/peers/ (the posix list has no 'mq_send/6')",
    );
    expect(validationError(['ltp:msgsnd99'])).toContain("peer 'ltp:msgsnd99' is not in specs/peers/");
    expect(validationError(['gvisor:PipeTest.Nope'])).toContain("peer 'gvisor:PipeTest.Nope' is not in specs/peers/");
  });

  test.each([['posix:mq_send'], ['posix:mq_send/05'], ['posix:mq_send/0'], ['ltp:'], ['gvisor:PipeTest'], ['lkml:foo'], ['mq_send/5']])(
    'a malformed id (%s) is refused with the expected forms',
    (id) => {
      expect(validationError([id])).toBe(
        `specs/pipe.spec.ts: property 'pipe.capacity.default-is-16-pages': peer '${id}' is malformed (expected posix:<interface>/<n>, ltp:<test> or gvisor:<Suite.Test>)`,
      );
    },
  );

  test('a non-list, a non-string and a repeated id are refused', () => {
    expect(validationError('posix:mq_send/5')).toContain('peers "posix:mq_send/5" must be a list of ids');
    expect(validationError([5])).toContain('peer 5 is not a string');
    expect(validationError(['ltp:msgsnd05', 'ltp:msgsnd05'])).toContain("peer 'ltp:msgsnd05' is named twice");
  });

  test('parsePeerRef gives the suite and the key the lists use', () => {
    expect(parsePeerRef('posix:sem_open/12')).toEqual({ suite: 'posix', interface: 'sem_open', assertion: 12, key: 'sem_open/12' });
    expect(parsePeerRef('gvisor:PipeTest.OffsetCalls')).toEqual({
      suite: 'gvisor',
      test: 'PipeTest.OffsetCalls',
      key: 'PipeTest.OffsetCalls',
    });
  });
});

// A conformance kit that cannot fail is worthless: with an LD_PRELOAD shim from c-fixtures/faults/
// breaking one documented property, the kit must report exactly that property as failed, with
// the value it measured, while a property the fault does not touch still passes.
import { describe, expect, test } from 'vitest';
import { HostEnvironment } from '../../runners/environments/host.js';
import { checkProperty } from '../../runners/verdict/checkProperty.js';
import { checkOnHost, faultShim, propertyById } from '../support/kit.js';

describe('fault detection', () => {
  test('a pipe shrunk to one page fails the default-capacity property with the measured 4096 bytes', async () => {
    const verdict = await checkOnHost('pipe.capacity.default-is-16-pages', 'small_pipe');
    const { pageSize } = await new HostEnvironment().facts();
    expect(verdict.status).toBe('failed');
    expect(verdict.expected).toEqual({ equals: 16 * pageSize });
    expect(verdict.observed).toMatchObject({ value: 4096 });
    // Both the C fixture and the FFI path measured it: the fault reaches both, and they agree.
    expect(verdict.observations.map((o) => o.value)).toEqual([4096, 4096]);
  });

  test('the same fault leaves a property it does not touch passing', async () => {
    expect((await checkOnHost('pipe.direction.read-end-cannot-write', 'small_pipe')).status).toBe('passed');
  });

  test('a "pipe" that is really a socketpair fails the direction property: the read end accepts a write', async () => {
    const verdict = await checkOnHost('pipe.direction.read-end-cannot-write', 'pipe_is_socketpair');
    expect(verdict.status).toBe('failed');
    expect(verdict.expected).toEqual({ errno: 'EBADF' });
    expect(verdict.observed).toMatchObject({ value: 1, errno: null });
  });

  test('writes split in two fail the PIPE_BUF atomicity property with a count of interleaved records', async () => {
    const verdict = await checkOnHost('pipe.atomicity.concurrent-writes-up-to-pipe-buf-never-interleave', 'split_writes');
    expect(verdict.status).toBe('failed');
    expect(verdict.observed?.value).toBeGreaterThan(0);
  });

  test('a non-blocking PIPE_BUF write split into what fits fails the all-or-EAGAIN property with the room measured, on both paths', async () => {
    const verdict = await checkOnHost(
      'pipe.atomicity.nonblocking-write-up-to-pipe-buf-into-less-room-gives-eagain',
      'pipe_small_nonblocking_write_split',
    );
    expect(verdict.status).toBe('failed');
    expect(verdict.expected).toEqual({ errno: 'EAGAIN' });
    const room = verdict.observations[0]!.evidence.room;
    expect(verdict.observed).toMatchObject({ value: room, errno: null });
    expect(verdict.observations.map((o) => o.value)).toEqual([room, room]);
  });

  test('the same fault leaves the partial write above PIPE_BUF passing', async () => {
    const verdict = await checkOnHost(
      'pipe.atomicity.nonblocking-write-above-pipe-buf-into-less-room-is-partial',
      'pipe_small_nonblocking_write_split',
    );
    expect(verdict.status, verdict.reason).toBe('passed');
  });

  test('a pipe2 that drops O_DIRECT fails the packet-mode property with both writes read at once, on both paths', async () => {
    const verdict = await checkOnHost('pipe.boundaries.o-direct-keeps-each-write-a-packet', 'pipe_o_direct_ignored');
    expect(verdict.status).toBe('failed');
    expect(verdict.expected).toEqual({ equals: 3 });
    expect(verdict.observations.map((o) => o.value)).toEqual([7, 7]);
  });

  test('the same fault leaves pipe2(O_CLOEXEC) passing', async () => {
    const verdict = await checkOnHost('pipe.kin.pipe2-o-cloexec-sets-fd-cloexec-on-both-ends', 'pipe_o_direct_ignored');
    expect(verdict.status, verdict.reason).toBe('passed');
  });

  test('the unfaulted host passes all of these', async () => {
    for (const id of [
      'pipe.boundaries.o-direct-keeps-each-write-a-packet',
      'pipe.atomicity.nonblocking-write-up-to-pipe-buf-into-less-room-gives-eagain',
      'pipe.capacity.default-is-16-pages',
      'pipe.direction.read-end-cannot-write',
      'pipe.atomicity.concurrent-writes-up-to-pipe-buf-never-interleave',
    ]) {
      expect((await checkOnHost(id)).status, id).toBe('passed');
    }
  });

  test('a fixture and an FFI probe that disagree make the property broken, with both observations', async () => {
    // The fault reaches only the C fixture here, so the two paths see different pipes.
    class FixtureOnlyFault extends HostEnvironment {
      override fixtureCommand(fixture: string): string[] {
        return ['env', `LD_PRELOAD=${faultShim('small_pipe')}`, ...super.fixtureCommand(fixture)];
      }
    }
    const { mechanism, property } = await propertyById('pipe.capacity.default-is-16-pages');
    const verdict = await checkProperty(mechanism, property, new FixtureOnlyFault({ name: 'split' }));
    expect(verdict.status).toBe('broken');
    expect(verdict.reason).toMatch(/probes disagree: fixture pipe\/default-capacity: value=4096.*ffi pipe.default-capacity: value=\d{5,}/);
    expect(verdict.observations).toHaveLength(2);
  });

  test('a missing requirement is skipped with the reason, never failed', async () => {
    class Unprivileged extends HostEnvironment {
      override async facts() {
        const facts = await super.facts();
        return { ...facts, offers: { ...facts.offers, 'other-uid': { ok: false as const, reason: 'requires other-uid: test' } } };
      }
    }
    const { mechanism, property } = await propertyById('fifo.permissions.mode-is-enforced-for-another-uid');
    const verdict = await checkProperty(mechanism, property, new Unprivileged());
    expect(verdict).toMatchObject({ status: 'skipped', reason: 'requires other-uid: test', observations: [] });
  });
});

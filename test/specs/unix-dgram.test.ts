import { describe, expect, test } from 'vitest';
import { checkOnHost } from '../support/kit.js';

describe('unix-dgram fault detection', () => {
  test('recv ignoring MSG_TRUNC fails the real-length property with the 4 bytes copied, on both paths', async () => {
    const verdict = await checkOnHost('unix-dgram.boundaries.recv-with-msg-trunc-returns-the-full-length', 'unix_recv_ignores_msg_trunc');
    expect(verdict.status).toBe('failed');
    expect(verdict.expected).toMatchObject({ equals: 10, datagram_size: 10 });
    expect(verdict.observed).toMatchObject({ value: 4 });
    expect(verdict.observations.map((o) => o.value)).toEqual([4, 4]);
  });

  test('the same fault leaves the one-datagram-per-recv property passing', async () => {
    const verdict = await checkOnHost('unix-dgram.boundaries.each-recv-returns-one-datagram', 'unix_recv_ignores_msg_trunc');
    expect(verdict.status, verdict.reason).toBe('passed');
  });
  test('a full receiver that drops datagrams like UDP fails the EAGAIN property: the sender is never refused', async () => {
    const verdict = await checkOnHost(
      'unix-dgram.blocking.msg-dontwait-send-to-a-full-receiver-gives-eagain',
      'unix_dgram_drops_when_full',
    );
    expect(verdict.status).toBe('failed');
    expect(verdict.expected).toEqual({ errno: 'EAGAIN' });
    expect(verdict.observed).toMatchObject({ errno: null });
    // Every send of the fill loop was accepted, on both paths.
    expect(verdict.observations.map((o) => o.value)).toEqual([10000, 10000]);
  });

  test('the same fault leaves the MSG_DONTWAIT receive on an empty socket passing', async () => {
    const verdict = await checkOnHost(
      'unix-dgram.blocking.msg-dontwait-recv-on-an-empty-socket-gives-eagain',
      'unix_dgram_drops_when_full',
    );
    expect(verdict.status, verdict.reason).toBe('passed');
  });
});

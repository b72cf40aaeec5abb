import { describe, expect, test } from 'vitest';
import { checkOnHost } from '../support/kit.js';

describe('unix-seqpacket fault detection', () => {
  test('a seqpacket socket that is really a stream fails the boundary property with both sends read at once', async () => {
    const verdict = await checkOnHost('unix-seqpacket.boundaries.each-recv-returns-one-message', 'unix_seqpacket_is_stream');
    expect(verdict.status).toBe('failed');
    expect(verdict.expected).toEqual({ equals: 3 });
    expect(verdict.observed).toMatchObject({ value: 7 });
    expect(verdict.observations.map((o) => o.value)).toEqual([7, 7]);
  });

  test('the same fault leaves the end-of-file property passing (a stream ends the same way)', async () => {
    const verdict = await checkOnHost('unix-seqpacket.lifecycle.read-after-peer-closed-gives-eof', 'unix_seqpacket_is_stream');
    expect(verdict.status, verdict.reason).toBe('passed');
  });

  test('the unfaulted host passes every property the faults above break', async () => {
    for (const id of [
      'unix-stream.permissions.so-peercred-reports-the-connecting-peer-pid',
      'unix-dgram.boundaries.recv-with-msg-trunc-returns-the-full-length',
      'unix-seqpacket.boundaries.each-recv-returns-one-message',
      'unix-stream.kin.too-small-a-control-buffer-sets-msg-ctrunc',
      'unix-dgram.blocking.msg-dontwait-send-to-a-full-receiver-gives-eagain',
    ]) {
      const verdict = await checkOnHost(id);
      expect(verdict.status, `${id}: ${verdict.reason}`).toBe('passed');
    }
  });
});

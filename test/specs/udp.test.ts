// The udp properties can fail: fault shims that break one documented rule make exactly the
// property they break fail, with the measured value, while one they leave alone passes. And a probe
// killed while blocked in recv leaves no socket, no helper process and no temporary folder behind.
import { describe, test } from 'vitest';
import { expectAllPass, expectFaultFails, expectPasses } from '../support/faults.js';
import { describeInetCleanup } from '../support/inetSockets.js';

describe('udp fault detection', () => {
  test('a recv that merges queued datagrams fails the boundary property with the merged 7 bytes', async () => {
    await expectFaultFails('udp.boundaries.each-recv-returns-exactly-one-datagram', 'udp_recv_merges_datagrams', {
      expected: { equals: 3 },
      observed: { value: 7, errno: null },
      valuePerProbe: [7, 7],
    });
  });

  test('the same fault leaves the EMSGSIZE limit passing', async () => {
    await expectPasses('udp.limits.datagram-above-65507-bytes-gives-emsgsize', 'udp_recv_merges_datagrams');
  });

  test('the unfaulted host passes both', async () => {
    await expectAllPass(['udp.boundaries.each-recv-returns-exactly-one-datagram', 'udp.limits.datagram-above-65507-bytes-gives-emsgsize']);
  });
});

describeInetCleanup('udp', 'udp');

// The tcp properties can fail: fault shims that break one documented rule make exactly the
// property they break fail, with the measured value, while one they leave alone passes. And a probe
// killed while blocked in recv leaves no socket, no helper process and no temporary folder behind.
import { describe, expect, test } from 'vitest';
import { expectAllPass, expectFaultFails, expectPasses } from '../support/faults.js';
import { describeInetCleanup } from '../support/inetSockets.js';

describe('tcp fault detection', () => {
  test('sends whose halves are swapped fail the IPv4 ordering property with the misplaced byte count', async () => {
    const verdict = await expectFaultFails('tcp.ordering.bytes-arrive-complete-and-in-order-over-ipv4', 'tcp_sends_reordered', {
      expected: { equals: 0 },
      observed: { errno: null },
    });
    const [observation] = verdict.observations;
    expect(observation?.value).toBeGreaterThan(1000);
    // Every byte arrived, only in the wrong place: the count is about order, not loss.
    expect(observation?.evidence).toMatchObject({ bytes_sent: 1048576, bytes_received: 1048576 });
  });

  test('the same fault leaves the byte-count boundary property passing', async () => {
    await expectPasses('tcp.boundaries.two-sends-can-come-out-of-one-recv', 'tcp_sends_reordered');
  });

  test('a connect() that hides ECONNREFUSED fails the no-listener property with the success it measured', async () => {
    await expectFaultFails('tcp.lifecycle.connect-to-a-port-without-listener-gives-econnrefused', 'tcp_connect_refusal_hidden', {
      expected: { errno: 'ECONNREFUSED' },
      observed: { value: 0, errno: null },
      valuePerProbe: [0, 0], // the C fixture and the FFI path both met the shim
    });
  });

  test('the same fault leaves port exclusivity passing', async () => {
    await expectPasses('tcp.limits.second-listener-on-a-port-gives-eaddrinuse', 'tcp_connect_refusal_hidden');
  });

  test('the unfaulted host passes all of these', async () => {
    await expectAllPass([
      'tcp.ordering.bytes-arrive-complete-and-in-order-over-ipv4',
      'tcp.boundaries.two-sends-can-come-out-of-one-recv',
      'tcp.lifecycle.connect-to-a-port-without-listener-gives-econnrefused',
      'tcp.limits.second-listener-on-a-port-gives-eaddrinuse',
    ]);
  });
});

describeInetCleanup('tcp', 'tcp');

// The tcp and udp properties can fail: fault shims that reorder TCP sends, hide a refused connect
// or merge UDP datagrams make exactly the property they break fail, with the measured value, while
// one they leave alone passes. And a probe killed while blocked in recv leaves no socket, no helper
// process and no temporary folder behind.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import type { ExecOptions } from '../runners/environments/environment.js';
import { HostEnvironment } from '../runners/environments/host.js';
import { runCommand } from '../runners/process/runCommand.js';
import { scratchDirForEachTest, startBlockingProbe, waitUntil } from './support/blockingProbe.js';
import { expectAllPass, expectFaultFails, expectPasses } from './support/faults.js';
import { processesRunning } from './support/leftovers.js';
import { fixtureBinaryName } from '../runners/core/fixtureBinary.js';

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

/** A host whose probes run with a TMPDIR the test chose, so that it can look at what is left there. */
class HostWithTmpdir extends HostEnvironment {
  constructor(private readonly tmpdir: string) {
    super({ name: 'host+tmpdir' });
  }
  override exec(argv: readonly string[], options: ExecOptions) {
    return runCommand(argv, { timeoutMs: options.timeoutMs, env: { ...options.env, TMPDIR: this.tmpdir } });
  }
}

/** Inodes of the sockets that pid holds open. */
function socketInodesOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/fd`).flatMap((fd) => {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`, 'utf8'));
      return match ? [Number(match[1])] : [];
    });
  } catch {
    return []; // the process ended meanwhile
  }
}

/** Inodes of the kernel's inet sockets of one protocol that some process still owns (TIME_WAIT entries have inode 0). */
function inetSocketInodes(protocol: 'tcp' | 'udp'): Set<number> {
  const inodes = new Set<number>();
  for (const table of [`/proc/net/${protocol}`, `/proc/net/${protocol}6`]) {
    let rows: string[];
    try {
      rows = readFileSync(table, 'utf8').trim().split('\n').slice(1);
    } catch {
      continue; // no IPv6 here
    }
    for (const row of rows) {
      const inode = Number(row.trim().split(/\s+/)[9]);
      if (inode > 0) inodes.add(inode);
    }
  }
  return inodes;
}

const unique = (values: number[]) => [...new Set(values)];

describe.each([
  { protocol: 'tcp' as const, fixture: 'tcp' },
  { protocol: 'udp' as const, fixture: 'udp' },
])('$protocol cleanup', ({ protocol, fixture }) => {
  const scratch = scratchDirForEachTest(`ipc-conformance-${protocol}-kill-`);

  test('a probe killed while blocked in recv leaves no socket, helper process or temporary folder', async () => {
    const command = `${fixtureBinaryName(fixture)} recv-empty-blocks 5000`;
    const probe = startBlockingProbe(new HostWithTmpdir(scratch()), { fixture, case: 'recv-empty-blocks', args: { delay_ms: 5000 } }, 1500);

    // While it blocks: the probe and its sending helper run, and their sockets are in the kernel's table.
    let pids: number[] = [];
    let sockets: number[] = [];
    const seen = await probe.whileRunning(() => {
      pids = processesRunning(command);
      const table = inetSocketInodes(protocol);
      sockets = unique(pids.flatMap(socketInodesOf)).filter((inode) => table.has(inode));
      return pids.length >= 2 && sockets.length >= 2;
    });
    expect(seen, `the blocked ${fixtureBinaryName(fixture)}, its helper and their two sockets`).toBe(true);

    await probe.expectStoppedByTimeLimit();
    expect(await waitUntil(() => processesRunning(command).length === 0, { withinMs: 2000, everyMs: 20 })).toBe(true);
    const stillOpen = () => sockets.filter((inode) => inetSocketInodes(protocol).has(inode));
    await waitUntil(() => stillOpen().length === 0, { withinMs: 2000, everyMs: 20 });
    expect(stillOpen()).toEqual([]);
    expect(await readdir(scratch())).toEqual([]);
  });
});

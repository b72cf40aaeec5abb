// What a killed inet-socket probe must not leave: its sockets in the kernel's tables, its helper,
// its temporary folder. Shared by the tcp and udp tests (test/specs/tcp.test.ts, udp.test.ts).
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { fixtureBinaryName } from '../../runners/core/fixtureBinary.js';
import type { ExecOptions } from '../../runners/environments/environment.js';
import { HostEnvironment } from '../../runners/environments/host.js';
import { runCommand } from '../../runners/process/runCommand.js';
import { scratchDirForEachTest, startBlockingProbe, waitUntil } from './blockingProbe.js';
import { processesRunning } from './leftovers.js';

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

/** The cleanup tests of one inet protocol's probe (its fixture has the case recv-empty-blocks). */
export function describeInetCleanup(protocol: 'tcp' | 'udp', fixture: string): void {
  describe(`${protocol} cleanup`, () => {
    const scratch = scratchDirForEachTest(`ipc-conformance-${protocol}-kill-`);

    test('a probe killed while blocked in recv leaves no socket, helper process or temporary folder', async () => {
      const command = `${fixtureBinaryName(fixture)} recv-empty-blocks 5000`;
      const probe = startBlockingProbe(
        new HostWithTmpdir(scratch()),
        { fixture, case: 'recv-empty-blocks', args: { delay_ms: 5000 } },
        1500,
      );

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
}

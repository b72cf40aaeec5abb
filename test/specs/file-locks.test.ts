// File locks in the kit: a shim whose F_GETLK hides every conflicting lock must fail the property
// about what F_GETLK reports, with the F_UNLCK it measured, and a shim whose close() spares a
// descriptor of a file still open elsewhere must fail the close-releases-locks property; properties
// they leave alone still pass, as does the unfaulted host. A probe stopped while it waits in
// F_SETLKW must leave no process, no file and no lock behind.
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { HostEnvironment } from '../../runners/environments/host.js';
import { startBlockingProbe } from '../support/blockingProbe.js';
import { expectAllPass, expectFaultFails, expectPasses } from '../support/faults.js';
import { processesRunning } from '../support/leftovers.js';

const GETLK_HIDDEN = 'file_locks_getlk_reports_unlocked';
const CLOSE_SPARED = 'file_locks_close_keeps_record_locks';

describe('file-locks fault detection', () => {
  test('an F_GETLK that always answers F_UNLCK fails the reported-lock property with the F_UNLCK it measured', async () => {
    await expectFaultFails('file-locks.record.getlk-reports-the-conflicting-lock-type-and-range', GETLK_HIDDEN, {
      expected: { equals: 'F_WRLCK start=100 len=50' },
      observed: { value: 'F_UNLCK' },
      valuePerProbe: ['F_UNLCK'],
    });
  });

  test('the same fault leaves the F_SETLK conflict and the OFD l_pid alone', async () => {
    await expectAllPass(
      ['file-locks.record.setlk-over-another-process-write-lock-is-refused', 'file-locks.ofd.getlk-reports-l-pid-minus-one'],
      GETLK_HIDDEN,
    );
  });

  test('a close() that spares a second descriptor of the file keeps the lock, on both ways of closing one', async () => {
    await expectFaultFails('file-locks.record.closing-any-descriptor-of-the-file-releases-the-process-locks', CLOSE_SPARED, {
      expected: { equals: false },
      observed: { value: true },
      valuePerProbe: [true, true],
    });
  });

  test('the close fault leaves the release at exit alone', async () => {
    await expectPasses('file-locks.record.locks-are-released-when-the-process-exits', CLOSE_SPARED);
  });

  test('the unfaulted host passes the properties the shims break', async () => {
    await expectAllPass([
      'file-locks.record.getlk-reports-the-conflicting-lock-type-and-range',
      'file-locks.record.closing-any-descriptor-of-the-file-releases-the-process-locks',
    ]);
  });
});

/** The probe's locked file, found through the descriptors of a process running `command`. */
function lockedFileOf(command: string): { path: string; inode: number } | undefined {
  for (const pid of processesRunning(command)) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // gone meanwhile
    }
    for (const fd of fds) {
      try {
        const path = readlinkSync(`/proc/${pid}/fd/${fd}`);
        if (/\/ipc-conformance-[^/]+\/locked$/.test(path)) return { path, inode: statSync(path).ino };
      } catch {
        // closed or gone meanwhile
      }
    }
  }
  return undefined;
}

/** The lines of /proc/locks about an inode (its third colon-separated field of "MAJ:MIN:INODE"). */
const locksOn = (inode: number) =>
  readFileSync('/proc/locks', 'utf8')
    .split('\n')
    .filter((line) => line.split(/\s+/).some((field) => field.split(':')[2] === String(inode)));

describe('file-locks cleanup', () => {
  test('a probe stopped while it waits in F_SETLKW leaves no process, no file and no lock behind', async () => {
    const command = 'setlkw-waits-for-holder 5000';
    const probe = startBlockingProbe(
      new HostEnvironment(),
      { fixture: 'file-locks', case: 'setlkw-waits-for-holder', args: { delay_ms: 5000 } },
      600,
    );
    let file: { path: string; inode: number } | undefined;
    let lockedWhileRunning: string[] = [];
    await probe.whileRunning(() => {
      file ??= lockedFileOf(command);
      if (file) lockedWhileRunning = locksOn(file.inode);
      return lockedWhileRunning.length > 0 && processesRunning(command).length === 2;
    }, 5);
    await probe.expectStoppedByTimeLimit();
    expect(file, 'the probe made its file before it was stopped').toBeDefined();
    expect(lockedWhileRunning.length, 'the helper held its lock (and the probe waited) before the stop').toBeGreaterThan(0);

    expect(processesRunning(command)).toEqual([]);
    expect(existsSync(file!.path)).toBe(false);
    expect(locksOn(file!.inode)).toEqual([]);
  });
});

// Single-process file lock observations through libc, the FFI counterparts of the
// c-fixtures/file-locks/ cases of the same names. Record locks are observed only by another process
// (a process's own locks never conflict with it), so the record lock properties have no FFI probe:
// looking through F_OFD_GETLK would tie them to open file description locks, which not every
// system offers (gVisor refuses them). Each probe locks one file, made 0600 in a private folder;
// every descriptor is closed and the folder removed in a finally block.
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import koffi from 'koffi';
import type { FfiProbeTable } from './ffiProbe.js';
import { closeAll, errnoName, type FfiObservation, libc, libcBindings, O_CREAT, O_EXCL, O_RDWR, observed } from './libc.js';

// <fcntl.h> and <sys/file.h> on Linux (64-bit struct flock).
const F_GETLK = 5;
const F_OFD_GETLK = 36;
const F_OFD_SETLK = 37;
const F_RDLCK = 0;
const F_WRLCK = 1;
const F_UNLCK = 2;
const LOCK_EX = 2;
const LOCK_NB = 4;
const SEEK_SET = 0;

interface Flock {
  l_type: number;
  l_whence: number;
  l_start: number;
  l_len: number;
  l_pid: number;
}

const locks = libcBindings((lib) => {
  const flockType = koffi.struct('file_locks_flock', {
    l_type: 'short',
    l_whence: 'short',
    l_start: 'int64_t',
    l_len: 'int64_t',
    l_pid: 'int',
  });
  return {
    fcntlLock: lib.func('fcntl', 'int', ['int', 'int', koffi.inout(koffi.pointer(flockType))]),
    flock: lib.func('int flock(int fd, int operation)'),
    dup: lib.func('int dup(int fd)'),
    getpid: lib.func('int getpid(void)'),
  };
});

const request = (type: number, start: number, len: number, pid = 0): Flock => ({
  l_type: type,
  l_whence: SEEK_SET,
  l_start: start,
  l_len: len,
  l_pid: pid,
});

/** fcntl(fd, cmd, {type, SEEK_SET, start, len}); the result, errno left for errnoName. */
const recordLock = (fd: number, cmd: number, type: number, start: number, len: number) =>
  locks().fcntlLock(fd, cmd, request(type, start, len)) as number;

/** F_GETLK or F_OFD_GETLK for a write lock over start/len: the answer; throws when the call fails. */
function query(fd: number, cmd: number, start: number, len: number): Flock {
  const lock = request(F_WRLCK, start, len);
  if (locks().fcntlLock(fd, cmd, lock) !== 0) {
    if (cmd === F_OFD_GETLK) throw new Refused('F_OFD_GETLK', errnoName());
    throw new Error(`fcntl(GETLK) failed: ${errnoName()}`);
  }
  return lock;
}

const TYPE_NAMES: Record<number, string> = { [F_RDLCK]: 'F_RDLCK', [F_WRLCK]: 'F_WRLCK', [F_UNLCK]: 'F_UNLCK' };

/** As the fixture's describe_lock: "F_UNLCK" or "F_WRLCK start=100 len=50". */
const describe = (lock: Flock) =>
  lock.l_type === F_UNLCK ? 'F_UNLCK' : `${TYPE_NAMES[lock.l_type] ?? 'unknown'} start=${lock.l_start} len=${lock.l_len}`;

/** "granted" when result is 0, else the errno name, as the fixture's lock_outcome. */
const outcome = (result: number) => (result === 0 ? 'granted' : errnoName());

/**
 * The system refused a call a probe needs to set up its observation (a runtime without open file
 * description locks answers F_OFD_SETLK with EINVAL): withLockFile makes that the observation, as
 * the fixture's report_refused does.
 */
class Refused extends Error {
  constructor(
    readonly call: string,
    readonly errno: string,
    readonly value: string | null = null,
  ) {
    super(`${call} refused: ${errno}`);
  }
}

/** What a probe does with its file: every open() of it is another open file description. */
interface LockFile {
  open(): number;
  /** Closes a descriptor open() gave, before the end (and not again at the end). */
  close(fd: number): void;
}

/** Makes the file (0600) in a private folder, runs body, then closes what it opened and removes both. */
function withLockFile(body: (file: LockFile) => FfiObservation): FfiObservation {
  const dir = mkdtempSync(join(tmpdir(), 'ipc-conformance-'));
  const opened: number[] = [];
  try {
    const path = join(dir, 'locked');
    closeSync(openSync(path, O_CREAT | O_EXCL | O_RDWR, 0o600)); // before any lock exists
    return body({
      open() {
        const fd = libc().open(path, O_RDWR) as number;
        if (fd < 0) throw new Error(`open(${path}) failed: ${errnoName()}`);
        opened.push(fd);
        return fd;
      },
      close(fd) {
        opened.splice(opened.indexOf(fd), 1);
        libc().close(fd);
      },
    });
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    return observed({ value: error.value, errno: error.errno, evidence: { refused: error.call } });
  } finally {
    closeAll(...opened);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An OFD write lock over the whole file through a new open(); returns that descriptor. */
function ofdLocked(file: LockFile): number {
  const fd = file.open();
  if (recordLock(fd, F_OFD_SETLK, F_WRLCK, 0, 0) !== 0) throw new Refused('F_OFD_SETLK', errnoName());
  return fd;
}

/** Whether F_OFD_GETLK through a new open() finds a conflicting lock. */
const anotherOpenSeesALock = (file: LockFile) => query(file.open(), F_OFD_GETLK, 0, 0).l_type !== F_UNLCK;

export const probes: FfiProbeTable = {
  'file-locks.getlk-free-range': () => withLockFile((file) => observed({ value: describe(query(file.open(), F_GETLK, 0, 0)) })),

  'file-locks.ofd-survives-closing-other-open': () =>
    withLockFile((file) => {
      ofdLocked(file);
      file.close(file.open()); // closing another descriptor of the same file, in the same process
      return observed({ value: anotherOpenSeesALock(file) });
    }),

  'file-locks.ofd-shared-through-dup': () =>
    withLockFile((file) => {
      const fd = ofdLocked(file);
      const copy = locks().dup(fd) as number;
      if (copy < 0) throw new Error(`dup failed: ${errnoName()}`);
      file.close(fd);
      const stillLocked = anotherOpenSeesALock(file);
      const value = outcome(recordLock(copy, F_OFD_SETLK, F_WRLCK, 0, 0));
      libc().close(copy);
      return observed({
        value,
        evidence: { locked_after_closing_the_original: stillLocked, locked_after_closing_the_last_copy: anotherOpenSeesALock(file) },
      });
    }),

  'file-locks.ofd-second-open-conflicts': () =>
    withLockFile((file) => {
      ofdLocked(file);
      const result = recordLock(file.open(), F_OFD_SETLK, F_WRLCK, 0, 0);
      return observed({ value: outcome(result), errno: result === 0 ? null : errnoName() });
    }),

  'file-locks.ofd-getlk-pid': () =>
    withLockFile((file) => {
      ofdLocked(file);
      const found = query(file.open(), F_OFD_GETLK, 0, 0);
      return observed({ value: found.l_pid, evidence: { reported: describe(found), pid: locks().getpid() as number } });
    }),

  'file-locks.ofd-nonzero-pid': () =>
    withLockFile((file) => {
      const fd = file.open();
      // The same request with l_pid 0 first: an EINVAL is about l_pid only if that one is granted.
      if (recordLock(fd, F_OFD_SETLK, F_WRLCK, 0, 0) !== 0 || recordLock(fd, F_OFD_SETLK, F_UNLCK, 0, 0) !== 0) {
        const errno = errnoName();
        throw new Refused('F_OFD_SETLK with l_pid 0', errno, `refused with l_pid 0 too (${errno})`);
      }
      const pid = locks().getpid() as number;
      const result = locks().fcntlLock(fd, F_OFD_SETLK, request(F_WRLCK, 0, 0, pid)) as number;
      return observed({ value: outcome(result), errno: result === 0 ? null : errnoName(), evidence: { l_pid: pid } });
    }),

  'file-locks.flock-second-open-conflicts': () =>
    withLockFile((file) => {
      if (locks().flock(file.open(), LOCK_EX) !== 0) throw new Error(`flock(LOCK_EX) failed: ${errnoName()}`);
      const result = locks().flock(file.open(), LOCK_EX | LOCK_NB) as number;
      return observed({ value: outcome(result), errno: result === 0 ? null : errnoName() });
    }),

  'file-locks.flock-shared-through-dup': () =>
    withLockFile((file) => {
      const fd = file.open();
      if (locks().flock(fd, LOCK_EX) !== 0) throw new Error(`flock(LOCK_EX) failed: ${errnoName()}`);
      const copy = locks().dup(fd) as number;
      if (copy < 0) throw new Error(`dup failed: ${errnoName()}`);
      const value = outcome(locks().flock(copy, LOCK_EX | LOCK_NB) as number);
      file.close(fd);
      const other = outcome(locks().flock(file.open(), LOCK_EX | LOCK_NB) as number);
      libc().close(copy);
      return observed({ value, evidence: { other_open_after_closing_the_original: other } });
    }),
};

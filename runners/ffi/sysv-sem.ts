// Single-process System V semaphore observations through libc, the FFI counterparts of
// c-fixtures/sysv-sem/ cases of the same names. Each removes the set it made, also when a
// call throws.

import type { FfiProbeTable } from './ffiProbe.js';
import { IPC_CREAT, IPC_EXCL, IPC_NOWAIT, IPC_RMID, IPC_STAT, probeKey } from './ipc.js';
import { errnoOf, type FfiObservation, libcBindings, observed, withSysctl } from './libc.js';

// <sys/sem.h> (Linux, glibc).
const GETVAL = 12;
const SETVAL = 16;
// SEMVMX, the largest semaphore value: a compile-time constant of Linux (<linux/sem.h>).
const SEMVMX = 32767;

// struct semid_ds on 64-bit glibc: sem_nsems is an unsigned long at byte 80 of 104.
const SEMID_DS_SIZE = 104;
const SEM_NSEMS_OFFSET = 80;
// struct sembuf: unsigned short sem_num, short sem_op, short sem_flg.
const SEMBUF_SIZE = 6;

const KERNEL_SEM_PATH = '/proc/sys/kernel/sem';

const sysv = libcBindings((lib) => ({
  semget: lib.func('int semget(int key, int nsems, int semflg)'),
  semop: lib.func('int semop(int semid, uint8_t *sops, size_t nsops)'),
  // Variadic: the fourth argument (union semun) is passed as a typed pair, e.g. 'int', 5.
  semctl: lib.func('int semctl(int semid, int semnum, int cmd, ...)'),
}));

/** Runs `body` on a new 0600 set of `nsems` and removes the set afterwards. */
function withSet(nsems: number, body: (set: number) => FfiObservation): FfiObservation {
  const set = sysv().semget(probeKey(), nsems, IPC_CREAT | IPC_EXCL | 0o600) as number;
  if (set < 0) throw new Error(`semget(${nsems}, IPC_CREAT|IPC_EXCL) failed: ${errnoOf(set)}`);
  try {
    return body(set);
  } finally {
    sysv().semctl(set, 0, IPC_RMID);
  }
}

function getValue(set: number, num: number): number {
  const value = sysv().semctl(set, num, GETVAL) as number;
  if (value < 0) throw new Error(`semctl(GETVAL) failed: ${errnoOf(value)}`);
  return value;
}

function setValue(set: number, num: number, value: number): void {
  if (sysv().semctl(set, num, SETVAL, 'int', value) !== 0) throw new Error(`semctl(SETVAL ${value}) failed: ${errnoOf(-1)}`);
}

const valuesText = (set: number, n: number) => Array.from({ length: n }, (_, i) => getValue(set, i)).join(',');

/** One semop of the given operations; returns its result and errno. */
function semop(set: number, operations: { num: number; op: number; flags: number }[]) {
  const sops = Buffer.alloc(SEMBUF_SIZE * operations.length);
  operations.forEach(({ num, op, flags }, i) => {
    sops.writeUInt16LE(num, i * SEMBUF_SIZE);
    sops.writeInt16LE(op, i * SEMBUF_SIZE + 2);
    sops.writeInt16LE(flags, i * SEMBUF_SIZE + 4);
  });
  const result = sysv().semop(set, sops, operations.length) as number;
  return { result, errno: errnoOf(result) };
}

type SemLimits = { semmsl: number; semmns: number; semopm: number; semmni: number };

/** Runs `body` with kernel.sem, or reports that it is unreadable, as the C probe does. */
function withSemLimits(body: (limits: SemLimits) => FfiObservation): FfiObservation {
  return withSysctl(KERNEL_SEM_PATH, (text) => {
    const [semmsl, semmns, semopm, semmni] = text.split(/\s+/).map(Number);
    if ([semmsl, semmns, semopm, semmni].some((n) => n === undefined || !Number.isInteger(n))) {
      throw new Error(`${KERNEL_SEM_PATH} does not hold four numbers: '${text}'`);
    }
    return body({ semmsl: semmsl!, semmns: semmns!, semopm: semopm!, semmni: semmni! });
  });
}

/** One IPC_NOWAIT operation on a one-semaphore set holding `initial`. */
function nonblockingOperation(initial: number, op: number): FfiObservation {
  return withSet(1, (set) => {
    setValue(set, 0, initial);
    const { result, errno } = semop(set, [{ num: 0, op, flags: IPC_NOWAIT }]);
    return observed({ value: result, errno, evidence: { initial, value_after: getValue(set, 0) } });
  });
}

/** semget of `nsems`; value = the set's sem_nsems, or null with the errno. */
function observeSetOf(nsems: number, limits: SemLimits): FfiObservation {
  const set = sysv().semget(probeKey(), nsems, IPC_CREAT | IPC_EXCL | 0o600) as number;
  const errno = errnoOf(set);
  const evidence = { ...limits, nsems };
  if (set < 0) return observed({ value: null, errno, evidence });
  try {
    const status = Buffer.alloc(SEMID_DS_SIZE);
    if (sysv().semctl(set, 0, IPC_STAT, 'uint8_t *', status) !== 0) throw new Error(`semctl(IPC_STAT) failed: ${errnoOf(-1)}`);
    return observed({ value: Number(status.readBigUInt64LE(SEM_NSEMS_OFFSET)), evidence });
  } finally {
    sysv().semctl(set, 0, IPC_RMID);
  }
}

export const probes: FfiProbeTable = {
  'sysv-sem.p-at-zero-nonblocking': () => nonblockingOperation(0, -1),

  'sysv-sem.wait-for-zero-nonblocking': () => nonblockingOperation(1, 0),

  'sysv-sem.all-or-none-nonblocking': () =>
    withSet(2, (set) => {
      setValue(set, 0, 1);
      const { result, errno } = semop(set, [
        { num: 0, op: -1, flags: IPC_NOWAIT },
        { num: 1, op: -1, flags: IPC_NOWAIT },
      ]);
      return observed({ value: valuesText(set, 2), errno, evidence: { before: '1,0', semop_result: result } });
    }),

  'sysv-sem.nsems-above-semmsl': () => withSemLimits((limits) => observeSetOf(limits.semmsl + 1, limits)),

  'sysv-sem.nsems-semmsl': () => withSemLimits((limits) => observeSetOf(limits.semmsl, limits)),

  'sysv-sem.ops-above-semopm': () =>
    withSemLimits((limits) =>
      withSet(1, (set) => {
        // Wait-for-zero on a semaphore at 0: each one alone would succeed at once.
        const operations = Array.from({ length: limits.semopm + 1 }, () => ({ num: 0, op: 0, flags: IPC_NOWAIT }));
        const { result, errno } = semop(set, operations);
        return observed({ value: result, errno, evidence: { ...limits, nsops: operations.length } });
      }),
    ),

  'sysv-sem.setval-above-semvmx': () =>
    withSet(1, (set) => {
      const result = sysv().semctl(set, 0, SETVAL, 'int', SEMVMX + 1) as number;
      const errno = errnoOf(result);
      return observed({ value: result, errno, evidence: { semvmx: SEMVMX, requested: SEMVMX + 1, value_after: getValue(set, 0) } });
    }),

  'sysv-sem.new-set-zero': () => withSet(4, (set) => observed({ value: valuesText(set, 4) })),
};

// Single-process System V semaphore observations through libc, the FFI counterparts of
// c-fixtures/sysv-sem/ cases of the same names. Each removes the set it made, also when a
// call throws.

import type { FfiProbeTable } from './ffiProbe.js';
import { IPC_CREAT, IPC_EXCL, IPC_NOWAIT, IPC_PRIVATE, IPC_RMID, IPC_SET, IPC_STAT, probeKey } from './ipc.js';
import { errnoOf, type FfiObservation, libcBindings, modeText, observed, withSysctl } from './libc.js';

// <sys/sem.h> (Linux, glibc).
const GETPID = 11;
const GETVAL = 12;
const GETALL = 13;
const SETVAL = 16;
const SETALL = 17;
// SEMVMX, the largest semaphore value: a compile-time constant of Linux (<linux/sem.h>).
const SEMVMX = 32767;

// struct semid_ds on 64-bit glibc: sem_nsems is an unsigned long at byte 80 of 104.
const SEMID_DS_SIZE = 104;
const SEM_NSEMS_OFFSET = 80;
const PERM_MODE_OFFSET = 20;
const SEM_OTIME_OFFSET = 48;
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

function statSet(set: number): Buffer {
  const status = Buffer.alloc(SEMID_DS_SIZE);
  if (sysv().semctl(set, 0, IPC_STAT, 'uint8_t *', status) !== 0) throw new Error(`semctl(IPC_STAT) failed: ${errnoOf(-1)}`);
  return status;
}

/** SETALL of `values` (unsigned shorts); returns semctl's result. */
function setAll(set: number, values: number[]): number {
  const array = Buffer.alloc(2 * values.length);
  values.forEach((value, i) => {
    array.writeUInt16LE(value, 2 * i);
  });
  return sysv().semctl(set, 0, SETALL, 'uint8_t *', array) as number;
}

/** A lookup that should fail; a set it makes or finds anyway is removed. */
function observeLookup(id: number, evidence: FfiObservation['evidence'] = {}): FfiObservation {
  const errno = errnoOf(id);
  if (id >= 0) sysv().semctl(id, 0, IPC_RMID);
  return observed({ value: id < 0 ? -1 : id, errno, evidence });
}

/** A call's result as the value, with its errno (read at once), and evidence gathered afterwards. */
function resultOf(result: number, evidence: () => FfiObservation['evidence'] = () => ({})): FfiObservation {
  const errno = errnoOf(result);
  return observed({ value: result, errno, evidence: evidence() });
}

export const probes: FfiProbeTable = {
  'sysv-sem.setall-getall': () =>
    withSet(3, (set) => {
      if (setAll(set, [1, 2, 3]) !== 0) throw new Error(`semctl(SETALL) failed: ${errnoOf(-1)}`);
      const array = Buffer.alloc(6);
      const result = sysv().semctl(set, 0, GETALL, 'uint8_t *', array) as number;
      const got = [0, 1, 2].map((i) => array.readUInt16LE(2 * i)).join(',');
      return observed({
        value: result === 0 ? got : null,
        errno: errnoOf(result),
        evidence: { getval_each: valuesText(set, 3), set: '1,2,3' },
      });
    }),

  'sysv-sem.setall-above-semvmx': () =>
    withSet(2, (set) => resultOf(setAll(set, [1, SEMVMX + 1]), () => ({ values_after: valuesText(set, 2), semvmx: SEMVMX }))),

  'sysv-sem.setval-negative': () =>
    withSet(1, (set) => {
      const result = sysv().semctl(set, 0, SETVAL, 'int', -1) as number;
      return resultOf(result, () => ({ value_after: getValue(set, 0) }));
    }),

  'sysv-sem.op-above-semvmx': () =>
    withSet(1, (set) => {
      setValue(set, 0, SEMVMX);
      const { result, errno } = semop(set, [{ num: 0, op: 1, flags: IPC_NOWAIT }]);
      return observed({ value: result, errno, evidence: { semvmx: SEMVMX, value_after: getValue(set, 0) } });
    }),

  'sysv-sem.sem-num-out-of-range': () =>
    withSet(2, (set) => resultOf(semop(set, [{ num: 2, op: 1, flags: IPC_NOWAIT }]).result, () => ({ nsems: 2, sem_num: 2 }))),

  'sysv-sem.new-set-otime-and-pid': () =>
    withSet(1, (set) => {
      const pid = sysv().semctl(set, 0, GETPID) as number;
      const otime = statSet(set).readBigInt64LE(SEM_OTIME_OFFSET);
      return observed({ value: `${otime},${pid}`, evidence: { fields: 'sem_otime,GETPID' } });
    }),

  'sysv-sem.ipc-set-mode': () =>
    withSet(1, (set) => {
      const status = statSet(set);
      status.writeUInt32LE(0o640, PERM_MODE_OFFSET);
      const result = sysv().semctl(set, 0, IPC_SET, 'uint8_t *', status) as number;
      const mode = modeText(statSet(set).readUInt32LE(PERM_MODE_OFFSET) & 0o777);
      return observed({ value: mode, errno: errnoOf(result), evidence: { requested: '0640' } });
    }),

  'sysv-sem.private-always-new': () => {
    const first = sysv().semget(IPC_PRIVATE, 1, 0o600) as number;
    const firstErrno = errnoOf(first);
    const second = sysv().semget(IPC_PRIVATE, 1, 0o600) as number;
    const secondErrno = errnoOf(second);
    for (const id of [first, second]) if (id >= 0) sysv().semctl(id, 0, IPC_RMID);
    return observed({ value: first >= 0 && second >= 0 && first !== second, errno: firstErrno ?? secondErrno });
  },

  'sysv-sem.existing-key-excl': () => withSet(1, () => observeLookup(sysv().semget(probeKey(), 1, IPC_CREAT | IPC_EXCL | 0o600) as number)),

  'sysv-sem.nsems-above-existing': () =>
    withSet(2, () => observeLookup(sysv().semget(probeKey(), 3, 0o600) as number, { existing_nsems: 2, requested_nsems: 3 })),

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

// Single-process POSIX semaphore observations through libc, the FFI counterparts of
// c-fixtures/posix-sem/ cases of the same names. Unnamed semaphores live in a Buffer and are
// destroyed after use; named ones are closed and unlinked, also when a call throws.
import { statSync } from 'node:fs';
import koffi from 'koffi';
import { type FfiArgs, type FfiProbeTable, ffiProbe, optionalParam } from './ffiProbe.js';
import { probeName } from './ipc.js';
import { errnoName, errnoOf, type FfiObservation, fsErrno, libcBindings, modeText, O_CREAT, O_EXCL, observed } from './libc.js';

const SC_SEM_VALUE_MAX = 33; // _SC_SEM_VALUE_MAX in glibc's <bits/confname.h>
const SEM_T_SIZE = 32; // sizeof(sem_t) on 64-bit glibc; 4-byte alignment suffices, a Buffer gives 8

const sem = libcBindings((lib) => ({
  sem_init: lib.func('int sem_init(uint8_t *sem, int pshared, uint32_t value)'),
  sem_destroy: lib.func('int sem_destroy(uint8_t *sem)'),
  sem_trywait: lib.func('int sem_trywait(uint8_t *sem)'),
  sem_post: lib.func('int sem_post(uint8_t *sem)'),
  sem_getvalue: lib.func('int sem_getvalue(uint8_t *sem, _Out_ int *value)'),
  sem_timedwait: lib.func('int sem_timedwait(uint8_t *sem, const uint8_t *deadline)'),
  // Named semaphores are opaque pointers into a mapping glibc made; SEM_FAILED is NULL.
  sem_open: lib.func('void *sem_open(const char *name, int oflag, ...)'),
  sem_close: lib.func('int sem_close(void *sem)'),
  sem_unlink: lib.func('int sem_unlink(const char *name)'),
  named_post: lib.func('int sem_post(void *sem)'),
  named_getvalue: lib.func('int sem_getvalue(void *sem, _Out_ int *value)'),
  named_wait: lib.func('int sem_wait(void *sem)'),
  sysconf: lib.func('long sysconf(int name)'),
}));

type NamedSemaphore = unknown;

/** Runs body on an unnamed, process-private semaphore with `value`, destroyed afterwards. */
function withUnnamed(value: number, body: (semaphore: Buffer) => FfiObservation): FfiObservation {
  const semaphore = Buffer.alloc(SEM_T_SIZE);
  if (sem().sem_init(semaphore, 0, value) !== 0) throw new Error(`sem_init(${value}) failed: ${errnoName()}`);
  try {
    return body(semaphore);
  } finally {
    sem().sem_destroy(semaphore);
  }
}

/** Runs body on a new named semaphore (0600, `value`), closed and unlinked afterwards. */
function withNamed(tag: string, value: number, body: (semaphore: NamedSemaphore, name: string) => FfiObservation): FfiObservation {
  const name = probeName(`ffi-${tag}`);
  const semaphore = sem().sem_open(name, O_CREAT | O_EXCL, 'uint32_t', 0o600, 'uint32_t', value);
  if (semaphore === null) throw new Error(`sem_open ${name} failed: ${errnoName()}`);
  try {
    return body(semaphore, name);
  } finally {
    sem().sem_close(semaphore);
    sem().sem_unlink(name);
  }
}

/** sem_getvalue on a named semaphore; null when it fails. */
function namedValue(semaphore: NamedSemaphore): number | null {
  const value = [0];
  return sem().named_getvalue(semaphore, value) === 0 ? value[0]! : null;
}

/** A small count argument of a probe (0..1000), or its default. */
function countArg(args: FfiArgs, name: string, fallback: number): number {
  const text = args[name] ?? String(fallback);
  const count = Number(text);
  if (!Number.isInteger(count) || count < 0 || count > 1000) throw new Error(`${name} must be 0..1000, got '${text}'`);
  return count;
}

/** sysconf(_SC_SEM_VALUE_MAX): the limit as the system reports it at run time. */
const semValueMax = () => Number(sem().sysconf(SC_SEM_VALUE_MAX));

/** A struct timespec (64-bit glibc: two 64-bit fields) for the CLOCK_REALTIME instant `fromNowMs` away. */
function deadline(fromNowMs: number, nsecOverride?: number): Buffer {
  const at = Date.now() + fromNowMs;
  const timespec = Buffer.alloc(16);
  timespec.writeBigInt64LE(BigInt(Math.floor(at / 1000)), 0);
  timespec.writeBigInt64LE(BigInt(nsecOverride ?? (at % 1000) * 1e6), 8);
  return timespec;
}

/** One sem_timedwait on an unnamed semaphore of `value`, reported as the fixture's timedwait cases do. */
function timedWaitObservation(value: number, timespec: Buffer): FfiObservation {
  return withUnnamed(value, (semaphore) => {
    const started = process.hrtime.bigint();
    const result = sem().sem_timedwait(semaphore, timespec) as number;
    const errno = errnoOf(result);
    const took = Number(process.hrtime.bigint() - started);
    const after = [0];
    sem().sem_getvalue(semaphore, after);
    return observed({
      value: result,
      errno,
      elapsed_ns: took,
      evidence: { initial_value: value, value_after: after[0]!, tv_nsec: Number(timespec.readBigInt64LE(8)) },
    });
  });
}

/** sem_open of a name that may not open: value = whether it did, errno when not; closed again. */
function openAttempt(opened: NamedSemaphore | null, evidence: FfiObservation['evidence'] = {}): FfiObservation {
  const errno = opened === null ? errnoName() : null;
  if (opened !== null) sem().sem_close(opened);
  return observed({ value: opened !== null, errno, evidence });
}

export const probes: FfiProbeTable = {
  'posix-sem.trywait-zero': () =>
    withUnnamed(0, (semaphore) => {
      const result = sem().sem_trywait(semaphore) as number;
      return observed({ value: result, errno: errnoOf(result) });
    }),

  'posix-sem.trywait-counts': ffiProbe([optionalParam('value', 'the initial value (default 3)')], ({ value: initialArg = '3' }) => {
    const initial = Number(initialArg);
    if (!Number.isInteger(initial) || initial < 0 || initial > 1000) throw new Error('trywait-counts needs a VALUE of 0..1000');
    return withUnnamed(initial, (semaphore) => {
      let taken = 0;
      while (taken <= initial && sem().sem_trywait(semaphore) === 0) taken++;
      return observed({ value: taken, errno: errnoName(), evidence: { initial_value: initial } });
    });
  }),

  'posix-sem.post-overflow': () => {
    // The <limits.h> constant is not visible from here; sysconf reports the same limit at run time.
    const max = Number(sem().sysconf(SC_SEM_VALUE_MAX));
    return withUnnamed(max, (semaphore) => {
      const result = sem().sem_post(semaphore) as number;
      const errno = errnoOf(result);
      const after = [0];
      sem().sem_getvalue(semaphore, after);
      return observed({ value: result, errno, evidence: { SEM_VALUE_MAX: max, value_after: after[0]! } });
    });
  },

  'posix-sem.value-max': () => {
    const value = Number(sem().sysconf(SC_SEM_VALUE_MAX));
    return observed({ value, errno: errnoOf(value) });
  },

  'posix-sem.named-in-dev-shm': () =>
    withNamed('listed', 0, (_semaphore, name) => {
      const path = `/dev/shm/sem.${name.slice(1)}`;
      try {
        const status = statSync(path);
        return observed({
          value: modeText(status.mode),
          evidence: { path, regular_file: status.isFile(), size: status.size },
        });
      } catch (error) {
        return observed({ value: null, errno: fsErrno(error), evidence: { path } });
      }
    }),

  'posix-sem.named-open-after-unlink': () =>
    withNamed('unlinked', 1, (_semaphore, name) => {
      if (sem().sem_unlink(name) !== 0) throw new Error(`sem_unlink failed: ${errnoName()}`);
      const again = sem().sem_open(name, 0);
      const errno = again === null ? errnoName() : null;
      if (again !== null) sem().sem_close(again);
      return observed({ value: again !== null, errno });
    }),

  'posix-sem.named-unlinked-still-usable': () =>
    withNamed('unlinked', 1, (semaphore, name) => {
      if (sem().sem_unlink(name) !== 0) throw new Error(`sem_unlink failed: ${errnoName()}`);
      const result = sem().named_post(semaphore) as number;
      if (result !== 0) return observed({ value: null, errno: errnoName(), evidence: { initial_value: 1 } });
      return observed({ value: namedValue(semaphore), evidence: { initial_value: 1 } });
    }),

  'posix-sem.named-existing-ignores-value': () =>
    withNamed('existing', 1, (_semaphore, name) => {
      const again = sem().sem_open(name, O_CREAT, 'uint32_t', 0o600, 'uint32_t', 5);
      if (again === null) return observed({ value: null, errno: errnoName() });
      try {
        return observed({ value: namedValue(again), evidence: { created_with: 1, reopened_with: 5 } });
      } finally {
        sem().sem_close(again);
      }
    }),
  'posix-sem.named-excl-existing': () =>
    withNamed('excl', 1, (_semaphore, name) => openAttempt(sem().sem_open(name, O_CREAT | O_EXCL, 'uint32_t', 0o600, 'uint32_t', 0))),

  'posix-sem.named-open-missing': () => {
    const name = probeName('ffi-missing');
    try {
      return openAttempt(sem().sem_open(name, 0));
    } finally {
      sem().sem_unlink(name); // in case a broken sem_open made it anyway
    }
  },

  'posix-sem.named-value-above-max': () => {
    const max = semValueMax();
    const name = probeName('ffi-toobig');
    try {
      return openAttempt(sem().sem_open(name, O_CREAT | O_EXCL, 'uint32_t', 0o600, 'uint32_t', max + 1), {
        SEM_VALUE_MAX: max,
        requested: max + 1,
      });
    } finally {
      sem().sem_unlink(name);
    }
  },

  'posix-sem.named-unlink-missing': () => {
    const result = sem().sem_unlink(probeName('ffi-never-made')) as number;
    return observed({ value: result, errno: errnoOf(result) });
  },

  'posix-sem.named-same-address-twice': () =>
    withNamed('twice', 0, (first, name) => {
      const second = sem().sem_open(name, 0);
      if (second === null) return observed({ value: false, errno: errnoName() });
      // glibc counts the opens of one mapping: close the second one as well.
      const same = koffi.address(second) === koffi.address(first);
      sem().sem_close(second);
      return observed({ value: same });
    }),

  'posix-sem.named-close-keeps-it': ffiProbe([optionalParam('value', 'the initial value (default 2)')], (args) => {
    const initial = countArg(args, 'value', 2);
    const name = probeName('ffi-closed');
    const semaphore = sem().sem_open(name, O_CREAT | O_EXCL, 'uint32_t', 0o600, 'uint32_t', initial);
    if (semaphore === null) throw new Error(`sem_open ${name} failed: ${errnoName()}`);
    try {
      const closed = sem().sem_close(semaphore) as number;
      const again = sem().sem_open(name, 0);
      if (again === null) return observed({ value: null, errno: errnoName(), evidence: { close_result: closed, initial_value: initial } });
      const value = namedValue(again);
      sem().sem_close(again);
      return observed({ value, evidence: { close_result: closed, initial_value: initial } });
    } finally {
      sem().sem_unlink(name);
    }
  }),

  'posix-sem.named-recreated-after-unlink': () =>
    withNamed('again', 1, (old, name) => {
      for (let i = 0; i < 2; i++) if (sem().named_post(old) !== 0) throw new Error(`sem_post failed: ${errnoName()}`);
      if (sem().sem_unlink(name) !== 0) throw new Error(`sem_unlink failed: ${errnoName()}`);
      const fresh = sem().sem_open(name, O_CREAT | O_EXCL, 'uint32_t', 0o600, 'uint32_t', 0);
      const evidence = { recreated_with: 0, old_value: namedValue(old) };
      if (fresh === null) return observed({ value: null, errno: errnoName(), evidence });
      try {
        return observed({
          value: namedValue(fresh),
          evidence: { ...evidence, distinct_handles: koffi.address(fresh) !== koffi.address(old) },
        });
      } finally {
        sem().sem_close(fresh);
      }
    }),

  'posix-sem.named-initial-value': ffiProbe([optionalParam('value', 'the initial value (default 5)')], (args) => {
    const initial = countArg(args, 'value', 5);
    return withNamed('initial', initial, (semaphore) => {
      const value = namedValue(semaphore);
      return observed({ value, errno: value === null ? errnoName() : null, evidence: { initial_value: initial } });
    });
  }),

  'posix-sem.getvalue-follows-operations': ffiProbe(
    [
      optionalParam('value', 'the initial value (default 2)'),
      optionalParam('posts', 'sem_post calls (default 3)'),
      optionalParam('waits', 'sem_wait calls, at most value + posts (default 1)'),
    ],
    (args) => {
      const initial = countArg(args, 'value', 2);
      const posts = countArg(args, 'posts', 3);
      const waits = countArg(args, 'waits', 1);
      if (waits > initial + posts) throw new Error('waits must be at most value + posts: a further sem_wait would block');
      return withNamed('count', initial, (semaphore) => {
        for (let i = 0; i < posts; i++) if (sem().named_post(semaphore) !== 0) throw new Error(`sem_post failed: ${errnoName()}`);
        for (let i = 0; i < waits; i++) if (sem().named_wait(semaphore) !== 0) throw new Error(`sem_wait failed: ${errnoName()}`);
        return observed({
          value: namedValue(semaphore),
          evidence: { initial_value: initial, posts, waits, expected: initial + posts - waits },
        });
      });
    },
  ),

  'posix-sem.init-value-above-max': () => {
    const max = semValueMax();
    const semaphore = Buffer.alloc(SEM_T_SIZE);
    const result = sem().sem_init(semaphore, 0, max + 1) as number;
    const errno = errnoOf(result);
    if (result === 0) sem().sem_destroy(semaphore);
    return observed({ value: result, errno, evidence: { SEM_VALUE_MAX: max, requested: max + 1 } });
  },

  'posix-sem.destroy-then-init': ffiProbe([optionalParam('value', 'the value of the second sem_init (default 4)')], (args) => {
    const again = countArg(args, 'value', 4);
    const semaphore = Buffer.alloc(SEM_T_SIZE);
    if (sem().sem_init(semaphore, 0, 1) !== 0) throw new Error(`sem_init failed: ${errnoName()}`);
    const destroyed = sem().sem_destroy(semaphore) as number;
    const evidence = { destroy_result: destroyed, reinitialised_with: again };
    if (destroyed !== 0) return observed({ value: null, errno: errnoName(), evidence });
    if (sem().sem_init(semaphore, 0, again) !== 0) return observed({ value: null, errno: errnoName(), evidence });
    const value = [0];
    sem().sem_getvalue(semaphore, value);
    sem().sem_destroy(semaphore);
    return observed({ value: value[0]!, evidence });
  }),

  'posix-sem.timedwait-bad-nsec': () => timedWaitObservation(0, deadline(1000, 1_000_000_000)),

  'posix-sem.timedwait-past-deadline': ffiProbe([optionalParam('value', 'the initial value (default 0)')], (args) =>
    timedWaitObservation(countArg(args, 'value', 0), deadline(-1000)),
  ),
  'posix-sem.named-owner-is-creator': () =>
    withNamed('owner', 0, (_semaphore, name) => {
      const path = `/dev/shm/sem.${name.slice(1)}`;
      const euid = process.geteuid?.() ?? -1;
      try {
        const status = statSync(path);
        return observed({ value: status.uid, evidence: { gid: status.gid, euid, path } });
      } catch (error) {
        return observed({ value: null, errno: fsErrno(error), evidence: { euid, path } });
      }
    }),
  'posix-sem.getvalue-leaves-value': ffiProbe([optionalParam('value', 'the initial value (default 3)')], (args) => {
    const initial = countArg(args, 'value', 3);
    return withUnnamed(initial, (semaphore) => {
      const seen = [0];
      for (let i = 0; i < 3; i++) if (sem().sem_getvalue(semaphore, seen) !== 0) throw new Error(`sem_getvalue failed: ${errnoName()}`);
      let taken = 0;
      while (taken <= initial && sem().sem_trywait(semaphore) === 0) taken++;
      return observed({ value: taken, evidence: { initial_value: initial, getvalue_reported: seen[0]! } });
    });
  }),
};

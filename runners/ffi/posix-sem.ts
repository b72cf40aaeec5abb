// Single-process POSIX semaphore observations through libc, the FFI counterparts of
// c-fixtures/posix-sem/ cases of the same names. Unnamed semaphores live in a Buffer and are
// destroyed after use; named ones are closed and unlinked, also when a call throws.
import { statSync } from 'node:fs';
import { type FfiProbeTable, ffiProbe, optionalParam } from './ffiProbe.js';
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
  // Named semaphores are opaque pointers into a mapping glibc made; SEM_FAILED is NULL.
  sem_open: lib.func('void *sem_open(const char *name, int oflag, ...)'),
  sem_close: lib.func('int sem_close(void *sem)'),
  sem_unlink: lib.func('int sem_unlink(const char *name)'),
  named_post: lib.func('int sem_post(void *sem)'),
  named_getvalue: lib.func('int sem_getvalue(void *sem, _Out_ int *value)'),
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
};

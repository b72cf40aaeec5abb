// Single-process observations of process-shared synchronisation through libc, the FFI
// counterparts of c-fixtures/pshared-sync/ cases of the same names: mutex attributes and an
// error-checking mutex in memory Node allocates, and futex(2) calls through syscall(2). Whatever
// needs a second process (a waiter, an owner that dies) is the C fixture's alone.
import { constants } from 'node:os';
import { type FfiProbeTable, ffiProbe, optionalParam } from './ffiProbe.js';
import { errnoOf, type FfiObservation, libcBindings, observed } from './libc.js';

// Sizes and constants of 64-bit glibc (<bits/pthreadtypes-arch.h>, <pthread.h>, <linux/futex.h>).
// A Buffer of its own (Buffer.alloc, not the pool) starts 8-byte aligned, as these types need.
const SIZEOF_PTHREAD_MUTEX_T = 40;
const SIZEOF_PTHREAD_MUTEXATTR_T = 4;
const PTHREAD_MUTEX_ERRORCHECK = 2;
const PSHARED_NAMES: Record<number, string> = { 0: 'PTHREAD_PROCESS_PRIVATE', 1: 'PTHREAD_PROCESS_SHARED' };
const FUTEX_WAIT = 0;
const FUTEX_WAKE = 1;
/** The futex system call's number on the architectures Node runs the kit on. */
const SYS_FUTEX: Record<string, number> = { x64: 202, arm64: 98 };

const sync = libcBindings((lib) => ({
  pthread_mutexattr_init: lib.func('int pthread_mutexattr_init(uint8_t *attr)'),
  pthread_mutexattr_destroy: lib.func('int pthread_mutexattr_destroy(uint8_t *attr)'),
  pthread_mutexattr_getpshared: lib.func('int pthread_mutexattr_getpshared(const uint8_t *attr, _Out_ int *pshared)'),
  pthread_mutexattr_settype: lib.func('int pthread_mutexattr_settype(uint8_t *attr, int type)'),
  pthread_mutex_init: lib.func('int pthread_mutex_init(uint8_t *mutex, const uint8_t *attr)'),
  pthread_mutex_lock: lib.func('int pthread_mutex_lock(uint8_t *mutex)'),
  pthread_mutex_unlock: lib.func('int pthread_mutex_unlock(uint8_t *mutex)'),
  pthread_mutex_destroy: lib.func('int pthread_mutex_destroy(uint8_t *mutex)'),
  // The kernel call, as the C probe makes it: futex(uaddr, op, val, timeout, uaddr2, val3).
  futex: lib.func('long syscall(long number, uint8_t *uaddr, int op, uint32_t val, uint8_t *timeout, void *uaddr2, uint32_t val3)'),
}));

/** pthread functions return an error number instead of setting errno: its name, the first of aliases. */
const ERRNO_BY_NUMBER = new Map<number, string>();
for (const [name, code] of Object.entries(constants.errno)) if (!ERRNO_BY_NUMBER.has(code)) ERRNO_BY_NUMBER.set(code, name);
const pthreadErrno = (result: number) => (result ? (ERRNO_BY_NUMBER.get(result) ?? `E${result}`) : null);

/** A bound on calls that must return at once (the C probe's guard): a wait that blocks anyway ends, not hangs. */
const GUARD_MS = 1000;

/** futex(2) on `word`; the result and errno as the C probe reports them. */
function futex(word: Buffer, op: number, value: number, timeout: Buffer | null = null): FfiObservation {
  const number = SYS_FUTEX[process.arch];
  if (number === undefined) throw new Error(`no futex system call number known for ${process.arch}`);
  const result = Number(sync().futex(number, word, op, value, timeout, null, 0));
  return observed({ value: result, errno: errnoOf(result) });
}

/** A struct timespec of `ms` (relative, as FUTEX_WAIT takes it): two 64-bit fields. */
function relativeTimespec(ms: number): Buffer {
  const timespec = Buffer.alloc(16);
  timespec.writeBigInt64LE(BigInt(Math.floor(ms / 1000)), 0);
  timespec.writeBigInt64LE(BigInt((ms % 1000) * 1e6), 8);
  return timespec;
}

/** A whole number argument in 0..max, or its default. */
function wholeArg(name: string, text: string | undefined, fallback: number, max: number): number {
  const value = Number(text ?? fallback);
  if (!Number.isInteger(value) || value < 0 || value > max) throw new Error(`${name} must be 0..${max}, got '${text}'`);
  return value;
}

export const probes: FfiProbeTable = {
  'pshared-sync.mutexattr-default-pshared': () => {
    const attr = Buffer.alloc(SIZEOF_PTHREAD_MUTEXATTR_T);
    const initialised = sync().pthread_mutexattr_init(attr) as number;
    if (initialised !== 0) throw new Error(`pthread_mutexattr_init returned ${initialised}`);
    const pshared = [-1];
    const err = sync().pthread_mutexattr_getpshared(attr, pshared) as number;
    sync().pthread_mutexattr_destroy(attr);
    return observed({
      value: err ? null : (PSHARED_NAMES[pshared[0]!] ?? 'other'),
      errno: pthreadErrno(err),
      evidence: { pshared: pshared[0]!, PTHREAD_PROCESS_PRIVATE: 0 },
    });
  },

  'pshared-sync.errorcheck-relock': () => {
    const attr = Buffer.alloc(SIZEOF_PTHREAD_MUTEXATTR_T);
    const mutex = Buffer.alloc(SIZEOF_PTHREAD_MUTEX_T);
    const steps = [sync().pthread_mutexattr_init(attr), sync().pthread_mutexattr_settype(attr, PTHREAD_MUTEX_ERRORCHECK)] as number[];
    steps.push(sync().pthread_mutex_init(mutex, attr) as number);
    sync().pthread_mutexattr_destroy(attr);
    if (steps.some((s) => s !== 0)) throw new Error(`an error-checking mutex could not be made: ${steps.join(', ')}`);
    try {
      const first = sync().pthread_mutex_lock(mutex) as number;
      if (first !== 0) throw new Error(`the first lock returned ${first}`);
      const again = sync().pthread_mutex_lock(mutex) as number;
      sync().pthread_mutex_unlock(mutex);
      return observed({
        value: again,
        errno: pthreadErrno(again),
        evidence: { sizeof_pthread_mutex_t: SIZEOF_PTHREAD_MUTEX_T },
      });
    } finally {
      sync().pthread_mutex_destroy(mutex);
    }
  },

  'pshared-sync.futex-wait-value-mismatch': () => {
    const word = Buffer.alloc(4);
    word.writeUInt32LE(1, 0);
    return { ...futex(word, FUTEX_WAIT, 0, relativeTimespec(GUARD_MS)), evidence: { word: 1, expected: 0 } };
  },

  'pshared-sync.futex-wait-timeout': ffiProbe([optionalParam('timeout_ms', 'the timeout in ms (default 200)')], ({ timeout_ms }) => {
    const ms = wholeArg('timeout_ms', timeout_ms, 200, 10_000);
    const started = process.hrtime.bigint();
    const outcome = futex(Buffer.alloc(4), FUTEX_WAIT, 0, relativeTimespec(ms));
    return { ...outcome, elapsed_ns: Number(process.hrtime.bigint() - started), evidence: { timeout_ns: ms * 1e6 } };
  }),

  'pshared-sync.futex-wake-no-waiters': ffiProbe([optionalParam('wake', 'how many to wake (default 1)')], ({ wake }) => {
    const count = wholeArg('wake', wake, 1, 2 ** 31 - 1);
    return { ...futex(Buffer.alloc(4), FUTEX_WAKE, count), evidence: { requested: count } };
  }),

  'pshared-sync.futex-misaligned': () => {
    // One byte into an aligned word: the view's address is the buffer's plus one.
    const word = Buffer.alloc(8).subarray(1, 5);
    return { ...futex(word, FUTEX_WAIT, 0, relativeTimespec(GUARD_MS)), evidence: { offset_in_word: 1 } };
  },
};

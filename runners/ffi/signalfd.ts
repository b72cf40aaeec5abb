// Single-process signalfd observations through libc, the FFI counterparts of c-fixtures/signalfd/
// cases of the same names, for signals the process raises at itself. Node runs several threads, so
// (as in ./signal.ts) signals are blocked in the main thread only and sent to that thread with
// pthread_kill/pthread_sigqueue; a signalfd read by a thread returns the signals pending for it and
// for the process. Whatever is still pending is drained with sigtimedwait and the descriptor closed
// before the mask is restored, so nothing reaches Node's own handlers.
import { constants } from 'node:os';
import { type FfiProbeTable, ffiProbe, optionalParam, param } from './ffiProbe.js';
import { closeAll, errnoName, errnoOf, libc, libcBindings, observed } from './libc.js';

// <signal.h>, <sys/signalfd.h> and <poll.h> on Linux (glibc, 64-bit): the sizes and offsets used.
const SIG_BLOCK = 0;
const SIG_SETMASK = 2;
const SIGSET_SIZE = 128;
const SIGINFO_SIZE = 128;
const SFD_NONBLOCK = 0o4000;
const SFD_CLOEXEC = 0o2000000;
const POLLIN = 0x1;
/** struct signalfd_siginfo: 128 bytes; the fields read here, by byte offset. */
const RECORD_SIZE = 128;
const SSI = { signo: 0, code: 8, pid: 12, uid: 16, int: 44 } as const;
const SI_QUEUE = -1;
const SENT_VALUE = 42; // the value the fixture's sender queues

const calls = libcBindings((lib) => ({
  sigemptyset: lib.func('int sigemptyset(_Inout_ uint8_t *set)'),
  sigaddset: lib.func('int sigaddset(_Inout_ uint8_t *set, int sig)'),
  sigismember: lib.func('int sigismember(const uint8_t *set, int sig)'),
  sigprocmask: lib.func('int sigprocmask(int how, const uint8_t *set, _Inout_ uint8_t *old)'),
  sigpending: lib.func('int sigpending(_Inout_ uint8_t *set)'),
  sigtimedwait: lib.func('int sigtimedwait(const uint8_t *set, _Inout_ uint8_t *info, const uint8_t *timeout)'),
  signalfd: lib.func('int signalfd(int fd, const uint8_t *mask, int flags)'),
  poll: lib.func('int poll(_Inout_ uint8_t *fds, unsigned long nfds, int timeout)'),
  pthreadSelf: lib.func('uint64_t pthread_self()'),
  pthreadKill: lib.func('int pthread_kill(uint64_t thread, int sig)'),
  // union sigval is one 8-byte register on these ABIs; sival_int is its low half.
  pthreadSigqueue: lib.func('int pthread_sigqueue(uint64_t thread, int sig, intptr_t value)'),
  getpid: lib.func('int getpid()'),
  getuid: lib.func('uint32_t getuid()'),
  sigrtmin: lib.func('int __libc_current_sigrtmin()'),
}));

const { SIGUSR1, SIGWINCH } = constants.signals;

function signalName(sig: number): string {
  const rtmin = calls().sigrtmin() as number;
  if (sig >= rtmin) return `SIGRTMIN+${sig - rtmin}`;
  return Object.entries(constants.signals).find(([, n]) => n === sig)?.[0] ?? `SIG${sig}`;
}

function sigset(members: number[]): Buffer {
  const set = Buffer.alloc(SIGSET_SIZE);
  calls().sigemptyset(set);
  for (const sig of members) calls().sigaddset(set, sig);
  return set;
}

function isPending(sig: number): boolean {
  const pending = Buffer.alloc(SIGSET_SIZE);
  if (calls().sigpending(pending) !== 0) throw new Error(`sigpending failed: ${errnoName()}`);
  return calls().sigismember(pending, sig) === 1;
}

/** Blocks `members` in this thread and makes a signalfd for `readable` (default: the same); body
 * gets the descriptor. Afterwards the descriptor is closed, what is pending drained, the mask restored. */
function withSignalfd<T>(members: number[], flags: number, body: (fd: number) => T, readable = members): T {
  const blocked = sigset(members);
  const before = Buffer.alloc(SIGSET_SIZE);
  if (calls().sigprocmask(SIG_BLOCK, blocked, before) !== 0) throw new Error(`sigprocmask failed: ${errnoName()}`);
  let fd = -1;
  try {
    fd = calls().signalfd(-1, sigset(readable), flags | SFD_CLOEXEC) as number;
    if (fd < 0) throw new Error(`signalfd failed: ${errnoName()}`);
    return body(fd);
  } finally {
    closeAll(fd);
    const zero = Buffer.alloc(16);
    while ((calls().sigtimedwait(blocked, Buffer.alloc(SIGINFO_SIZE), zero) as number) > 0);
    calls().sigprocmask(SIG_SETMASK, before, null);
  }
}

function sendToThisThread(sig: number, value?: number): void {
  const self = calls().pthreadSelf();
  const result = value === undefined ? calls().pthreadKill(self, sig) : calls().pthreadSigqueue(self, sig, value);
  // pthread_* return the error number itself rather than setting errno.
  if (result !== 0) throw new Error(`sending ${signalName(sig)} failed with error ${result}`);
}

/** One read of one record: the record (or null), the result of read() and its errno. */
function readRecord(fd: number, size = RECORD_SIZE): { record: Buffer | null; returned: number; errno: string | null } {
  const buffer = Buffer.alloc(size);
  const returned = Number(libc().read(fd, buffer, size));
  return { record: returned === RECORD_SIZE ? buffer : null, returned, errno: errnoOf(returned) };
}

const recordName = (fd: number) => {
  const { record } = readRecord(fd);
  return record ? signalName(record.readUInt32LE(SSI.signo)) : 'none';
};

function countArg(count: string): number {
  const n = Number(count);
  if (!Number.isInteger(n) || n < 0) throw new Error(`'${count}' is not a count`);
  return n;
}

function readable(fd: number): string {
  const entry = Buffer.alloc(8); // struct pollfd: int fd, short events, short revents
  entry.writeInt32LE(fd, 0);
  entry.writeInt16LE(POLLIN, 4);
  if (calls().poll(entry, 1, 0) < 0) throw new Error(`poll failed: ${errnoName()}`);
  return (entry.readInt16LE(6) & POLLIN) !== 0 ? 'in' : 'none';
}

const codeName = (code: number) => (code === SI_QUEUE ? 'SI_QUEUE' : code === 0 ? 'SI_USER' : code === -6 ? 'SI_TKILL' : 'other');

export const probes: FfiProbeTable = {
  'signalfd.siginfo': ffiProbe(
    [param('field', 'pid, uid, code or int'), param('sender', 'sigqueue (this process queues SIGUSR1 to its own thread)')],
    ({ field, sender }) => {
      if (sender !== 'sigqueue') throw new Error(`'${sender}' is not sigqueue (a kill() to the process could reach any of Node's threads)`);
      const offset = (SSI as Record<string, number>)[field];
      if (offset === undefined || field === 'signo') throw new Error(`'${field}' is not pid, uid, code or int`);
      return withSignalfd([SIGUSR1], 0, (fd) => {
        sendToThisThread(SIGUSR1, SENT_VALUE);
        const { record, errno } = readRecord(fd);
        if (!record) throw new Error(`read failed: ${errno}`);
        const number = field === 'pid' || field === 'uid' ? record.readUInt32LE(offset) : record.readInt32LE(offset);
        return observed({
          value: field === 'code' ? codeName(number) : number,
          evidence: {
            sender_pid: calls().getpid() as number,
            sender_uid: calls().getuid() as number,
            sent_value: SENT_VALUE,
            ssi_signo: signalName(record.readUInt32LE(SSI.signo)),
            ssi_code: record.readInt32LE(SSI.code),
          },
        });
      });
    },
  ),

  'signalfd.realtime-order': ffiProbe([optionalParam('count', 'how many to queue (default 3)')], ({ count = '3' }) => {
    const sent = countArg(count);
    const rtmin = calls().sigrtmin() as number;
    return withSignalfd([rtmin], SFD_NONBLOCK, (fd) => {
      for (let i = 1; i <= sent; i++) sendToThisThread(rtmin, i);
      const values: number[] = [];
      for (let next = readRecord(fd).record; next && values.length <= sent; next = readRecord(fd).record)
        values.push(next.readInt32LE(SSI.int));
      return observed({ value: values.join(','), evidence: { sent, reads: values.length } });
    });
  }),

  'signalfd.standard-merged': ffiProbe([optionalParam('count', 'how many to send (default 3)')], ({ count = '3' }) => {
    const sent = countArg(count);
    return withSignalfd([SIGUSR1], SFD_NONBLOCK, (fd) => {
      for (let i = 0; i < sent; i++) sendToThisThread(SIGUSR1);
      let reads = 0;
      while (reads <= sent && readRecord(fd).record) reads++;
      return observed({ value: reads, evidence: { sent } });
    });
  }),

  'signalfd.small-buffer': () =>
    withSignalfd([SIGUSR1], SFD_NONBLOCK, (fd) => {
      sendToThisThread(SIGUSR1); // one is pending, so only the size can make the read fail
      const { returned, errno } = readRecord(fd, RECORD_SIZE - 1);
      return observed({ value: returned, errno, evidence: { buffer_bytes: RECORD_SIZE - 1, still_pending: isPending(SIGUSR1) } });
    }),

  'signalfd.nonblocking-empty': () =>
    withSignalfd([SIGUSR1], SFD_NONBLOCK, (fd) => {
      const { returned, errno } = readRecord(fd);
      return observed({ value: returned, errno });
    }),

  'signalfd.readiness': () =>
    withSignalfd([SIGUSR1], SFD_NONBLOCK, (fd) => {
      const before = readable(fd);
      sendToThisThread(SIGUSR1);
      return observed({ value: `${before},${readable(fd)}` });
    }),

  'signalfd.consumed': () =>
    withSignalfd([SIGUSR1], SFD_NONBLOCK, (fd) => {
      sendToThisThread(SIGUSR1);
      const pendingBefore = isPending(SIGUSR1);
      const { record, errno } = readRecord(fd);
      return observed({
        value: isPending(SIGUSR1),
        errno,
        evidence: { pending_before: pendingBefore, read_signal: record ? signalName(record.readUInt32LE(SSI.signo)) : 'none' },
      });
    }),

  'signalfd.mask-update': () =>
    withSignalfd(
      [SIGUSR1, SIGWINCH],
      SFD_NONBLOCK,
      (fd) => {
        const updated = calls().signalfd(fd, sigset([SIGWINCH]), 0) as number;
        if (updated < 0) throw new Error(`signalfd(fd, {SIGWINCH}) failed: ${errnoName()}`);
        sendToThisThread(SIGUSR1);
        sendToThisThread(SIGWINCH);
        const first = readRecord(fd);
        return observed({
          value: first.record ? signalName(first.record.readUInt32LE(SSI.signo)) : 'none',
          errno: first.errno,
          evidence: { second_read: recordName(fd), same_descriptor: updated === fd },
        });
      },
      [SIGUSR1],
    ),
};

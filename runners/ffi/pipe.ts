// Single-process pipe observations through libc, the FFI counterparts of c-fixtures/pipe/
// cases of the same names. Each closes every descriptor it made, also when a call throws.

import { type FfiProbeTable, ffiProbe, param } from './ffiProbe.js';
import {
  closeAll,
  errnoOf,
  F_GETPIPE_SZ,
  F_SETPIPE_SZ,
  type FfiObservation,
  libc,
  libcBindings,
  makePipe,
  O_NONBLOCK,
  observed,
  PC_PIPE_BUF,
  withSysctl,
} from './libc.js';

const PIPE_MAX_SIZE_PATH = '/proc/sys/fs/pipe-max-size';

/** Linux constants the flow-control probes need (<asm-generic/fcntl.h>, <asm-generic/ioctls.h>). */
const O_DIRECT = 0o40000;
const O_CLOEXEC = 0o2000000;
const O_APPEND = 0o2000;
const F_GETFD = 1;
const F_GETFL = 3;
const FD_CLOEXEC = 1;
const FIONREAD = 0x541b;
const SEEK_CUR = 1;

const pipeCalls = libcBindings((lib) => ({
  ioctlInt: lib.func('int ioctl(int fd, unsigned long request, _Out_ int *value)'),
  lseek: lib.func('int64_t lseek(int fd, int64_t offset, int whence)'),
  sysconf: lib.func('long sysconf(int name)'),
}));

const SC_PAGESIZE = 30;
const pageSize = () => Number(pipeCalls().sysconf(SC_PAGESIZE));

/** A full non-blocking pipe from which `drain` bytes were read back: `drain` bytes of room. */
function withRoom(drain: number, body: (readEnd: number, writeEnd: number) => FfiObservation): FfiObservation {
  return withPipe(O_NONBLOCK, (r, w) => {
    writeUntilRefused(w, 4096);
    writeUntilRefused(w, 1);
    const sink = Buffer.alloc(drain);
    if (Number(libc().read(r, sink, drain)) !== drain) throw new Error(`draining ${drain} bytes failed`);
    return body(r, w);
  });
}

/** Runs `body` on a pipe2(O_DIRECT | flags) pipe; a kernel that refuses packet mode is the observation. */
function withDirectPipe(flags: number, body: (readEnd: number, writeEnd: number) => FfiObservation): FfiObservation {
  const fds = new Int32Array(2);
  const result = libc().pipe2(fds, O_DIRECT | flags) as number;
  if (result !== 0) return observed({ value: null, errno: errnoOf(result) });
  try {
    return body(fds[0]!, fds[1]!);
  } finally {
    closeAll(fds[0]!, fds[1]!);
  }
}

const pipeBufOf = (fd: number) => Number(libc().fpathconf(fd, PC_PIPE_BUF));

/** Runs `body` on a fresh pipe and closes both ends afterwards. */
function withPipe(flags: number, body: (readEnd: number, writeEnd: number) => FfiObservation): FfiObservation {
  const [readEnd, writeEnd] = makePipe(flags);
  try {
    return body(readEnd, writeEnd);
  } finally {
    closeAll(readEnd, writeEnd);
  }
}

/** Writes `chunk`-byte blocks until the kernel refuses one; returns bytes accepted and the errno. */
function writeUntilRefused(fd: number, chunk: number): { accepted: number; errno: string | null } {
  const block = Buffer.alloc(chunk, 0x61);
  let accepted = 0;
  for (;;) {
    const n = Number(libc().write(fd, block, chunk));
    if (n < 0) return { accepted, errno: errnoOf(n) };
    accepted += n;
  }
}

const capacityOf = (fd: number) => libc().fcntl(fd, F_GETPIPE_SZ) as number;

export const probes: FfiProbeTable = {
  'pipe.default-capacity': () => withPipe(0, (r) => observed({ value: capacityOf(r) })),

  'pipe.fill-nonblocking': () =>
    withPipe(O_NONBLOCK, (r, w) => {
      // Whole pages first (a write ≤ PIPE_BUF is all-or-nothing), then single bytes to top up.
      const pages = writeUntilRefused(w, 4096);
      const bytes = writeUntilRefused(w, 1);
      return observed({
        value: pages.accepted + bytes.accepted,
        errno: bytes.errno,
        evidence: { getpipe_sz: capacityOf(r) },
      });
    }),

  'pipe.set-size': ffiProbe([param('size', 'bytes to ask F_SETPIPE_SZ for')], ({ size: requested = '' }) =>
    withPipe(0, (r) => {
      const bytes = Number(requested);
      if (!Number.isInteger(bytes) || bytes <= 0) throw new Error(`set-size needs a byte count, got '${requested}'`);
      const result = libc().fcntl(r, F_SETPIPE_SZ, 'int', bytes) as number;
      return observed({
        value: result < 0 ? null : capacityOf(r),
        errno: errnoOf(result),
        evidence: { requested: bytes },
      });
    }),
  ),

  'pipe.set-size-max': () =>
    withPipe(0, (r) => {
      // An environment without the sysctl: that absence is the observation, as in the C probe.
      return withSysctl(PIPE_MAX_SIZE_PATH, (text) => {
        const max = Number(text);
        const result = libc().fcntl(r, F_SETPIPE_SZ, 'int', max) as number;
        return observed({ value: result < 0 ? null : capacityOf(r), errno: errnoOf(result), evidence: { pipe_max_size: max } });
      });
    }),

  'pipe.pipe-buf': () => withPipe(0, (r) => observed({ value: Number(libc().fpathconf(r, PC_PIPE_BUF)) })),

  'pipe.write-read-end': () =>
    withPipe(0, (r) => {
      const n = Number(libc().write(r, Buffer.from('x'), 1));
      return observed({ value: n, errno: errnoOf(n) });
    }),

  'pipe.read-write-end': () =>
    withPipe(0, (_r, w) => {
      const n = Number(libc().read(w, Buffer.alloc(1), 1));
      return observed({ value: n, errno: errnoOf(n) });
    }),

  'pipe.read-empty-nonblocking': () =>
    withPipe(O_NONBLOCK, (r) => {
      const n = Number(libc().read(r, Buffer.alloc(1), 1));
      return observed({ value: n, errno: errnoOf(n) });
    }),

  'pipe.eof-after-last-writer': () => {
    const [r, w] = makePipe(0);
    try {
      libc().write(w, Buffer.from('x'), 1);
      libc().close(w);
      const first = Number(libc().read(r, Buffer.alloc(1), 1));
      const second = Number(libc().read(r, Buffer.alloc(1), 1));
      return observed({ value: second, errno: errnoOf(second), evidence: { first_read: first } });
    } finally {
      closeAll(r);
    }
  },

  'pipe.epipe-after-last-reader': () => {
    // Node ignores SIGPIPE, so the failed write is reported as EPIPE instead of ending the process.
    const [r, w] = makePipe(0);
    try {
      libc().close(r);
      const n = Number(libc().write(w, Buffer.from('x'), 1));
      return observed({ value: n, errno: errnoOf(n) });
    } finally {
      closeAll(w);
    }
  },

  'pipe.two-writes-one-read': () =>
    withPipe(0, (r, w) => {
      libc().write(w, Buffer.from('abc'), 3);
      libc().write(w, Buffer.from('defg'), 4);
      const buffer = Buffer.alloc(64);
      const n = Number(libc().read(r, buffer, 64));
      return observed({ value: n, errno: errnoOf(n), evidence: { data: buffer.subarray(0, Math.max(n, 0)).toString() } });
    }),
  'pipe.small-write-into-less-room': () =>
    withPipe(0, (probe) => {
      const pipeBuf = pipeBufOf(probe);
      const room = pipeBuf / 4;
      return withRoom(room, (r, w) => {
        const n = Number(libc().write(w, Buffer.alloc(pipeBuf), pipeBuf));
        const errno = errnoOf(n);
        const unread = new Int32Array(1);
        pipeCalls().ioctlInt(r, FIONREAD, unread);
        return observed({ value: n, errno, evidence: { room, write_size: pipeBuf, pipe_buf: pipeBuf, unread_after: unread[0]! } });
      });
    }),

  'pipe.large-write-into-less-room': () =>
    withPipe(0, (probe) => {
      const pipeBuf = pipeBufOf(probe);
      const room = 2 * pageSize();
      const size = room + 2 * pipeBuf;
      return withRoom(room, (_r, w) => {
        const n = Number(libc().write(w, Buffer.alloc(size), size));
        return observed({ value: n, errno: errnoOf(n), evidence: { room, write_size: size, pipe_buf: pipeBuf } });
      });
    }),

  'pipe.shrink-below-content': () =>
    withPipe(0, (_r, w) => {
      const page = pageSize();
      const content = 2 * page;
      if (Number(libc().write(w, Buffer.alloc(content), content)) !== content) throw new Error('write failed');
      const result = libc().fcntl(w, F_SETPIPE_SZ, 'int', page) as number;
      return observed({
        value: result,
        errno: errnoOf(result),
        evidence: { content, requested: page, capacity_after: capacityOf(w) },
      });
    }),

  'pipe.direct-two-writes-one-read': () =>
    withDirectPipe(0, (r, w) => {
      libc().write(w, Buffer.from('abc'), 3);
      libc().write(w, Buffer.from('defg'), 4);
      const buffer = Buffer.alloc(64);
      const n = Number(libc().read(r, buffer, 64));
      return observed({ value: n, errno: errnoOf(n), evidence: { data: buffer.subarray(0, Math.max(n, 0)).toString() } });
    }),

  'pipe.direct-short-read-discards-rest': () =>
    withDirectPipe(O_NONBLOCK, (r, w) => {
      libc().write(w, Buffer.from('0123456789'), 10);
      libc().write(w, Buffer.from('next'), 4);
      const first = Number(libc().read(r, Buffer.alloc(4), 4));
      const rest = Buffer.alloc(64);
      const second = Number(libc().read(r, rest, 64));
      return observed({
        value: second >= 0 ? rest.subarray(0, second).toString() : null,
        errno: errnoOf(second),
        evidence: { first_read: first },
      });
    }),

  'pipe.fionread': () =>
    withPipe(0, (r, w) => {
      libc().write(w, Buffer.alloc(123), 123);
      const unread = new Int32Array(1);
      const result = pipeCalls().ioctlInt(r, FIONREAD, unread) as number;
      return observed({ value: result === 0 ? unread[0]! : null, errno: errnoOf(result), evidence: { written: 123 } });
    }),

  // Node's own pipe would block it, so the read of 0 bytes is made on an O_NONBLOCK pipe: the
  // property is that nothing is waited for and 0 comes back (EAGAIN would be -1).
  'pipe.read-zero-bytes': () =>
    withPipe(O_NONBLOCK, (r) => {
      const n = Number(libc().read(r, Buffer.alloc(1), 0));
      return observed({ value: n, errno: errnoOf(n) });
    }),

  'pipe.pipe2-flags': ffiProbe([param('flag', 'O_CLOEXEC or O_NONBLOCK')], ({ flag = '' }) => {
    const tests: Record<string, { flag: number; shows: (fd: number) => boolean }> = {
      O_CLOEXEC: { flag: O_CLOEXEC, shows: (fd) => ((libc().fcntl(fd, F_GETFD) as number) & FD_CLOEXEC) !== 0 },
      O_NONBLOCK: { flag: O_NONBLOCK, shows: (fd) => ((libc().fcntl(fd, F_GETFL) as number) & O_NONBLOCK) !== 0 },
    };
    const test = tests[flag];
    if (!test) throw new Error(`pipe2-flags: FLAG is O_CLOEXEC or O_NONBLOCK, not '${flag}'`);
    return withPipe(test.flag, (r, w) =>
      withPipe(0, (plainR, plainW) =>
        observed({
          value: test.shows(r) && test.shows(w),
          evidence: { read_end: test.shows(r), write_end: test.shows(w), without_flag: test.shows(plainR) || test.shows(plainW) },
        }),
      ),
    );
  }),

  'pipe.pipe2-bad-flag': () => {
    const fds = new Int32Array(2);
    const result = libc().pipe2(fds, O_APPEND) as number;
    if (result === 0) closeAll(fds[0]!, fds[1]!);
    return observed({ value: result, errno: errnoOf(result) });
  },

  'pipe.lseek': () =>
    withPipe(0, (r) => {
      const result = Number(pipeCalls().lseek(r, 0, SEEK_CUR));
      return observed({ value: result, errno: errnoOf(result) });
    }),
};

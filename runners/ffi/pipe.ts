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
  makePipe,
  O_NONBLOCK,
  observed,
  PC_PIPE_BUF,
  withSysctl,
} from './libc.js';

const PIPE_MAX_SIZE_PATH = '/proc/sys/fs/pipe-max-size';

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
};

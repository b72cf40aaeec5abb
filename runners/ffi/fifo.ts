// Single-process FIFO observations through libc, the FFI counterparts of c-fixtures/fifo/
// cases of the same names. Each makes its FIFO 0600 in a private temporary folder and removes both.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FfiProbeTable, ffiProbe, param } from './ffiProbe.js';
import {
  closeAll,
  errnoOf,
  F_GETPIPE_SZ,
  F_SETPIPE_SZ,
  type FfiObservation,
  libc,
  libcBindings,
  modeText,
  O_NONBLOCK,
  O_RDONLY,
  O_RDWR,
  O_WRONLY,
  observed,
} from './libc.js';

/** Runs `body` with the path of a new FIFO (mode 0600) and removes it and its folder afterwards. */
function withFifo(body: (path: string) => FfiObservation, mode = 0o600): FfiObservation {
  const dir = mkdtempSync(join(tmpdir(), 'ipc-conformance-'));
  try {
    const path = join(dir, 'fifo');
    if (libc().mkfifo(path, mode) !== 0) throw new Error(`mkfifo ${path} failed: ${errnoOf(-1)}`);
    return body(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const openFifo = (path: string, flags: number) => libc().open(path, flags) as number;

const SEEK_CUR = 1;
const seek = libcBindings((lib) => lib.func('int64_t lseek(int fd, int64_t offset, int whence)'));

/** Runs `body` on a read-write descriptor of a new FIFO and closes it afterwards. */
function withOpenFifo(body: (fd: number) => FfiObservation): FfiObservation {
  return withFifo((path) => {
    const fd = openFifo(path, O_RDWR);
    if (fd < 0) throw new Error(`open ${path} O_RDWR failed: ${errnoOf(fd)}`);
    try {
      return body(fd);
    } finally {
      closeAll(fd);
    }
  });
}

export const probes: FfiProbeTable = {
  'fifo.open-wronly-nonblock-no-reader': () =>
    withFifo((path) => {
      const fd = openFifo(path, O_WRONLY | O_NONBLOCK);
      closeAll(fd);
      return observed({ value: fd >= 0, errno: errnoOf(fd) });
    }),

  'fifo.open-rdonly-nonblock-no-writer': () =>
    withFifo((path) => {
      const fd = openFifo(path, O_RDONLY | O_NONBLOCK);
      closeAll(fd);
      return observed({ value: fd >= 0, errno: errnoOf(fd) });
    }),

  'fifo.write-rdonly-end': () =>
    withFifo((path) => {
      const fd = openFifo(path, O_RDONLY | O_NONBLOCK);
      try {
        const n = Number(libc().write(fd, Buffer.from('x'), 1));
        return observed({ value: n, errno: errnoOf(n) });
      } finally {
        closeAll(fd);
      }
    }),

  'fifo.default-capacity': () =>
    withFifo((path) => {
      const fd = openFifo(path, O_RDONLY | O_NONBLOCK);
      try {
        return observed({ value: libc().fcntl(fd, F_GETPIPE_SZ) as number });
      } finally {
        closeAll(fd);
      }
    }),

  'fifo.two-writes-one-read': () =>
    withFifo((path) => {
      // The reader opens first (non-blocking), so the writer's open finds it and does not block.
      const reader = openFifo(path, O_RDONLY | O_NONBLOCK);
      const writer = openFifo(path, O_WRONLY);
      try {
        libc().write(writer, Buffer.from('abc'), 3);
        libc().write(writer, Buffer.from('defg'), 4);
        const buffer = Buffer.alloc(64);
        const n = Number(libc().read(reader, buffer, 64));
        return observed({ value: n, errno: errnoOf(n), evidence: { data: buffer.subarray(0, Math.max(n, 0)).toString() } });
      } finally {
        closeAll(writer, reader);
      }
    }),

  'fifo.created-mode-with-umask': () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipc-conformance-'));
    const previous = libc().umask(0o077);
    try {
      const path = join(dir, 'fifo');
      const result = libc().mkfifo(path, 0o660) as number;
      const mode = result === 0 ? modeText(statSync(path).mode) : null;
      return observed({ value: mode, errno: errnoOf(result), evidence: { requested: '0660', umask: '0077' } });
    } finally {
      libc().umask(previous);
      rmSync(dir, { recursive: true, force: true });
    }
  },
  'fifo.open-rdwr': () =>
    withFifo((path) => {
      const started = process.hrtime.bigint();
      const fd = openFifo(path, O_RDWR);
      const elapsed = Number(process.hrtime.bigint() - started);
      closeAll(fd);
      return observed({ value: fd >= 0, errno: errnoOf(fd), elapsed_ns: elapsed });
    }),

  'fifo.lseek': () =>
    withOpenFifo((fd) => {
      const result = Number(seek()(fd, 0, SEEK_CUR));
      return observed({ value: result, errno: errnoOf(result) });
    }),

  'fifo.mkfifo-existing': () =>
    withFifo((path) => {
      const result = libc().mkfifo(path, 0o600) as number;
      return observed({ value: result, errno: errnoOf(result) });
    }),

  'fifo.set-size': ffiProbe([param('size', 'bytes to ask F_SETPIPE_SZ for')], ({ size = '' }) =>
    withOpenFifo((fd) => {
      const requested = Number(size);
      if (!Number.isInteger(requested) || requested <= 0) throw new Error(`set-size needs a byte count, got '${size}'`);
      const result = libc().fcntl(fd, F_SETPIPE_SZ, 'int', requested) as number;
      return observed({
        value: result < 0 ? null : (libc().fcntl(fd, F_GETPIPE_SZ) as number),
        errno: errnoOf(result),
        evidence: { requested },
      });
    }),
  ),
};

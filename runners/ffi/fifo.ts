// Single-process FIFO observations through libc, the FFI counterparts of c-fixtures/fifo/
// cases of the same names. Each makes its FIFO 0600 in a private temporary folder and removes both.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FfiProbeTable } from './ffiProbe.js';
import { closeAll, errnoOf, F_GETPIPE_SZ, type FfiObservation, libc, modeText, O_NONBLOCK, O_RDONLY, O_WRONLY, observed } from './libc.js';

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
};

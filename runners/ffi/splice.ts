// Single-process splice(2), tee(2) and vmsplice(2) observations through libc, the FFI counterparts
// of the c-fixtures/splice/ cases of the same names. Files live in a private folder (0700, files
// 0600) removed afterwards; every descriptor is closed in a finally block, also when a call throws.
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import koffi from 'koffi';
import type { FfiProbeTable } from './ffiProbe.js';
import {
  closeAll,
  errnoName,
  errnoOf,
  F_GETPIPE_SZ,
  type FfiObservation,
  libc,
  libcBindings,
  makePipe,
  O_NONBLOCK,
  O_RDONLY,
  O_RDWR,
  O_WRONLY,
  observed,
} from './libc.js';
import { AF_UNIX, SOCK_CLOEXEC, SOCK_STREAM, sockets } from './unixSockets.js';

// <fcntl.h> (Linux).
const SPLICE_F_NONBLOCK = 0x02;
const F_GETFL = 3;
const F_SETFL = 4;
const SEEK_SET = 0;
const SEEK_CUR = 1;

// struct iovec, named for this module so that vmsplice's declaration can refer to it.
koffi.struct('splice_iovec', { iov_base: 'void *', iov_len: 'size_t' });

const spliceCalls = libcBindings((lib) => ({
  splice: lib.func('long splice(int fd_in, void *off_in, int fd_out, void *off_out, size_t len, unsigned int flags)'),
  tee: lib.func('long tee(int fd_in, int fd_out, size_t len, unsigned int flags)'),
  vmsplice: lib.func('long vmsplice(int fd, const splice_iovec *iov, size_t nr_segs, unsigned int flags)'),
  lseek: lib.func('int64_t lseek(int fd, int64_t offset, int whence)'),
}));

/** The text every moving probe sends, as the fixture's SPLICE_TEXT. */
const TEXT = Buffer.from('spliced-through-the-kernel');

/** What a probe body may make: pipes, files in its private folder, a socketpair; all released afterwards. */
interface Workspace {
  pipe(): [number, number];
  /** A file `name` (0600) holding `data`, opened with `flags`. */
  file(name: string, data: Buffer, flags: number): number;
  /** The bytes of file `name`, read by its path. */
  contents(name: string): Buffer;
  socketpair(): [number, number];
  /** Closes one of the workspace's descriptors before the end. */
  close(fd: number): void;
}

function withWorkspace(body: (workspace: Workspace) => FfiObservation): FfiObservation {
  const dir = mkdtempSync(join(tmpdir(), 'ipc-conformance-'));
  const fds: number[] = [];
  const keep = (...opened: number[]) => {
    fds.push(...opened);
    return opened;
  };
  try {
    return body({
      pipe: () => keep(...makePipe()) as [number, number],
      file(name, data, flags) {
        writeFileSync(join(dir, name), data, { mode: 0o600, flag: 'wx' });
        return keep(openSync(join(dir, name), flags))[0]!;
      },
      contents: (name) => readFileSync(join(dir, name)),
      socketpair() {
        const pair = new Int32Array(2);
        if (sockets().socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) !== 0) throw new Error(`socketpair failed: ${errnoName()}`);
        return keep(pair[0]!, pair[1]!) as [number, number];
      },
      close(fd) {
        fds.splice(fds.indexOf(fd), 1);
        closeAll(fd);
      },
    });
  } finally {
    for (const fd of fds) closeAll(fd);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What is waiting in fd, up to `size` bytes, read without blocking (O_NONBLOCK set first). */
function drain(fd: number, size: number): Buffer {
  libc().fcntl(fd, F_SETFL, 'int', (libc().fcntl(fd, F_GETFL) as number) | O_NONBLOCK);
  const buffer = Buffer.alloc(size);
  let got = 0;
  while (got < size) {
    const n = Number(libc().read(fd, buffer.subarray(got), size - got));
    if (n <= 0) break;
    got += n;
  }
  return buffer.subarray(0, got);
}

/** The fixtures' report of a move: true when all of TEXT moved and arrived intact. */
function moved(result: number, arrived: () => Buffer): FfiObservation {
  const errno = errnoOf(result);
  const intact = result > 0 && arrived().equals(TEXT);
  return observed({ value: result === TEXT.length && intact, errno, evidence: { moved: result, sent: TEXT.length } });
}

/** The fixtures' report of a call expected to be refused: its return and errno. */
const refusal = (result: number) => observed({ value: result, errno: errnoOf(result) });

const splice = (fdIn: number, offIn: BigInt64Array | null, fdOut: number, length: number, flags = 0) =>
  Number(spliceCalls().splice(fdIn, offIn, fdOut, null, length, flags));

// The offset probes start the descriptor away from 0, so that "stays" is told from "never moved".
const DESCRIPTOR_START = 3;
const POINTER_START = 8;
const OFFSET_LENGTH = 5;

function offsetFile(workspace: Workspace): number {
  const fd = workspace.file('offsets', TEXT, O_RDONLY);
  if (Number(spliceCalls().lseek(fd, DESCRIPTOR_START, SEEK_SET)) !== DESCRIPTOR_START) throw new Error(`lseek failed: ${errnoName()}`);
  return fd;
}

const offsetNow = (fd: number) => Number(spliceCalls().lseek(fd, 0, SEEK_CUR));

export const probes: FfiProbeTable = {
  'splice.file-to-pipe': () =>
    withWorkspace((ws) => {
      const file = ws.file('source', TEXT, O_RDONLY);
      const [r, w] = ws.pipe();
      return moved(splice(file, null, w, TEXT.length), () => drain(r, TEXT.length));
    }),

  'splice.pipe-to-file': () =>
    withWorkspace((ws) => {
      const file = ws.file('target', Buffer.alloc(0), O_WRONLY);
      const [r, w] = ws.pipe();
      libc().write(w, TEXT, TEXT.length);
      return moved(splice(r, null, file, TEXT.length), () => ws.contents('target'));
    }),

  'splice.offset-pointer-advances': () =>
    withWorkspace((ws) => {
      const file = offsetFile(ws);
      const [r, w] = ws.pipe();
      const offset = new BigInt64Array([BigInt(POINTER_START)]);
      const result = splice(file, offset, w, OFFSET_LENGTH);
      return observed({
        value: Number(offset[0]),
        errno: errnoOf(result),
        evidence: {
          start_plus_moved: POINTER_START + Math.max(result, 0),
          descriptor_offset: offsetNow(file),
          offset_before: DESCRIPTOR_START,
          bytes_from_offset: result > 0 && drain(r, result).equals(TEXT.subarray(POINTER_START, POINTER_START + result)),
        },
      });
    }),

  'splice.descriptor-offset-stays': () =>
    withWorkspace((ws) => {
      const file = offsetFile(ws);
      const [, w] = ws.pipe();
      const offset = new BigInt64Array([BigInt(POINTER_START)]);
      const result = splice(file, offset, w, OFFSET_LENGTH);
      return observed({
        value: offsetNow(file),
        errno: errnoOf(result),
        evidence: { offset_before: DESCRIPTOR_START, moved: result, pointer_after: Number(offset[0]) },
      });
    }),

  'splice.null-offset-advances-file-offset': () =>
    withWorkspace((ws) => {
      const file = offsetFile(ws);
      const [r, w] = ws.pipe();
      const result = splice(file, null, w, OFFSET_LENGTH);
      return observed({
        value: offsetNow(file),
        errno: errnoOf(result),
        evidence: {
          start_plus_moved: DESCRIPTOR_START + Math.max(result, 0),
          bytes_from_offset: result > 0 && drain(r, result).equals(TEXT.subarray(DESCRIPTOR_START, DESCRIPTOR_START + result)),
        },
      });
    }),

  'splice.pipe-to-socket': () =>
    withWorkspace((ws) => {
      const [r, w] = ws.pipe();
      const [near, far] = ws.socketpair();
      libc().write(w, TEXT, TEXT.length);
      return moved(splice(r, null, near, TEXT.length), () => drain(far, TEXT.length));
    }),

  'splice.socket-to-pipe': () =>
    withWorkspace((ws) => {
      const [r, w] = ws.pipe();
      const [near, far] = ws.socketpair();
      libc().write(near, TEXT, TEXT.length);
      return moved(splice(far, null, w, TEXT.length), () => drain(r, TEXT.length));
    }),

  'splice.tee-keeps-source': () =>
    withWorkspace((ws) => {
      const [sourceRead, sourceWrite] = ws.pipe();
      const [copyRead, copyWrite] = ws.pipe();
      libc().write(sourceWrite, TEXT, TEXT.length);
      const duplicated = Number(spliceCalls().tee(sourceRead, copyWrite, TEXT.length, 0));
      const errno = errnoOf(duplicated);
      const copyComplete = duplicated > 0 && drain(copyRead, TEXT.length).equals(TEXT);
      const sourceKept = drain(sourceRead, TEXT.length).equals(TEXT);
      return observed({
        value: copyComplete && sourceKept,
        errno,
        evidence: { duplicated, source_kept: sourceKept, copy_complete: copyComplete },
      });
    }),

  'splice.vmsplice-delivers': () =>
    withWorkspace((ws) => {
      const [r, w] = ws.pipe();
      const memory = Buffer.from(TEXT);
      const result = Number(spliceCalls().vmsplice(w, { iov_base: memory, iov_len: memory.length }, 1, 0));
      return moved(result, () => drain(r, TEXT.length));
    }),

  'splice.one-call-within-capacity': () =>
    withWorkspace((ws) => {
      const [, w] = ws.pipe();
      const capacity = libc().fcntl(w, F_GETPIPE_SZ) as number;
      if (capacity <= 0) throw new Error(`fcntl(F_GETPIPE_SZ) failed: ${errnoName()}`);
      const requested = 4 * capacity;
      const file = ws.file('large', Buffer.alloc(requested, 'c'), O_RDONLY);
      const result = splice(file, null, w, requested, SPLICE_F_NONBLOCK);
      return observed({
        value: result > 0 && result <= capacity,
        errno: errnoOf(result),
        evidence: { moved: result, pipe_capacity: capacity, requested },
      });
    }),

  'splice.end-of-input-returns-zero': () =>
    withWorkspace((ws) => {
      const file = ws.file('target', Buffer.alloc(0), O_WRONLY);
      const [r, w] = ws.pipe();
      ws.close(w);
      return refusal(splice(r, null, file, 4096));
    }),

  'splice.no-pipe-gives-einval': () =>
    withWorkspace((ws) => refusal(splice(ws.file('source', TEXT, O_RDONLY), null, ws.file('target', Buffer.alloc(0), O_WRONLY), 16))),

  'splice.offset-on-pipe-gives-espipe': () =>
    withWorkspace((ws) => {
      const file = ws.file('target', Buffer.alloc(0), O_WRONLY);
      const [r, w] = ws.pipe();
      libc().write(w, TEXT, TEXT.length);
      return refusal(splice(r, new BigInt64Array([0n]), file, TEXT.length));
    }),

  'splice.wrong-access-mode-gives-ebadf': () =>
    withWorkspace((ws) => {
      const file = ws.file('read-only', Buffer.alloc(0), O_RDONLY);
      const [r, w] = ws.pipe();
      libc().write(w, TEXT, TEXT.length);
      return refusal(splice(r, null, file, TEXT.length));
    }),

  'splice.nonblock-empty-gives-eagain': () =>
    withWorkspace((ws) => {
      const file = ws.file('target', Buffer.alloc(0), O_WRONLY);
      const [r] = ws.pipe();
      return refusal(splice(r, null, file, 16, SPLICE_F_NONBLOCK));
    }),

  'splice.tee-same-pipe-gives-einval': () =>
    withWorkspace((ws) => {
      const [r, w] = ws.pipe();
      libc().write(w, TEXT, TEXT.length);
      return refusal(Number(spliceCalls().tee(r, w, TEXT.length, 0)));
    }),

  'splice.tee-nonblock-empty-gives-eagain': () =>
    withWorkspace((ws) => {
      const [sourceRead] = ws.pipe();
      const [, copyWrite] = ws.pipe();
      return refusal(Number(spliceCalls().tee(sourceRead, copyWrite, 16, SPLICE_F_NONBLOCK)));
    }),

  'splice.vmsplice-non-pipe-gives-ebadf': () =>
    withWorkspace((ws) => {
      const file = ws.file('not-a-pipe', Buffer.alloc(0), O_RDWR);
      const memory = Buffer.from(TEXT);
      return refusal(Number(spliceCalls().vmsplice(file, { iov_base: memory, iov_len: memory.length }, 1, 0)));
    }),
};

// Single-process observations of file mappings (mmap(2), msync(2)) through libc, the FFI
// counterparts of the c-fixtures/file-mapping/ cases of the same names. Files live in a private
// folder (0700, files 0600) removed afterwards; every mapping is unmapped and every descriptor
// closed in a finally block, also when a call throws. Nothing here touches a page past the end of
// a file: a SIGBUS would end the Node process, so those cases are the fixture's alone.
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import koffi from 'koffi';
import type { FfiProbeTable } from './ffiProbe.js';
import { FAILED_POINTER as MAP_FAILED } from './ipc.js';
import { closeAll, errnoName, errnoOf, type FfiObservation, libcBindings, O_RDONLY, O_RDWR, observed } from './libc.js';

// <sys/mman.h> (Linux).
const PROT_READ = 0x1;
const PROT_WRITE = 0x2;
const MAP_SHARED = 0x01;
const MAP_PRIVATE = 0x02;
const MS_ASYNC = 1;
const MS_SYNC = 4;

const mapping = libcBindings((lib) => ({
  mmap: lib.func('void *mmap(void *addr, size_t length, int prot, int flags, int fd, int64_t offset)'),
  munmap: lib.func('int munmap(void *addr, size_t length)'),
  msync: lib.func('int msync(void *addr, size_t length, int flags)'),
  ftruncate: lib.func('int ftruncate(int fd, int64_t length)'),
  pread: lib.func('long pread(int fd, _Out_ uint8_t *buf, size_t count, int64_t offset)'),
  pwrite: lib.func('long pwrite(int fd, const uint8_t *buf, size_t count, int64_t offset)'),
  getpagesize: lib.func('int getpagesize(void)'),
}));

const pageSize = () => mapping().getpagesize() as number;

/** One mapping: its bytes as a view, and its address for munmap/msync. */
interface Mapped {
  address: bigint;
  bytes: Uint8Array;
}

/** What a probe body may make: files in its private folder, mappings of them; all released afterwards. */
interface Workspace {
  /** A file `name` (0600), `size` bytes long, starting with `text` and a NUL; opened O_RDWR. */
  file(name: string, size: number, text?: string): number;
  path(name: string): string;
  /** mmap(length, prot, flags) of fd at offset; null (errno kept) when mmap fails. */
  map(fd: number, length: number, flags: number, prot?: number, offset?: number): Mapped | null;
  unmap(mapped: Mapped): void;
  close(fd: number): void;
}

function withWorkspace(body: (workspace: Workspace) => FfiObservation): FfiObservation {
  const dir = mkdtempSync(join(tmpdir(), 'ipc-conformance-'));
  const fds: number[] = [];
  const mappings: Mapped[] = [];
  try {
    return body({
      file(name, size, text) {
        const data = Buffer.alloc(size);
        if (text !== undefined) data.write(text, 'latin1');
        writeFileSync(join(dir, name), data, { mode: 0o600, flag: 'wx' });
        const fd = openSync(join(dir, name), O_RDWR);
        fds.push(fd);
        return fd;
      },
      path: (name) => join(dir, name),
      map(fd, length, flags, prot = PROT_READ | PROT_WRITE, offset = 0) {
        const address = mapping().mmap(null, length, prot, flags, fd, offset) as bigint;
        if (address === MAP_FAILED) return null;
        const mapped = { address, bytes: new Uint8Array(koffi.view(address, length)) };
        mappings.push(mapped);
        return mapped;
      },
      unmap(mapped) {
        mappings.splice(mappings.indexOf(mapped), 1);
        if (mapping().munmap(mapped.address, mapped.bytes.length) !== 0) throw new Error(`munmap failed: ${errnoName()}`);
      },
      close(fd) {
        fds.splice(fds.indexOf(fd), 1);
        closeAll(fd);
      },
    });
  } finally {
    for (const { address, bytes } of mappings) mapping().munmap(address, bytes.length);
    for (const fd of fds) closeAll(fd);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** mmap that must work for the probe to observe anything. */
function mapOrThrow(ws: Workspace, fd: number, length: number, flags: number, prot?: number): Mapped {
  const mapped = ws.map(fd, length, flags, prot);
  if (!mapped) throw new Error(`mmap failed: ${errnoName()}`);
  return mapped;
}

/** The NUL-terminated text at the start of some bytes. */
const textOf = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 64)).toString('latin1').replace(/\0.*$/s, '');
/** Stores a text and its NUL at the start of a mapping. */
const store = (mapped: Mapped, text: string) => mapped.bytes.set(Buffer.from(`${text}\0`, 'latin1'));
/** The text at the start of a file, read through a fresh descriptor of its path. */
const textByPath = (path: string) => {
  try {
    return textOf(readFileSync(path));
  } catch {
    return '';
  }
};
/** The text at the start of a file, read with pread on fd. */
function textByPread(fd: number): string {
  const buffer = Buffer.alloc(64);
  if (Number(mapping().pread(fd, buffer, buffer.length - 1, 0)) < 0) throw new Error(`pread failed: ${errnoName()}`);
  return textOf(buffer);
}

/** The fixtures' report of an mmap attempt: whether it mapped, and the errno when not. */
function mappingAttempt(ws: Workspace, fd: number, length: number, prot: number, offset = 0): FfiObservation {
  const mapped = ws.map(fd, length, MAP_SHARED, prot, offset);
  const errno = mapped ? null : errnoName();
  if (mapped) ws.unmap(mapped);
  return observed({ value: mapped !== null, errno });
}

export const probes: FfiProbeTable = {
  'file-mapping.shared-store-seen-by-read': () =>
    withWorkspace((ws) => {
      const fd = ws.file('shared', pageSize(), 'before');
      store(mapOrThrow(ws, fd, pageSize(), MAP_SHARED), 'stored');
      const seen = textByPread(fd);
      return observed({ value: seen === 'stored', evidence: { read_sees: seen } });
    }),

  'file-mapping.write-seen-through-mapping': () =>
    withWorkspace((ws) => {
      const fd = ws.file('written', pageSize(), 'before');
      const mapped = mapOrThrow(ws, fd, pageSize(), MAP_SHARED);
      const text = Buffer.from('written\0', 'latin1');
      if (Number(mapping().pwrite(fd, text, text.length, 0)) !== text.length) throw new Error(`pwrite failed: ${errnoName()}`);
      const seen = textOf(mapped.bytes);
      return observed({ value: seen === 'written', evidence: { mapping_sees: seen } });
    }),

  'file-mapping.private-store-not-carried': () =>
    withWorkspace((ws) => {
      const fd = ws.file('private', pageSize(), 'shared');
      const shared = mapOrThrow(ws, fd, pageSize(), MAP_SHARED);
      const privateCopy = mapOrThrow(ws, fd, pageSize(), MAP_PRIVATE);
      store(privateCopy, 'private');
      const readSees = textByPath(ws.path('private'));
      const sharedSees = textOf(shared.bytes);
      return observed({
        value: readSees === 'private' || sharedSees === 'private',
        evidence: {
          read_sees: readSees,
          shared_mapping_sees: sharedSees,
          private_mapping_changed: textOf(privateCopy.bytes) === 'private',
        },
      });
    }),

  'file-mapping.private-sees-earlier-stores': () =>
    withWorkspace((ws) => {
      const fd = ws.file('earlier', pageSize(), 'initial');
      store(mapOrThrow(ws, fd, pageSize(), MAP_SHARED), 'earlier');
      const seen = textOf(mapOrThrow(ws, fd, pageSize(), MAP_PRIVATE, PROT_READ).bytes);
      return observed({ value: seen === 'earlier', evidence: { private_mapping_sees: seen } });
    }),

  'file-mapping.msync-sync-reaches-file': () =>
    withWorkspace((ws) => {
      const fd = ws.file('synced', pageSize(), 'before');
      const mapped = mapOrThrow(ws, fd, pageSize(), MAP_SHARED);
      store(mapped, 'synced');
      const result = mapping().msync(mapped.address, pageSize(), MS_SYNC) as number;
      const errno = errnoOf(result);
      ws.unmap(mapped);
      ws.close(fd);
      const seen = textByPath(ws.path('synced'));
      return observed({
        value: result === 0 && seen === 'synced',
        errno,
        evidence: { msync_result: result, read_after_munmap_and_close: seen },
      });
    }),

  'file-mapping.msync-both-flags': () =>
    withWorkspace((ws) => {
      const mapped = mapOrThrow(ws, ws.file('flags', pageSize(), 'before'), pageSize(), MAP_SHARED);
      const result = mapping().msync(mapped.address, pageSize(), MS_SYNC | MS_ASYNC) as number;
      return observed({ value: result, errno: errnoOf(result) });
    }),

  'file-mapping.mapping-survives-close': () =>
    withWorkspace((ws) => {
      const fd = ws.file('closed', pageSize(), 'before');
      const mapped = mapOrThrow(ws, fd, pageSize(), MAP_SHARED);
      ws.close(fd);
      const oldData = textOf(mapped.bytes) === 'before';
      store(mapped, 'after-close');
      const seen = textByPath(ws.path('closed'));
      return observed({ value: oldData && seen === 'after-close', evidence: { old_data_readable: oldData, read_sees: seen } });
    }),

  'file-mapping.mapping-survives-unlink': () =>
    withWorkspace((ws) => {
      const fd = ws.file('unlinked', pageSize(), 'before');
      const mapped = mapOrThrow(ws, fd, pageSize(), MAP_SHARED);
      ws.close(fd);
      unlinkSync(ws.path('unlinked'));
      const oldData = textOf(mapped.bytes) === 'before';
      store(mapped, 'after-unlink');
      return observed({
        value: oldData && textOf(mapped.bytes) === 'after-unlink',
        evidence: { old_data_readable: oldData, name_gone: !existsSync(ws.path('unlinked')) },
      });
    }),

  'file-mapping.rdonly-map-shared-write': () =>
    withWorkspace((ws) => {
      ws.close(ws.file('read-only', pageSize(), 'before'));
      const fd = openSync(ws.path('read-only'), O_RDONLY);
      try {
        const attempt = mappingAttempt(ws, fd, pageSize(), PROT_READ | PROT_WRITE);
        const readable = ws.map(fd, pageSize(), MAP_SHARED, PROT_READ);
        if (readable) ws.unmap(readable);
        return { ...attempt, evidence: { prot_read_maps: readable !== null } };
      } finally {
        closeAll(fd);
      }
    }),

  'file-mapping.zero-length': () =>
    withWorkspace((ws) => mappingAttempt(ws, ws.file('empty-request', pageSize(), 'before'), 0, PROT_READ | PROT_WRITE)),

  'file-mapping.unaligned-offset': () =>
    withWorkspace((ws) => {
      const offset = pageSize() / 2;
      const attempt = mappingAttempt(ws, ws.file('unaligned', 2 * pageSize(), 'before'), pageSize(), PROT_READ | PROT_WRITE, offset);
      return { ...attempt, evidence: { offset } };
    }),

  'file-mapping.growth-reads-zeros': () =>
    withWorkspace((ws) => {
      const page = pageSize();
      const fd = ws.file('grown', page, 'first-page');
      const mapped = mapOrThrow(ws, fd, 3 * page, MAP_SHARED);
      if (mapping().ftruncate(fd, 3 * page) !== 0) throw new Error(`ftruncate failed: ${errnoName()}`);
      // Only after the file has grown: touching these pages earlier would raise SIGBUS in Node.
      const nonzero = mapped.bytes.subarray(page).filter((byte) => byte !== 0).length;
      return observed({
        value: nonzero === 0,
        evidence: { new_bytes: 2 * page, nonzero_bytes: nonzero, first_page_kept: textOf(mapped.bytes) === 'first-page' },
      });
    }),
};

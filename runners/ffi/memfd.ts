// Single-process memfd observations through libc, the FFI counterparts of the c-fixtures/memfd/
// cases of the same names: sizes, seals and what they refuse, descriptor flags, the /proc link and
// the name limit. Every mapping is unmapped and every descriptor closed in a finally block.
import { fstatSync, readlinkSync } from 'node:fs';
import koffi from 'koffi';
import { type FfiProbeTable, ffiProbe, param } from './ffiProbe.js';
import { FAILED_POINTER as MAP_FAILED } from './ipc.js';
import { closeAll, errnoName, errnoOf, type FfiObservation, fsErrno, libc, libcBindings, observed } from './libc.js';

// <linux/memfd.h>, <linux/fcntl.h>, <sys/mman.h> (Linux).
const MFD_CLOEXEC = 0x1;
const MFD_ALLOW_SEALING = 0x2;
const F_GETFD = 1;
const FD_CLOEXEC = 1;
const F_ADD_SEALS = 1033;
const F_GET_SEALS = 1034;
const F_SEAL_SEAL = 0x1;
const F_SEAL_SHRINK = 0x2;
const F_SEAL_GROW = 0x4;
const F_SEAL_WRITE = 0x8;
const F_SEAL_FUTURE_WRITE = 0x10;
const PROT_READ = 0x1;
const PROT_WRITE = 0x2;
const MAP_SHARED = 0x01;
/** memfd_create(2): the longest name, what NAME_MAX leaves after "memfd:". */
const LONGEST_NAME = 249;

const memfd = libcBindings((lib) => ({
  memfd_create: lib.func('int memfd_create(const char *name, unsigned int flags)'),
  ftruncate: lib.func('int ftruncate(int fd, int64_t length)'),
  mmap: lib.func('void *mmap(void *addr, size_t length, int prot, int flags, int fd, int64_t offset)'),
  munmap: lib.func('int munmap(void *addr, size_t length)'),
  pread: lib.func('long pread(int fd, _Out_ uint8_t *buf, size_t count, int64_t offset)'),
  pwrite: lib.func('long pwrite(int fd, const uint8_t *buf, size_t count, int64_t offset)'),
  getpagesize: lib.func('int getpagesize(void)'),
}));

/** The page size, as the fixture reads it (sysconf): its memfds are sized in pages. */
const page = () => memfd().getpagesize() as number;

/** The name the fixture gives a tag: its probe_ipc_name without the slash. */
const memfdName = (tag: string) => `ipc-conformance-${process.pid}-${tag}`;

/** What a probe body may do with its memfd; mappings and descriptors are released afterwards. */
interface Memfd {
  fd: number;
  /** A MAP_SHARED mapping of `length` bytes with `prot`, or null (errno kept) when mmap refuses. */
  map(length: number, prot?: number): Uint8Array | null;
  unmapAll(): void;
  addSeals(seals: number): number;
  seals(): number;
  truncate(length: number): number;
  pwrite(text: string, offset: number): number;
  pread(length: number, offset: number): string;
}

/** Makes a memfd named for `tag` (sized when size > 0), runs body, then releases everything. */
function withMemfd(tag: string, flags: number, size: number, body: (m: Memfd) => FfiObservation): FfiObservation {
  const fd = memfd().memfd_create(memfdName(tag), flags) as number;
  if (fd < 0) throw new Error(`memfd_create(${memfdName(tag)}) failed: ${errnoName()}`);
  const mappings: [bigint, number][] = [];
  const handle: Memfd = {
    fd,
    map(length, prot = PROT_READ | PROT_WRITE) {
      const address = memfd().mmap(null, length, prot, MAP_SHARED, fd, 0) as bigint;
      if (address === MAP_FAILED) return null;
      mappings.push([address, length]);
      return new Uint8Array(koffi.view(address, length));
    },
    unmapAll() {
      for (const [address, length] of mappings.splice(0)) memfd().munmap(address, length);
    },
    addSeals: (seals) => libc().fcntl(fd, F_ADD_SEALS, 'int', seals) as number,
    seals: () => libc().fcntl(fd, F_GET_SEALS) as number,
    truncate: (length) => memfd().ftruncate(fd, length) as number,
    pwrite: (text, offset) => memfd().pwrite(fd, Buffer.from(text), text.length, offset) as number,
    pread(length, offset) {
      const buffer = Buffer.alloc(length);
      const got = memfd().pread(fd, buffer, length, offset) as number;
      return got < 0 ? '' : buffer.subarray(0, got).toString('latin1').replace(/\0.*$/s, '');
    },
  };
  try {
    if (size > 0 && handle.truncate(size) !== 0) throw new Error(`ftruncate(${size}) failed: ${errnoName()}`);
    return body(handle);
  } finally {
    handle.unmapAll();
    closeAll(fd);
  }
}

/** A seal that must work for the probe to observe anything. */
function sealOrThrow(m: Memfd, seals: number): void {
  if (m.addSeals(seals) !== 0) throw new Error(`F_ADD_SEALS(${seals}) failed: ${errnoName()}`);
}

/** A call under test reported as the fixture does: its result as the value, and its errno. */
const call = (result: number, evidence: FfiObservation['evidence'] = {}) => observed({ value: result, errno: errnoOf(result), evidence });

/** A mapping attempt reported as the fixture does: whether it mapped, and the errno when not. */
function mapping(m: Memfd, prot: number): { mapped: boolean; errno: string | null } {
  const mapped = m.map(page(), prot) !== null;
  return { mapped, errno: mapped ? null : errnoName() };
}

const hasCloexec = (fd: number) => ((libc().fcntl(fd, F_GETFD) as number) & FD_CLOEXEC) !== 0;

/** A page that was mapped writable and shared, unmapped, then sealed against writes. */
function writeSealed(m: Memfd): void {
  m.map(page());
  m.unmapAll();
  sealOrThrow(m, F_SEAL_WRITE);
}

/** Whether memfd_create accepts a name of `length` bytes (the descriptor is closed again). */
function nameWorks(length: number): { works: boolean; errno: string | null } {
  const fd = memfd().memfd_create('m'.repeat(length), 0) as number;
  const errno = errnoOf(fd);
  closeAll(fd);
  return { works: fd >= 0, errno };
}

export const probes: FfiProbeTable = {
  'memfd.new-has-zero-size': () => withMemfd('new', 0, 0, ({ fd }) => observed({ value: fstatSync(fd).size })),

  'memfd.initial-seals': ffiProbe([param('allow_sealing', '1: create with MFD_ALLOW_SEALING, 0: without')], ({ allow_sealing }) => {
    const allow = Number(allow_sealing) !== 0;
    return withMemfd('seals', allow ? MFD_ALLOW_SEALING : 0, 0, (m) => call(m.seals(), { allow_sealing: allow }));
  }),

  'memfd.add-seals-without-allow-sealing': () => withMemfd('unsealable', 0, page(), (m) => call(m.addSeals(F_SEAL_WRITE))),

  'memfd.seal-write-while-mapped': () =>
    withMemfd('mapped', MFD_ALLOW_SEALING, page(), (m) => {
      m.map(page());
      const result = call(m.addSeals(F_SEAL_WRITE));
      const sealsWhileMapped = m.seals();
      m.unmapAll();
      return { ...result, evidence: { seals_while_mapped: sealsWhileMapped, seal_after_munmap_works: m.addSeals(F_SEAL_WRITE) === 0 } };
    }),

  'memfd.seal-write-refuses-write': () =>
    withMemfd('no-write', MFD_ALLOW_SEALING, page(), (m) => {
      writeSealed(m);
      const result = call(m.pwrite('x', 0));
      return { ...result, evidence: { seals: m.seals() } };
    }),

  'memfd.seal-write-refuses-shared-writable-mapping': () =>
    withMemfd('no-map', MFD_ALLOW_SEALING, page(), (m) => {
      writeSealed(m);
      const { mapped, errno } = mapping(m, PROT_READ | PROT_WRITE);
      return observed({ value: mapped, errno, evidence: { read_only_shared_maps: m.map(page(), PROT_READ) !== null } });
    }),

  'memfd.seal-shrink-refuses-smaller': () =>
    withMemfd('no-shrink', MFD_ALLOW_SEALING, 2 * page(), (m) => {
      sealOrThrow(m, F_SEAL_SHRINK);
      const result = call(m.truncate(page()));
      const sizeAfter = fstatSync(m.fd).size;
      return { ...result, evidence: { size_after: sizeAfter, larger_allowed: m.truncate(3 * page()) === 0 } };
    }),

  'memfd.seal-grow-refuses-larger': () =>
    withMemfd('no-grow', MFD_ALLOW_SEALING, 2 * page(), (m) => {
      sealOrThrow(m, F_SEAL_GROW);
      const result = call(m.truncate(3 * page()));
      const sizeAfter = fstatSync(m.fd).size;
      return { ...result, evidence: { size_after: sizeAfter, smaller_allowed: m.truncate(page()) === 0 } };
    }),

  'memfd.seal-grow-refuses-write-past-end': () =>
    withMemfd('no-append', MFD_ALLOW_SEALING, page(), (m) => {
      sealOrThrow(m, F_SEAL_GROW);
      const result = call(m.pwrite('x', page()));
      const sizeAfter = fstatSync(m.fd).size;
      return { ...result, evidence: { size_after: sizeAfter, write_inside_allowed: m.pwrite('x', 0) === 1 } };
    }),

  'memfd.seal-seal-refuses-more-seals': () =>
    withMemfd('sealed-seals', MFD_ALLOW_SEALING, page(), (m) => {
      sealOrThrow(m, F_SEAL_SEAL);
      const result = call(m.addSeals(F_SEAL_SHRINK));
      return { ...result, evidence: { seals: m.seals() } };
    }),

  'memfd.future-write-keeps-existing-mapping': () =>
    withMemfd('future-kept', MFD_ALLOW_SEALING, page(), (m) => {
      const memory = m.map(page());
      if (!memory) throw new Error(`mmap failed: ${errnoName()}`);
      memory.set(Buffer.from('before-seal\0'));
      sealOrThrow(m, F_SEAL_FUTURE_WRITE);
      memory.set(Buffer.from('after-seal\0'));
      const seen = m.pread(15, 0);
      const written = m.pwrite('x', 0);
      return observed({ value: seen === 'after-seal', evidence: { read_sees: seen, write_errno: written < 0 ? errnoName() : 'none' } });
    }),

  'memfd.future-write-refuses-write': () =>
    withMemfd('future-write', MFD_ALLOW_SEALING, page(), (m) => {
      sealOrThrow(m, F_SEAL_FUTURE_WRITE);
      const result = call(m.pwrite('x', 0));
      return { ...result, evidence: { seals: m.seals() } };
    }),

  'memfd.future-write-refuses-new-writable-mapping': () =>
    withMemfd('future-new', MFD_ALLOW_SEALING, page(), (m) => {
      const existing = m.map(page());
      if (!existing) throw new Error(`mmap failed: ${errnoName()}`);
      sealOrThrow(m, F_SEAL_FUTURE_WRITE);
      const { mapped, errno } = mapping(m, PROT_READ | PROT_WRITE);
      existing.set(Buffer.from('still-writable\0'));
      const stillWritable = Buffer.from(existing.subarray(0, 14)).toString('latin1') === 'still-writable';
      return observed({ value: mapped, errno, evidence: { existing_mapping_writable: stillWritable } });
    }),

  'memfd.cloexec-flag': () =>
    withMemfd('cloexec', MFD_CLOEXEC, 0, ({ fd }) =>
      withMemfd('inheritable', 0, 0, (other) =>
        observed({ value: hasCloexec(fd), evidence: { without_mfd_cloexec: hasCloexec(other.fd) } }),
      ),
    ),

  'memfd.name-in-proc-fd': () =>
    withMemfd('named', 0, 0, ({ fd }) => {
      const name = memfdName('named');
      try {
        const link = readlinkSync(`/proc/self/fd/${fd}`);
        return observed({ value: link.startsWith(`/memfd:${name}`), evidence: { link, name } });
      } catch (error) {
        return observed({ value: false, errno: fsErrno(error), evidence: { name } });
      }
    }),

  'memfd.name-too-long': () => {
    const tooLong = nameWorks(LONGEST_NAME + 1);
    return observed({
      value: tooLong.works ? 0 : -1,
      errno: tooLong.errno,
      evidence: { name_length: LONGEST_NAME + 1, longest_allowed_works: nameWorks(LONGEST_NAME).works },
    });
  },
};

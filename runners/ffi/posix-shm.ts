// Single-process POSIX shared memory observations through libc, the FFI counterparts of the
// c-fixtures/posix-shm/ cases of the same names. Every object is shm_unlinked, every mapping
// unmapped and every descriptor closed in a finally block, also when a call throws.
import { constants as fsConstants, fstatSync, readSync, statSync } from 'node:fs';
import koffi from 'koffi';
import { type FfiProbeTable, ffiProbe, optionalParam } from './ffiProbe.js';
import { FAILED_POINTER as MAP_FAILED, probeName } from './ipc.js';
import {
  closeAll,
  errnoName,
  errnoOf,
  type FfiObservation,
  fsErrno,
  libc,
  libcBindings,
  modeText,
  O_CREAT,
  O_EXCL,
  O_RDWR,
  observed,
} from './libc.js';

const F_GETFD = 1;
const { O_RDONLY, O_TRUNC } = fsConstants;
const FD_CLOEXEC = 1;
// <sys/mman.h> (Linux).
const PROT_READ = 0x1;
const PROT_WRITE = 0x2;
const MAP_SHARED = 0x01;
const MAP_PRIVATE = 0x02;

const shm = libcBindings((lib) => ({
  shm_open: lib.func('int shm_open(const char *name, int flags, uint32_t mode)'),
  shm_unlink: lib.func('int shm_unlink(const char *name)'),
  ftruncate: lib.func('int ftruncate(int fd, int64_t length)'),
  mmap: lib.func('void *mmap(void *addr, size_t length, int prot, int flags, int fd, int64_t offset)'),
  munmap: lib.func('int munmap(void *addr, size_t length)'),
  pread: lib.func('long pread(int fd, _Out_ uint8_t *buf, size_t count, int64_t offset)'),
  pwrite: lib.func('long pwrite(int fd, const uint8_t *buf, size_t count, int64_t offset)'),
  geteuid: lib.func('uint32_t geteuid(void)'),
  getegid: lib.func('uint32_t getegid(void)'),
  lseek: lib.func('int64_t lseek(int fd, int64_t offset, int whence)'),
}));

/** The node glibc gives a name: "/x" → "/dev/shm/x". */
const nodeOf = (name: string) => `/dev/shm${name}`;

/** What a probe body may do with its object; mappings and descriptors are released afterwards. */
interface ShmObject {
  name: string;
  fd: number;
  map(size: number, flags: number): Uint8Array;
}

/** Creates `name` exclusively with mode 0600 (sized when size > 0), runs body, then removes it. */
function withObject(tag: string, size: number, body: (object: ShmObject) => FfiObservation): FfiObservation {
  const name = probeName(tag);
  const fd = shm().shm_open(name, O_CREAT | O_EXCL | O_RDWR, 0o600) as number;
  if (fd < 0) throw new Error(`shm_open(${name}) failed: ${errnoName()}`);
  const mappings: [bigint, number][] = [];
  try {
    if (size > 0 && shm().ftruncate(fd, size) !== 0) throw new Error(`ftruncate(${name}, ${size}) failed: ${errnoName()}`);
    return body({
      name,
      fd,
      map(length, flags) {
        const address = shm().mmap(null, length, PROT_READ | PROT_WRITE, flags, fd, 0) as bigint;
        if (address === MAP_FAILED) throw new Error(`mmap(${name}) failed: ${errnoName()}`);
        mappings.push([address, length]);
        return new Uint8Array(koffi.view(address, length));
      },
    });
  } finally {
    for (const [address, length] of mappings) shm().munmap(address, length);
    closeAll(fd);
    shm().shm_unlink(name);
  }
}

/** Size of the objects the mapping probes make: one page on 4 KiB systems, within one elsewhere. */
const OBJECT_SIZE = 4096;
const text = (bytes: Uint8Array, length: number) => Buffer.from(bytes.subarray(0, length)).toString('latin1').replace(/\0.*$/s, '');
const nodeGone = (name: string) => {
  try {
    statSync(nodeOf(name));
    return false;
  } catch (error) {
    return fsErrno(error) === 'ENOENT';
  }
};

/** An shm_open attempt reported as the fixture does: value 0 when it opened, -1 when not; closed again. */
function openAttempt(fd: number, evidence: FfiObservation['evidence'] = {}): FfiObservation {
  const errno = errnoOf(fd);
  closeAll(fd);
  return observed({ value: fd < 0 ? -1 : 0, errno, evidence });
}

/** Maps `length` bytes of fd with `prot`; null (errno kept) when mmap fails. */
function mapOrNull(fd: number, length: number, prot: number): bigint | null {
  const address = shm().mmap(null, length, prot, MAP_SHARED, fd, 0) as bigint;
  return address === MAP_FAILED ? null : address;
}

export const probes: FfiProbeTable = {
  'posix-shm.node-in-dev-shm': () =>
    withObject('node', 0, ({ name, fd }) => {
      const object = fstatSync(fd);
      try {
        const node = statSync(nodeOf(name));
        return observed({
          value: modeText(node.mode),
          evidence: {
            node: nodeOf(name),
            regular_file: node.isFile(),
            same_inode_as_descriptor: node.ino === object.ino && node.dev === object.dev,
          },
        });
      } catch (error) {
        return observed({ value: null, errno: fsErrno(error), evidence: { node: nodeOf(name) } });
      }
    }),

  'posix-shm.new-object-has-zero-size': () => withObject('new', 0, ({ fd }) => observed({ value: fstatSync(fd).size })),

  'posix-shm.ftruncate-sets-size': ffiProbe([optionalParam('bytes', 'the size to set (default 4097)')], ({ bytes = '4097' }) => {
    const requested = Number(bytes);
    if (!Number.isInteger(requested) || requested < 0) throw new Error(`ftruncate-sets-size needs a byte count, got '${bytes}'`);
    return withObject('sized', 0, ({ name, fd }) => {
      const result = shm().ftruncate(fd, requested) as number;
      return observed({
        value: fstatSync(fd).size,
        errno: errnoOf(result),
        evidence: { requested, node_size: statSync(nodeOf(name), { throwIfNoEntry: false })?.size ?? null },
      });
    });
  }),

  'posix-shm.excl-on-existing-gives-eexist': () =>
    withObject('excl', 0, ({ name }) => {
      const again = shm().shm_open(name, O_CREAT | O_EXCL | O_RDWR, 0o600) as number;
      const errno = errnoOf(again);
      closeAll(again);
      return observed({ value: again < 0 ? -1 : 0, errno });
    }),

  'posix-shm.open-after-unlink-gives-enoent': () =>
    withObject('removed', 0, ({ name }) => {
      if (shm().shm_unlink(name) !== 0) throw new Error(`shm_unlink(${name}) failed: ${errnoName()}`);
      const gone = nodeGone(name);
      const again = shm().shm_open(name, O_RDWR, 0) as number;
      const errno = errnoOf(again);
      closeAll(again);
      return observed({ value: again < 0 ? -1 : 0, errno, evidence: { node_gone: gone } });
    }),

  'posix-shm.mapping-survives-unlink': () =>
    withObject('unlinked', OBJECT_SIZE, (object) => {
      const memory = object.map(OBJECT_SIZE, MAP_SHARED);
      memory.set(Buffer.from('before-unlink\0'));
      if (shm().shm_unlink(object.name) !== 0) throw new Error(`shm_unlink(${object.name}) failed: ${errnoName()}`);
      const readable = text(memory, 32) === 'before-unlink';
      memory.set(Buffer.from('after-unlink\0'));
      return observed({
        value: readable && text(memory, 32) === 'after-unlink',
        evidence: { old_data_readable: readable, node_gone: nodeGone(object.name) },
      });
    }),

  'posix-shm.map-private-not-written-back': () =>
    withObject('private', OBJECT_SIZE, (object) => {
      const shared = object.map(OBJECT_SIZE, MAP_SHARED);
      shared.set(Buffer.from('shared\0'));
      const privateCopy = object.map(OBJECT_SIZE, MAP_PRIVATE);
      privateCopy.set(Buffer.from('private\0'));
      const buffer = Buffer.alloc(16);
      readSync(object.fd, buffer, 0, 15, 0);
      const readSees = text(buffer, 15);
      return observed({
        value: readSees === 'private' || text(shared, 16) === 'private',
        evidence: {
          read_sees: readSees,
          shared_mapping_sees: text(shared, 16),
          private_mapping_changed: text(privateCopy, 16) === 'private',
        },
      });
    }),

  'posix-shm.fd-is-close-on-exec': () =>
    withObject('cloexec', 0, ({ fd }) => {
      const flags = libc().fcntl(fd, F_GETFD) as number;
      if (flags < 0) throw new Error(`fcntl(F_GETFD) failed: ${errnoName()}`);
      return observed({ value: (flags & FD_CLOEXEC) !== 0 });
    }),
  'posix-shm.open-missing-gives-enoent': () => {
    const name = probeName('missing');
    try {
      return openAttempt(shm().shm_open(name, O_RDWR, 0) as number);
    } finally {
      shm().shm_unlink(name); // in case a broken shm_open made it anyway
    }
  },

  'posix-shm.unlink-missing-gives-enoent': () => {
    const result = shm().shm_unlink(probeName('never-made')) as number;
    return observed({ value: result, errno: errnoOf(result) });
  },

  'posix-shm.name-too-long': () => {
    const NAME_MAX = 255;
    const name = `/${'n'.repeat(NAME_MAX + 1)}`;
    return openAttempt(shm().shm_open(name, O_CREAT | O_EXCL | O_RDWR, 0o600) as number, { name_length: name.length, NAME_MAX });
  },

  'posix-shm.name-with-slash': () => {
    const name = `${probeName('dir')}/inner`;
    return openAttempt(shm().shm_open(name, O_CREAT | O_EXCL | O_RDWR, 0o600) as number, { name });
  },

  'posix-shm.o-trunc-empties': () =>
    withObject('trunc', OBJECT_SIZE, ({ name, fd }) => {
      shm().pwrite(fd, Buffer.from('data'), 4, 0);
      const sizeBefore = fstatSync(fd).size;
      const again = shm().shm_open(name, O_RDWR | O_TRUNC, 0) as number;
      if (again < 0) return observed({ value: null, errno: errnoName(), evidence: { size_before: sizeBefore } });
      try {
        return observed({ value: fstatSync(again).size, evidence: { size_before: sizeBefore } });
      } finally {
        closeAll(again);
      }
    }),

  'posix-shm.o-creat-keeps-existing': () =>
    withObject('kept', OBJECT_SIZE, ({ name, fd }) => {
      shm().pwrite(fd, Buffer.from('kept\0'), 5, 0);
      const again = shm().shm_open(name, O_CREAT | O_RDWR, 0o600) as number;
      if (again < 0) return observed({ value: null, errno: errnoName(), evidence: { size: OBJECT_SIZE } });
      try {
        const content = Buffer.alloc(5);
        shm().pread(again, content, 5, 0);
        return observed({ value: fstatSync(again).size, evidence: { content: text(content, 5), size: OBJECT_SIZE } });
      } finally {
        closeAll(again);
      }
    }),

  'posix-shm.mode-applies-umask': () => {
    const name = probeName('umask');
    const old = libc().umask(0o077) as number;
    const fd = shm().shm_open(name, O_CREAT | O_EXCL | O_RDWR, 0o660) as number;
    const errno = errnoOf(fd);
    libc().umask(old);
    try {
      const evidence = { requested_mode: '0660', umask: '0077' };
      return fd < 0 ? observed({ value: null, errno, evidence }) : observed({ value: modeText(fstatSync(fd).mode), evidence });
    } finally {
      closeAll(fd);
      shm().shm_unlink(name);
    }
  },

  'posix-shm.owner-is-creator': () =>
    withObject('owner', 0, ({ fd }) => {
      const status = fstatSync(fd);
      return observed({ value: status.uid, evidence: { euid: shm().geteuid() as number, gid: status.gid } });
    }),

  'posix-shm.rdonly-map-shared-write': () =>
    withObject('rdonly', OBJECT_SIZE, ({ name }) => {
      const fd = shm().shm_open(name, O_RDONLY, 0) as number;
      if (fd < 0) throw new Error(`shm_open(${name}, O_RDONLY) failed: ${errnoName()}`);
      try {
        const writable = mapOrNull(fd, OBJECT_SIZE, PROT_READ | PROT_WRITE);
        const errno = writable === null ? errnoName() : null;
        if (writable !== null) shm().munmap(writable, OBJECT_SIZE);
        const readable = mapOrNull(fd, OBJECT_SIZE, PROT_READ);
        if (readable !== null) shm().munmap(readable, OBJECT_SIZE);
        return observed({ value: writable !== null, errno, evidence: { prot_read_maps: readable !== null } });
      } finally {
        closeAll(fd);
      }
    }),

  'posix-shm.sized-object-reads-zeros': ffiProbe([optionalParam('pages', 'the size in pages (default 2)')], ({ pages = '2' }) => {
    const count = Number(pages);
    if (!Number.isInteger(count) || count < 1 || count > 64) throw new Error(`sized-object-reads-zeros needs PAGES 1..64, got '${pages}'`);
    const bytes = count * OBJECT_SIZE;
    return withObject('zeros', bytes, (object) => {
      const memory = object.map(bytes, MAP_SHARED);
      const nonzero = memory.reduce((n, byte) => n + (byte !== 0 ? 1 : 0), 0);
      return observed({ value: nonzero === 0, evidence: { bytes, nonzero_bytes: nonzero } });
    });
  }),

  'posix-shm.mapping-survives-close': () =>
    withObject('closed', OBJECT_SIZE, (object) => {
      const memory = object.map(OBJECT_SIZE, MAP_SHARED);
      // A descriptor of its own to close: withObject's stays open for its cleanup.
      const own = shm().shm_open(object.name, O_RDWR, 0) as number;
      if (own < 0) throw new Error(`shm_open(${object.name}) failed: ${errnoName()}`);
      const address = mapOrNull(own, OBJECT_SIZE, PROT_READ | PROT_WRITE);
      closeAll(own);
      if (address === null) throw new Error(`mmap(${object.name}) failed: ${errnoName()}`);
      try {
        new Uint8Array(koffi.view(address, OBJECT_SIZE)).set(Buffer.from('after-close\0'));
        const again = shm().shm_open(object.name, O_RDONLY, 0) as number;
        if (again < 0) return observed({ value: false, errno: errnoName() });
        const seen = Buffer.alloc(16);
        shm().pread(again, seen, 15, 0);
        closeAll(again);
        const readByName = text(seen, 15);
        return observed({
          value: readByName === 'after-close',
          evidence: { read_by_name: readByName, first_mapping_sees: text(memory, 16) },
        });
      } finally {
        shm().munmap(address, OBJECT_SIZE);
      }
    }),

  'posix-shm.recreated-after-unlink': () =>
    withObject('again', OBJECT_SIZE, (object) => {
      const memory = object.map(OBJECT_SIZE, MAP_SHARED);
      memory.set(Buffer.from('old\0'));
      if (shm().shm_unlink(object.name) !== 0) throw new Error(`shm_unlink(${object.name}) failed: ${errnoName()}`);
      const fresh = shm().shm_open(object.name, O_CREAT | O_EXCL | O_RDWR, 0o600) as number;
      const evidence = { old_mapping_keeps_data: text(memory, 8) === 'old' };
      if (fresh < 0) return observed({ value: null, errno: errnoName(), evidence });
      try {
        return observed({ value: fstatSync(fresh).size, evidence });
      } finally {
        closeAll(fresh);
      }
    }),
  'posix-shm.o-trunc-keeps-mode-and-owner': () =>
    withObject('trunc-mode', OBJECT_SIZE, ({ name, fd }) => {
      const before = fstatSync(fd);
      const again = shm().shm_open(name, O_RDWR | O_TRUNC, 0) as number;
      if (again < 0) return observed({ value: null, errno: errnoName() });
      try {
        const after = fstatSync(again);
        return observed({
          value: modeText(after.mode),
          evidence: { owner_kept: after.uid === before.uid && after.gid === before.gid, size_after: after.size },
        });
      } finally {
        closeAll(again);
      }
    }),

  'posix-shm.mode-does-not-limit-creator': () => {
    const name = probeName('readonly-mode');
    const fd = shm().shm_open(name, O_CREAT | O_EXCL | O_RDWR, 0o400) as number;
    try {
      if (fd < 0) throw new Error(`shm_open(${name}, 0400) failed: ${errnoName()}`);
      // The descriptor was opened O_RDWR: the mode governs later opens, not this one.
      const sized = shm().ftruncate(fd, 8) === 0;
      let errno = sized ? null : errnoName();
      const written = sized && shm().pwrite(fd, Buffer.from('written\0'), 8, 0) === 8;
      if (sized && !written) errno = errnoName();
      const back = Buffer.alloc(8);
      const readBack = written && shm().pread(fd, back, 8, 0) === 8 && text(back, 8) === 'written';
      return observed({ value: readBack, errno, evidence: { mode: fstatSync(fd).mode & 0o7777 } });
    } finally {
      closeAll(fd);
      shm().shm_unlink(name);
    }
  },
  'posix-shm.opens-have-own-offsets': () =>
    withObject('offsets', OBJECT_SIZE, ({ name, fd }) => {
      const SEEK_SET = 0;
      const SEEK_CUR = 1;
      if (Number(shm().lseek(fd, 100, SEEK_SET)) !== 100) throw new Error(`lseek failed: ${errnoName()}`);
      const second = shm().shm_open(name, O_RDWR, 0) as number;
      if (second < 0) throw new Error(`shm_open(${name}) failed: ${errnoName()}`);
      try {
        const offset = Number(shm().lseek(second, 0, SEEK_CUR));
        return observed({ value: offset, errno: errnoOf(offset), evidence: { first_offset: Number(shm().lseek(fd, 0, SEEK_CUR)) } });
      } finally {
        closeAll(second);
      }
    }),
  'posix-shm.group-is-creator': () =>
    withObject('group', 0, ({ fd }) => observed({ value: fstatSync(fd).gid, evidence: { egid: shm().getegid() as number } })),

  'posix-shm.unlink-name-too-long': () => {
    const NAME_MAX = 255;
    const name = `/${'n'.repeat(NAME_MAX + 1)}`;
    const result = shm().shm_unlink(name) as number;
    return observed({ value: result, errno: errnoOf(result), evidence: { name_length: name.length } });
  },

  'posix-shm.unlink-while-mapped': () =>
    withObject('mapped', OBJECT_SIZE, (object) => {
      const memory = object.map(OBJECT_SIZE, MAP_SHARED);
      memory.set(Buffer.from('still-here\0'));
      if (shm().shm_unlink(object.name) !== 0) throw new Error(`shm_unlink(${object.name}) failed: ${errnoName()}`);
      // Right after shm_unlink returns, with a descriptor and a mapping still open.
      const again = shm().shm_open(object.name, O_RDWR, 0) as number;
      return openAttempt(again, { data_stays: text(memory, 16) === 'still-here' });
    }),
};

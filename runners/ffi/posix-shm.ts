// Single-process POSIX shared memory observations through libc, the FFI counterparts of the
// c-fixtures/posix-shm/ cases of the same names. Every object is shm_unlinked, every mapping
// unmapped and every descriptor closed in a finally block, also when a call throws.
import { fstatSync, readSync, statSync } from 'node:fs';
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
};

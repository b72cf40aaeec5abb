// Single-process System V shared memory observations through libc, the FFI counterparts of the
// c-fixtures/sysv-shm/ cases of the same names. Every segment is removed (IPC_RMID) and every
// attachment detached in a finally block, also when a call throws.
import koffi from 'koffi';
import { type FfiProbeTable, ffiProbe, optionalParam } from './ffiProbe.js';
import { FAILED_POINTER, IPC_CREAT, IPC_EXCL, IPC_INFO, IPC_PRIVATE, IPC_RMID, IPC_SET, IPC_STAT, probeKey } from './ipc.js';
import { errnoName, errnoOf, type FfiObservation, libcBindings, modeText, observed, withSysctl } from './libc.js';

// <sys/shm.h> (Linux, x86_64 and aarch64 alike).
const SHM_DEST = 0o1000;
const SHM_LOCKED = 0o2000;
const SHM_LOCK = 11;
const SHM_UNLOCK = 12;
const SHMMAX_PATH = '/proc/sys/kernel/shmmax';

// glibc's struct ipc_perm / shmid_ds / shminfo. Anonymous, so no type name can clash with another
// mechanism's bindings loaded into the same process.
const ipcPerm = koffi.struct({
  key: 'int32_t',
  uid: 'uint32_t',
  gid: 'uint32_t',
  cuid: 'uint32_t',
  cgid: 'uint32_t',
  mode: 'uint32_t',
  seq: 'uint16_t',
  pad: 'uint16_t',
  reserved1: 'unsigned long',
  reserved2: 'unsigned long',
});
const shmidDs = koffi.struct({
  perm: ipcPerm,
  segsz: 'size_t',
  atime: 'long',
  dtime: 'long',
  ctime: 'long',
  cpid: 'int32_t',
  lpid: 'int32_t',
  nattch: 'unsigned long',
  reserved4: 'unsigned long',
  reserved5: 'unsigned long',
});
const shmInfo = koffi.struct({
  shmmax: 'unsigned long',
  shmmin: 'unsigned long',
  shmmni: 'unsigned long',
  shmseg: 'unsigned long',
  shmall: 'unsigned long',
  reserved1: 'unsigned long',
  reserved2: 'unsigned long',
  reserved3: 'unsigned long',
  reserved4: 'unsigned long',
});

interface SegmentStatus {
  perm: { key: number; mode: number };
  segsz: number;
  atime: number;
  dtime: number;
  cpid: number;
  lpid: number;
  nattch: number;
}

const shm = libcBindings((lib) => ({
  shmget: lib.func('int shmget(int key, size_t size, int flags)'),
  shmat: lib.func('void *shmat(int id, void *addr, int flags)'),
  shmdt: lib.func('int shmdt(void *addr)'),
  shmctlStat: lib.func('shmctl', 'int', ['int', 'int', koffi.out(koffi.pointer(shmidDs))]),
  shmctlInfo: lib.func('shmctl', 'int', ['int', 'int', koffi.out(koffi.pointer(shmInfo))]),
  shmctlRemove: lib.func('shmctl', 'int', ['int', 'int', 'void *']),
  shmctlSet: lib.func('shmctl', 'int', ['int', 'int', koffi.pointer(shmidDs)]),
}));

/** What a probe body may do with its segment; everything it attaches is detached afterwards. */
interface Segment {
  id: number;
  key: number;
  attach(): Uint8Array;
  stat(): SegmentStatus;
}

/** Creates a 0600 segment (exclusively when keyed), runs body, then detaches and removes it. */
function withSegment(key: number, size: number, body: (segment: Segment) => FfiObservation): FfiObservation {
  const flags = IPC_CREAT | 0o600 | (key === IPC_PRIVATE ? 0 : IPC_EXCL);
  const id = shm().shmget(key, size, flags) as number;
  if (id < 0) throw new Error(`shmget(${key}, ${size}) failed: ${errnoName()}`);
  const attachments: bigint[] = [];
  try {
    return body({
      id,
      key,
      attach() {
        const address = shm().shmat(id, null, 0) as bigint;
        if (address === FAILED_POINTER) throw new Error(`shmat(${id}) failed: ${errnoName()}`);
        attachments.push(address);
        return new Uint8Array(koffi.view(address, size));
      },
      stat: () => statOf(id),
    });
  } finally {
    for (const address of attachments) shm().shmdt(address);
    shm().shmctlRemove(id, IPC_RMID, null);
  }
}

function statOf(id: number): SegmentStatus {
  const status = {} as SegmentStatus;
  if (shm().shmctlStat(id, IPC_STAT, status) !== 0) throw new Error(`shmctl(${id}, IPC_STAT) failed: ${errnoName()}`);
  return status;
}

/** shmget(IPC_PRIVATE, size) as an observation: the id (-1 on failure) and errno; removes a success. */
function observeNewSegment(size: number | bigint, evidence: FfiObservation['evidence']): FfiObservation {
  const id = shm().shmget(IPC_PRIVATE, size, IPC_CREAT | 0o600) as number;
  const errno = errnoOf(id);
  if (id >= 0) shm().shmctlRemove(id, IPC_RMID, null);
  return observed({ value: id < 0 ? -1 : id, errno, evidence });
}

/** A keyed segment, attached, holding "alive", removed with IPC_RMID while attached. */
function observeRmidWhileAttached(fact: 'dest' | 'key' | 'lookup'): FfiObservation {
  return withSegment(probeKey(1), 4096, (segment) => {
    const memory = segment.attach();
    memory.set(Buffer.from('alive'));
    if (shm().shmctlRemove(segment.id, IPC_RMID, null) !== 0) throw new Error(`IPC_RMID failed: ${errnoName()}`);
    const after = segment.stat();
    const lookup = shm().shmget(segment.key, 0, 0) as number;
    const lookupErrno = errnoOf(lookup);
    if (lookup >= 0 && lookup !== segment.id) shm().shmctlRemove(lookup, IPC_RMID, null);
    const dest = (after.perm.mode & SHM_DEST) !== 0;
    const evidence = {
      key_before: segment.key,
      key_after: after.perm.key,
      mode_after: after.perm.mode,
      shm_dest: dest,
      nattch_after: after.nattch,
      lookup_errno: lookupErrno ?? 'none',
      data_still_readable: Buffer.from(memory.subarray(0, 5)).toString() === 'alive',
    };
    if (fact === 'dest') return observed({ value: dest, evidence });
    if (fact === 'key') return observed({ value: after.perm.key, evidence });
    return observed({ value: lookup < 0 ? -1 : lookup, errno: lookupErrno, evidence });
  });
}

/** A lookup or attach that should fail: the id (-1 on failure) and errno; a segment it makes is removed. */
function observeLookup(id: number): FfiObservation {
  const errno = errnoOf(id);
  if (id >= 0) shm().shmctlRemove(id, IPC_RMID, null);
  return observed({ value: id < 0 ? -1 : id, errno });
}

/** shmat(id) that should fail: value = whether it attached, errno; an attachment it makes is detached. */
function observeAttach(id: number): FfiObservation {
  const attached = shm().shmat(id, null, 0) as bigint;
  const errno = attached === FAILED_POINTER ? errnoName() : null;
  if (attached !== FAILED_POINTER) shm().shmdt(attached);
  return observed({ value: attached !== FAILED_POINTER, errno });
}

export const probes: FfiProbeTable = {
  'sysv-shm.new-segment-times-and-pids': () =>
    withSegment(IPC_PRIVATE, 4096, (segment) => {
      const { atime, dtime, lpid, nattch } = segment.stat();
      return observed({ value: `${atime},${dtime},${lpid},${nattch}`, evidence: { fields: 'shm_atime,shm_dtime,shm_lpid,shm_nattch' } });
    }),

  'sysv-shm.ipc-set-mode': () =>
    withSegment(IPC_PRIVATE, 4096, (segment) => {
      const status = segment.stat();
      status.perm.mode = 0o640;
      const result = shm().shmctlSet(segment.id, IPC_SET, status) as number;
      const errno = errnoOf(result);
      return observed({ value: modeText(segment.stat().perm.mode & 0o777), errno, evidence: { requested: '0640' } });
    }),

  'sysv-shm.privileged-lock': () =>
    withSegment(IPC_PRIVATE, 4096, (segment) => {
      const result = shm().shmctlRemove(segment.id, SHM_LOCK, null) as number;
      const errno = errnoOf(result);
      const locked = (segment.stat().perm.mode & SHM_LOCKED) !== 0;
      if (result === 0) shm().shmctlRemove(segment.id, SHM_UNLOCK, null);
      return observed({ value: locked, errno, evidence: { locked_after_unlock: (segment.stat().perm.mode & SHM_LOCKED) !== 0 } });
    }),

  'sysv-shm.private-always-new': () => {
    const first = shm().shmget(IPC_PRIVATE, 4096, 0o600) as number;
    const firstErrno = errnoOf(first);
    const second = shm().shmget(IPC_PRIVATE, 4096, 0o600) as number;
    const secondErrno = errnoOf(second);
    for (const id of [first, second]) if (id >= 0) shm().shmctlRemove(id, IPC_RMID, null);
    return observed({ value: first >= 0 && second >= 0 && first !== second, errno: firstErrno ?? secondErrno });
  },

  'sysv-shm.absent-key': () => observeLookup(shm().shmget(probeKey(4), 4096, 0o600) as number),

  'sysv-shm.attach-removed-id': () => {
    const id = shm().shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0o600) as number;
    if (id < 0) throw new Error(`shmget failed: ${errnoName()}`);
    // Never attached, so IPC_RMID destroys it at once.
    if (shm().shmctlRemove(id, IPC_RMID, null) !== 0) throw new Error(`IPC_RMID failed: ${errnoName()}`);
    return observeAttach(id);
  },

  'sysv-shm.detach-unattached': () => {
    // Ordinary memory of this process: mapped, but no segment is attached there.
    const page = Buffer.alloc(8192);
    const result = shm().shmdt(page) as number;
    return observed({ value: result, errno: errnoOf(result) });
  },

  'sysv-shm.two-attachments-alias': () =>
    withSegment(IPC_PRIVATE, 4096, (segment) => {
      const first = segment.attach();
      const second = segment.attach();
      first[100] = 0x41;
      const secondSeesFirst = second[100] === 0x41;
      second[200] = 0x42;
      const firstSeesSecond = first[200] === 0x42;
      return observed({
        value: secondSeesFirst && firstSeesSecond,
        evidence: { second_sees_first: secondSeesFirst, first_sees_second: firstSeesSecond },
      });
    }),

  'sysv-shm.segsz-is-requested-size': ffiProbe([optionalParam('bytes', 'the size to ask for (default 100)')], ({ bytes = '100' }) => {
    const requested = Number(bytes);
    if (!Number.isInteger(requested) || requested <= 0) throw new Error(`segsz-is-requested-size needs a byte count, got '${bytes}'`);
    return withSegment(IPC_PRIVATE, requested, (segment) => observed({ value: segment.stat().segsz, evidence: { requested } }));
  }),

  'sysv-shm.nattch-counts-attachments': () =>
    withSegment(IPC_PRIVATE, 4096, (segment) => {
      const attachments = 3;
      const before = segment.stat().nattch;
      for (let i = 0; i < attachments; i++) segment.attach();
      return observed({ value: segment.stat().nattch, evidence: { attachments, nattch_before_attach: before } });
    }),

  'sysv-shm.size-above-shmmax': () =>
    withSysctl(SHMMAX_PATH, (text) => {
      const shmmax = BigInt(text);
      // Kept as strings: the default limit is beyond what a JSON number holds exactly.
      if (shmmax >= 0xffff_ffff_ffff_ffffn)
        return observed({ value: null, evidence: { shmmax: String(shmmax), shmmax_is_size_max: true } });
      return observeNewSegment(shmmax + 1n, { shmmax: String(shmmax), requested: String(shmmax + 1n) });
    }),

  'sysv-shm.size-below-shmmin': () => {
    const info = {} as { shmmin: number };
    const evidence: FfiObservation['evidence'] = { requested: 0 };
    if (shm().shmctlInfo(0, IPC_INFO, info) >= 0) evidence.shmmin = info.shmmin;
    return observeNewSegment(0, evidence);
  },

  'sysv-shm.ipc-info-shmmni': () => {
    const info = {} as { shmmni: number };
    const result = shm().shmctlInfo(0, IPC_INFO, info) as number;
    return observed({ value: result < 0 ? null : info.shmmni, errno: errnoOf(result) });
  },

  'sysv-shm.existing-key-excl-gives-eexist': () =>
    withSegment(probeKey(0), 4096, (segment) => {
      const again = shm().shmget(segment.key, 4096, IPC_CREAT | IPC_EXCL | 0o600) as number;
      const errno = errnoOf(again);
      if (again >= 0 && again !== segment.id) shm().shmctlRemove(again, IPC_RMID, null);
      return observed({ value: again < 0 ? -1 : again, errno });
    }),

  'sysv-shm.existing-key-larger-size-gives-einval': () =>
    withSegment(probeKey(0), 4096, (segment) => {
      const again = shm().shmget(segment.key, 2 * 4096, 0o600) as number;
      return observed({ value: again < 0 ? -1 : again, errno: errnoOf(again), evidence: { existing_size: 4096, requested: 8192 } });
    }),

  'sysv-shm.rmid-marks-dest': () => observeRmidWhileAttached('dest'),
  'sysv-shm.rmid-key-becomes-private': () => observeRmidWhileAttached('key'),
  'sysv-shm.rmid-lookup-by-key-fails': () => observeRmidWhileAttached('lookup'),
};

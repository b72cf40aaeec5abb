// Single-process eventfd observations through libc, the FFI counterparts of the c-fixtures/eventfd/
// cases of the same names: counter arithmetic, refusals, readiness and descriptor facts. Reads and
// writes are libc's read(2)/write(2) of 8-byte buffers, as in the fixture. Every counter is closed
// in a finally block, also when a call throws.
import { readFileSync } from 'node:fs';
import { type FfiProbeTable, ffiProbe, optionalParam, param } from './ffiProbe.js';
import { closeAll, errnoName, errnoOf, type FfiObservation, libc, libcBindings, O_NONBLOCK, observed } from './libc.js';

// <sys/eventfd.h>: EFD_NONBLOCK and EFD_CLOEXEC are O_NONBLOCK and O_CLOEXEC (Linux).
const EFD_SEMAPHORE = 1;
const EFD_NONBLOCK = O_NONBLOCK;
const EFD_CLOEXEC = 0o2000000;
const F_GETFD = 1;
const FD_CLOEXEC = 1;
// <poll.h>
const POLLIN = 0x1;
const POLLOUT = 0x4;
/** The largest value the counter may hold (eventfd(2)). */
const COUNTER_MAX = 0xfffffffffffffffen;
const ALL_ONES = 0xffffffffffffffffn;

const events = libcBindings((lib) => ({
  eventfd: lib.func('int eventfd(unsigned int initval, int flags)'),
  poll: lib.func('int poll(_Inout_ uint8_t *fds, unsigned long nfds, int timeout)'),
}));

/** Makes a counter with `flags` (EFD_CLOEXEC always), runs body, then closes it. */
function withCounter(initval: number, flags: number, body: (fd: number) => FfiObservation): FfiObservation {
  const fd = events().eventfd(initval, flags | EFD_CLOEXEC) as number;
  if (fd < 0) throw new Error(`eventfd(${initval}, ${flags}) failed: ${errnoName()}`);
  try {
    return body(fd);
  } finally {
    closeAll(fd);
  }
}

/** One 8-byte read: the value read (or null) and the call's result. */
function readCounter(fd: number): { value: bigint | null; returned: number; errno: string | null } {
  const buffer = Buffer.alloc(8);
  const returned = Number(libc().read(fd, buffer, 8));
  return { value: returned === 8 ? buffer.readBigUInt64LE() : null, returned, errno: errnoOf(returned) };
}

function writeCounter(fd: number, value: bigint): number {
  const buffer = Buffer.alloc(8);
  buffer.writeBigUInt64LE(value);
  return Number(libc().write(fd, buffer, 8));
}

function add(fd: number, value: bigint): void {
  if (writeCounter(fd, value) !== 8) throw new Error(`write(${value}) to the counter failed: ${errnoName()}`);
}

/** A read reported as the fixture's report_read does: the value (or -1), errno, evidence.returned. */
function reportRead(fd: number, evidence: FfiObservation['evidence'] = {}): FfiObservation {
  const read = readCounter(fd);
  return observed({
    value: read.value === null ? -1 : Number(read.value),
    errno: read.errno,
    evidence: { returned: read.returned, ...evidence },
  });
}

function integerArg(text: string, name: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} '${text}' is not a non-negative integer`);
  return n;
}

/** What poll (no wait) reports of fd, the way the fixture prints it. */
function pollReadiness(fd: number): string {
  const entry = Buffer.alloc(8); // struct pollfd: int fd, short events, short revents
  entry.writeInt32LE(fd, 0);
  entry.writeInt16LE(POLLIN | POLLOUT, 4);
  if (events().poll(entry, 1, 0) < 0) throw new Error(`poll failed: ${errnoName()}`);
  const revents = entry.readInt16LE(6);
  const readable = (revents & POLLIN) !== 0;
  const writable = (revents & POLLOUT) !== 0;
  return readable && writable ? 'in,out' : readable ? 'in' : writable ? 'out' : 'none';
}

/** The eventfd-count of /proc/self/fdinfo/FD (hexadecimal), or -1 when it has none; and whether the file could be read. */
function fdinfoCount(fd: number): { count: number; readable: boolean } {
  let text: string;
  try {
    text = readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8');
  } catch {
    return { count: -1, readable: false };
  }
  const line = text.split('\n').find((l) => l.startsWith('eventfd-count:'));
  return { count: line === undefined ? -1 : Number.parseInt(line.slice('eventfd-count:'.length).trim(), 16), readable: true };
}

export const probes: FfiProbeTable = {
  'eventfd.sum-of-writes': () =>
    withCounter(0, EFD_NONBLOCK, (fd) => {
      add(fd, 3n);
      add(fd, 4n);
      return reportRead(fd, { written_sum: 7 });
    }),

  'eventfd.read-resets': () =>
    withCounter(0, EFD_NONBLOCK, (fd) => {
      add(fd, 5n);
      const first = readCounter(fd);
      if (first.value === null) throw new Error(`first read failed: ${first.errno}`);
      return reportRead(fd, { first_read: Number(first.value) });
    }),

  'eventfd.initval': ffiProbe([optionalParam('initval', 'the initial counter value (default 5)')], ({ initval = '5' }) => {
    const start = integerArg(initval, 'initval');
    return withCounter(start, EFD_NONBLOCK, (fd) => reportRead(fd, { initval: start }));
  }),

  'eventfd.semaphore': ffiProbe(
    [param('report', 'first or reads'), optionalParam('initval', 'the initial counter value (default 3)')],
    ({ report, initval = '3' }) => {
      const start = integerArg(initval, 'initval');
      return withCounter(start, EFD_SEMAPHORE | EFD_NONBLOCK, (fd) => {
        if (report === 'first') return reportRead(fd, { initval: start });
        if (report !== 'reads') throw new Error(`'${report}' is not first or reads`);
        // Each read takes 1: `start` reads succeed, then the counter is 0 (bounded, should it not be).
        let reads = 0;
        let refused: string | null = null;
        while (reads <= start) {
          const read = readCounter(fd);
          if (read.value === null) {
            refused = read.errno;
            break;
          }
          reads++;
        }
        return observed({ value: reads, errno: refused, evidence: { initval: start } });
      });
    },
  ),

  'eventfd.nonblocking-read-at-zero': () => withCounter(0, EFD_NONBLOCK, (fd) => reportRead(fd)),

  'eventfd.nonblocking-write-past-maximum': () =>
    withCounter(0, EFD_NONBLOCK, (fd) => {
      add(fd, COUNTER_MAX);
      const returned = writeCounter(fd, 1n);
      return observed({ value: returned, errno: errnoOf(returned) });
    }),

  'eventfd.short-buffer': ffiProbe([param('call', 'read or write')], ({ call }) =>
    // The counter holds 1, so neither call has a reason to refuse but the buffer's size.
    withCounter(1, EFD_NONBLOCK, (fd) => {
      const small = Buffer.alloc(4);
      small.writeUInt32LE(1);
      let returned: number;
      if (call === 'read') returned = Number(libc().read(fd, small, 4));
      else if (call === 'write') returned = Number(libc().write(fd, small, 4));
      else throw new Error(`'${call}' is not read or write`);
      return observed({ value: returned, errno: errnoOf(returned), evidence: { buffer_bytes: 4 } });
    }),
  ),

  'eventfd.write-all-ones': () =>
    withCounter(0, EFD_NONBLOCK, (fd) => {
      const returned = writeCounter(fd, ALL_ONES);
      return observed({ value: returned, errno: errnoOf(returned) });
    }),

  'eventfd.readiness': ffiProbe(
    [param('state', 'zero, nonzero or maximum'), param('function', 'poll (select has no FFI path: fd_set is a C macro type)')],
    ({ state, function: call }) => {
      if (call !== 'poll') throw new Error(`'${call}' is not poll`);
      const start = { zero: 0n, nonzero: 1n, maximum: COUNTER_MAX }[state];
      if (start === undefined) throw new Error(`'${state}' is not zero, nonzero or maximum`);
      return withCounter(0, EFD_NONBLOCK, (fd) => {
        if (start > 0n) add(fd, start);
        return observed({ value: pollReadiness(fd) });
      });
    },
  ),

  'eventfd.cloexec': () =>
    withCounter(0, 0, (fd) => {
      const without = events().eventfd(0, 0) as number;
      if (without < 0) throw new Error(`eventfd(0, 0) failed: ${errnoName()}`);
      try {
        const flagOf = (d: number) => ((libc().fcntl(d, F_GETFD) as number) & FD_CLOEXEC) !== 0;
        return observed({ value: flagOf(fd), evidence: { without_flag: flagOf(without) } });
      } finally {
        closeAll(without);
      }
    }),

  'eventfd.fdinfo-count': () =>
    withCounter(5, 0, (fd) => {
      add(fd, 7n);
      const { count, readable } = fdinfoCount(fd);
      return observed({ value: count, evidence: { counter: 5 + 7, fdinfo_readable: readable } });
    }),
};

// Loopback socket plumbing through libc, shared by the TCP and UDP FFI probes (tcp.ts,
// udp.ts): constants, bindings, and helpers that open, bind and connect sockets on 127.0.0.1
// or ::1 with ephemeral ports, close every descriptor on every path, and never wait unbounded.
import { errnoName, errnoOf, type FfiObservation, libc, libcBindings, observed } from './libc.js';

// <sys/socket.h>, <netinet/in.h>, <netinet/tcp.h>, <poll.h>, <asm/ioctls.h> on Linux.
export const SOCK_STREAM = 1;
export const SOCK_DGRAM = 2;
export const SOCK_CLOEXEC = 0o2000000;
export const SOL_SOCKET = 1;
export const SO_REUSEADDR = 2;
export const SO_REUSEPORT = 15;
export const IPPROTO_TCP = 6;
export const TCP_NODELAY = 1;
export const MSG_DONTWAIT = 0x40;
export const MSG_NOSIGNAL = 0x4000;
export const SHUT_WR = 1;
export const POLLIN = 0x1;
export const POLLERR = 0x8;
export const FIONREAD = 0x541b;

/** The socket calls, lazily bound; udp.ts uses them too. */
export const sockets = libcBindings((lib) => ({
  socket: lib.func('int socket(int domain, int type, int protocol)'),
  bind: lib.func('int bind(int fd, const uint8_t *address, uint32_t length)'),
  connect: lib.func('int connect(int fd, const uint8_t *address, uint32_t length)'),
  listen: lib.func('int listen(int fd, int backlog)'),
  accept4: lib.func('int accept4(int fd, void *address, void *length, int flags)'),
  getsockname: lib.func('int getsockname(int fd, _Out_ uint8_t *address, _Inout_ uint32_t *length)'),
  setsockopt: lib.func('int setsockopt(int fd, int level, int name, const int *value, uint32_t length)'),
  getsockopt: lib.func('int getsockopt(int fd, int level, int name, _Out_ int *value, _Inout_ uint32_t *length)'),
  send: lib.func('long send(int fd, const uint8_t *buffer, size_t length, int flags)'),
  recv: lib.func('long recv(int fd, _Out_ uint8_t *buffer, size_t length, int flags)'),
  shutdown: lib.func('int shutdown(int fd, int how)'),
  poll: lib.func('int poll(_Inout_ uint8_t *fds, uint64_t count, int timeout)'),
  ioctl: lib.func('int ioctl(int fd, unsigned long request, ...)'),
}));

export type Family = 'ipv4' | 'ipv6';

/** The probe argument naming the family: 'ipv4' (default) or 'ipv6', as the fixtures take it. */
export function familyArg(argument: string | undefined): Family {
  if (argument === undefined || argument === 'ipv4' || argument === 'ipv6') return argument ?? 'ipv4';
  throw new Error(`family '${argument}' is neither ipv4 nor ipv6`);
}

export const loopbackHost = (family: Family) => (family === 'ipv6' ? '::1' : '127.0.0.1');

/**
 * A step before the call under test failed. As in the fixtures' loopback_setup_failed, that is the
 * observation (its errno, evidence.failed_step): a missing ::1 is a finding, not a broken probe.
 */
export class SetupFailed extends Error {
  constructor(
    readonly step: string,
    readonly errno: string,
  ) {
    super(`${step} failed: ${errno}`);
  }
}

/** Throws SetupFailed with the current errno when `result` is -1. */
export function setupStep(result: number, step: string): number {
  if (result === -1) throw new SetupFailed(step, errnoName());
  return result;
}

/** Runs `body` with a list to which it adds every descriptor it opens; all are closed afterwards, and a failed setup step becomes the observation. */
export function withSockets(body: (opened: number[]) => FfiObservation): FfiObservation {
  const opened: number[] = [];
  try {
    return body(opened);
  } catch (error) {
    if (!(error instanceof SetupFailed)) throw error;
    return observed({ value: null, errno: error.errno, evidence: { failed_step: error.step } });
  } finally {
    for (const fd of opened) libc().close(fd);
  }
}

/** A sockaddr_in or sockaddr_in6 for the loopback address at `port`: the only addresses built here. */
export function loopbackAddress(family: Family, port: number): Buffer {
  const address = Buffer.alloc(family === 'ipv6' ? 28 : 16);
  address.writeUInt16LE(family === 'ipv6' ? 10 : 2, 0); // AF_INET6 / AF_INET, host order
  address.writeUInt16BE(port, 2);
  if (family === 'ipv6')
    address[23] = 1; // ::1 (sin6_addr at offset 8)
  else address.set([127, 0, 0, 1], 4);
  return address;
}

export function openSocket(opened: number[], family: Family, type: number): number {
  const fd = setupStep(
    sockets().socket(family === 'ipv6' ? 10 : 2, type | SOCK_CLOEXEC, 0) as number,
    `socket ${family === 'ipv6' ? 'AF_INET6' : 'AF_INET'}`,
  );
  opened.push(fd);
  return fd;
}

export function bindLoopback(fd: number, family: Family, port: number): number {
  const address = loopbackAddress(family, port);
  return sockets().bind(fd, address, address.length) as number;
}

export function connectLoopback(fd: number, family: Family, port: number): number {
  const address = loopbackAddress(family, port);
  return sockets().connect(fd, address, address.length) as number;
}

export function portOf(fd: number): number {
  const address = Buffer.alloc(28);
  const length = new Uint32Array([address.length]);
  setupStep(sockets().getsockname(fd, address, length) as number, 'getsockname');
  return address.readUInt16BE(2);
}

export function enableOption(fd: number, level: number, option: number, step: string): void {
  setupStep(sockets().setsockopt(fd, level, option, new Int32Array([1]), 4) as number, step);
}

export function intOption(fd: number, level: number, option: number): number {
  const value = new Int32Array(1);
  setupStep(sockets().getsockopt(fd, level, option, value, new Uint32Array([4])) as number, 'getsockopt');
  return value[0]!;
}

/** A socket bound to an ephemeral loopback port, `reuseOption` (0 or a SO_REUSE*) set first. */
export function boundSocket(opened: number[], family: Family, type: number, reuseOption = 0): number {
  const fd = openSocket(opened, family, type);
  if (reuseOption) enableOption(fd, SOL_SOCKET, reuseOption, reuseOption === SO_REUSEPORT ? 'SO_REUSEPORT' : 'SO_REUSEADDR');
  setupStep(bindLoopback(fd, family, 0), family === 'ipv6' ? 'bind ::1' : 'bind 127.0.0.1');
  return fd;
}

/** Waits at most `timeoutMs` for `events` on fd; returns the revents seen (0 on timeout). */
export function waitFor(fd: number, events: number, timeoutMs: number): number {
  const entry = Buffer.alloc(8); // struct pollfd { int fd; short events; short revents; }
  entry.writeInt32LE(fd, 0);
  entry.writeInt16LE(events, 4);
  return (sockets().poll(entry, 1, timeoutMs) as number) > 0 ? entry.readInt16LE(6) : 0;
}

export function sendText(fd: number, text: string, flags = MSG_NOSIGNAL): number {
  const bytes = Buffer.from(text);
  return Number(sockets().send(fd, bytes, bytes.length, flags));
}

/** One recv of at most `size` bytes that never waits: the caller polls first. */
export function receive(fd: number, size = 64, flags = 0): { n: number; errno: string | null; text: string } {
  const buffer = Buffer.alloc(size);
  const n = Number(sockets().recv(fd, buffer, size, flags | MSG_DONTWAIT));
  return { n, errno: errnoOf(n), text: buffer.subarray(0, Math.max(n, 0)).toString() };
}

/** Sleeps the whole process for `ms` (the probe runs alone in its own Node process). */
export function pauseMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

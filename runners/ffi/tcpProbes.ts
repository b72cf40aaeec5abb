// Single-process TCP observations over loopback through libc, the FFI counterparts of
// c-fixtures/tcp_probe cases of the same names. Every address is 127.0.0.1 or ::1 and every port
// ephemeral (bind port 0, then getsockname). The loopback socket plumbing at the top is shared with
// udpProbes.ts. Each probe closes every descriptor it made, also when a call throws; no call may
// wait unbounded, so every receive is preceded by a poll with a timeout.
import { readFileSync } from 'node:fs';
import { errnoName, errnoOf, libc, libcBindings, observed, type FfiObservation } from './libc.js';
import type { FfiProbe } from './registry.js';

// <sys/socket.h>, <netinet/in.h>, <netinet/tcp.h>, <poll.h>, <asm/ioctls.h> on Linux.
export const SOCK_STREAM = 1;
export const SOCK_DGRAM = 2;
const SOCK_CLOEXEC = 0o2000000;
export const SOL_SOCKET = 1;
export const SO_REUSEADDR = 2;
export const SO_REUSEPORT = 15;
const IPPROTO_TCP = 6;
const TCP_NODELAY = 1;
export const MSG_DONTWAIT = 0x40;
export const MSG_NOSIGNAL = 0x4000;
const SHUT_WR = 1;
export const POLLIN = 0x1;
export const POLLERR = 0x8;
const FIONREAD = 0x541b;

/** The socket calls, lazily bound; udpProbes.ts uses them too. */
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
function loopbackAddress(family: Family, port: number): Buffer {
  const address = Buffer.alloc(family === 'ipv6' ? 28 : 16);
  address.writeUInt16LE(family === 'ipv6' ? 10 : 2, 0); // AF_INET6 / AF_INET, host order
  address.writeUInt16BE(port, 2);
  if (family === 'ipv6') address[23] = 1; // ::1 (sin6_addr at offset 8)
  else address.set([127, 0, 0, 1], 4);
  return address;
}

export function openSocket(opened: number[], family: Family, type: number): number {
  const fd = setupStep(sockets().socket(family === 'ipv6' ? 10 : 2, type | SOCK_CLOEXEC, 0) as number, `socket ${family === 'ipv6' ? 'AF_INET6' : 'AF_INET'}`);
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

/** Whether /proc/net/tcp lists a TIME_WAIT (state 06) socket on local `port`; null when unreadable. */
function timeWaitListed(port: number): boolean | null {
  let table: string;
  try {
    table = readFileSync('/proc/net/tcp', 'utf8');
  } catch {
    return null;
  }
  return table
    .split('\n')
    .slice(1)
    .some((line) => {
      const [, local = '', , state = ''] = line.trim().split(/\s+/);
      return parseInt(local.split(':')[1] ?? '', 16) === port && parseInt(state, 16) === 0x06;
    });
}

/** A connected TCP pair over loopback, [client, server]; the listener is closed again. */
function tcpPair(opened: number[], family: Family, listenerOption = 0): [number, number] {
  const listener = boundSocket(opened, family, SOCK_STREAM, listenerOption);
  setupStep(sockets().listen(listener, 4) as number, 'listen');
  const client = openSocket(opened, family, SOCK_STREAM);
  setupStep(connectLoopback(client, family, portOf(listener)), 'connect');
  const server = setupStep(sockets().accept4(listener, null, null, SOCK_CLOEXEC) as number, 'accept');
  opened.push(server);
  libc().close(opened.splice(opened.indexOf(listener), 1)[0]!);
  return [client, server];
}

function queuedBytes(fd: number): number {
  const queued = new Int32Array(1);
  sockets().ioctl(fd, FIONREAD, 'int *', queued);
  return queued[0]!;
}

/** The reuse option a mode argument names, as the fixture reads it. */
function reuseOptionArg(mode = 'plain', reuseportAllowed: boolean): number {
  if (mode === 'plain') return 0;
  if (mode === 'reuseaddr') return SO_REUSEADDR;
  if (reuseportAllowed && mode === 'reuseport') return SO_REUSEPORT;
  throw new Error(`mode '${mode}' is not allowed here`);
}

const optionName = (option: number) => (option === SO_REUSEADDR ? 'SO_REUSEADDR' : option === SO_REUSEPORT ? 'SO_REUSEPORT' : 'none');

function halfClose(report: 'peer' | 'reverse'): FfiObservation {
  return withSockets((opened) => {
    const [client, server] = tcpPair(opened, 'ipv4');
    setupStep(sockets().shutdown(client, SHUT_WR) as number, 'shutdown SHUT_WR');
    waitFor(server, POLLIN, 1000);
    const peer = receive(server);
    const sentBack = sendText(server, 'pong');
    waitFor(client, POLLIN, 1000);
    const reverse = sentBack === 4 ? receive(client) : { n: -1, errno: errnoName(), text: '' };
    return report === 'peer'
      ? observed({ value: peer.n, errno: peer.errno, evidence: { reverse_read: reverse.n, sent_back: sentBack } })
      : observed({ value: reverse.n, errno: reverse.errno, evidence: { peer_read: peer.n, sent_back: sentBack } });
  });
}

export const tcpProbes: Record<string, FfiProbe> = {
  'tcp.two-sends-one-recv': ([family]) =>
    withSockets((opened) => {
      const chosen = familyArg(family);
      const [client, server] = tcpPair(opened, chosen);
      if (sendText(client, 'abc') !== 3 || sendText(client, 'defg') !== 4) throw new SetupFailed('send', errnoName());
      // As in the fixture: all 7 bytes queued before the one recv (at most 1 s).
      const deadline = Date.now() + 1000;
      while (queuedBytes(server) < 7 && Date.now() < deadline) pauseMs(1);
      const queued = queuedBytes(server);
      const { n, errno, text } = receive(server);
      return observed({ value: n, errno, evidence: { data: text, queued_before_recv: queued, address: loopbackHost(chosen) } });
    }),

  'tcp.connect-no-listener': ([family]) =>
    withSockets((opened) => {
      const chosen = familyArg(family);
      const port = portOf(boundSocket(opened, chosen, SOCK_STREAM));
      const result = connectLoopback(openSocket(opened, chosen, SOCK_STREAM), chosen, port);
      return observed({ value: result, errno: errnoOf(result), evidence: { port, address: loopbackHost(chosen) } });
    }),

  'tcp.rebind-time-wait': ([mode]) =>
    withSockets((opened) => {
      const newOption = reuseOptionArg(mode, false);
      const [client, server] = tcpPair(opened, 'ipv4', SO_REUSEADDR);
      const port = portOf(server);
      libc().close(opened.splice(opened.indexOf(server), 1)[0]!); // the server's active close
      waitFor(client, POLLIN, 1000);
      const clientRead = receive(client, 1).n;
      libc().close(opened.splice(opened.indexOf(client), 1)[0]!);
      let listed = timeWaitListed(port);
      for (let tries = 0; listed === false && tries < 100; tries++) {
        pauseMs(10);
        listed = timeWaitListed(port);
      }
      if (listed === null) pauseMs(100); // no table to look at: give the last ACK time to land
      const fresh = openSocket(opened, 'ipv4', SOCK_STREAM);
      if (newOption) enableOption(fresh, SOL_SOCKET, newOption, 'SO_REUSEADDR');
      const result = bindLoopback(fresh, 'ipv4', port);
      return observed({
        value: result,
        errno: errnoOf(result),
        evidence: {
          port,
          client_read_after_close: clientRead,
          ...(listed === null ? {} : { time_wait_listed: listed }),
          new_socket_option: optionName(newOption),
        },
      });
    }),

  'tcp.second-listener': ([mode]) =>
    withSockets((opened) => {
      const option = reuseOptionArg(mode, true);
      const first = boundSocket(opened, 'ipv4', SOCK_STREAM, option);
      setupStep(sockets().listen(first, 4) as number, 'listen');
      const port = portOf(first);
      const second = openSocket(opened, 'ipv4', SOCK_STREAM);
      if (option) enableOption(second, SOL_SOCKET, option, optionName(option));
      let refusedBy = 'none';
      let result = bindLoopback(second, 'ipv4', port);
      if (result !== 0) refusedBy = 'bind';
      else if ((result = sockets().listen(second, 4) as number) !== 0) refusedBy = 'listen';
      return observed({ value: result, errno: errnoOf(result), evidence: { port, refused_by: refusedBy, option_on_both: optionName(option) } });
    }),

  'tcp.nodelay': () =>
    withSockets((opened) => {
      const fd = openSocket(opened, 'ipv4', SOCK_STREAM);
      const before = intOption(fd, IPPROTO_TCP, TCP_NODELAY);
      const result = sockets().setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, new Int32Array([1]), 4) as number;
      const errno = errnoOf(result);
      return observed({ value: result === 0 ? intOption(fd, IPPROTO_TCP, TCP_NODELAY) : null, errno, evidence: { default_value: before } });
    }),

  'tcp.half-close-peer-eof': () => halfClose('peer'),
  'tcp.half-close-reverse': () => halfClose('reverse'),

  'tcp.send-after-shut-wr': () =>
    withSockets((opened) => {
      const [client] = tcpPair(opened, 'ipv4');
      setupStep(sockets().shutdown(client, SHUT_WR) as number, 'shutdown SHUT_WR');
      const n = sendText(client, 'x');
      return observed({ value: n, errno: errnoOf(n) });
    }),
};

// libc bindings and small helpers for the UNIX-domain socket FFI probes (unix-stream.ts,
// unix-dgram.ts, unix-seqpacket.ts): the counterpart of c-fixtures/common/unix_sockets.c.
// Addresses are built as raw bytes (sa_family_t, then sun_path), as the kernel reads them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeAll, errnoOf, type FfiObservation, libcBindings, observed } from './libc.js';

/** <sys/socket.h> constants on Linux. */
export const AF_UNIX = 1;
export const SOCK_STREAM = 1;
export const SOCK_DGRAM = 2;
export const SOCK_SEQPACKET = 5;
export const SOCK_NONBLOCK = 0o4000;
export const SOCK_CLOEXEC = 0o2000000;
export const SOL_SOCKET = 1;
export const SO_SNDBUF = 7;
export const MSG_TRUNC = 0x20;

/** sizeof(struct sockaddr_un) and of its sun_path on Linux. */
export const SUN_PATH_SIZE = 108;
export const SOCKADDR_UN_SIZE = 2 + SUN_PATH_SIZE;

export const sockets = libcBindings((lib) => ({
  socket: lib.func('int socket(int domain, int type, int protocol)'),
  socketpair: lib.func('int socketpair(int domain, int type, int protocol, _Inout_ int *fds)'),
  bind: lib.func('int bind(int fd, const uint8_t *address, uint32_t length)'),
  listen: lib.func('int listen(int fd, int backlog)'),
  connect: lib.func('int connect(int fd, const uint8_t *address, uint32_t length)'),
  accept4: lib.func('int accept4(int fd, void *address, void *length, int flags)'),
  send: lib.func('long send(int fd, const uint8_t *buffer, size_t length, int flags)'),
  recv: lib.func('long recv(int fd, _Out_ uint8_t *buffer, size_t length, int flags)'),
  setsockopt: lib.func('int setsockopt(int fd, int level, int name, const int *value, uint32_t length)'),
  getsockopt: lib.func('int getsockopt(int fd, int level, int name, _Inout_ int *value, _Inout_ uint32_t *length)'),
  getsockname: lib.func('int getsockname(int fd, _Inout_ uint8_t *address, _Inout_ uint32_t *length)'),
}));

/** A pathname address and its length (path plus NUL, as unix(7) recommends). */
export function pathAddress(path: string): { address: Buffer; length: number } {
  const bytes = Buffer.from(path);
  if (bytes.length >= SUN_PATH_SIZE) throw new Error(`socket path longer than sun_path: ${path}`);
  const address = Buffer.alloc(SOCKADDR_UN_SIZE);
  address.writeUInt16LE(AF_UNIX, 0);
  bytes.copy(address, 2);
  return { address, length: 2 + bytes.length + 1 };
}

/** The abstract address "\0ipc-conformance-<pid>-ffi-<tag>", its length covering exactly the name. */
export function abstractAddress(tag: string): { address: Buffer; length: number; name: string } {
  const name = `ipc-conformance-${process.pid}-ffi-${tag}`;
  const address = Buffer.alloc(SOCKADDR_UN_SIZE);
  address.writeUInt16LE(AF_UNIX, 0);
  Buffer.from(name).copy(address, 3);
  return { address, length: 3 + Buffer.byteLength(name), name };
}

/** A new AF_UNIX socket (close-on-exec); throws when the kernel refuses one. */
export function unixSocket(type: number): number {
  const fd = sockets().socket(AF_UNIX, type | SOCK_CLOEXEC, 0) as number;
  if (fd < 0) throw new Error(`socket(AF_UNIX, ${type}) failed: ${errnoOf(fd)}`);
  return fd;
}

/** socketpair(AF_UNIX, type); throws when it fails. */
export function unixSocketpair(type: number): [number, number] {
  const fds = new Int32Array(2);
  if (sockets().socketpair(AF_UNIX, type | SOCK_CLOEXEC, 0, fds) !== 0) throw new Error(`socketpair failed: ${errnoOf(-1)}`);
  return [fds[0]!, fds[1]!];
}

/** bind() to a pathname; returns bind's result (errno is read by the caller right after). */
export function bindPath(fd: number, path: string): number {
  const { address, length } = pathAddress(path);
  return sockets().bind(fd, address, length) as number;
}

/** A socket bound to path; stream and seqpacket sockets also listen with `backlog`. */
export function unixListener(type: number, path: string, backlog: number): number {
  const fd = unixSocket(type);
  if (bindPath(fd, path) !== 0) throw new Error(`bind ${path} failed: ${errnoOf(-1)}`);
  if (type !== SOCK_DGRAM && sockets().listen(fd, backlog) !== 0) throw new Error(`listen failed: ${errnoOf(-1)}`);
  return fd;
}

/** A new socket connected to path, or the errno of connect (the socket is then closed). */
export function connectTo(type: number, flags: number, path: string): { fd: number; errno: string | null } {
  const fd = unixSocket(type | flags);
  const { address, length } = pathAddress(path);
  const result = sockets().connect(fd, address, length) as number;
  const errno = errnoOf(result);
  if (result === 0) return { fd, errno: null };
  closeAll(fd);
  return { fd: -1, errno };
}

/** send() of a text; returns send's result. */
export function sendText(fd: number, text: string, flags = 0): number {
  const bytes = Buffer.from(text);
  return Number(sockets().send(fd, bytes, bytes.length, flags));
}

/** recv() into a buffer of `size` bytes; returns the result and the bytes received as text. */
export function receiveText(fd: number, size: number, flags = 0): { n: number; errno: string | null; text: string } {
  const buffer = Buffer.alloc(Math.max(size, 1));
  const n = Number(sockets().recv(fd, buffer, size, flags));
  return { n, errno: errnoOf(n), text: buffer.subarray(0, Math.max(0, Math.min(n, size))).toString() };
}

/** Sets SO_SNDBUF and returns the value getsockopt reads back; throws when either call fails. */
export function setSndbuf(fd: number, requested: number): number {
  if (sockets().setsockopt(fd, SOL_SOCKET, SO_SNDBUF, [requested], 4) !== 0) throw new Error(`SO_SNDBUF: ${errnoOf(-1)}`);
  const value = new Int32Array(1);
  const length = new Uint32Array([4]);
  if (sockets().getsockopt(fd, SOL_SOCKET, SO_SNDBUF, value, length) !== 0) throw new Error(`getsockopt: ${errnoOf(-1)}`);
  return value[0]!;
}

/**
 * Runs body inside a private directory (0700) made for it, as the working directory, and removes
 * it afterwards with whatever is inside. Socket nodes are named relative to it, so however long
 * TMPDIR is, it never counts against sun_path's 108 bytes (as in the fixtures).
 */
export function withScratchDir(body: () => FfiObservation): FfiObservation {
  const dir = mkdtempSync(join(tmpdir(), 'ipc-conformance-'));
  const previous = process.cwd();
  try {
    process.chdir(dir);
    return body();
  } finally {
    process.chdir(previous);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs body with the descriptors it opens registered in `open`, and closes them all afterwards. */
export function withDescriptors(body: (open: (fd: number) => number) => FfiObservation): FfiObservation {
  const opened: number[] = [];
  try {
    return body((fd) => {
      opened.push(fd);
      return fd;
    });
  } finally {
    closeAll(...opened);
  }
}

/** The send "abc", send "defg", recv(64) observation on a socketpair of `type`. */
export function twoSendsOneRecv(type: number): FfiObservation {
  return withDescriptors((open) => {
    const [a, b] = unixSocketpair(type).map(open) as [number, number];
    sendText(a, 'abc');
    sendText(a, 'defg');
    const { n, errno, text } = receiveText(b, 64);
    return observed({ value: n, errno, evidence: { data: text } });
  });
}

/** A child-less EOF observation: the peer sends one byte and is closed, then two receives. */
export function eofAfterPeerClosed(type: number): FfiObservation {
  return withDescriptors((open) => {
    const [mine, peer] = unixSocketpair(type).map(open) as [number, number];
    sendText(peer, 'x');
    closeAll(peer);
    const first = receiveText(mine, 1);
    const second = receiveText(mine, 1, 0x40 /* MSG_DONTWAIT: an empty, open socket must not hang */);
    return observed({ value: second.n, errno: second.errno, evidence: { first_receive: first.n } });
  });
}

/** Fills a listener's backlog of 1 with non-blocking connects, then connects once more. */
export function connectToFullBacklogNonblocking(type: number): FfiObservation {
  return withScratchDir(() =>
    withDescriptors((open) => {
      const path = 'listener';
      open(unixListener(type, path, 1));
      let queued = 0;
      let attempt = connectTo(type, SOCK_NONBLOCK, path);
      for (; attempt.fd >= 0 && queued < 1000; attempt = connectTo(type, SOCK_NONBLOCK, path)) {
        open(attempt.fd);
        queued++;
      }
      const evidence = { backlog: 1, queued_before_full: queued };
      if (attempt.errno !== 'EAGAIN') return observed({ value: null, errno: attempt.errno, evidence });
      const last = connectTo(type, SOCK_NONBLOCK, path);
      if (last.fd >= 0) open(last.fd);
      return observed({ value: last.fd >= 0 ? 0 : -1, errno: last.errno, evidence });
    }),
  );
}

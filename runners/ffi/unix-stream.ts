// Single-process observations of UNIX stream sockets through libc, the FFI counterparts of
// c-fixtures/unix-stream/ cases of the same names. Node ignores SIGPIPE, so the write to a
// closed peer shows EPIPE here; the signal itself is a fixture-only observation.
import { lstatSync, unlinkSync } from 'node:fs';
import { type FfiProbeTable, ffiProbe, optionalParam, param } from './ffiProbe.js';
import { closeAll, errnoOf, libc, libcBindings, modeText, observed } from './libc.js';
import {
  bindPath,
  connectTo,
  connectToFullBacklogNonblocking,
  eofAfterPeerClosed,
  receiveText,
  SOCK_NONBLOCK,
  SOCK_STREAM,
  SOCKADDR_UN_SIZE,
  SUN_PATH_SIZE,
  sendText,
  setSndbuf,
  sockets,
  twoSendsOneRecv,
  unixListener,
  unixSocket,
  unixSocketpair,
  withDescriptors,
  withScratchDir,
} from './unixSockets.js';

const DEFAULT_SNDBUF = 16384;

/** <sys/socket.h>, <asm-generic/socket.h> and <linux/sockios.h> numbers on Linux. */
const AF_INET = 2;
const SHUT_WR = 1;
const SO_PEERCRED = 17;
const SOL_SOCKET = 1;
const MSG_DONTWAIT = 0x40;
const SIOCINQ = 0x541b;
const NAMED_LISTENER = 'named-listener';

// Names the fixtures print (glibc's) for numbers Node's errno table names otherwise or not at all:
// ENOTSUP and EOPNOTSUPP are one number on Linux, and socketpair(2) documents EOPNOTSUPP.
const SOCKET_ERRNO_NAMES: Record<string, string> = { ENOTSUP: 'EOPNOTSUPP', E94: 'ESOCKTNOSUPPORT' };

const edgeCalls = libcBindings((lib) => ({
  shutdown: lib.func('int shutdown(int fd, int how)'),
  getpeername: lib.func('int getpeername(int fd, _Inout_ uint8_t *address, _Inout_ uint32_t *length)'),
  getsockopt: lib.func('int getsockopt(int fd, int level, int name, _Inout_ int *value, _Inout_ uint32_t *length)'),
  socketpair: lib.func('int socketpair(int domain, int type, int protocol, _Inout_ int *fds)'),
  ioctlInt: lib.func('int ioctl(int fd, unsigned long request, _Out_ int *value)'),
  getpid: lib.func('int getpid(void)'),
  getuid: lib.func('uint32_t getuid(void)'),
  getgid: lib.func('uint32_t getgid(void)'),
}));

/** The sun_path of an address getsockname/getpeername filled in ("" when unnamed). */
function pathOf(address: Buffer, length: number): string {
  return length > 2 ? address.subarray(2, length).toString().replace(/\0.*$/s, '') : '';
}

/** The node type the fixture reports for a path: "socket", "fifo", … or "absent". */
function nodeType(path: string): string {
  try {
    const node = lstatSync(path);
    if (node.isSocket()) return 'socket';
    if (node.isFIFO()) return 'fifo';
    if (node.isFile()) return 'regular';
    if (node.isDirectory()) return 'directory';
    return 'other';
  } catch {
    return 'absent';
  }
}

/** The byte-count argument of the SO_SNDBUF cases. */
function sndbufArgument(text: string | undefined): number {
  if (text === undefined) return DEFAULT_SNDBUF;
  const bytes = Number(text);
  if (!Number.isInteger(bytes) || bytes <= 0) throw new Error(`expected a byte count, got '${text}'`);
  return bytes;
}

/** Binds a listener to `node` in the working directory and closes it again, leaving the node behind. */
function closedListenerNode(): string {
  const path = 'node';
  libc().close(unixListener(SOCK_STREAM, path, 1));
  return path;
}

/** The send buffer parameter, as the C cases declare it. */
const SNDBUF = optionalParam('bytes', 'SO_SNDBUF to set (default 16384)');

export const probes: FfiProbeTable = {
  'unix-stream.connected-both-ways': () =>
    withScratchDir(() =>
      withDescriptors((open) => {
        const path = 'listener';
        const listener = open(unixListener(SOCK_STREAM, path, 1));
        const client = connectTo(SOCK_STREAM, 0, path);
        if (client.fd < 0) throw new Error(`connect failed: ${client.errno}`);
        open(client.fd);
        const server = open(sockets().accept4(listener, null, null, 0) as number);
        const exchange = (from: number, to: number, text: string) =>
          sendText(from, text) === text.length && receiveText(to, 16).text === text;
        const clientToServer = exchange(client.fd, server, 'ping');
        const serverToClient = exchange(server, client.fd, 'pong');
        return observed({
          value: clientToServer && serverToClient,
          evidence: { client_to_server: clientToServer, server_to_client: serverToClient },
        });
      }),
    ),

  'unix-stream.two-sends-one-recv': () => twoSendsOneRecv(SOCK_STREAM),

  'unix-stream.eof-after-peer-closed': () => eofAfterPeerClosed(SOCK_STREAM),

  'unix-stream.epipe-after-peer-closed': () =>
    withDescriptors((open) => {
      const [mine, peer] = unixSocketpair(SOCK_STREAM).map(open) as [number, number];
      libc().close(peer);
      const n = sendText(mine, 'x');
      return observed({ value: n, errno: errnoOf(n), evidence: { sigpipe: 'ignored', msg_nosignal: false } });
    }),

  'unix-stream.connect-full-backlog-nonblocking': () => connectToFullBacklogNonblocking(SOCK_STREAM),

  'unix-stream.sndbuf-doubled': ffiProbe([SNDBUF], ({ bytes }) =>
    withDescriptors((open) => {
      const requested = sndbufArgument(bytes);
      return observed({ value: setSndbuf(open(unixSocket(SOCK_STREAM)), requested), evidence: { requested } });
    }),
  ),

  'unix-stream.fill-nonblocking': ffiProbe([SNDBUF], ({ bytes }) =>
    withDescriptors((open) => {
      const requested = sndbufArgument(bytes);
      const [writer] = unixSocketpair(SOCK_STREAM | SOCK_NONBLOCK).map(open) as [number, number];
      const sndbuf = setSndbuf(writer, requested);
      // Pages first, then single bytes, exactly as the fixture fills, so both count the same.
      let accepted = 0;
      let refused: string | null = null;
      for (const chunk of [4096, 1]) {
        const block = Buffer.alloc(chunk, 0x61);
        for (;;) {
          const n = Number(libc().write(writer, block, chunk));
          if (n < 0) {
            refused = errnoOf(n);
            break;
          }
          accepted += n;
        }
      }
      return observed({ value: accepted, errno: refused, evidence: { requested_sndbuf: requested, sndbuf } });
    }),
  ),

  'unix-stream.node-type': () =>
    withScratchDir(() =>
      withDescriptors((open) => {
        const path = 'node';
        open(unixListener(SOCK_STREAM, path, 1));
        return observed({ value: nodeType(path) });
      }),
    ),

  'unix-stream.node-mode': ffiProbe([param('umask', 'the umask, in octal (077)')], ({ umask: mask = '' }) =>
    withScratchDir(() =>
      withDescriptors((open) => {
        if (!/^[0-7]{1,4}$/.test(mask)) throw new Error(`UMASK '${mask}' is not an octal mode`);
        const path = 'node';
        const previous = libc().umask(parseInt(mask, 8)) as number;
        try {
          open(unixListener(SOCK_STREAM, path, 1));
        } finally {
          libc().umask(previous);
        }
        const mode = modeText(lstatSync(path).mode);
        return observed({ value: mode, evidence: { umask: modeText(parseInt(mask, 8)) } });
      }),
    ),
  ),

  'unix-stream.node-after-close': () =>
    withScratchDir(() => {
      const path = closedListenerNode();
      const value = nodeType(path);
      unlinkSync(path);
      return observed({ value, evidence: { after_unlink: nodeType(path) } });
    }),

  'unix-stream.bind-leftover-node': () =>
    withScratchDir(() =>
      withDescriptors((open) => {
        const path = closedListenerNode();
        const fd = open(unixSocket(SOCK_STREAM));
        const result = bindPath(fd, path);
        return observed({ value: result, errno: errnoOf(result) });
      }),
    ),

  'unix-stream.connect-leftover-node': () =>
    withScratchDir(() => {
      const path = closedListenerNode();
      const attempt = connectTo(SOCK_STREAM, 0, path);
      if (attempt.fd >= 0) libc().close(attempt.fd);
      return observed({ value: attempt.fd >= 0 ? 0 : -1, errno: attempt.errno, evidence: { node_type: nodeType(path) } });
    }),

  'unix-stream.sun-path-108': () =>
    withScratchDir(() =>
      withDescriptors((open) => {
        const name = 'p'.repeat(SUN_PATH_SIZE);
        const address = Buffer.alloc(SOCKADDR_UN_SIZE);
        address.writeUInt16LE(1, 0);
        address.write(name, 2); // every byte of sun_path used: no room for a NUL
        const fd = open(unixSocket(SOCK_STREAM));
        const result = sockets().bind(fd, address, SOCKADDR_UN_SIZE) as number;
        if (result !== 0) return observed({ value: result, errno: errnoOf(result) });
        const returned = Buffer.alloc(SOCKADDR_UN_SIZE + 16);
        const length = new Uint32Array([returned.length]);
        if (sockets().getsockname(fd, returned, length) !== 0) throw new Error(`getsockname failed: ${errnoOf(-1)}`);
        const path = returned.subarray(2, length[0]!);
        const nul = path.indexOf(0);
        return observed({
          value: nul < 0 ? path.length : nul,
          evidence: { getsockname_addrlen: length[0]!, sun_path_size: SUN_PATH_SIZE, node_type: nodeType(name) },
        });
      }),
    ),

  'unix-stream.sun-path-too-long': () =>
    withScratchDir(() =>
      withDescriptors((open) => {
        const address = Buffer.alloc(SOCKADDR_UN_SIZE + 1);
        address.writeUInt16LE(1, 0);
        address.write('q'.repeat(SUN_PATH_SIZE + 1), 2);
        const fd = open(unixSocket(SOCK_STREAM));
        const result = sockets().bind(fd, address, address.length) as number;
        const errno = errnoOf(result);
        return observed({
          value: result,
          errno,
          evidence: { addrlen: address.length, sizeof_sockaddr_un: SOCKADDR_UN_SIZE, node_type: nodeType('q'.repeat(SUN_PATH_SIZE + 1)) },
        });
      }),
    ),
  'unix-stream.shutdown-write-gives-peer-eof': () =>
    withDescriptors((open) => {
      const [first, second] = unixSocketpair(SOCK_STREAM).map(open) as [number, number];
      if (edgeCalls().shutdown(first, SHUT_WR) !== 0) throw new Error(`shutdown failed: ${errnoOf(-1)}`);
      // MSG_DONTWAIT: end-of-file comes back at once; a socket that was not shut would give EAGAIN.
      const eof = receiveText(second, 1, MSG_DONTWAIT);
      const reverse = sendText(second, 'r') === 1 && receiveText(first, 1, MSG_DONTWAIT).n === 1;
      return observed({ value: eof.n, errno: eof.errno, evidence: { reverse_direction_open: reverse } });
    }),

  'unix-stream.connect-not-listening': () =>
    withScratchDir(() =>
      withDescriptors((open) => {
        const path = 'bound-not-listening';
        const bound = open(unixSocket(SOCK_STREAM));
        if (bindPath(bound, path) !== 0) throw new Error(`bind failed: ${errnoOf(-1)}`);
        const attempt = connectTo(SOCK_STREAM, 0, path);
        if (attempt.fd >= 0) open(attempt.fd);
        return observed({ value: attempt.fd >= 0 ? 0 : -1, errno: attempt.errno, evidence: { bound_socket_open: true } });
      }),
    ),

  'unix-stream.close-listener-resets-pending': () =>
    withScratchDir(() =>
      withDescriptors((open) => {
        const listener = unixListener(SOCK_STREAM, 'listener', 4);
        const client = connectTo(SOCK_STREAM, 0, 'listener');
        if (client.fd < 0) {
          closeAll(listener);
          throw new Error(`connect failed: ${client.errno}`);
        }
        open(client.fd);
        closeAll(listener);
        const { n, errno } = receiveText(client.fd, 1, MSG_DONTWAIT);
        return observed({ value: n, errno });
      }),
    ),

  'unix-stream.socketpair-peercred': () =>
    withDescriptors((open) => {
      const [, second] = unixSocketpair(SOCK_STREAM).map(open) as [number, number];
      const credentials = new Int32Array(3); // struct ucred: pid, uid, gid
      const length = new Uint32Array([12]);
      const result = edgeCalls().getsockopt(second, SOL_SOCKET, SO_PEERCRED, credentials, length) as number;
      if (result !== 0) return observed({ value: null, errno: errnoOf(result) });
      const [pid, uid, gid] = [credentials[0]!, credentials[1]! >>> 0, credentials[2]! >>> 0];
      const own = { pid: edgeCalls().getpid() as number, uid: edgeCalls().getuid() as number, gid: edgeCalls().getgid() as number };
      return observed({
        value: pid === own.pid && uid === own.uid && gid === own.gid,
        evidence: { peer_pid: pid, peer_uid: uid, peer_gid: gid, own_pid: own.pid, own_uid: own.uid, own_gid: own.gid },
      });
    }),

  'unix-stream.names': ffiProbe([param('which', 'listener-own or client-peer')], ({ which = '' }) =>
    withScratchDir(() =>
      withDescriptors((open) => {
        const listener = open(unixListener(SOCK_STREAM, NAMED_LISTENER, 1));
        const client = connectTo(SOCK_STREAM, 0, NAMED_LISTENER);
        if (client.fd < 0) throw new Error(`connect failed: ${client.errno}`);
        open(client.fd);
        const address = Buffer.alloc(SOCKADDR_UN_SIZE);
        const length = new Uint32Array([SOCKADDR_UN_SIZE]);
        let result: number;
        if (which === 'listener-own') result = sockets().getsockname(listener, address, length) as number;
        else if (which === 'client-peer') result = edgeCalls().getpeername(client.fd, address, length) as number;
        else throw new Error(`names: WHICH is listener-own or client-peer, not '${which}'`);
        if (result !== 0) return observed({ value: null, errno: errnoOf(result) });
        return observed({ value: pathOf(address, length[0]!), evidence: { addrlen: length[0]!, bound: NAMED_LISTENER } });
      }),
    ),
  ),

  'unix-stream.socketpair-inet': () => {
    const fds = new Int32Array(2);
    const result = edgeCalls().socketpair(AF_INET, SOCK_STREAM, 0, fds) as number;
    if (result === 0) closeAll(fds[0]!, fds[1]!);
    const errno = errnoOf(result);
    return observed({ value: result, errno: errno === null ? null : (SOCKET_ERRNO_NAMES[errno] ?? errno) });
  },

  'unix-stream.recv-dontwait-empty': () =>
    withDescriptors((open) => {
      const [, second] = unixSocketpair(SOCK_STREAM).map(open) as [number, number];
      const { n, errno } = receiveText(second, 1, MSG_DONTWAIT);
      return observed({ value: n, errno });
    }),

  'unix-stream.siocinq': () =>
    withDescriptors((open) => {
      const [first, second] = unixSocketpair(SOCK_STREAM).map(open) as [number, number];
      if (Number(sockets().send(first, Buffer.alloc(123), 123, 0)) !== 123) throw new Error(`send failed: ${errnoOf(-1)}`);
      const unread = new Int32Array(1);
      const result = edgeCalls().ioctlInt(second, SIOCINQ, unread) as number;
      return observed({ value: result === 0 ? unread[0]! : null, errno: errnoOf(result), evidence: { sent: 123 } });
    }),
};

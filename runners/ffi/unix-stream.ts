// Single-process observations of UNIX stream sockets through libc, the FFI counterparts of
// c-fixtures/unix-stream/ cases of the same names. Node ignores SIGPIPE, so the write to a
// closed peer shows EPIPE here; the signal itself is a fixture-only observation.
import { lstatSync, unlinkSync } from 'node:fs';
import { type FfiProbeTable, ffiProbe, optionalParam, param } from './ffiProbe.js';
import { errnoOf, libc, modeText, observed } from './libc.js';
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
};

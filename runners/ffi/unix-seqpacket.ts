// Single-process observations of UNIX sequenced-packet sockets through libc, the FFI counterparts
// of c-fixtures/unix-seqpacket/ cases of the same names.

import type { FfiProbeTable } from './ffiProbe.js';
import { errnoOf, libc, libcBindings, observed } from './libc.js';
import {
  bindPath,
  connectTo,
  connectToFullBacklogNonblocking,
  eofAfterPeerClosed,
  MSG_TRUNC,
  receiveText,
  SOCK_NONBLOCK,
  SOCK_SEQPACKET,
  SOCK_STREAM,
  sendText,
  twoSendsOneRecv,
  unixListener,
  unixSocket,
  unixSocketpair,
  withDescriptors,
  withScratchDir,
} from './unixSockets.js';

const MSG_DONTWAIT = 0x40;
const SHUT_WR = 1;
const shutdownCall = libcBindings((lib) => lib.func('int shutdown(int fd, int how)'));

export const probes: FfiProbeTable = {
  'unix-seqpacket.two-sends-one-recv': () => twoSendsOneRecv(SOCK_SEQPACKET),

  'unix-seqpacket.short-read-discards-rest': () =>
    withDescriptors((open) => {
      const [sender, receiver] = unixSocketpair(SOCK_SEQPACKET | SOCK_NONBLOCK).map(open) as [number, number];
      sendText(sender, '0123456789');
      sendText(sender, 'next');
      const part = Buffer.alloc(4);
      const first = Number(libc().read(receiver, part, 4));
      const rest = Buffer.alloc(63);
      const second = Number(libc().read(receiver, rest, 63));
      return observed({
        value: second > 0 ? rest.subarray(0, second).toString() : '',
        evidence: { datagram_size: 10, buffer_size: 4, first_receive: first },
      });
    }),

  'unix-seqpacket.eof-after-peer-closed': () => eofAfterPeerClosed(SOCK_SEQPACKET),

  'unix-seqpacket.connect-full-backlog-nonblocking': () => connectToFullBacklogNonblocking(SOCK_SEQPACKET),

  'unix-seqpacket.connect-to-stream-listener': () =>
    withScratchDir(() =>
      withDescriptors((open) => {
        const path = 'stream-listener';
        open(unixListener(SOCK_STREAM, path, 1));
        const attempt = connectTo(SOCK_SEQPACKET, 0, path);
        if (attempt.fd >= 0) open(attempt.fd);
        return observed({ value: attempt.fd >= 0 ? 0 : -1, errno: attempt.errno, evidence: { listener_type: 'SOCK_STREAM' } });
      }),
    ),
  'unix-seqpacket.recv-msg-trunc': () =>
    withDescriptors((open) => {
      const [sender, receiver] = unixSocketpair(SOCK_SEQPACKET | SOCK_NONBLOCK).map(open) as [number, number];
      sendText(sender, '0123456789');
      sendText(sender, 'next');
      const first = receiveText(receiver, 4, MSG_TRUNC);
      const next = receiveText(receiver, 63);
      return observed({
        value: first.n,
        errno: first.errno,
        evidence: { datagram_size: 10, buffer_size: 4, first_receive: first.n, next_receive: next.text },
      });
    }),

  'unix-seqpacket.shutdown-write-gives-peer-eof': () =>
    withDescriptors((open) => {
      const [first, second] = unixSocketpair(SOCK_SEQPACKET).map(open) as [number, number];
      if (shutdownCall()(first, SHUT_WR) !== 0) throw new Error(`shutdown failed: ${errnoOf(-1)}`);
      const eof = receiveText(second, 1, MSG_DONTWAIT);
      const reverse = sendText(second, 'r') === 1 && receiveText(first, 1, MSG_DONTWAIT).n === 1;
      return observed({ value: eof.n, errno: eof.errno, evidence: { reverse_direction_open: reverse } });
    }),

  'unix-seqpacket.connect-not-listening': () =>
    withScratchDir(() =>
      withDescriptors((open) => {
        const path = 'bound-not-listening';
        const bound = open(unixSocket(SOCK_SEQPACKET));
        if (bindPath(bound, path) !== 0) throw new Error(`bind failed: ${errnoOf(-1)}`);
        const attempt = connectTo(SOCK_SEQPACKET, 0, path);
        if (attempt.fd >= 0) open(attempt.fd);
        return observed({ value: attempt.fd >= 0 ? 0 : -1, errno: attempt.errno });
      }),
    ),
};

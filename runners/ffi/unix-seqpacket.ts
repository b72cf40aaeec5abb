// Single-process observations of UNIX sequenced-packet sockets through libc, the FFI counterparts
// of c-fixtures/unix-seqpacket/ cases of the same names.

import type { FfiProbeTable } from './ffiProbe.js';
import { libc, observed } from './libc.js';
import {
  connectTo,
  connectToFullBacklogNonblocking,
  eofAfterPeerClosed,
  SOCK_NONBLOCK,
  SOCK_SEQPACKET,
  SOCK_STREAM,
  sendText,
  twoSendsOneRecv,
  unixListener,
  unixSocketpair,
  withDescriptors,
  withScratchDir,
} from './unixSockets.js';

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
};

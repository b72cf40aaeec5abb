// Single-process observations of UNIX datagram sockets through libc, the FFI counterparts of
// c-fixtures/unix-dgram/ cases of the same names.
import { readdirSync } from 'node:fs';
import { type FfiProbeTable, ffiProbe, optionalParam } from './ffiProbe.js';
import { closeAll, errnoOf, libc, libcBindings, observed } from './libc.js';
import {
  abstractAddress,
  bindPath,
  connectTo,
  MSG_TRUNC,
  pathAddress,
  receiveText,
  SOCK_DGRAM,
  SOCK_NONBLOCK,
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
const MSG_DONTWAIT = 0x40;
const FULL_RECEIVER = 'full-receiver';
/** As in the fixture: far above any queue limit, so reaching it means no send was refused. */
const FILL_LIMIT = 10000;

const datagramCalls = libcBindings((lib) => ({
  sendto: lib.func('long sendto(int fd, const uint8_t *buffer, size_t length, int flags, const uint8_t *address, uint32_t addrlen)'),
}));

/** sendto() of one byte to a pathname; returns the result and its errno. */
function sendByteTo(fd: number, path: string): { n: number; errno: string | null } {
  const { address, length } = pathAddress(path);
  const n = Number(datagramCalls().sendto(fd, Buffer.from('x'), 1, MSG_DONTWAIT, address, length));
  return { n, errno: errnoOf(n) };
}
const LONG_MESSAGE = '0123456789';
const SHORT_BUFFER = 4;

export const probes: FfiProbeTable = {
  'unix-dgram.socketpair-both-ways': () =>
    withDescriptors((open) => {
      const [first, second] = unixSocketpair(SOCK_DGRAM | SOCK_NONBLOCK).map(open) as [number, number];
      const pass = (from: number, to: number, text: string) => sendText(from, text) === text.length && receiveText(to, 15).text === text;
      const firstToSecond = pass(first, second, 'ping');
      const secondToFirst = pass(second, first, 'pong');
      return observed({
        value: firstToSecond && secondToFirst,
        evidence: { first_to_second: firstToSecond, second_to_first: secondToFirst },
      });
    }),

  'unix-dgram.two-sends-one-recv': () => twoSendsOneRecv(SOCK_DGRAM),

  'unix-dgram.recv-msg-trunc': () =>
    withDescriptors((open) => {
      const [sender, receiver] = unixSocketpair(SOCK_DGRAM | SOCK_NONBLOCK).map(open) as [number, number];
      sendText(sender, LONG_MESSAGE);
      sendText(sender, 'next');
      const first = receiveText(receiver, SHORT_BUFFER, MSG_TRUNC);
      const next = receiveText(receiver, 63);
      return observed({
        value: first.n,
        errno: first.errno,
        evidence: {
          datagram_size: LONG_MESSAGE.length,
          buffer_size: SHORT_BUFFER,
          first_receive: first.n,
          next_receive: next.n > 0 ? next.text : '',
        },
      });
    }),

  'unix-dgram.abstract-no-node': () =>
    // Bound from inside an empty directory: a name taken as a relative path would appear there.
    withScratchDir(() =>
      withDescriptors((open) => {
        const { address, length, name } = abstractAddress('abstract');
        const result = sockets().bind(open(unixSocket(SOCK_DGRAM)), address, length) as number;
        if (result !== 0) return observed({ value: null, errno: errnoOf(result) });
        return observed({ value: readdirSync('.').length, evidence: { name } });
      }),
    ),

  'unix-dgram.abstract-free-after-close': () =>
    withDescriptors((open) => {
      const { address, length } = abstractAddress('abstract');
      const first = unixSocket(SOCK_DGRAM);
      if (sockets().bind(first, address, length) !== 0) {
        libc().close(first);
        throw new Error(`bind abstract failed: ${errnoOf(-1)}`);
      }
      const second = open(unixSocket(SOCK_DGRAM));
      const whileOpen = sockets().bind(second, address, length) as number;
      const evidence = { bind_while_referenced: whileOpen === 0 ? 'bound' : errnoOf(whileOpen) };
      libc().close(first);
      if (whileOpen === 0) return observed({ value: null, evidence });
      const result = sockets().bind(second, address, length) as number;
      return observed({ value: result, errno: errnoOf(result), evidence });
    }),

  'unix-dgram.largest-datagram': ffiProbe([optionalParam('bytes', 'SO_SNDBUF to set (default 16384)')], ({ bytes }) =>
    withDescriptors((open) => {
      const requested = bytes === undefined ? DEFAULT_SNDBUF : Number(bytes);
      if (!Number.isInteger(requested) || requested <= 0) throw new Error(`expected a byte count, got '${bytes}'`);
      const [sender, receiver] = unixSocketpair(SOCK_DGRAM | SOCK_NONBLOCK).map(open) as [number, number];
      const sndbuf = setSndbuf(sender, requested);
      const ceiling = sndbuf + 4096;
      const data = Buffer.alloc(ceiling);
      const drain = Buffer.alloc(1);
      let refused: string | null = null;
      // Each accepted datagram is drained at once, so every attempt starts from an empty buffer.
      const fits = (size: number): boolean => {
        const n = Number(sockets().send(sender, data, size, 0));
        if (n !== size) {
          refused = n < 0 ? errnoOf(n) : 'EMSGSIZE';
          return false;
        }
        sockets().recv(receiver, drain, 1, MSG_TRUNC);
        return true;
      };
      let accepted = fits(ceiling) ? ceiling : 0;
      let rejected = ceiling;
      while (rejected - accepted > 1) {
        const middle = accepted + Math.floor((rejected - accepted) / 2);
        if (fits(middle)) accepted = middle;
        else rejected = middle;
      }
      if (accepted < ceiling) fits(accepted + 1);
      return observed({
        value: accepted,
        errno: accepted < ceiling ? refused : null,
        evidence: { requested_sndbuf: requested, sndbuf, sndbuf_less_overhead: sndbuf - 32 },
      });
    }),
  ),
  'unix-dgram.send-to-full-peer-dontwait': () =>
    withScratchDir(() =>
      withDescriptors((open) => {
        open(unixListener(SOCK_DGRAM, FULL_RECEIVER, 0));
        const sender = connectTo(SOCK_DGRAM, 0, FULL_RECEIVER);
        if (sender.fd < 0) throw new Error(`connect failed: ${sender.errno}`);
        open(sender.fd);
        let accepted = 0;
        let refused: string | null = null;
        for (; accepted < FILL_LIMIT; accepted++) {
          const n = sendText(sender.fd, 'x', MSG_DONTWAIT);
          if (n !== 1) {
            refused = errnoOf(n);
            break;
          }
        }
        return observed({ value: accepted, errno: refused, evidence: { queued_before_full: accepted } });
      }),
    ),

  'unix-dgram.connect-leftover-node': () =>
    withScratchDir(() =>
      withDescriptors((open) => {
        const path = 'left-behind';
        const bound = unixSocket(SOCK_DGRAM);
        if (bindPath(bound, path) !== 0) throw new Error(`bind failed: ${errnoOf(-1)}`);
        closeAll(bound);
        const attempt = connectTo(SOCK_DGRAM, 0, path);
        if (attempt.fd >= 0) open(attempt.fd);
        return observed({ value: attempt.fd >= 0 ? 0 : -1, errno: attempt.errno });
      }),
    ),

  'unix-dgram.sendto-socket-connected-elsewhere': () =>
    withScratchDir(() =>
      withDescriptors((open) => {
        const target = open(unixListener(SOCK_DGRAM, 'target', 0));
        open(unixListener(SOCK_DGRAM, 'its-peer', 0));
        const { address, length } = pathAddress('its-peer');
        if (sockets().connect(target, address, length) !== 0) throw new Error(`connect failed: ${errnoOf(-1)}`);
        const { n, errno } = sendByteTo(open(unixSocket(SOCK_DGRAM)), 'target');
        return observed({ value: n, errno, evidence: { target_connected_to: 'its-peer' } });
      }),
    ),

  'unix-dgram.sendto-missing-path': () =>
    withScratchDir(() =>
      withDescriptors((open) => {
        const { n, errno } = sendByteTo(open(unixSocket(SOCK_DGRAM)), 'nobody-here');
        return observed({ value: n, errno });
      }),
    ),

  'unix-dgram.zero-length-datagram': () =>
    withDescriptors((open) => {
      const [first, second] = unixSocketpair(SOCK_DGRAM).map(open) as [number, number];
      if (Number(sockets().send(first, Buffer.alloc(1), 0, 0)) !== 0) throw new Error(`send of 0 bytes failed: ${errnoOf(-1)}`);
      const { n, errno } = receiveText(second, 16, MSG_DONTWAIT);
      const next = receiveText(second, 16, MSG_DONTWAIT);
      return observed({ value: n, errno, evidence: { next_receive: next.n < 0 ? (next.errno ?? 'error') : 'data' } });
    }),

  'unix-dgram.recv-dontwait-empty': () =>
    withDescriptors((open) => {
      const [, second] = unixSocketpair(SOCK_DGRAM).map(open) as [number, number];
      const { n, errno } = receiveText(second, 1, MSG_DONTWAIT);
      return observed({ value: n, errno });
    }),
};

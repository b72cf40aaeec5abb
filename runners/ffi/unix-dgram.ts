// Single-process observations of UNIX datagram sockets through libc, the FFI counterparts of
// c-fixtures/unix-dgram/ cases of the same names.
import { readdirSync } from 'node:fs';
import { type FfiProbeTable, ffiProbe, optionalParam } from './ffiProbe.js';
import { errnoOf, libc, observed } from './libc.js';
import {
  abstractAddress,
  MSG_TRUNC,
  receiveText,
  SOCK_DGRAM,
  SOCK_NONBLOCK,
  sendText,
  setSndbuf,
  sockets,
  twoSendsOneRecv,
  unixSocket,
  unixSocketpair,
  withDescriptors,
  withScratchDir,
} from './unixSockets.js';

const DEFAULT_SNDBUF = 16384;
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
};

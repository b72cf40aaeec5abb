// Single-process UDP observations over loopback through libc, the FFI counterparts of
// c-fixtures/udp/ cases of the same names, on the loopback socket plumbing of loopbackSockets.ts.
// The overflow cases have no counterpart here: how many datagrams a small buffer keeps is the
// kernel's accounting, which a second path would only repeat, not check.

import { type FfiProbeTable, ffiProbe, optionalParam, param } from './ffiProbe.js';
import { errnoName, errnoOf, libc, observed } from './libc.js';
import {
  boundSocket,
  connectLoopback,
  type Family,
  familyArg,
  loopbackHost,
  openSocket,
  POLLERR,
  POLLIN,
  portOf,
  receive,
  SetupFailed,
  SOCK_DGRAM,
  sendText,
  setupStep,
  sockets,
  waitFor,
  withSockets,
} from './loopbackSockets.js';

const MSG_TRUNC = 0x20;

/** A UDP socket connect()ed to the loopback `port`. */
function connectedSender(opened: number[], family: Family, port: number): number {
  const sender = openSocket(opened, family, SOCK_DGRAM);
  setupStep(connectLoopback(sender, family, port), 'connect');
  return sender;
}

function sendOrThrow(fd: number, text: string): void {
  if (sendText(fd, text, 0) !== Buffer.byteLength(text)) throw new SetupFailed('send', errnoName());
}

/** The address family parameter, as the C cases declare it. */
const FAMILY = optionalParam('family', 'ipv4 or ipv6 (default ipv4)');

export const probes: FfiProbeTable = {
  'udp.two-sends-one-recv': ffiProbe([FAMILY], ({ family }) =>
    withSockets((opened) => {
      const chosen = familyArg(family);
      const receiver = boundSocket(opened, chosen, SOCK_DGRAM);
      const sender = connectedSender(opened, chosen, portOf(receiver));
      sendOrThrow(sender, 'abc');
      sendOrThrow(sender, 'defg');
      waitFor(receiver, POLLIN, 1000);
      const first = receive(receiver);
      const second = receive(receiver);
      return observed({
        value: first.n,
        errno: first.errno,
        evidence: { data: first.text, second_read: second.n, second_data: second.text, address: loopbackHost(chosen) },
      });
    }),
  ),

  'udp.short-buffer-discards-rest': () =>
    withSockets((opened) => {
      const receiver = boundSocket(opened, 'ipv4', SOCK_DGRAM);
      const sender = connectedSender(opened, 'ipv4', portOf(receiver));
      sendOrThrow(sender, 'abcd');
      sendOrThrow(sender, 'efg');
      waitFor(receiver, POLLIN, 1000);
      const { first, truncated } = receiveIntoTwoBytes(receiver);
      const next = receive(receiver);
      return observed({ value: next.n, errno: next.errno, evidence: { data: next.text, first_read: first, first_msg_trunc: truncated } });
    }),

  'udp.connected-send-to-closed-port': ffiProbe([FAMILY], ({ family }) =>
    withSockets((opened) => {
      const chosen = familyArg(family);
      const gone = boundSocket(opened, chosen, SOCK_DGRAM);
      const port = portOf(gone);
      libc().close(opened.splice(opened.indexOf(gone), 1)[0]!);
      const sender = connectedSender(opened, chosen, port);
      const first = sendText(sender, 'x', 0);
      const revents = waitFor(sender, 0, 1000); // POLLERR is always reported
      const n = sendText(sender, 'x', 0);
      return observed({
        value: n,
        errno: errnoOf(n),
        evidence: { first_send: first, pollerr_before_second_send: (revents & POLLERR) !== 0, port, address: loopbackHost(chosen) },
      });
    }),
  ),

  'udp.send-size': ffiProbe([param('bytes', "the datagram's size")], ({ bytes = '' }) =>
    withSockets((opened) => {
      const size = Number(bytes);
      if (!Number.isInteger(size) || size < 1 || size > 1 << 20) throw new Error(`send-size needs BYTES 1..1048576, got '${bytes}'`);
      const receiver = boundSocket(opened, 'ipv4', SOCK_DGRAM);
      const sender = connectedSender(opened, 'ipv4', portOf(receiver));
      const payload = Buffer.alloc(size);
      const n = Number(sockets().send(sender, payload, size, 0));
      const errno = errnoOf(n);
      const received = n > 0 ? receive(receiver, size).n : -1;
      return observed({ value: n, errno, evidence: { requested: size, received } });
    }),
  ),
};

/**
 * One recv into a 2-byte buffer. Linux's MSG_TRUNC recv flag makes it return the datagram's real
 * length, which tells (without a struct msghdr to build) whether the kernel cut it, as the
 * fixture's recvmsg msg_flags do; the bytes copied are at most the two that fit.
 */
function receiveIntoTwoBytes(fd: number): { first: number; truncated: boolean } {
  const real = receive(fd, 2, MSG_TRUNC).n;
  return { first: real < 0 ? real : Math.min(real, 2), truncated: real > 2 };
}

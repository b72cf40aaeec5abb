// Single-process TCP observations over loopback through libc, the FFI counterparts of
// c-fixtures/tcp/ cases of the same names. Every address is 127.0.0.1 or ::1 and every port
// ephemeral (bind port 0, then getsockname); the socket plumbing is in loopbackSockets.ts. Each
// probe closes every descriptor it made, also when a call throws; no call may wait unbounded, so
// every receive is preceded by a poll with a timeout.
import { readFileSync } from 'node:fs';
import { type FfiProbeTable, ffiProbe, optionalParam } from './ffiProbe.js';
import { errnoName, errnoOf, type FfiObservation, libc, observed } from './libc.js';
import {
  bindLoopback,
  boundSocket,
  connectLoopback,
  enableOption,
  type Family,
  FIONREAD,
  familyArg,
  IPPROTO_TCP,
  intOption,
  loopbackHost,
  openSocket,
  POLLIN,
  pauseMs,
  portOf,
  receive,
  SetupFailed,
  SHUT_WR,
  SO_REUSEADDR,
  SO_REUSEPORT,
  SOCK_CLOEXEC,
  SOCK_STREAM,
  SOL_SOCKET,
  sendText,
  setupStep,
  sockets,
  TCP_NODELAY,
  waitFor,
  withSockets,
} from './loopbackSockets.js';

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

/** The address family parameter, as the C cases declare it. */
const FAMILY = optionalParam('family', 'ipv4 or ipv6 (default ipv4)');

export const probes: FfiProbeTable = {
  'tcp.two-sends-one-recv': ffiProbe([FAMILY], ({ family }) =>
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
  ),

  'tcp.connect-no-listener': ffiProbe([FAMILY], ({ family }) =>
    withSockets((opened) => {
      const chosen = familyArg(family);
      const port = portOf(boundSocket(opened, chosen, SOCK_STREAM));
      const result = connectLoopback(openSocket(opened, chosen, SOCK_STREAM), chosen, port);
      return observed({ value: result, errno: errnoOf(result), evidence: { port, address: loopbackHost(chosen) } });
    }),
  ),

  'tcp.rebind-time-wait': ffiProbe([optionalParam('mode', 'plain or reuseaddr (default plain)')], ({ mode }) =>
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
  ),

  'tcp.second-listener': ffiProbe([optionalParam('mode', 'plain, reuseaddr or reuseport (default plain)')], ({ mode }) =>
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
      else {
        result = sockets().listen(second, 4) as number;
        if (result !== 0) refusedBy = 'listen';
      }
      return observed({
        value: result,
        errno: errnoOf(result),
        evidence: { port, refused_by: refusedBy, option_on_both: optionName(option) },
      });
    }),
  ),

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

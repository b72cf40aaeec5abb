// TCP over the loopback interface: tcp(7), ip(7), ipv6(7), socket(7), connect(2), shutdown(2),
// recv(2), send(2) and the POSIX pages of the same calls. Probes use 127.0.0.1 or ::1 only, on
// ephemeral ports.
import { defineMechanism } from './schema.js';

const tcp7 = (section: string) => ({ man: 'tcp(7)', section });
const socket7 = (section: string) => ({ man: 'socket(7)', section });
const tutorialInet = { tutorial: 'ipc-tutorial.zh.md', section: '6. 套接字(Sockets) / 网络套接字' };
const ipv6Loopback = { man: 'ipv6(7)', section: 'Address format' };

export default defineMechanism({
  id: 'tcp',
  title: { en: 'TCP socket (loopback)', zh: 'TCP 套接字（回环）' },
  family: 'sockets',
  manPages: ['tcp(7)', 'ip(7)', 'ipv6(7)', 'socket(7)', 'connect(2)', 'shutdown(2)'],
  properties: [
    {
      id: 'tcp.boundaries.two-sends-can-come-out-of-one-recv',
      kind: 'boundaries',
      claim: {
        en: 'TCP keeps no record boundaries: two sends of 3 and 4 bytes over 127.0.0.1 can come out of one recv as 7 bytes.',
        zh: 'TCP 不保留记录边界：经 127.0.0.1 的两次发送（3 和 4 字节）可被一次 recv 作为 7 字节取回。',
      },
      sources: [tcp7('DESCRIPTION'), tutorialInet],
      expect: { equals: 7 },
      probes: [
        { fixture: 'tcp', case: 'two-sends-one-recv', args: { family: 'ipv4' } },
        { ffi: 'tcp.two-sends-one-recv', args: { family: 'ipv4' } },
      ],
    },
    {
      id: 'tcp.ordering.bytes-arrive-complete-and-in-order-over-ipv4',
      kind: 'ordering',
      claim: {
        en: 'Over 127.0.0.1, every byte of a 1 MiB stream sent in chunks of 1 to 65536 bytes arrives once, in the order sent.',
        zh: '经 127.0.0.1 以 1 到 65536 字节不等的块发送 1 MiB 数据，每个字节都恰好到达一次，且顺序与发送一致。',
      },
      sources: [tcp7('DESCRIPTION'), tutorialInet],
      expect: { equals: 0 },
      probes: [{ fixture: 'tcp', case: 'stream-order', args: { family: 'ipv4' } }],
    },
    {
      id: 'tcp.ordering.bytes-arrive-complete-and-in-order-over-ipv6-loopback',
      kind: 'ordering',
      claim: {
        en: 'Over the IPv6 loopback address ::1, a 1 MiB stream arrives complete and in order; an environment without ::1 shows the bind error instead.',
        zh: '经 IPv6 回环地址 ::1 传输的 1 MiB 数据流完整且有序到达；若环境没有 ::1，则显示绑定错误。',
      },
      sources: [tcp7('DESCRIPTION'), ipv6Loopback, { man: 'ipv6(7)', section: 'DESCRIPTION' }],
      expect: { equals: 0 },
      probes: [{ fixture: 'tcp', case: 'stream-order', args: { family: 'ipv6' } }],
      requires: ['ipv6-loopback'],
    },
    {
      id: 'tcp.lifecycle.connect-to-a-port-without-listener-gives-econnrefused',
      kind: 'lifecycle',
      claim: {
        en: 'Connecting to a loopback port on which nobody listens fails at once with ECONNREFUSED.',
        zh: '连接一个无人监听的回环端口会立即以 ECONNREFUSED 失败。',
      },
      sources: [
        { man: 'connect(2)', section: 'ERRORS' },
        { posix: 'connect()', section: 'ERRORS' },
      ],
      expect: { errno: 'ECONNREFUSED' },
      probes: [
        { fixture: 'tcp', case: 'connect-no-listener', args: { family: 'ipv4' } },
        { ffi: 'tcp.connect-no-listener', args: { family: 'ipv4' } },
      ],
    },
    {
      id: 'tcp.lifecycle.port-in-time-wait-refuses-bind-without-so-reuseaddr',
      kind: 'lifecycle',
      claim: {
        en: 'After the server side closes a connection first, its port stays in TIME_WAIT: a new socket without SO_REUSEADDR cannot bind it (EADDRINUSE).',
        zh: '服务端先关闭连接后，其端口处于 TIME_WAIT 状态：未设置 SO_REUSEADDR 的新套接字无法绑定该端口（EADDRINUSE）。',
      },
      sources: [socket7('SO_REUSEADDR'), { man: 'ip(7)', section: 'ERRORS' }, { posix: 'bind()', section: 'ERRORS' }, tutorialInet],
      expect: { errno: 'EADDRINUSE' },
      probes: [
        { fixture: 'tcp', case: 'rebind-time-wait', args: { mode: 'plain' } },
        { ffi: 'tcp.rebind-time-wait', args: { mode: 'plain' } },
      ],
    },
    {
      id: 'tcp.lifecycle.so-reuseaddr-binds-a-port-in-time-wait',
      kind: 'lifecycle',
      claim: {
        en: 'With SO_REUSEADDR (set by the old server and the new socket), a port whose last connection is in TIME_WAIT can be bound again at once.',
        zh: '设置 SO_REUSEADDR（旧服务端与新套接字都设置）后，最后一个连接仍处于 TIME_WAIT 的端口可以立即重新绑定。',
      },
      sources: [socket7('SO_REUSEADDR'), tutorialInet],
      expect: { equals: 0 },
      probes: [
        { fixture: 'tcp', case: 'rebind-time-wait', args: { mode: 'reuseaddr' } },
        { ffi: 'tcp.rebind-time-wait', args: { mode: 'reuseaddr' } },
      ],
    },
    {
      id: 'tcp.limits.second-listener-on-a-port-gives-eaddrinuse',
      kind: 'limits',
      claim: {
        en: 'A listening port is exclusive: a second socket cannot bind the same loopback address and port (EADDRINUSE).',
        zh: '监听端口是独占的：第二个套接字无法绑定同一回环地址和端口（EADDRINUSE）。',
      },
      sources: [
        { man: 'ip(7)', section: 'ERRORS' },
        { man: 'bind(2)', section: 'ERRORS' },
        { posix: 'bind()', section: 'ERRORS' },
      ],
      expect: { errno: 'EADDRINUSE' },
      probes: [
        { fixture: 'tcp', case: 'second-listener', args: { mode: 'plain' } },
        { ffi: 'tcp.second-listener', args: { mode: 'plain' } },
      ],
    },
    {
      id: 'tcp.limits.so-reuseaddr-does-not-share-a-listening-port',
      kind: 'limits',
      claim: {
        en: 'SO_REUSEADDR on both sockets does not let a second one take a port that is actively listened on: still EADDRINUSE.',
        zh: '即使两个套接字都设置 SO_REUSEADDR，第二个也不能占用正在监听的端口：仍为 EADDRINUSE。',
      },
      sources: [socket7('SO_REUSEADDR')],
      expect: { errno: 'EADDRINUSE' },
      probes: [
        { fixture: 'tcp', case: 'second-listener', args: { mode: 'reuseaddr' } },
        { ffi: 'tcp.second-listener', args: { mode: 'reuseaddr' } },
      ],
    },
    {
      id: 'tcp.limits.so-reuseport-on-both-lets-two-listeners-share-a-port',
      kind: 'limits',
      claim: {
        en: 'When both sockets (of the same user) set SO_REUSEPORT before bind, both can bind and listen on the same port.',
        zh: '当两个（同一用户的）套接字都在 bind 之前设置 SO_REUSEPORT 时，二者可以绑定并监听同一端口。',
      },
      sources: [socket7('SO_REUSEPORT')],
      expect: { equals: 0 },
      probes: [
        { fixture: 'tcp', case: 'second-listener', args: { mode: 'reuseport' } },
        { ffi: 'tcp.second-listener', args: { mode: 'reuseport' } },
      ],
    },
    {
      id: 'tcp.performance.tcp-nodelay-can-be-set-and-read-back',
      kind: 'performance',
      claim: {
        en: 'TCP_NODELAY, which turns off the Nagle algorithm that holds back small segments, can be set on a TCP socket and reads back as set.',
        zh: 'TCP_NODELAY（关闭会暂缓发送小报文段的 Nagle 算法）可以在 TCP 套接字上设置，读回的值即为所设。',
      },
      sources: [tcp7('TCP_NODELAY'), { posix: 'netinet/tcp.h', section: 'TCP_NODELAY' }],
      expect: { equals: 1 },
      probes: [{ fixture: 'tcp', case: 'nodelay' }, { ffi: 'tcp.nodelay' }],
    },
    {
      id: 'tcp.direction.shut-wr-gives-the-peer-eof',
      kind: 'direction',
      claim: {
        en: 'After one end calls shutdown(SHUT_WR), the peer reads end of file (recv returns 0) although the connection is still open.',
        zh: '一端调用 shutdown(SHUT_WR) 后，对端读到文件结束（recv 返回 0），尽管连接仍然打开。',
      },
      sources: [
        { man: 'shutdown(2)', section: 'DESCRIPTION' },
        { posix: 'shutdown()', section: 'DESCRIPTION' },
      ],
      expect: { equals: 0 },
      probes: [{ fixture: 'tcp', case: 'half-close-peer-eof' }, { ffi: 'tcp.half-close-peer-eof' }],
    },
    {
      id: 'tcp.direction.after-shut-wr-the-other-direction-still-carries-data',
      kind: 'direction',
      claim: {
        en: 'A TCP connection is full duplex: after shutdown(SHUT_WR) the same end still receives the 4 bytes its peer sends.',
        zh: 'TCP 连接是全双工的：调用 shutdown(SHUT_WR) 之后，该端仍能收到对端发来的 4 字节。',
      },
      sources: [tcp7('DESCRIPTION'), { man: 'shutdown(2)', section: 'DESCRIPTION' }],
      expect: { equals: 4 },
      probes: [{ fixture: 'tcp', case: 'half-close-reverse' }, { ffi: 'tcp.half-close-reverse' }],
    },
    {
      id: 'tcp.direction.send-after-shut-wr-gives-epipe',
      kind: 'direction',
      claim: {
        en: 'Sending on an end that was shut down for writing fails with EPIPE (SIGPIPE suppressed with MSG_NOSIGNAL).',
        zh: '在已关闭写方向的一端发送会以 EPIPE 失败（用 MSG_NOSIGNAL 抑制 SIGPIPE）。',
      },
      sources: [
        { man: 'send(2)', section: 'ERRORS' },
        { posix: 'send()', section: 'ERRORS' },
      ],
      expect: { errno: 'EPIPE' },
      probes: [{ fixture: 'tcp', case: 'send-after-shut-wr' }, { ffi: 'tcp.send-after-shut-wr' }],
    },
    {
      id: 'tcp.blocking.recv-on-an-idle-connection-waits-for-data',
      kind: 'blocking',
      claim: {
        en: 'A blocking recv on a connection with nothing to read waits until the peer sends.',
        zh: '在没有可读数据的连接上，阻塞的 recv 会一直等待，直到对端发送数据。',
      },
      sources: [
        { man: 'recv(2)', section: 'DESCRIPTION' },
        { posix: 'recv()', section: 'DESCRIPTION' },
      ],
      expect: { blocks: true },
      probes: [{ fixture: 'tcp', case: 'recv-empty-blocks' }],
    },
  ],
});

// UDP over the loopback interface: udp(7), ip(7), ipv6(7), socket(7), send(2), recv(2) and the
// POSIX pages of the same calls. Probes use 127.0.0.1 or ::1 only, on ephemeral ports.
import { defineMechanism } from './schema.js';

const udp7 = (section: string) => ({ man: 'udp(7)', section });
const tutorialInet = { tutorial: 'ipc-tutorial.zh.md', section: '6. 套接字(Sockets) / 网络套接字' };

export default defineMechanism({
  id: 'udp',
  title: { en: 'UDP socket (loopback)', zh: 'UDP 套接字（回环）' },
  family: 'sockets',
  manPages: ['udp(7)', 'ip(7)', 'ipv6(7)', 'socket(7)', 'send(2)', 'recv(2)'],
  properties: [
    {
      id: 'udp.boundaries.each-recv-returns-exactly-one-datagram',
      kind: 'boundaries',
      claim: {
        en: 'UDP keeps datagram boundaries: after sends of 3 and 4 bytes over 127.0.0.1, one recv with room for 64 returns the first datagram, 3 bytes.',
        zh: 'UDP 保留数据报边界：经 127.0.0.1 发送 3 和 4 字节两个数据报后，一次缓冲区为 64 字节的 recv 只返回第一个数据报，即 3 字节。',
      },
      sources: [udp7('DESCRIPTION'), { posix: 'recv()', section: 'DESCRIPTION' }, tutorialInet],
      expect: { equals: 3 },
      probes: [
        { fixture: 'udp', case: 'two-sends-one-recv', args: { family: 'ipv4' } },
        { ffi: 'udp.two-sends-one-recv', args: { family: 'ipv4' } },
      ],
    },
    {
      id: 'udp.boundaries.each-recv-returns-exactly-one-datagram-over-ipv6-loopback',
      kind: 'boundaries',
      claim: {
        en: 'Over the IPv6 loopback address ::1 as well, one recv returns exactly one datagram (3 of the 3 + 4 bytes sent).',
        zh: '经 IPv6 回环地址 ::1 时同样如此：一次 recv 恰好返回一个数据报（所发 3 + 4 字节中的 3 字节）。',
      },
      sources: [udp7('DESCRIPTION'), { man: 'ipv6(7)', section: 'Address format' }],
      expect: { equals: 3 },
      probes: [
        { fixture: 'udp', case: 'two-sends-one-recv', args: { family: 'ipv6' } },
        { ffi: 'udp.two-sends-one-recv', args: { family: 'ipv6' } },
      ],
      requires: ['ipv6-loopback'],
    },
    {
      id: 'udp.boundaries.bytes-beyond-the-buffer-are-discarded-with-their-datagram',
      kind: 'boundaries',
      claim: {
        en: 'A datagram larger than the receive buffer is cut (MSG_TRUNC) and its rest is discarded: the next recv returns the next datagram, 3 bytes.',
        zh: '大于接收缓冲区的数据报会被截断（MSG_TRUNC），其余部分被丢弃：下一次 recv 返回的是下一个数据报，即 3 字节。',
      },
      sources: [udp7('DESCRIPTION'), { posix: 'recv()', section: 'DESCRIPTION' }],
      expect: { equals: 3 },
      probes: [{ fixture: 'udp', case: 'short-buffer-discards-rest' }, { ffi: 'udp.short-buffer-discards-rest' }],
    },
    {
      id: 'udp.capacity.datagrams-beyond-a-full-receive-buffer-are-dropped',
      kind: 'capacity',
      claim: {
        en: 'UDP has no flow control: 1000 datagrams of 256 bytes sent to a receiver with a small SO_RCVBUF that reads nothing meanwhile are not all delivered.',
        zh: 'UDP 没有流量控制：向一个 SO_RCVBUF 很小且期间不读取的接收者发送 1000 个 256 字节的数据报，并非全部都能送达。',
      },
      sources: [udp7('DESCRIPTION'), { man: 'socket(7)', section: 'SO_RCVBUF' }, tutorialInet],
      expect: { atLeast: 1 },
      probes: [{ fixture: 'udp', case: 'overflow-dropped' }],
    },
    {
      id: 'udp.boundaries.datagrams-kept-through-an-overflow-are-whole',
      kind: 'boundaries',
      claim: {
        en: 'When a full receive buffer drops datagrams, the ones it kept still arrive whole: none truncated, none merged with another.',
        zh: '接收缓冲区已满而丢弃数据报时，被保留下来的数据报仍完整到达：既没有被截断，也没有与其他数据报合并。',
      },
      sources: [udp7('DESCRIPTION')],
      expect: { equals: 0 },
      probes: [{ fixture: 'udp', case: 'overflow-damaged' }],
    },
    {
      id: 'udp.notification.connected-socket-reports-a-closed-port-as-econnrefused',
      kind: 'notification',
      claim: {
        en: 'A datagram sent from a connected UDP socket to a loopback port nobody holds is answered by ICMP port unreachable, reported by a later send as ECONNREFUSED.',
        zh: '从已连接的 UDP 套接字向无人占用的回环端口发送数据报会收到 ICMP 端口不可达，之后的 send 会报告 ECONNREFUSED。',
      },
      sources: [udp7('ERRORS'), udp7('Error handling')],
      expect: { errno: 'ECONNREFUSED' },
      probes: [
        { fixture: 'udp', case: 'connected-send-to-closed-port', args: { family: 'ipv4' } },
        { ffi: 'udp.connected-send-to-closed-port', args: { family: 'ipv4' } },
      ],
    },
    {
      id: 'udp.limits.largest-ipv4-datagram-of-65507-bytes-is-sent-whole',
      kind: 'limits',
      claim: {
        en: 'A UDP payload of 65507 bytes (65535 minus the 20-byte IPv4 and 8-byte UDP headers) is sent as one datagram over 127.0.0.1.',
        zh: '65507 字节的 UDP 载荷（65535 减去 20 字节 IPv4 头和 8 字节 UDP 头）可以经 127.0.0.1 作为一个数据报发送。',
      },
      sources: [{ man: 'send(2)', section: 'DESCRIPTION' }, udp7('DESCRIPTION')],
      expect: { equals: 65507 },
      probes: [
        { fixture: 'udp', case: 'send-size', args: { bytes: 65507 } },
        { ffi: 'udp.send-size', args: { bytes: 65507 } },
      ],
    },
    {
      id: 'udp.limits.datagram-above-65507-bytes-gives-emsgsize',
      kind: 'limits',
      claim: {
        en: 'A UDP payload of 65508 bytes does not fit in one IPv4 packet: send fails with EMSGSIZE and nothing is transmitted.',
        zh: '65508 字节的 UDP 载荷无法放入一个 IPv4 数据包：send 以 EMSGSIZE 失败，且不发送任何数据。',
      },
      sources: [
        { man: 'send(2)', section: 'ERRORS' },
        { posix: 'send()', section: 'ERRORS' },
      ],
      expect: { errno: 'EMSGSIZE' },
      probes: [
        { fixture: 'udp', case: 'send-size', args: { bytes: 65508 } },
        { ffi: 'udp.send-size', args: { bytes: 65508 } },
      ],
    },
    {
      id: 'udp.blocking.recv-on-an-empty-socket-waits-for-a-datagram',
      kind: 'blocking',
      claim: {
        en: 'A blocking recv on a UDP socket with no datagram queued waits until one arrives.',
        zh: '在没有排队数据报的 UDP 套接字上，阻塞的 recv 会一直等待，直到有数据报到达。',
      },
      sources: [
        { man: 'recv(2)', section: 'DESCRIPTION' },
        { posix: 'recv()', section: 'DESCRIPTION' },
      ],
      expect: { blocks: true },
      probes: [{ fixture: 'udp', case: 'recv-empty-blocks' }],
    },
  ],
});

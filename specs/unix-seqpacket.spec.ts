// UNIX-domain sequenced-packet sockets: unix(7), socket(2), send(2), recv(2), connect(2), POSIX
// recv(). A connection like a stream socket, carrying whole messages like a datagram socket: the
// properties below are the ones where that combination is what the pages describe.
import { defineMechanism } from './schema.js';

const unix7 = (section: string) => ({ man: 'unix(7)', section });
const socket2 = { man: 'socket(2)', section: 'DESCRIPTION' };

export default defineMechanism({
  id: 'unix-seqpacket',
  title: { en: 'UNIX-domain sequenced-packet socket', zh: 'UNIX 域有序分组套接字' },
  family: 'sockets',
  manPages: ['unix(7)', 'socket(2)', 'send(2)', 'recv(2)', 'connect(2)'],
  properties: [
    {
      id: 'unix-seqpacket.boundaries.each-recv-returns-one-message',
      kind: 'boundaries',
      claim: {
        en: 'A sequenced-packet socket keeps message boundaries: after sends of 3 and 4 bytes, one recv with room for 64 returns only the first 3.',
        zh: '有序分组套接字保留消息边界：发送 3 字节和 4 字节后，一次可容纳 64 字节的 recv 只返回前 3 字节。',
      },
      sources: [unix7('DESCRIPTION'), socket2],
      expect: { equals: 3 },
      probes: [{ fixture: 'unix-seqpacket', case: 'two-sends-one-recv' }, { ffi: 'unix-seqpacket.two-sends-one-recv' }],
    },
    {
      id: 'unix-seqpacket.boundaries.a-short-read-discards-the-rest-of-the-packet',
      kind: 'boundaries',
      claim: {
        en: 'A read shorter than the packet returns only the bytes asked for and discards the rest: the next read returns the next packet ("next").',
        zh: '比分组短的读取只返回所请求的字节并丢弃其余部分：下一次读取返回的是下一个分组（"next"）。',
      },
      sources: [socket2, { posix: 'recv()', section: 'DESCRIPTION' }],
      expect: { equals: 'next' },
      probes: [{ fixture: 'unix-seqpacket', case: 'short-read-discards-rest' }, { ffi: 'unix-seqpacket.short-read-discards-rest' }],
    },
    {
      id: 'unix-seqpacket.ordering.packets-arrive-whole-and-in-send-order',
      kind: 'ordering',
      claim: {
        en: 'Packets are delivered in the order they were sent: 2000 packets of varying sizes all arrive, whole and in order.',
        zh: '分组按发送顺序交付：2000 个大小不一的分组全部完整、按序到达。',
      },
      sources: [unix7('DESCRIPTION'), socket2],
      expect: { equals: 0 },
      probes: [{ fixture: 'unix-seqpacket', case: 'order-preserved' }],
    },
    {
      id: 'unix-seqpacket.lifecycle.read-after-peer-closed-gives-eof',
      kind: 'lifecycle',
      claim: {
        en: "The connection ends like a stream's: once the peer has closed and its packets are consumed, recv returns 0.",
        zh: '连接的结束方式与流式相同：对端关闭且其分组读完之后，recv 返回 0。',
      },
      sources: [socket2, { man: 'recv(2)', section: 'RETURN VALUE' }],
      expect: { equals: 0 },
      probes: [{ fixture: 'unix-seqpacket', case: 'eof-after-peer-closed' }, { ffi: 'unix-seqpacket.eof-after-peer-closed' }],
      peers: ['gvisor:SeqpacketUnixSocketPairTest.ReadOneSideClosed'],
    },
    {
      id: 'unix-seqpacket.lifecycle.write-after-peer-closed-gives-epipe',
      kind: 'lifecycle',
      claim: {
        en: 'Sending on a sequenced-packet socket whose peer has closed fails with EPIPE, as on any connection-oriented socket.',
        zh: '在对端已关闭的有序分组套接字上发送会以 EPIPE 失败，与所有面向连接的套接字一样。',
      },
      sources: [
        { man: 'send(2)', section: 'ERRORS' },
        { posix: 'send()', section: 'ERRORS' },
      ],
      expect: { errno: 'EPIPE' },
      probes: [{ fixture: 'unix-seqpacket', case: 'write-after-peer-closed' }],
      peers: ['gvisor:SeqpacketUnixSocketPairTest.WriteOneSideClosed'],
    },
    {
      id: 'unix-seqpacket.blocking.connect-to-a-full-backlog-blocks-until-accept',
      kind: 'blocking',
      claim: {
        en: 'A blocking connect() to a sequenced-packet listener whose backlog is full waits until the listener accepts a pending connection.',
        zh: '向积压队列已满的有序分组监听者发起阻塞 connect() 会一直等待，直到监听者 accept 一个待处理连接。',
      },
      sources: [
        { man: 'connect(2)', section: 'ERRORS' },
        { man: 'listen(2)', section: 'DESCRIPTION' },
      ],
      expect: { blocks: true },
      probes: [{ fixture: 'unix-seqpacket', case: 'connect-full-backlog-blocks' }],
    },
    {
      id: 'unix-seqpacket.blocking.nonblocking-connect-to-a-full-backlog-gives-eagain',
      kind: 'blocking',
      claim: {
        en: 'A non-blocking connect() to a sequenced-packet listener whose backlog is full fails at once with EAGAIN.',
        zh: '向积压队列已满的有序分组监听者发起非阻塞 connect() 会立即以 EAGAIN 失败。',
      },
      sources: [{ man: 'connect(2)', section: 'ERRORS' }],
      expect: { errno: 'EAGAIN' },
      probes: [
        { fixture: 'unix-seqpacket', case: 'connect-full-backlog-nonblocking' },
        { ffi: 'unix-seqpacket.connect-full-backlog-nonblocking' },
      ],
      peers: ['gvisor:UnboundAbstractUnixSocketPairTest.ListenZeroBacklog'],
    },
    {
      id: 'unix-seqpacket.kin.connect-to-a-stream-listener-gives-eprototype',
      kind: 'kin',
      claim: {
        en: 'Socket types do not mix: a sequenced-packet socket connecting to a stream listener gets EPROTOTYPE.',
        zh: '套接字类型不能混用：有序分组套接字连接流式监听者会得到 EPROTOTYPE。',
      },
      sources: [unix7('ERRORS'), { man: 'connect(2)', section: 'ERRORS' }],
      expect: { errno: 'EPROTOTYPE' },
      probes: [{ fixture: 'unix-seqpacket', case: 'connect-to-stream-listener' }, { ffi: 'unix-seqpacket.connect-to-stream-listener' }],
    },
    {
      id: 'unix-seqpacket.boundaries.a-short-recvmsg-sets-msg-trunc',
      kind: 'boundaries',
      claim: {
        en: 'A 10-byte packet received into a 4-byte buffer is cut to 4 bytes and recvmsg sets MSG_TRUNC in msg_flags.',
        zh: '将 10 字节的分组接收到 4 字节的缓冲区时会被截为 4 字节，recvmsg 会在 msg_flags 中置 MSG_TRUNC。',
      },
      sources: [
        { man: 'recvmsg(2)', section: 'MSG_TRUNC' },
        { posix: 'recvmsg()', section: 'DESCRIPTION' },
      ],
      expect: { equals: true },
      probes: [{ fixture: 'unix-seqpacket', case: 'short-recvmsg-flags' }],
    },
    {
      id: 'unix-seqpacket.boundaries.recv-with-msg-trunc-returns-the-full-length',
      kind: 'boundaries',
      claim: {
        en: "recv(MSG_TRUNC) of a packet into a shorter buffer returns the packet's real length, as it does for datagrams.",
        zh: '使用 MSG_TRUNC 将分组 recv 到更短的缓冲区时返回分组的真实长度，与数据报相同。',
      },
      sources: [{ man: 'recv(2)', section: 'The flags argument' }, unix7('DESCRIPTION')],
      expect: { relation: 'equals-evidence', field: 'datagram_size' },
      probes: [{ fixture: 'unix-seqpacket', case: 'recv-msg-trunc' }, { ffi: 'unix-seqpacket.recv-msg-trunc' }],
    },
    {
      id: 'unix-seqpacket.lifecycle.shutdown-wr-gives-the-peer-eof',
      kind: 'lifecycle',
      claim: {
        en: 'shutdown(SHUT_WR) on one end of a sequenced-packet connection makes the peer read end-of-file (0), while the other direction stays open.',
        zh: '在有序分组连接的一端调用 shutdown(SHUT_WR) 后，对端读到文件结束（0），而另一个方向仍然可用。',
      },
      sources: [
        { man: 'shutdown(2)', section: 'DESCRIPTION' },
        { posix: 'shutdown()', section: 'DESCRIPTION' },
      ],
      expect: { equals: 0 },
      probes: [
        { fixture: 'unix-seqpacket', case: 'shutdown-write-gives-peer-eof' },
        { ffi: 'unix-seqpacket.shutdown-write-gives-peer-eof' },
      ],
    },
    {
      id: 'unix-seqpacket.lifecycle.msg-nosignal-turns-sigpipe-into-epipe',
      kind: 'lifecycle',
      claim: {
        en: 'A send with MSG_NOSIGNAL on a sequenced-packet socket whose peer has closed fails with EPIPE and raises no SIGPIPE.',
        zh: '在对端已关闭的有序分组套接字上使用 MSG_NOSIGNAL 发送会以 EPIPE 失败，且不产生 SIGPIPE。',
      },
      sources: [{ man: 'send(2)', section: 'MSG_NOSIGNAL' }],
      expect: { errno: 'EPIPE' },
      probes: [{ fixture: 'unix-seqpacket', case: 'nosignal-after-peer-closed' }],
    },
    {
      id: 'unix-seqpacket.lifecycle.connect-to-a-bound-socket-that-is-not-listening-gives-econnrefused',
      kind: 'lifecycle',
      claim: {
        en: 'Connecting to a path whose sequenced-packet socket is bound but never called listen() fails with ECONNREFUSED.',
        zh: '连接一个已绑定但从未调用 listen() 的有序分组套接字路径会以 ECONNREFUSED 失败。',
      },
      sources: [unix7('ERRORS'), { man: 'connect(2)', section: 'ERRORS' }],
      expect: { errno: 'ECONNREFUSED' },
      probes: [{ fixture: 'unix-seqpacket', case: 'connect-not-listening' }, { ffi: 'unix-seqpacket.connect-not-listening' }],
    },
  ],
});

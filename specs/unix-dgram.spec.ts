// UNIX-domain datagram sockets: unix(7), socket(2), socket(7), socketpair(2), recv(2), POSIX
// recv()/recvmsg(). Abstract names are stated here, for the type that uses them without any
// connection; the pathname rules shared with stream sockets live in unix-stream.spec.ts.
import { defineMechanism, type Property } from './schema.js';

const unix7 = (section: string) => ({ man: 'unix(7)', section });
const tutorialUnix = { tutorial: 'ipc-tutorial.zh.md', section: '6. 套接字(Sockets) / UNIX域套接字' };

// SCM_CREDENTIALS carries three numbers; each gets its own property so a wrong one is reported
// with the number measured.
const credentialWording = {
  pid: { en: 'process id', zh: '进程 ID' },
  uid: { en: 'real user id', zh: '真实用户 ID' },
  gid: { en: 'real group id', zh: '真实组 ID' },
} as const;

const senderCredentialProperties: Property[] = (['pid', 'uid', 'gid'] as const).map((field) => ({
  id: `unix-dgram.permissions.scm-credentials-carry-the-sender-${field}`,
  kind: 'permissions',
  claim: {
    en: `With SO_PASSCRED on, a datagram whose sender attached no credentials arrives with an SCM_CREDENTIALS message holding the sender's ${credentialWording[field].en}, as the sender itself knows it.`,
    zh: `开启 SO_PASSCRED 后，发送者未附带凭据的数据报到达时带有 SCM_CREDENTIALS 消息，其中是发送者的${credentialWording[field].zh}，与发送者自己所知的一致。`,
  },
  sources: [unix7('Socket options'), unix7('Ancillary messages')],
  expect: { relation: 'equals-evidence', field: `peer_${field}` },
  probes: [{ fixture: 'unix-dgram', case: 'sender-credentials', args: { field } }],
  // gVisor's test compares the pid only.
  ...(field === 'pid' ? { peers: ['gvisor:UnboundDgramUnixSocketPairTest.SendtoWithoutConnectPassCreds' as const] } : {}),
}));

export default defineMechanism({
  id: 'unix-dgram',
  title: { en: 'UNIX-domain datagram socket', zh: 'UNIX 域数据报套接字' },
  family: 'sockets',
  manPages: ['unix(7)', 'socket(2)', 'socket(7)', 'socketpair(2)', 'recv(2)'],
  properties: [
    {
      id: 'unix-dgram.direction.socketpair-ends-both-send-and-receive',
      kind: 'direction',
      claim: {
        en: 'The two ends of a datagram socketpair are alike: each sends to and receives from the other.',
        zh: '数据报 socketpair 的两端没有区别：每一端都能向另一端发送并从另一端接收。',
      },
      sources: [{ man: 'socketpair(2)', section: 'DESCRIPTION' }, tutorialUnix],
      expect: { equals: true },
      probes: [{ fixture: 'unix-dgram', case: 'socketpair-both-ways' }, { ffi: 'unix-dgram.socketpair-both-ways' }],
    },
    {
      id: 'unix-dgram.boundaries.each-recv-returns-one-datagram',
      kind: 'boundaries',
      claim: {
        en: 'A datagram socket keeps message boundaries: after sends of 3 and 4 bytes, one recv with room for 64 returns only the first 3.',
        zh: '数据报套接字保留消息边界：发送 3 字节和 4 字节后，一次可容纳 64 字节的 recv 只返回前 3 字节。',
      },
      sources: [unix7('DESCRIPTION'), { posix: 'recv()', section: 'DESCRIPTION' }, tutorialUnix],
      expect: { equals: 3 },
      probes: [{ fixture: 'unix-dgram', case: 'two-sends-one-recv' }, { ffi: 'unix-dgram.two-sends-one-recv' }],
    },
    {
      id: 'unix-dgram.boundaries.a-datagram-longer-than-the-buffer-is-cut-and-flagged-msg-trunc',
      kind: 'boundaries',
      claim: {
        en: 'A 10-byte datagram received into a 4-byte buffer is cut to 4 bytes and recvmsg sets MSG_TRUNC in msg_flags; the cut-off bytes are gone.',
        zh: '将 10 字节的数据报接收到 4 字节的缓冲区时会被截为 4 字节，recvmsg 会在 msg_flags 中置 MSG_TRUNC；被截掉的字节随之丢弃。',
      },
      sources: [
        { man: 'recv(2)', section: 'recvmsg()' },
        { posix: 'recvmsg()', section: 'DESCRIPTION' },
      ],
      expect: { equals: true },
      probes: [{ fixture: 'unix-dgram', case: 'truncated-flag' }],
    },
    {
      id: 'unix-dgram.boundaries.recv-with-msg-trunc-returns-the-full-length',
      kind: 'boundaries',
      claim: {
        en: "recv(MSG_TRUNC) into a buffer shorter than the datagram returns the datagram's real length, not the bytes copied.",
        zh: '使用 MSG_TRUNC 将数据报 recv 到比它短的缓冲区时，返回的是数据报的真实长度，而不是复制的字节数。',
      },
      sources: [{ man: 'recv(2)', section: 'The flags argument' }],
      expect: { relation: 'equals-evidence', field: 'datagram_size' },
      probes: [{ fixture: 'unix-dgram', case: 'recv-msg-trunc' }, { ffi: 'unix-dgram.recv-msg-trunc' }],
    },
    {
      id: 'unix-dgram.ordering.datagrams-are-neither-lost-nor-reordered',
      kind: 'ordering',
      claim: {
        en: 'UNIX datagram sockets are reliable and keep order: 2000 datagrams of varying sizes all arrive, whole and in the order sent.',
        zh: 'UNIX 数据报套接字可靠且保序：2000 个大小不一的数据报全部完整到达，且顺序与发送一致。',
      },
      sources: [unix7('DESCRIPTION')],
      expect: { equals: 0 },
      probes: [{ fixture: 'unix-dgram', case: 'order-preserved' }],
    },
    {
      id: 'unix-dgram.permissions.sending-needs-write-permission-on-the-node',
      kind: 'permissions',
      claim: {
        en: 'Sending a datagram to a bound socket needs write permission on its node: another user facing mode 0755 gets EACCES (and gets through once the write bit is added).',
        zh: '向已绑定的套接字发送数据报需要对其节点有写权限：面对 0755 权限的其他用户会得到 EACCES（加上写权限后即可发送）。',
      },
      sources: [unix7('Pathname socket ownership and permissions')],
      expect: { errno: 'EACCES' },
      probes: [{ fixture: 'unix-dgram', case: 'send-without-write-permission' }],
      requires: ['other-uid'],
    },
    {
      id: 'unix-dgram.kin.abstract-name-has-no-filesystem-node',
      kind: 'kin',
      claim: {
        en: 'A socket bound to an abstract name (sun_path starting with a NUL byte) makes no node in the filesystem.',
        zh: '绑定到抽象名字（sun_path 以 NUL 字节开头）的套接字不会在文件系统中创建任何节点。',
      },
      sources: [unix7('Address format'), unix7('Abstract sockets')],
      expect: { equals: 0 },
      probes: [{ fixture: 'unix-dgram', case: 'abstract-no-node' }, { ffi: 'unix-dgram.abstract-no-node' }],
    },
    {
      id: 'unix-dgram.lifecycle.abstract-name-is-free-once-the-last-reference-closes',
      kind: 'lifecycle',
      claim: {
        en: 'An abstract name disappears when the last descriptor of its socket is closed: another socket can then bind the same name.',
        zh: '抽象名字会在其套接字的最后一个描述符关闭时消失：之后另一个套接字可以绑定同一名字。',
      },
      sources: [unix7('Abstract sockets')],
      expect: { equals: 0 },
      probes: [{ fixture: 'unix-dgram', case: 'abstract-free-after-close' }, { ffi: 'unix-dgram.abstract-free-after-close' }],
    },
    ...senderCredentialProperties,
    {
      id: 'unix-dgram.limits.largest-datagram-is-the-doubled-sndbuf-less-32-bytes',
      kind: 'limits',
      claim: {
        en: 'SO_SNDBUF caps the size of an outgoing datagram at the doubled value it reads back less 32 bytes; one byte more fails with EMSGSIZE.',
        zh: 'SO_SNDBUF 限制外发数据报的大小：上限为读回的加倍值减去 32 字节；再多一个字节就会以 EMSGSIZE 失败。',
      },
      sources: [unix7('Sockets API'), { man: 'socket(7)', section: 'SO_SNDBUF' }],
      expect: { relation: 'equals-evidence', field: 'sndbuf_less_overhead' },
      probes: [
        { fixture: 'unix-dgram', case: 'largest-datagram', args: { bytes: 16384 } },
        { ffi: 'unix-dgram.largest-datagram', args: { bytes: 16384 } },
      ],
    },
    {
      id: 'unix-dgram.blocking.send-to-a-full-receiver-blocks-until-it-reads',
      kind: 'blocking',
      claim: {
        en: 'UNIX datagram sockets have flow control: a blocking send to a receiver whose queue is full waits until the receiver takes a datagram off it (UDP would drop the datagram instead).',
        zh: 'UNIX 数据报套接字有流量控制：向接收队列已满的接收者进行阻塞发送会一直等待，直到接收者取走一个数据报（UDP 则会直接丢弃数据报）。',
      },
      sources: [
        unix7('DESCRIPTION'),
        { man: 'send(2)', section: 'ERRORS' },
        { man: 'proc(5)', section: '/proc/sys/net/unix/max_dgram_qlen' },
      ],
      expect: { blocks: true },
      probes: [{ fixture: 'unix-dgram', case: 'send-to-full-peer-blocks' }],
    },
    {
      id: 'unix-dgram.blocking.msg-dontwait-send-to-a-full-receiver-gives-eagain',
      kind: 'blocking',
      claim: {
        en: 'A send with MSG_DONTWAIT to a receiver whose queue is full fails with EAGAIN instead of dropping the datagram.',
        zh: '使用 MSG_DONTWAIT 向接收队列已满的接收者发送会以 EAGAIN 失败，而不是丢弃数据报。',
      },
      sources: [{ man: 'send(2)', section: 'ERRORS' }, unix7('DESCRIPTION')],
      expect: { errno: 'EAGAIN' },
      probes: [{ fixture: 'unix-dgram', case: 'send-to-full-peer-dontwait' }, { ffi: 'unix-dgram.send-to-full-peer-dontwait' }],
    },
    {
      id: 'unix-dgram.lifecycle.connect-to-a-node-nobody-is-bound-behind-gives-econnrefused',
      kind: 'lifecycle',
      claim: {
        en: 'Connecting a datagram socket to a path whose socket has been closed (the node is left behind) fails with ECONNREFUSED.',
        zh: '将数据报套接字连接到其套接字已关闭的路径（节点仍留在文件系统中）会以 ECONNREFUSED 失败。',
      },
      sources: [unix7('ERRORS'), { man: 'connect(2)', section: 'ERRORS' }],
      expect: { errno: 'ECONNREFUSED' },
      probes: [{ fixture: 'unix-dgram', case: 'connect-leftover-node' }, { ffi: 'unix-dgram.connect-leftover-node' }],
    },
    {
      id: 'unix-dgram.permissions.sending-to-a-socket-connected-to-someone-else-gives-eperm',
      kind: 'permissions',
      claim: {
        en: 'A datagram socket that has connected to a peer accepts datagrams from that peer only: a third socket sending to it gets EPERM.',
        zh: '已连接到某个对端的数据报套接字只接受该对端的数据报：第三个套接字向它发送会得到 EPERM。',
      },
      sources: [unix7('ERRORS'), { man: 'connect(2)', section: 'DESCRIPTION' }],
      expect: { errno: 'EPERM' },
      probes: [
        { fixture: 'unix-dgram', case: 'sendto-socket-connected-elsewhere' },
        { ffi: 'unix-dgram.sendto-socket-connected-elsewhere' },
      ],
    },
    {
      id: 'unix-dgram.lifecycle.sendto-a-path-that-does-not-exist-gives-enoent',
      kind: 'lifecycle',
      claim: {
        en: 'Sending a datagram to a pathname where nothing exists fails with ENOENT.',
        zh: '向不存在任何东西的路径名发送数据报会以 ENOENT 失败。',
      },
      sources: [unix7('ERRORS')],
      expect: { errno: 'ENOENT' },
      probes: [{ fixture: 'unix-dgram', case: 'sendto-missing-path' }, { ffi: 'unix-dgram.sendto-missing-path' }],
    },
    {
      id: 'unix-dgram.kin.autobind-gives-an-abstract-name-of-five-hex-digits',
      kind: 'kin',
      claim: {
        en: 'bind() with an address of only sizeof(sa_family_t) bytes autobinds the socket to an abstract name of five hexadecimal digits.',
        zh: '以仅 sizeof(sa_family_t) 字节的地址调用 bind() 会把套接字自动绑定到由 5 个十六进制数字组成的抽象名字。',
      },
      sources: [unix7('Autobind feature')],
      expect: { matches: '^[0-9a-f]{5}$' },
      // The name is the kernel's pick, different on every bind: one probe states it, so none disagree.
      probes: [{ fixture: 'unix-dgram', case: 'autobind' }],
    },
    {
      id: 'unix-dgram.kin.recvfrom-reports-the-sender-path',
      kind: 'kin',
      claim: {
        en: 'recvfrom on a datagram socket reports the pathname the sender is bound to.',
        zh: '在数据报套接字上调用 recvfrom 会报告发送者所绑定的路径名。',
      },
      sources: [unix7('Address format'), { man: 'recv(2)', section: 'recvfrom()' }],
      expect: { equals: 'named-sender' },
      probes: [{ fixture: 'unix-dgram', case: 'recvfrom-names-sender' }],
    },
    {
      id: 'unix-dgram.boundaries.a-zero-length-datagram-is-delivered',
      kind: 'boundaries',
      claim: {
        en: 'A zero-length datagram is a message of its own: it is delivered, and recv returns 0 for it rather than EAGAIN.',
        zh: '零长度数据报本身就是一条消息：它会被交付，recv 对其返回 0 而不是 EAGAIN。',
      },
      sources: [{ man: 'recv(2)', section: 'RETURN VALUE' }],
      expect: { equals: 0 },
      probes: [{ fixture: 'unix-dgram', case: 'zero-length-datagram' }, { ffi: 'unix-dgram.zero-length-datagram' }],
      peers: ['gvisor:UnboundDgramUnixSocketPairTest.ZeroWriteAllowed'],
    },
    {
      id: 'unix-dgram.blocking.msg-dontwait-recv-on-an-empty-socket-gives-eagain',
      kind: 'blocking',
      claim: {
        en: 'recv with MSG_DONTWAIT on a datagram socket with nothing queued fails at once with EAGAIN.',
        zh: '在没有排队数据报的数据报套接字上使用 MSG_DONTWAIT 调用 recv 会立即以 EAGAIN 失败。',
      },
      sources: [{ man: 'recv(2)', section: 'MSG_DONTWAIT' }],
      expect: { errno: 'EAGAIN' },
      probes: [{ fixture: 'unix-dgram', case: 'recv-dontwait-empty' }, { ffi: 'unix-dgram.recv-dontwait-empty' }],
    },
    {
      id: 'unix-dgram.permissions.an-unprivileged-sender-cannot-forge-another-pid',
      kind: 'permissions',
      claim: {
        en: 'An unprivileged sender may attach SCM_CREDENTIALS only with its own pid: naming another process gives EPERM (its own pid is accepted).',
        zh: '非特权发送者只能在 SCM_CREDENTIALS 中填写自己的 pid：填写其他进程的 pid 会得到 EPERM（填写自己的 pid 则被接受）。',
      },
      sources: [unix7('Ancillary messages'), { man: 'sendmsg(2)', section: 'ERRORS' }],
      expect: { errno: 'EPERM' },
      probes: [{ fixture: 'unix-dgram', case: 'forged-credentials' }],
      requires: ['other-uid'],
    },
  ],
});

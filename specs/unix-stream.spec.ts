// UNIX-domain stream sockets: unix(7), socket(2), socket(7), socketpair(2), bind(2), connect(2),
// send(2), recv(2), POSIX send()/recv(). The rules about pathname nodes and sun_path are stated
// here, for the type the tutorial's example binds; datagram and sequenced-packet sockets have
// specs of their own.
import { defineMechanism, type Property } from './schema.js';

const unix7 = (section: string) => ({ man: 'unix(7)', section });
const tutorialUnix = { tutorial: 'ipc-tutorial.zh.md', section: '6. 套接字(Sockets) / UNIX域套接字' };

// SO_PEERCRED is one rule about three numbers; each gets its own property so a lie about any one
// of them is reported with the number measured.
const peerCredentialWording = {
  pid: { en: 'process id', zh: '进程 ID' },
  uid: { en: 'user id', zh: '用户 ID' },
  gid: { en: 'group id', zh: '组 ID' },
} as const;

const peerCredentialProperties: Property[] = (['pid', 'uid', 'gid'] as const).map((field) => ({
  id: `unix-stream.permissions.so-peercred-reports-the-connecting-peer-${field}`,
  kind: 'permissions',
  claim: {
    en: `getsockopt(SO_PEERCRED) on an accepted connection reports the connecting process's real ${peerCredentialWording[field].en}, as that process itself knows it.`,
    zh: `对 accept 得到的连接调用 getsockopt(SO_PEERCRED)，报告的是发起连接的进程的真实${peerCredentialWording[field].zh}，与该进程自己所知的一致。`,
  },
  sources: [unix7('Socket options'), { man: 'socket(7)', section: 'SO_PEERCRED' }],
  expect: { relation: 'equals-evidence', field: `peer_${field}` },
  probes: [{ fixture: 'unix-stream', case: 'peer-credentials', args: { field } }],
}));

export default defineMechanism({
  id: 'unix-stream',
  title: { en: 'UNIX-domain stream socket', zh: 'UNIX 域流式套接字' },
  family: 'sockets',
  manPages: ['unix(7)', 'socket(2)', 'socket(7)', 'socketpair(2)', 'bind(2)', 'connect(2)', 'send(2)', 'recv(2)', 'pid_namespaces(7)'],
  properties: [
    {
      id: 'unix-stream.direction.both-ends-of-a-connection-send-and-receive',
      kind: 'direction',
      claim: {
        en: 'A UNIX stream connection is two-way: the connecting socket and the accepted socket can each send to and receive from the other.',
        zh: 'UNIX 流式连接是双向的：发起连接的套接字与 accept 得到的套接字都能向对方发送并从对方接收。',
      },
      sources: [{ man: 'socket(2)', section: 'DESCRIPTION' }, tutorialUnix],
      expect: { equals: true },
      probes: [{ fixture: 'unix-stream', case: 'connected-both-ways' }, { ffi: 'unix-stream.connected-both-ways' }],
    },
    {
      id: 'unix-stream.boundaries.two-sends-can-be-read-by-one-recv',
      kind: 'boundaries',
      claim: {
        en: 'A stream socket keeps no message boundaries: two sends (3 and 4 bytes) come back from one recv as 7 bytes.',
        zh: '流式套接字不保留消息边界：两次发送（3 和 4 字节）可被一次 recv 作为 7 字节取回。',
      },
      sources: [unix7('DESCRIPTION'), { man: 'socket(2)', section: 'DESCRIPTION' }, tutorialUnix],
      expect: { equals: 7 },
      probes: [{ fixture: 'unix-stream', case: 'two-sends-one-recv' }, { ffi: 'unix-stream.two-sends-one-recv' }],
    },
    {
      id: 'unix-stream.kin.bound-path-appears-as-a-socket-node',
      kind: 'kin',
      claim: {
        en: 'bind() to a pathname creates a node of type socket at that path, through which unrelated processes can find the socket.',
        zh: 'bind() 到路径名会在该路径创建一个套接字类型的文件节点，无亲缘关系的进程可借此找到该套接字。',
      },
      sources: [unix7('DESCRIPTION'), unix7('Address format'), { man: 'inode(7)', section: 'The file type and mode' }, tutorialUnix],
      expect: { equals: 'socket' },
      probes: [{ fixture: 'unix-stream', case: 'node-type' }, { ffi: 'unix-stream.node-type' }],
    },
    {
      id: 'unix-stream.permissions.node-mode-is-every-permission-the-umask-leaves',
      kind: 'permissions',
      claim: {
        en: 'The socket node bind() creates has every permission bit the umask does not clear: with umask 077 it is 0700.',
        zh: 'bind() 创建的套接字节点拥有 umask 未清除的全部权限位：umask 为 077 时为 0700。',
      },
      sources: [unix7('Pathname socket ownership and permissions')],
      expect: { equals: '0700' },
      probes: [
        { fixture: 'unix-stream', case: 'node-mode', args: { umask: '077' } },
        { ffi: 'unix-stream.node-mode', args: { umask: '077' } },
      ],
    },
    {
      id: 'unix-stream.permissions.connect-needs-write-permission-on-the-node',
      kind: 'permissions',
      claim: {
        en: 'Connecting to a stream socket needs write permission on its node: another user facing mode 0755 gets EACCES (and connects once the write bit is added).',
        zh: '连接流式套接字需要对其节点有写权限：面对 0755 权限的其他用户会得到 EACCES（加上写权限后即可连接）。',
      },
      sources: [unix7('Pathname socket ownership and permissions'), { man: 'connect(2)', section: 'ERRORS' }],
      expect: { errno: 'EACCES' },
      probes: [{ fixture: 'unix-stream', case: 'connect-without-write-permission' }],
      requires: ['other-uid'],
    },
    {
      id: 'unix-stream.persistence.node-remains-after-close-until-unlinked',
      kind: 'persistence',
      claim: {
        en: 'Closing the bound socket does not remove its node: the socket file stays until someone unlinks it.',
        zh: '关闭已绑定的套接字不会删除其节点：套接字文件会一直存在，直到被 unlink。',
      },
      sources: [unix7('NOTES'), tutorialUnix],
      expect: { equals: 'socket' },
      probes: [{ fixture: 'unix-stream', case: 'node-after-close' }, { ffi: 'unix-stream.node-after-close' }],
    },
    {
      id: 'unix-stream.lifecycle.bind-to-a-leftover-node-gives-eaddrinuse',
      kind: 'lifecycle',
      claim: {
        en: 'Binding a new socket to the path of a node left behind by a closed socket fails with EADDRINUSE, which is why servers unlink the path before bind().',
        zh: '将新套接字绑定到已关闭套接字遗留节点的路径会以 EADDRINUSE 失败，这正是服务器在 bind() 之前先 unlink 该路径的原因。',
      },
      sources: [unix7('ERRORS'), { man: 'bind(2)', section: 'ERRORS' }, tutorialUnix],
      expect: { errno: 'EADDRINUSE' },
      probes: [{ fixture: 'unix-stream', case: 'bind-leftover-node' }, { ffi: 'unix-stream.bind-leftover-node' }],
    },
    {
      id: 'unix-stream.lifecycle.connect-to-a-leftover-node-gives-econnrefused',
      kind: 'lifecycle',
      claim: {
        en: 'Connecting to a node whose socket has been closed fails with ECONNREFUSED: the node alone is not a listener.',
        zh: '连接一个其套接字已关闭的节点会以 ECONNREFUSED 失败：仅有节点并不等于有监听者。',
      },
      sources: [unix7('ERRORS'), { man: 'connect(2)', section: 'ERRORS' }],
      expect: { errno: 'ECONNREFUSED' },
      probes: [{ fixture: 'unix-stream', case: 'connect-leftover-node' }, { ffi: 'unix-stream.connect-leftover-node' }],
    },
    {
      id: 'unix-stream.kin.socketpair-connects-a-parent-and-its-forked-child',
      kind: 'kin',
      claim: {
        en: 'A stream socketpair made before fork() connects parent and child, in both directions.',
        zh: '在 fork() 之前创建的流式 socketpair 可在父子进程之间双向通信。',
      },
      sources: [{ man: 'socketpair(2)', section: 'DESCRIPTION' }, unix7('DESCRIPTION'), { man: 'fork(2)', section: 'DESCRIPTION' }],
      expect: { equals: true },
      probes: [{ fixture: 'unix-stream', case: 'socketpair-parent-child' }],
    },
    {
      id: 'unix-stream.kin.scm-rights-passes-a-descriptor-to-an-unrelated-process',
      kind: 'kin',
      claim: {
        en: 'A process that inherited nothing can connect by pathname, receive an open descriptor with SCM_RIGHTS and use it (here: write into a nameless memfd).',
        zh: '一个未继承任何东西的进程可以按路径名连接，通过 SCM_RIGHTS 收到一个打开的描述符并使用它（此处：写入一个无名的 memfd）。',
      },
      sources: [unix7('Ancillary messages'), { man: 'cmsg(3)', section: 'DESCRIPTION' }, tutorialUnix],
      expect: { equals: true },
      probes: [{ fixture: 'unix-stream', case: 'scm-rights-to-unrelated' }],
    },
    ...peerCredentialProperties,
    {
      id: 'unix-stream.blocking.connect-to-a-full-backlog-blocks-until-accept',
      kind: 'blocking',
      claim: {
        en: 'A blocking connect() to a listener whose backlog is full waits until the listener accepts a pending connection.',
        zh: '向积压队列已满的监听者发起阻塞 connect() 会一直等待，直到监听者 accept 一个待处理连接。',
      },
      sources: [
        { man: 'connect(2)', section: 'ERRORS' },
        { man: 'listen(2)', section: 'DESCRIPTION' },
      ],
      expect: { blocks: true },
      probes: [{ fixture: 'unix-stream', case: 'connect-full-backlog-blocks' }],
    },
    {
      id: 'unix-stream.blocking.nonblocking-connect-to-a-full-backlog-gives-eagain',
      kind: 'blocking',
      claim: {
        en: 'A non-blocking connect() to a listener whose backlog is full fails at once with EAGAIN.',
        zh: '向积压队列已满的监听者发起非阻塞 connect() 会立即以 EAGAIN 失败。',
      },
      sources: [{ man: 'connect(2)', section: 'ERRORS' }],
      expect: { errno: 'EAGAIN' },
      probes: [
        { fixture: 'unix-stream', case: 'connect-full-backlog-nonblocking' },
        { ffi: 'unix-stream.connect-full-backlog-nonblocking' },
      ],
      peers: ['gvisor:UnboundAbstractUnixSocketPairTest.ListenZeroBacklog'],
    },
    {
      id: 'unix-stream.lifecycle.read-after-peer-closed-gives-eof',
      kind: 'lifecycle',
      claim: {
        en: 'Once the peer has closed and its data is consumed, recv returns 0 (end of file).',
        zh: '对端关闭且其数据读完之后，recv 返回 0（文件结束）。',
      },
      sources: [
        { man: 'recv(2)', section: 'RETURN VALUE' },
        { posix: 'recv()', section: 'RETURN VALUE' },
      ],
      expect: { equals: 0 },
      probes: [{ fixture: 'unix-stream', case: 'eof-after-peer-closed' }, { ffi: 'unix-stream.eof-after-peer-closed' }],
      peers: ['gvisor:StreamUnixSocketPairTest.ReadOneSideClosed'],
    },
    {
      id: 'unix-stream.lifecycle.write-after-peer-closed-raises-sigpipe',
      kind: 'lifecycle',
      claim: {
        en: 'Sending on a stream socket whose peer has closed raises SIGPIPE, whose default action ends the sender.',
        zh: '在对端已关闭的流式套接字上发送会产生 SIGPIPE，其默认动作会终止发送进程。',
      },
      sources: [unix7('ERRORS'), { man: 'socket(2)', section: 'DESCRIPTION' }, { posix: 'send()', section: 'ERRORS' }],
      expect: { signal: 'SIGPIPE' },
      probes: [{ fixture: 'unix-stream', case: 'sigpipe-after-peer-closed' }],
    },
    {
      id: 'unix-stream.lifecycle.write-after-peer-closed-gives-epipe',
      kind: 'lifecycle',
      claim: {
        en: 'With SIGPIPE ignored, sending on a stream socket whose peer has closed fails with EPIPE.',
        zh: '忽略 SIGPIPE 时，在对端已关闭的流式套接字上发送会以 EPIPE 失败。',
      },
      sources: [unix7('ERRORS'), { man: 'send(2)', section: 'ERRORS' }, { posix: 'send()', section: 'ERRORS' }],
      expect: { errno: 'EPIPE' },
      probes: [{ fixture: 'unix-stream', case: 'epipe-after-peer-closed' }, { ffi: 'unix-stream.epipe-after-peer-closed' }],
      peers: ['gvisor:StreamUnixSocketPairTest.WriteOneSideClosed'],
    },
    {
      id: 'unix-stream.lifecycle.msg-nosignal-turns-sigpipe-into-epipe',
      kind: 'lifecycle',
      claim: {
        en: 'send(MSG_NOSIGNAL) to a closed peer returns EPIPE without signalling the sender, even with SIGPIPE at its default action.',
        zh: 'send(MSG_NOSIGNAL) 向已关闭的对端发送时返回 EPIPE 而不向发送者发信号，即使 SIGPIPE 处于默认动作。',
      },
      sources: [{ man: 'send(2)', section: 'MSG_NOSIGNAL' }, unix7('ERRORS'), { posix: 'send()', section: 'DESCRIPTION' }],
      expect: { errno: 'EPIPE' },
      probes: [{ fixture: 'unix-stream', case: 'nosignal-after-peer-closed' }],
    },
    {
      id: 'unix-stream.capacity.so-sndbuf-reads-back-doubled',
      kind: 'capacity',
      claim: {
        en: 'SO_SNDBUF set to 16384 reads back as 32768: the kernel doubles the request to leave room for its bookkeeping.',
        zh: '将 SO_SNDBUF 设为 16384 后读回 32768：内核会把请求值加倍，为簿记开销留出空间。',
      },
      sources: [{ man: 'socket(7)', section: 'SO_SNDBUF' }, unix7('Sockets API')],
      expect: { equals: 32768 },
      probes: [
        { fixture: 'unix-stream', case: 'sndbuf-doubled', args: { bytes: 16384 } },
        { ffi: 'unix-stream.sndbuf-doubled', args: { bytes: 16384 } },
      ],
    },
    {
      id: 'unix-stream.capacity.nonblocking-writer-queues-at-least-the-requested-sndbuf',
      kind: 'capacity',
      claim: {
        en: 'With SO_SNDBUF set to 16384, a non-blocking writer queues at least 16384 bytes to an unread peer before EAGAIN: the send buffer bounds what a stream socket holds.',
        zh: '将 SO_SNDBUF 设为 16384 后，非阻塞写者在得到 EAGAIN 之前至少能向未读取的对端排入 16384 字节：发送缓冲区限定了流式套接字能容纳的数据量。',
      },
      sources: [{ man: 'socket(7)', section: 'SO_SNDBUF' }, unix7('Sockets API'), { man: 'send(2)', section: 'ERRORS' }],
      expect: { atLeast: 16384 },
      probes: [
        { fixture: 'unix-stream', case: 'fill-nonblocking', args: { bytes: 16384 } },
        { ffi: 'unix-stream.fill-nonblocking', args: { bytes: 16384 } },
      ],
    },
    {
      id: 'unix-stream.limits.a-108-byte-path-without-nul-still-binds',
      kind: 'limits',
      claim: {
        en: 'sun_path holds 108 bytes on Linux; a path filling all of them, with no room for the NUL, still binds, and getsockname gives the 108 bytes back.',
        zh: 'Linux 上 sun_path 为 108 字节；占满全部字节、没有空间容纳 NUL 的路径仍可绑定，getsockname 会返回这 108 字节。',
      },
      sources: [unix7('Address format'), unix7('BUGS')],
      expect: { equals: 108 },
      probes: [{ fixture: 'unix-stream', case: 'sun-path-108' }, { ffi: 'unix-stream.sun-path-108' }],
    },
    {
      id: 'unix-stream.limits.an-address-longer-than-sockaddr-un-gives-einval',
      kind: 'limits',
      claim: {
        en: 'An address longer than struct sockaddr_un (a 109-byte path, addrlen 111) is refused with EINVAL, the error bind(2) gives for a wrong addrlen.',
        zh: '长于 struct sockaddr_un 的地址（109 字节路径，addrlen 为 111）会被以 EINVAL 拒绝，即 bind(2) 对错误 addrlen 给出的错误。',
      },
      sources: [{ man: 'bind(2)', section: 'ERRORS' }, unix7('Address format')],
      expect: { errno: 'EINVAL' },
      probes: [{ fixture: 'unix-stream', case: 'sun-path-too-long' }, { ffi: 'unix-stream.sun-path-too-long' }],
    },
    {
      id: 'unix-stream.lifecycle.shutdown-wr-gives-the-peer-eof',
      kind: 'lifecycle',
      claim: {
        en: 'shutdown(SHUT_WR) on one end of a stream connection makes the peer read end-of-file (recv returns 0), while the other direction stays open.',
        zh: '在流式连接的一端调用 shutdown(SHUT_WR) 后，对端读到文件结束（recv 返回 0），而另一个方向仍然可用。',
      },
      sources: [
        { man: 'shutdown(2)', section: 'DESCRIPTION' },
        { posix: 'shutdown()', section: 'DESCRIPTION' },
      ],
      expect: { equals: 0 },
      probes: [{ fixture: 'unix-stream', case: 'shutdown-write-gives-peer-eof' }, { ffi: 'unix-stream.shutdown-write-gives-peer-eof' }],
    },
    {
      id: 'unix-stream.lifecycle.connect-to-a-bound-socket-that-is-not-listening-gives-econnrefused',
      kind: 'lifecycle',
      claim: {
        en: 'Connecting to a path whose stream socket is bound and open but never called listen() fails with ECONNREFUSED.',
        zh: '连接一个已绑定、仍打开但从未调用 listen() 的流式套接字路径会以 ECONNREFUSED 失败。',
      },
      sources: [unix7('ERRORS'), { man: 'connect(2)', section: 'ERRORS' }],
      expect: { errno: 'ECONNREFUSED' },
      probes: [{ fixture: 'unix-stream', case: 'connect-not-listening' }, { ffi: 'unix-stream.connect-not-listening' }],
    },
    {
      id: 'unix-stream.lifecycle.closing-a-listener-resets-its-pending-connections',
      kind: 'lifecycle',
      claim: {
        en: 'Closing a listener resets the connections still waiting in its backlog: the client of a connection that was never accepted reads ECONNRESET.',
        zh: '关闭监听套接字会重置仍在其积压队列中等待的连接：一个从未被 accept 的连接的客户端读取时得到 ECONNRESET。',
      },
      sources: [
        { man: 'recv(2)', section: 'ERRORS' },
        { posix: 'recv()', section: 'ERRORS' },
      ],
      expect: { errno: 'ECONNRESET' },
      probes: [{ fixture: 'unix-stream', case: 'close-listener-resets-pending' }, { ffi: 'unix-stream.close-listener-resets-pending' }],
    },
    {
      id: 'unix-stream.permissions.so-peercred-of-a-socketpair-names-its-creator',
      kind: 'permissions',
      claim: {
        en: 'On a socketpair, SO_PEERCRED reports the pid, uid and gid of the process that called socketpair().',
        zh: '对 socketpair 而言，SO_PEERCRED 报告的是调用 socketpair() 的进程的 pid、uid 和 gid。',
      },
      sources: [
        { man: 'socket(7)', section: 'SO_PEERCRED' },
        { man: 'unix(7)', section: 'SO_PEERCRED' },
      ],
      expect: { equals: true },
      probes: [{ fixture: 'unix-stream', case: 'socketpair-peercred' }, { ffi: 'unix-stream.socketpair-peercred' }],
    },
    {
      id: 'unix-stream.kin.a-descriptor-in-flight-survives-the-sender-closing-it',
      kind: 'kin',
      claim: {
        en: 'A descriptor sent with SCM_RIGHTS stays open while in flight: after the sender closes its own copy, the received descriptor still writes into the pipe.',
        zh: '通过 SCM_RIGHTS 发送的描述符在传输途中保持打开：发送者关闭自己的副本后，接收到的描述符仍可写入该管道。',
      },
      sources: [unix7('SCM_RIGHTS'), { man: 'cmsg(3)', section: 'DESCRIPTION' }],
      expect: { equals: true },
      probes: [{ fixture: 'unix-stream', case: 'scm-rights-survives-sender-close' }],
    },
    {
      id: 'unix-stream.kin.too-small-a-control-buffer-sets-msg-ctrunc',
      kind: 'kin',
      claim: {
        en: "When more descriptors arrive with SCM_RIGHTS than the receiver's control buffer can hold, recvmsg sets MSG_CTRUNC in msg_flags.",
        zh: '当随 SCM_RIGHTS 到达的描述符多于接收者控制缓冲区能容纳的数量时，recvmsg 会在 msg_flags 中置 MSG_CTRUNC。',
      },
      sources: [unix7('SCM_RIGHTS'), { man: 'recvmsg(2)', section: 'MSG_CTRUNC' }],
      expect: { equals: true },
      probes: [{ fixture: 'unix-stream', case: 'msg-ctrunc' }],
      peers: [
        'gvisor:UnixSocketPairCmsgTest.BasicThreeFDPassTruncationMsgCtrunc',
        'gvisor:UnixSocketPairCmsgTest.BasicTwoFDPassUnalignedRecvTruncationMsgTrunc',
      ],
    },
    {
      id: 'unix-stream.kin.descriptors-dropped-by-msg-ctrunc-are-closed',
      kind: 'kin',
      claim: {
        en: 'A descriptor that could not be delivered for lack of control buffer is closed, not leaked: once the sender closed its copy, the pipe it wrote to reads end-of-file.',
        zh: '因控制缓冲区不足而无法交付的描述符会被关闭而不会泄漏：发送者关闭自己的副本后，该管道的读端读到文件结束。',
      },
      sources: [unix7('SCM_RIGHTS')],
      expect: { equals: 0 },
      probes: [{ fixture: 'unix-stream', case: 'ctrunc-dropped-descriptor-is-closed' }],
    },
    {
      id: 'unix-stream.kin.msg-cmsg-cloexec-sets-fd-cloexec-on-received-descriptors',
      kind: 'kin',
      claim: {
        en: 'recvmsg with MSG_CMSG_CLOEXEC sets the close-on-exec flag on a descriptor received with SCM_RIGHTS.',
        zh: '使用 MSG_CMSG_CLOEXEC 调用 recvmsg 时，通过 SCM_RIGHTS 接收到的描述符会被设置 close-on-exec 标志。',
      },
      sources: [{ man: 'recvmsg(2)', section: 'MSG_CMSG_CLOEXEC' }, unix7('SCM_RIGHTS')],
      expect: { equals: true },
      probes: [{ fixture: 'unix-stream', case: 'cmsg-cloexec' }],
    },
    {
      id: 'unix-stream.kin.getsockname-returns-the-bound-path',
      kind: 'kin',
      claim: {
        en: 'getsockname on a socket bound to a pathname returns that path.',
        zh: '对绑定到路径名的套接字调用 getsockname 会返回该路径。',
      },
      sources: [unix7('Address format'), { man: 'getsockname(2)', section: 'DESCRIPTION' }],
      expect: { equals: 'named-listener' },
      probes: [
        { fixture: 'unix-stream', case: 'names', args: { which: 'listener-own' } },
        { ffi: 'unix-stream.names', args: { which: 'listener-own' } },
      ],
    },
    {
      id: 'unix-stream.kin.getpeername-of-a-client-returns-the-listener-path',
      kind: 'kin',
      claim: {
        en: 'getpeername on a connected client returns the path of the listener it connected to.',
        zh: '对已连接的客户端调用 getpeername 会返回它所连接的监听者的路径。',
      },
      sources: [unix7('Address format'), { man: 'getpeername(2)', section: 'DESCRIPTION' }],
      expect: { equals: 'named-listener' },
      probes: [
        { fixture: 'unix-stream', case: 'names', args: { which: 'client-peer' } },
        { ffi: 'unix-stream.names', args: { which: 'client-peer' } },
      ],
    },
    {
      id: 'unix-stream.kin.an-unbound-client-is-an-unnamed-peer',
      kind: 'kin',
      claim: {
        en: 'A client that never bound is unnamed: the address accept() returns for it is only sizeof(sa_family_t) long.',
        zh: '从未绑定的客户端是未命名的：accept() 为其返回的地址长度只有 sizeof(sa_family_t)。',
      },
      sources: [unix7('Address format')],
      expect: { relation: 'equals-evidence', field: 'sizeof_sa_family_t' },
      probes: [{ fixture: 'unix-stream', case: 'server-peer-addrlen' }],
    },
    {
      id: 'unix-stream.kin.socketpair-outside-af-unix-gives-eopnotsupp',
      kind: 'kin',
      claim: {
        en: 'socketpair() is a UNIX-domain facility on Linux: asking for an AF_INET pair fails with EOPNOTSUPP.',
        zh: '在 Linux 上 socketpair() 只属于 UNIX 域：请求 AF_INET 套接字对会以 EOPNOTSUPP 失败。',
      },
      sources: [{ man: 'socketpair(2)', section: 'ERRORS' }],
      expect: { errno: 'EOPNOTSUPP' },
      probes: [{ fixture: 'unix-stream', case: 'socketpair-inet' }, { ffi: 'unix-stream.socketpair-inet' }],
      peers: ['ltp:socketpair01'],
    },
    {
      id: 'unix-stream.blocking.msg-dontwait-recv-on-an-empty-socket-gives-eagain',
      kind: 'blocking',
      claim: {
        en: 'recv with MSG_DONTWAIT on an open stream socket with nothing queued fails at once with EAGAIN.',
        zh: '对没有排队数据且仍连接的流式套接字使用 MSG_DONTWAIT 调用 recv 会立即以 EAGAIN 失败。',
      },
      sources: [{ man: 'recv(2)', section: 'MSG_DONTWAIT' }],
      expect: { errno: 'EAGAIN' },
      probes: [{ fixture: 'unix-stream', case: 'recv-dontwait-empty' }, { ffi: 'unix-stream.recv-dontwait-empty' }],
    },
    {
      id: 'unix-stream.capacity.siocinq-reports-the-unread-bytes',
      kind: 'capacity',
      claim: {
        en: 'ioctl(SIOCINQ) on a stream socket reports the bytes queued for reading (123 after a send of 123).',
        zh: '对流式套接字调用 ioctl(SIOCINQ) 会报告等待读取的字节数（发送 123 字节后为 123）。',
      },
      sources: [unix7('Ioctls')],
      expect: { relation: 'equals-evidence', field: 'sent' },
      probes: [{ fixture: 'unix-stream', case: 'siocinq' }, { ffi: 'unix-stream.siocinq' }],
      peers: ['gvisor:UnixSocketPairTest.TIOCINQSucceeds'],
    },
    // ---- pids across a PID namespace's boundary (unix(7), pid_namespaces(7)) ----
    {
      id: 'unix-stream.isolation.so-peercred-gives-a-pid-namespace-peer-as-the-parent-namespace-numbers-it',
      kind: 'isolation',
      claim: {
        en: 'Read in the parent namespace, SO_PEERCRED gives a peer inside a child PID namespace by its pid in the parent namespace, not by the pid it has inside.',
        zh: '在父命名空间中读取时，SO_PEERCRED 以子 PID 命名空间内对端在父命名空间中的 pid 表示它，而不是其在内部的 pid。',
      },
      sources: [unix7('SO_PEERCRED'), { man: 'pid_namespaces(7)', section: 'Nesting PID namespaces' }],
      expect: { relation: 'equals-evidence', field: 'inside_pid_in_parent_namespace' },
      probes: [{ fixture: 'unix-stream', case: 'peercred-across-pid-namespace', args: { reader: 'outside' } }],
      requires: ['pid-namespace'],
    },
    {
      id: 'unix-stream.isolation.so-peercred-read-inside-a-pid-namespace-gives-an-outside-peer-as-zero',
      kind: 'isolation',
      claim: {
        en: 'Read inside a child PID namespace, SO_PEERCRED gives a peer of the parent namespace as pid 0: it has no pid there.',
        zh: '在子 PID 命名空间内读取时，SO_PEERCRED 把父命名空间中的对端表示为 pid 0：它在该命名空间中没有 pid。',
      },
      sources: [unix7('SO_PEERCRED'), { man: 'pid_namespaces(7)', section: 'Nesting PID namespaces' }],
      expect: { equals: 0 },
      probes: [{ fixture: 'unix-stream', case: 'peercred-across-pid-namespace', args: { reader: 'inside' } }],
      requires: ['pid-namespace'],
    },
    {
      id: 'unix-stream.isolation.scm-credentials-from-inside-a-pid-namespace-arrive-with-the-parent-namespace-pid',
      kind: 'isolation',
      claim: {
        en: 'SCM_CREDENTIALS sent by a process inside a child PID namespace with its own pid there (1) arrive in the parent namespace carrying its pid in the parent namespace.',
        zh: '子 PID 命名空间内的进程以其内部 pid（1）发送的 SCM_CREDENTIALS，在父命名空间中收到时携带的是它在父命名空间中的 pid。',
      },
      sources: [unix7('SCM_CREDENTIALS'), { man: 'pid_namespaces(7)', section: 'Miscellaneous' }],
      expect: { relation: 'equals-evidence', field: 'inside_pid_in_parent_namespace' },
      probes: [{ fixture: 'unix-stream', case: 'scm-credentials-across-pid-namespace', args: { sender: 'inside' } }],
      requires: ['pid-namespace'],
    },
    {
      id: 'unix-stream.isolation.scm-credentials-from-the-parent-namespace-arrive-inside-with-pid-zero',
      kind: 'isolation',
      claim: {
        en: 'SCM_CREDENTIALS sent from the parent namespace arrive inside a child PID namespace with pid 0, since the sender has no pid there.',
        zh: '从父命名空间发送的 SCM_CREDENTIALS 到达子 PID 命名空间时 pid 为 0，因为发送者在那里没有 pid。',
      },
      sources: [unix7('SCM_CREDENTIALS'), { man: 'pid_namespaces(7)', section: 'Miscellaneous' }],
      expect: { equals: 0 },
      probes: [{ fixture: 'unix-stream', case: 'scm-credentials-across-pid-namespace', args: { sender: 'outside' } }],
      requires: ['pid-namespace'],
    },
  ],
});

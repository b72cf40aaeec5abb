// Claims of the tutorial's socket chapter: UNIX-domain sockets and network (TCP/UDP) sockets.
import { defineClaims } from './claimSchema.js';

const SOCKETS = '6. 套接字(Sockets)';
const UNIX = 'UNIX域套接字';
const NETWORK = '网络套接字';

export default defineClaims({
  tutorial: 'ipc-tutorial.zh.md',
  claims: [
    {
      id: 'sockets.network-interface-also-serves-local-ipc',
      section: SOCKETS,
      claim: {
        en: 'Sockets are a general interface for network communication that can also connect processes on the same machine.',
        zh: '套接字是通用的网络通信接口，也能在同一台机器的进程之间通信。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'tcp.ordering.bytes-arrive-complete-and-in-order-over-ipv4', supportsClaimWhen: 'passed' },
          { property: 'udp.boundaries.each-recv-returns-exactly-one-datagram', supportsClaimWhen: 'passed' },
          { property: 'unix-stream.direction.both-ends-of-a-connection-send-and-receive', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'TCP and UDP over the loopback address carry data between local processes, and the same socket API with AF_UNIX connects local processes without any network.',
          zh: 'TCP 与 UDP 经回环地址在本机进程之间传送数据，同一套套接字 API 配合 AF_UNIX 也能在不经过网络的情况下连接本机进程。',
        },
        correction: {
          en: 'The socket API serves both remote communication and local IPC (over loopback or with AF_UNIX).',
          zh: '套接字 API 既可用于远程通信，也可用于本地 IPC（经回环地址或使用 AF_UNIX）。',
        },
      },
    },
    {
      id: 'sockets.unix-sockets-are-for-local-communication-only',
      section: UNIX,
      claim: {
        en: 'UNIX-domain sockets are meant solely for communication between processes on the same host.',
        zh: 'UNIX 域套接字只服务于同一台主机上的进程间通信。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'unix-stream.kin.bound-path-appears-as-a-socket-node', supportsClaimWhen: 'passed' },
          { property: 'isolation.abstract-socket.scoped-to-its-network-namespace', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'A UNIX socket address is either a node in the local filesystem or an abstract name that exists only inside one network namespace of one kernel; there is nothing by which another host could address it. Locality is even narrower than the host for abstract names: processes in different network namespaces (containers) cannot meet through them.',
          zh: 'UNIX 套接字地址要么是本地文件系统中的节点，要么是只存在于某个内核的某个网络命名空间中的抽象名字，其他主机没有任何方式寻址到它。对抽象名字而言，“本地”的范围甚至小于主机：不同网络命名空间（容器）中的进程无法通过它相遇。',
        },
        correction: {
          en: 'UNIX-domain sockets connect processes of one kernel: pathname sockets wherever the node is visible, abstract sockets only within one network namespace.',
          zh: 'UNIX 域套接字只连接同一内核中的进程：路径名套接字在能看到该节点的地方可用，抽象套接字仅限于同一网络命名空间。',
        },
      },
    },
    {
      id: 'sockets.unix-sockets-beat-network-sockets-without-a-protocol-stack',
      section: UNIX,
      claim: {
        en: 'UNIX-domain sockets are more efficient than network sockets because the data does not go through a protocol stack.',
        zh: 'UNIX 域套接字比网络套接字更高效，因为数据无需经过协议栈。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'performance.latency.tcp-vs-unix-stream', supportsClaimWhen: 'passed', ratio: { atLeast: 1.3 } },
          { property: 'performance.cpu.tcp-vs-unix-stream', supportsClaimWhen: 'passed', ratio: { atLeast: 1.3 } },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'imprecise',
        reasoning: {
          en: 'More efficient is read per message: a small message sent back and forth over TCP on loopback must take at least 1.3 times as long as over a UNIX stream socket, and cost the two processes at least 1.3 times the CPU time, each decided on 11 paired repetitions of which 9 must agree. Both are driven by the same calls (write and read on a connected stream socket), the same message and one CPU for both processes, so what differs is the kernel’s path: a UNIX socket puts the sender’s bytes straight on the peer’s receive queue, while TCP builds segments, passes them through the IP layer and the loopback device, and keeps sequence, acknowledgement and window state on both ends. That is the protocol stack the claim names, and the margin of 1.3 is there so that noise cannot make it appear. The kit has no direct bulk-data comparison of the two (each is compared with a pipe), and memory per connection is only bounded, not compared, so neither enters the decision. If the margin is not reached, the advantage is too small to be the clear gain the claim promises, though not necessarily reversed, hence imprecise rather than inaccurate.',
          zh: '“更高效”被理解为按每条消息计：经回环接口的 TCP 来回传递一条小消息，所需时间须至少是 UNIX 流套接字的 1.3 倍，两个进程耗费的 CPU 时间也须至少是其 1.3 倍，每个关系由 11 次成对重复判定，其中须有 9 次一致。两者用的是同样的调用（在已连接的流套接字上 write 和 read）、同样的消息，两个进程都在同一个 CPU 上，所以不同的只是数据在内核中走的路径：UNIX 套接字把发送方的字节直接放到对端的接收队列上，而 TCP 要组装报文段，经过 IP 层和回环设备，并在两端维护序号、确认与窗口状态。这正是该说法所说的协议栈，而 1.3 倍的余量是为了不让噪声造出这个差别。本工具集没有直接比较两者传输大块数据的属性（两者各自与管道比较），每条连接的内存也只有上限而没有相互比较，因此两者都不参与判定。若达不到这个余量，说明优势太小，算不上该说法所承诺的明显收益，但未必是反过来，所以判为不够精确而非不准确。',
        },
        correction: {
          en: 'Over loopback on this system a UNIX stream socket is not clearly cheaper per message than TCP: both pay a system call and a wake-up per message, and the protocol work TCP adds is a small part of a local round trip.',
          zh: '在本系统上经回环接口时，UNIX 流套接字每条消息的开销并不明显低于 TCP：两者每条消息都要付出一次系统调用加一次唤醒，TCP 额外的协议处理只占本地往返的一小部分。',
        },
      },
    },
    {
      id: 'sockets.unix-sockets-are-bidirectional',
      section: UNIX,
      claim: {
        en: 'Communication over a UNIX-domain socket goes both ways.',
        zh: 'UNIX 域套接字上的通信是双向的。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'unix-stream.direction.both-ends-of-a-connection-send-and-receive', supportsClaimWhen: 'passed' },
          { property: 'unix-dgram.direction.socketpair-ends-both-send-and-receive', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'Both the connecting and the accepted stream socket send and receive, and both ends of a datagram socketpair do too.',
          zh: '发起连接的流套接字和 accept 得到的套接字都能收发，数据报 socketpair 的两端也都能收发。',
        },
        correction: {
          en: 'A connected UNIX-domain socket is full duplex: each end can send and receive (shutdown(2) can close one direction).',
          zh: '已连接的 UNIX 域套接字是全双工的：每一端都能收发（可用 shutdown(2) 关闭某个方向）。',
        },
      },
    },
    {
      id: 'sockets.unix-sockets-offer-stream-and-datagram-modes',
      section: UNIX,
      claim: {
        en: 'UNIX-domain sockets come in two modes, stream and datagram.',
        zh: 'UNIX 域套接字有两种工作模式：流式与数据报式。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'unix-stream.boundaries.two-sends-can-be-read-by-one-recv', supportsClaimWhen: 'passed' },
          { property: 'unix-dgram.boundaries.each-recv-returns-one-datagram', supportsClaimWhen: 'passed' },
          { property: 'unix-dgram.ordering.datagrams-are-neither-lost-nor-reordered', supportsClaimWhen: 'passed' },
          { property: 'unix-dgram.blocking.msg-dontwait-send-to-a-full-receiver-gives-eagain', supportsClaimWhen: 'passed' },
          { property: 'unix-seqpacket.boundaries.each-recv-returns-one-message', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'imprecise',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'Stream sockets behave as byte streams and datagram sockets keep boundaries, so both modes exist. But the list is incomplete, and that is what the properties show: Linux also has SOCK_SEQPACKET, connection-oriented and boundary-preserving, and UNIX datagrams, unlike UDP’s, are never lost or reordered: a sender to a full receiver is held back (EAGAIN, or a blocking send waits) instead of its datagram being dropped, which a reader of “datagram” would not assume.',
          zh: '流套接字表现为字节流，数据报套接字保留边界，所以这两种模式都存在。但列举并不完整，属性恰好表明了这一点：Linux 还有面向连接且保留边界的 SOCK_SEQPACKET；而且与 UDP 不同，UNIX 数据报从不丢失也不乱序：向已满的接收者发送时，发送者会被挡住（得到 EAGAIN，或阻塞发送会等待），而不是数据报被丢弃，这是读者看到“数据报”时不会想到的。',
        },
        correction: {
          en: 'AF_UNIX supports SOCK_STREAM, SOCK_DGRAM and SOCK_SEQPACKET; its datagrams are reliable and ordered.',
          zh: 'AF_UNIX 支持 SOCK_STREAM、SOCK_DGRAM 和 SOCK_SEQPACKET 三种类型；其数据报可靠且有序。',
        },
      },
    },
    {
      id: 'sockets.unix-sockets-connect-unrelated-processes',
      section: UNIX,
      claim: {
        en: 'Processes that are not related can communicate through a UNIX-domain socket.',
        zh: '没有亲缘关系的进程可以通过 UNIX 域套接字通信。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'unix-stream.kin.bound-path-appears-as-a-socket-node', supportsClaimWhen: 'passed' },
          { property: 'unix-stream.kin.scm-rights-passes-a-descriptor-to-an-unrelated-process', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'Binding creates a socket node that unrelated processes find by path, and a process that inherited nothing connects by that path and exchanges data (even descriptors). Connecting needs write permission on the node (unix-stream.permissions.connect-needs-write-permission-on-the-node).',
          zh: 'bind 会创建一个套接字节点，无亲缘关系的进程可以按路径找到它；一个什么都没继承的进程能按该路径连接并交换数据（甚至描述符）。连接需要对该节点有写权限（unix-stream.permissions.connect-needs-write-permission-on-the-node）。',
        },
        correction: {
          en: 'Any process with write permission on a bound socket’s node (or knowing its abstract name) can connect to it.',
          zh: '任何对已绑定套接字节点有写权限（或知道其抽象名字）的进程都能连接它。',
        },
      },
    },
    {
      id: 'sockets.unix-sockets-have-a-filesystem-path',
      section: UNIX,
      claim: {
        en: 'A UNIX-domain socket has a pathname in the filesystem.',
        zh: '每个 UNIX 域套接字都对应文件系统中的一个路径名。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'unix-stream.kin.bound-path-appears-as-a-socket-node', supportsClaimWhen: 'passed' },
          { property: 'unix-dgram.kin.abstract-name-has-no-filesystem-node', supportsClaimWhen: 'passed' },
          { property: 'unix-stream.kin.socketpair-connects-a-parent-and-its-forked-child', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'imprecise',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'Binding to a pathname does create a socket node. But that is only one of three kinds: a socket bound to an abstract name (leading NUL byte, Linux-specific) makes no node at all, and sockets from socketpair() or never bound have no name, yet work. The claim holds only for pathname sockets.',
          zh: '绑定到路径名确实会创建套接字节点。但这只是三种情况之一：绑定到抽象名字（以 NUL 字节开头，Linux 特有）的套接字根本不创建节点；socketpair() 创建的或从未绑定的套接字没有名字，却照样能用。该说法只对路径名套接字成立。',
        },
        correction: {
          en: 'A UNIX socket may be bound to a pathname (creating a socket node), to an abstract name (no filesystem node, Linux-only), or be unnamed (socketpair, unbound sockets).',
          zh: 'UNIX 套接字可以绑定到路径名（创建套接字节点）、绑定到抽象名字（无文件系统节点，仅 Linux），或是未命名的（socketpair、未绑定的套接字）。',
        },
      },
    },
    {
      id: 'sockets.unix-example-removes-a-leftover-socket-file-before-bind',
      section: UNIX,
      claim: {
        en: 'The server example deletes any socket file left at the path before binding, and removes the file itself at the end, because closing the socket does not.',
        zh: '服务器示例在绑定前删除路径上可能残留的套接字文件，并在结束时自行删除该文件，因为关闭套接字不会删除它。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'unix-stream.persistence.node-remains-after-close-until-unlinked', supportsClaimWhen: 'passed' },
          { property: 'unix-stream.lifecycle.bind-to-a-leftover-node-gives-eaddrinuse', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'The node stays after close until unlinked, and binding to a leftover node fails with EADDRINUSE, so unlinking before bind is needed for a restart.',
          zh: '关闭后节点会一直留着，直到被 unlink；绑定到残留节点会以 EADDRINUSE 失败，因此要重启就必须在 bind 之前 unlink。',
        },
        correction: {
          en: 'A pathname socket’s node survives close(); bind() to it fails with EADDRINUSE until it is unlinked.',
          zh: '路径名套接字的节点在 close() 之后仍然存在；在其被 unlink 之前，bind() 到该路径会以 EADDRINUSE 失败。',
        },
      },
    },
    {
      id: 'sockets.network-sockets-work-locally-and-remotely',
      section: NETWORK,
      claim: {
        en: 'Network sockets serve both local and remote inter-process communication.',
        zh: '网络套接字既可用于本地也可用于远程的进程间通信。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'tcp.ordering.bytes-arrive-complete-and-in-order-over-ipv4', supportsClaimWhen: 'passed' },
          { property: 'udp.boundaries.each-recv-returns-exactly-one-datagram', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'The properties show the local half over the loopback address; the remote half is what these protocols are for and is not probed, since the kit runs on one machine.',
          zh: '这些属性经回环地址证明了本地这一半；远程通信正是这些协议的本来用途，但本工具集只在一台机器上运行，未作探测。',
        },
        correction: {
          en: 'TCP and UDP sockets work over loopback between local processes as well as across a network.',
          zh: 'TCP 与 UDP 套接字既能经回环地址在本机进程间工作，也能跨网络工作。',
        },
      },
    },
    {
      id: 'sockets.network-sockets-support-tcp-and-udp',
      section: NETWORK,
      claim: {
        en: 'Network sockets support several protocols, such as TCP and UDP.',
        zh: '网络套接字可以使用不同的协议，比如 TCP、UDP。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'tcp.boundaries.two-sends-can-come-out-of-one-recv', supportsClaimWhen: 'passed' },
          { property: 'udp.boundaries.each-recv-returns-exactly-one-datagram', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'TCP sockets behave as byte streams and UDP sockets as datagrams over the same API; both are available.',
          zh: '在同一套 API 下，TCP 套接字表现为字节流，UDP 套接字表现为数据报；两者都可用。',
        },
        correction: {
          en: 'AF_INET/AF_INET6 sockets offer TCP (SOCK_STREAM) and UDP (SOCK_DGRAM), among others.',
          zh: 'AF_INET/AF_INET6 套接字提供 TCP（SOCK_STREAM）与 UDP（SOCK_DGRAM）等协议。',
        },
      },
    },
    {
      id: 'sockets.network-sockets-cross-networks-and-platforms',
      section: NETWORK,
      claim: {
        en: 'Network sockets let programs communicate across networks and across different platforms.',
        zh: '借助网络套接字，程序能与其他主机、其他平台上的程序通信。',
      },
      status: 'untestable',
      reason: {
        en: 'The kit runs on a single Linux machine; talking to another host or another operating system is outside what its probes can set up.',
        zh: '本工具集只在一台 Linux 机器上运行，与其他主机或其他操作系统通信超出了其探针所能搭建的范围。',
      },
    },
    {
      id: 'sockets.network-sockets-cost-more-than-unix-sockets',
      section: NETWORK,
      claim: {
        en: 'Network sockets carry extra overhead compared with UNIX-domain sockets.',
        zh: '网络套接字的开销比 UNIX 域套接字大。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'performance.latency.tcp-vs-unix-stream', supportsClaimWhen: 'passed', ratio: { atLeast: 1.3 } },
          { property: 'performance.cpu.tcp-vs-unix-stream', supportsClaimWhen: 'passed', ratio: { atLeast: 1.3 } },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'imprecise',
        reasoning: {
          en: 'The kit reads the extra overhead as time and CPU per message, the cost that grows with traffic: over loopback, with the same message, the same calls and both processes on one CPU, a TCP round trip must take at least 1.3 times as long as a UNIX stream socket round trip and cost the two processes at least 1.3 times the CPU time, each decided on 11 paired repetitions of which 9 must agree. What TCP adds is its protocol work on both ends (segments, the IP layer, the loopback device, acknowledgements). Only loopback is measured: across a real network the link’s own delay comes on top, which no single machine can rate. Memory is left out of the decision because the kit bounds what one connection of each kind costs but does not compare the two, so the bounds cannot say which costs more. Falling short of the margin means whatever TCP adds is too small to stand out from noise, not that TCP is cheaper, hence imprecise rather than inaccurate.',
          zh: '本工具集把“额外开销”理解为每条消息的时间与 CPU 开销，即随流量增长的那部分代价：经回环接口、用同样的消息和同样的调用、两个进程都在同一个 CPU 上时，TCP 往返所需时间须至少是 UNIX 流套接字往返的 1.3 倍，两个进程耗费的 CPU 时间也须至少是其 1.3 倍，每个关系由 11 次成对重复判定，其中须有 9 次一致。TCP 额外做的是两端的协议处理（报文段、IP 层、回环设备、确认）。这里只测量回环：跨越真实网络时还要加上链路本身的延迟，这是单台机器无法评级的。内存不参与判定，因为本工具集只给出每种连接单条的开销上限，并不相互比较，这些上限无法说明谁的开销更大。达不到余量说明 TCP 额外付出的开销小到淹没在噪声中，而不是说 TCP 更便宜，所以判为不够精确而非不准确。',
        },
        correction: {
          en: 'Over loopback on this system TCP costs about as much per message as a UNIX stream socket: its protocol work is real but small next to the system call and wake-up both pay; across a real network the link, not the stack, sets the cost.',
          zh: '在本系统上经回环接口时，TCP 每条消息的开销与 UNIX 流套接字大致相当：其协议处理确实存在，但与两者都要付出的系统调用和唤醒相比很小；跨越真实网络时，决定开销的是链路而不是协议栈。',
        },
      },
    },
    {
      id: 'sockets.tcp-example-server-can-be-restarted-at-once',
      section: NETWORK,
      claim: {
        en: 'The TCP server example can be run again straight after it has served a client (it binds port 8080 without any option and does not check the result).',
        zh: 'TCP 服务器示例在服务完一个客户端后可以立即再次运行（它不设任何选项就绑定 8080 端口，也不检查结果）。',
      },
      status: 'decided',
      decision: {
        evidence: [{ property: 'tcp.lifecycle.port-in-time-wait-refuses-bind-without-so-reuseaddr', supportsClaimWhen: 'failed' }],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'The example’s server closes the connection first, which leaves port 8080 in TIME_WAIT. If a new socket without SO_REUSEADDR then cannot bind it (EADDRINUSE), a second run within the TIME_WAIT period fails to bind; as the result is not checked, listen() picks a random port and the client gets ECONNREFUSED.',
          zh: '示例中的服务器先关闭连接，使 8080 端口进入 TIME_WAIT。若此时未设 SO_REUSEADDR 的新套接字无法绑定该端口（EADDRINUSE），在 TIME_WAIT 期间再次运行就会绑定失败；由于结果未被检查，listen() 会选一个随机端口，客户端则得到 ECONNREFUSED。',
        },
        correction: {
          en: 'Set SO_REUSEADDR before bind() (and check bind’s result): a port whose last connection is in TIME_WAIT cannot otherwise be bound again for about a minute.',
          zh: '应在 bind() 之前设置 SO_REUSEADDR（并检查 bind 的结果）：否则最后一个连接处于 TIME_WAIT 的端口在约一分钟内无法再次绑定。',
        },
      },
    },
  ],
});

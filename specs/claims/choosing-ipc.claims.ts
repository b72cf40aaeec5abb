// Claims of the tutorial's closing chapters: which mechanism suits which job, and how to choose.
// Statements that only repeat a chapter's claim (pipes are one-way, queues are many-to-many, …) are
// audited in that chapter's file; here are the ones the closing chapters add.
import { defineClaims } from './claimSchema.js';

const USES = '适用场景';

export default defineClaims({
  tutorial: 'ipc-tutorial.zh.md',
  claims: [
    {
      id: 'choosing-ipc.signals-serve-process-control',
      section: USES,
      claim: {
        en: 'Signals are the tool for controlling processes, for instance ending them or pausing them.',
        zh: '控制进程（例如让它结束或暂停）要用信号。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'signal.lifecycle.sigterm-default-action-terminates', supportsClaimWhen: 'passed' },
          { property: 'signal.lifecycle.sigtstp-default-action-stops', supportsClaimWhen: 'passed' },
          { property: 'signal.lifecycle.sigcont-resumes-a-stopped-process', supportsClaimWhen: 'passed' },
          { property: 'signal.permissions.blocked-sigstop-still-stops', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'Default actions do the controlling: SIGTERM ends a process, SIGTSTP and SIGSTOP (even when blocked) stop it, and SIGCONT resumes it, which its parent can observe.',
          zh: '控制靠的是默认动作：SIGTERM 结束进程，SIGTSTP 与 SIGSTOP（即使被屏蔽）使其停止，SIGCONT 使其继续，父进程可以观察到这些变化。',
        },
        correction: {
          en: 'SIGTERM/SIGKILL end a process, SIGSTOP/SIGTSTP stop it and SIGCONT resumes it, subject to kill(2) permission checks.',
          zh: 'SIGTERM/SIGKILL 结束进程，SIGSTOP/SIGTSTP 使其停止，SIGCONT 使其继续，均受 kill(2) 权限检查约束。',
        },
      },
    },
    {
      id: 'choosing-ipc.signals-serve-timers-and-asynchronous-io',
      section: USES,
      claim: {
        en: 'Signals are used to deliver timer expiries and asynchronous I/O notifications.',
        zh: '定时器到期和异步 I/O 事件可以通过信号通知进程。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'posix-mq.notification.mq-notify-signals-when-a-message-reaches-an-empty-queue', supportsClaimWhen: 'passed' },
          { property: 'posix-mq.notification.registration-is-spent-by-one-notification', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'imprecise',
        reasoning: {
          en: 'The kit checks one I/O notification delivered as a signal: mq_notify(SIGEV_SIGNAL) signals a registered process when a message reaches the empty queue, once per registration. Timer signals (SIGALRM, timer_create) and SIGIO are not probed; if the kernel in use cannot deliver even this notification, the claim holds only where the facility exists.',
          zh: '本工具集检查了一种以信号形式送达的 I/O 通知：mq_notify(SIGEV_SIGNAL) 在消息进入空队列时向已注册的进程发信号，每次注册只通知一次。定时器信号（SIGALRM、timer_create）和 SIGIO 未被探测；若当前内核连这种通知都无法送达，该说法就只在具备此功能的地方成立。',
        },
        correction: {
          en: 'Timers (alarm, setitimer, timer_create), asynchronous I/O (F_SETSIG/O_ASYNC, aio) and mq_notify can all report by signal, where the kernel supports them.',
          zh: '定时器（alarm、setitimer、timer_create）、异步 I/O（F_SETSIG/O_ASYNC、aio）以及 mq_notify 都可以用信号报告事件，前提是内核支持。',
        },
      },
    },
    {
      id: 'choosing-ipc.message-queues-when-messages-must-persist',
      section: USES,
      claim: {
        en: 'Message queues are the choice when messages must be kept persistently.',
        zh: '当消息需要持久保存时，应选用消息队列。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'sysv-msg.persistence.queue-and-messages-outlive-their-creator', supportsClaimWhen: 'passed' },
          { property: 'isolation.sysv-shm.freed-when-its-namespace-dies', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'imprecise',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'Queued messages do survive the processes that sent them (kernel persistence; POSIX queues behave the same, posix-mq.persistence.queue-and-its-messages-outlive-the-creator). But that persistence lives in kernel memory only: messages are lost at reboot and when the queue’s IPC namespace dies (a container stopping), as the isolation property shows for System V objects. “Persistent” here means “outlives the sender”, not “durable”. If messages did not outlive their sender, the advice would be wrong.',
          zh: '排队的消息确实比发送它们的进程活得久（内核持久性；POSIX 队列同样如此，见 posix-mq.persistence.queue-and-its-messages-outlive-the-creator）。但这种持久性只存在于内核内存中：重启时、以及队列所属 IPC 命名空间消亡时（容器停止），消息都会丢失——隔离属性对 System V 对象展示了这一点。这里的“持久”指“比发送者活得久”，而非“持久化存储”。若消息不能比发送者活得久，这条建议就是错的。',
        },
        correction: {
          en: 'Message queues keep messages only in kernel memory, beyond the sender’s exit but not across a reboot or the end of their IPC namespace; durable messages need files, a database or a persistent broker.',
          zh: '消息队列只把消息保存在内核内存中，可以撑过发送者退出，但撑不过重启或其 IPC 命名空间的结束；需要持久化的消息应使用文件、数据库或带持久化的消息中间件。',
        },
      },
    },
    {
      id: 'choosing-ipc.shared-memory-for-high-performance-bulk-data',
      section: USES,
      claim: {
        en: 'Shared memory is the choice for high-performance sharing and for exchanging large amounts of data.',
        zh: '需要高性能共享、交换大量数据时应选择共享内存。',
      },
      status: 'decided',
      decision: {
        evidence: [{ property: 'performance.throughput.shm-sem-vs-pipe', supportsClaimWhen: 'passed', ratio: { atLeast: 1.5 } }],
        whenSupported: 'accurate',
        whenContradicted: 'imprecise',
        reasoning: {
          en: 'The advice holds if shared memory, used the way bulk data is really moved through it (a ring the writer copies 64 KiB chunks into and the reader copies out of, synchronised by semaphores, so the synchronisation is paid for), moves data at least 1.5 times as fast as a pipe, the kernel-copy baseline. The kit races the ring against a pipe only: a UNIX stream socket may move bulk data somewhat faster than a pipe (performance.throughput.unix-stream-vs-pipe), so the verdict shows shared memory clearly ahead of the kernel-copy tier, not ahead of every socket by the same margin. If the ring does not pull ahead, shared memory still avoids the kernel copy, but the gain depends on the chunk size and how often the sides wait for each other.',
          zh: '如果共享内存按搬运大块数据的实际方式使用（写者把 64 KiB 的数据块拷入环形缓冲区、读者再拷出，以信号量同步，同步开销计算在内）时，传输速度至少达到管道这一内核拷贝基准的 1.5 倍，这条建议就成立。本工具集只让环形缓冲区与管道比较：UNIX 流套接字传输大块数据可能比管道稍快（performance.throughput.unix-stream-vs-pipe），因此该结论说明共享内存明显领先于内核拷贝这一档，而不是以同样的幅度领先于每一种套接字。若环形缓冲区没有领先，共享内存仍然省掉了内核拷贝，但收益取决于数据块大小以及双方相互等待的频率。',
        },
        correction: {
          en: 'Shared memory removes the kernel copy, but synchronisation is part of the cost: for bulk data it is clearly faster than pipes and sockets only with large chunks and few waits; otherwise a UNIX socket or a pipe moves data about as fast with less code.',
          zh: '共享内存省掉了内核拷贝，但同步也是开销的一部分：传输大块数据时，只有数据块大、等待少，它才明显快于管道和套接字；否则 UNIX 套接字或管道以更少的代码就能达到相近的速度。',
        },
      },
    },
    {
      id: 'choosing-ipc.unix-sockets-provide-flow-control',
      section: USES,
      claim: {
        en: 'UNIX-domain sockets suit situations that need flow control.',
        zh: 'UNIX 域套接字适合需要流量控制的场合。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'unix-stream.capacity.nonblocking-writer-queues-at-least-the-requested-sndbuf', supportsClaimWhen: 'passed' },
          { property: 'unix-dgram.ordering.datagrams-are-neither-lost-nor-reordered', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'A stream writer facing a peer that does not read is held back once the send buffer is full (EAGAIN when non-blocking, a wait otherwise), and even UNIX datagrams are not dropped when the receiver lags (unlike UDP, see udp.capacity.datagrams-beyond-a-full-receive-buffer-are-dropped): the sender is slowed to the receiver’s pace.',
          zh: '对方不读时，流套接字的写者在发送缓冲区满后会被拦住（非阻塞时 EAGAIN，否则等待）；即使是 UNIX 数据报，接收方跟不上时也不会被丢弃（与 UDP 不同，见 udp.capacity.datagrams-beyond-a-full-receive-buffer-are-dropped）：发送方会被压到接收方的节奏。',
        },
        correction: {
          en: 'UNIX-domain sockets apply back-pressure: a sender blocks (or gets EAGAIN) when the receiver’s queue is full, for stream and datagram sockets alike.',
          zh: 'UNIX 域套接字具备背压：接收方队列满时发送方会阻塞（或得到 EAGAIN），流套接字与数据报套接字都是如此。',
        },
      },
    },
    {
      id: 'choosing-ipc.remaining-recommendations',
      section: USES,
      claim: {
        en: 'The remaining recommendations: pipes for simple one-way flows, parent–child links and shell pipelines; semaphores for synchronisation, access control and pairing with shared memory; UNIX sockets for two-way local client–server designs; network sockets for distributed applications and standard protocols; D-Bus for desktop applications, system services and object-oriented interfaces.',
        zh: '其余建议：管道用于简单的单向数据流、父子进程通信和命令行管道；信号量用于同步、资源访问控制以及与共享内存搭配；UNIX 套接字用于本地双向的客户端-服务器结构；网络套接字用于分布式应用和标准网络协议；D-Bus 用于桌面应用、系统服务以及需要对象与接口抽象的场合。',
      },
      status: 'untestable',
      reason: {
        en: 'These are design recommendations; whether a mechanism is a good fit for a job is a judgement, not an observable behaviour. The facts they rest on (direction, kinship, synchronisation) are audited in the mechanisms’ own chapters.',
        zh: '这些是设计建议；某机制是否适合某项工作属于判断，而非可观测的行为。它们所依据的事实（方向、亲缘关系、同步）已在各机制自己的章节中审核。',
      },
    },
    {
      id: 'choosing-ipc.factors-for-choosing-a-mechanism',
      section: '选择指南',
      claim: {
        en: 'A mechanism should be chosen by the communication pattern, the amount of data, the latency and throughput needed, whether data must survive the processes, whether data is structured, and whether synchronisation is needed.',
        zh: '选择机制时应考虑：通信模式、数据量、对延迟和吞吐量的要求、数据是否需在进程结束后保留、是否需要结构化数据，以及是否需要同步。',
      },
      status: 'untestable',
      reason: {
        en: 'A list of factors to weigh makes no statement about any mechanism that an experiment could check.',
        zh: '一份需要权衡的因素清单并未对任何机制作出可供实验检验的断言。',
      },
    },
  ],
});

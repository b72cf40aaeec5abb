// Claims of the tutorial's pipe chapter: anonymous pipes and named pipes (FIFOs).
import { defineClaims } from './claimSchema.js';

export default defineClaims({
  tutorial: 'ipc-tutorial.zh.md',
  claims: [
    {
      id: 'pipes.among-the-oldest-and-most-used-mechanisms',
      section: '1. 管道(Pipes)',
      claim: {
        en: 'Pipes are one of the oldest IPC mechanisms and one of the most widely used.',
        zh: '管道是历史最悠久、使用最广泛的 IPC 机制之一。',
      },
      status: 'untestable',
      reason: {
        en: 'History and popularity are not properties of the running system; no probe can measure them.',
        zh: '历史与流行程度不是运行中系统的属性，任何探针都无法测量。',
      },
    },
    {
      id: 'pipes.carry-data-in-one-direction',
      section: '1. 管道(Pipes)',
      claim: {
        en: 'A pipe, anonymous or named, is a channel through which data flows in one direction only.',
        zh: '管道（无论匿名还是命名）是一条数据只朝一个方向流动的通道。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'pipe.direction.read-end-cannot-write', supportsClaimWhen: 'passed' },
          { property: 'pipe.direction.write-end-cannot-read', supportsClaimWhen: 'passed' },
          { property: 'fifo.direction.read-only-descriptor-cannot-write', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'If writing to the read end and reading from the write end both fail with EBADF, and a descriptor that opened a FIFO for reading cannot write, data can only go from the write side to the read side.',
          zh: '如果向读端写和从写端读都以 EBADF 失败，且以只读方式打开 FIFO 的描述符不能写，数据就只能从写端流向读端。',
        },
        correction: {
          en: 'Each Linux pipe or FIFO carries data from its write side to its read side only; two-way traffic between two processes needs two pipes or a socketpair.',
          zh: '每条 Linux 管道或 FIFO 只把数据从写端送到读端；两个进程之间的双向通信需要两条管道或一对 socketpair。',
        },
      },
    },
    {
      id: 'pipes.anonymous-pipe-is-one-way-half-duplex',
      section: '匿名管道(Anonymous Pipes)',
      claim: {
        en: 'An anonymous pipe carries data one way, which the tutorial labels half-duplex.',
        zh: '匿名管道只能单向传输数据，教程把这称为“半双工”。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'pipe.direction.read-end-cannot-write', supportsClaimWhen: 'passed' },
          { property: 'pipe.direction.write-end-cannot-read', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'imprecise',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'The properties confirm the behaviour: each end works in one direction only (EBADF otherwise). The label is the imprecise part: half-duplex means a channel that carries both directions, just not at the same time, whereas a Linux pipe can never carry data back from the reader to the writer; it is simplex, and a reply needs a second pipe.',
          zh: '这些属性证实了行为本身：每一端只能用于一个方向（否则 EBADF）。不精确的是这个叫法：半双工指通道可以双向传输、只是不能同时进行，而 Linux 管道永远不能把数据从读者送回写者，它是单工的，回复需要第二条管道。',
        },
        correction: {
          en: 'A Linux pipe is one-way (simplex): pipefd[0] only reads and pipefd[1] only writes; two-way exchange needs two pipes or a socketpair.',
          zh: 'Linux 管道是单向（单工）的：pipefd[0] 只能读，pipefd[1] 只能写；双向交换需要两条管道或一对 socketpair。',
        },
      },
    },
    {
      id: 'pipes.anonymous-pipe-only-between-related-processes',
      section: '匿名管道(Anonymous Pipes)',
      claim: {
        en: 'Anonymous pipes can only connect processes that are related by descent, typically a parent and its child.',
        zh: '匿名管道只能在有血缘关系的进程之间使用，典型情形是父进程和它的子进程。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'pipe.kin.child-inherits-both-ends-across-fork', supportsClaimWhen: 'passed' },
          { property: 'pipe.kin.descriptor-passed-by-scm-rights-reaches-unrelated-process', supportsClaimWhen: 'passed' },
          { property: 'pipe.kin.descriptor-opened-through-proc-reaches-unrelated-process', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'imprecise',
        whenContradicted: 'imprecise',
        reasoning: {
          en: 'A forked child does inherit both ends, so parent–child use works. But a process that inherited nothing can also use the pipe once it holds a descriptor, received over a UNIX socket with SCM_RIGHTS or reopened through /proc/PID/fd/N. What the pipe really lacks is a name (pipe.kin.has-no-filesystem-name), so the unstated condition is “holding a descriptor”, and fork is only the usual way to get one. Any other outcome does not make the “only related” wording exact either, hence imprecise both ways.',
          zh: 'fork 出的子进程确实继承两端，所以父子进程之间可用。但一个什么都没继承的进程，只要拿到描述符（通过 UNIX 套接字的 SCM_RIGHTS 接收，或经 /proc/PID/fd/N 重新打开），同样能使用该管道。管道真正缺少的是名字（pipe.kin.has-no-filesystem-name），所以未说明的条件是“持有描述符”，fork 只是获得描述符的常见方式。其他任何结果也不会让“只能用于亲缘进程”的说法变得确切，因此两种情况都判为不精确。',
        },
        correction: {
          en: 'Any process holding a pipe descriptor can use the pipe: inheritance across fork() is the common way to get one, but SCM_RIGHTS over a UNIX socket or /proc/PID/fd/N also hand it to unrelated processes. The pipe just has no filesystem name to find it by.',
          zh: '任何持有管道描述符的进程都能使用该管道：通过 fork() 继承是最常见的途径，但经 UNIX 套接字的 SCM_RIGHTS 或 /proc/PID/fd/N 也能把它交给无亲缘关系的进程；管道只是没有可供查找的文件系统名字。',
        },
      },
    },
    {
      id: 'pipes.anonymous-pipe-is-a-byte-stream',
      section: '匿名管道(Anonymous Pipes)',
      claim: {
        en: 'Data goes through an anonymous pipe as a stream of bytes.',
        zh: '匿名管道把数据当作连续的字节序列来传送。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'pipe.boundaries.two-writes-can-be-read-by-one-read', supportsClaimWhen: 'passed' },
          { property: 'pipe.ordering.bytes-arrive-in-write-order', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'A byte stream keeps the order of the bytes and no record boundaries: two writes coming back from one read, and 1 MiB arriving in write order, show exactly that.',
          zh: '字节流保持字节顺序但不保留记录边界：两次写入被一次读取全部读出，1 MiB 数据按写入顺序到达，正好说明了这一点。',
        },
        correction: {
          en: 'Linux pipes keep no message boundaries unless opened with O_DIRECT (packet mode); otherwise they are ordered byte streams.',
          zh: '除非以 O_DIRECT（数据包模式）创建，Linux 管道不保留消息边界；否则就是有序的字节流。',
        },
      },
    },
    {
      id: 'pipes.anonymous-pipe-holds-a-few-kilobytes',
      section: '匿名管道(Anonymous Pipes)',
      claim: {
        en: 'An anonymous pipe has a limited capacity, typically a few kilobytes.',
        zh: '匿名管道能容纳的数据不多，通常在几千字节的量级。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'pipe.blocking.write-on-full-pipe-blocks-until-drained', supportsClaimWhen: 'passed' },
          { property: 'pipe.capacity.getpipe-sz-equals-bytes-accepted-before-full', supportsClaimWhen: 'passed' },
          { property: 'pipe.capacity.default-is-16-pages', supportsClaimWhen: 'failed' },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'The capacity is limited (a writer to a full pipe waits) and F_GETPIPE_SZ reports it truthfully; the question is its size. If a new pipe holds 16 pages, that is 65536 bytes with 4 KiB pages, an order of magnitude more than “a few KB”. The figure probably mixes up capacity with PIPE_BUF (4096 bytes, the atomic-write limit) or with Linux before 2.6.11, whose pipes held one page.',
          zh: '容量确实有限（向满管道写会等待），F_GETPIPE_SZ 报告的值也真实；问题在于大小。若新管道容纳 16 页，在 4 KiB 页上就是 65536 字节，比“几 KB”大一个数量级。这个数字可能混淆了容量与 PIPE_BUF（4096 字节，原子写入上限），或沿用了 2.6.11 之前只有一页的 Linux 管道。',
        },
        correction: {
          en: 'A new Linux pipe holds 16 pages (64 KiB with 4 KiB pages) since 2.6.11; F_SETPIPE_SZ can change it, up to /proc/sys/fs/pipe-max-size (1 MiB by default) for unprivileged processes. 4096 bytes is PIPE_BUF, the largest atomic write, not the capacity.',
          zh: '自 2.6.11 起，新的 Linux 管道容纳 16 页（4 KiB 页时为 64 KiB）；可用 F_SETPIPE_SZ 调整，非特权进程最多到 /proc/sys/fs/pipe-max-size（默认 1 MiB）。4096 字节是 PIPE_BUF，即最大原子写入量，不是容量。',
        },
      },
    },
    {
      id: 'pipes.anonymous-pipe-disappears-when-its-processes-end',
      section: '匿名管道(Anonymous Pipes)',
      claim: {
        en: 'An anonymous pipe goes away by itself once the processes using it have terminated.',
        zh: '使用它的进程都终止后，匿名管道便由系统自动回收。',
      },
      status: 'decided',
      decision: {
        evidence: [{ property: 'pipe.persistence.pipe-is-gone-with-its-last-descriptor', supportsClaimWhen: 'passed' }],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'If no reference to the pipe remains after its last holder exits and its unread data is lost, the pipe indeed vanishes with its processes. The exact trigger is the closing of the last descriptor, which may happen before the processes end, or later if a descriptor was inherited by another process.',
          zh: '若最后一个持有者退出后管道不再有任何引用、未读数据随之丢失，那么管道确实随进程消失。确切的触发条件是最后一个描述符被关闭：这可能早于进程结束，也可能因描述符被其他进程继承而更晚。',
        },
        correction: {
          en: 'A pipe, and any unread data in it, is freed when the last descriptor referring to it is closed, whichever process held it.',
          zh: '当引用管道的最后一个描述符被关闭时（无论由哪个进程持有），管道及其中未读的数据都会被释放。',
        },
      },
    },
    {
      id: 'pipes.anonymous-pipe-first-descriptor-reads-second-writes',
      section: '匿名管道(Anonymous Pipes)',
      claim: {
        en: 'In the example, pipe() fills pipefd[0] with the end used for reading and pipefd[1] with the end used for writing, and a forked child can use them to receive what its parent writes.',
        zh: '示例中 pipe() 把读用的一端放在 pipefd[0]，写用的一端放在 pipefd[1]，fork 出的子进程可借此接收父进程写入的数据。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'pipe.direction.read-end-cannot-write', supportsClaimWhen: 'passed' },
          { property: 'pipe.direction.write-end-cannot-read', supportsClaimWhen: 'passed' },
          { property: 'pipe.kin.child-inherits-both-ends-across-fork', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'The direction probes write to fds[0] and read from fds[1] of a fresh pipe; EBADF in both confirms which end is which, and the fork property confirms the child can use the inherited ends.',
          zh: '方向探针向新管道的 fds[0] 写、从 fds[1] 读；两者都得到 EBADF，证实了哪一端是读端哪一端是写端，fork 相关属性则证实子进程可以使用继承来的两端。',
        },
        correction: {
          en: 'pipe(2) returns the read end in pipefd[0] and the write end in pipefd[1].',
          zh: 'pipe(2) 把读端放在 pipefd[0]，写端放在 pipefd[1]。',
        },
      },
    },
    {
      id: 'pipes.anonymous-pipe-example-read-waits-for-the-write',
      section: '匿名管道(Anonymous Pipes)',
      claim: {
        en: 'The example needs no extra synchronisation: the child’s read() simply waits until the parent has written its message.',
        zh: '示例不需要额外的同步：子进程的 read() 会一直等到父进程写入消息。',
      },
      status: 'decided',
      decision: {
        evidence: [{ property: 'pipe.blocking.read-on-empty-pipe-blocks-until-data', supportsClaimWhen: 'passed' }],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'The example relies on a blocking read of an empty pipe (write end still open) waiting for data instead of returning at once.',
          zh: '示例依赖于：在写端仍打开时，对空管道的阻塞读会等待数据，而不是立即返回。',
        },
        correction: {
          en: 'A read on an empty pipe blocks only while some write end is open and O_NONBLOCK is clear; otherwise it returns 0 or fails with EAGAIN.',
          zh: '只有在仍有写端打开且未设置 O_NONBLOCK 时，读空管道才会阻塞；否则返回 0 或以 EAGAIN 失败。',
        },
      },
    },
    {
      id: 'pipes.shell-pipe-operator-uses-a-pipe',
      section: '匿名管道(Anonymous Pipes)',
      claim: {
        en: 'The shell’s | operator, as in ls -l | grep txt, is built on an anonymous pipe between the two commands.',
        zh: 'Shell 的 | 运算符（例如 ls -l | grep txt）是在两个命令之间用匿名管道实现的。',
      },
      status: 'pending',
      reason: {
        en: 'It needs a property the kit does not have: one that runs a shell pipeline and checks that the right-hand command’s standard input is a pipe (/proc/PID/fd/0 linking to pipe:[inode]). It is a fact about shells, not about the kernel.',
        zh: '需要本工具集尚未具备的属性：运行一个 shell 管道，检查右侧命令的标准输入是否为管道（/proc/PID/fd/0 指向 pipe:[inode]）。这是关于 shell 而非内核的事实。',
      },
    },
    {
      id: 'pipes.fifo-can-be-opened-by-any-process-through-its-name',
      section: '命名管道(Named Pipes/FIFOs)',
      claim: {
        en: 'A named pipe removes the kinship restriction: it has a name in the filesystem, and any process at all can reach it through that name.',
        zh: '命名管道去掉了亲缘关系的限制：它在文件系统中有名字，任何进程都能通过这个名字访问它。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'fifo.kin.unrelated-processes-communicate-through-the-path', supportsClaimWhen: 'passed' },
          { property: 'fifo.permissions.mode-is-enforced-for-another-uid', supportsClaimWhen: 'failed' },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'imprecise',
        reasoning: {
          en: 'Unrelated processes do meet through the path. “Any process” also needs the FIFO’s mode to be ignored; if a FIFO created with mode 0600 refuses another unprivileged user (EACCES), only processes allowed by its permission bits (and able to see its directory) can open it.',
          zh: '无亲缘关系的进程确实能通过路径相遇。但“任何进程”还要求 FIFO 的权限位不起作用；若以 0600 创建的 FIFO 拒绝另一个非特权用户（EACCES），就只有权限位允许（且能看到其所在目录）的进程才能打开它。',
        },
        correction: {
          en: 'Any process that can see the path and passes the FIFO’s permission check (its mode, after the umask, against the caller’s uid and gid) can open it; others get EACCES.',
          zh: '凡能看到该路径并通过 FIFO 权限检查（按调用者 uid/gid 对照经 umask 处理后的权限位）的进程都能打开它；其他进程得到 EACCES。',
        },
      },
    },
    {
      id: 'pipes.fifo-works-between-unrelated-processes',
      section: '命名管道(Named Pipes/FIFOs)',
      claim: {
        en: 'Processes with no family relationship can communicate through a named pipe.',
        zh: '没有亲缘关系的进程可以通过命名管道通信。',
      },
      status: 'decided',
      decision: {
        evidence: [{ property: 'fifo.kin.unrelated-processes-communicate-through-the-path', supportsClaimWhen: 'passed' }],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'Two processes that share no descriptor talking through a FIFO by opening its path is this claim exactly.',
          zh: '两个不共享任何描述符的进程通过打开 FIFO 路径进行通信，正是这一说法本身。',
        },
        correction: {
          en: 'Unrelated processes can use a FIFO by opening its path, provided its permissions allow them.',
          zh: '只要权限允许，无亲缘关系的进程可以通过打开路径使用 FIFO。',
        },
      },
    },
    {
      id: 'pipes.fifo-has-a-filesystem-path',
      section: '命名管道(Named Pipes/FIFOs)',
      claim: {
        en: 'A named pipe is represented by a path in the filesystem.',
        zh: '每个命名管道都以文件系统中的一个路径来表示。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'fifo.kin.unrelated-processes-communicate-through-the-path', supportsClaimWhen: 'passed' },
          { property: 'fifo.permissions.created-mode-is-masked-by-umask', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'mkfifo makes a node with a mode, like any file, and other processes reach the FIFO through that node’s path.',
          zh: 'mkfifo 像创建普通文件一样创建一个带权限位的节点，其他进程通过该节点的路径访问 FIFO。',
        },
        correction: {
          en: 'mkfifo(3) creates a FIFO special file at a path; opening that path gives access to the pipe.',
          zh: 'mkfifo(3) 在某个路径上创建 FIFO 特殊文件，打开该路径即可访问管道。',
        },
      },
    },
    {
      id: 'pipes.fifo-exists-until-explicitly-removed',
      section: '命名管道(Named Pipes/FIFOs)',
      claim: {
        en: 'A named pipe stays in existence until someone deletes it explicitly.',
        zh: '命名管道会一直留存，直到有人明确把它删掉。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'fifo.persistence.node-outlives-its-creator', supportsClaimWhen: 'passed' },
          { property: 'fifo.persistence.data-does-not-outlive-the-open-descriptors', supportsClaimWhen: 'failed' },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'imprecise',
        reasoning: {
          en: 'The tutorial defines persistence as data surviving the processes, so this reads as the FIFO keeping what is in it. The node does stay until unlinked; but if data written to a FIFO is lost once every descriptor is closed, only the name persists, not the contents, and the claim leaves that condition unsaid.',
          zh: '教程把持久性定义为进程结束后数据是否保留，因此这句话读起来像是 FIFO 会保存其中的内容。节点确实会保留到被 unlink 为止；但若所有描述符关闭后写入 FIFO 的数据就丢失了，那么持久的只是名字而不是内容，而这一条件教程没有说明。',
        },
        correction: {
          en: 'The FIFO node persists in the filesystem until unlinked, but it stores nothing: data is passed through the kernel and discarded when the last descriptor closes.',
          zh: 'FIFO 节点会一直留在文件系统中直到被 unlink，但它不保存任何内容：数据只在内核中传递，最后一个描述符关闭时即被丢弃。',
        },
      },
    },
    {
      id: 'pipes.fifo-otherwise-behaves-like-an-anonymous-pipe',
      section: '命名管道(Named Pipes/FIFOs)',
      claim: {
        en: 'Apart from having a name, a FIFO has the same characteristics as an anonymous pipe.',
        zh: '除了拥有名字之外，FIFO 的其他特性与匿名管道相同。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'fifo.direction.read-only-descriptor-cannot-write', supportsClaimWhen: 'passed' },
          { property: 'fifo.boundaries.two-writes-can-be-read-by-one-read', supportsClaimWhen: 'passed' },
          { property: 'fifo.capacity.default-is-16-pages', supportsClaimWhen: 'passed' },
          { property: 'fifo.atomicity.concurrent-writes-up-to-pipe-buf-never-interleave', supportsClaimWhen: 'passed' },
          { property: 'fifo.lifecycle.read-after-last-writer-closed-gives-eof', supportsClaimWhen: 'passed' },
          { property: 'fifo.lifecycle.write-after-last-reader-closed-raises-sigpipe', supportsClaimWhen: 'passed' },
          { property: 'fifo.direction.lseek-on-a-fifo-gives-espipe', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'Direction, byte-stream behaviour, default capacity, PIPE_BUF atomicity, end of file, SIGPIPE and the lack of a file offset (ESPIPE) are the pipe traits; if the FIFO shows each of them, it behaves like a pipe once open. Opening is where it differs: open() blocks until the other side opens too (see the example claim).',
          zh: '单向、字节流、默认容量、PIPE_BUF 原子性、文件结束、SIGPIPE 以及没有文件偏移量（ESPIPE）是管道的特性；若 FIFO 都具备，那么打开之后它的行为就与管道相同。不同之处在于打开：open() 会阻塞，直到另一方也打开（见示例相关说法）。',
        },
        correction: {
          en: 'Once opened, a FIFO behaves like a pipe; unlike a pipe, opening one end blocks until the other end is opened (unless O_NONBLOCK is used, or, on Linux, O_RDWR).',
          zh: '打开后 FIFO 的行为与管道相同；与管道不同的是，打开一端会阻塞到另一端也被打开（除非使用 O_NONBLOCK，或在 Linux 上使用 O_RDWR）。',
        },
      },
    },
    {
      id: 'pipes.fifo-example-works-whichever-side-starts-first',
      section: '命名管道(Named Pipes/FIFOs)',
      claim: {
        en: 'The two-terminal example works in either order: the writing command and the reading command can be started one after the other and still meet in the FIFO.',
        zh: '双终端示例与启动顺序无关：写入命令和读取命令可以先后启动，仍能在 FIFO 中对接。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'fifo.blocking.open-for-writing-blocks-until-a-reader-opens', supportsClaimWhen: 'passed' },
          { property: 'fifo.blocking.open-for-reading-blocks-until-a-writer-opens', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'The example only works because whichever side opens first waits in open() for the other: echo in terminal 1 hangs until cat opens the FIFO in terminal 2, and the other way round. The tutorial never says so, which surprises readers who start only the writer.',
          zh: '示例之所以可行，是因为先打开的一方会在 open() 中等待另一方：终端 1 的 echo 会一直挂起，直到终端 2 的 cat 打开 FIFO，反之亦然。教程没有说明这一点，只启动写入方的读者会感到意外。',
        },
        correction: {
          en: 'A blocking open of a FIFO for writing waits for a reader, and for reading waits for a writer; with O_NONBLOCK a writer without a reader gets ENXIO instead.',
          zh: '以阻塞方式为写打开 FIFO 会等待读者，为读打开会等待写者；使用 O_NONBLOCK 时，没有读者的写者会得到 ENXIO。',
        },
      },
    },
  ],
});

// Claims of the tutorial's performance table: one claim per cell that rates a mechanism (eight rows,
// four columns). The ratings are relative, so each claim says which relation between mechanisms the
// kit takes its rating to mean. No document states such a relation, so the kit does not check them
// as properties of the system: the run MEASURES each relation (specs/performance.spec.ts, reported
// but never failing a run) and the audit decides the claims here from those measurements
// (runners/claims/auditClaims.ts) — a paired measurement from its own record of the ratio asked
// about and the pairs that bore it out, a memory figure against the `bound` its evidence gives. The
// measurement ids name what is measured (`performance.latency.dbus-vs-unix-stream`), never the
// statement: the ratio a claim asks about is the `ratio` of its evidence, which the loader checks
// against the ratio the measurement counts its pairs against. The evidence found then carries the
// measured ratio and pair counts in one sentence. No claim carries a measured figure. The semaphore
// throughput cell (N/A) rates nothing and is recorded as untestable.
import { defineClaims } from './claimSchema.js';

const SECTION = '性能比较';

/** How a relative rating of time or CPU becomes something the kit can check; added to those claims. */
const TIERS = {
  en: 'The kit reads the ratings as relations between mechanisms measured back to back on the same machine, each relation decided on 11 paired repetitions of which 9 must agree. Mechanisms within a factor of 3 of each other form one tier; inside a tier the table’s finer steps (low against medium) are not a stable order, and the kit asserts none.',
  zh: '本工具集把评级理解为在同一台机器上先后紧接测量的机制之间的关系，每个关系由 11 次成对重复判定，其中须有 9 次一致。相差不到 3 倍的机制属于同一档；同一档内，对比表更细的级差（偏低与中等之比）并非稳定的先后顺序，本工具集不对其作任何断言。',
};

/** How the memory ratings become bounds per channel; added to those claims. */
const MEMORY_TIERS = {
  en: 'The kit reads the memory ratings as bounds on what one channel costs, measured over 256 channels that each hold one small message: very low is under an eighth of a page, low is at most two pages (a pipe’s buffer page plus its bookkeeping), anything above that is medium or high, and shared memory costs what it shares.',
  zh: '本工具集把内存评级理解为单条通道开销的上下界，测量 256 条各装有一条小消息的通道：极低指不到八分之一页，偏低指最多两页（管道的一页缓冲区加上管理结构），超出的即为中等或偏高，而共享内存的开销就是它所共享的大小。',
};

export default defineClaims({
  tutorial: 'ipc-tutorial.zh.md',
  claims: [
    {
      id: 'performance-comparison.pipe-latency-is-medium',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the latency of pipes at a medium level.',
        zh: '对比表认为管道的延迟处于中等水平。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'performance.latency.pipe-vs-shm-spin', supportsClaimWhen: 'passed', ratio: { atLeast: 4 } },
          { property: 'performance.latency.tcp-vs-unix-stream', supportsClaimWhen: 'passed', ratio: { atLeast: 1.3 } },
          { property: 'performance.latency.fifo-vs-pipe', supportsClaimWhen: 'passed', ratio: { within: 3 } },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: `Medium is read as a place between the column’s ends: a pipe round trip (a system call and a wake-up each way) must take more than four times as long as one through shared memory that both processes poll on two CPUs, which needs neither, and the network rating above it must show as loopback TCP taking at least 1.3 times as long as a UNIX stream socket, the local socket that shares the pipe’s tier. The table’s pipes include named ones: a FIFO round trip must be in the pipe’s tier, within a factor of 3. ${TIERS.en}`,
          zh: `中等被理解为该列两端之间的位置：管道往返（每个方向一次系统调用加一次唤醒）所需时间须超过两个进程在两个 CPU 上轮询共享内存往返的四倍（后者两者都不需要）；而高于它的网络评级须体现为回环 TCP 往返至少是 UNIX 流套接字往返的 1.3 倍，后者是与管道同档的本地套接字。表中的管道也包括命名管道：FIFO 往返须与管道同档，相差不到 3 倍。${TIERS.zh}`,
        },
        correction: {
          en: 'A pipe round trip is the reference of the kernel-mediated tier, shared with FIFOs, message queues, UNIX sockets, signals and semaphores; in this environment the column is not framed around it as the table says, with spinning shared memory far below and loopback TCP measurably above.',
          zh: '管道往返是经内核中转这一档的参照，与 FIFO、消息队列、UNIX 套接字、信号和信号量同属一档；在此环境中，该列并不像对比表所说的那样围绕它展开：自旋共享内存远低于它、回环 TCP 明显高于它，两者并未同时成立。',
        },
      },
    },
    {
      id: 'performance-comparison.pipe-throughput-is-medium',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the throughput of pipes at a medium level.',
        zh: '对比表认为管道的吞吐量处于中等水平。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'performance.throughput.unix-stream-vs-pipe', supportsClaimWhen: 'passed', ratio: { atLeast: 1 } },
          { property: 'performance.throughput.shm-sem-vs-pipe', supportsClaimWhen: 'passed', ratio: { atLeast: 1.5 } },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'imprecise',
        reasoning: {
          en: `Medium is read as: the mechanisms the table rates above the pipe really move bulk data faster. With 64 KiB writes a UNIX stream socket (rated high) must beat a pipe, and a shared-memory ring synchronised by semaphores (rated very high, synchronisation counted) must reach at least 1.5 times a pipe’s rate. ${TIERS.en}`,
          zh: `中等被理解为：对比表评得比管道高的机制传输大块数据确实更快。每次写 64 KiB 时，UNIX 流套接字（评为偏高）须快于管道，以信号量同步的共享内存环形缓冲区（评为极高，计入同步开销）须至少达到管道速率的 1.5 倍。${TIERS.zh}`,
        },
        correction: {
          en: 'A pipe moves bulk data at a rate close to the mechanisms rated above it: which of pipe, UNIX stream socket and shared-memory ring is fastest depends on the kernel, the write size and how often the sides wait for each other.',
          zh: '管道传输大块数据的速率与评级比它高的机制相近：管道、UNIX 流套接字与共享内存环形缓冲区谁最快，取决于内核、每次写入的大小以及双方相互等待的频率。',
        },
      },
    },
    {
      id: 'performance-comparison.pipe-cpu-is-low',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the CPU overhead of pipes at a low level.',
        zh: '对比表认为管道的 CPU 开销处于偏低的水平。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'performance.cpu.tcp-vs-unix-stream', supportsClaimWhen: 'passed', ratio: { atLeast: 1.3 } },
          { property: 'performance.cpu.unix-stream-vs-pipe', supportsClaimWhen: 'passed', ratio: { within: 3 } },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'imprecise',
        reasoning: {
          en: `Low is read as the tier of the local kernel mechanisms, below what the table rates high: the CPU time of a pipe round trip (both processes) must be within a factor of 3 of a UNIX stream socket’s, also rated low, and loopback TCP, rated high, must cost at least 1.3 times a UNIX stream socket. ${TIERS.en}`,
          zh: `偏低被理解为本地内核机制所在的一档，低于对比表评为偏高的机制：管道往返（两个进程合计）的 CPU 时间须与同样评为偏低的 UNIX 流套接字相差不到 3 倍，而评为偏高的回环 TCP 须至少是 UNIX 流套接字的 1.3 倍。${TIERS.zh}`,
        },
        correction: {
          en: 'A pipe round trip costs CPU time in the tier of the other local kernel mechanisms; on this system the line between that tier and loopback TCP, or between pipes and UNIX sockets, is not where the table draws it.',
          zh: '管道往返的 CPU 开销与其他本地内核机制同属一档；在本系统上，这一档与回环 TCP 之间、或管道与 UNIX 套接字之间的界线并不在对比表所画的位置。',
        },
      },
    },
    {
      id: 'performance-comparison.pipe-memory-is-low',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the memory overhead of pipes at a low level.',
        zh: '对比表认为管道的内存开销处于偏低的水平。',
      },
      status: 'decided',
      decision: {
        evidence: [{ property: 'performance.memory.pipe-channel', supportsClaimWhen: 'passed', bound: { atMost: { pages: 2 } } }],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: `${MEMORY_TIERS.en} A pipe holding a small message needs one buffer page and its kernel structures, so it must stay within two pages. An empty pipe can reserve room for 16 pages, but pages are only taken as data arrives.`,
          zh: `${MEMORY_TIERS.zh}装有一条小消息的管道需要一页缓冲区及其内核结构，因此须不超过两页。空管道可预留 16 页的空间，但只有数据到来时才真正占用页面。`,
        },
        correction: {
          en: 'A pipe holding data costs more than two pages per channel here; its cost grows with the data it holds, up to its capacity (16 pages by default).',
          zh: '在此环境中，装有数据的管道每条通道占用超过两页；其开销随所装数据增长，最多到其容量（默认 16 页）。',
        },
      },
    },
    {
      id: 'performance-comparison.signal-latency-is-low',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the latency of signals at a low level.',
        zh: '对比表认为信号的延迟处于偏低的水平。',
      },
      status: 'decided',
      decision: {
        evidence: [{ property: 'performance.latency.signal-vs-pipe', supportsClaimWhen: 'failed', ratio: { within: 3 } }],
        whenSupported: 'accurate',
        whenContradicted: 'imprecise',
        reasoning: {
          en: `Rating signals low against the pipe’s medium puts them a tier apart, so the claim is supported only if a signal answered by a signal (received with sigwaitinfo, no handler) leaves the pipe tier. Both ways cost a system call and a wake-up of the other process, so the kit expects one tier; whether a signal leaving it would fall below or above the pipe, the measured ratio says. ${TIERS.en}`,
          zh: `把信号评为偏低、管道评为中等，意味着两者相差一档，因此只有当以信号应答信号（用 sigwaitinfo 接收，不用处理函数）的往返离开管道这一档时，才支持该说法。两种方式都要一次系统调用并唤醒对方进程，所以本工具集预期它们同属一档；离开这一档的信号落在管道之下还是之上，由测得的比值说明。${TIERS.zh}`,
        },
        correction: {
          en: 'A signal round trip costs about what a pipe round trip costs, since both are a system call and a wake-up: signals are not the faster way to notify, and they carry at most one word of data.',
          zh: '信号往返的开销与管道往返大致相当，因为两者都是一次系统调用加一次唤醒：信号并不是更快的通知方式，而且最多只能携带一个字的数据。',
        },
      },
    },
    {
      id: 'performance-comparison.signal-throughput-is-very-low',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the throughput of signals at a very low level.',
        zh: '对比表认为信号的吞吐量处于极低的水平。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'performance.rate.sysv-msg-vs-signal-rt', supportsClaimWhen: 'passed', ratio: { atLeast: 1.3 } },
          { property: 'signal.ordering.queued-realtime-signals-arrive-in-sending-order-with-their-values', supportsClaimWhen: 'passed' },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: 'A signal carries at most one word: the value given to sigqueue (a plain signal carries only its number). Its data rate is therefore a few bytes times the rate of signals. The kit checks that the values do arrive, so that signals are counted as carriers of data, and then that a System V message queue carrying the same 4 bytes per message delivers at least 1.3 times as many messages per second as real-time signals. Together: little data per signal and no faster delivery, which is what very low means.',
          zh: '一个信号最多携带一个字：即传给 sigqueue 的值（普通信号只带其编号）。因此其数据速率就是信号速率乘以几个字节。本工具集先检查这些值确实送达，使信号可以算作数据载体，再检查每条消息同样携带 4 字节的 System V 消息队列，每秒递送的消息至少是实时信号的 1.3 倍。两者合起来：每个信号数据很少，递送也不更快，这正是“极低”的含义。',
        },
        correction: {
          en: 'Real-time signals carry one word each (sigqueue) and are delivered at a rate not clearly below a message queue’s; their throughput is limited by their tiny payload, not by slow delivery.',
          zh: '实时信号每个携带一个字（sigqueue），其递送速率并不明显低于消息队列；限制其吞吐量的是极小的负载，而不是递送慢。',
        },
      },
    },
    {
      id: 'performance-comparison.signal-cpu-is-low',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the CPU overhead of signals at a low level.',
        zh: '对比表认为信号的 CPU 开销处于偏低的水平。',
      },
      status: 'decided',
      decision: {
        evidence: [{ property: 'performance.cpu.signal-vs-pipe', supportsClaimWhen: 'passed', ratio: { within: 3 } }],
        whenSupported: 'accurate',
        whenContradicted: 'imprecise',
        reasoning: {
          en: `The table rates signals and pipes alike (low), so the kit expects the CPU time of a signal answered by a signal to be within a factor of 3 of a pipe round trip’s. ${TIERS.en}`,
          zh: `对比表对信号与管道的评级相同（偏低），因此本工具集预期以信号应答信号的 CPU 时间与管道往返相差不到 3 倍。${TIERS.zh}`,
        },
        correction: {
          en: 'On this system a signal exchange does not cost CPU time in the pipe’s tier: delivering a signal is not as cheap as the table’s rating suggests.',
          zh: '在本系统上，信号交换的 CPU 开销不在管道这一档：递送信号并不像对比表评级所暗示的那样便宜。',
        },
      },
    },
    {
      id: 'performance-comparison.signal-memory-is-very-low',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the memory overhead of signals at a very low level.',
        zh: '对比表认为信号的内存开销处于极低的水平。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'performance.memory.queued-realtime-signal', supportsClaimWhen: 'passed', bound: { atMost: { pages: 0.125 } } },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: `${MEMORY_TIERS.en} A queued real-time signal is one small kernel record with its sender and value, so it must cost under an eighth of a page.`,
          zh: `${MEMORY_TIERS.zh}一个排队的实时信号只是一条记录发送者和值的小型内核记录，因此须不到八分之一页。`,
        },
        correction: {
          en: 'A queued real-time signal costs more kernel memory here than the very-low rating allows; the number of queued signals is in any case bounded by RLIMIT_SIGPENDING.',
          zh: '在此环境中，一个排队的实时信号占用的内核内存超出了“极低”所允许的范围；排队信号的数量无论如何都受 RLIMIT_SIGPENDING 限制。',
        },
      },
    },
    {
      id: 'performance-comparison.message-queue-latency-is-medium',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the latency of message queues at a medium level.',
        zh: '对比表认为消息队列的延迟处于中等水平。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'performance.latency.sysv-msg-vs-pipe', supportsClaimWhen: 'passed', ratio: { within: 3 } },
          { property: 'performance.latency.posix-mq-vs-pipe', supportsClaimWhen: 'passed', ratio: { within: 3 } },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'imprecise',
        reasoning: {
          en: `The table rates message queues and pipes alike (medium), so the kit expects the round trip of a small message through a System V message queue, and through a POSIX message queue (the table’s row covers both kinds), within a factor of 3 of a pipe’s: each copies the message into the kernel and wakes the receiver. ${TIERS.en}`,
          zh: `对比表对消息队列与管道的评级相同（中等），因此本工具集预期经 System V 消息队列以及经 POSIX 消息队列（表中这一行涵盖两种队列）传递小消息的往返与管道相差不到 3 倍：它们都把消息拷入内核并唤醒接收方。${TIERS.zh}`,
        },
        correction: {
          en: 'On this system a message queue round trip is not in the pipe’s tier, so rating both medium hides a real difference between them.',
          zh: '在本系统上，消息队列往返不在管道这一档，把两者都评为中等掩盖了它们之间的实际差别。',
        },
      },
    },
    {
      id: 'performance-comparison.message-queue-throughput-is-medium',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the throughput of message queues at a medium level.',
        zh: '对比表认为消息队列的吞吐量处于中等水平。',
      },
      status: 'decided',
      decision: {
        evidence: [{ property: 'performance.rate.sysv-msg-vs-unix-dgram', supportsClaimWhen: 'failed', ratio: { within: 3 } }],
        whenSupported: 'accurate',
        whenContradicted: 'imprecise',
        reasoning: {
          en: `Rating message queues medium against the UNIX sockets’ high puts them a tier apart. The fair partner is a UNIX datagram socket, which also keeps message boundaries: the claim is supported only if a System V queue’s rate of 4 KiB messages leaves a factor of 3 of the socket’s. Both copy each message into the kernel and out again, so the kit expects one tier. ${TIERS.en}`,
          zh: `把消息队列评为中等、UNIX 套接字评为偏高，意味着两者相差一档。公平的对照是同样保留消息边界的 UNIX 数据报套接字：只有当 System V 队列递送 4 KiB 消息的速率与该套接字相差超过 3 倍时，才支持该说法。两者都把每条消息拷入内核再拷出，所以本工具集预期它们同属一档。${TIERS.zh}`,
        },
        correction: {
          en: 'A System V message queue delivers messages at a rate in the same tier as a UNIX datagram socket; the table’s step between queues and UNIX sockets is not a stable difference.',
          zh: 'System V 消息队列递送消息的速率与 UNIX 数据报套接字属于同一档；对比表在消息队列与 UNIX 套接字之间画出的级差并不是稳定的差别。',
        },
      },
    },
    {
      id: 'performance-comparison.message-queue-cpu-is-medium',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the CPU overhead of message queues at a medium level.',
        zh: '对比表认为消息队列的 CPU 开销处于中等水平。',
      },
      status: 'decided',
      decision: {
        evidence: [{ property: 'performance.cpu.sysv-msg-vs-pipe', supportsClaimWhen: 'failed', ratio: { within: 3 } }],
        whenSupported: 'accurate',
        whenContradicted: 'imprecise',
        reasoning: {
          en: `Rating message queues medium against the pipe’s low puts them a tier apart, so the claim is supported only if the CPU time of a System V message queue round trip leaves a factor of 3 of a pipe’s. A queue does the same work as a pipe (copy in, wake up, copy out) plus a search by message type, so the kit expects one tier; the tier property does not say on which side a queue leaving it would fall, its observation does. ${TIERS.en}`,
          zh: `把消息队列评为中等、管道评为偏低，意味着两者相差一档，因此只有当 System V 消息队列往返的 CPU 时间与管道相差超过 3 倍时，才支持该说法。队列做的工作与管道相同（拷入、唤醒、拷出），外加按消息类型查找，所以本工具集预期它们同属一档；档位属性本身并不说明离开这一档的队列落在哪一侧，其观测值会说明。${TIERS.zh}`,
        },
        correction: {
          en: 'A message queue round trip costs CPU time in the same tier as a pipe round trip; the table’s step between them is not a stable difference.',
          zh: '消息队列往返的 CPU 开销与管道往返属于同一档；对比表在两者之间画出的级差并不是稳定的差别。',
        },
      },
    },
    {
      id: 'performance-comparison.message-queue-memory-is-medium',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the memory overhead of message queues at a medium level.',
        zh: '对比表认为消息队列的内存开销处于中等水平。',
      },
      status: 'decided',
      decision: {
        evidence: [{ property: 'performance.memory.sysv-message-queue', supportsClaimWhen: 'failed', bound: { atMost: { pages: 1 } } }],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: `${MEMORY_TIERS.en} Medium against the pipe’s low means a queue costs more than a pipe, whose buffer alone takes a page once it holds data. A System V queue holding a small message keeps a queue record, a message header and the text, no page-sized buffer, so if it costs at most one page it cannot be above the pipe.`,
          zh: `${MEMORY_TIERS.zh}相对于管道的偏低而言，中等意味着队列比管道更占内存，而管道一旦装有数据，仅缓冲区就占一页。装有一条小消息的 System V 队列只保存一条队列记录、一个消息头和消息正文，并无整页的缓冲区，所以如果它最多占一页，就不可能高于管道。`,
        },
        correction: {
          en: 'A message queue costs memory in proportion to the messages it holds: holding a small message it takes less than a pipe, whose buffer is a whole page; the total is bounded by msgmnb per queue.',
          zh: '消息队列的内存开销与其所装消息成正比：装一条小消息时比缓冲区为整页的管道占用更少；每个队列的总量受 msgmnb 限制。',
        },
      },
    },
    {
      id: 'performance-comparison.shared-memory-latency-is-very-low',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the latency of shared memory at a very low level.',
        zh: '对比表认为共享内存的延迟处于极低的水平。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'performance.latency.pipe-vs-shm-spin', supportsClaimWhen: 'passed', ratio: { atLeast: 4 } },
          { property: 'performance.latency.shm-sem-vs-pipe', supportsClaimWhen: 'passed', ratio: { within: 3 } },
        ],
        whenSupported: 'imprecise',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: `Very low holds for one arrangement only, which the table does not name: both processes spin on a flag in the segment, each on its own CPU, and a round trip then takes under a quarter of a pipe’s, because it needs no system call and no wake-up. That keeps two CPUs busy for the whole wait. Shared memory that waits the usual way, on a semaphore per direction, is in the pipe’s tier, since the semaphore is itself a system call and a wake-up. ${TIERS.en}`,
          zh: `“极低”只在对比表没有点明的一种用法下成立：两个进程各占一个 CPU，在共享段中的标志上自旋，此时往返所需时间不到管道的四分之一，因为既无系统调用也无唤醒。代价是整个等待期间两个 CPU 都处于忙碌状态。按常规方式等待的共享内存（每个方向一个信号量）与管道同属一档，因为信号量本身就是一次系统调用加一次唤醒。${TIERS.zh}`,
        },
        correction: {
          en: 'Shared memory gives a round trip far below a pipe’s only when both sides busy-poll on separate CPUs, at the price of two busy CPUs; waiting on semaphores puts it in the pipe’s tier.',
          zh: '只有双方在不同 CPU 上忙等轮询时，共享内存的往返延迟才远低于管道，代价是两个 CPU 一直忙碌；若用信号量等待，它与管道同属一档。',
        },
      },
    },
    {
      id: 'performance-comparison.shared-memory-throughput-is-very-high',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the throughput of shared memory at a very high level.',
        zh: '对比表认为共享内存的吞吐量处于极高的水平。',
      },
      status: 'decided',
      decision: {
        evidence: [{ property: 'performance.throughput.shm-sem-vs-pipe', supportsClaimWhen: 'passed', ratio: { atLeast: 1.5 } }],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: `The kit measures shared memory the way bulk data is moved through it: a ring into which the writer copies 64 KiB chunks and out of which the reader copies them, synchronised by semaphores, so the cost of synchronising is counted. Very high is read as at least 1.5 times a pipe’s rate: the data never passes through the kernel. A segment that both sides just map moves nothing by itself, so it cannot be the measure. ${TIERS.en}`,
          zh: `本工具集按通过共享内存搬运大块数据的实际方式来测量：写者把 64 KiB 的数据块拷入环形缓冲区，读者再拷出，以信号量同步，因此同步开销被计算在内。“极高”被理解为至少达到管道速率的 1.5 倍：数据从不经过内核。双方仅仅映射同一段并不会搬运任何数据，所以不能作为衡量标准。${TIERS.zh}`,
        },
        correction: {
          en: 'With its synchronisation counted, a shared-memory ring does not move bulk data clearly faster than a pipe here; its lead depends on the chunk size and on how often the two sides wait for each other.',
          zh: '计入同步开销后，共享内存环形缓冲区在此环境中传输大块数据并不明显快于管道；其优势取决于数据块大小以及双方相互等待的频率。',
        },
      },
    },
    {
      id: 'performance-comparison.shared-memory-cpu-is-very-low',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the CPU overhead of shared memory at a very low level.',
        zh: '对比表认为共享内存的 CPU 开销处于极低的水平。',
      },
      status: 'decided',
      decision: {
        evidence: [{ property: 'performance.cpu.shm-sem-vs-pipe', supportsClaimWhen: 'failed', ratio: { within: 3 } }],
        whenSupported: 'accurate',
        whenContradicted: 'imprecise',
        reasoning: {
          en: `Rating shared memory very low against the pipe’s low puts it a tier apart, so the claim is supported only if the CPU time of a round trip through shared memory with a semaphore per direction leaves a factor of 3 of a pipe’s. The semaphore costs a system call and a wake-up per message, as a pipe does, so the kit expects one tier; and the way to avoid system calls, spinning, keeps whole CPUs busy, the opposite of a low cost. Only the copy itself is cheaper. ${TIERS.en}`,
          zh: `把共享内存评为极低、管道评为偏低，意味着两者相差一档，因此只有当每个方向配一个信号量的共享内存往返的 CPU 时间与管道相差超过 3 倍时，才支持该说法。信号量每条消息要一次系统调用加一次唤醒，与管道相同，所以本工具集预期它们同属一档；而避开系统调用的办法——自旋——会让整个 CPU 保持忙碌，与低开销恰恰相反。真正更便宜的只有拷贝本身。${TIERS.zh}`,
        },
        correction: {
          en: 'Shared memory saves the kernel copy but not the synchronisation: with semaphores its CPU cost per exchange is in the pipe’s tier, and busy-polling instead costs whole CPUs.',
          zh: '共享内存省掉了内核拷贝，却省不掉同步：使用信号量时每次交换的 CPU 开销与管道同属一档，改用忙等轮询则要耗掉整个 CPU。',
        },
      },
    },
    {
      id: 'performance-comparison.shared-memory-memory-is-high',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the memory overhead of shared memory at a high level.',
        zh: '对比表认为共享内存的内存开销处于偏高的水平。',
      },
      status: 'decided',
      decision: {
        evidence: [{ property: 'performance.memory.sysv-shared-memory-segment', supportsClaimWhen: 'passed', bound: { atLeast: 65536 } }],
        whenSupported: 'imprecise',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: `${MEMORY_TIERS.en} A touched segment costs at least its own size, once for all the processes that map it: memory is paid per byte shared, not per message. High is therefore true only of big segments; a small segment costs a page or two, and the table leaves the size unsaid.`,
          zh: `${MEMORY_TIERS.zh}被访问过的共享段至少占用其自身大小，且映射它的所有进程只付一次：内存按共享的字节计，而不是按消息计。因此“偏高”只对大段成立；小段只占一两页，而对比表没有说明段的大小。`,
        },
        correction: {
          en: 'Shared memory costs the size of the segment, once for every process mapping it: little for a small segment, a lot for a big one, and no per-message overhead.',
          zh: '共享内存的开销就是段的大小，所有映射它的进程共付一次：小段很少，大段很多，且没有按消息计的开销。',
        },
      },
    },
    {
      id: 'performance-comparison.semaphore-latency-is-low',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the latency of semaphores at a low level.',
        zh: '对比表认为信号量的延迟处于偏低的水平。',
      },
      status: 'decided',
      decision: {
        evidence: [{ property: 'performance.latency.sysv-sem-vs-pipe', supportsClaimWhen: 'failed', ratio: { within: 3 } }],
        whenSupported: 'accurate',
        whenContradicted: 'imprecise',
        reasoning: {
          en: `Rating semaphores low against the pipe’s medium puts them a tier apart, so the claim is supported only if a System V semaphore handed back and forth leaves a factor of 3 of a pipe round trip. A semop that has to wait is a system call and a wake-up, just like a pipe read, so the kit expects one tier; the tier property does not say on which side a semaphore leaving it would fall, its observation does. ${TIERS.en}`,
          zh: `把信号量评为偏低、管道评为中等，意味着两者相差一档，因此只有当来回传递的 System V 信号量的往返与管道相差超过 3 倍时，才支持该说法。需要等待的 semop 是一次系统调用加一次唤醒，与读管道一样，所以本工具集预期它们同属一档；档位属性本身并不说明离开这一档的信号量落在哪一侧，其观测值会说明。${TIERS.zh}`,
        },
        correction: {
          en: 'Handing a semaphore to another process and back takes about as long as a pipe round trip: both are a system call and a wake-up.',
          zh: '把信号量交给另一个进程再交回来，所需时间与管道往返大致相当：两者都是一次系统调用加一次唤醒。',
        },
      },
    },
    {
      id: 'performance-comparison.semaphore-cpu-is-low',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the CPU overhead of semaphores at a low level.',
        zh: '对比表认为信号量的 CPU 开销处于偏低的水平。',
      },
      status: 'decided',
      decision: {
        evidence: [{ property: 'performance.cpu.sysv-sem-vs-pipe', supportsClaimWhen: 'passed', ratio: { within: 3 } }],
        whenSupported: 'accurate',
        whenContradicted: 'imprecise',
        reasoning: {
          en: `The table rates semaphores and pipes alike (low), so the kit expects the CPU time of a System V semaphore handed back and forth within a factor of 3 of a pipe round trip’s. ${TIERS.en}`,
          zh: `对比表对信号量与管道的评级相同（偏低），因此本工具集预期来回传递 System V 信号量的 CPU 时间与管道往返相差不到 3 倍。${TIERS.zh}`,
        },
        correction: {
          en: 'On this system a semaphore exchange does not cost CPU time in the pipe’s tier, so rating both low hides a real difference between them.',
          zh: '在本系统上，信号量交换的 CPU 开销不在管道这一档，把两者都评为偏低掩盖了它们之间的实际差别。',
        },
      },
    },
    {
      id: 'performance-comparison.semaphore-memory-is-low',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the memory overhead of semaphores at a low level.',
        zh: '对比表认为信号量的内存开销处于偏低的水平。',
      },
      status: 'decided',
      decision: {
        evidence: [{ property: 'performance.memory.sysv-semaphore-set', supportsClaimWhen: 'passed', bound: { atMost: { pages: 0.25 } } }],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: `${MEMORY_TIERS.en} A set of one System V semaphore is a small kernel record holding the value and its permissions, so it must cost under a quarter of a page, well inside the low bound.`,
          zh: `${MEMORY_TIERS.zh}只含一个 System V 信号量的信号量集是一条保存其值与权限的小型内核记录，因此须不到四分之一页，远在“偏低”的界限之内。`,
        },
        correction: {
          en: 'A semaphore set costs more kernel memory here than a small record should; its cost grows with the number of semaphores in the set.',
          zh: '在此环境中，信号量集占用的内核内存超过了一条小型记录应有的大小；其开销随集中信号量的数目增长。',
        },
      },
    },
    {
      id: 'performance-comparison.unix-socket-latency-is-low',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the latency of UNIX-domain sockets at a low level.',
        zh: '对比表认为 UNIX 域套接字的延迟处于偏低的水平。',
      },
      status: 'decided',
      decision: {
        evidence: [{ property: 'performance.latency.unix-stream-vs-pipe', supportsClaimWhen: 'failed', ratio: { within: 3 } }],
        whenSupported: 'accurate',
        whenContradicted: 'imprecise',
        reasoning: {
          en: `Rating UNIX sockets low against the pipe’s medium puts them a tier apart, so the claim is supported only if a UNIX stream socket round trip of a small message leaves a factor of 3 of a pipe’s. Both copy into a kernel buffer and wake the reader, so the kit expects one tier; the tier property does not say on which side a socket leaving it would fall, its observation does. ${TIERS.en}`,
          zh: `把 UNIX 套接字评为偏低、管道评为中等，意味着两者相差一档，因此只有当 UNIX 流套接字传递小消息的往返与管道相差超过 3 倍时，才支持该说法。两者都拷入内核缓冲区并唤醒读者，所以本工具集预期它们同属一档；档位属性本身并不说明离开这一档的套接字落在哪一侧，其观测值会说明。${TIERS.zh}`,
        },
        correction: {
          en: 'A UNIX stream socket round trip takes about as long as a pipe round trip; the table’s step between them is not a stable difference.',
          zh: 'UNIX 流套接字往返所需时间与管道往返大致相当；对比表在两者之间画出的级差并不是稳定的差别。',
        },
      },
    },
    {
      id: 'performance-comparison.unix-socket-throughput-is-high',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the throughput of UNIX-domain sockets at a high level.',
        zh: '对比表认为 UNIX 域套接字的吞吐量处于偏高的水平。',
      },
      status: 'decided',
      decision: {
        evidence: [{ property: 'performance.throughput.unix-stream-vs-pipe', supportsClaimWhen: 'passed', ratio: { atLeast: 1 } }],
        whenSupported: 'accurate',
        whenContradicted: 'imprecise',
        reasoning: {
          en: `High against the pipe’s medium is read as an order, not a tier: with 64 KiB writes a UNIX stream socket must move bulk data faster than a pipe. The margin asked for is only “faster”; the two remain one tier. ${TIERS.en}`,
          zh: `相对于管道的中等而言，偏高被理解为先后顺序而非档位：每次写 64 KiB 时，UNIX 流套接字传输大块数据须快于管道。所要求的幅度只是“更快”；两者仍属同一档。${TIERS.zh}`,
        },
        correction: {
          en: 'UNIX stream sockets and pipes move bulk data at comparable rates; which one is faster depends on the kernel and the write size.',
          zh: 'UNIX 流套接字与管道传输大块数据的速率相当；谁更快取决于内核与每次写入的大小。',
        },
      },
    },
    {
      id: 'performance-comparison.unix-socket-cpu-is-low',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the CPU overhead of UNIX-domain sockets at a low level.',
        zh: '对比表认为 UNIX 域套接字的 CPU 开销处于偏低的水平。',
      },
      status: 'decided',
      decision: {
        evidence: [{ property: 'performance.cpu.unix-stream-vs-pipe', supportsClaimWhen: 'passed', ratio: { within: 3 } }],
        whenSupported: 'accurate',
        whenContradicted: 'imprecise',
        reasoning: {
          en: `The table rates UNIX sockets and pipes alike (low), so the kit expects the CPU time of a UNIX stream socket round trip within a factor of 3 of a pipe’s. ${TIERS.en}`,
          zh: `对比表对 UNIX 套接字与管道的评级相同（偏低），因此本工具集预期 UNIX 流套接字往返的 CPU 时间与管道相差不到 3 倍。${TIERS.zh}`,
        },
        correction: {
          en: 'On this system a UNIX stream socket round trip does not cost CPU time in the pipe’s tier, so rating both low hides a real difference between them.',
          zh: '在本系统上，UNIX 流套接字往返的 CPU 开销不在管道这一档，把两者都评为偏低掩盖了它们之间的实际差别。',
        },
      },
    },
    {
      id: 'performance-comparison.unix-socket-memory-is-medium',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the memory overhead of UNIX-domain sockets at a medium level.',
        zh: '对比表认为 UNIX 域套接字的内存开销处于中等水平。',
      },
      status: 'decided',
      decision: {
        evidence: [{ property: 'performance.memory.unix-stream-pair', supportsClaimWhen: 'failed', bound: { atMost: { pages: 2 } } }],
        whenSupported: 'accurate',
        whenContradicted: 'imprecise',
        reasoning: {
          en: `${MEMORY_TIERS.en} Medium against the pipe’s low means a connected pair costs more than the two pages that bound a pipe. A pair holding a small message is two socket structures and one small buffer, so the kit expects it within two pages, in the pipe’s tier; the buffers it may grow to (SO_SNDBUF) are a ceiling, not a cost paid up front.`,
          zh: `${MEMORY_TIERS.zh}相对于管道的偏低而言，中等意味着一对已连接的套接字占用超过管道的两页上限。装有一条小消息的一对套接字只是两个套接字结构加一块小缓冲区，所以本工具集预期它不超过两页，与管道同档；缓冲区可增长到的大小（SO_SNDBUF）只是上限，而不是预先支付的开销。`,
        },
        correction: {
          en: 'A connected UNIX stream pair holding little data costs about what a pipe costs; its buffers grow only with the data queued, up to the socket buffer limits.',
          zh: '装有少量数据的一对已连接 UNIX 流套接字，其开销与管道大致相当；缓冲区只随排队的数据增长，最多到套接字缓冲区的上限。',
        },
      },
    },
    {
      id: 'performance-comparison.network-socket-latency-is-high',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the latency of network sockets at a high level.',
        zh: '对比表认为网络套接字的延迟处于偏高的水平。',
      },
      status: 'decided',
      decision: {
        evidence: [{ property: 'performance.latency.tcp-vs-unix-stream', supportsClaimWhen: 'passed', ratio: { atLeast: 1.3 } }],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: `High is read as measurably above the local sockets: a TCP round trip over loopback pays for the IP stack and must take at least 1.3 times as long as a UNIX stream socket round trip. Only loopback is measured; across a real network the link’s own delay comes on top, which no local bench can rate. ${TIERS.en}`,
          zh: `偏高被理解为明显高于本地套接字：经回环接口的 TCP 往返要为 IP 协议栈付出代价，所需时间须至少是 UNIX 流套接字往返的 1.3 倍。这里只测量回环；跨越真实网络时还要加上链路本身的延迟，这是本地基准测试无法评级的。${TIERS.zh}`,
        },
        correction: {
          en: 'Over loopback a TCP round trip is not clearly slower than a UNIX-socket round trip here; network latency becomes high only when a real network is crossed.',
          zh: '在此环境中，经回环接口的 TCP 往返并不明显慢于 UNIX 套接字往返；只有跨越真实网络时，网络延迟才会变高。',
        },
      },
    },
    {
      id: 'performance-comparison.network-socket-throughput-is-medium',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the throughput of network sockets at a medium level.',
        zh: '对比表认为网络套接字的吞吐量处于中等水平。',
      },
      status: 'decided',
      decision: {
        evidence: [{ property: 'performance.throughput.tcp-vs-pipe', supportsClaimWhen: 'passed', ratio: { within: 3 } }],
        whenSupported: 'accurate',
        whenContradicted: 'imprecise',
        reasoning: {
          en: `The table rates network sockets and pipes alike (medium), so the kit expects TCP over loopback to move bulk data (64 KiB writes) within a factor of 3 of a pipe’s rate. Only loopback is measured: over a real network the link sets the rate. ${TIERS.en}`,
          zh: `对比表对网络套接字与管道的评级相同（中等），因此本工具集预期经回环接口的 TCP 传输大块数据（每次写 64 KiB）的速率与管道相差不到 3 倍。这里只测量回环：在真实网络上，速率由链路决定。${TIERS.zh}`,
        },
        correction: {
          en: 'TCP over loopback does not move bulk data in the pipe’s tier here; over a real network the rate is set by the link, not by the socket.',
          zh: '在此环境中，经回环接口的 TCP 传输大块数据的速率不在管道这一档；在真实网络上，速率由链路而非套接字决定。',
        },
      },
    },
    {
      id: 'performance-comparison.network-socket-cpu-is-high',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the CPU overhead of network sockets at a high level.',
        zh: '对比表认为网络套接字的 CPU 开销处于偏高的水平。',
      },
      status: 'decided',
      decision: {
        evidence: [{ property: 'performance.cpu.tcp-vs-unix-stream', supportsClaimWhen: 'passed', ratio: { atLeast: 1.3 } }],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: `High is read as measurably above the local sockets: a TCP round trip over loopback runs the IP and TCP layers on both sides and must cost the two processes at least 1.3 times the CPU time of a UNIX stream socket round trip. ${TIERS.en}`,
          zh: `偏高被理解为明显高于本地套接字：经回环接口的 TCP 往返在两端都要经过 IP 与 TCP 协议层，两个进程耗费的 CPU 时间须至少是 UNIX 流套接字往返的 1.3 倍。${TIERS.zh}`,
        },
        correction: {
          en: 'Over loopback a TCP round trip does not cost clearly more CPU time than a UNIX-socket round trip here; the IP stack’s cost is smaller than the rating suggests.',
          zh: '在此环境中，经回环接口的 TCP 往返耗费的 CPU 时间并不明显多于 UNIX 套接字往返；IP 协议栈的开销比评级所暗示的要小。',
        },
      },
    },
    {
      id: 'performance-comparison.network-socket-memory-is-medium',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the memory overhead of network sockets at a medium level.',
        zh: '对比表认为网络套接字的内存开销处于中等水平。',
      },
      status: 'decided',
      decision: {
        evidence: [
          { property: 'performance.memory.tcp-loopback-connection', supportsClaimWhen: 'failed', bound: { atMost: { pages: 2 } } },
        ],
        whenSupported: 'accurate',
        whenContradicted: 'imprecise',
        reasoning: {
          en: `${MEMORY_TIERS.en} Medium against the pipe’s low means a connection costs more than the two pages that bound a pipe. A loopback TCP connection holding a small message is two sockets with their protocol state and one small buffer, so the kit checks whether both ends together stay within two pages; the buffer sizes TCP may grow to are a ceiling, not a cost paid up front.`,
          zh: `${MEMORY_TIERS.zh}相对于管道的偏低而言，中等意味着一条连接占用超过管道的两页上限。装有一条小消息的回环 TCP 连接是两个带协议状态的套接字加一块小缓冲区，所以本工具集检查两端合计是否不超过两页；TCP 缓冲区可增长到的大小只是上限，而不是预先支付的开销。`,
        },
        correction: {
          en: 'A loopback TCP connection holding little data costs about what a pipe costs; its buffers grow only with the data queued, up to the limits in tcp_rmem and tcp_wmem.',
          zh: '装有少量数据的回环 TCP 连接，其开销与管道大致相当；缓冲区只随排队的数据增长，最多到 tcp_rmem 与 tcp_wmem 规定的上限。',
        },
      },
    },
    {
      id: 'performance-comparison.dbus-latency-is-high',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the latency of D-Bus at a high level.',
        zh: '对比表认为 D-Bus 的延迟处于偏高的水平。',
      },
      status: 'decided',
      decision: {
        evidence: [{ property: 'performance.latency.dbus-vs-unix-stream', supportsClaimWhen: 'passed', ratio: { atLeast: 3 } }],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: `High is read as a tier above the kernel mechanisms: a D-Bus method call travels from the caller to the bus daemon, on to the service and back the same way, with the message marshalled and routed at each step, so it must take at least 3 times as long as a UNIX stream socket round trip. ${TIERS.en}`,
          zh: `偏高被理解为比内核机制高出一档：D-Bus 方法调用从调用方到总线守护进程，再到服务方，然后原路返回，每一步都要编组与路由消息，因此所需时间须至少是 UNIX 流套接字往返的 3 倍。${TIERS.zh}`,
        },
        correction: {
          en: 'A D-Bus method call relays through the bus daemon, yet here it does not take a tier longer than a direct UNIX socket round trip; how far it lags depends on the daemon and the client library.',
          zh: 'D-Bus 方法调用要经总线守护进程中转，但在此环境中它并不比直接的 UNIX 套接字往返慢出一档；落后多少取决于守护进程与客户端库。',
        },
      },
    },
    {
      id: 'performance-comparison.dbus-throughput-is-low',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the throughput of D-Bus at a low level.',
        zh: '对比表认为 D-Bus 的吞吐量处于偏低的水平。',
      },
      status: 'decided',
      decision: {
        evidence: [{ property: 'performance.throughput.unix-stream-vs-dbus', supportsClaimWhen: 'passed', ratio: { atLeast: 10 } }],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: `Low is read as well below the local sockets: bulk data sent as D-Bus method calls of 64 KB each, every one relayed by the bus daemon and answered, must arrive at under a tenth of a UNIX stream socket’s rate. ${TIERS.en}`,
          zh: `偏低被理解为远低于本地套接字：以每次 64 KB 的 D-Bus 方法调用发送大块数据，每次调用都经总线守护进程中转并等待应答，其速率须不到 UNIX 流套接字的十分之一。${TIERS.zh}`,
        },
        correction: {
          en: 'Bulk data over D-Bus pays for the daemon relay and the marshalling, but here it stays within a tenth of a direct UNIX socket; D-Bus is still meant for control messages, with a file descriptor passed for bulk data.',
          zh: '通过 D-Bus 传输大块数据要为守护进程中转和编组付出代价，但在此环境中其速率并未低到直接 UNIX 套接字的十分之一以下；D-Bus 仍应用于控制消息，大块数据应通过传递文件描述符来传输。',
        },
      },
    },
    {
      id: 'performance-comparison.dbus-cpu-is-high',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the CPU overhead of D-Bus at a high level.',
        zh: '对比表认为 D-Bus 的 CPU 开销处于偏高的水平。',
      },
      status: 'decided',
      decision: {
        evidence: [{ property: 'performance.cpu.dbus-vs-unix-stream', supportsClaimWhen: 'passed', ratio: { atLeast: 3 } }],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: `High is read as a tier above the kernel mechanisms: the caller, the service and the bus daemon together, marshalling and routing every message, must spend at least 3 times the CPU time of a UNIX stream socket round trip per method call. ${TIERS.en}`,
          zh: `偏高被理解为比内核机制高出一档：每次方法调用，调用方、服务方与总线守护进程合计（每条消息都要编组与路由）耗费的 CPU 时间须至少是 UNIX 流套接字往返的 3 倍。${TIERS.zh}`,
        },
        correction: {
          en: 'A D-Bus method call, bus daemon included, does not cost a tier more CPU time than a UNIX socket round trip here; its cost depends on the daemon and the client library.',
          zh: '在此环境中，一次 D-Bus 方法调用（含总线守护进程）耗费的 CPU 时间并不比 UNIX 套接字往返高出一档；其开销取决于守护进程与客户端库。',
        },
      },
    },
    {
      id: 'performance-comparison.dbus-memory-is-high',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the memory overhead of D-Bus at a high level.',
        zh: '对比表认为 D-Bus 的内存开销处于偏高的水平。',
      },
      status: 'decided',
      decision: {
        evidence: [{ property: 'performance.memory.dbus-connection', supportsClaimWhen: 'passed', bound: { atLeast: { pages: 2 } } }],
        whenSupported: 'accurate',
        whenContradicted: 'inaccurate',
        reasoning: {
          en: `${MEMORY_TIERS.en} A D-Bus connection is a UNIX socket plus the client library’s connection state and the bus daemon’s record of the peer and its names, so counting both sides it must cost more than two pages, above every kernel mechanism’s channel.`,
          zh: `${MEMORY_TIERS.zh}一条 D-Bus 连接是一个 UNIX 套接字，加上客户端库的连接状态以及总线守护进程为该对端及其名字保存的记录，因此两侧合计须超过两页，高于任何内核机制的单条通道。`,
        },
        correction: {
          en: 'Counting the client library and the bus daemon, a D-Bus connection costs no more than two pages here, as little as a kernel channel.',
          zh: '在此环境中，计入客户端库与总线守护进程，一条 D-Bus 连接的开销不超过两页，与一条内核通道一样少。',
        },
      },
    },
    {
      id: 'performance-comparison.semaphore-throughput-is-not-applicable',
      section: SECTION,
      claim: {
        en: 'The comparison table gives semaphores no throughput rating (N/A), treating them as carrying no data.',
        zh: '对比表没有给信号量的吞吐量评级（N/A），视其为不传输数据。',
      },
      status: 'untestable',
      reason: {
        en: 'N/A asserts nothing that could be measured: a semaphore moves no payload, so there is no data rate for a bench to compare (its operation rate belongs to the latency and CPU cells).',
        zh: 'N/A 没有断言任何可测量的内容：信号量不承载数据，基准测试没有数据速率可比（其操作速率归入延迟与 CPU 两格）。',
      },
    },
  ],
});

// Performance: the tutorial's comparison table (latency, throughput, CPU and memory cost per
// mechanism) restated as tiers with margins that hold on Linux, so that noise cannot flip them.
// Relative statements are decided on paired repetitions (bench_probe pairs / pairs-within: A and B
// measured side by side 11 times, A B B A or B A A B, each side keeping the better of its two
// half-length measurements, timings and CPU time taken from each measurement's median batch, after
// waiting for the CPUs to be quiet); a statement holds when at least 9 of the 11 pairs support it.
// Memory is a count, not a timing, and is stated as a bound per channel.
// Where the tutorial rates two mechanisms of one tier differently, the property states the tier and
// the claims audit (specs/claims/performance-comparison.claims.ts) draws the conclusion.
import { defineMechanism, type Bilingual, type Property, type Requirement } from './schema.js';

const TABLE = { tutorial: 'ipc-tutorial.zh.md', section: '性能比较' } as const;
/** Paired repetitions per decision, and how many must support the statement. */
const PAIRS = '11';
const MUST_HOLD = 9;
/** Rounds of 10 ms (a few thousand round trips): 5 ms rounds let one pair in 20 runs slip below a margin. */
const RTT_MS = '10';
const BULK_MS = '20';
/**
 * Both processes run on one CPU unless a property says otherwise. Left unpinned, the scheduler puts
 * the two sides sometimes on one CPU and sometimes on two; on a virtual machine waking a process on
 * the other CPU costs several round trips, and a bulk transfer runs at a third of the speed, so an
 * unpinned pair would compare two placements rather than two mechanisms (a soak showed it flip).
 */
const PLACEMENT = 'same';
/** Mechanisms whose round trip is "a few microseconds" sit within this factor of the pipe's. */
const TIER_FACTOR = '3';

type Metric = 'rtt' | 'cpu' | 'throughput' | 'rate';

interface Comparison {
  id: string;
  claim: Bilingual;
  metric: Metric;
  a: string;
  b: string;
  /** PAYLOAD, or "A:B" when the two carry different sizes (a signal carries no bytes). */
  payload: string;
  placement?: 'same' | 'split' | 'free';
  /** `ratio`: metric(A)/metric(B) ≥ value; `within`: 1/value ≤ metric(A)/metric(B) ≤ value. */
  ratio?: string;
  within?: string;
  man: string[];
  requires?: Requirement[];
}

/** A statement decided on paired repetitions of two mechanisms. */
function compared(c: Comparison): Property {
  const threshold = c.ratio ?? c.within!;
  const minMs = c.metric === 'throughput' || c.metric === 'rate' ? BULK_MS : RTT_MS;
  return {
    id: `performance.${c.id}`,
    kind: 'performance',
    claim: c.claim,
    sources: [TABLE, ...c.man.map((man) => ({ man }))],
    expect: { atLeast: MUST_HOLD },
    probes: [
      {
        fixture: 'bench',
        case: c.ratio ? 'pairs' : 'pairs-within',
        args: [c.metric, c.a, c.b, c.payload, c.placement ?? PLACEMENT, PAIRS, threshold, minMs],
      },
    ],
    ...(c.requires ? { requires: c.requires } : {}),
  };
}

/** A mechanism whose small-message round trip (or CPU per round trip) is in the pipe's tier. */
function pipeTier(metric: 'rtt' | 'cpu', mechanism: string, payload: string, name: Bilingual, man: string): Property {
  const what = metric === 'rtt' ? { en: 'round trip', zh: '往返延迟' } : { en: 'CPU time per round trip', zh: '每次往返的 CPU 时间' };
  return compared({
    id: `${metric === 'rtt' ? 'latency' : 'cpu'}.${mechanism}-in-the-pipe-tier`,
    claim: {
      en: `The ${what.en} of ${name.en} with a small message is within a factor of ${TIER_FACTOR} of a pipe's: the same tier.`,
      zh: `${name.zh}传递小消息的${what.zh}与管道相差不到 ${TIER_FACTOR} 倍：属于同一档。`,
    },
    metric,
    a: mechanism,
    b: 'pipe',
    payload,
    within: TIER_FACTOR,
    man: [man, 'pipe(7)'],
  });
}

/** Memory per channel at most (or at least) a bound, measured over 256 channels. */
function memory(id: string, mechanism: string, claim: Bilingual, expect: Property['expect'], man: string, requires?: Requirement[]): Property {
  return {
    id: `performance.memory.${id}`,
    kind: 'performance',
    claim,
    sources: [TABLE, { man }],
    expect,
    probes: [{ fixture: 'bench', case: 'memory', args: [mechanism, '256'] }],
    ...(requires ? { requires } : {}),
  };
}

export default defineMechanism({
  id: 'performance',
  title: { en: 'Performance tiers', zh: '性能分档' },
  family: 'performance',
  manPages: ['pipe(7)', 'unix(7)', 'tcp(7)', 'signal(7)', 'sysvipc(7)', 'shm_overview(7)', 'sem_overview(7)', 'dbus-daemon(1)'],
  properties: [
    // ---- latency: round trips of a 64-byte message --------------------------------------------
    compared({
      id: 'latency.spinning-shared-memory-under-a-quarter-of-pipe',
      claim: {
        en: 'Two processes on two CPUs that spin on a flag in shared memory complete a round trip in under a quarter of the time a pipe takes: no system call, no wake-up.',
        zh: '分别位于两个 CPU 上、在共享内存标志上自旋的两个进程，完成一次往返所需时间不到管道的四分之一：既无系统调用也无唤醒。',
      },
      metric: 'rtt',
      a: 'pipe',
      b: 'shm-spin',
      payload: '64',
      placement: 'split',
      ratio: '4',
      man: ['shm_overview(7)'],
      requires: ['two-cpus'],
    }),
    compared({
      id: 'latency.tcp-loopback-at-least-1-3-times-unix-stream',
      claim: {
        en: 'A TCP round trip over loopback takes at least 1.3 times as long as one over a UNIX stream socket: the IP stack is extra work.',
        zh: '经回环接口的 TCP 往返耗时至少是 UNIX 流套接字往返的 1.3 倍：IP 协议栈是额外的开销。',
      },
      metric: 'rtt',
      a: 'tcp',
      b: 'unix-stream',
      payload: '64',
      ratio: '1.3',
      man: ['tcp(7)', 'unix(7)'],
    }),
    compared({
      id: 'latency.dbus-at-least-10-times-unix-stream',
      claim: {
        en: 'A D-Bus method call round trip through the bus daemon takes at least 10 times as long as a UNIX stream socket round trip.',
        zh: '经总线守护进程的 D-Bus 方法调用往返，耗时至少是 UNIX 流套接字往返的 10 倍。',
      },
      metric: 'rtt',
      a: 'dbus',
      b: 'unix-stream',
      payload: '64',
      ratio: '10',
      man: ['dbus-daemon(1)', 'unix(7)'],
      requires: ['dbus-bus'],
    }),
    compared({
      id: 'latency.dbus-at-least-3-times-unix-stream',
      claim: {
        en: 'A D-Bus method call round trip takes at least 3 times as long as a UNIX stream socket round trip: a tier above the kernel mechanisms.',
        zh: 'D-Bus 方法调用往返耗时至少是 UNIX 流套接字往返的 3 倍：比内核机制高出一档。',
      },
      metric: 'rtt',
      a: 'dbus',
      b: 'unix-stream',
      payload: '64',
      ratio: '3',
      man: ['dbus-daemon(1)', 'unix(7)'],
      requires: ['dbus-bus'],
    }),
    pipeTier('rtt', 'fifo', '64', { en: 'a FIFO', zh: 'FIFO' }, 'fifo(7)'),
    pipeTier('rtt', 'sysv-msg', '64', { en: 'a System V message queue', zh: 'System V 消息队列' }, 'sysvipc(7)'),
    pipeTier('rtt', 'posix-mq', '64', { en: 'a POSIX message queue', zh: 'POSIX 消息队列' }, 'mq_overview(7)'),
    pipeTier('rtt', 'unix-stream', '64', { en: 'a UNIX stream socket', zh: 'UNIX 流套接字' }, 'unix(7)'),
    pipeTier('rtt', 'signal', '0:1', { en: 'a signal answered by a signal (sigwaitinfo)', zh: '以信号应答信号（sigwaitinfo）' }, 'signal(7)'),
    pipeTier('rtt', 'sysv-sem', '0:1', { en: 'a System V semaphore handed back and forth', zh: '来回传递的 System V 信号量' }, 'semop(2)'),
    pipeTier('rtt', 'shm-sem', '64', { en: 'shared memory with a semaphore per direction', zh: '每个方向配一个信号量的共享内存' }, 'sem_overview(7)'),

    // ---- CPU time per round trip (both processes) ---------------------------------------------
    compared({
      id: 'cpu.tcp-loopback-at-least-1-3-times-unix-stream',
      claim: {
        en: 'A TCP round trip over loopback costs the two processes at least 1.3 times the CPU time of a UNIX stream socket round trip.',
        zh: '经回环接口的 TCP 往返，两个进程耗费的 CPU 时间至少是 UNIX 流套接字往返的 1.3 倍。',
      },
      metric: 'cpu',
      a: 'tcp',
      b: 'unix-stream',
      payload: '64',
      ratio: '1.3',
      man: ['tcp(7)', 'getrusage(2)'],
    }),
    compared({
      id: 'cpu.dbus-at-least-3-times-unix-stream',
      claim: {
        en: 'A D-Bus method call costs the caller, the service and the bus daemon together at least 3 times the CPU time of a UNIX stream round trip.',
        zh: '一次 D-Bus 方法调用，调用方、服务方与总线守护进程合计耗费的 CPU 时间至少是 UNIX 流套接字往返的 3 倍。',
      },
      metric: 'cpu',
      a: 'dbus',
      b: 'unix-stream',
      payload: '64',
      ratio: '3',
      man: ['dbus-daemon(1)', 'getrusage(2)'],
      requires: ['dbus-bus'],
    }),
    pipeTier('cpu', 'signal', '0:1', { en: 'a signal answered by a signal', zh: '以信号应答信号' }, 'signal(7)'),
    pipeTier('cpu', 'sysv-msg', '64', { en: 'a System V message queue', zh: 'System V 消息队列' }, 'sysvipc(7)'),
    pipeTier('cpu', 'sysv-sem', '0:1', { en: 'a System V semaphore handed back and forth', zh: '来回传递的 System V 信号量' }, 'semop(2)'),
    pipeTier('cpu', 'unix-stream', '64', { en: 'a UNIX stream socket', zh: 'UNIX 流套接字' }, 'unix(7)'),
    pipeTier('cpu', 'shm-sem', '64', { en: 'shared memory with a semaphore per direction', zh: '每个方向配一个信号量的共享内存' }, 'sem_overview(7)'),

    // ---- throughput: one-way bulk transfer in 64 KiB chunks -----------------------------------
    compared({
      id: 'throughput.unix-stream-above-pipe',
      claim: {
        en: 'A UNIX stream socket moves bulk data (64 KiB writes) faster than a pipe.',
        zh: 'UNIX 流套接字传输大块数据（每次写 64 KiB）比管道快。',
      },
      metric: 'throughput',
      a: 'unix-stream',
      b: 'pipe',
      payload: '65536',
      ratio: '1',
      man: ['unix(7)', 'pipe(7)'],
    }),
    compared({
      id: 'throughput.tcp-loopback-in-the-pipe-tier',
      claim: {
        en: 'TCP over loopback moves bulk data within a factor of 3 of a pipe’s rate: the same tier.',
        zh: '经回环接口的 TCP 传输大块数据的速率与管道相差不到 3 倍：属于同一档。',
      },
      metric: 'throughput',
      a: 'tcp',
      b: 'pipe',
      payload: '65536',
      within: TIER_FACTOR,
      man: ['tcp(7)', 'pipe(7)'],
    }),
    compared({
      id: 'throughput.shared-memory-ring-with-semaphores-at-least-1-5-times-pipe',
      claim: {
        en: 'A shared-memory ring synchronised by semaphores, copying 64 KiB chunks in and out, moves bulk data at least 1.5 times as fast as a pipe: the data never passes through the kernel.',
        zh: '以信号量同步、每次拷入拷出 64 KiB 的共享内存环形缓冲区，传输大块数据的速度至少是管道的 1.5 倍：数据从不经过内核。',
      },
      metric: 'throughput',
      a: 'shm-sem',
      b: 'pipe',
      payload: '65536',
      ratio: '1.5',
      man: ['sem_overview(7)', 'shm_overview(7)'],
    }),
    compared({
      id: 'throughput.dbus-under-a-tenth-of-unix-stream',
      claim: {
        en: 'Bulk data sent as D-Bus method calls (64 KB each) arrives at under a tenth of a UNIX stream socket’s rate.',
        zh: '以 D-Bus 方法调用（每次 64 KB）发送大块数据，速率不到 UNIX 流套接字的十分之一。',
      },
      metric: 'throughput',
      a: 'unix-stream',
      b: 'dbus',
      payload: '65536',
      ratio: '10',
      man: ['dbus-daemon(1)', 'unix(7)'],
      requires: ['dbus-bus'],
    }),
    compared({
      id: 'throughput.message-queue-at-least-1-3-times-the-messages-of-realtime-signals',
      claim: {
        en: 'A System V message queue delivers at least 1.3 times as many 4-byte messages per second as real-time signals carrying the same 4 bytes (sigqueue).',
        zh: 'System V 消息队列每秒递送的 4 字节消息，至少是携带同样 4 字节的实时信号（sigqueue）的 1.3 倍。',
      },
      metric: 'rate',
      a: 'sysv-msg',
      b: 'signal-rt',
      payload: '4',
      ratio: '1.3',
      man: ['msgsnd(2)', 'sigqueue(3)'],
    }),
    compared({
      id: 'throughput.message-queue-in-the-datagram-socket-tier',
      claim: {
        en: 'A System V message queue delivers 4 KiB messages at a rate within a factor of 3 of a UNIX datagram socket’s: the same tier.',
        zh: 'System V 消息队列递送 4 KiB 消息的速率与 UNIX 数据报套接字相差不到 3 倍：属于同一档。',
      },
      metric: 'rate',
      a: 'sysv-msg',
      b: 'unix-dgram',
      payload: '4096',
      within: TIER_FACTOR,
      man: ['msgsnd(2)', 'unix(7)'],
    }),

    // ---- memory per channel, 256 channels each holding one small message ----------------------
    memory(
      'pipe-channel-costs-at-most-two-pages',
      'pipe',
      { en: 'A pipe holding a small message costs at most two pages of memory (its buffer page and its bookkeeping).', zh: '装有一条小消息的管道最多占用两页内存（一页缓冲区加上管理结构）。' },
      { atMost: { pages: 2 } },
      'pipe(7)',
    ),
    memory(
      'queued-signal-costs-under-an-eighth-of-a-page',
      'signal',
      { en: 'A queued real-time signal costs less than an eighth of a page of kernel memory.', zh: '一个排队中的实时信号占用的内核内存不到八分之一页。' },
      { atMost: 512 },
      'signal(7)',
    ),
    memory(
      'message-queue-costs-at-most-a-page',
      'sysv-msg',
      { en: 'A System V message queue holding a small message costs at most one page of memory.', zh: '装有一条小消息的 System V 消息队列最多占用一页内存。' },
      { atMost: { pages: 1 } },
      'msgget(2)',
    ),
    memory(
      'shared-memory-costs-its-whole-segment',
      'shm',
      { en: 'A touched 64 KiB shared memory segment costs at least its 64 KiB: memory is paid per byte shared, not per message.', zh: '被访问过的 64 KiB 共享内存段至少占用 64 KiB：内存按共享的字节计，而不是按消息计。' },
      { atLeast: 65536 },
      'shmget(2)',
    ),
    memory(
      'semaphore-set-costs-under-a-quarter-of-a-page',
      'sysv-sem',
      { en: 'A System V semaphore set of one semaphore costs less than a quarter of a page.', zh: '只含一个信号量的 System V 信号量集占用不到四分之一页。' },
      { atMost: 1024 },
      'semget(2)',
    ),
    memory(
      'unix-stream-pair-costs-at-most-two-pages',
      'unix-stream',
      { en: 'A connected UNIX stream socket pair holding a small message costs at most two pages.', zh: '装有一条小消息的一对已连接 UNIX 流套接字最多占用两页。' },
      { atMost: { pages: 2 } },
      'unix(7)',
    ),
    memory(
      'tcp-connection-costs-at-most-two-pages',
      'tcp',
      { en: 'A loopback TCP connection (both ends) holding a small message costs at most two pages.', zh: '装有一条小消息的回环 TCP 连接（两端合计）最多占用两页。' },
      { atMost: { pages: 2 } },
      'tcp(7)',
    ),
    memory(
      'dbus-connection-costs-more-than-two-pages',
      'dbus',
      { en: 'A D-Bus connection costs more than two pages, counting the client library and the bus daemon.', zh: '一条 D-Bus 连接占用超过两页内存（计入客户端库与总线守护进程）。' },
      { atLeast: { pages: 2 } },
      'dbus-daemon(1)',
      ['dbus-bus'],
    ),
  ],
});

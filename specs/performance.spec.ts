// Performance measurements: the tutorial's comparison table (latency, throughput, CPU and memory
// cost per mechanism) measured, NOT stated. No man page, POSIX or kernel document gives a ratio
// between two mechanisms or a memory cost per channel, so none of the table's tiers is a property of
// the system: they are the tutorial's claims, and the claims audit decides them
// (specs/claims/performance-comparison.claims.ts, runners/claims/auditClaims.ts).
//
// Each entry here is a MEASUREMENT, reported in every run but never a verdict on the system: its
// expectation only asks that the measurement was made (at least one pair measured; a figure per
// channel, which the probe never gives negative), so no ratio or size can fail a run; a probe that
// cannot measure at all is broken, as any probe. (A non-gating class of its own would say this in
// the schema; until then the expectation says it.) The statement a measurement is taken for is
// decided by the audit:
// - paired (bench_probe pairs / pairs-within): A and B measured side by side up to 11 times, A B B A
//   or B A A B, each side keeping the better of its two half-length measurements, timings and CPU
//   time taken from each measurement's median batch, after waiting for the CPUs to be quiet; the
//   observation carries each pair's ratio, the ratio asked about (RATIO, or FACTOR either way), how
//   many pairs bore it out and how many the statement needs (NEEDED, 9 of 11). The probe decides
//   nothing; the audit says "holds" when enough pairs bear the ratio out, "does not hold" when even
//   the pairs left unmeasured (a time budget ran out) could not make up the difference.
// - memory (bench_probe memory): bytes per channel over 256 channels; the claim's evidence gives the
//   bound it is read against (the page size comes from the environment's record).
// A paired id names the statement it is taken for (claims in several files refer to them); a memory
// id names the channel measured. A paired verdict's `measured` line says what the ratios were, and
// the run's summary lists those lines apart from the verdicts.
//
// Where a tier has a documented margin, it belongs in the mechanism's own spec as a property, with
// the document that states the margin as its source; none of these has one.
import { defineMechanism, type Bilingual, type Property, type Requirement } from './schema.js';

const TABLE = { tutorial: 'ipc-tutorial.zh.md', section: '性能比较' } as const;
/** Paired repetitions per measurement, and how many must bear a statement out (the audit decides). */
const PAIRS = '11';
const MUST_HOLD = '9';
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

/** What the measurement is taken for, in front of the statement's own words. */
const MEASURED = { en: 'Measured for the tutorial’s table (the claims audit decides): ', zh: '为教程对比表所做的测量（由论断审计判定）：' };

/**
 * Paired repetitions of two mechanisms, taken for a statement about their ratio. The sources are
 * the tutorial's table, where the statement comes from, and the man pages of what is measured.
 */
function compared(c: Comparison): Property {
  const threshold = c.ratio ?? c.within!;
  const minMs = c.metric === 'throughput' || c.metric === 'rate' ? BULK_MS : RTT_MS;
  return {
    id: `performance.${c.id}`,
    kind: 'performance',
    claim: { en: `${MEASURED.en}${c.claim.en}`, zh: `${MEASURED.zh}${c.claim.zh}` },
    sources: [TABLE, ...c.man.map((man) => ({ man }))],
    // Measured at all: a pair or more (the value is the number of pairs measured).
    expect: { atLeast: 1 },
    probes: [
      {
        fixture: 'bench',
        case: c.ratio ? 'pairs' : 'pairs-within',
        args: [c.metric, c.a, c.b, c.payload, c.placement ?? PLACEMENT, PAIRS, threshold, minMs, MUST_HOLD],
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

/**
 * Memory per channel, measured over 256 channels. The bound a claim reads it against is in the
 * claim's evidence (specs/claims/performance-comparison.claims.ts), not here.
 */
function memory(id: string, mechanism: string, channel: Bilingual, man: string, requires?: Requirement[]): Property {
  return {
    id: `performance.memory.${id}`,
    kind: 'performance',
    claim: {
      en: `${MEASURED.en}what ${channel.en} costs in memory, per channel over 256 of them.`,
      zh: `${MEASURED.zh}${channel.zh}的内存开销，按 256 条通道平均到每条。`,
    },
    sources: [TABLE, { man }],
    // A figure: channels that hold kernel objects cost something (the probe breaks when nothing moved).
    expect: { atLeast: 0 },
    probes: [{ fixture: 'bench', case: 'memory', args: [mechanism, '256'] }],
    ...(requires ? { requires } : {}),
  };
}

export default defineMechanism({
  id: 'performance',
  title: { en: 'Performance measurements', zh: '性能测量' },
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
    memory('pipe-channel', 'pipe', { en: 'a pipe holding a small message', zh: '装有一条小消息的管道' }, 'pipe(7)'),
    memory('queued-realtime-signal', 'signal', { en: 'a queued real-time signal', zh: '一个排队中的实时信号' }, 'signal(7)'),
    memory('sysv-message-queue', 'sysv-msg', { en: 'a System V message queue holding a small message', zh: '装有一条小消息的 System V 消息队列' }, 'msgget(2)'),
    memory('sysv-shared-memory-segment', 'shm', { en: 'a touched 64 KiB System V shared memory segment', zh: '被访问过的 64 KiB System V 共享内存段' }, 'shmget(2)'),
    memory('sysv-semaphore-set', 'sysv-sem', { en: 'a System V semaphore set of one semaphore', zh: '只含一个信号量的 System V 信号量集' }, 'semget(2)'),
    memory('unix-stream-pair', 'unix-stream', { en: 'a connected UNIX stream socket pair holding a small message', zh: '装有一条小消息的一对已连接 UNIX 流套接字' }, 'unix(7)'),
    memory('tcp-loopback-connection', 'tcp', { en: 'a loopback TCP connection (both ends) holding a small message', zh: '装有一条小消息的回环 TCP 连接（两端合计）' }, 'tcp(7)'),
    memory(
      'dbus-connection',
      'dbus',
      { en: 'a D-Bus connection, counting the client library and the bus daemon', zh: '一条 D-Bus 连接（计入客户端库与总线守护进程）' },
      'dbus-daemon(1)',
      ['dbus-bus'],
    ),
  ],
});

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
// - paired (bench-probe pairs / pairs-within): A and B measured side by side up to 11 times, A B B A
//   or B A A B, each side keeping the better of its two half-length measurements, timings and CPU
//   time taken from each measurement's median batch, after waiting for the CPUs to be quiet; the
//   observation carries each pair's ratio, the ratio asked about (RATIO, or FACTOR either way), how
//   many pairs bore it out and how many the statement needs (NEEDED, 9 of 11). The probe decides
//   nothing; the audit says "holds" when enough pairs bear the ratio out, "does not hold" when even
//   the pairs left unmeasured (a time budget ran out) could not make up the difference.
// - memory (bench-probe memory): bytes per channel over 256 channels; the claim's evidence gives the
//   bound it is read against (the page size comes from the environment's record).
// An id says what is measured, never a verdict: `performance.<metric>.<A>-vs-<B>` for a paired
// measurement (the ratio A/B of the metric), `performance.memory.<channel>` for a memory figure, so
// that "passed" beside it can only be read as "measured". The ratio a tutorial statement asks about
// is the audit's data: the probe's arguments (so each pair is counted for or against it) and the
// `ratio` of every claim's evidence naming the measurement, which the claims loader checks against
// it. A paired verdict's `measured` line says what the ratios were, and the run's summary lists
// those lines apart from the verdicts.
//
// Where a tier has a documented margin, it belongs in the mechanism's own spec as a property, with
// the document that states the margin as its source; none of these has one.
import { type Bilingual, defineMechanism, type Property, type Requirement } from './schema.js';

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

/** The id's second part: what kind of figure the ratio is of. */
const CATEGORY: Record<Metric, string> = { rtt: 'latency', cpu: 'cpu', throughput: 'throughput', rate: 'rate' };

/** The ratio measured, in words (A's figure to B's). */
const RATIO_OF: Record<Metric, Bilingual> = {
  rtt: { en: 'round-trip ratio', zh: '往返延迟之比' },
  cpu: { en: 'ratio of CPU time per round trip', zh: '每次往返的 CPU 时间之比' },
  throughput: { en: 'bulk-throughput ratio', zh: '大块数据吞吐量之比' },
  rate: { en: 'message-rate ratio', zh: '消息速率之比' },
};

const PAYLOADS: Record<string, Bilingual> = {
  '0:1': { en: 'no payload, against a 1-byte pipe message', zh: '不携带数据，对比 1 字节的管道消息' },
  '4': { en: '4-byte messages', zh: '4 字节消息' },
  '64': { en: '64-byte messages', zh: '64 字节消息' },
  '4096': { en: '4 KiB messages', zh: '4 KiB 消息' },
  '65536': { en: '64 KiB writes', zh: '每次写 64 KiB' },
};

const PLACEMENTS: Record<'same' | 'split' | 'free', Bilingual> = {
  same: { en: 'all processes on one CPU', zh: '所有进程在同一个 CPU 上' },
  split: { en: 'the two processes on two CPUs', zh: '两个进程分别在两个 CPU 上' },
  free: { en: 'processes placed by the scheduler', zh: '进程由调度器安排 CPU' },
};

interface Comparison {
  metric: Metric;
  /** Mechanisms as bench-probe names them; the id is `<category>.<a>-vs-<b>`. */
  a: string;
  b: string;
  /** What A and B are, in words. */
  names: [Bilingual, Bilingual];
  /** PAYLOAD, or "A:B" when the two carry different sizes (a signal carries no bytes). */
  payload: string;
  placement?: 'same' | 'split' | 'free';
  /**
   * The ratio the tutorial's statement asks about, which the probe counts each pair against (the
   * audit's data, repeated in the `ratio` of each claim's evidence): `ratio`: metric(A)/metric(B) ≥
   * value; `within`: 1/value ≤ metric(A)/metric(B) ≤ value.
   */
  ratio?: string;
  within?: string;
  man: string[];
  requires?: Requirement[];
}

/** Every measurement's claim says it is one, taken for the audit, and never states a verdict. */
const AUDIT = { en: '; the claims audit decides the tutorial’s tier from it.', zh: '；论断审计据此判定教程中的档次。' };

/**
 * Paired repetitions of two mechanisms: the ratio of a metric between them. The sources are the
 * tutorial's table, which the audit decides from it, and the man pages of what is measured.
 */
function compared(c: Comparison): Property {
  const threshold = c.ratio ?? c.within!;
  const minMs = c.metric === 'throughput' || c.metric === 'rate' ? BULK_MS : RTT_MS;
  const placement = c.placement ?? PLACEMENT;
  const [a, b] = c.names;
  const payload = PAYLOADS[c.payload]!;
  const where = PLACEMENTS[placement];
  return {
    id: `performance.${CATEGORY[c.metric]}.${c.a}-vs-${c.b}`,
    kind: 'performance',
    claim: {
      en: `Measured: the ${RATIO_OF[c.metric].en} of ${a.en} to ${b.en} (${payload.en}, ${where.en})${AUDIT.en}`,
      zh: `测量：${a.zh}与${b.zh}的${RATIO_OF[c.metric].zh}（${payload.zh}，${where.zh}）${AUDIT.zh}`,
    },
    sources: [TABLE, ...c.man.map((man) => ({ man }))],
    // Measured at all: a pair or more (the value is the number of pairs measured).
    expect: { atLeast: 1 },
    probes: [
      {
        fixture: 'bench',
        case: c.ratio ? 'pairs' : 'pairs-within',
        args: {
          metric: c.metric,
          a: c.a,
          b: c.b,
          payload: c.payload,
          placement,
          pairs: PAIRS,
          ...(c.ratio ? { ratio: threshold } : { factor: threshold }),
          min_ms: minMs,
          needed: MUST_HOLD,
        },
      },
    ],
    // A timing taken on an emulated CPU or under User-Mode Linux (every system call a ptrace round
    // trip) measures the emulator, not the mechanisms: such a place skips it.
    requires: ['native-cpu', ...(c.requires ?? [])],
  };
}

const PIPE: Bilingual = { en: 'a pipe', zh: '管道' };
const UNIX_STREAM: Bilingual = { en: 'a UNIX stream socket', zh: 'UNIX 流套接字' };
const TCP: Bilingual = { en: 'TCP over loopback', zh: '经回环接口的 TCP' };

/** A mechanism's small-message round trip (or CPU per round trip) against the pipe's, for the pipe-tier statements. */
function againstPipe(metric: 'rtt' | 'cpu', mechanism: string, payload: string, name: Bilingual, man: string): Property {
  return compared({ metric, a: mechanism, b: 'pipe', names: [name, PIPE], payload, within: TIER_FACTOR, man: [man, 'pipe(7)'] });
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
      en: `Measured: what ${channel.en} costs in memory, per channel over 256 of them${AUDIT.en}`,
      zh: `测量：${channel.zh}的内存开销，按 256 条通道平均到每条${AUDIT.zh}`,
    },
    sources: [TABLE, { man }],
    // A figure: channels that hold kernel objects cost something (the probe breaks when nothing moved).
    expect: { atLeast: 0 },
    probes: [{ fixture: 'bench', case: 'memory', args: { mechanism, count: 256 } }],
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
      metric: 'rtt',
      a: 'pipe',
      b: 'shm-spin',
      names: [PIPE, { en: 'shared memory polled by spinning on a flag', zh: '自旋轮询标志的共享内存' }],
      payload: '64',
      placement: 'split',
      ratio: '4',
      man: ['shm_overview(7)'],
      requires: ['two-cpus'],
    }),
    compared({
      metric: 'rtt',
      a: 'tcp',
      b: 'unix-stream',
      names: [TCP, UNIX_STREAM],
      payload: '64',
      ratio: '1.3',
      man: ['tcp(7)', 'unix(7)'],
    }),
    compared({
      metric: 'rtt',
      a: 'dbus',
      b: 'unix-stream',
      names: [{ en: 'a D-Bus method call through the bus daemon', zh: '经总线守护进程的 D-Bus 方法调用' }, UNIX_STREAM],
      payload: '64',
      ratio: '3',
      man: ['dbus-daemon(1)', 'unix(7)'],
      requires: ['dbus-bus'],
    }),
    againstPipe('rtt', 'fifo', '64', { en: 'a FIFO', zh: 'FIFO' }, 'fifo(7)'),
    againstPipe('rtt', 'sysv-msg', '64', { en: 'a System V message queue', zh: 'System V 消息队列' }, 'sysvipc(7)'),
    againstPipe('rtt', 'posix-mq', '64', { en: 'a POSIX message queue', zh: 'POSIX 消息队列' }, 'mq_overview(7)'),
    againstPipe('rtt', 'unix-stream', '64', UNIX_STREAM, 'unix(7)'),
    againstPipe(
      'rtt',
      'signal',
      '0:1',
      { en: 'a signal answered by a signal (sigwaitinfo)', zh: '以信号应答信号（sigwaitinfo）' },
      'signal(7)',
    ),
    againstPipe(
      'rtt',
      'sysv-sem',
      '0:1',
      { en: 'a System V semaphore handed back and forth', zh: '来回传递的 System V 信号量' },
      'semop(2)',
    ),
    againstPipe(
      'rtt',
      'shm-sem',
      '64',
      { en: 'shared memory with a semaphore per direction', zh: '每个方向配一个信号量的共享内存' },
      'sem_overview(7)',
    ),

    // ---- CPU time per round trip (both processes) ---------------------------------------------
    compared({
      metric: 'cpu',
      a: 'tcp',
      b: 'unix-stream',
      names: [TCP, UNIX_STREAM],
      payload: '64',
      ratio: '1.3',
      man: ['tcp(7)', 'getrusage(2)'],
    }),
    compared({
      metric: 'cpu',
      a: 'dbus',
      b: 'unix-stream',
      names: [
        { en: 'a D-Bus method call with the bus daemon’s CPU time counted', zh: '计入总线守护进程 CPU 时间的 D-Bus 方法调用' },
        UNIX_STREAM,
      ],
      payload: '64',
      ratio: '3',
      man: ['dbus-daemon(1)', 'getrusage(2)'],
      requires: ['dbus-bus'],
    }),
    againstPipe('cpu', 'signal', '0:1', { en: 'a signal answered by a signal', zh: '以信号应答信号' }, 'signal(7)'),
    againstPipe('cpu', 'sysv-msg', '64', { en: 'a System V message queue', zh: 'System V 消息队列' }, 'sysvipc(7)'),
    againstPipe(
      'cpu',
      'sysv-sem',
      '0:1',
      { en: 'a System V semaphore handed back and forth', zh: '来回传递的 System V 信号量' },
      'semop(2)',
    ),
    againstPipe('cpu', 'unix-stream', '64', UNIX_STREAM, 'unix(7)'),
    againstPipe(
      'cpu',
      'shm-sem',
      '64',
      { en: 'shared memory with a semaphore per direction', zh: '每个方向配一个信号量的共享内存' },
      'sem_overview(7)',
    ),

    // ---- throughput: one-way bulk transfer in 64 KiB chunks -----------------------------------
    compared({
      metric: 'throughput',
      a: 'unix-stream',
      b: 'pipe',
      names: [UNIX_STREAM, PIPE],
      payload: '65536',
      ratio: '1',
      man: ['unix(7)', 'pipe(7)'],
    }),
    compared({
      metric: 'throughput',
      a: 'tcp',
      b: 'pipe',
      names: [TCP, PIPE],
      payload: '65536',
      within: TIER_FACTOR,
      man: ['tcp(7)', 'pipe(7)'],
    }),
    compared({
      metric: 'throughput',
      a: 'shm-sem',
      b: 'pipe',
      names: [
        {
          en: 'a shared-memory ring synchronised by semaphores, chunks copied in and out',
          zh: '以信号量同步、数据块拷入拷出的共享内存环形缓冲区',
        },
        PIPE,
      ],
      payload: '65536',
      ratio: '1.5',
      man: ['sem_overview(7)', 'shm_overview(7)'],
    }),
    compared({
      metric: 'throughput',
      a: 'unix-stream',
      b: 'dbus',
      names: [UNIX_STREAM, { en: 'D-Bus method calls carrying the data', zh: '承载数据的 D-Bus 方法调用' }],
      payload: '65536',
      ratio: '10',
      man: ['dbus-daemon(1)', 'unix(7)'],
      requires: ['dbus-bus'],
    }),

    // ---- message rate: messages per second, one way -------------------------------------------
    compared({
      metric: 'rate',
      a: 'sysv-msg',
      b: 'signal-rt',
      names: [
        { en: 'a System V message queue', zh: 'System V 消息队列' },
        { en: 'real-time signals sent with sigqueue, carrying the same bytes', zh: '用 sigqueue 发送、携带同样字节的实时信号' },
      ],
      payload: '4',
      ratio: '1.3',
      man: ['msgsnd(2)', 'sigqueue(3)'],
    }),
    compared({
      metric: 'rate',
      a: 'sysv-msg',
      b: 'unix-dgram',
      names: [
        { en: 'a System V message queue', zh: 'System V 消息队列' },
        { en: 'a UNIX datagram socket', zh: 'UNIX 数据报套接字' },
      ],
      payload: '4096',
      within: TIER_FACTOR,
      man: ['msgsnd(2)', 'unix(7)'],
    }),

    // ---- memory per channel, 256 channels each holding one small message ----------------------
    memory('pipe-channel', 'pipe', { en: 'a pipe holding a small message', zh: '装有一条小消息的管道' }, 'pipe(7)'),
    memory('queued-realtime-signal', 'signal', { en: 'a queued real-time signal', zh: '一个排队中的实时信号' }, 'signal(7)'),
    memory(
      'sysv-message-queue',
      'sysv-msg',
      { en: 'a System V message queue holding a small message', zh: '装有一条小消息的 System V 消息队列' },
      'msgget(2)',
    ),
    memory(
      'sysv-shared-memory-segment',
      'shm',
      { en: 'a touched 64 KiB System V shared memory segment', zh: '被访问过的 64 KiB System V 共享内存段' },
      'shmget(2)',
    ),
    memory(
      'sysv-semaphore-set',
      'sysv-sem',
      { en: 'a System V semaphore set of one semaphore', zh: '只含一个信号量的 System V 信号量集' },
      'semget(2)',
    ),
    memory(
      'unix-stream-pair',
      'unix-stream',
      { en: 'a connected UNIX stream socket pair holding a small message', zh: '装有一条小消息的一对已连接 UNIX 流套接字' },
      'unix(7)',
    ),
    memory(
      'tcp-loopback-connection',
      'tcp',
      { en: 'a loopback TCP connection (both ends) holding a small message', zh: '装有一条小消息的回环 TCP 连接（两端合计）' },
      'tcp(7)',
    ),
    memory(
      'dbus-connection',
      'dbus',
      { en: 'a D-Bus connection, counting the client library and the bus daemon', zh: '一条 D-Bus 连接（计入客户端库与总线守护进程）' },
      'dbus-daemon(1)',
      ['dbus-bus'],
    ),
  ],
});

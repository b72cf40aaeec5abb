// Claims of the tutorial's performance table: one claim per cell that rates a mechanism (eight rows,
// four columns). None can be decided yet: they wait for the performance properties of `make bench`.
// The semaphore throughput cell (N/A) rates nothing and is recorded as untestable.
import { defineClaims } from './claimSchema.js';

const SECTION = '性能比较';

/** Why every rating in the table waits; each claim adds what the bench will measure. */
const BENCH = {
  en: 'Will be decided by the performance properties of `make bench`, which do not exist yet: the rating is relative, so the bench must measure every mechanism on the same machine and rank them. The table names no workload or message size, which the bench has to fix.',
  zh: '将由 `make bench` 的 performance 类属性判定，这些属性尚不存在：评级是相对的，基准测试须在同一台机器上测量所有机制并排序。对比表没有给出负载或消息大小，需由基准测试确定。',
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
      pending: {
        en: BENCH.en + ' Measure: round-trip latency of a small message.',
        zh: BENCH.zh + '度量：小消息的往返延迟。',
      },
    },
    {
      id: 'performance-comparison.pipe-throughput-is-medium',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the throughput of pipes at a medium level.',
        zh: '对比表认为管道的吞吐量处于中等水平。',
      },
      pending: {
        en: BENCH.en + ' Measure: bytes per second in a bulk transfer.',
        zh: BENCH.zh + '度量：大批量传输时每秒的字节数。',
      },
    },
    {
      id: 'performance-comparison.pipe-cpu-is-low',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the CPU overhead of pipes at a low level.',
        zh: '对比表认为管道的 CPU 开销处于偏低的水平。',
      },
      pending: {
        en: BENCH.en + ' Measure: CPU time per message and per byte.',
        zh: BENCH.zh + '度量：每条消息与每字节耗费的 CPU 时间。',
      },
    },
    {
      id: 'performance-comparison.pipe-memory-is-low',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the memory overhead of pipes at a low level.',
        zh: '对比表认为管道的内存开销处于偏低的水平。',
      },
      pending: {
        en: BENCH.en + ' Measure: memory the kernel and both processes hold per channel.',
        zh: BENCH.zh + '度量：每条通道由内核与双方进程占用的内存。',
      },
    },
    {
      id: 'performance-comparison.signal-latency-is-low',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the latency of signals at a low level.',
        zh: '对比表认为信号的延迟处于偏低的水平。',
      },
      pending: {
        en: BENCH.en + ' Measure: round-trip latency of a small message.',
        zh: BENCH.zh + '度量：小消息的往返延迟。',
      },
    },
    {
      id: 'performance-comparison.signal-throughput-is-very-low',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the throughput of signals at a very low level.',
        zh: '对比表认为信号的吞吐量处于极低的水平。',
      },
      pending: {
        en: BENCH.en + ' Measure: bytes per second in a bulk transfer.',
        zh: BENCH.zh + '度量：大批量传输时每秒的字节数。',
      },
    },
    {
      id: 'performance-comparison.signal-cpu-is-low',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the CPU overhead of signals at a low level.',
        zh: '对比表认为信号的 CPU 开销处于偏低的水平。',
      },
      pending: {
        en: BENCH.en + ' Measure: CPU time per message and per byte.',
        zh: BENCH.zh + '度量：每条消息与每字节耗费的 CPU 时间。',
      },
    },
    {
      id: 'performance-comparison.signal-memory-is-very-low',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the memory overhead of signals at a very low level.',
        zh: '对比表认为信号的内存开销处于极低的水平。',
      },
      pending: {
        en: BENCH.en + ' Measure: memory the kernel and both processes hold per channel.',
        zh: BENCH.zh + '度量：每条通道由内核与双方进程占用的内存。',
      },
    },
    {
      id: 'performance-comparison.message-queue-latency-is-medium',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the latency of message queues at a medium level.',
        zh: '对比表认为消息队列的延迟处于中等水平。',
      },
      pending: {
        en: BENCH.en + ' Measure: round-trip latency of a small message.',
        zh: BENCH.zh + '度量：小消息的往返延迟。',
      },
    },
    {
      id: 'performance-comparison.message-queue-throughput-is-medium',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the throughput of message queues at a medium level.',
        zh: '对比表认为消息队列的吞吐量处于中等水平。',
      },
      pending: {
        en: BENCH.en + ' Measure: bytes per second in a bulk transfer.',
        zh: BENCH.zh + '度量：大批量传输时每秒的字节数。',
      },
    },
    {
      id: 'performance-comparison.message-queue-cpu-is-medium',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the CPU overhead of message queues at a medium level.',
        zh: '对比表认为消息队列的 CPU 开销处于中等水平。',
      },
      pending: {
        en: BENCH.en + ' Measure: CPU time per message and per byte.',
        zh: BENCH.zh + '度量：每条消息与每字节耗费的 CPU 时间。',
      },
    },
    {
      id: 'performance-comparison.message-queue-memory-is-medium',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the memory overhead of message queues at a medium level.',
        zh: '对比表认为消息队列的内存开销处于中等水平。',
      },
      pending: {
        en: BENCH.en + ' Measure: memory the kernel and both processes hold per channel.',
        zh: BENCH.zh + '度量：每条通道由内核与双方进程占用的内存。',
      },
    },
    {
      id: 'performance-comparison.shared-memory-latency-is-very-low',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the latency of shared memory at a very low level.',
        zh: '对比表认为共享内存的延迟处于极低的水平。',
      },
      pending: {
        en: BENCH.en + ' Measure: round-trip latency of a small message.',
        zh: BENCH.zh + '度量：小消息的往返延迟。',
      },
    },
    {
      id: 'performance-comparison.shared-memory-throughput-is-very-high',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the throughput of shared memory at a very high level.',
        zh: '对比表认为共享内存的吞吐量处于极高的水平。',
      },
      pending: {
        en: BENCH.en + ' Measure: bytes per second in a bulk transfer.',
        zh: BENCH.zh + '度量：大批量传输时每秒的字节数。',
      },
    },
    {
      id: 'performance-comparison.shared-memory-cpu-is-very-low',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the CPU overhead of shared memory at a very low level.',
        zh: '对比表认为共享内存的 CPU 开销处于极低的水平。',
      },
      pending: {
        en: BENCH.en + ' Measure: CPU time per message and per byte.',
        zh: BENCH.zh + '度量：每条消息与每字节耗费的 CPU 时间。',
      },
    },
    {
      id: 'performance-comparison.shared-memory-memory-is-high',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the memory overhead of shared memory at a high level.',
        zh: '对比表认为共享内存的内存开销处于偏高的水平。',
      },
      pending: {
        en: BENCH.en + ' Measure: memory the kernel and both processes hold per channel.',
        zh: BENCH.zh + '度量：每条通道由内核与双方进程占用的内存。',
      },
    },
    {
      id: 'performance-comparison.semaphore-latency-is-low',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the latency of semaphores at a low level.',
        zh: '对比表认为信号量的延迟处于偏低的水平。',
      },
      pending: {
        en: BENCH.en + ' Measure: round-trip latency of a small message.',
        zh: BENCH.zh + '度量：小消息的往返延迟。',
      },
    },
    {
      id: 'performance-comparison.semaphore-cpu-is-low',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the CPU overhead of semaphores at a low level.',
        zh: '对比表认为信号量的 CPU 开销处于偏低的水平。',
      },
      pending: {
        en: BENCH.en + ' Measure: CPU time per message and per byte.',
        zh: BENCH.zh + '度量：每条消息与每字节耗费的 CPU 时间。',
      },
    },
    {
      id: 'performance-comparison.semaphore-memory-is-low',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the memory overhead of semaphores at a low level.',
        zh: '对比表认为信号量的内存开销处于偏低的水平。',
      },
      pending: {
        en: BENCH.en + ' Measure: memory the kernel and both processes hold per channel.',
        zh: BENCH.zh + '度量：每条通道由内核与双方进程占用的内存。',
      },
    },
    {
      id: 'performance-comparison.unix-socket-latency-is-low',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the latency of UNIX-domain sockets at a low level.',
        zh: '对比表认为 UNIX 域套接字的延迟处于偏低的水平。',
      },
      pending: {
        en: BENCH.en + ' Measure: round-trip latency of a small message.',
        zh: BENCH.zh + '度量：小消息的往返延迟。',
      },
    },
    {
      id: 'performance-comparison.unix-socket-throughput-is-high',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the throughput of UNIX-domain sockets at a high level.',
        zh: '对比表认为 UNIX 域套接字的吞吐量处于偏高的水平。',
      },
      pending: {
        en: BENCH.en + ' Measure: bytes per second in a bulk transfer.',
        zh: BENCH.zh + '度量：大批量传输时每秒的字节数。',
      },
    },
    {
      id: 'performance-comparison.unix-socket-cpu-is-low',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the CPU overhead of UNIX-domain sockets at a low level.',
        zh: '对比表认为 UNIX 域套接字的 CPU 开销处于偏低的水平。',
      },
      pending: {
        en: BENCH.en + ' Measure: CPU time per message and per byte.',
        zh: BENCH.zh + '度量：每条消息与每字节耗费的 CPU 时间。',
      },
    },
    {
      id: 'performance-comparison.unix-socket-memory-is-medium',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the memory overhead of UNIX-domain sockets at a medium level.',
        zh: '对比表认为 UNIX 域套接字的内存开销处于中等水平。',
      },
      pending: {
        en: BENCH.en + ' Measure: memory the kernel and both processes hold per channel.',
        zh: BENCH.zh + '度量：每条通道由内核与双方进程占用的内存。',
      },
    },
    {
      id: 'performance-comparison.network-socket-latency-is-high',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the latency of network sockets at a high level.',
        zh: '对比表认为网络套接字的延迟处于偏高的水平。',
      },
      pending: {
        en: BENCH.en + ' Measure: round-trip latency of a small message.',
        zh: BENCH.zh + '度量：小消息的往返延迟。',
      },
    },
    {
      id: 'performance-comparison.network-socket-throughput-is-medium',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the throughput of network sockets at a medium level.',
        zh: '对比表认为网络套接字的吞吐量处于中等水平。',
      },
      pending: {
        en: BENCH.en + ' Measure: bytes per second in a bulk transfer.',
        zh: BENCH.zh + '度量：大批量传输时每秒的字节数。',
      },
    },
    {
      id: 'performance-comparison.network-socket-cpu-is-high',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the CPU overhead of network sockets at a high level.',
        zh: '对比表认为网络套接字的 CPU 开销处于偏高的水平。',
      },
      pending: {
        en: BENCH.en + ' Measure: CPU time per message and per byte.',
        zh: BENCH.zh + '度量：每条消息与每字节耗费的 CPU 时间。',
      },
    },
    {
      id: 'performance-comparison.network-socket-memory-is-medium',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the memory overhead of network sockets at a medium level.',
        zh: '对比表认为网络套接字的内存开销处于中等水平。',
      },
      pending: {
        en: BENCH.en + ' Measure: memory the kernel and both processes hold per channel.',
        zh: BENCH.zh + '度量：每条通道由内核与双方进程占用的内存。',
      },
    },
    {
      id: 'performance-comparison.dbus-latency-is-high',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the latency of D-Bus at a high level.',
        zh: '对比表认为 D-Bus 的延迟处于偏高的水平。',
      },
      pending: {
        en: BENCH.en + ' Measure: round-trip latency of a small message.',
        zh: BENCH.zh + '度量：小消息的往返延迟。',
      },
    },
    {
      id: 'performance-comparison.dbus-throughput-is-low',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the throughput of D-Bus at a low level.',
        zh: '对比表认为 D-Bus 的吞吐量处于偏低的水平。',
      },
      pending: {
        en: BENCH.en + ' Measure: bytes per second in a bulk transfer.',
        zh: BENCH.zh + '度量：大批量传输时每秒的字节数。',
      },
    },
    {
      id: 'performance-comparison.dbus-cpu-is-high',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the CPU overhead of D-Bus at a high level.',
        zh: '对比表认为 D-Bus 的 CPU 开销处于偏高的水平。',
      },
      pending: {
        en: BENCH.en + ' Measure: CPU time per message and per byte.',
        zh: BENCH.zh + '度量：每条消息与每字节耗费的 CPU 时间。',
      },
    },
    {
      id: 'performance-comparison.dbus-memory-is-high',
      section: SECTION,
      claim: {
        en: 'The comparison table puts the memory overhead of D-Bus at a high level.',
        zh: '对比表认为 D-Bus 的内存开销处于偏高的水平。',
      },
      pending: {
        en: BENCH.en + ' Measure: memory the kernel and both processes hold per channel.',
        zh: BENCH.zh + '度量：每条通道由内核与双方进程占用的内存。',
      },
    },
    {
      id: 'performance-comparison.semaphore-throughput-is-not-applicable',
      section: SECTION,
      claim: {
        en: 'The comparison table gives semaphores no throughput rating (N/A), treating them as carrying no data.',
        zh: '对比表没有给信号量的吞吐量评级（N/A），视其为不传输数据。',
      },
      untestable: {
        en: 'N/A asserts nothing that could be measured: a semaphore moves no payload, so there is no data rate for a bench to compare (its operation rate belongs to the latency and CPU cells).',
        zh: 'N/A 没有断言任何可测量的内容：信号量不承载数据，基准测试没有数据速率可比（其操作速率归入延迟与 CPU 两格）。',
      },
    },
  ],
});

// The benchmark plan: every workload the kit measures, what its figure means and how the bench
// probe measures it. The plan is data, like a spec: the engine (runners/bench/) selects and runs it,
// and the report reads the units from here. Nothing here imports the runners.

/** What a workload measures. */
export type WorkloadKind = 'rtt' | 'throughput' | 'rate' | 'memory' | 'reference';

/** Where the two processes of a workload run: both on CPU 0, on CPUs 0 and 1, or unpinned. */
export type Placement = 'same' | 'split' | 'free';

export const PLACEMENTS: readonly Placement[] = ['same', 'split', 'free'];

/** One measurement the probe makes per repetition. */
export interface Workload {
  /** Stable name, also what --only globs match: `rtt.pipe.64.free`, `reference.ref-memcpy.65536`. */
  id: string;
  kind: WorkloadKind;
  /** The IPC mechanism, or for references the reference case (`ref-syscall` …). */
  mechanism: string;
  /** Payload (rtt), chunk (throughput), message size (rate), channel count (memory), copy size (ref-memcpy). */
  size: number | null;
  placement: Placement | null;
  /** Unit of the probe's value: `ns`, `B/s`, `msg/s` or `B/channel`. */
  unit: string;
  /** Whether a larger value is better (throughput, rate) or worse (latency, memory). */
  higherIsBetter: boolean;
  /** One sentence on how the figure is obtained. */
  method: string;
  /** The `bench-probe series` line, e.g. `rtt pipe 64 free 100`. */
  line: string;
}

/** A workload the plan leaves out here, and why (one CPU only, no D-Bus daemon …). */
export interface UnavailableWorkload {
  workload: Workload;
  reason: string;
}

/** How long each kind of measurement runs at least, in ms (bench-probe's MIN_MS). */
export interface MeasureDurations {
  rttMs: number;
  throughputMs: number;
  rateMs: number;
  referenceMs: number;
}

/** The durations of a full run: long enough for a stable mean on a quiet machine. */
export const FULL_DURATIONS: MeasureDurations = { rttMs: 100, throughputMs: 1000, rateMs: 300, referenceMs: 200 };
/** The durations of `--quick`: enough to exercise every path, not to compare mechanisms. */
export const QUICK_DURATIONS: MeasureDurations = { rttMs: 5, throughputMs: 100, rateMs: 50, referenceMs: 5 };

export const RTT_PAYLOADS = [1, 64, 1024, 4096] as const;
export const THROUGHPUT_CHUNK = 65536;
export const RATE_SIZE = 64;
export const MEMORY_COUNT = 256;
/** The copy ceiling is measured at the chunk size the throughput workloads move, so each is judged against its own size. */
export const MEMCPY_CHUNK = THROUGHPUT_CHUNK;

/** Round-trip mechanisms carrying data, and how each round trip is made. */
const RTT_DATA_MECHANISMS: Record<string, string> = {
  pipe: 'two pipes, one per direction',
  fifo: 'two FIFOs (mode 0600), one per direction',
  'sysv-msg': 'one System V queue, a message type per direction',
  'posix-mq': 'two POSIX message queues, one per direction',
  'unix-stream': 'a connected AF_UNIX SOCK_STREAM pair',
  'unix-dgram': 'a connected AF_UNIX SOCK_DGRAM pair',
  'unix-seqpacket': 'a connected AF_UNIX SOCK_SEQPACKET pair',
  tcp: 'a TCP connection on 127.0.0.1 with TCP_NODELAY',
  udp: 'two connected UDP sockets on 127.0.0.1',
  'shm-sem': 'a shared mapping, payload copied in and out, two process-shared POSIX semaphores to hand over',
  'shm-spin': 'a shared mapping, payload copied in and out, both sides spinning on a sequence word (the ceiling)',
  dbus: 'a method call "Echo" through the run\'s private bus, byte array echoed back',
};

/** Round-trip mechanisms that carry no payload (or a fixed one), with the payload the probe accepts. */
const RTT_FIXED_MECHANISMS: Record<string, { payload: number; how: string }> = {
  'sysv-sem': { payload: 0, how: 'two System V semaphores, no data' },
  signal: { payload: 0, how: 'SIGUSR1 both ways, blocked and taken with sigwaitinfo' },
  'signal-rt': { payload: 4, how: 'SIGRTMIN with an int value via sigqueue, echoed back, taken with sigwaitinfo' },
};

const THROUGHPUT_MECHANISMS: Record<string, string> = {
  pipe: 'writes into a pipe',
  fifo: 'writes into a FIFO',
  'unix-stream': 'writes into an AF_UNIX SOCK_STREAM pair',
  tcp: 'writes into a TCP connection on 127.0.0.1',
  'shm-sem': 'a shared ring of chunk-sized slots, memcpy in and out, two process-shared semaphores',
  'shm-spin': 'a shared ring of chunk-sized slots, memcpy in and out, spinning indices',
  dbus: 'method calls through the private bus carrying the chunk (capped below the bus message limit)',
};

const RATE_MECHANISMS: Record<string, string> = {
  'sysv-msg': 'msgsnd to a receiver doing msgrcv',
  'posix-mq': 'mq_send to a receiver doing mq_receive',
  'unix-dgram': 'send on a connected AF_UNIX SOCK_DGRAM pair',
  'unix-seqpacket': 'send on a connected AF_UNIX SOCK_SEQPACKET pair',
  udp: 'send on connected UDP sockets on 127.0.0.1, at most a window of messages ahead of acknowledged (loss counted)',
  'signal-rt': 'sigqueue to a peer in sigwaitinfo, with a credit window below RLIMIT_SIGPENDING',
};

const MEMORY_MECHANISMS: Record<string, string> = {
  pipe: 'pipes with one small message in each',
  signal: 'real-time signals queued to the probe itself while blocked',
  'sysv-msg': 'System V queues with one small message in each',
  'posix-mq': 'POSIX message queues with one small message in each',
  shm: 'System V segments of 64 KiB, touched',
  'sysv-sem': 'System V semaphore sets',
  'unix-stream': 'AF_UNIX stream pairs with one small message in each',
  tcp: 'TCP connections on 127.0.0.1 with one small message in each',
  dbus: "connections to the private bus (including the daemon's growth when its pid is visible)",
};

/** Mechanisms that copy data through the kernel or a shared buffer: compared with the memcpy ceiling. */
export const COPY_MECHANISMS = new Set(Object.keys(THROUGHPUT_MECHANISMS));

function rttWorkload(mechanism: string, payload: number, placement: Placement, how: string, ms: number): Workload {
  return {
    id: `rtt.${mechanism}.${payload}.${placement}`,
    kind: 'rtt',
    mechanism,
    size: payload,
    placement,
    unit: 'ns',
    higherIsBetter: false,
    method: `Round trip of ${payload} B out and the same bytes back between the probe and a forked peer over ${how}; mean ns per round trip over timed batches of at least ${ms} ms.`,
    line: `rtt ${mechanism} ${payload} ${placement} ${ms}`,
  };
}

/** Every workload of a run, in a fixed canonical order (the schedule shuffles it per repetition). */
export function allWorkloads(durations: MeasureDurations): Workload[] {
  const workloads: Workload[] = [];
  for (const placement of PLACEMENTS) {
    for (const [mechanism, how] of Object.entries(RTT_DATA_MECHANISMS)) {
      for (const payload of RTT_PAYLOADS) workloads.push(rttWorkload(mechanism, payload, placement, how, durations.rttMs));
    }
    for (const [mechanism, { payload, how }] of Object.entries(RTT_FIXED_MECHANISMS)) {
      workloads.push(rttWorkload(mechanism, payload, placement, how, durations.rttMs));
    }
    for (const [mechanism, how] of Object.entries(THROUGHPUT_MECHANISMS)) {
      workloads.push({
        id: `throughput.${mechanism}.${THROUGHPUT_CHUNK}.${placement}`,
        kind: 'throughput',
        mechanism,
        size: THROUGHPUT_CHUNK,
        placement,
        unit: 'B/s',
        higherIsBetter: true,
        method: `One-way bulk transfer in ${THROUGHPUT_CHUNK}-byte ${how}; bytes the reader verified per second of at least ${durations.throughputMs} ms.`,
        line: `throughput ${mechanism} ${THROUGHPUT_CHUNK} ${placement} ${durations.throughputMs}`,
      });
    }
    for (const [mechanism, how] of Object.entries(RATE_MECHANISMS)) {
      // A real-time signal carries one int: its "message" is 4 bytes, whatever the others carry.
      const size = mechanism === 'signal-rt' ? 4 : RATE_SIZE;
      workloads.push({
        id: `rate.${mechanism}.${size}.${placement}`,
        kind: 'rate',
        mechanism,
        size,
        placement,
        unit: 'msg/s',
        higherIsBetter: true,
        method: `One-way messages of ${size} B, ${how}; messages received per second of at least ${durations.rateMs} ms.`,
        line: `rate ${mechanism} ${size} ${placement} ${durations.rateMs}`,
      });
    }
  }
  for (const [mechanism, what] of Object.entries(MEMORY_MECHANISMS)) {
    workloads.push({
      id: `memory.${mechanism}.${MEMORY_COUNT}`,
      kind: 'memory',
      mechanism,
      size: MEMORY_COUNT,
      placement: null,
      unit: 'B/channel',
      higherIsBetter: false,
      method: `${MEMORY_COUNT} ${what}; (kernel memory delta + resident-set delta) / ${MEMORY_COUNT}.`,
      line: `memory ${mechanism} ${MEMORY_COUNT}`,
    });
  }
  workloads.push({
    id: 'reference.ref-syscall',
    kind: 'reference',
    mechanism: 'ref-syscall',
    size: null,
    placement: null,
    unit: 'ns',
    higherIsBetter: false,
    method: `A null system call (getppid through syscall(2)); ns per call over at least ${durations.referenceMs} ms.`,
    line: `ref-syscall ${durations.referenceMs}`,
  });
  for (const placement of ['same', 'split'] as const) {
    workloads.push({
      id: `reference.ref-ctxswitch.${placement}`,
      kind: 'reference',
      mechanism: 'ref-ctxswitch',
      size: null,
      placement,
      unit: 'ns',
      higherIsBetter: false,
      method: `Two processes hand a futex word in shared memory back and forth (FUTEX_WAIT/FUTEX_WAKE): the bare context-switch round trip, ns over at least ${durations.referenceMs} ms.`,
      line: `ref-ctxswitch ${placement} ${durations.referenceMs}`,
    });
  }
  workloads.push({
    id: `reference.ref-memcpy.${MEMCPY_CHUNK}`,
    kind: 'reference',
    mechanism: 'ref-memcpy',
    size: MEMCPY_CHUNK,
    placement: null,
    unit: 'B/s',
    higherIsBetter: true,
    method: `memcpy of ${MEMCPY_CHUNK} B from a page-aligned source to a destination 0, 16, 64, 2048 and 4080 B past it modulo 4096, each placement warmed up, then 2 ms rounds in turns; the best round of the best placement (the copy ceiling), every placement kept as evidence, over at least ${durations.referenceMs} ms.`,
    line: `ref-memcpy ${MEMCPY_CHUNK} ${durations.referenceMs}`,
  });
  return workloads;
}

/** What the environment offers that decides which workloads can run. */
export interface PlanConditions {
  /** CPUs this process may run on (sched_getaffinity), from the probe's `machine` case. */
  cpusAllowed: number;
  /** Why there is no D-Bus daemon for this run, or undefined when there is one. */
  dbusUnavailable?: string;
}

/** Splits the workloads into those that can run here and those recorded as unavailable. */
export function partitionWorkloads(
  workloads: Workload[],
  conditions: PlanConditions,
): { runnable: Workload[]; unavailable: UnavailableWorkload[] } {
  const runnable: Workload[] = [];
  const unavailable: UnavailableWorkload[] = [];
  for (const workload of workloads) {
    if (workload.placement === 'split' && conditions.cpusAllowed < 2) {
      unavailable.push({ workload, reason: `split placement needs 2 CPUs; this environment allows ${conditions.cpusAllowed}` });
    } else if (workload.mechanism === 'dbus' && conditions.dbusUnavailable !== undefined) {
      unavailable.push({ workload, reason: conditions.dbusUnavailable });
    } else {
      runnable.push(workload);
    }
  }
  return { runnable, unavailable };
}

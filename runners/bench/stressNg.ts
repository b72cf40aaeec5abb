// stress-ng's IPC stressors side by side with the kit's figures. stress-ng counts "bogo operations"
// of its own loops, which are not designed as benchmarks: each stressor below says what one bogo-op
// is, and a kit/stress-ng ratio is given only where both count the same kind of event (and flagged
// "indicative" where the unit agrees but the work per event does not).
import type { Environment } from '../environments/environment.js';

/** One stress-ng stressor as the kit runs it, and what its count means. */
interface StressorPlan {
  stressor: string;
  args: string[];
  /** What one bogo-op is, in this stressor. */
  bogoOp: string;
}

/** One instance each (a sender/receiver pair, as in the kit), no pinning (the kit's `free` placement). */
const STRESSORS: StressorPlan[] = [
  {
    stressor: 'pipe',
    // --pipe-data-size accepts at most the page size (stress-ng(1)), so the kit's 64 KiB chunk is out of reach.
    args: ['--pipe', '1', '--pipe-data-size', '4096'],
    bogoOp: 'one write() of the data size into a pipe opened with O_DIRECT (packet mode), read by a child process',
  },
  {
    stressor: 'msg',
    args: ['--msg', '1', '--msg-bytes', '64'],
    bogoOp: 'one msgsnd() of a 64-byte System V message, received by a child process',
  },
  {
    stressor: 'mq',
    args: ['--mq', '1'],
    bogoOp: 'one mq_send() of an 8-byte message with a random priority, received by a child process',
  },
  {
    stressor: 'sem-sysv',
    args: ['--sem-sysv', '1', '--sem-sysv-procs', '2'],
    bogoOp:
      'one wait (−1) then post (+1) on a binary System V semaphore, by either of 2 processes competing for it (a lock taken and released, not a hand-over)',
  },
  {
    stressor: 'sock',
    args: ['--sock', '1'],
    bogoOp: 'one TCP connection on loopback accepted, sent a series of messages of growing size, and closed',
  },
];

/** What one stress-ng stressor reported. */
export interface StressorResult {
  stressor: string;
  args: string[];
  bogoOp: string;
  bogoOps: number | null;
  /** bogo-ops per second of wall-clock time. */
  bogoOpsPerSecond: number | null;
  /** bogo-ops per second of user+system CPU time. */
  bogoOpsPerCpuSecond: number | null;
  /** Further metrics stress-ng printed for this stressor, e.g. mb-per-sec-pipe-write-rate. */
  metrics: Record<string, number>;
  exitCode: number | null;
  stderr: string;
  error?: string;
}

/** The stress-ng part of a run. */
export interface StressNgRecord {
  status: 'measured' | 'not installed' | 'not in this environment' | 'not asked';
  reason?: string;
  version?: string;
  secondsPerStressor: number;
  stressors: StressorResult[];
}

/** A kit figure and a stress-ng figure put next to each other. */
export interface StressNgComparison {
  stressor: string;
  kitWorkload: string;
  kitValue: number | null;
  kitUnit: string;
  stressValue: number | null;
  stressUnit: string;
  /** kit / stress-ng, when a ratio means something. */
  ratio: number | null;
  comparability: 'same quantity' | 'indicative' | 'not comparable';
  note: string;
}

/** Environments where stress-ng runs on the host's binaries: the host itself and its namespaces. */
const STRESS_NG_ENVIRONMENTS = new Set(['host', 'sandbox']);

/** Reads the metrics list of stress-ng's --yaml output: `- stressor: NAME` then `key: number` lines. */
export function parseStressNgYaml(yaml: string): Map<string, Record<string, number>> {
  const metrics = new Map<string, Record<string, number>>();
  let inMetrics = false;
  let current: Record<string, number> | undefined;
  for (const line of yaml.split('\n')) {
    if (/^\S/.test(line)) inMetrics = line.startsWith('metrics:');
    if (!inMetrics) continue;
    const start = /^\s*-\s*stressor:\s*(\S+)/.exec(line);
    if (start) {
      current = {};
      metrics.set(start[1]!, current);
      continue;
    }
    const field = /^\s+([\w-]+):\s*(-?[\d.]+(?:e[+-]?\d+)?)\s*$/i.exec(line);
    if (field && current) current[field[1]!] = Number(field[2]);
  }
  return metrics;
}

// Runs stress-ng with its YAML going to a file in the command's own scratch TMPDIR (removed by the
// environment afterwards, and by us at once), then prints that file; stress-ng's log goes to stderr.
const RUN_SCRIPT =
  'y="$TMPDIR/stress-ng.yaml"; stress-ng "$@" --temp-path "$TMPDIR" --yaml "$y" 1>&2; s=$?; cat "$y" 2>/dev/null; rm -f "$y"; exit $s';

async function runStressor(environment: Environment, plan: StressorPlan, seconds: number): Promise<StressorResult> {
  const args = [...plan.args, '--timeout', `${seconds}s`, '--metrics-brief'];
  const result = await environment.exec(['sh', '-c', RUN_SCRIPT, 'stress-ng', ...args], { timeoutMs: (seconds + 30) * 1000 });
  const fields = parseStressNgYaml(result.stdout).get(plan.stressor);
  const base = { stressor: plan.stressor, args, bogoOp: plan.bogoOp, exitCode: result.exitCode, stderr: result.stderr.trim().slice(-2000) };
  if (!fields || result.exitCode !== 0) {
    const why = result.timedOut ? 'timed out' : `exit status ${result.exitCode}`;
    return {
      ...base,
      bogoOps: null,
      bogoOpsPerSecond: null,
      bogoOpsPerCpuSecond: null,
      metrics: {},
      error: `stress-ng --${plan.stressor} reported no metrics (${why})`,
    };
  }
  const {
    'bogo-ops': bogoOps,
    'bogo-ops-per-second-real-time': perSecond,
    'bogo-ops-per-second-usr-sys-time': perCpuSecond,
    ...metrics
  } = fields;
  return { ...base, bogoOps: bogoOps ?? null, bogoOpsPerSecond: perSecond ?? null, bogoOpsPerCpuSecond: perCpuSecond ?? null, metrics };
}

/** Runs the stressors in the environment when stress-ng is there; otherwise says why not. */
export async function runStressNg(
  environment: Environment,
  secondsPerStressor: number,
  progress: (line: string) => void = () => {},
): Promise<StressNgRecord> {
  const empty = { secondsPerStressor, stressors: [] };
  if (!STRESS_NG_ENVIRONMENTS.has(environment.name)) {
    return {
      ...empty,
      status: 'not in this environment',
      reason: `stress-ng is compared on the host and in the sandbox only, not in ${environment.name}`,
    };
  }
  const found = await environment.exec(['sh', '-c', 'command -v stress-ng >/dev/null && stress-ng --version'], { timeoutMs: 10_000 });
  if (found.exitCode !== 0) {
    return { ...empty, status: 'not installed', reason: 'stress-ng is not on PATH (Debian: apt-get install stress-ng)' };
  }
  const stressors: StressorResult[] = [];
  for (const plan of STRESSORS) {
    progress(`stress-ng --${plan.stressor} for ${secondsPerStressor} s`);
    stressors.push(await runStressor(environment, plan, secondsPerStressor));
  }
  return { ...empty, status: 'measured', version: found.stdout.trim(), stressors };
}

/** Bytes in stress-ng's "MB": with 2^20, its pipe write rate ÷ its writes per second comes out as a whole write size. */
const STRESS_NG_MB = 2 ** 20;

/**
 * Puts the kit's medians (free placement) next to stress-ng's figures. `kitMedian` gives a
 * workload's median, or undefined when the run did not measure it.
 */
export function compareWithKit(record: StressNgRecord, kitMedian: (workloadId: string) => number | undefined): StressNgComparison[] {
  const byName = new Map(record.stressors.map((s) => [s.stressor, s]));
  const comparisons: StressNgComparison[] = [];
  const ratio = (kit: number | undefined, stress: number | null) => (kit !== undefined && stress ? kit / stress : null);
  const pipe = byName.get('pipe');
  if (pipe) {
    const rate = pipe.metrics['mb-per-sec-pipe-write-rate'];
    const bytesPerSecond = rate === undefined ? null : rate * STRESS_NG_MB;
    const bytesPerWrite = bytesPerSecond !== null && pipe.bogoOpsPerSecond ? Math.round(bytesPerSecond / pipe.bogoOpsPerSecond) : null;
    const kit = kitMedian('throughput.pipe.65536.free');
    comparisons.push({
      stressor: 'pipe',
      kitWorkload: 'throughput.pipe.65536.free',
      kitValue: kit ?? null,
      kitUnit: 'B/s',
      stressValue: bytesPerSecond,
      stressUnit: 'B/s',
      ratio: ratio(kit, bytesPerSecond),
      comparability: 'indicative',
      note:
        `both are bytes per second one way through a pipe, but stress-ng writes ≈${bytesPerWrite ?? '?'}-byte packets (its "MB per sec pipe write rate" ÷ its writes per second; ` +
        `MB read as 2^20 bytes) into an O_DIRECT pipe, the kit writes 65536-byte chunks into an ordinary pipe`,
    });
  }
  // The message stressors count sends; the kit's rate workloads count receptions of the same kind.
  const messagesPerSecond = (stressor: string, kitWorkload: string, comparability: StressNgComparison['comparability'], note: string) => {
    const found = byName.get(stressor);
    if (!found) return;
    const kit = kitMedian(kitWorkload);
    comparisons.push({
      stressor,
      kitWorkload,
      kitValue: kit ?? null,
      kitUnit: 'msg/s',
      stressValue: found.bogoOpsPerSecond,
      stressUnit: 'msg/s (sent)',
      ratio: ratio(kit, found.bogoOpsPerSecond),
      comparability,
      note,
    });
  };
  messagesPerSecond(
    'msg',
    'rate.sysv-msg.64.free',
    'same quantity',
    '64-byte System V messages one way, one sender and one receiver; stress-ng counts sends, the kit counts receptions (equal in the long run: a full queue blocks the sender)',
  );
  messagesPerSecond(
    'mq',
    'rate.posix-mq.64.free',
    'indicative',
    'POSIX messages one way, one sender and one receiver, but stress-ng sends 8-byte messages with random priorities, the kit 64-byte ones',
  );
  const sem = byName.get('sem-sysv');
  if (sem) {
    const rtt = kitMedian('rtt.sysv-sem.0.free');
    const roundTripsPerSecond = rtt ? 1e9 / rtt : undefined;
    comparisons.push({
      stressor: 'sem-sysv',
      kitWorkload: 'rtt.sysv-sem.0.free',
      kitValue: roundTripsPerSecond ?? null,
      kitUnit: 'round trips/s',
      stressValue: sem.bogoOpsPerSecond,
      stressUnit: 'wait+post pairs/s',
      ratio: ratio(roundTripsPerSecond, sem.bogoOpsPerSecond),
      comparability: 'indicative',
      note: 'the kit hands two semaphores back and forth (every operation wakes the other process); stress-ng takes and releases one semaphore that the other process may or may not be waiting for: different events, so the ratio is indicative only',
    });
  }
  const sock = byName.get('sock');
  if (sock) {
    const kit = kitMedian('throughput.tcp.65536.free');
    comparisons.push({
      stressor: 'sock',
      kitWorkload: 'throughput.tcp.65536.free',
      kitValue: kit ?? null,
      kitUnit: 'B/s',
      stressValue: sock.bogoOpsPerSecond,
      stressUnit: 'connections/s',
      ratio: null,
      comparability: 'not comparable',
      note: 'stress-ng counts whole connections (connect, a burst of sends, close); the kit measures bytes per second on one open connection: different quantities, no ratio',
    });
  }
  return comparisons;
}

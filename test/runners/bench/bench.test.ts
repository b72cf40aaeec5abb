// The benchmark orchestrator: statistics on known data, the shuffled schedule with its discarded
// warm-up, parsing of bench-probe's series output (including broken and missing sub-cases), the
// report, chart, Allure results and matrix from a small made-up run, and — when bench-probe is
// built — a short end-to-end `ipc-conformance bench --quick` on the host.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { allWorkloads, partitionWorkloads, QUICK_DURATIONS, type Workload } from '../../../bench/workloads.js';
import { writeBenchAllureResults } from '../../../runners/bench/benchAllure.js';
import { benchChartSvg } from '../../../runners/bench/benchChart.js';
import { benchOptionsFrom } from '../../../runners/bench/benchCommand.js';
import { benchMatrixMarkdown } from '../../../runners/bench/benchMatrix.js';
import { benchMarkdown } from '../../../runners/bench/benchReport.js';
import {
  BENCH_FORMAT,
  type BenchResult,
  checkWorkloads,
  computeRatios,
  stressNgWithComparisons,
  unavailableResult,
  workloadResult,
} from '../../../runners/bench/benchResult.js';
import { machineFactsFrom, machineFlag } from '../../../runners/bench/machine.js';
import {
  parseSeriesOutput,
  planRepetitions,
  type RawObservation,
  type Repetition,
  runRepetition,
  seriesWatchdogSeconds,
} from '../../../runners/bench/schedule.js';
import { selectWorkloads } from '../../../runners/bench/selectWorkloads.js';
import { nearestRank, rangesOverlap, summarize } from '../../../runners/bench/statistics.js';
import { parseStressNgYaml, type StressNgRecord } from '../../../runners/bench/stressNg.js';
import { fixtureBinaryName } from '../../../runners/core/fixtureBinary.js';
import { kitPaths } from '../../../runners/core/kitPaths.js';
import type { Place } from '../../../runners/environments/environment.js';
import type { CommandResult } from '../../../runners/process/runCommand.js';
import { runCommand } from '../../../runners/process/runCommand.js';
import { cliCommand } from '../../support/kit.js';

const workloads = allWorkloads(QUICK_DURATIONS);
const byId = (id: string): Workload => {
  const found = workloads.find((w) => w.id === id);
  if (!found) throw new Error(`no workload ${id}`);
  return found;
};

/** One observation line as bench-probe prints it. */
function probeLine(caseName: string, value: number | null, evidence: Record<string, unknown>, errno: string | null = null): string {
  return JSON.stringify({ case: caseName, value, errno, signal: null, elapsed_ns: null, delay_ns: null, evidence });
}

const commandResult = (stdout: string, extra: Partial<CommandResult> = {}): CommandResult => ({
  exitCode: 0,
  signal: null,
  stdout,
  stderr: '',
  timedOut: false,
  durationMs: 10,
  ...extra,
});

describe('statistics', () => {
  test('five known values', () => {
    const s = summarize([50, 15, 40, 20, 35])!;
    // Five values are too few for any of the percentiles: each would be the smallest or largest value.
    expect(s).toMatchObject({ n: 5, min: 15, max: 50, median: 35, p10: null, p90: null, p99: null, mean: 32 });
    expect(s.stddev).toBeCloseTo(Math.sqrt(830 / 4), 10);
    expect(s.cv).toBeCloseTo(Math.sqrt(830 / 4) / 32, 10);
  });

  test('nearest rank picks observed values, the median of an even sample is the midpoint', () => {
    const sorted = Array.from({ length: 11 }, (_, i) => (i + 1) * 10); // 10 … 110
    expect(nearestRank(sorted, 10)).toBe(20); // rank ceil(1.1) = 2
    expect(nearestRank(sorted, 90)).toBe(100); // rank ceil(9.9) = 10
    expect(nearestRank(sorted, 99)).toBe(110);
    expect(summarize([4, 1, 3, 2])!.median).toBe(2.5);
    expect(summarize([7])).toMatchObject({ n: 1, median: 7, stddev: 0, cv: 0 });
    expect(summarize([])).toBeNull();
  });

  test('overlapping p10–p90 ranges', () => {
    expect(rangesOverlap({ p10: 1, p90: 3 }, { p10: 2, p90: 5 })).toBe(true);
    expect(rangesOverlap({ p10: 1, p90: 2 }, { p10: 2.5, p90: 5 })).toBe(false);
  });
});

describe('the plan', () => {
  test('payloads, placements and the references', () => {
    const rttPipe = workloads.filter((w) => w.kind === 'rtt' && w.mechanism === 'pipe');
    expect(rttPipe.map((w) => w.size)).toEqual([1, 64, 1024, 4096, 1, 64, 1024, 4096, 1, 64, 1024, 4096]);
    expect(workloads.filter((w) => w.mechanism === 'signal' && w.kind === 'rtt').map((w) => w.size)).toEqual([0, 0, 0]);
    expect(workloads.filter((w) => w.mechanism === 'signal-rt' && w.kind === 'rtt').map((w) => w.size)).toEqual([4, 4, 4]);
    expect(byId('throughput.tcp.65536.split').line).toBe(`throughput tcp 65536 split ${QUICK_DURATIONS.throughputMs}`);
    expect(byId('memory.pipe.256').line).toBe('memory pipe 256');
    expect(workloads.filter((w) => w.kind === 'reference').map((w) => w.line)).toEqual([
      `ref-syscall ${QUICK_DURATIONS.referenceMs}`,
      `ref-ctxswitch same ${QUICK_DURATIONS.referenceMs}`,
      `ref-ctxswitch split ${QUICK_DURATIONS.referenceMs}`,
      `ref-memcpy 65536 ${QUICK_DURATIONS.referenceMs}`,
    ]);
    expect(new Set(workloads.map((w) => w.id)).size).toBe(workloads.length);
  });

  test('split needs two CPUs, dbus needs a bus: both recorded as unavailable with the reason', () => {
    const { runnable, unavailable } = partitionWorkloads(workloads, { cpusAllowed: 1, dbusUnavailable: 'dbus-daemon is not installed' });
    expect(runnable.some((w) => w.placement === 'split' || w.mechanism === 'dbus')).toBe(false);
    expect(unavailable.find((u) => u.workload.id === 'rtt.pipe.64.split')?.reason).toMatch(/2 CPUs.*allows 1/);
    expect(unavailable.find((u) => u.workload.id === 'rtt.dbus.64.free')?.reason).toBe('dbus-daemon is not installed');
    expect(runnable.length + unavailable.length).toBe(workloads.length);
  });

  test('--only selects by glob and rejects a glob that matches nothing', () => {
    expect(selectWorkloads(workloads, 'rtt.pipe.64.*,reference.ref-syscall').map((w) => w.id)).toEqual([
      'rtt.pipe.64.same',
      'rtt.pipe.64.split',
      'rtt.pipe.64.free',
      'reference.ref-syscall',
    ]);
    expect(() => selectWorkloads(workloads, 'rtt.pipes.*')).toThrow(/matches no workload/);
  });

  test('command line values are checked before any work', () => {
    expect(() => benchOptionsFrom({ reps: '5' })).toThrow(/--reps must be a whole number ≥ 11/);
    expect(() => benchOptionsFrom({ env: 'vmware' })).toThrow(/unknown environment 'vmware'/);
    expect(() => benchOptionsFrom({ 'throughput-ms': 'fast' })).toThrow(/--throughput-ms/);
    expect(benchOptionsFrom({ quick: true, reps: '12', seed: '3' })).toMatchObject({ environment: 'host', reps: 12, quick: true, seed: 3 });
    expect(benchOptionsFrom({}).output).toBeUndefined();
    expect(benchOptionsFrom({ output: 'runs/today' }).output).toBe(join(process.cwd(), 'runs', 'today'));
    expect(() => benchOptionsFrom({ output: ' ' })).toThrow(/--output needs a folder name/);
  });
});

describe('the schedule', () => {
  const few = ['rtt.pipe.64.free', 'rtt.tcp.64.free', 'throughput.pipe.65536.free', 'rate.udp.64.free', 'reference.ref-syscall'].map(byId);

  test('repetition 0 is the warm-up, then every repetition is a fresh permutation drawn from the seed', () => {
    const plan = planRepetitions(few, 11, 42);
    expect(plan).toHaveLength(12);
    expect(plan.map((r) => r.warmup)).toEqual([true, ...Array(11).fill(false)]);
    for (const repetition of plan)
      expect([...repetition.order].sort((a, b) => a.id.localeCompare(b.id))).toEqual([...few].sort((a, b) => a.id.localeCompare(b.id)));
    const orders = new Set(plan.map((r) => r.order.map((w) => w.id).join(' ')));
    expect(orders.size).toBeGreaterThan(5);
    expect(planRepetitions(few, 11, 42).map((r) => r.order.map((w) => w.id))).toEqual(plan.map((r) => r.order.map((w) => w.id)));
    expect(planRepetitions(few, 11, 43).map((r) => r.order.map((w) => w.id))).not.toEqual(plan.map((r) => r.order.map((w) => w.id)));
    expect(() => planRepetitions(few, 10, 1)).toThrow(/at least 11/);
  });

  const repetition: Repetition = { index: 3, warmup: false, order: few };

  test('series output: one line per workload, broken sub-cases and a cut-off series are recorded', () => {
    const stdout = [
      probeLine('rtt', 5210, { mechanism: 'pipe', payload: 64, placement: 'free', iterations: 1000, cpu_ns_per_op: 7000 }),
      probeLine('rtt', null, { mechanism: 'tcp', error: 'connect: Connection refused' }, 'ECONNREFUSED'),
      probeLine('throughput', 3.1e9, { mechanism: 'pipe', bytes: 3.1e8, cpu_ns_per_mb: 400000 }),
    ].join('\n');
    const observations = parseSeriesOutput(
      repetition,
      commandResult(`${stdout}\n`, { exitCode: 3, stderr: 'bench-probe: watchdog fired after 40 s' }),
    );
    expect(observations.map((o) => [o.workload, o.status, o.value, o.position])).toEqual([
      ['rtt.pipe.64.free', 'ok', 5210, 0],
      ['rtt.tcp.64.free', 'broken', null, 1],
      ['throughput.pipe.65536.free', 'ok', 3.1e9, 2],
      ['rate.udp.64.free', 'broken', null, 3],
      ['reference.ref-syscall', 'broken', null, 4],
    ]);
    expect(observations[1]!.error).toBe('connect: Connection refused (ECONNREFUSED)');
    expect(observations[3]!.error).toMatch(/series ended before this workload \(exit status 3: bench-probe: watchdog fired/);
    expect(observations.every((o) => o.repetition === 3 && !o.warmup)).toBe(true);
  });

  test('a line for another mechanism puts the rest out of step instead of misattributing figures', () => {
    const stdout = [
      probeLine('rtt', 5210, { mechanism: 'pipe' }),
      probeLine('rtt', 9000, { mechanism: 'udp' }),
      probeLine('throughput', 1e9, { mechanism: 'pipe' }),
    ].join('\n');
    const observations = parseSeriesOutput(repetition, commandResult(stdout));
    expect(observations.map((o) => o.status)).toEqual(['ok', 'broken', 'broken', 'broken', 'broken']);
    expect(observations[1]!.error).toMatch(/out of step/);
  });

  test('one probe call per repetition, with a watchdog that covers the whole series', async () => {
    const calls: { argv: readonly string[]; env?: Record<string, string>; timeoutMs: number }[] = [];
    const place: Place = {
      description: 'fake',
      fixtureCommand: (fixture) => [`/fake/${fixture}-probe`],
      exec: async (argv, options) => {
        calls.push({ argv, env: options.env, timeoutMs: options.timeoutMs });
        return commandResult(few.map((w) => probeLine(w.line.split(' ')[0]!, 1, {})).join('\n'), { stderr: 'note from the probe' });
      },
    };
    const { record, observations } = await runRepetition(place, repetition);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.argv).toEqual(['/fake/bench-probe', 'series', ...few.map((w) => w.line)]);
    const watchdog = seriesWatchdogSeconds(few);
    expect(calls[0]!.env).toEqual({ IPC_PROBE_WATCHDOG_S: String(watchdog) });
    expect(calls[0]!.timeoutMs).toBeGreaterThan(watchdog * 1000);
    expect(record).toMatchObject({ index: 3, warmup: false, watchdogS: watchdog, stderr: 'note from the probe' });
    expect(observations.every((o) => o.status === 'ok')).toBe(true);
  });

  test('a series the probe refuses outright stops the run with its message', async () => {
    const place: Place = {
      description: 'fake',
      fixtureCommand: () => ['/fake/bench-probe'],
      exec: async () => commandResult('', { exitCode: 2, stderr: "bench-probe: unknown sub-case 'rtx'" }),
    };
    await expect(runRepetition(place, repetition)).rejects.toThrow(/refused the series: bench-probe: unknown sub-case/);
  });
});

/** A made-up run: a few workloads over 11 measured repetitions with values from a formula. */
function sampleResult(environment: string, scale = 1): BenchResult {
  const chosen = [
    'rtt.pipe.64.free',
    'rtt.unix-stream.64.free',
    'rtt.shm-spin.64.free',
    'rtt.signal.0.free',
    'rtt.dbus.64.free',
    'rtt.pipe.64.same',
    'throughput.pipe.65536.free',
    'throughput.tcp.65536.free',
    'rate.udp.64.free',
    'memory.pipe.256',
    'reference.ref-ctxswitch.same',
    'reference.ref-ctxswitch.split',
    'reference.ref-memcpy.65536',
    'reference.ref-syscall',
  ].map(byId);
  const base: Record<string, number> = {
    'rtt.pipe.64.free': 5000,
    'rtt.unix-stream.64.free': 5300,
    'rtt.shm-spin.64.free': 300,
    'rtt.signal.0.free': 9000,
    'rtt.dbus.64.free': 60000,
    'rtt.pipe.64.same': 3000,
    'throughput.pipe.65536.free': 3e9,
    'throughput.tcp.65536.free': 2e9,
    'rate.udp.64.free': 400000,
    'memory.pipe.256': 4600,
    'reference.ref-ctxswitch.same': 2500,
    'reference.ref-ctxswitch.split': 4000,
    'reference.ref-memcpy.65536': 2e10,
    'reference.ref-syscall': 90,
  };
  const observations: RawObservation[] = [];
  for (let repetition = 0; repetition <= 11; repetition++) {
    chosen.forEach((w, position) => {
      const value = Math.round(base[w.id]! * scale * (1 + ((repetition * 7 + position) % 5) / 50));
      const evidence: Record<string, number | string> = { cpu_ns_per_op: value * 1.5, lost: w.kind === 'rate' ? 3 : 0 };
      if (w.kind === 'memory')
        Object.assign(evidence, { kernel_bytes: value * 200, user_bytes: value * 56, method: 'Slab+Shmem+PageTables delta' });
      const broken = w.id === 'rtt.signal.0.free' && repetition === 5;
      observations.push({
        workload: w.id,
        repetition,
        warmup: repetition === 0,
        position,
        status: broken ? 'broken' : 'ok',
        value: broken ? null : value,
        errno: null,
        evidence: broken ? {} : evidence,
        ...(broken ? { error: 'sigwaitinfo: EINTR' } : {}),
      });
    });
  }
  const results = [
    ...chosen.map((w) => workloadResult(w, observations)),
    unavailableResult({ workload: byId('rtt.pipe.64.split'), reason: 'split placement needs 2 CPUs; this environment allows 1' }),
  ];
  const stressNg: StressNgRecord = {
    status: 'measured',
    version: 'stress-ng, version 0.15.06',
    secondsPerStressor: 1,
    stressors: [
      {
        stressor: 'pipe',
        args: ['--pipe', '1'],
        bogoOp: 'one write()',
        bogoOps: 1e6,
        bogoOpsPerSecond: 1e6,
        bogoOpsPerCpuSecond: 6e5,
        metrics: { 'mb-per-sec-pipe-write-rate': 488.28125 },
        exitCode: 0,
        stderr: '',
      },
      {
        stressor: 'msg',
        args: ['--msg', '1'],
        bogoOp: 'one msgsnd()',
        bogoOps: 8e5,
        bogoOpsPerSecond: 8e5,
        bogoOpsPerCpuSecond: 5e5,
        metrics: {},
        exitCode: 0,
        stderr: '',
      },
    ],
  };
  const facts = machineFactsFrom(
    probeLine('machine', 2, {
      cpu_model: 'Test CPU @ 2.0GHz',
      cpus: 2,
      cpus_allowed: 2,
      kernel: '6.1.0-test',
      hypervisor: true,
      sys_vendor: 'QEMU',
      loadavg: '0.10',
      page_size: 4096,
    }),
  );
  return {
    format: BENCH_FORMAT,
    environment,
    startedAt: '2025-01-01T00:00:00.000Z',
    finishedAt: '2025-01-01T00:10:00.000Z',
    seed: 42,
    repetitions: 11,
    durations: QUICK_DURATIONS,
    only: null,
    machine: {
      environment,
      runtime: environment === 'host' ? 'host (no container)' : 'docker runsc',
      description: { name: environment, kernel: '6.1.0-test', runtime: 'test' } as BenchResult['machine']['description'],
      facts,
      loadavgBefore: '0.10',
      loadavgAfter: '0.90',
      flag: machineFlag(facts),
    },
    method: ['made up for the test'],
    workloads: results,
    ratios: computeRatios(results, checkWorkloads(results).flags),
    checks: checkWorkloads(results),
    stressNg: stressNgWithComparisons(stressNg, results),
    repetitionRecords: [],
    observations,
  };
}

describe('results and report from a made-up run', () => {
  const result = sampleResult('host');

  test('statistics leave out the warm-up; a broken repetition marks the workload broken', () => {
    const pipe = result.workloads.find((w) => w.id === 'rtt.pipe.64.free')!;
    expect(pipe.status).toBe('measured');
    expect(pipe.stats!.n).toBe(11);
    expect(pipe.evidenceStats.cpu_ns_per_op!.n).toBe(11);
    const signal = result.workloads.find((w) => w.id === 'rtt.signal.0.free')!;
    expect(signal).toMatchObject({ status: 'broken', brokenCount: 1 });
    expect(signal.stats!.n).toBe(10);
    expect(signal.reasons).toEqual(['repetition 5: sigwaitinfo: EINTR']);
  });

  test('ratios to memcpy and to the context switch', () => {
    const pipe = result.ratios.memcpyFraction.find((r) => r.workload === 'throughput.pipe.65536.free')!;
    expect(pipe.fraction).toBeCloseTo(pipe.median / pipe.memcpyMedian, 12);
    const rtt = result.ratios.contextSwitchMultiple.find((r) => r.workload === 'rtt.pipe.64.free')!;
    const ctxSame = result.workloads.find((w) => w.id === 'reference.ref-ctxswitch.same')!.stats!.median;
    expect(rtt.vsSame).toBeCloseTo(rtt.median / ctxSame, 12);
  });

  test('stress-ng: bytes from its MB (2^20) and the kit/stress-ng ratio', () => {
    const pipe = result.stressNg.comparisons.find((c) => c.stressor === 'pipe')!;
    expect(pipe.stressValue).toBe(488.28125 * 2 ** 20);
    expect(pipe.note).toMatch(/writes ≈512-byte packets/);
    const kit = result.workloads.find((w) => w.id === 'throughput.pipe.65536.free')!.stats!.median;
    expect(pipe.ratio).toBeCloseTo(kit / (488.28125 * 2 ** 20), 12);
    const msg = result.stressNg.comparisons.find((c) => c.stressor === 'msg')!;
    expect(msg).toMatchObject({ kitValue: null, ratio: null, comparability: 'same quantity' });
  });

  test('bench.md: tables, the VM flag, the unstable order and the problems', () => {
    const md = benchMarkdown(result);
    expect(md).toContain('**2-CPU virtual machine**');
    expect(md).toMatch(/## Latency: round-trip time \(RTT\), µs/);
    expect(md).toMatch(/\| pipe \| 64 B \| 3(\.\d+)? \[3(\.\d+)?–3(\.\d+)?\] CV \d\.\d% \| unavailable \| 5(\.\d+)? \[/);
    expect(md).toMatch(/## Throughput, MB\/s \(10\^6 bytes per second\)/);
    expect(md).toMatch(/\| pipe \| — \| — \| 3,\d{3} \[/);
    expect(md).toMatch(/\| udp \| — \| — \| 4\d\d,\d{3} \[[^\]]*\] CV [\d.]+%, lost 3 \|/);
    // signal broke once: 10 values have no p10, so its place in the order is not known (≈), not measured (<).
    expect(md).toMatch(/pipe 5(\.\d+)? µs ≈ unix-stream 5(\.\d+)? µs ≈ signal/);
    expect(md).toContain('| rtt.signal.0.free | p10 | withheld | percentile-undersampled |');
    expect(md).toMatch(/\| signal \| 0 B \| — \| — \| 9(\.\d+)? \[n 10: no p10–p90\] CV [\d.]+% \(1 broken\) \|/);
    expect(md).toContain('rtt.signal.0.free: broken in 1 of 11 repetitions — repetition 5: sigwaitinfo: EINTR');
    expect(md).toContain('rtt.pipe.64.split: unavailable — split placement needs 2 CPUs');
    expect(md).toMatch(/Slab\+Shmem\+PageTables delta/);
    expect(md).toMatch(/nearest-rank/);
  });

  test('the chart: one SVG, two log-scale panels with whiskers, no external reference', () => {
    const svg = benchChartSvg(result);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('round-trip time in µs (log scale)');
    expect(svg).toContain('MB/s (10^6 B/s) for throughput rows, messages/s for rate rows (log scale)');
    // RTT rows: pipe, unix-stream, shm-spin, signal, dbus (free); flow rows: pipe, tcp, udp.
    expect(svg.match(/<circle /g)).toHaveLength(8);
    expect(svg).not.toMatch(/href=|<script|@import/);
    expect(svg).toMatch(/>0\.1</); // the shm-spin decade
  });

  test('the matrix puts each environment next to the host', () => {
    const md = benchMatrixMarkdown([sampleResult('host'), sampleResult('gvisor', 4.2)]);
    expect(md).toMatch(/\| rtt\.pipe\.64\.free \| µs \| lower \| 5(\.\d+)? µs \| 2\d(\.\d+)? µs \(gvisor 4\.2× host\) \|/);
  });
});

describe('Allure results', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ipc-conformance-bench-allure-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('one result per workload, Performance epic, attachments present', async () => {
    const result = sampleResult('host');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dir, 'bench.svg'), benchChartSvg(result));
    await writeFile(join(dir, 'bench.md'), benchMarkdown(result));
    const resultsDir = join(dir, 'allure-results');
    await writeBenchAllureResults(resultsDir, result, join(dir, 'bench.svg'), join(dir, 'bench.md'));
    const files = await readdir(resultsDir);
    const results = await Promise.all(
      files.filter((f) => f.endsWith('-result.json')).map(async (f) => JSON.parse(await readFile(join(resultsDir, f), 'utf8'))),
    );
    expect(results).toHaveLength(result.workloads.length);
    const signal = results.find((r) => r.name === 'rtt.signal.0.free');
    expect(signal.status).toBe('broken');
    expect(results.find((r) => r.name === 'rtt.pipe.64.split').status).toBe('skipped');
    const pipe = results.find((r) => r.name === 'throughput.pipe.65536.free');
    expect(pipe.status).toBe('passed');
    expect(pipe.labels).toEqual(
      expect.arrayContaining([
        { name: 'epic', value: 'Performance' },
        { name: 'feature', value: 'throughput' },
        { name: 'story', value: 'pipe' },
      ]),
    );
    expect(pipe.parameters).toEqual(expect.arrayContaining([{ name: 'placement', value: 'free' }]));
    expect(pipe.description).toMatch(/\| n \| median \| p10 \| p90 \|/);
    for (const attachment of pipe.attachments) expect(files).toContain(attachment.source);
  });
});

describe('stress-ng output', () => {
  test('the metrics of its --yaml file', () => {
    const yaml = [
      '---',
      'system-info:',
      '      cpus: 2',
      '',
      'metrics:',
      '    - stressor: pipe',
      '      bogo-ops: 2201219',
      '      bogo-ops-per-second-real-time: 1100176.307468',
      '      mb-per-sec-pipe-write-rate: 537.541999',
      '    - stressor: msg',
      '      bogo-ops: 970793',
      '...',
    ].join('\n');
    const metrics = parseStressNgYaml(yaml);
    expect(metrics.get('pipe')).toEqual({
      'bogo-ops': 2201219,
      'bogo-ops-per-second-real-time': 1100176.307468,
      'mb-per-sec-pipe-write-rate': 537.541999,
    });
    expect(metrics.get('msg')).toEqual({ 'bogo-ops': 970793 });
    expect(metrics.has('cpus')).toBe(false);
  });
});

const benchProbe = join(kitPaths.fixtureBinaries, fixtureBinaryName('bench'));
const built = existsSync(benchProbe) && existsSync(join(kitPaths.root, 'dist', 'runners', 'bench', 'benchCommand.js'));

describe.skipIf(!built)('ipc-conformance bench --quick on the host', () => {
  let reports: string;
  beforeAll(async () => {
    reports = await mkdtemp(join(tmpdir(), 'ipc-conformance-bench-e2e-'));
  });
  afterAll(async () => {
    await rm(reports, { recursive: true, force: true });
  });

  test('measures the selected workloads 11 times after a warm-up and writes every output', async () => {
    const only = 'rtt.pipe.64.*,rtt.unix-stream.64.free,throughput.pipe.*,rate.udp.64.free,memory.pipe.*,reference.*';
    const run = await runCommand([...cliCommand, 'bench', '--quick', '--only', only, '--seed', '7'], {
      timeoutMs: 240_000,
      env: { IPC_CONFORMANCE_REPORTS_ROOT: reports },
      cwd: kitPaths.root,
    });
    expect(run.stderr).toMatch(/bench: repetition 0\/11 \(warm-up, discarded\)/);
    expect(run.stderr).toMatch(/bench: repetition 11\/11 done/);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/summary: .*bench\.md/);
    const dir = join(reports, 'bench', 'host');
    const result = JSON.parse(await readFile(join(dir, 'bench.json'), 'utf8')) as BenchResult;
    expect(result.seed).toBe(7);
    expect(result.repetitionRecords).toHaveLength(12);
    const measuredIds = result.workloads.filter((w) => w.status !== 'unavailable').map((w) => w.id);
    for (const id of measuredIds) {
      const w = result.workloads.find((x) => x.id === id)!;
      expect(w.stats?.n, id).toBe(11);
      expect(w.stats!.median, id).toBeGreaterThan(0);
    }
    expect(result.observations.filter((o) => o.warmup)).toHaveLength(measuredIds.length);
    expect(result.machine.facts.cpusOnline).toBeGreaterThan(0);
    // Whatever the machine, the figures must be in their physical ranges.
    const median = (id: string) => result.workloads.find((w) => w.id === id)!.stats!.median;
    expect(median('rtt.pipe.64.free')).toBeGreaterThan(100); // > 0.1 µs
    expect(median('rtt.pipe.64.free')).toBeLessThan(1e7); // < 10 ms
    expect(median('reference.ref-syscall')).toBeLessThan(median('rtt.pipe.64.free'));
    for (const file of ['bench.md', 'bench.svg', join('allure-report', 'index.html')]) expect(existsSync(join(dir, file)), file).toBe(true);
    expect(existsSync(join(reports, 'bench', 'matrix.md'))).toBe(true);
  }, 240_000);
});

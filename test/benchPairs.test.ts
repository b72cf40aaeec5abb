// A paired performance decision starts on quiet CPUs (c-fixtures/bench_quiet.h): with a neighbour
// spinning on the CPU the pair will use, the probe waits until the neighbour is gone before its
// first measurement, and says how long it waited.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { kitPaths } from '../runners/kitPaths.js';
import { statFields, until } from './support/kit.js';

const benchProbe = join(kitPaths.fixtureBinaries, 'bench_probe');

/** The first CPU this process may run on: where a pair placed "same" runs. */
function firstAllowedCpu(): number {
  const allowed = /^Cpus_allowed_list:\s*(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return Number(allowed?.[1] ?? 0);
}

/** CPU time of pid so far, in clock ticks (utime + stime), or 0 once gone. */
function cpuTicks(pid: number): number {
  const fields = statFields(pid);
  return fields ? Number(fields[11]) + Number(fields[12]) : 0;
}

interface PairsObservation {
  value: number;
  evidence: { quiet_at_start: boolean; quiet_wait_ms: number; cpu_time_taken_at_start_percent: string };
}

describe.skipIf(!existsSync(benchProbe))('paired decisions', () => {
  test('wait for a neighbour spinning on their CPU to end before measuring', async () => {
    const busyAfterProbeStartedMs = 300;
    // taskset becomes the shell, so the pid is the spinner itself: nothing outlives its kill.
    const neighbour = spawn('taskset', ['-c', String(firstAllowedCpu()), 'sh', '-c', 'while :; do :; done'], { stdio: 'ignore' });
    const neighbourEnded = new Promise((resolve) => neighbour.once('exit', resolve));
    const probe = spawn(benchProbe, ['pairs', 'rtt', 'fifo', 'pipe', '64', 'same', '3', '0.1', '2'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    probe.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const probeEnded = new Promise<number | null>((resolve) => probe.once('exit', resolve));
    try {
      // Two ticks of CPU time: the probe is past its start-up and spinning in its quiet check,
      // however long a busy machine took to start it (or it did not wait at all, and has ended).
      await until(() => cpuTicks(probe.pid!) >= 2 || probe.exitCode !== null, 20_000);
      await new Promise((resolve) => setTimeout(resolve, busyAfterProbeStartedMs));
      neighbour.kill('SIGKILL');
      expect(await probeEnded).toBe(0);
      const { evidence } = JSON.parse(stdout) as PairsObservation;
      expect(evidence.quiet_wait_ms).toBeGreaterThanOrEqual(busyAfterProbeStartedMs);
      if (evidence.quiet_at_start) expect(Number(evidence.cpu_time_taken_at_start_percent)).toBeLessThan(5);
    } finally {
      neighbour.kill('SIGKILL');
      probe.kill('SIGKILL');
      await neighbourEnded;
    }
  });
});

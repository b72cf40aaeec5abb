// A paired performance decision starts on quiet CPUs (c-fixtures/bench_quiet.h): with a neighbour
// spinning on the CPU the pair will use, the probe waits until the neighbour is gone before its
// first measurement, and says how long it waited.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { kitPaths } from '../runners/kitPaths.js';
import { runCommand } from '../runners/process/runCommand.js';

const benchProbe = join(kitPaths.fixtureBinaries, 'bench_probe');

/** The first CPU this process may run on: where a pair placed "same" runs. */
function firstAllowedCpu(): number {
  const allowed = /^Cpus_allowed_list:\s*(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return Number(allowed?.[1] ?? 0);
}

interface PairsObservation {
  value: number;
  evidence: { quiet_at_start: boolean; quiet_wait_ms: number; cpu_time_taken_at_start_percent: string };
}

describe.skipIf(!existsSync(benchProbe))('paired decisions', () => {
  test('wait for a neighbour spinning on their CPU to end before measuring', async () => {
    const spinMs = 500;
    // taskset becomes the shell, so the pid is the spinner itself: nothing outlives its kill.
    const neighbour = spawn('taskset', ['-c', String(firstAllowedCpu()), 'sh', '-c', 'while :; do :; done'], { stdio: 'ignore' });
    const ended = new Promise((resolve) => neighbour.once('exit', resolve));
    const stop = setTimeout(() => neighbour.kill('SIGKILL'), spinMs);
    try {
      const run = await runCommand([benchProbe, 'pairs', 'rtt', 'fifo', 'pipe', '64', 'same', '3', '0.1', '2'], { timeoutMs: 30_000 });
      expect(run.exitCode, run.stderr).toBe(0);
      const { evidence } = JSON.parse(run.stdout) as PairsObservation;
      // The probe starts within a few ms of the neighbour, which spins for half a second; other
      // tests running meanwhile can only make the wait longer.
      expect(evidence.quiet_wait_ms).toBeGreaterThanOrEqual(spinMs - 150);
      if (evidence.quiet_at_start) expect(Number(evidence.cpu_time_taken_at_start_percent)).toBeLessThan(5);
    } finally {
      clearTimeout(stop);
      neighbour.kill('SIGKILL');
      await ended;
    }
  });
});

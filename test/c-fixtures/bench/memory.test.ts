// The memory case measures in a memory cgroup of its own (c-fixtures/bench_memcg.h): a neighbour in
// the probe's cgroup that allocates and frees kernel memory must not move the figure, and the
// private cgroup is gone after the probe, also when it is stopped by a signal in the middle and,
// after a SIGKILL, once the next measurement has swept it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fixtureBinaryName } from '../../../runners/core/fixtureBinary.js';
import { kitPaths } from '../../../runners/core/kitPaths.js';
import { runCommand } from '../../../runners/process/runCommand.js';
import { alive, until } from '../../support/kit.js';
import { MEMORY_CGROUP_PREFIX, memoryCgroupFolder, privateMemoryCgroups, sharedMemorySegments } from '../../support/leftovers.js';

const benchProbe = join(kitPaths.fixtureBinaries, fixtureBinaryName('bench'));

const cgroupFolder = memoryCgroupFolder();
const privateCgroups = () => privateMemoryCgroups(cgroupFolder!);

interface MemoryObservation {
  value: number;
  evidence: { kernel_bytes: number; method: string };
}
async function measure(mechanism: string, count: number): Promise<MemoryObservation> {
  const run = await runCommand([benchProbe, 'memory', mechanism, String(count)], { timeoutMs: 30_000 });
  expect(run.exitCode, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as MemoryObservation;
}

/** A process in the test's cgroup that makes and frees 400 filled pipes every 100 ms until killed. */
function startKernelMemoryChurn() {
  const script = `import os, time
while True:
    pipes = [os.pipe() for _ in range(400)]
    for r, w in pipes: os.write(w, b'x' * 4096)
    time.sleep(0.05)
    for r, w in pipes: os.close(r); os.close(w)
    time.sleep(0.05)`;
  return spawn('python3', ['-c', script], { stdio: 'ignore' });
}

describe.skipIf(!existsSync(benchProbe) || !cgroupFolder || process.getuid?.() !== 0)(
  'the memory case in a memory cgroup of its own',
  () => {
    test('reads a private cgroup, and a neighbour churning kernel memory does not move the figure', async () => {
      const quiet = await measure('shm', 64);
      expect(quiet.evidence.method).toMatch(/a private \(probe only\) memory cgroup .*ipc-conformance-memory-\d+-\d+/);
      const churn = startKernelMemoryChurn();
      try {
        const values: number[] = [];
        for (let i = 0; i < 5; i++) values.push((await measure('shm', 64)).value);
        // A page per CPU of per-CPU charge caching is the most a reading may drift: 64 B per channel.
        for (const value of values)
          expect(Math.abs(value - quiet.value), `${values.join(', ')} vs ${quiet.value} quiet`).toBeLessThanOrEqual(128);
        expect(Math.min(...values)).toBeGreaterThanOrEqual(65536);
      } finally {
        churn.kill('SIGKILL');
      }
      // Other test files may be measuring now: only a cgroup whose probe is gone would be a leftover.
      expect(privateCgroups().filter((name) => !alive(Number.parseInt(name.slice(MEMORY_CGROUP_PREFIX.length), 10)))).toEqual([]);
    }, 60_000);

    test.each(['SIGTERM', 'SIGKILL'] as const)(
      'a probe stopped by %s mid-measurement leaves no cgroup and no segment behind',
      async (signal) => {
        const probe = spawn(benchProbe, ['memory', 'shm', '256'], { stdio: 'ignore' });
        const exited = new Promise((resolve) => probe.once('exit', resolve));
        const own = (name: string) => name.startsWith(`${MEMORY_CGROUP_PREFIX}${probe.pid}-`);
        await until(() => privateCgroups().some(own), 10_000);
        await until(() => sharedMemorySegments().some((s) => s.cpid === probe.pid), 10_000);
        probe.kill(signal);
        await exited;
        if (signal === 'SIGKILL') {
          // No cleanup runs; the segments were IPC_PRIVATE and stay until someone removes them, so the
          // test does; the empty cgroup is the next measurement's to sweep. That is this test's next
          // one, unless a measurement elsewhere (another test file, another run: the cores are shared)
          // swept it first, which is the same sweep; either way none may be left after it.
          for (const segment of sharedMemorySegments().filter((s) => s.cpid === probe.pid))
            await runCommand(['ipcrm', '-m', String(segment.shmid)], { timeoutMs: 5_000 });
          await measure('sysv-sem', 8);
        }
        expect(privateCgroups().filter(own)).toEqual([]);
        expect(sharedMemorySegments().filter((s) => s.cpid === probe.pid)).toEqual([]);
      },
      60_000,
    );
  },
);

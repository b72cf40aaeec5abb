// bench-probe's ref-memcpy: the ceiling is the best of its placements, every placement's rate is
// evidence, no page is first touched while timing, and a memcpy slowed at one placement (the fault
// shim bench_memcpy_slow_when_aliased, the malloc pair's 16 bytes) does not become the ceiling.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fixtureBinaryName } from '../../runners/core/fixtureBinary.js';
import { kitPaths } from '../../runners/core/kitPaths.js';
import { runCommand } from '../../runners/process/runCommand.js';
import { faultShim } from '../support/kit.js';

const benchProbe = join(kitPaths.fixtureBinaries, fixtureBinaryName('bench'));
const aliasedShim = faultShim('bench_memcpy_slow_when_aliased');

interface CeilingObservation {
  value: number;
  evidence: Record<string, number | string>;
}

async function ceiling(args: string[], env: Record<string, string> = {}): Promise<CeilingObservation> {
  const run = await runCommand([benchProbe, 'ref-memcpy', ...args], { timeoutMs: 60_000, env });
  expect(run.exitCode, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as CeilingObservation;
}

/** offset → rate, from the offset_<N>_bytes_per_s evidence. */
const ratesOf = (evidence: CeilingObservation['evidence']) =>
  new Map(
    Object.entries(evidence)
      .filter(([key]) => /^offset_\d+_bytes_per_s$/.test(key))
      .map(([key, rate]) => [Number(key.split('_')[1]), rate as number]),
  );

describe.skipIf(!existsSync(benchProbe))('ref-memcpy, the copy ceiling', () => {
  test('the default placements, each as evidence; the value is the best of them, taken with no page fault', async () => {
    const { value, evidence } = await ceiling(['65536', '5']);
    const rates = ratesOf(evidence);
    expect([...rates.keys()]).toEqual([0, 16, 64, 2048, 4080]);
    expect(evidence.offsets).toBe('0,16,64,2048,4080');
    expect(value).toBe(Math.max(...rates.values()));
    expect(rates.get(evidence.best_offset as number)).toBe(value);
    expect(rates.get(evidence.worst_offset as number)).toBe(evidence.worst_bytes_per_s);
    expect(evidence.chunk).toBe(65536);
    expect(evidence.page_faults_timed).toBe(0);
    expect(evidence.large_chunk).toBe(16 << 20);
    expect(evidence.large_iterations).toBeGreaterThanOrEqual(3); // warmed, then at least 3 rounds: never one cold copy
  });

  test('OFFSETS chooses the placements; bad ones are one usage line and exit 2', async () => {
    expect([...ratesOf((await ceiling(['4096', '2', '32,1024'])).evidence).keys()]).toEqual([32, 1024]);
    for (const [offsets, message] of [
      ['5000', /an offset of OFFSETS '5000' is not an integer from 0 to 4095/],
      ['16,16', /OFFSETS '16,16' repeats 16/],
      ['1,2,3,4,5,6,7,8,9', /lists more than 8 offsets/],
      [',', /lists no offset/],
    ] as const) {
      const run = await runCommand([benchProbe, 'ref-memcpy', '65536', '2', offsets], { timeoutMs: 10_000 });
      expect(run.exitCode, offsets).toBe(2);
      expect(run.stderr.trim().split('\n'), offsets).toHaveLength(1);
      expect(run.stderr, offsets).toMatch(message);
      expect(run.stdout).toBe('');
    }
  });

  test.skipIf(!existsSync(aliasedShim))(
    'memcpy slowed 16 B past the source (the malloc pair): that placement reports the slow rate, the ceiling is another one',
    async () => {
      const { value, evidence } = await ceiling(['65536', '5'], { LD_PRELOAD: aliasedShim });
      const rates = ratesOf(evidence);
      // The shim holds a copy at 1.7 GB/s at most; a copy is never faster than the shim lets it be.
      expect(rates.get(16)).toBeLessThanOrEqual(1.7e9 * 1.001);
      expect(evidence.worst_offset).toBe(16);
      expect(evidence.best_offset).not.toBe(16);
      expect(value).toBeGreaterThan(rates.get(16)!);
    },
  );
});

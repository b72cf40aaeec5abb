// The whole bench under a broken memcpy (c-fixtures/faults/bench_memcpy_*.c preloaded into the
// probe): the report must notice. A memcpy slowed everywhere puts the copy ceiling under the pipe's
// throughput, so the report flags the pipe and withholds the ceiling and its shares instead of
// printing a share above 100 %. A memcpy slowed only at the malloc pair's placement (16 bytes past
// the source modulo 4096) is the fault that fooled the old ceiling: the new one keeps its best
// placement, flags how much placement mattered, and the pipe stays under it.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runBench } from '../../runners/bench/benchCommand.js';
import type { BenchResult } from '../../runners/bench/benchResult.js';
import { fixtureBinaryName } from '../../runners/core/fixtureBinary.js';
import { kitPaths } from '../../runners/core/kitPaths.js';
import { HostEnvironment } from '../../runners/environments/host.js';
import { faultShim } from '../support/kit.js';

const benchProbe = join(kitPaths.fixtureBinaries, fixtureBinaryName('bench'));
const shims = ['bench_memcpy_slow', 'bench_memcpy_slow_when_aliased'].map(faultShim);
const ready = existsSync(benchProbe) && shims.every((shim) => existsSync(shim));

const ONLY = 'throughput.pipe.65536.same,reference.ref-memcpy.65536';
const CEILING = 'reference.ref-memcpy.65536';
const PIPE = 'throughput.pipe.65536.same';

/** A quick bench of the pipe and the ceiling with `shim` preloaded into the probe, written to `output`. */
async function benchUnder(shim: string, output: string): Promise<{ result: BenchResult; markdown: string }> {
  const place = new HostEnvironment({ name: 'host', env: { LD_PRELOAD: faultShim(shim) } });
  const { result, markdown } = await runBench(
    { environment: 'host', reps: 11, quick: true, only: ONLY, seed: 18, output, stressNg: false },
    place,
  );
  expect(markdown).toBe(join(output, 'bench.md'));
  const written = JSON.parse(await readFile(join(output, 'bench.json'), 'utf8')) as BenchResult;
  expect(written.checks.flags).toEqual(result.checks.flags);
  return { result: written, markdown: await readFile(markdown, 'utf8') };
}

describe.skipIf(!ready)('the bench under a broken memcpy', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'ipc-conformance-bench-faults-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  test('memcpy at 0.2 GB/s everywhere: the pipe is flagged above the ceiling, the ceiling and the share withheld', async () => {
    const { result, markdown } = await benchUnder('bench_memcpy_slow', join(folder, 'slow'));
    const above = result.checks.flags.filter((f) => f.check === 'above-ceiling');
    expect(above.map((f) => [f.workload, f.figure, f.withheld])).toEqual([
      [PIPE, 'share of the copy ceiling', true],
      [CEILING, 'median', true],
    ]);
    // The shim holds every copy to 0.2 GB/s: so is the ceiling, at every placement.
    expect(above[0]!.measured.ceiling).toBeLessThanOrEqual(0.2e9 * 1.001);
    expect(result.ratios.memcpyFraction[0]).toMatchObject({ workload: PIPE, withheld: expect.arrayContaining(['above-ceiling']) });
    expect(markdown).toMatch(/\| pipe \| withheld: [a-z, -]*above-ceiling[a-z, -]* \| — \| — \|/);
    expect(markdown).toMatch(
      /\| throughput\.pipe\.65536\.same \| share of the copy ceiling \| withheld \| above-ceiling \| [\d,]+ MB\/s is [\d,.]+ % of the copy ceiling 200 MB\/s/,
    );
    expect(markdown).toMatch(/\| ref-memcpy 65536 B \| {2}\| withheld: above-ceiling/);
  }, 180_000);

  test('memcpy at 1.7 GB/s 16 B past the source: the ceiling is another placement, placement is flagged, the pipe stays under', async () => {
    const { result, markdown } = await benchUnder('bench_memcpy_slow_when_aliased', join(folder, 'aliased'));
    const flags = result.checks.flags;
    expect(flags.filter((f) => f.check === 'above-ceiling')).toEqual([]);
    const placement = flags.filter((f) => f.check === 'ceiling-placement');
    expect(placement.map((f) => [f.workload, f.withheld, f.measured.worstOffset])).toEqual([[CEILING, false, 16]]);
    expect(placement[0]!.measured.worst).toBeLessThanOrEqual(1.7e9 * 1.001);
    const ceilings = result.observations.filter((o) => o.workload === CEILING);
    expect(ceilings).toHaveLength(12);
    for (const o of ceilings) expect(o.evidence.best_offset, `repetition ${o.repetition}`).not.toBe(16);
    expect(markdown).toMatch(/\| 16 B \| 1,[67]\d\d \[/); // the slow placement's row in the ceiling table
    expect(markdown).toMatch(/\| reference\.ref-memcpy\.65536 \| placement \| marked ⚑ \| ceiling-placement \|/);
  }, 180_000);
});

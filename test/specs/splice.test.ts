// splice/tee/vmsplice in the kit: a shim whose tee() moves the bytes instead of copying them, and
// one whose splice() drops the offset pointers, must fail the properties they break with what both
// probes measured, while a property they leave alone passes; and a probe stopped while blocked in
// splice() leaves no process and no file behind.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { fixtureBinaryName } from '../../runners/core/fixtureBinary.js';
import type { ExecOptions } from '../../runners/environments/environment.js';
import { HostEnvironment } from '../../runners/environments/host.js';
import { runProbe } from '../../runners/probes/runProbe.js';
import { type CommandResult, runCommand } from '../../runners/process/runCommand.js';
import { expectFaultFails, expectPasses } from '../support/faults.js';
import { until } from '../support/kit.js';
import { processesRunning } from '../support/leftovers.js';

const TEE_PROPERTY = 'splice.kin.tee-duplicates-without-consuming-the-source';

describe('splice fault detection', () => {
  test('a tee() that consumes its source fails the tee property with the emptied source both probes found', async () => {
    const verdict = await expectFaultFails(TEE_PROPERTY, 'splice_tee_consumes_source', {
      expected: { equals: true },
      observed: { value: false },
      valuePerProbe: [false, false],
    });
    // The copy still arrived whole: what broke is the source, as the shim intends.
    for (const observation of verdict.observations) {
      expect(observation.evidence).toMatchObject({ copy_complete: true, source_kept: false });
    }
  });

  test('the same fault leaves vmsplice delivering to the reader', async () => {
    await expectPasses('splice.direction.vmsplice-delivers-user-memory-to-the-reader', 'splice_tee_consumes_source');
  });

  test('the unfaulted host passes the tee property', async () => {
    await expectPasses(TEE_PROPERTY);
  });
});

describe('splice offsets under a shim that drops the offset pointers', () => {
  test('the offset pointer property fails with the pointer both probes found unmoved', async () => {
    await expectFaultFails('splice.kin.an-offset-pointer-advances-by-the-bytes-moved', 'splice_offsets_ignored', {
      expected: { equals: 13, relation: 'equals-evidence', start_plus_moved: 13 },
      observed: { value: 8 },
      valuePerProbe: [8, 8],
    });
  });

  test('the descriptor-offset property fails with the offset both probes saw moved from 3 to 8', async () => {
    await expectFaultFails('splice.kin.an-offset-pointer-leaves-the-descriptor-offset-alone', 'splice_offsets_ignored', {
      expected: { equals: 3, relation: 'equals-evidence', offset_before: 3 },
      observed: { value: 8 },
      valuePerProbe: [8, 8],
    });
  });

  test('the same fault leaves splice with NULL offsets advancing the file offset', async () => {
    await expectPasses('splice.kin.a-null-offset-advances-the-file-offset', 'splice_offsets_ignored');
  });
});

/** The host, but every probe's TMPDIR is one the test owns and inspects (not a scratch dir the runner removes). */
class HostWithOwnTmpdir extends HostEnvironment {
  constructor(private readonly tmp: string) {
    super({ name: 'host-own-tmpdir' });
  }
  override exec(argv: readonly string[], options: ExecOptions): Promise<CommandResult> {
    return runCommand(argv, { timeoutMs: options.timeoutMs, env: { ...options.env, TMPDIR: this.tmp } });
  }
}

/** Paths below dir, one level of probe folders deep (all a probe makes). */
async function entriesBelow(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    found.push(entry.name);
    if (entry.isDirectory()) found.push(...(await readdir(join(dir, entry.name))).map((name) => `${entry.name}/${name}`));
  }
  return found;
}

describe('splice cleanup', () => {
  let tmp: string;
  beforeEach(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'ipc-conformance-splice-kill-'));
  });
  afterEach(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  // The helper writes only long after the time limit (and the watchdog is pushed past it), so the
  // runner is what ends the probe, while splice() waits on the empty pipe.
  const LIMIT_MS = 3000;
  const HELPER_WRITES_AFTER_MS = '120000';

  test(
    'a probe stopped while blocked in splice() leaves no file, folder or helper',
    async () => {
      const command = `${fixtureBinaryName('splice')} empty-pipe-blocks ${HELPER_WRITES_AFTER_MS}`;
      const run = runProbe(
        new HostWithOwnTmpdir(tmp),
        { fixture: 'splice', case: 'empty-pipe-blocks', args: { delay_ms: HELPER_WRITES_AFTER_MS } },
        { timeoutMs: LIMIT_MS, env: { IPC_PROBE_WATCHDOG_S: '150' } },
      );
      let ended = false;
      const outcome = run.then(
        () => new Error('the probe returned although its helper writes only long after the time limit'),
        (error: unknown) => error as Error,
      );
      void outcome.finally(() => (ended = true));

      // While it blocks: the target file is in its private folder, and the probe and its helper run.
      let target: string | undefined;
      let pids: number[] = [];
      await until(async () => {
        target ??= (await entriesBelow(tmp)).find((path) => path.endsWith('/target'));
        if (target) pids = processesRunning(command);
        return ended || (target !== undefined && pids.length >= 2);
      }, LIMIT_MS * 2);
      expect(target, 'the blocked probe’s target file').toBeDefined();
      expect(pids.length, 'the probe and its writing helper').toBeGreaterThanOrEqual(2);
      expect(ended, 'the probe was still blocked when seen').toBe(false);

      expect((await outcome).message).toMatch(new RegExp(`timed out after ${LIMIT_MS} ms`));
      expect(await entriesBelow(tmp)).toEqual([]);
      await until(() => processesRunning(command).length === 0, 30_000).catch(() => undefined);
      expect(processesRunning(command)).toEqual([]);
    },
    LIMIT_MS + 40_000,
  );
});

// File mappings in the kit: a shim that turns MAP_SHARED into MAP_PRIVATE for files must fail the
// "read() sees the store" property with the old text both probes read, and one that lets msync
// take MS_SYNC|MS_ASYNC must fail the EINVAL property with the success measured, while properties
// they leave alone pass; and no case leaves a file behind, also the ones whose child dies of SIGBUS
// or SIGSEGV. (No file-mapping case waits, so the stopped-mid-way check is splice's.)
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ExecOptions } from '../../runners/environments/environment.js';
import { HostEnvironment } from '../../runners/environments/host.js';
import { runProbe } from '../../runners/probes/runProbe.js';
import { type CommandResult, runCommand } from '../../runners/process/runCommand.js';
import { expectAllPass, expectFaultFails, expectPasses } from '../support/faults.js';

const SHARED_STORE = 'file-mapping.direction.a-shared-store-is-seen-by-read-of-the-file';
const BOTH_FLAGS = 'file-mapping.limits.msync-with-both-ms-sync-and-ms-async-gives-einval';

describe('file-mapping fault detection', () => {
  test('MAP_SHARED made MAP_PRIVATE fails the shared-store property with the old text both probes read', async () => {
    const verdict = await expectFaultFails(SHARED_STORE, 'file_mapping_shared_becomes_private', {
      expected: { equals: true },
      observed: { value: false },
      valuePerProbe: [false, false],
    });
    for (const observation of verdict.observations) expect(observation.evidence.read_sees).toBe('before');
  });

  test('the same fault leaves a zero-length mmap refused with EINVAL', async () => {
    await expectPasses('file-mapping.limits.a-zero-length-mapping-gives-einval', 'file_mapping_shared_becomes_private');
  });

  test('msync that takes MS_SYNC|MS_ASYNC fails the EINVAL property with the success both probes measured', async () => {
    await expectFaultFails(BOTH_FLAGS, 'file_mapping_msync_ignores_flags', {
      expected: { errno: 'EINVAL' },
      observed: { value: 0, errno: null },
      valuePerProbe: [0, 0],
    });
  });

  test('the msync fault leaves msync(MS_SYNC) writing the data to the file', async () => {
    await expectPasses('file-mapping.persistence.msync-ms-sync-leaves-the-data-in-the-file', 'file_mapping_msync_ignores_flags');
  });

  test('the unfaulted host passes both targeted properties', async () => {
    await expectAllPass([SHARED_STORE, BOTH_FLAGS]);
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

describe('file-mapping cleanup', () => {
  let tmp: string;
  beforeEach(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'ipc-conformance-mapping-'));
  });
  afterEach(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  test.each([
    'past-eof-raises-sigbus',
    'store-after-mprotect-raises-sigsegv',
    'mapping-survives-unlink',
    'store-seen-by-mapping-elsewhere',
  ])('%s leaves its private folder and files removed', async (name) => {
    const observation = await runProbe(new HostWithOwnTmpdir(tmp), { fixture: 'file-mapping', case: name }, { timeoutMs: 10_000 });
    expect(observation.probe).toContain(name);
    expect(await readdir(tmp)).toEqual([]);
  });
});

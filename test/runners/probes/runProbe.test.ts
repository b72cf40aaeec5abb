// The fixture runner: a hard time limit that ends the whole process group (SIGTERM, then SIGKILL),
// and a broken verdict that says why — timeout, signal, exit status, stderr, bad output.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ProbeBroken } from '../../../runners/core/errors.js';
import { fixtureBinaryName } from '../../../runners/core/fixtureBinary.js';
import { kitPaths } from '../../../runners/core/kitPaths.js';
import { HostEnvironment } from '../../../runners/environments/host.js';
import { probeArgv, probeCommand, probeLabel, runProbe } from '../../../runners/probes/runProbe.js';
import { runCommand } from '../../../runners/process/runCommand.js';
import { alive, until } from '../../support/kit.js';

/** A host environment whose "fixture" is a shell script: the runner under test is the real one. */
class ScriptEnvironment extends HostEnvironment {
  constructor(private readonly script: string) {
    super({ name: 'script' });
  }
  override fixtureCommand(): string[] {
    return ['/bin/sh', '-c', this.script];
  }
}

const probe = { fixture: 'script', case: 'case' };
let marks: string;
beforeEach(async () => {
  marks = await mkdtemp(join(tmpdir(), 'ipc-conformance-marks-'));
});
afterEach(async () => {
  await rm(marks, { recursive: true, force: true });
});

async function brokenReason(script: string, timeoutMs = 5000): Promise<ProbeBroken> {
  const error = await runProbe(new ScriptEnvironment(script), probe, { timeoutMs }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ProbeBroken);
  return error as ProbeBroken;
}

describe('runProbe', () => {
  // The limits below leave a loaded machine ample time to start the shell and set its trap before
  // the runner stops it; what is asserted is what happens then, not how fast (that is a benchmark's
  // business), with deadlines far from the scripts' own 60 s.
  test('a probe past its time limit is broken, gets SIGTERM first, and its helpers die with it', async () => {
    const script = `sleep 60 & echo $! > ${marks}/helper; trap 'echo term > ${marks}/term; exit 3' TERM; echo ready > ${marks}/ready; sleep 60 & wait`;
    const error = await brokenReason(script, 5000);
    expect(existsSync(join(marks, 'ready')), 'the script set its trap before the limit').toBe(true);
    expect(error.message).toMatch(/timed out after 5000 ms/);
    expect(existsSync(join(marks, 'term'))).toBe(true);
    const helper = Number((await readFile(join(marks, 'helper'), 'utf8')).trim());
    await until(() => !alive(helper), 30_000).catch(() => undefined);
    expect(alive(helper), `helper ${helper}`).toBe(false);
  });

  test('a probe that ignores SIGTERM is killed after the grace period', async () => {
    const started = Date.now();
    const error = await brokenReason(`trap '' TERM; echo ready > ${marks}/ready; sleep 60`, 2000);
    expect(existsSync(join(marks, 'ready')), 'the script ignored SIGTERM before the limit').toBe(true);
    expect(error.message).toMatch(/timed out after 2000 ms/);
    expect(error.evidence).toMatchObject({ signal: 'SIGKILL' });
    // Killed, not left to finish its 60 s sleep.
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  test('a probe killed by a signal names the signal', async () => {
    expect((await brokenReason('kill -SEGV $$')).message).toMatch(/killed by SIGSEGV/);
  });

  test('a non-zero exit keeps the status and the stderr as evidence', async () => {
    const error = await brokenReason('echo "mkfifo failed: EEXIST" >&2; exit 1');
    expect(error.message).toMatch(/exited with status 1; stderr: mkfifo failed: EEXIST/);
    expect(error.evidence).toMatchObject({ exitCode: 1, stderr: 'mkfifo failed: EEXIST' });
  });

  test('output that is not one JSON observation is broken', async () => {
    expect((await brokenReason('echo hello')).message).toMatch(/output is not one JSON object/);
    expect((await brokenReason(`echo '{"value": [1,2]}'`)).message).toMatch(/'value' must be a scalar/);
  });

  test('a well-formed observation is parsed with the protocol defaults', async () => {
    const observation = await runProbe(new ScriptEnvironment(`echo '{"value": 3, "errno": "EAGAIN", "evidence": {"n": 1}}'`), probe);
    expect(observation).toEqual({
      probe: 'fixture script/case',
      value: 3,
      errno: 'EAGAIN',
      signal: null,
      elapsed_ns: null,
      delay_ns: null,
      evidence: { n: 1 },
    });
  });

  test('a real fixture stopped mid-call by SIGTERM removes its FIFO and temporary folder', async () => {
    const fifoProbe = join(kitPaths.fixtureBinaries, fixtureBinaryName('fifo'));
    const result = await runCommand([fifoProbe, 'open-rdonly-blocks', '5000'], { timeoutMs: 300, env: { TMPDIR: marks } });
    expect(result.timedOut).toBe(true);
    expect(result.exitCode === 3 || result.signal === 'SIGTERM').toBe(true);
    expect(await readdir(marks)).toEqual([]);
  });
});

describe('named probe arguments become the command line in the declared order', () => {
  const host = new HostEnvironment();
  test('a fixture case: values in the order of its parameters, whatever order the spec wrote them in', () => {
    const ref = { fixture: 'sysv-msg', case: 'many-writers-many-readers', args: { messages: 10, readers: 2, writers: 3 } };
    expect(probeArgv(ref)).toEqual(['3', '2', '10']);
    expect(probeCommand(host, ref)).toEqual([
      join(kitPaths.fixtureBinaries, fixtureBinaryName('sysv-msg')),
      'many-writers-many-readers',
      '3',
      '2',
      '10',
    ]);
    expect(probeLabel(ref)).toBe('fixture sysv-msg/many-writers-many-readers 3 2 10');
  });
  test('optional parameters left out from the end are left off the command line', () => {
    expect(probeArgv({ fixture: 'tcp', case: 'stream-order', args: { family: 'ipv6' } })).toEqual(['ipv6']);
    expect(probeArgv({ fixture: 'tcp', case: 'stream-order' })).toEqual([]);
  });
  test('a string keeps its spelling: an octal umask stays 077', () => {
    expect(probeArgv({ ffi: 'unix-stream.node-mode', args: { umask: '077' } })).toEqual(['077']);
    expect(probeCommand(host, { ffi: 'sysv-msg.receive-by-type', args: { msgtyp: -2 } }).slice(-2)).toEqual([
      'sysv-msg.receive-by-type',
      '-2',
    ]);
  });
  test('a scenario is labelled with its values in declared order', () => {
    expect(probeLabel({ scenario: 'socket-reach', args: { mode: 'path', relation: 'sibling' } })).toBe(
      'scenario socket-reach sibling path',
    );
  });
  test('arguments that do not fit the declaration are refused before anything runs', () => {
    expect(() => probeArgv({ fixture: 'pipe', case: 'set-size', args: { bytes: 5000 } })).toThrow(
      /fixture pipe\/set-size: unknown parameter 'bytes' \(it takes size\)/,
    );
    expect(() => probeArgv({ fixture: 'pipe', case: 'atomic-concurrent-writes', args: { records: 1 } })).toThrow(
      /'records' is given but 'writers'/,
    );
  });
});

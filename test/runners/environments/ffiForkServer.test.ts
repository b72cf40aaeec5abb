// The host forks FFI probes from a fork server instead of starting Node for each: the observations
// must be those of a probe started on its own, each probe a process of its own, and the command's
// contract (exit status, stderr, time limit) the same as runCommand's.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { kitPaths } from '../../../runners/core/kitPaths.js';
import { HostEnvironment } from '../../../runners/environments/host.js';
import { runProbe } from '../../../runners/probes/runProbe.js';

const forking = new HostEnvironment();

/** The pid of this process's fork server (a child of this process running forkServer.js). */
function forkServerPid(): number {
  const children = readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8').trim().split(/\s+/).map(Number);
  const server = children.find((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(kitPaths.ffiForkServer);
    } catch {
      return false;
    }
  });
  if (!server) throw new Error('no fork server among this process’s children');
  return server;
}
const spawning = new HostEnvironment({ ffiProbes: 'spawn' });
const ffi = (id: string, args?: Record<string, string>) => ({ ffi: id, ...(args ? { args } : {}) });

describe('FFI fork server', () => {
  test.each([
    ['pipe.default-capacity'],
    ['fifo.open-wronly-nonblock-no-reader'],
    ['signal.exists-live'],
    ['posix-mq.timedreceive-deadline', { deadline: 'past' }],
  ] as const)('%s: a forked probe observes what a spawned one does', async (id, args?: Record<string, string>) => {
    const [forked, spawned] = await Promise.all([runProbe(forking, ffi(id, args)), runProbe(spawning, ffi(id, args))]);
    expect({ value: forked.value, errno: forked.errno }).toEqual({ value: spawned.value, errno: spawned.errno });
  });

  test('each probe is a process of its own, whose pid Node reports correctly', async () => {
    const runs = await Promise.all(Array.from({ length: 8 }, () => runProbe(forking, ffi('unix-stream.socketpair-peercred'))));
    // value: the peer's credentials (the kernel's) equal the process's own (getpid through koffi).
    expect(runs.map((run) => run.value)).toEqual(Array(8).fill(true));
    const pids = runs.map((run) => run.evidence.own_pid);
    expect(new Set(pids).size).toBe(8);
    expect(pids).not.toContain(process.pid);
  });

  test('objects named after the process pid do not collide between concurrent probes', async () => {
    const runs = await Promise.all(Array.from({ length: 12 }, () => runProbe(forking, ffi('posix-mq.timedreceive-nonblocking-empty'))));
    expect(runs.map((run) => run.errno)).toEqual(Array(12).fill('EAGAIN'));
  });

  test('an unknown probe exits with status 2 and says so on stderr, as the FFI entry does', async () => {
    const result = await forking.exec([...forking.ffiCommand(), 'pipe.no-such-probe'], { timeoutMs: 5000 });
    expect(result).toMatchObject({ exitCode: 2, signal: null, timedOut: false, stdout: '' });
    expect(result.stderr).toBe("unknown FFI probe 'pipe.no-such-probe' (try --list)\n");
  });

  test('a probe past its time limit is reported as timed out', async () => {
    await runProbe(forking, ffi('pipe.default-capacity')); // the server is running
    const server = forkServerPid();
    // A stopped server forks nothing and reports nothing until it continues, past the limit.
    process.kill(server, 'SIGSTOP');
    const result = forking.exec([...forking.ffiCommand(), 'pipe.default-capacity'], { timeoutMs: 200 });
    await new Promise((resolve) => setTimeout(resolve, 400));
    process.kill(server, 'SIGCONT');
    // Whether the probe got to print before its SIGTERM, it is past its limit: runInPlace reports it broken.
    expect((await result).timedOut).toBe(true);
  });

  test('with variables that must be there before the process starts, the probe is spawned', async () => {
    const withShim = new HostEnvironment({ env: { IPC_CONFORMANCE_TEST_VARIABLE: 'x' } });
    const result = await withShim.exec([process.execPath, '-e', 'console.log(process.env.IPC_CONFORMANCE_TEST_VARIABLE)'], {
      timeoutMs: 5000,
    });
    expect(result.stdout).toBe('x\n');
    expect(kitPaths.forkProbeHelper).toMatch(/fork-probe\.so$/);
  });
});

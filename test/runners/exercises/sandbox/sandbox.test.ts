// The exercise sandbox contains hostile programs. Each program in hostile/ (beside this file) tries one escape
// (or one abuse of the machine) and is compiled and run exactly as a student's program is; every
// outcome is observed from outside the sandbox: a secret that must not be copied out, a marker
// file that must not appear, a process of the machine that must survive, a port of the machine's
// network that must stay closed, a fork storm and a memory hog that must hit their limits, a
// detached grandchild that must be gone when the run ends.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ExerciseRun } from '../../../../exercises/exerciseSchema.js';
import { kitPaths } from '../../../../runners/core/kitPaths.js';
import { CompileError, compileProgram } from '../../../../runners/exercises/compileProgram.js';
import { type RunRecord, runProgramOnce } from '../../../../runners/exercises/programRun.js';
import { copyKitFiles } from '../../../../runners/exercises/sandbox/kitFiles.js';
import { makeOwnedFolder } from '../../../../runners/exercises/sandbox/ownedFolder.js';
import { type SandboxSetup, sandboxSetup } from '../../../../runners/exercises/sandbox/sandboxSetup.js';
import { type TemporaryFolder, temporaryFolder } from '../../../../runners/process/temporaryFolder.js';
import { alive, until } from '../../../support/kit.js';

const isRoot = process.geteuid?.() === 0;
const HOSTILE = join(import.meta.dirname, 'hostile');

let setup: SandboxSetup;
let scratch: TemporaryFolder;
let runs = 0;

beforeAll(async () => {
  if (!isRoot) return;
  setup = await sandboxSetup();
  scratch = temporaryFolder('ipc-hostile-');
  makeOwnedFolder(scratch.path, setup.uid);
});
afterAll(() => scratch?.remove());

/** Where the next hostile run's output file will be, on the machine's side. */
const nextOutputPath = (name: string) => join(scratch.path, `${name}-${runs + 1}`, 'run', 'out', 'output');

/** Compiles hostile/NAME.c in the sandbox and runs it once, as a student's program runs. */
async function runHostile(name: string, args: string[], run: Partial<ExerciseRun> = {}): Promise<RunRecord> {
  const folder = join(scratch.path, `${name}-${++runs}`);
  makeOwnedFolder(folder, setup.uid);
  const program = await compileProgram(setup, [join(HOSTILE, `${name}.c`)], folder);
  const kitFiles = copyKitFiles(join(folder, 'kit'), setup.uid);
  const runFolder = join(folder, 'run');
  makeOwnedFolder(runFolder, setup.uid);
  return runProgramOnce(program, { args: ['{output}', ...args], timeoutMs: 10_000, runs: 1, ...run }, 1, {
    setup,
    kitFiles,
    folder: runFolder,
  });
}

const outputOf = (record: RunRecord) => record.output?.toString('utf8') ?? '';

/** A process of the machine for hostile programs to aim at, ended by the test. */
function startVictim(): ChildProcess {
  return spawn('sleep', ['120'], { stdio: 'ignore' });
}

describe.runIf(isRoot)('the exercise sandbox', () => {
  test('a program cannot read the machine’s files: /etc/shadow, a root-only file, the kit', async () => {
    const secretFolder = join(tmpdir(), `ipc-hostile-secret-${process.pid}`);
    mkdirSync(secretFolder, { mode: 0o700 });
    const secret = `secret-${randomBytes(8).toString('hex')}`;
    writeFileSync(join(secretFolder, 'secret'), secret, { mode: 0o600 });
    try {
      const record = await runHostile('read_secrets', [
        '/etc/shadow',
        join(secretFolder, 'secret'),
        join(kitPaths.root, 'package.json'),
        '/proc/1/environ',
      ]);
      expect(record.exitCode).toBe(0);
      expect(outputOf(record)).not.toContain(secret);
      expect(outputOf(record)).not.toContain('root:');
      expect(outputOf(record)).not.toContain('ipc-conformance');
      expect(outputOf(record).match(/: refused/g)?.length).toBeGreaterThanOrEqual(3);
    } finally {
      rmSync(secretFolder, { recursive: true, force: true });
    }
  });

  test('a program cannot write outside its work folder: no marker appears on the machine', async () => {
    const marker = join(tmpdir(), `ipc-hostile-marker-${process.pid}-${randomBytes(4).toString('hex')}`);
    const record = await runHostile('write_outside', [
      marker,
      `/tmp/${marker.split('/').pop()}`,
      '/etc/ipc-hostile-marker',
      '/usr/ipc-hostile-marker',
      '/ipc-hostile-marker',
    ]);
    expect(record.exitCode).toBe(0);
    // /tmp inside is a tmpfs of the sandbox's own: a file made there never reaches the machine's.
    expect(outputOf(record)).toMatch(/^\/etc\/ipc-hostile-marker: refused$/m);
    expect(outputOf(record)).toMatch(/^\/usr\/ipc-hostile-marker: refused$/m);
    expect(outputOf(record)).toMatch(/^\/ipc-hostile-marker: refused$/m);
    expect(existsSync(marker)).toBe(false);
    expect(existsSync('/etc/ipc-hostile-marker')).toBe(false);
    expect(existsSync('/usr/ipc-hostile-marker')).toBe(false);
  });

  test('a program cannot kill a process of the machine, by pid or by kill(-1)', async () => {
    const victim = startVictim();
    try {
      const record = await runHostile('kill_host_process', [String(victim.pid)]);
      expect(outputOf(record)).toMatch(/kill\(\d+\): ESRCH/);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(alive(victim.pid!)).toBe(true);
    } finally {
      victim.kill('SIGKILL');
    }
  });

  test('a program cannot enter or make namespaces, mount, trace, or listen on the machine’s network', async () => {
    const victim = startVictim();
    const port = 20_000 + (process.pid % 20_000);
    try {
      const output = nextOutputPath('escape_namespaces');
      const running = runHostile('escape_namespaces', [String(victim.pid), String(port)]);
      // While it listens in its own network namespace, the machine's loopback port stays closed.
      await until(() => existsSync(output) && /^listen: /m.test(readFileSync(output, 'utf8')), 30_000);
      const reachable = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: '127.0.0.1', port }, () => {
          socket.destroy();
          resolve(true);
        });
        socket.on('error', () => resolve(false));
      });
      const record = await running;
      const said = outputOf(record);
      expect(reachable).toBe(false);
      expect(said).toMatch(/^pidfd_open: ESRCH$/m); // the machine's pid names nothing in its PID namespace
      expect(said).toMatch(/^open-host-netns: ENOENT$/m);
      for (const call of ['setns-init-mnt', 'unshare-user', 'unshare-net', 'mount-proc', 'ptrace-attach-1', 'chroot', 'clone-newuser']) {
        expect(said).toMatch(new RegExp(`^${call}: E[A-Z]+$`, 'm'));
      }
      expect(said).toMatch(/^bind-any: succeeded$/m); // it did listen: only in its own namespace
      expect(alive(victim.pid!)).toBe(true);
    } finally {
      victim.kill('SIGKILL');
    }
  });

  test('a program runs unprivileged: no capabilities, no_new_privs, seccomp, its own /proc, a listed environment', async () => {
    process.env.IPC_HOSTILE_OPERATOR_SECRET = 'operator-only';
    try {
      const record = await runHostile('what_am_i', []);
      const said = outputOf(record);
      for (const set of ['CapInh', 'CapPrm', 'CapEff', 'CapBnd', 'CapAmb']) expect(said).toMatch(new RegExp(`^status ${set}:\\s+0+$`, 'm'));
      expect(said).toMatch(/^status NoNewPrivs:\s+1$/m);
      expect(said).toMatch(/^status Seccomp:\s+2$/m);
      expect(said).toMatch(new RegExp(`^status Uid:\\s+${setup.uid}\\s`, 'm'));
      // Its own PID namespace: sandbox_init is 1, the program 2, and nothing of the machine.
      expect(said).toMatch(/^pid 2$/m);
      expect(said.match(/^process /gm)).toHaveLength(2);
      const variables = said
        .match(/^env ([A-Z_]+)=/gm)!
        .map((line) => line.slice(4, -1))
        .sort();
      expect(said).not.toContain('operator-only');
      expect(variables).toEqual(['HOME', 'IPC_EXERCISE_PERTURB', 'IPC_EXERCISE_TRACE', 'LANG', 'LD_PRELOAD', 'PATH', 'PWD']);
      const root = said
        .match(/^root (\S+)$/gm)!
        .map((line) => line.slice(5))
        .sort();
      // The root holds its own /dev, /proc and /tmp (a tmpfs), the loader and library folders, the
      // exercise's files, its identity files and /work: nothing else of the machine.
      for (const entry of root) expect(['dev', 'etc', 'exercise', 'lib', 'lib64', 'proc', 'tmp', 'usr', 'work']).toContain(entry);
    } finally {
      delete process.env.IPC_HOSTILE_OPERATOR_SECRET;
    }
  });

  test('a fork storm hits the process limit and is reported as such; nothing of it survives', async () => {
    const record = await runHostile('fork_storm', [], { timeoutMs: 3000 });
    expect(record.limitsHit).toContain('processes');
    expect(record.timedOut).toBe(true);
  });

  test('a memory hog hits the memory limit and is reported as such', async () => {
    const record = await runHostile('memory_hog', []);
    expect(record.limitsHit).toContain('memory');
    expect(record.signal).toBe('SIGKILL');
    expect(record.stderr + outputOf(record)).not.toContain('done');
  });

  test('a detached grandchild holding stderr is killed at the time limit and does not outlive the run', async () => {
    const name = `stray${randomBytes(4).toString('hex')}`;
    const record = await runHostile('detached_grandchild', [name], { args: [name], timeoutMs: 1500 });
    // The run lasts while any process of it lives, and not past its limit.
    expect(record.timedOut).toBe(true);
    expect(record.durationMs).toBeLessThan(1500 + 1000);
    const commandName = (pid: string) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      } catch {
        return ''; // ended meanwhile
      }
    };
    const strays = readdirSync('/proc').filter((pid) => /^\d+$/.test(pid) && commandName(pid) === name);
    expect(strays).toEqual([]);
  });

  test('compiling runs in the sandbox: an #include of a root-only file finds nothing', async () => {
    const secretFolder = join(tmpdir(), `ipc-hostile-include-${process.pid}`);
    mkdirSync(secretFolder, { mode: 0o700 });
    writeFileSync(join(secretFolder, 'secret.h'), 'int root_only_secret_line_7f3a;\n', { mode: 0o600 });
    const source = join(scratch.path, 'include_secret.c');
    writeFileSync(source, `#include "${secretFolder}/secret.h"\n#include "/etc/shadow"\nint main(void) { return 0; }\n`);
    const folder = join(scratch.path, `include-${++runs}`);
    makeOwnedFolder(folder, setup.uid);
    try {
      const error = await compileProgram(setup, [source], folder).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CompileError);
      const diagnostics = (error as CompileError).diagnostics;
      expect(diagnostics).toMatch(/No such file or directory/);
      expect(diagnostics).not.toContain('root_only_secret_line_7f3a');
      expect(diagnostics).not.toMatch(/root:/);
    } finally {
      rmSync(secretFolder, { recursive: true, force: true });
    }
  });
});

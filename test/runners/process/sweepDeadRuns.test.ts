// A SIGKILL of the CLI — sent to its pid alone, as a supervisor or the OOM killer would — leaves
// nothing that the next run does not remove: each command is killed while it has helpers running,
// then a short run follows, and afterwards no process of either run lives, the kit's temporary
// root holds no folder, and no IPC object, mount, cgroup, container or /tmp/ipc-* entry is there
// that was not there before. Every process the test starts carries a marker in its environment, so
// one still alive is found whatever it is called. Other engineers' runs may make objects meanwhile:
// a new object counts only if it is still there after a few seconds.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { kitPaths } from '../../../runners/core/kitPaths.js';
import { kitTemporaryRoot } from '../../../runners/process/runFolder.js';
import { HELPERS_FOLDER, identityOf, OWNER_FILE, RUN_MARK_VARIABLE, sweepDeadRuns } from '../../../runners/process/sweepDeadRuns.js';
import { cliCommand, until } from '../../support/kit.js';
import { type MachineTraces, machineTraces, newTraces, processesMarked } from '../../support/leftovers.js';

/** The short run that follows the killed one (and sweeps what it left). */
const SHORT_RUN = ['run', '--env', 'host', '--only', 'pipe.capacity.*', '--no-report'];

interface Case {
  name: string;
  argv: string[];
  /** Whether the command is mid-way, from its marked processes ("pid command line"). */
  midway: (processes: string[], kitRoot: string) => boolean;
  next: string[];
}

const has = (processes: string[], pattern: RegExp) => processes.some((line) => pattern.test(line.replace(/^\d+ /, '')));

const CASES: Case[] = [
  {
    name: 'run --env sandbox, with its bus and probes running',
    argv: ['run', '--env', 'sandbox', '--no-report'],
    midway: (processes) => has(processes, /dbus-daemon/) && has(processes, /-probe |\/idle /),
    next: SHORT_RUN,
  },
  {
    name: 'matrix --envs host,sandbox, in its second environment',
    argv: ['matrix', '--envs', 'host,sandbox', '--only', 'pipe.*,dbus.*'],
    midway: (processes) => has(processes, /^(\S*setpriv .*)?unshare .*dbus-daemon/) && has(processes, /unshare .*-probe /),
    next: SHORT_RUN,
  },
  {
    name: 'exercise 03, with programs running in the exercise sandbox',
    argv: ['exercise', '03', '--runs', '300', '--no-report'],
    // Each of the program's runs gets a folder run-N in the check's folder.
    midway: (_processes, kitRoot) => runFoldersHolding(kitRoot, 'ipc-exercise-').some((folder) => existsSync(join(folder, 'run-5'))),
    next: ['exercise', '03', '--no-report'],
  },
  {
    name: 'bench --quick, with its bus and a benchmark probe running',
    argv: ['bench', '--quick'],
    midway: (processes) => has(processes, /dbus-daemon/) && has(processes, /bench-probe/),
    next: SHORT_RUN,
  },
];

/** The folders named `prefix`… in the run folders under the kit root. */
function runFoldersHolding(kitRoot: string, prefix: string): string[] {
  try {
    return readdirSync(kitRoot).flatMap((name) =>
      readdirSync(join(kitRoot, name))
        .filter((entry) => entry.startsWith(prefix))
        .map((entry) => join(kitRoot, name, entry)),
    );
  } catch {
    return []; // not made yet, or removed meanwhile
  }
}

/** The report folders of runs (reports/runs/) under the test's reports root. */
const reportRunFolders = (privateTmp: string) => {
  const folder = join(privateTmp, 'reports', 'runs');
  return existsSync(folder) ? readdirSync(folder) : [];
};

/** The report folders that reports/<env> symlinks point at. */
const currentReportRuns = (privateTmp: string) => {
  const reports = join(privateTmp, 'reports');
  if (!existsSync(reports)) return [];
  return readdirSync(reports, { withFileTypes: true })
    .filter((entry) => entry.isSymbolicLink())
    .map((entry) => basename(readlinkSync(join(reports, entry.name))));
};

/**
 * Polls until nothing new is left (or the time is up) and returns what is. Cgroups and /tmp entries
 * name their maker's pid: only those of `pids` count, other engineers' runs make theirs meanwhile.
 */
async function settledTraces(before: MachineTraces, pids: number[], timeoutMs: number): Promise<Partial<MachineTraces>> {
  const ours = (path: string) => pids.some((pid) => new RegExp(`-${pid}(-|$)`).test(path));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = newTraces(before, await machineTraces());
    for (const kind of ['cgroups', 'tmp'] as const) {
      found[kind] = found[kind]?.filter(ours);
      if (!found[kind]?.length) delete found[kind];
    }
    if (Object.keys(found).length === 0 || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Runs the CLI to its end (at most 60 s); its pid, exit status (null: killed) and output. */
function runToEnd(argv: string[], env: Record<string, string>): Promise<{ pid: number; status: number | null; output: string }> {
  const child = spawn(cliCommand[0]!, [...cliCommand.slice(1), ...argv], {
    cwd: kitPaths.root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve) =>
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ pid: child.pid!, status, output });
    }),
  );
}

function killMarked(marker: string): void {
  for (const line of processesMarked(marker)) {
    try {
      process.kill(Number(line.split(' ')[0]), 'SIGKILL');
    } catch {
      // gone
    }
  }
}

describe.skipIf(process.getuid?.() !== 0)('a SIGKILL of the CLI, then the next run', () => {
  test.each(CASES)(
    '$name leaves nothing behind',
    async ({ argv, midway, next }) => {
      // /tmp/ipck-…: short, so socket paths under the kit root stay far below sun_path's 108 bytes;
      // 0711 like /tmp's sticky 1777 lets the exercise sandbox's uid pass through to its folder.
      const privateTmp = mkdtempSync('/tmp/ipck-');
      chmodSync(privateTmp, 0o711);
      const kitRoot = kitTemporaryRoot(privateTmp);
      const marker = `IPC_CONFORMANCE_SIGKILL_MARK=${Math.random().toString(36).slice(2)}`;
      const [markerName, markerValue] = marker.split('=') as [string, string];
      const env: Record<string, string> = {
        TMPDIR: privateTmp,
        IPC_CONFORMANCE_REPORTS_ROOT: join(privateTmp, 'reports'),
        [markerName]: markerValue,
      };
      const before = await machineTraces();
      let output = '';
      const cli = spawn(cliCommand[0]!, [...cliCommand.slice(1), ...argv], {
        cwd: kitPaths.root,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, ...env },
      });
      cli.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      cli.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<NodeJS.Signals | null>((resolve) => cli.once('exit', (_code, signal) => resolve(signal)));
      try {
        await until(() => cli.exitCode !== null || midway(processesMarked(marker), kitRoot), 40_000).catch(() => {
          throw new Error(`never mid-way; marked processes: ${processesMarked(marker).join('\n')}\noutput: ${output}`);
        });
        expect(cli.exitCode, `it ended before it was killed: ${output}`).toBeNull();
        // The root and the run folders let others pass through, never list.
        expect(statSync(kitRoot).mode & 0o777).toBe(0o711);
        const runFolders = readdirSync(kitRoot).filter((name) => /^\d+-[0-9a-f]+$/.test(name));
        expect(runFolders.length).toBeGreaterThan(0);
        for (const name of runFolders) expect(statSync(join(kitRoot, name)).mode & 0o777, name).toBe(0o711);

        process.kill(cli.pid!, 'SIGKILL');
        expect(await exited).toBe('SIGKILL');
        // Its daemons die with it (parent-death signal), before any other run comes.
        await until(() => !has(processesMarked(marker), /dbus-daemon/), 3000).catch(() => undefined);
        expect(
          processesMarked(marker).filter((line) => /dbus-daemon/.test(line)),
          'daemons outliving the killed CLI',
        ).toEqual([]);
        // Its own run folder is still there: the next run must sweep it.
        const killedFolders = runFolders.filter((name) => name.startsWith(`${cli.pid}-`));
        expect(killedFolders.filter((name) => existsSync(join(kitRoot, name)))).toHaveLength(1);

        const nextRun = await runToEnd(next, env);
        expect(nextRun.status, `the next run: ${nextRun.output}`).not.toBe(2);
        expect(nextRun.status, `the next run: ${nextRun.output}`).not.toBeNull();

        await until(() => processesMarked(marker).length === 0, 5000).catch(() => undefined);
        expect(processesMarked(marker), 'processes of the runs still alive').toEqual([]);
        expect(readdirSync(kitRoot), 'folders left under the kit root').toEqual([]);
        expect(
          readdirSync(privateTmp).filter((name) => name !== 'ipc-conformance' && name !== 'reports'),
          'other folders under TMPDIR',
        ).toEqual([]);
        // The killed run's report folder (never completed) is pruned by the next run: only the
        // folders reports/<env> points at remain.
        expect(reportRunFolders(privateTmp).sort(), 'report folders of runs').toEqual(currentReportRuns(privateTmp).sort());
        const left = await settledTraces(before, [cli.pid!, nextRun.pid], 10_000);
        expect(left, 'IPC objects, mounts, cgroups, containers or /tmp entries the runs left').toEqual({});
      } finally {
        if (cli.exitCode === null && cli.signalCode === null) process.kill(cli.pid!, 'SIGKILL');
        killMarked(marker);
        rmSync(privateTmp, { recursive: true, force: true });
      }
    },
    120_000,
  );
});

describe('the sweep of dead runs', () => {
  const sleeper = (env: Record<string, string> = {}) =>
    spawn('sleep', ['30'], { detached: true, stdio: 'ignore', env: { ...process.env, ...env } });
  const makeRun = (root: string, name: string, owner?: object) => {
    mkdirSync(join(root, name, HELPERS_FOLDER), { recursive: true });
    if (owner) writeFileSync(join(root, name, OWNER_FILE), JSON.stringify(owner));
    return join(root, name);
  };

  test('tells a dead owner from a live one by start time, and ends only what the dead run recorded or marked', async () => {
    const root = mkdtempSync('/tmp/ipck-sweep-');
    const me = identityOf(process.pid)!;
    const ended = sleeper();
    await new Promise((resolve) => ended.once('spawn', resolve));
    const deadPid = ended.pid!;
    ended.kill('SIGKILL');
    await new Promise((resolve) => ended.once('exit', resolve));
    const live = makeRun(root, `${process.pid}-aaaaaa`, { ...me, mark: 'live' });
    // Same pid as this process, another start time: a dead owner whose pid was reused.
    const dead = makeRun(root, `${process.pid}-bbbbbb`, { ...me, startTime: me.startTime - 1, mark: `${root}/marked` });
    const unowned = makeRun(root, `${deadPid}-cccccc`);
    const abandonedClaim = makeRun(root, `.swept-by-${deadPid}.1-${deadPid}-dddddd`, { ...me, pid: deadPid, mark: 'x' });
    const helper = sleeper();
    const impostor = sleeper(); // recorded with another start time: a pid reused by someone else
    const marked = sleeper({ [RUN_MARK_VARIABLE]: `${root}/marked` });
    const unrelated = sleeper({ [RUN_MARK_VARIABLE]: 'live' });
    const children = [helper, impostor, marked, unrelated];
    await Promise.all(children.map((child) => new Promise((resolve) => child.once('spawn', resolve))));
    try {
      const record = (child: typeof helper, shift: number) =>
        writeFileSync(
          join(dead, HELPERS_FOLDER, `${child.pid}.json`),
          JSON.stringify({ ...identityOf(child.pid!)!, startTime: identityOf(child.pid!)!.startTime + shift, what: 'test' }),
        );
      record(helper, 0);
      record(impostor, 1);
      const outcome = sweepDeadRuns(root);
      expect(outcome.folders.map((path) => path.replace(/.*-/, '')).sort()).toEqual(['bbbbbb', 'cccccc', 'dddddd']);
      expect(readdirSync(root)).toEqual([live.slice(root.length + 1)]);
      for (const path of [dead, unowned, abandonedClaim]) expect(existsSync(path)).toBe(false);
      const running = (child: typeof helper) => identityOf(child.pid!) !== null;
      expect({ helper: running(helper), marked: running(marked), impostor: running(impostor), unrelated: running(unrelated) }).toEqual({
        helper: false,
        marked: false,
        impostor: true,
        unrelated: true,
      });
    } finally {
      for (const child of children) child.kill('SIGKILL');
      rmSync(root, { recursive: true, force: true });
    }
  });
});

// The kit as a user gets it. A copy of the working tree stands for a fresh clone: `npm ci` must
// leave a working `npx ipc-conformance` (the prepare script builds dist/). `npm pack` there
// (prepack builds from clean) must give a package that installs into an empty project and runs
// from it: help, the compiler check and the C fixtures built on first use, and a small run.
// It needs the npm registry (or npm's cache) and about three minutes; everything is made in one
// temporary folder, removed at the end.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { kitPaths } from '../../runners/core/kitPaths.js';
import { type CommandResult, runCommand } from '../../runners/process/runCommand.js';
import { ESC } from './cliProcess.js';

const manifest = JSON.parse(await readFile(join(kitPaths.root, 'package.json'), 'utf8')) as { version: string };
let work: string;
let clone: string;
let project: string;
let tarball: string;

/** Runs `command` in `cwd`; npm's own noise about scripts and funding does not matter here. */
const sh = (argv: string[], cwd: string, env: Record<string, string> = {}, timeoutMs = 300_000): Promise<CommandResult> =>
  runCommand(argv, { cwd, env, timeoutMs });
/** `npx ipc-conformance ARGS`, never fetching anything: --no refuses to install what is not there. */
const npxKit = (cwd: string, args: string[], env: Record<string, string> = {}) =>
  sh(['npx', '--no', '--', 'ipc-conformance', ...args], cwd, env);

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'ipc-conformance-package-'));
  clone = join(work, 'clone');
  project = join(work, 'project');
  // What a clone holds: the tracked files and the new ones not ignored (no node_modules, dist, build, reports).
  const listed = execFileSync('git', ['-C', kitPaths.root, 'ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    encoding: 'utf8',
  });
  for (const file of listed.split('\0').filter(Boolean)) {
    if (!existsSync(join(kitPaths.root, file))) continue; // deleted in the working tree, not yet in the index
    await mkdir(dirname(join(clone, file)), { recursive: true });
    await cp(join(kitPaths.root, file), join(clone, file));
  }
}, 60_000);
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('a fresh clone', () => {
  test('after npm ci, `npx ipc-conformance --version` works: prepare built dist/', async () => {
    expect(existsSync(join(clone, 'dist'))).toBe(false);
    const installed = await sh(['npm', 'ci', '--no-audit', '--no-fund'], clone);
    expect(installed.exitCode, installed.stderr).toBe(0);
    const version = await npxKit(clone, ['--version']);
    expect(version.exitCode, version.stderr).toBe(0);
    // A copy without .git has no commit to name.
    expect(version.stdout).toBe(`ipc-conformance ${manifest.version}\n`);
  }, 600_000);

  test('npm pack gives a package of what the kit runs with, not its tests or build', async () => {
    const packed = await sh(['npm', 'pack', '--silent'], clone);
    expect(packed.exitCode, packed.stderr).toBe(0);
    tarball = join(clone, packed.stdout.trim().split('\n').at(-1)!);
    const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
    for (const needed of [
      'package/bin/ipc-conformance.js',
      'package/dist/runners/cli/main.js',
      'package/Makefile',
      'package/c-fixtures/fixtures.mk',
      'package/c-fixtures/common/probe.c',
      'package/conformance/properties.test.ts',
      'package/specs/pipe.spec.ts',
      'package/runners/environments/sandbox-init.sh',
      'package/exercises/01-pipe/starter.c',
    ])
      expect(listing, needed).toContain(needed);
    expect(listing.filter((path) => /^package\/(test|node_modules|build|reports)\//.test(path))).toEqual([]);
  }, 600_000);
});

describe('the package installed into an empty project', () => {
  beforeAll(async () => {
    await mkdir(project);
    await writeFile(join(project, 'package.json'), '{ "name": "kit-user", "private": true }\n');
    const installed = await sh(['npm', 'install', '--no-audit', '--no-fund', tarball], project);
    expect(installed.exitCode, installed.stderr).toBe(0);
  }, 600_000);

  test('--version and help run', async () => {
    const version = await npxKit(project, ['--version']);
    expect(version.stdout).toBe(`ipc-conformance ${manifest.version}\n`);
    const help = await npxKit(project, ['help', 'run']);
    expect(help.exitCode, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^Usage: ipc-conformance run \[options\]/);
    expect(help.stdout).toMatch(/--format <format>/);
  });

  test('the first command that needs the C fixtures checks the compiler, in one line, before building them', async () => {
    const refused = await npxKit(project, ['list', '--only', 'pipe.*', '--json'], { CC: 'no-such-cc' });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toBe(
      "ipc-conformance: error: the C fixtures are not built and the C compiler 'no-such-cc' is not installed: apt-get install gcc libc6-dev (or run 'make setup')\n",
    );
    const listed = await npxKit(project, ['list', '--only', 'pipe.*', '--json']);
    expect(listed.exitCode, listed.stderr).toBe(0);
    expect(listed.stderr).toMatch(/^ipc-conformance: building the C fixtures in \S+node_modules\/ipc-conformance /);
    const ids = (JSON.parse(listed.stdout) as { id: string }[]).map((property) => property.id);
    expect(ids.length).toBeGreaterThan(10);
    expect(ids.every((id) => id.startsWith('pipe.'))).toBe(true);
  }, 300_000);

  test('a small run: TAP on stdout, every output in --output, nothing in the project besides', async () => {
    const out = join(project, 'out');
    const ran = await npxKit(project, ['run', '--only', 'pipe.direction.*', '--format', 'tap', '--output', out]);
    expect(ran.exitCode, ran.stderr).toBe(0);
    expect(ran.stdout).toMatch(/^TAP version 13\n1\.\.3\n/);
    expect(ran.stdout.match(/^ok \d+ pipe\.direction\.\S+$/gm)).toHaveLength(3);
    expect(`${ran.stdout}${ran.stderr}`).not.toContain(ESC);
    const written = await readdir(out);
    for (const file of ['verdicts.json', 'junit.xml', 'results.ktap', 'kcidb.json', 'allure-results', 'allure-report'])
      expect(written).toContain(file);
    expect(existsSync(join(out, 'allure-report', 'index.html'))).toBe(true);
    expect((await readdir(project)).sort()).toEqual(['node_modules', 'out', 'package-lock.json', 'package.json']);
  }, 300_000);
});

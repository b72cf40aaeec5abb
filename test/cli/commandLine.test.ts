// The command line's conventions: --version, help and help <command>, each command's help listing
// exactly the options it takes (and refusing every other), exit statuses and the environment
// variables in the help, and every parse error as one line with exit status 2.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { kitPaths } from '../../runners/core/kitPaths.js';
import { cli, onlyErrorLine } from './cliProcess.js';

/** Every command and the options its help must list: what a user may type after it. */
const COMMAND_OPTIONS: Record<string, string[]> = {
  list: ['--only', '--specs', '--lang', '--json'],
  run: ['--env', '--only', '--specs', '--output', '--format', '--no-report'],
  report: ['--env', '--output', '--serve', '--port'],
  matrix: ['--envs', '--from', '--only', '--specs', '--output'],
  diff: [],
  soak: ['--env', '--times', '--only', '--specs', '--output'],
  kernels: ['--only', '--output'],
  claims: ['--envs', '--output'],
  coverage: ['--specs', '--output'],
  bench: ['--env', '--reps', '--throughput-ms', '--quick', '--only', '--seed', '--output'],
  exercise: ['--src', '--runs', '--output', '--no-report'],
};
/** In the order the help lists them. */
const COMMANDS = Object.keys(COMMAND_OPTIONS);

/** The long options a help text's "Options:" section lists. */
function listedOptions(help: string): string[] {
  const section = help.split('\nOptions:\n')[1]?.split(/\n\n/)[0] ?? '';
  return [...section.matchAll(/^ {2}(?:-\w, )?(--[\w-]+)/gm)].map((match) => match[1]!);
}

describe('--version', () => {
  const manifest = JSON.parse(readFileSync(join(kitPaths.root, 'package.json'), 'utf8')) as { version: string };
  const inGit = existsSync(join(kitPaths.root, '.git'));

  test.each([['--version'], ['-V']])('%s prints the package version and the commit of the checkout', async (flag) => {
    const result = await cli([flag]);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    const head = inGit ? execFileSync('git', ['-C', kitPaths.root, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim() : '';
    expect(result.stdout).toBe(`ipc-conformance ${manifest.version}${inGit ? ` (commit ${head.slice(0, 12)})` : ''}\n`);
  });
});

describe('the help', () => {
  test('`help` and `--help` print the same text on stdout, with every command', async () => {
    const [byCommand, byFlag] = await Promise.all([cli(['help']), cli(['--help'])]);
    expect(byCommand.exitCode).toBe(0);
    expect(byFlag.exitCode).toBe(0);
    expect(byCommand.stderr + byFlag.stderr).toBe('');
    expect(byCommand.stdout).toBe(byFlag.stdout);
    const commands = byCommand.stdout.split('\nCommands:\n')[1]?.split('\n\n')[0] ?? '';
    expect([...commands.matchAll(/^ {2}(\w+)/gm)].map((match) => match[1])).toEqual([...COMMANDS, 'help']);
  });

  test('says what each exit status means', async () => {
    const { stdout } = await cli(['help']);
    const section = stdout.split('\nExit status:\n')[1]?.split('\n\n')[0] ?? '';
    expect(section).toMatch(/^ {2}0 +success: every property held \(run\)/m);
    expect(section).toMatch(/^ {2}1 +a finding: a property failed or broke \(run\), the runs differ \(diff\)/m);
    expect(section).toMatch(/^ {2}2 +usage or input error/m);
    expect(section).toMatch(/^ {2}128\+N +stopped by signal N/m);
  });

  test('names every environment variable the kit reads', async () => {
    const { stdout } = await cli(['help']);
    const section = stdout.split('\nEnvironment variables:\n')[1]?.split('\n\n')[0] ?? '';
    const documented = new Set([...section.matchAll(/^ {2}([A-Z][A-Z0-9_]+) /gm)].map((match) => match[1]!));
    const read = variablesTheKitReads();
    expect(read.size).toBeGreaterThan(5); // the search below found the kit's reads at all
    expect([...read].filter((name) => !documented.has(name))).toEqual([]);
  });

  test.each(COMMANDS)('`help %s` lists exactly the options it takes, and its exit statuses', async (command) => {
    const [byCommand, byFlag] = await Promise.all([cli(['help', command]), cli([command, '--help'])]);
    expect(byCommand.exitCode).toBe(0);
    expect(byCommand.stdout).toBe(byFlag.stdout);
    expect(byCommand.stdout).toMatch(new RegExp(`^Usage: ipc-conformance ${command} `));
    expect(listedOptions(byCommand.stdout).sort()).toEqual([...COMMAND_OPTIONS[command]!, '--help'].sort());
    expect(byCommand.stdout).toMatch(/\nExit status:\n {2}0 +\S[\s\S]*\n {2}2 +usage or input error/);
  });
});

describe('an option another command takes is refused by this one, in one line', () => {
  const everyOption = [...new Set(Object.values(COMMAND_OPTIONS).flat())];
  test.each(COMMANDS)('%s', async (command) => {
    const foreign = everyOption.filter((option) => !COMMAND_OPTIONS[command]!.includes(option));
    const args = (option: string) => (command === 'diff' ? ['diff', 'a', 'b', option, 'x'] : [command, option, 'x']);
    // The first, a middle and the last of them: each command parses its own options.
    const sample = [...new Set([foreign[0]!, foreign[Math.floor(foreign.length / 2)]!, foreign.at(-1)!])];
    for (const option of sample) {
      const line = onlyErrorLine(await cli(args(option)));
      expect(line).toMatch(new RegExp(`^${command} does not take ${option} \\(`));
    }
  });

  test('list --env bogus (once accepted and ignored)', async () => {
    expect(onlyErrorLine(await cli(['list', '--env', 'bogus']))).toBe(
      'list does not take --env (list takes --only, --specs, --lang, --json)',
    );
  });
});

describe("commander's own errors are the kit's one line, exit status 2", () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['an unknown command', ['lsit'], /^unknown command 'lsit' \(commands: list, run, report, /],
    ['help on an unknown command', ['help', 'lsit'], /^unknown command 'lsit' \(commands: list, /],
    ['an unknown option before the command', ['--verbose', 'run'], /^unknown option '--verbose' before the command/],
    [
      'a missing argument',
      ['diff', 'reports/host'],
      /^diff: missing required argument 'B' \(usage: ipc-conformance diff \[options\] <A> <B>\)$/,
    ],
    ['an argument too many', ['diff', 'a', 'b', 'c'], /^diff: unexpected argument 'c' \(usage: /],
    ['an option without its value', ['run', '--only'], /^run: option '--only <globs>' argument missing$/],
    ['a format the kit does not write', ['run', '--format', 'xml'], /^--format must be text, json, junit, tap or kcidb, not 'xml'$/],
    [
      'a port out of range',
      ['report', '--serve', '--port', '70000'],
      /^--port must be a number from 0 \(any free port\) to 65535, not '70000'$/,
    ],
    [
      'two options that exclude each other',
      ['report', '--env', 'host', '--output', 'x'],
      /^report: option '--env <name>' cannot be used with option '--output <dir>'$/,
    ],
    ['an exercise without its number', ['exercise'], /^exercise: missing required argument 'NN'/],
    ['a sub-command option given to it', ['kernels', 'fetch', '--only', 'pipe.*'], /^kernels fetch does not take --only/],
    ['no command at all', [], /^which command\? \(commands: list, run, .*; --help shows the usage\)$/],
  ];
  test.each(cases)('%s', async (_name, args, message) => {
    expect(onlyErrorLine(await cli(args))).toMatch(message);
  });
});

/**
 * The environment variables the kit's own code reads (process.env.NAME, env.NAME, $NAME in its
 * shell scripts), less those that are no setting of the user's: PATH, and the ones the kit hands
 * to programs it starts itself (a child script's FILES, the sandbox init's sysctls).
 */
function variablesTheKitReads(): Set<string> {
  const notSettings = new Set(['PATH', 'FILES', 'IPC_CONFORMANCE_SANDBOX_SYSCTLS']);
  const names = new Set<string>();
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith('.ts')) {
        for (const match of readFileSync(path, 'utf8').matchAll(/\benv\.([A-Z][A-Z0-9_]+)/g)) names.add(match[1]!);
      } else if (entry.name.endsWith('.sh')) {
        for (const match of readFileSync(path, 'utf8').matchAll(/\$\{?(IPC_[A-Z0-9_]+)/g)) names.add(match[1]!);
      }
    }
  };
  for (const folder of ['runners', 'specs', 'exercises', 'bench']) visit(join(kitPaths.root, folder));
  return new Set([...names].filter((name) => !notSettings.has(name)));
}

// Bad input, end to end: every mistake in a spec, an exercise, a verdict file, an environment
// variable, a command line or a make variable gives exactly one line on stderr that names what is
// wrong (and the file), and a non-zero exit — never a stack trace, never a verdict. The CLI tests
// run the compiled kit (`make build` first, as `make test` does).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Exercise } from '../../../exercises/exerciseSchema.js';
import { loadValidatedClaims } from '../../../runners/claims/claimSet.js';
import { claimsMarkdown } from '../../../runners/claims/claimsReport.js';
import { inTutorialOrder } from '../../../runners/claims/sectionOrder.js';
import { fixtureBinaryName } from '../../../runners/core/fixtureBinary.js';
import { kitPaths } from '../../../runners/core/kitPaths.js';
import { exerciseFolders, loadExercise, validateExercise } from '../../../runners/exercises/loadExercises.js';
import { type CommandResult, runCommand } from '../../../runners/process/runCommand.js';
import { TUTORIAL_SECTIONS } from '../../../specs/claims/tutorialSections.js';
import { cliCommand } from '../../support/kit.js';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'ipc-conformance-bad-input-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const cli = (args: string[], env: Record<string, string> = {}) =>
  runCommand([...cliCommand, ...args], { timeoutMs: 20_000, env: { IPC_CONFORMANCE_REPORTS_ROOT: scratch, ...env }, cwd: kitPaths.root });

/** The one stderr line of a result that must have failed with exit status `status`. */
function onlyErrorLine(result: CommandResult, status = 2): string {
  expect(result.timedOut).toBeFalsy();
  expect(result.exitCode).toBe(status);
  const lines = result.stderr.trim().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).not.toMatch(/^\s+at /);
  return lines[0]!;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function expectCliError(args: string[], message: RegExp | string, env: Record<string, string> = {}): Promise<void> {
  const line = onlyErrorLine(await cli(args, env));
  expect(line).toMatch(/^ipc-conformance: error: /);
  if (typeof message === 'string') expect(line).toBe(`ipc-conformance: error: ${message}`);
  else expect(line).toMatch(message);
}

describe('a spec whose values have the wrong type is an error naming the file and the property', () => {
  const property = {
    id: 'pipe.capacity.default',
    kind: 'capacity',
    claim: { en: 'A pipe holds 16 pages.', zh: '管道容量为 16 页。' },
    sources: [{ man: 'pipe(7)' }],
    expect: { equals: 65536 } as unknown,
    probes: [{ fixture: 'pipe', case: 'default-capacity' }] as unknown[],
  };
  const spec = (properties: unknown[]) => ({
    id: 'pipe',
    title: { en: 'Pipe', zh: '管道' },
    family: 'pipes',
    manPages: ['pipe(7)'],
    properties,
  });
  const cases: Array<[string, unknown[], string]> = [
    [
      'atLeast a word',
      [{ ...property, expect: { atLeast: 'many' } }],
      `property 'pipe.capacity.default': atLeast "many" must be a number or { pages: N }`,
    ],
    [
      'oneOf a number',
      [{ ...property, expect: { oneOf: 5 } }],
      `property 'pipe.capacity.default': oneOf 5 must be a non-empty list of numbers, strings, booleans, null or { pages: N }`,
    ],
    [
      'returnsWithin a word',
      [{ ...property, expect: { returnsWithin: 'fast' } }],
      `property 'pipe.capacity.default': returnsWithin "fast" must be { ms: N } with N > 0`,
    ],
    [
      'args a string',
      [{ ...property, probes: [{ fixture: 'pipe', case: 'default-capacity', args: 'x' }] }],
      `property 'pipe.capacity.default': probe args "x" must be an object of named values (strings or numbers), e.g. { size: 5000 }`,
    ],
    ['a null property', [null], `mechanism 'pipe': properties[0] is null, not a property`],
  ];
  test.each(cases)('%s', async (name, properties, message) => {
    const dir = join(scratch, `specs-${name.replace(/\W+/g, '-')}`);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'broken.spec.js'), `export default ${JSON.stringify(spec(properties))};\n`);
    await expectCliError(['list', '--specs', dir], new RegExp(`broken\\.spec\\.js: ${escapeRegExp(message)}$`));
    // And `run` stops at the same line, before any probe: no verdict is written.
    await expectCliError(['run', '--specs', dir, '--no-report'], /broken\.spec\.js: /);
    expect(existsSync(join(scratch, 'host', 'verdicts.json'))).toBe(false);
  });
});

describe('an exercise file with a mistake is one line naming the file', () => {
  const [folder] = exerciseFolders();

  test('a time limit past what setTimeout can hold, and other settings out of range', async () => {
    const { exercise } = await loadExercise(folder!);
    const withRun = (run: Partial<Exercise['run']>) => () =>
      validateExercise({ ...exercise, run: { ...exercise.run, ...run } }, 'x/exercise.ts', folder!);
    expect(withRun({ timeoutMs: 1e12 })).toThrow('x/exercise.ts: run.timeoutMs is 1000000000000, outside 100..600000');
    expect(withRun({ timeoutMs: '5000' as never })).toThrow('x/exercise.ts: run.timeoutMs must be a number from 100 to 600000, not "5000"');
    expect(withRun({ runs: 1e7 })).toThrow('x/exercise.ts: run.runs is 10000000, outside 1..1000');
    expect(withRun({ runs: 2.5 })).toThrow('x/exercise.ts: run.runs must be an integer from 1 to 1000, not 2.5');
    expect(withRun({ inputBytes: -1 })).toThrow('x/exercise.ts: run.inputBytes is -1, outside 1..268435456');
    expect(withRun({ signals: { name: 'SIGUSR1', everyMs: 0 } })).toThrow('x/exercise.ts: run.signals.everyMs is 0, outside 1..60000');
    expect(withRun({ stdin: { chunkBytes: 4096 } as never })).toThrow(
      'x/exercise.ts: run.stdin.pauseMs must be a number from 0 to 10000, not missing',
    );
    expect(withRun({ args: 'x' as never })).toThrow('x/exercise.ts: run.args must be a list of strings');
  });

  test('a check expectation of the wrong type', async () => {
    const { exercise } = await loadExercise(folder!);
    const check = { ...exercise.checks[0]!, expect: { atLeast: 'many' } as never };
    expect(() => validateExercise({ ...exercise, checks: [check] }, 'x/exercise.ts', folder!)).toThrow(
      `x/exercise.ts: check '${check.id}': atLeast "many" must be a number or { pages: N }`,
    );
  });

  test('a syntax error', async () => {
    const broken = join(scratch, 'exercises', '99-broken');
    await mkdir(broken, { recursive: true });
    await writeFile(join(broken, 'exercise.ts'), 'export default {;\n');
    const error = await loadExercise(broken).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toMatch(/99-broken\/exercise\.ts: cannot be loaded: /);
    expect(message).not.toContain('\n');
  });
});

describe('a verdict file that is not one is named, and diff compares the files it is given', () => {
  const verdict = (status: string) => ({
    property: 'pipe.capacity.default',
    mechanism: 'pipe',
    kind: 'capacity',
    status,
    expected: { equals: 65536 },
    observed: { value: status === 'passed' ? 65536 : 4096 },
    probes: [],
    observations: [],
  });
  const file = (name: string, status: string) =>
    JSON.stringify({ environment: { name }, generatedAt: '2026-01-01T00:00:00Z', verdicts: [verdict(status)] });

  test('two files in one folder are compared with each other, not the folder with itself', async () => {
    const dir = join(scratch, 'saved');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'old.json'), file('old-host', 'passed'));
    await writeFile(join(dir, 'verdicts.json'), file('host', 'failed'));
    const result = await cli(['diff', join(dir, 'old.json'), join(dir, 'verdicts.json')]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('| pipe.capacity.default | passed: value=65536 | failed: value=4096 |');
  });

  const bad: Array<[string, string, string]> = [
    ['empty', '', 'is empty, not a verdict file (an interrupted run?)'],
    ['garbled', '{"environment": {"name": "host"}, "verdicts": [', 'is not valid JSON: '],
    [
      'without an environment',
      JSON.stringify({ verdicts: [verdict('passed')] }),
      'is not a verdict file: it names no environment (environment.name)',
    ],
    ['without verdicts', JSON.stringify({ environment: { name: 'host' } }), 'is not a verdict file: it has no verdicts list'],
    [
      'with an unknown status',
      file('host', 'fine'),
      'is not a verdict file: verdicts[0] (pipe.capacity.default) has status "fine", not one of passed, failed, skipped, broken',
    ],
    ['a JSON list', '[]', 'is not a verdict file: it holds no JSON object'],
  ];
  test.each(bad)('%s', async (name, content, problem) => {
    const dir = join(scratch, `verdicts-${name.replace(/\W+/g, '-')}`);
    await mkdir(dir, { recursive: true });
    const path = join(dir, 'verdicts.json');
    await writeFile(path, content);
    await writeFile(join(dir, 'good.json'), file('host', 'passed'));
    // The folder's verdicts.json is the one read; the JSON parser's own words follow its colon.
    await expectCliError(
      ['diff', join(dir, 'good.json'), dir],
      new RegExp(`^ipc-conformance: error: ${escapeRegExp(`${path} ${problem}`)}`),
    );
  });

  test('a name that is neither a file, a folder nor an environment', () =>
    expectCliError(
      ['diff', 'reports/nowhere', 'host'],
      /^ipc-conformance: error: 'reports\/nowhere' is neither a report folder, a verdict file nor an environment \(known: host, sandbox, docker, gvisor, /,
    ));
  test('a third argument', () =>
    expectCliError(
      ['diff', 'host', 'host', 'docker'],
      "diff: unexpected argument 'docker' (usage: ipc-conformance diff [options] <A> <B>)",
    ));
});

describe('environment settings are checked before any command, even list', () => {
  test('TMPDIR that does not exist', () =>
    expectCliError(['list'], "TMPDIR '/nonexistent/tmp' does not exist", { TMPDIR: '/nonexistent/tmp' }));
  test('TMPDIR that is a file', async () => {
    const file = join(scratch, 'a-file');
    await writeFile(file, '');
    await expectCliError(['list'], `TMPDIR '${file}' is not a folder`, { TMPDIR: file });
  });
  test('a reports root under /proc (mkdir there never ends)', () =>
    expectCliError(
      ['list'],
      "IPC_CONFORMANCE_REPORTS_ROOT '/proc/self/reports' is under /proc, a kernel pseudo-filesystem where no report can be written",
      {
        IPC_CONFORMANCE_REPORTS_ROOT: '/proc/self/reports',
      },
    ));
  test('a reports root under /sys', () =>
    expectCliError(['list'], /IPC_CONFORMANCE_REPORTS_ROOT '\/sys\/kernel\/x' is under \/sys/, {
      IPC_CONFORMANCE_REPORTS_ROOT: '/sys/kernel/x',
    }));
  test('a reports root under a file', async () => {
    const file = join(scratch, 'not-a-folder');
    await writeFile(file, '');
    await expectCliError(['list'], `IPC_CONFORMANCE_REPORTS_ROOT '${file}/reports' cannot be used: '${file}' is not a folder`, {
      IPC_CONFORMANCE_REPORTS_ROOT: `${file}/reports`,
    });
  });
  test('a watchdog that is not a number', () =>
    expectCliError(['list'], "IPC_PROBE_WATCHDOG_S must be a whole number of seconds from 1 to 86400, not 'abc'", {
      IPC_PROBE_WATCHDOG_S: 'abc',
    }));
  test('a watchdog of zero', () => expectCliError(['list'], /IPC_PROBE_WATCHDOG_S must be .*, not '0'/, { IPC_PROBE_WATCHDOG_S: '0' }));

  test('a C probe run by hand refuses the same watchdog instead of ignoring it', async () => {
    const probe = join(kitPaths.fixtureBinaries, fixtureBinaryName('pipe'));
    const result = await runCommand([probe, 'default-capacity'], { timeoutMs: 10_000, env: { IPC_PROBE_WATCHDOG_S: 'abc' } });
    expect(onlyErrorLine(result)).toBe(
      "default-capacity: IPC_PROBE_WATCHDOG_S must be a whole number of seconds from 1 to 86400, not 'abc'",
    );
    expect(result.stdout).toBe('');
  });
});

describe('the command line', () => {
  test('--help prints the usage on stdout and exits 0', async () => {
    const result = await cli(['--help']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^Usage: ipc-conformance \[options\] \[command\]\n/);
    expect(result.stdout).toMatch(/^ {2}list \[options\] /m);
    expect(result.stderr).toBe('');
  });
  test('no command is a usage error on stderr, nothing on stdout', async () => {
    const result = await cli([]);
    expect(onlyErrorLine(result)).toMatch(/^ipc-conformance: error: which command\? \(commands: .*; --help shows the usage\)$/);
    expect(result.stdout).toBe('');
  });
  test('an unknown command lists every command, soak and exercise included', () =>
    expectCliError(
      ['lsit'],
      "unknown command 'lsit' (commands: list, run, report, matrix, diff, soak, kernels, claims, coverage, bench, exercise)",
    ));
  test('an option the command does not take', () =>
    expectCliError(['list', '--times', '3'], 'list does not take --times (list takes --only, --specs, --lang, --json)'));
  test('an unknown environment for soak', () =>
    expectCliError(['soak', '--env', 'vmware'], /^ipc-conformance: error: unknown environment 'vmware' \(known: host/));
  test('an unknown environment for report', () => expectCliError(['report', '--env', 'vmware'], /unknown environment 'vmware'/));
  test('--times that is not a number', () => expectCliError(['soak', '--times', 'x'], "--times must be an integer of at least 2, not 'x'"));
  test('--runs 0', () => expectCliError(['exercise', '01', '--runs', '0'], "--runs must be a positive integer, not '0'"));
  test('--runs beyond reason', () => expectCliError(['exercise', '01', '--runs', '1e9'], "--runs must be from 1 to 1000, not '1e9'"));
  test('an empty --only', () => expectCliError(['list', '--only', ''], '--only is empty: name at least one glob, e.g. --only pipe.*'));
  test('an unknown --lang', () => expectCliError(['list', '--lang', 'fr'], "--lang must be en or zh, not 'fr'"));
  test('an unknown environment in --envs', () => expectCliError(['claims', '--envs', 'host,vmware'], /unknown environment 'vmware'/));
});

describe('make variables reach the CLI as one argument each, never as shell code', () => {
  // -o build -o fixtures: the kit is built already; the targets are not remade for each call.
  const make = (...variables: string[]) =>
    runCommand(['make', '-s', '--no-print-directory', '-C', kitPaths.root, '-o', 'build', '-o', 'fixtures', ...variables], {
      timeoutMs: 30_000,
    });

  test('SRC with quotes and a command', async () => {
    const marker = join(scratch, 'MARKER-src');
    const src = `x'; touch ${marker}; echo '`;
    const result = await make('exercise', 'EX=01', `SRC=${src}`);
    expect(existsSync(marker)).toBe(false);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain(`ipc-conformance: error: ${src} does not exist`);
  });

  test('EX and ONLY with quotes and a command', async () => {
    const marker = join(scratch, 'MARKER-ex');
    const ex = `01'; touch ${marker}; echo '`;
    const byEx = await make('exercise', `EX=${ex}`);
    expect(byEx.stderr).toContain(`ipc-conformance: error: unknown exercise '${ex}'`);
    // A $ reaches the CLI as written too, not as a make variable expanded to nothing.
    const only = `it's.$(x)'; touch ${marker}; echo '`;
    const byOnly = await make('list', `ONLY=${only}`);
    expect(byOnly.stderr).toContain(`ipc-conformance: error: --only '${only}' matches no property`);
    expect(existsSync(marker)).toBe(false);
  });

  test("a folder named it's is passed whole", async () => {
    // An empty folder: the CLI names it back without compiling anything.
    const dir = join(scratch, "it's");
    await mkdir(dir, { recursive: true });
    const result = await make('exercise', 'EX=01', `SRC=${dir}`);
    expect(result.stderr).toContain(`ipc-conformance: error: ${dir} holds no .c file`);
  });
});

describe('the claims hand-out follows the tutorial', () => {
  const tutorialPath = join(kitPaths.root, '..', 'shared', 'reference', 'ipc-tutorial.zh.md');

  test('without the tutorial at hand, the sections keep its order (not the claim files’)', async () => {
    const { claims } = await loadValidatedClaims();
    const results = claims.map((claim) => ({ claim, verdict: 'pending' as const, evidence: [] }));
    const markdown = claimsMarkdown('ipc-tutorial.zh.md', [{ environment: 'host', description: 'host', results: results as never }]);
    const sections = [...markdown.matchAll(/^## (.+)$/gm)].map((m) => m[1]!).filter((s) => s !== 'Evidence / 证据');
    expect(sections).toEqual(TUTORIAL_SECTIONS.filter((s) => sections.includes(s)));
    expect(sections[0]).toBe('进程间通信的基本概念');
    expect(sections.at(-1)).toBe('选择指南');
  });

  test('every section a claim names is declared', async () => {
    const { claims } = await loadValidatedClaims();
    for (const claim of claims) expect(TUTORIAL_SECTIONS, claim.id).toContain(claim.section);
  });

  test('a section nobody declared comes last, in the order given', () => {
    expect(inTutorialOrder(['选择指南', 'Appendix', '2. 信号(Signals)', 'Errata'])).toEqual([
      '2. 信号(Signals)',
      '选择指南',
      'Appendix',
      'Errata',
    ]);
  });

  test.skipIf(!existsSync(tutorialPath))('the declared order is the order of the tutorial’s headings', async () => {
    const tutorial = await readFile(tutorialPath, 'utf8');
    const shuffled = [...TUTORIAL_SECTIONS].reverse();
    expect(inTutorialOrder(shuffled, tutorial)).toEqual([...TUTORIAL_SECTIONS]);
  });
});

// The exercises: every starter fails exactly the checks it is known to fail (the mistakes the
// exercise teaches), every reference solution passes every check, each over the exercise's full
// number of runs under its load and perturbation. Plus the runner's own edges: a program that does
// not compile, a malformed exercise, an unknown one, and nothing left on the machine.
import { readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Exercise } from '../../exercises/exerciseSchema.js';
import { kitPaths } from '../../runners/core/kitPaths.js';
import { checkProgram } from '../../runners/exercises/checkProgram.js';
import { CompileError, sourceFiles } from '../../runners/exercises/compileProgram.js';
import { exerciseFolders, findExercise, loadExercise, validateExercise } from '../../runners/exercises/loadExercises.js';
import { formatExerciseResult } from '../../runners/exercises/teachingReport.js';
import { runCommand } from '../../runners/process/runCommand.js';
import { cliCommand } from '../support/kit.js';
import { processesRunning, sysvKeys } from '../support/leftovers.js';

const isRoot = process.geteuid?.() === 0;
let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'ipc-conformance-exercises-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** What a run could leave on the machine itself (not inside its own namespaces). */
function snapshotLeftovers() {
  return {
    sysv: [...sysvKeys('msg'), ...sysvKeys('shm'), ...sysvKeys('sem')].sort(),
    devShm: readdirSync('/dev/shm').sort(),
    scratch: readdirSync(tmpdir()).filter((name) => name.startsWith('ipc-exercise-')),
    spinners: processesRunning('while :; do :; done'),
    holders: processesRunning(join(kitPaths.root, 'build', 'tools', 'idle')),
  };
}

const failedIds = (checks: { status: string; check: { id: string } }[]) =>
  checks
    .filter((c) => c.status === 'failed')
    .map((c) => c.check.id)
    .sort();

test('there are at least eight exercises, each valid, with README, starter and solution', async () => {
  const folders = exerciseFolders();
  expect(folders.length).toBeGreaterThanOrEqual(8);
  for (const folder of folders) {
    const { exercise } = await loadExercise(folder);
    expect(exercise.starterFails.length, `${exercise.id} starter fails nothing`).toBeGreaterThan(0);
    const files = readdirSync(folder);
    expect(files).toEqual(expect.arrayContaining(['README.md', 'starter.c', 'solution', 'exercise.ts']));
    expect(sourceFiles(join(folder, 'solution')).length).toBeGreaterThan(0);
  }
});

describe.runIf(isRoot).sequential.each(exerciseFolders().map((folder) => [folder.slice(folder.lastIndexOf('/') + 1), folder]))(
  'exercise %s',
  (_name, folder) => {
    test('the starter fails exactly the checks of its mistakes, with a teaching message', async () => {
      const loaded = await loadExercise(folder);
      const result = await checkProgram(loaded, [join(folder, 'starter.c')]);
      expect(failedIds(result.checks)).toEqual([...loaded.exercise.starterFails].sort());
      const text = formatExerciseResult(result, 'starter.c');
      for (const id of loaded.exercise.starterFails) {
        const check = loaded.exercise.checks.find((c) => c.id === id)!;
        expect(text).toContain(`FAIL  ${id}`);
        expect(text).toContain(check.man[0]!);
        expect(text).toContain(check.hint.en);
      }
    });

    test('the solution passes every check in every run', async () => {
      const loaded = await loadExercise(folder);
      const result = await checkProgram(loaded, sourceFiles(join(folder, 'solution')));
      expect(failedIds(result.checks)).toEqual([]);
      for (const check of result.checks) expect(check.status, check.check.id).toBe('passed');
    });
  },
);

describe.runIf(isRoot)('the exercise runner', () => {
  test('a program that does not compile is reported with the compiler diagnostics', async () => {
    const broken = join(scratch, 'broken.c');
    await writeFile(broken, 'int main(void) { return undefined_name; }\n');
    await expect(checkProgram(await findExercise('01'), [broken])).rejects.toBeInstanceOf(CompileError);
    const cli = await runCommand([...cliCommand, 'exercise', '01', '--src', broken, '--no-report'], {
      timeoutMs: 60_000,
      cwd: kitPaths.root,
    });
    expect(cli.exitCode).toBe(1);
    expect(cli.stdout).toMatch(/does not compile[\s\S]*undefined_name/);
  });

  test('runs leave no IPC object, /dev/shm entry, process or scratch folder behind', async () => {
    const before = snapshotLeftovers();
    const leaky = await findExercise('04');
    const result = await checkProgram(leaky, [join(leaky.folder, 'starter.c')], 2);
    expect(failedIds(result.checks).length).toBeGreaterThan(0); // the starter did leak, inside its namespace
    expect(snapshotLeftovers()).toEqual(before);
  });
});

describe('exercise definitions and the command line', () => {
  const valid = async () => (await findExercise('01')).exercise;

  test('a malformed exercise names the file and the mistake', async () => {
    const exercise: Exercise = { ...(await valid()) };
    const folder = (await findExercise('01')).folder;
    const check = { ...exercise.checks[0]!, observe: 'pipe.feelings' as never };
    expect(() => validateExercise({ ...exercise, checks: [check] }, 'x/exercise.ts', folder)).toThrow(
      /x\/exercise.ts: check '.*': unknown observation 'pipe.feelings'/,
    );
    expect(() => validateExercise({ ...exercise, starterFails: ['no.such-check'] }, 'x/exercise.ts', folder)).toThrow(
      /starterFails names 'no.such-check'/,
    );
    expect(() => validateExercise({ ...exercise, run: { ...exercise.run, runs: 0 } }, 'x/exercise.ts', folder)).toThrow(/run.runs/);
  });

  test('an unknown exercise is one error line and exit status 2', async () => {
    const result = await runCommand([...cliCommand, 'exercise', '42'], { timeoutMs: 20_000, cwd: kitPaths.root });
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/unknown exercise '42' \(known: 01-/);
  });
});

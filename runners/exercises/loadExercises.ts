// Finds the exercises (exercises/NN-slug/exercise.ts, or the compiled .js beside dist/) and checks
// each against the vocabulary, so a mistake in an exercise file is one line naming file and check.

import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EXERCISE_OBSERVATIONS, EXERCISE_RUN_BOUNDS, type Exercise, type ExerciseRun } from '../../exercises/exerciseSchema.js';
import { EXPECTATIONS } from '../../specs/expectations.js';
import { PROPERTY_KINDS } from '../../specs/schema.js';
import { expectationProblem } from '../../specs/validate.js';
import { UsageError } from '../core/errors.js';
import { kitPaths } from '../core/kitPaths.js';

/** An exercise with the folder that holds its README, starter and solution. */
export interface LoadedExercise {
  exercise: Exercise;
  /** exercises/NN-slug in the source tree (starter.c and solution/ live there, never in dist/). */
  folder: string;
}

const EXERCISE_ID = /^\d\d-[a-z0-9-]+$/;
const CHECK_ID = /^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$/;
/** The forms a check may use: those that judge the value alone against literal values. */
const EXPECTATION_FORMS = Object.entries(EXPECTATIONS).flatMap(([name, form]) =>
  'judgesValueAlone' in form && form.judgesValueAlone ? [name] : [],
);

/** The exercise folders in the source tree, sorted by number. */
export function exerciseFolders(): string[] {
  const root = join(kitPaths.root, 'exercises');
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && EXERCISE_ID.test(entry.name))
    .map((entry) => join(root, entry.name))
    .sort();
}

/** The module defining an exercise: the compiled one when the kit runs from dist/, else the source. */
function definitionModule(folder: string): string {
  const name = folder.slice(folder.lastIndexOf('/') + 1);
  const compiled = join(kitPaths.root, 'dist', 'exercises', name, 'exercise.js');
  const runningCompiled = import.meta.url.includes('/dist/');
  return runningCompiled && existsSync(compiled) ? compiled : join(folder, 'exercise.ts');
}

/** Checks one exercise; throws a UsageError naming the file and the mistake. */
export function validateExercise(exercise: Exercise, file: string, folder: string): void {
  const fail = (what: string): never => {
    throw new UsageError(`${file}: ${what}`);
  };
  const name = folder.slice(folder.lastIndexOf('/') + 1);
  if (exercise?.id !== name) fail(`id '${String(exercise?.id)}' must equal the folder name '${name}'`);
  if (!exercise.title?.en || !exercise.title?.zh) fail('title needs en and zh');
  const run = exercise.run;
  if (!run || !Array.isArray(run.args) || !run.args.every((arg) => typeof arg === 'string')) fail('run.args must be a list of strings');
  const problem = runSettingsProblem(run);
  if (problem) fail(problem);
  if ((run.stdin || run.args.some((a) => a.includes('{input}'))) && run.inputBytes === undefined) {
    fail('run.inputBytes is needed when the program reads the input');
  }
  if (!Array.isArray(exercise.checks) || exercise.checks.length === 0) fail('no checks');
  const ids = new Set<string>();
  for (const check of exercise.checks) {
    const where = `check '${String(check.id)}'`;
    if (!CHECK_ID.test(check.id)) fail(`${where}: id must be dotted kebab-case`);
    if (ids.has(check.id)) fail(`${where}: duplicate id`);
    ids.add(check.id);
    if (!PROPERTY_KINDS.includes(check.kind)) fail(`${where}: unknown kind '${check.kind}'`);
    if (!(check.observe in EXERCISE_OBSERVATIONS)) {
      fail(`${where}: unknown observation '${check.observe}' (known: ${Object.keys(EXERCISE_OBSERVATIONS).join(', ')})`);
    }
    const forms = Object.keys(check.expect ?? {});
    if (forms.length !== 1 || !EXPECTATION_FORMS.includes(forms[0]!))
      fail(`${where}: expect needs exactly one of ${EXPECTATION_FORMS.join(', ')}`);
    const expectation = expectationProblem(check.expect);
    if (expectation) fail(`${where}: ${expectation}`);
    if (!check.claim?.en || !check.claim?.zh || !check.hint?.en || !check.hint?.zh) fail(`${where}: claim and hint need en and zh`);
    if (!Array.isArray(check.man) || check.man.length === 0) fail(`${where}: man names no page`);
  }
  for (const id of exercise.starterFails ?? fail('starterFails is missing')) {
    if (!ids.has(id)) fail(`starterFails names '${id}', which is not a check`);
  }
  if (!existsSync(join(folder, 'starter.c'))) fail('starter.c is missing');
}

/** The first numeric run setting that is missing where required, not a number, or out of range. */
function runSettingsProblem(run: ExerciseRun): string | undefined {
  const settings: Record<keyof typeof EXERCISE_RUN_BOUNDS, { value: unknown; required: boolean; whole: boolean }> = {
    timeoutMs: { value: run.timeoutMs, required: true, whole: false },
    runs: { value: run.runs, required: true, whole: true },
    inputBytes: { value: run.inputBytes, required: false, whole: true },
    'stdin.chunkBytes': { value: run.stdin?.chunkBytes, required: run.stdin !== undefined, whole: true },
    'stdin.pauseMs': { value: run.stdin?.pauseMs, required: run.stdin !== undefined, whole: false },
    'signals.everyMs': { value: run.signals?.everyMs, required: run.signals !== undefined, whole: false },
    'perturb.forkJitterMs': { value: run.perturb?.forkJitterMs, required: false, whole: false },
  };
  for (const [name, { value, required, whole }] of Object.entries(settings)) {
    if (value === undefined && !required) continue;
    const { min, max } = EXERCISE_RUN_BOUNDS[name as keyof typeof EXERCISE_RUN_BOUNDS];
    const wanted = `${whole ? 'an integer' : 'a number'} from ${min} to ${max}`;
    if (typeof value !== 'number' || !Number.isFinite(value) || (whole && !Number.isInteger(value)))
      return `run.${name} must be ${wanted}, not ${JSON.stringify(value) ?? 'missing'}`;
    if (value < min || value > max) return `run.${name} is ${value}, outside ${min}..${max}`;
  }
  return undefined;
}

/** Imports and validates one exercise folder. */
export async function loadExercise(folder: string): Promise<LoadedExercise> {
  const file = definitionModule(folder);
  const shown = relative(process.cwd(), file) || file;
  let exercise: Exercise;
  try {
    exercise = ((await import(pathToFileURL(file).href)) as { default: Exercise }).default;
  } catch (error) {
    // A syntax or import error of the exercise file itself: its first line, with the file named.
    throw new UsageError(`${shown}: cannot be loaded: ${(error as Error).message.split('\n')[0]}`);
  }
  validateExercise(exercise, shown, folder);
  return { exercise, folder };
}

/** The exercise a user named: "01", "1", "01-pipe" or "pipe". */
export async function findExercise(name: string): Promise<LoadedExercise> {
  const folders = exerciseFolders();
  const wanted = name.trim();
  const base = (folder: string) => folder.slice(folder.lastIndexOf('/') + 1);
  const match = folders.find((folder) => {
    const [number, ...slug] = base(folder).split('-');
    return base(folder) === wanted || Number(number) === Number(wanted) || slug.join('-') === wanted;
  });
  if (!wanted || !match) {
    throw new UsageError(`unknown exercise '${name}' (known: ${folders.map(base).join(', ')}); e.g. make exercise EX=01`);
  }
  return loadExercise(match);
}

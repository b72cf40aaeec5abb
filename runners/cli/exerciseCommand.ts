// `ipc-conformance exercise NN [--src FILE|DIR] [--runs N] [--output DIR]`: the checks of one exercise on the
// starter (default) or on the student's program, printed to teach, saved for the Allure report.
import { join, relative } from 'node:path';
import { UsageError } from '../core/errors.js';
import { kitPaths } from '../core/kitPaths.js';
import { checkProgram } from '../exercises/checkProgram.js';
import { CompileError, sourceFiles } from '../exercises/compileProgram.js';
import { writeExerciseReports } from '../exercises/exerciseAllure.js';
import { findExercise } from '../exercises/loadExercises.js';
import { formatExerciseResult } from '../exercises/teachingReport.js';
import { claimOutputFolder } from './outputFolder.js';

export interface ExerciseCommandOptions {
  src?: string;
  runs?: string;
  report: boolean;
  /** Where the report goes (`--output`) instead of reports/exercises/<exercise>/. */
  outputDir?: string;
}

/** Runs the checks; exit status 0 when every check holds, 1 when one fails or it does not compile. */
export async function exerciseCommand(name: string | undefined, options: ExerciseCommandOptions): Promise<number> {
  if (!name) throw new UsageError('which exercise? e.g. `ipc-conformance exercise 01` (make exercise EX=01)');
  const loaded = await findExercise(name);
  const runs = options.runs === undefined ? undefined : Number(options.runs);
  if (runs !== undefined && !(Number.isInteger(runs) && runs >= 1))
    throw new UsageError(`--runs must be a positive integer, not '${options.runs}'`);
  const sources = options.src ? sourceFiles(options.src) : [join(loaded.folder, 'starter.c')];
  // Refused before the program is compiled and run, not after.
  const chosenFolder = options.outputDir === undefined ? undefined : await claimOutputFolder(options.outputDir, 'exercise');
  const shown = sources.map((file) => relative(process.cwd(), file) || file).join(' ');
  try {
    const result = await checkProgram(loaded, sources, runs);
    console.log(formatExerciseResult(result, shown));
    if (options.report) {
      const folder = chosenFolder ?? join(kitPaths.reports, 'exercises', result.exercise);
      const report = await writeExerciseReports(folder, result, shown);
      console.log(`report: ${relative(process.cwd(), report)}`);
    }
    return result.checks.some((check) => check.status === 'failed') ? 1 : 0;
  } catch (error) {
    if (!(error instanceof CompileError)) throw error;
    console.log(`exercise ${loaded.exercise.id}: ${shown} does not compile — fix what gcc says first:\n\n${error.diagnostics}`);
    return 1;
  }
}

// Checks one program against one exercise: compile it in a sandbox, run it the exercise's number
// of times (each in a sandbox of its own, under load when asked), judge every check over the runs.
import { join } from 'node:path';
import { temporaryFolder } from '../process/temporaryFolder.js';
import { compileProgram } from './compileProgram.js';
import { type CpuLoad, startCpuLoad } from './cpuLoad.js';
import { BUS_FOLDER_INSIDE, type ExerciseBus, startExerciseBus } from './exerciseBus.js';
import { describeConditions, type ExerciseResult, judgeExercise } from './judgeExercise.js';
import type { LoadedExercise } from './loadExercises.js';
import { type RunRecord, runProgramOnce } from './programRun.js';
import { runLog } from './runLog.js';
import type { KitFiles } from './sandbox/kitFiles.js';
import { copyKitFiles } from './sandbox/kitFiles.js';
import { makeOwnedFolder } from './sandbox/ownedFolder.js';
import { type SandboxSetup, sandboxSetup } from './sandbox/sandboxSetup.js';

/** One run in a fresh sandbox (and bus), everything ended afterwards whatever happened. */
async function oneRun(
  program: string,
  loaded: LoadedExercise,
  index: number,
  setup: SandboxSetup,
  kitFiles: KitFiles,
  folder: string,
): Promise<RunRecord> {
  const runFolder = join(folder, `run-${index}`);
  makeOwnedFolder(runFolder, setup.uid);
  let bus: ExerciseBus | undefined;
  try {
    if (loaded.exercise.run.bus) bus = await startExerciseBus(join(runFolder, 'bus'), setup.uid, kitFiles);
    return await runProgramOnce(program, loaded.exercise.run, index, {
      setup,
      kitFiles,
      folder: runFolder,
      bus: bus && { folder: bus.folder, inside: BUS_FOLDER_INSIDE, address: bus.address },
    });
  } finally {
    await bus?.stop();
  }
}

/** Compiles `sources` and checks the program; `runs` overrides the exercise's number of runs. */
export async function checkProgram(loaded: LoadedExercise, sources: string[], runs = loaded.exercise.run.runs): Promise<ExerciseResult> {
  const setup = await sandboxSetup();
  const { exercise } = loaded;
  const scratch = temporaryFolder('ipc-exercise-');
  let load: CpuLoad | undefined;
  try {
    // The check's folder belongs to the sandbox's uid; the kit's files inside it stay root's.
    makeOwnedFolder(scratch.path, setup.uid);
    const kitFiles = copyKitFiles(join(scratch.path, 'kit'), setup.uid);
    const program = await compileProgram(setup, sources, scratch.path, exercise.link);
    if (exercise.run.underLoad) load = startCpuLoad();
    const started = performance.now();
    const records: RunRecord[] = [];
    for (let index = 1; index <= runs; index++) records.push(await oneRun(program, loaded, index, setup, kitFiles, scratch.path));
    return {
      exercise: exercise.id,
      program: sources,
      runs,
      conditions: describeConditions(exercise, runs),
      checks: await judgeExercise(exercise, records),
      durationMs: performance.now() - started,
      runDurationsMs: records.map((record) => Math.round(record.durationMs)),
      limitsHit: [...new Set(records.flatMap((record) => record.limitsHit.map((limit) => `run ${record.run}: ${limit}`)))],
      runLogs: records.map(runLog),
    };
  } finally {
    load?.stop();
    scratch.remove();
  }
}

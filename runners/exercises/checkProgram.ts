// Checks one program against one exercise: compile, run it the exercise's number of times (each
// in namespaces of its own, under load when asked), judge every check over the runs.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../cli/usageError.js';
import { temporaryFolder } from '../process/temporaryFolder.js';
import { NamespaceHolder, namespaceAvailability } from '../environments/namespaceHolder.js';
import { compileProgram } from './compileProgram.js';
import { startCpuLoad, type CpuLoad } from './cpuLoad.js';
import { startExerciseBus, type ExerciseBus } from './exerciseBus.js';
import { describeConditions, judgeExercise, type ExerciseResult } from './judgeExercise.js';
import type { LoadedExercise } from './loadExercises.js';
import { runProgramOnce, TRACER_LIBRARY, type RunRecord } from './programRun.js';

/** Everything the runs need from this machine; a missing piece is one line with the fix. */
async function requireRunner(): Promise<void> {
  const namespaces = await namespaceAvailability();
  if (!namespaces.ok) throw new UsageError(`exercises run each program in namespaces of its own: ${namespaces.reason}`);
  if (!existsSync(TRACER_LIBRARY)) throw new UsageError(`${TRACER_LIBRARY} is not built: run \`make fixtures\``);
}

/** One run in a fresh holder (and bus), everything ended afterwards whatever happened. */
async function oneRun(program: string, loaded: LoadedExercise, index: number, busFolder: string): Promise<RunRecord> {
  const holder = await NamespaceHolder.start({ own: true });
  let bus: ExerciseBus | undefined;
  try {
    const env: Record<string, string> = {};
    if (loaded.exercise.run.bus) {
      bus = await startExerciseBus(holder, join(busFolder, `run-${index}`));
      env.DBUS_SESSION_BUS_ADDRESS = bus.address;
    }
    return await runProgramOnce(program, loaded.exercise.run, index, holder, env);
  } finally {
    await bus?.stop();
    await holder.stop();
  }
}

/** Compiles `sources` and checks the program; `runs` overrides the exercise's number of runs. */
export async function checkProgram(loaded: LoadedExercise, sources: string[], runs = loaded.exercise.run.runs): Promise<ExerciseResult> {
  await requireRunner();
  const { exercise } = loaded;
  const scratch = temporaryFolder('ipc-exercise-build-');
  let load: CpuLoad | undefined;
  try {
    const program = join(scratch.path, exercise.id);
    await compileProgram(sources, program, exercise.link);
    if (exercise.run.underLoad) load = startCpuLoad();
    const started = performance.now();
    const records: RunRecord[] = [];
    for (let index = 1; index <= runs; index++) records.push(await oneRun(program, loaded, index, scratch.path));
    return {
      exercise: exercise.id,
      program: sources,
      runs,
      conditions: describeConditions(exercise, runs),
      checks: await judgeExercise(exercise, records),
      durationMs: performance.now() - started,
      runDurationsMs: records.map((record) => Math.round(record.durationMs)),
    };
  } finally {
    load?.stop();
    scratch.remove();
  }
}

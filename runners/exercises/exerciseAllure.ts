// Exercise results in the Allure report: an epic "Exercises", a feature per exercise, one result
// per check, so a teacher can browse a class's runs the way the conformance results are browsed.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateAllureReport } from '../reporting/allureReport.js';
import { writeAllureResult } from '../reporting/allureResultFile.js';
import type { ExerciseResult } from './judgeExercise.js';

export const EXERCISES_EPIC = 'Exercises';

const STATUS = { passed: 'passed', failed: 'failed', 'not-observed': 'skipped' } as const;

/** Writes result.json and the Allure results of one check, and builds the HTML report. */
export async function writeExerciseReports(outputDir: string, result: ExerciseResult, programLabel: string): Promise<string> {
  const resultsDir = join(outputDir, 'allure-results');
  await rm(resultsDir, { recursive: true, force: true });
  await mkdir(resultsDir, { recursive: true });
  await writeFile(join(outputDir, 'result.json'), JSON.stringify(result, null, 2));
  const time = Date.now();
  for (const checkResult of result.checks) {
    const { check, example } = checkResult;
    const description = [
      `**${check.claim.en}**`,
      '',
      check.claim.zh,
      '',
      `Observed: ${example?.detail ?? 'nothing'} (${checkResult.failedRuns} of ${checkResult.observedRuns} observed runs contradicted it)`,
      '',
      `Man pages: ${check.man.join(', ')}`,
      '',
      `Hint: ${check.hint.en}`,
      '',
      check.hint.zh,
    ].join('\n');
    await writeAllureResult(resultsDir, {
      historyId: `exercise:${result.exercise}:${check.id}`,
      testCaseId: `exercise:${result.exercise}:${check.id}`,
      name: check.id,
      fullName: `exercises.${result.exercise}.${check.id}`,
      status: STATUS[checkResult.status],
      message: example ? `run ${example.run}: ${example.detail}` : 'not observed',
      description,
      epic: EXERCISES_EPIC,
      feature: result.exercise,
      story: check.kind,
      environment: 'exercises',
      parameters: [
        { name: 'program', value: programLabel },
        { name: 'conditions', value: result.conditions },
      ],
      time,
    });
  }
  return generateAllureReport([resultsDir], join(outputDir, 'allure-report'), ['exercises'], {
    exercise: result.exercise,
    program: programLabel,
  });
}

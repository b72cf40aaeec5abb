// Exercise results in an Allure report of their own: an epic "Exercises", a feature per exercise,
// one result per check, so a teacher can browse a class's runs the way the conformance results are
// browsed. A check's page links its man pages, carries the program's output and the tracer's log of
// the run that decided it, and spans the runs it was judged on (the first run's start to the last
// run's end: every check is judged over all of them). Earlier attempts are its history.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { manPageLinks } from '../reporting/allureLinks.js';
import { generateAllureReport } from '../reporting/allureReport.js';
import { writeAllureResult, writeAttachment } from '../reporting/allureResultFile.js';
import type { CheckResult, ExerciseResult } from './judgeExercise.js';
import { programOutputText, type RunLog, tracerLogText } from './runLog.js';

export const EXERCISES_EPIC = 'Exercises';

const STATUS = { passed: 'passed', failed: 'failed', 'not-observed': 'skipped' } as const;

/** When the runs began and ended, in milliseconds since the epoch; `fallback` when none was logged. */
export function runsSpan(logs: readonly RunLog[], fallback: number): { start: number; stop: number } {
  if (logs.length === 0) return { start: fallback, stop: fallback };
  return {
    start: Math.min(...logs.map((log) => log.startedAt)),
    stop: Math.max(...logs.map((log) => log.startedAt + log.durationMs)),
  };
}

function checkDescription(checkResult: CheckResult): string {
  const { check, example } = checkResult;
  return [
    `**${check.claim.en}**`,
    '',
    check.claim.zh,
    '',
    `Observed: ${example?.detail ?? 'nothing'} (${checkResult.failedRuns} of ${checkResult.observedRuns} observed runs contradicted it)`,
    '',
    `Hint: ${check.hint.en}`,
    '',
    check.hint.zh,
  ].join('\n');
}

/** Writes result.json and the Allure results of every check, and builds the HTML report. */
export async function writeExerciseReports(outputDir: string, result: ExerciseResult, programLabel: string): Promise<string> {
  const resultsDir = join(outputDir, 'allure-results');
  await rm(resultsDir, { recursive: true, force: true });
  await mkdir(resultsDir, { recursive: true });
  await writeFile(join(outputDir, 'result.json'), JSON.stringify(result, null, 2));
  const span = runsSpan(result.runLogs, Date.now());
  for (const checkResult of result.checks) {
    const { check, example } = checkResult;
    // The run that decided the check: its example (the first contradicting run, or the first that showed it).
    const decisive = result.runLogs.find((log) => log.run === example?.run);
    const attachments = decisive
      ? [
          await writeAttachment(resultsDir, `program output (run ${decisive.run})`, programOutputText(decisive), 'text/plain'),
          await writeAttachment(resultsDir, `tracer log (run ${decisive.run})`, tracerLogText(decisive), 'text/plain'),
        ]
      : [];
    await writeAllureResult(resultsDir, {
      historyId: `exercise:${result.exercise}:${check.id}`,
      testCaseId: `exercise:${result.exercise}:${check.id}`,
      name: check.id,
      fullName: `exercises.${result.exercise}.${check.id}`,
      status: STATUS[checkResult.status],
      message: example ? `run ${example.run}: ${example.detail}` : 'no run could show it',
      description: checkDescription(checkResult),
      epic: EXERCISES_EPIC,
      feature: result.exercise,
      story: check.kind,
      environment: 'exercises',
      parameters: [
        { name: 'program', value: programLabel },
        { name: 'conditions', value: result.conditions },
      ],
      links: manPageLinks(check.man),
      attachments,
      ...span,
    });
  }
  const variables = { exercise: result.exercise, program: programLabel, conditions: result.conditions };
  // The student's earlier attempts at this exercise are the report's history (a check fixed shows as such).
  return generateAllureReport([resultsDir], join(outputDir, 'allure-report'), ['exercises'], variables, join(outputDir, 'history.jsonl'), {
    reportName: `ipc-conformance exercise ${result.exercise}`,
    groupBy: ['feature', 'story'],
  });
}

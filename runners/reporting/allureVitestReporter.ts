// allure-vitest's reporter, with each conformance result tidied at the source, before it is written:
// - without the labels allure-vitest adds about the test runner (framework, language, host, thread,
//   package): they describe vitest's machinery, not the property, and crowd every page;
// - a skipped property says why (the reason vitest records for `context.skip(reason)`, which
//   allure-vitest leaves out) and counts as finished, not pending;
// - a property the suite decided (its verdict in the task's meta) shows the verdict's own message,
//   with expected and observed, and no stack: the stack is of the error the suite threw to tell
//   vitest the outcome, which says nothing about the system. A harness error keeps its stack.
// The tidying is a `listeners` hook of allure-js-commons; the vitest task it needs is the one
// allure-vitest's handleTask is writing (it writes synchronously, one test at a time).
import { type Label, Stage, type StatusDetails, type TestResult } from 'allure-js-commons';
import AllureVitestReporter from 'allure-vitest/reporter';
import type { RunnerTask } from 'vitest';
import { formatFacts, type Verdict } from '../verdict/verdict.js';

/** Labels allure-vitest adds that say how the test ran, not what it checked. */
export const RUNNER_LABELS: ReadonlySet<string> = new Set(['framework', 'language', 'host', 'thread', 'package']);

/** The test a result is being written for. */
interface WritingTest {
  task?: RunnerTask;
}

/** `result` tidied as the header says, given the vitest task it was made from (when known). */
export function tidyResult(result: TestResult, task: RunnerTask | undefined): void {
  result.labels = result.labels.filter((label: Label) => !RUNNER_LABELS.has(label.name));
  if (task?.type !== 'test') return;
  const verdict = (task.meta as { verdict?: Verdict }).verdict;
  if (result.status === 'skipped') {
    // vitest 4 keeps the reason as `result.note` without declaring it in TaskResult's type.
    const reason = (task.result as { note?: string } | undefined)?.note ?? verdict?.reason;
    if (reason) result.statusDetails = { ...result.statusDetails, message: reason };
    result.stage = Stage.FINISHED;
    return;
  }
  if (verdict && (verdict.status === 'failed' || verdict.status === 'broken')) {
    const details: StatusDetails = { message: verdict.reason ?? result.statusDetails.message };
    if (verdict.status === 'failed') {
      details.expected = formatFacts(verdict.expected);
      details.actual = formatFacts(verdict.observed);
    }
    result.statusDetails = details;
  }
}

/** The Allure reporter of a conformance run: allure-vitest's, writing tidied results into `resultsDir`. */
export class ConformanceAllureReporter extends AllureVitestReporter {
  private readonly writing: WritingTest;

  constructor(resultsDir: string) {
    const writing: WritingTest = {};
    super({ resultsDir, listeners: [{ beforeTestResultWrite: (result) => tidyResult(result, writing.task) }] });
    this.writing = writing;
  }

  override handleTask(task: RunnerTask): void {
    if (task.type !== 'test') {
      super.handleTask(task);
      return;
    }
    this.writing.task = task;
    try {
      super.handleTask(task);
    } finally {
      this.writing.task = undefined;
    }
  }
}

/** The reporter to put in a conformance run's vitest `reporters` (conformanceVitestConfig.ts). */
export function allureResultsReporter(resultsDir: string): ConformanceAllureReporter {
  return new ConformanceAllureReporter(resultsDir);
}

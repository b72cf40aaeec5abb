// The conformance suite, generated from the specs: one describe per mechanism, one test per
// property. The command that started vitest hands it the run (conformance/SEAM.md): the prepared
// environment's handle and the selected properties. The test's outcome mirrors the verdict
// (failed → assertion error, broken → other error, skipped → a runtime skip with the reason, so
// that Allure records it); the verdict itself travels in the task's meta to the verdict reporter.
import { describe, inject, test } from 'vitest';
import { annotateProperty, attachVerdict } from '../runners/reporting/allureAnnotations.js';
import { attachEnvironment } from '../runners/run/preparedRun.js';
import { SUITE_RUN_KEY } from '../runners/run/suiteContract.js';
import { checkProperty } from '../runners/verdict/checkProperty.js';
import { formatFacts, type Verdict } from '../runners/verdict/verdict.js';
import type { MechanismSpec } from '../specs/schema.js';

const run = inject(SUITE_RUN_KEY);
if (!run)
  throw new Error('no run was provided: start the suite with `ipc-conformance run` or `npx vitest --config conformance/vitest.config.ts`');
const environment = attachEnvironment(run.environment);

/** Thrown for a contradicted property; the name makes Allure and vitest report it as a failure. */
class PropertyContradicted extends Error {
  override name = 'AssertionError';
  readonly expected: string;
  readonly actual: string;
  constructor(verdict: Verdict) {
    super(verdict.reason ?? 'contradicted');
    this.expected = formatFacts(verdict.expected);
    this.actual = formatFacts(verdict.observed);
  }
}

/** Thrown when the probe broke: Allure reports any non-assertion error as broken. */
class ProbeDidNotObserve extends Error {
  override name = 'ProbeBroken';
}

// Performance properties time things: they run last and one at a time, after every other suite
// (which run their properties concurrently) has finished, so no other probe competes for the CPUs.
const timed = (m: MechanismSpec) => m.family === 'performance';
for (const mechanism of [...run.mechanisms.filter((m) => !timed(m)), ...run.mechanisms.filter(timed)]) {
  const suite = timed(mechanism) ? describe.sequential : describe.concurrent;
  suite(`${mechanism.id}: ${mechanism.title.en}`, () => {
    for (const property of mechanism.properties) {
      test(property.id, async (context) => {
        await annotateProperty(mechanism, property, environment.name);
        const verdict = await checkProperty(mechanism, property, environment);
        context.task.meta.verdict = verdict;
        await attachVerdict(verdict);
        if (verdict.status === 'skipped') context.skip(verdict.reason);
        if (verdict.status === 'failed') throw new PropertyContradicted(verdict);
        if (verdict.status === 'broken') throw new ProbeDidNotObserve(verdict.reason ?? 'probe broke');
      });
    }
  });
}

// The conformance suite, generated from the specs: one describe per mechanism, one test per
// property. The run's environment and property filter come from the CLI through the environment
// variables below; the test's outcome mirrors the verdict (failed → assertion error, broken →
// other error, skipped → a runtime skip with the reason, so that Allure records it).
import { describe, test } from 'vitest';
import { createEnvironment } from '../runners/environments/registry.js';
import { annotateProperty, attachVerdict } from '../runners/reporting/allureAnnotations.js';
import { loadValidatedSpecs, selectProperties } from '../runners/specSet.js';
import { checkProperty } from '../runners/verdict/checkProperty.js';
import { formatFacts, type Verdict } from '../runners/verdict/verdict.js';

const environmentName = process.env.IPC_CONFORMANCE_ENV ?? 'host';
const environment = createEnvironment(environmentName);
const specs = await loadValidatedSpecs();
const selected = selectProperties(specs, process.env.IPC_CONFORMANCE_ONLY || undefined);

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
const timed = (m: (typeof specs)[number]) => m.family === 'performance';
for (const mechanism of [...specs.filter((m) => !timed(m)), ...specs.filter(timed)]) {
  const properties = selected.filter((s) => s.mechanism === mechanism).map((s) => s.property);
  if (properties.length === 0) continue;
  const suite = timed(mechanism) ? describe.sequential : describe.concurrent;
  suite(`${mechanism.id}: ${mechanism.title.en}`, () => {
    for (const property of properties) {
      test(property.id, async (context) => {
        await annotateProperty(mechanism, property, environmentName);
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

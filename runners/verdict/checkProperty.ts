// Checks one property in one environment: requirements → probes → agreement → evaluation → verdict.
// This is the whole of the kit's judgement; the vitest suites and the kit's own tests both call it.
import type { MechanismSpec, Property } from '../../specs/schema.js';
import { ProbeBroken } from '../core/errors.js';
import type { Observation } from '../core/observation.js';
import type { Environment } from '../environments/environment.js';
import { probeLabel, runProbe } from '../probes/runProbe.js';
import { type Evaluation, evaluate } from './evaluate.js';
import { formatFacts, type Verdict } from './verdict.js';

/** Options for checkProperty. */
export interface CheckOptions {
  timeoutMs?: number;
}

/** The fields two probes of one property must agree on. */
const agreementKey = (o: Observation) => JSON.stringify([o.value, o.errno, o.signal]);

/** Checks one property and records when the check started and how long it took (JUnit, KCIDB). */
export async function checkProperty(
  mechanism: MechanismSpec,
  property: Property,
  environment: Environment,
  options: CheckOptions = {},
): Promise<Verdict> {
  // Timed here, not by vitest: vitest dates a concurrent test from when it was queued.
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const verdict = await judge(mechanism, property, environment, options);
  return { ...verdict, startedAt, durationMs: Math.round(performance.now() - started) };
}

async function judge(mechanism: MechanismSpec, property: Property, environment: Environment, options: CheckOptions): Promise<Verdict> {
  const base = {
    property: property.id,
    mechanism: mechanism.id,
    kind: property.kind,
    probes: property.probes.map(probeLabel),
  };
  const verdict = (rest: Omit<Verdict, keyof typeof base>): Verdict => ({ ...base, ...rest });

  const facts = await environment.facts();
  const missing = (property.requires ?? []).map((r) => facts.offers[r]).find((offer) => !offer.ok);
  if (missing && !missing.ok) {
    return verdict({ status: 'skipped', expected: null, observed: null, reason: missing.reason, observations: [] });
  }

  const runs = await Promise.allSettled(
    property.probes.map((probe) => runProbe(environment, probe, options.timeoutMs ? { timeoutMs: options.timeoutMs } : {})),
  );
  const observations = runs.flatMap((run) => (run.status === 'fulfilled' ? [run.value] : []));
  const failedRun = runs.find((run): run is PromiseRejectedResult => run.status === 'rejected');
  if (failedRun) return broken(failedRun.reason, observations);

  let evaluations: Evaluation[];
  try {
    const context = { pageSize: facts.pageSize, readSysctl: (name: string) => environment.readSysctl(name) };
    evaluations = await Promise.all(observations.map((o) => evaluate(property.expect, o, context)));
  } catch (error) {
    return broken(error, observations);
  }
  const [first] = evaluations;
  if (!first) return broken(new Error('no probe ran'), observations);
  const { expected, observed } = first;

  const disagree = new Set(observations.map(agreementKey)).size > 1 || new Set(evaluations.map((e) => e.holds)).size > 1;
  if (disagree) {
    const sides = observations.map((o, i) => `${o.probe}: ${formatFacts(evaluations[i]!.observed)}`).join('; ');
    return verdict({ status: 'broken', expected, observed, reason: `probes disagree: ${sides}`, observations });
  }
  if (first.holds) return verdict({ status: 'passed', expected, observed, observations });
  // A paired measurement's own sentence says what was measured against what was needed.
  const measured = typeof observed.measured === 'string' ? observed.measured : undefined;
  return verdict({
    status: 'failed',
    expected,
    observed,
    reason: measured ?? `expected ${formatFacts(expected)}; observed ${formatFacts(observed)}`,
    observations,
  });

  function broken(error: unknown, observationsSoFar: Observation[]): Verdict {
    const message = error instanceof Error ? error.message : String(error);
    const evidence = error instanceof ProbeBroken ? error.evidence : {};
    return verdict({
      status: 'broken',
      expected: null,
      observed: Object.keys(evidence).length ? evidence : null,
      reason: message,
      observations: observationsSoFar,
    });
  }
}

// A conformance kit that cannot fail is worthless, so each mechanism's test preloads a fault shim
// from c-fixtures/faults/ that breaks one documented rule and checks the same things: the target
// property fails with the value the probes measured, properties the shim leaves alone still pass,
// and the unfaulted host passes. These helpers hold those repeated assertions.
import { expect } from 'vitest';
import type { BusState } from '../../runners/environments/environment.js';
import type { Verdict } from '../../runners/verdict/verdict.js';
import { checkOnHost } from './kit.js';

/** What a failed verdict must show. */
export interface MeasuredFailure {
  /** The whole resolved expectation (wrap it in expect.objectContaining to name only part of it). */
  expected?: Record<string, unknown>;
  /** Facts the verdict's `observed` must include: the measured value, errno … */
  observed: Record<string, unknown>;
  /** The value each probe path (C fixture, FFI) measured, in probe order: the fault reached both. */
  valuePerProbe?: unknown[];
}

/** Checks `id` on the host with `fault` preloaded (and `bus`, when given) and expects it to fail as `failure` says; returns the verdict for further checks. */
export async function expectFaultFails(id: string, fault: string, failure: MeasuredFailure, bus?: BusState): Promise<Verdict> {
  const verdict = await checkOnHost(id, fault, bus);
  expect(verdict.status, `${id} under ${fault}: ${verdict.reason}`).toBe('failed');
  if (failure.expected) expect(verdict.expected, id).toEqual(failure.expected);
  expect(verdict.observed, id).toMatchObject(failure.observed);
  if (failure.valuePerProbe)
    expect(
      verdict.observations.map((o) => o.value),
      id,
    ).toEqual(failure.valuePerProbe);
  return verdict;
}

/** Checks `id` on the host, with `fault` preloaded if given, and expects it to pass; returns the verdict. */
export async function expectPasses(id: string, fault?: string, bus?: BusState): Promise<Verdict> {
  const verdict = await checkOnHost(id, fault, bus);
  expect(verdict.status, `${id}${fault ? ` under ${fault}` : ''}: ${verdict.reason}`).toBe('passed');
  return verdict;
}

/** expectPasses for each of `ids`, one after the other. */
export async function expectAllPass(ids: readonly string[], fault?: string): Promise<void> {
  for (const id of ids) await expectPasses(id, fault);
}

// Allure results written from a verdict file alone, for a run whose allure-results did not come
// along (a verdict file copied from another machine): the merged report still shows every property
// of that run, with its status, reason, claim, sources and what was observed.
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadSpecFiles } from '../../specs/load.js';
import { type MechanismSpec, type Property, sourceLabel } from '../../specs/schema.js';
import type { Verdict, VerdictFile } from '../verdict/verdict.js';
import { writeAllureResult } from './allureResultFile.js';
import { columnHistoryId } from './columnLabels.js';

/** What this kit's specs say about a property, by id: the claim and sources of a verdict from elsewhere. */
export type PropertyIndex = Map<string, { mechanism: MechanismSpec; property: Property }>;

/**
 * The kit's own specs by property id; empty when they cannot be loaded. A file from another kit
 * version may name properties this one lacks: those results go without a claim.
 */
export async function propertyIndex(): Promise<PropertyIndex> {
  const index: PropertyIndex = new Map();
  const loaded = await loadSpecFiles().catch(() => []);
  for (const { spec } of loaded) for (const property of spec.properties) index.set(property.id, { mechanism: spec, property });
  return index;
}

function description(verdict: Verdict, known: PropertyIndex, origin: string): string {
  const spec = known.get(verdict.property);
  const lines: string[] = [];
  if (spec) {
    lines.push(`**${spec.property.claim.en}**`, '', spec.property.claim.zh, '');
    lines.push(`Sources: ${spec.property.sources.map(sourceLabel).join('; ')}`, '');
  } else {
    lines.push(`(${verdict.property} is not a property of this kit's specs: no claim to show)`, '');
  }
  lines.push(`Expectation: \`${JSON.stringify(verdict.expected)}\``, '', `Observed: \`${JSON.stringify(verdict.observed)}\``, '');
  lines.push(`Written from ${origin}: the run's own Allure results were not given.`);
  return lines.join('\n');
}

/**
 * Writes one result per verdict of `file` (except those in `covered`, which already have one)
 * into `resultsDir`, in the environment `label`. Returns how many were written.
 */
export async function writeVerdictAllureResults(
  resultsDir: string,
  file: VerdictFile,
  label: string,
  origin: string,
  known: PropertyIndex,
  covered: ReadonlySet<string> = new Set(),
): Promise<number> {
  const time = Date.parse(file.generatedAt) || Date.now();
  let written = 0;
  for (const verdict of file.verdicts) {
    if (covered.has(verdict.property)) continue;
    const spec = known.get(verdict.property);
    const evidence = `${randomUUID()}-attachment.json`;
    const { expected, observed, reason, probes, observations } = verdict;
    await writeFile(join(resultsDir, evidence), JSON.stringify({ expected, observed, reason, probes, observations }, null, 2));
    await writeAllureResult(resultsDir, {
      historyId: columnHistoryId(verdict.property, label),
      testCaseId: verdict.property,
      name: verdict.property,
      fullName: `ipc-conformance:${verdict.property}`,
      status: verdict.status,
      message: verdict.reason ?? '',
      description: description(verdict, known, origin),
      epic: spec?.mechanism.family ?? verdict.mechanism,
      feature: verdict.mechanism,
      story: verdict.kind,
      environment: label,
      parameters: [{ name: 'environment', value: label }],
      attachments: [{ name: 'observations.json', source: evidence, type: 'application/json' }],
      time,
    });
    written += 1;
  }
  return written;
}

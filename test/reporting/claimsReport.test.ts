// The claims report: the kit's real claims audited on verdicts made up to decide them each way, for
// two environments, in a report of their own. An imprecise claim is a failure (it needs a
// correction), never "broken"; broken is kept for a claim whose evidence broke (a probe failed).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { auditClaims, type ClaimResult } from '../../runners/claims/auditClaims.js';
import { loadValidatedClaims } from '../../runners/claims/claimSet.js';
import { claimStatus, generateClaimsReport } from '../../runners/claims/claimsAllure.js';
import type { EnvironmentAudit } from '../../runners/claims/claimsReport.js';
import type { Verdict, VerdictFile } from '../../runners/verdict/verdict.js';
import type { Claim } from '../../specs/claims/claimSchema.js';
import { reportedResults } from './support/reportData.js';

type Decided = Extract<Claim, { status: 'decided' }>;

let root: string;
let claims: Claim[];
let audits: EnvironmentAudit[];
let byVerdict: Record<string, Decided>;

/** A verdict file in which each named property has the given status. */
function verdictFile(environment: string, statuses: Map<string, Verdict['status']>): VerdictFile {
  const verdicts: Verdict[] = [...statuses].map(([property, status]) => ({
    property,
    mechanism: property.split('.')[0]!,
    kind: 'lifecycle',
    status,
    expected: null,
    observed: status === 'broken' ? null : { value: 1 },
    ...(status === 'broken' ? { reason: 'the probe timed out' } : {}),
    probes: ['made up for the test'],
    observations: [],
  }));
  return { environment: { name: environment }, generatedAt: new Date().toISOString(), verdicts } as unknown as VerdictFile;
}

/** Decided claims whose evidence is no performance measurement (those are read from their figures). */
const plain = (claim: Claim): claim is Decided =>
  claim.status === 'decided' && claim.decision.evidence.every((e) => !e.property.startsWith('performance.'));

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ipc-conformance-claims-report-'));
  claims = (await loadValidatedClaims()).claims;
  const decided = claims.filter(plain);
  const imprecise = decided.find((c) => c.decision.whenSupported === 'imprecise')!;
  const inaccurate = decided.find((c) => c.decision.whenContradicted === 'inaccurate' && c !== imprecise)!;
  const brokenEvidence = decided.find((c) => c !== imprecise && c !== inaccurate)!;
  byVerdict = { imprecise, inaccurate, broken: brokenEvidence };
  // Each claim's evidence turns out as `imprecise` needs it, against `inaccurate`, and broken for the third.
  const statuses = new Map<string, Verdict['status']>();
  for (const e of imprecise.decision.evidence) statuses.set(e.property, e.supportsClaimWhen);
  for (const e of inaccurate.decision.evidence) statuses.set(e.property, e.supportsClaimWhen === 'passed' ? 'failed' : 'passed');
  for (const e of brokenEvidence.decision.evidence) statuses.set(e.property, 'broken');
  audits = ['host', 'sandbox'].map((environment) => ({
    environment,
    description: `${environment} (made up)`,
    results: auditClaims(claims, verdictFile(environment, statuses)),
  }));
  await generateClaimsReport(root, audits, 'tutorial.md');
}, 120_000);
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const resultOf = (claim: Claim, environment = 'host'): ClaimResult =>
  audits.find((a) => a.environment === environment)!.results.find((r) => r.claim.id === claim.id)!;

test('the made-up verdicts decide the three claims as meant', () => {
  expect(resultOf(byVerdict.imprecise!).verdict).toBe('imprecise');
  expect(resultOf(byVerdict.inaccurate!).verdict).toBe('inaccurate');
  expect(resultOf(byVerdict.broken!).verdict).toBe('undecided');
});

test('each verdict maps to the Allure status that keeps its meaning', () => {
  expect(claimStatus(resultOf(byVerdict.imprecise!))).toBe('failed');
  expect(claimStatus(resultOf(byVerdict.inaccurate!))).toBe('failed');
  expect(claimStatus(resultOf(byVerdict.broken!))).toBe('broken');
  const untestable = claims.find((c) => c.status === 'untestable');
  if (untestable) expect(claimStatus(resultOf(untestable))).toBe('skipped');
  // An undecided claim whose evidence was simply not checked is skipped, not broken.
  const unchecked = audits[0]!.results.find((r) => r.verdict === 'undecided' && r.evidence.every((e) => e.status === 'absent'))!;
  expect(claimStatus(unchecked)).toBe('skipped');
});

test('the report holds every claim once per environment, and only claims', () => {
  const results = reportedResults(join(root, 'claims-report'));
  expect(results).toHaveLength(claims.length * 2);
  const environments = new Set(results.flatMap((r) => r.labels.filter((l) => l.name === 'environment').map((l) => l.value)));
  expect([...environments].sort()).toEqual(['host', 'sandbox']);
});

test('an imprecise claim is shown failed with its verdict, never broken; broken is a broken probe', () => {
  const results = reportedResults(join(root, 'claims-report'));
  const shown = (claim: Claim) => results.filter((r) => r.name === claim.id);
  for (const r of shown(byVerdict.imprecise!)) {
    expect(r.status).toBe('failed');
    expect(r.error?.message).toMatch(/^imprecise: /);
    expect(r.labels).toContainEqual({ name: 'story', value: 'imprecise' });
  }
  const broken = results.filter((r) => r.status === 'broken').map((r) => r.name);
  expect([...new Set(broken)]).toEqual([byVerdict.broken!.id]);
});

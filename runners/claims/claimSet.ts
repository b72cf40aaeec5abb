// The tutorial's claims as the kit uses them: loaded, checked against the kit's properties, and
// audited at the end of every run (claims.json, and the Allure results of the run's claims report,
// apart from its property results: a claim is not a property of the system).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Claim } from '../../specs/claims/claimSchema.js';
import { CLAIMS_RESULTS_FOLDER } from '../reporting/allureReport.js';
import { loadValidatedSpecs } from '../selection/specSet.js';
import type { VerdictFile } from '../verdict/verdict.js';
import { auditClaims, type ClaimResult, countClaimVerdicts } from './auditClaims.js';
import { writeClaimResults } from './claimsAllure.js';
import { loadClaims, pairedRatioOf, validateClaims } from './loadClaims.js';

/** The claims, checked against the kit's properties; and the tutorial they are from. */
export async function loadValidatedClaims(): Promise<{ tutorial: string; claims: Claim[] }> {
  const loaded = await loadClaims();
  const properties = (await loadValidatedSpecs()).flatMap((mechanism) => mechanism.properties);
  const pairedRatios = new Map(
    properties.flatMap((p) => {
      const ratio = pairedRatioOf(p);
      return ratio ? [[p.id, ratio] as const] : [];
    }),
  );
  validateClaims(loaded, new Set(properties.map((p) => p.id)), pairedRatios);
  return { tutorial: loaded[0]?.tutorial ?? 'the tutorial', claims: loaded.map((l) => l.claim) };
}

/**
 * The audit step of a run: claims.json, and the results of the run's claims report in
 * <run>/claims-results (generateEnvironmentReport builds <run>/claims-report from them).
 */
export async function auditRun(outputDir: string, file: VerdictFile): Promise<ClaimResult[]> {
  const { claims } = await loadValidatedClaims();
  const results = auditClaims(claims, file);
  await writeFile(join(outputDir, 'claims.json'), `${JSON.stringify(results.map(claimResultSummary), null, 2)}\n`);
  await writeClaimResults(join(outputDir, CLAIMS_RESULTS_FOLDER), results);
  return results;
}

/** One line of counts, e.g. `31 accurate, 4 inaccurate, …`. */
export function formatClaimCounts(results: readonly ClaimResult[]): string {
  return Object.entries(countClaimVerdicts(results))
    .map(([verdict, count]) => `${count} ${verdict}`)
    .join(', ');
}

/** A result as claims.json stores it. */
export function claimResultSummary(result: ClaimResult) {
  return {
    claim: result.claim.id,
    section: result.claim.section,
    verdict: result.verdict,
    because: result.because,
    evidence: result.evidence,
  };
}

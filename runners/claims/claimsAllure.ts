// The audit in the Allure report: an epic of its own ("Tutorial claims"), a feature per tutorial
// section, one result per claim and environment. Written as Allure result files next to the
// property results, so the same report shows both.
import { mkdir } from 'node:fs/promises';
import type { ClaimVerdict } from '../../specs/claims/claimSchema.js';
import { type HandWrittenResult, writeAllureResult } from '../reporting/allureResultFile.js';
import { type ClaimResult, evidenceWords } from './auditClaims.js';

export const CLAIMS_EPIC = 'Tutorial claims';

/** Allure has four outcomes: a wrong claim fails, an imprecise one is "broken", the rest skip. */
const STATUS: Record<ClaimVerdict, HandWrittenResult['status']> = {
  accurate: 'passed',
  inaccurate: 'failed',
  imprecise: 'broken',
  pending: 'skipped',
  untestable: 'skipped',
  undecided: 'skipped',
};

export async function writeClaimResults(resultsDir: string, results: readonly ClaimResult[], time = Date.now()): Promise<void> {
  await mkdir(resultsDir, { recursive: true });
  for (const result of results) {
    const { claim, environment } = result;
    const decision = claim.status === 'decided' ? claim.decision : undefined;
    const description = [
      `**${claim.claim.en}**`,
      '',
      claim.claim.zh,
      '',
      `Tutorial section: ${claim.section}`,
      ...(decision
        ? [
            '',
            `Reasoning: ${decision.reasoning.en}`,
            '',
            decision.reasoning.zh,
            '',
            `Correct statement: ${decision.correction.en}`,
            '',
            decision.correction.zh,
          ]
        : []),
      '',
      'Evidence:',
      ...result.evidence.map((e) => {
        const { outcome, supportsWhen } = evidenceWords(e);
        return `- \`${e.property}\`: ${outcome}${e.measured ? ` — ${e.measured}` : ''} (supports the claim when ${supportsWhen})`;
      }),
    ].join('\n');
    await writeAllureResult(resultsDir, {
      historyId: `claim:${claim.id}:${environment}`,
      testCaseId: `claim:${claim.id}`,
      name: claim.id,
      fullName: `claims.${claim.id}`,
      status: STATUS[result.verdict],
      message: `${result.verdict}: ${result.because}`,
      description,
      epic: CLAIMS_EPIC,
      feature: claim.section,
      story: result.verdict,
      environment,
      parameters: [{ name: 'environment', value: environment }],
      time,
    });
  }
}

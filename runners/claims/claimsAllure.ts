// The audit in the Allure report: an epic of its own ("Tutorial claims"), a feature per tutorial
// section, one result per claim and environment. Written as Allure result files next to the
// property results, so the same report shows both.
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClaimVerdict } from '../../specs/claims/claimSchema.js';
import type { ClaimResult } from './auditClaims.js';

export const CLAIMS_EPIC = 'Tutorial claims';

/** Allure has four outcomes: a wrong claim fails, an imprecise one is "broken", the rest skip. */
const STATUS: Record<ClaimVerdict, string> = {
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
    const decision = claim.decision;
    const description = [
      `**${claim.claim.en}**`,
      '',
      claim.claim.zh,
      '',
      `Tutorial section: ${claim.section}`,
      ...(decision ? ['', `Reasoning: ${decision.reasoning.en}`, '', decision.reasoning.zh, '', `Correct statement: ${decision.correction.en}`, '', decision.correction.zh] : []),
      '',
      'Evidence:',
      ...result.evidence.map((e) => `- \`${e.property}\`: ${e.status} (supports the claim when ${e.supportsClaimWhen})`),
    ].join('\n');
    const allureResult = {
      uuid: randomUUID(),
      historyId: `claim:${claim.id}:${environment}`,
      testCaseId: `claim:${claim.id}`,
      name: claim.id,
      fullName: `claims.${claim.id}`,
      status: STATUS[result.verdict],
      statusDetails: { message: `${result.verdict}: ${result.because}` },
      stage: 'finished',
      description,
      labels: [
        { name: 'epic', value: CLAIMS_EPIC },
        { name: 'feature', value: claim.section },
        { name: 'story', value: result.verdict },
        { name: 'environment', value: environment },
      ],
      parameters: [{ name: 'environment', value: environment }],
      links: [],
      steps: [],
      attachments: [],
      start: time,
      stop: time,
    };
    await writeFile(join(resultsDir, `${allureResult.uuid}-result.json`), JSON.stringify(allureResult));
  }
}

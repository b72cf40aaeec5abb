// The tutorial audit as an Allure report of its own: a claim is not a property of the system, so
// it never enters a run's property report (whose totals are the kit's totals). One result per claim
// and environment, grouped by tutorial section, then by verdict.
//
// Allure has four outcomes for six verdicts. The mapping keeps Allure's meaning of each outcome:
// - accurate → passed.
// - inaccurate → failed.
// - imprecise → failed: the statement, as the tutorial words it, does not hold in general (only
//   under a condition the tutorial leaves out), so a reader who trusts it is wrong in some cases and
//   it needs a correction, as an inaccurate one does (the hand-out gives both a correct statement).
//   The page keeps the difference: its message starts with the verdict and the tree splits by it.
// - undecided → broken only when a property it rests on broke (a probe failed: Allure's "broken");
//   skipped when the evidence was not checked, was skipped or could not decide.
// - pending, untestable → skipped, with the reason.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClaimVerdict } from '../../specs/claims/claimSchema.js';
import { CLAIMS_REPORT_FOLDER, CLAIMS_RESULTS_FOLDER, generateAllureReport } from '../reporting/allureReport.js';
import { type HandWrittenResult, writeAllureResult } from '../reporting/allureResultFile.js';
import { CLAIMS_HISTORY_FILE } from '../reporting/reportRuns.js';
import { type ClaimResult, evidenceWords } from './auditClaims.js';
import type { EnvironmentAudit } from './claimsReport.js';

export const CLAIMS_EPIC = 'Tutorial claims';

/** The Allure outcome of a claim's verdict in one environment (see the mapping above). */
export function claimStatus(result: ClaimResult): HandWrittenResult['status'] {
  const outcomes: Record<ClaimVerdict, HandWrittenResult['status']> = {
    accurate: 'passed',
    inaccurate: 'failed',
    imprecise: 'failed',
    pending: 'skipped',
    untestable: 'skipped',
    undecided: result.evidence.some((e) => e.status === 'broken') ? 'broken' : 'skipped',
  };
  return outcomes[result.verdict];
}

/** The page's headline: the verdict and why; for a claim that needs correcting, the correct statement. */
export function claimMessage(result: ClaimResult): string {
  const { claim, verdict } = result;
  const correction =
    claim.status === 'decided' && (verdict === 'inaccurate' || verdict === 'imprecise') ? claim.decision.correction.en : '';
  return `${verdict}: ${result.because}${correction ? `. Correct statement: ${correction}` : ''}`;
}

function claimDescription(result: ClaimResult): string {
  const { claim } = result;
  const decision = claim.status === 'decided' ? claim.decision : undefined;
  return [
    `**${claim.claim.en}**`,
    '',
    claim.claim.zh,
    '',
    `Tutorial section: ${claim.section}`,
    '',
    `Verdict: **${result.verdict}** — ${result.because}`,
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
}

/** Writes one Allure result per claim into `resultsDir`, which is emptied first. */
export async function writeClaimResults(resultsDir: string, results: readonly ClaimResult[], time = Date.now()): Promise<void> {
  await rm(resultsDir, { recursive: true, force: true });
  await mkdir(resultsDir, { recursive: true });
  for (const result of results) {
    const { claim, environment } = result;
    await writeAllureResult(resultsDir, {
      historyId: `claim:${claim.id}:${environment}`,
      testCaseId: `claim:${claim.id}`,
      name: claim.id,
      fullName: `claims.${claim.id}`,
      status: claimStatus(result),
      message: claimMessage(result),
      description: claimDescription(result),
      epic: CLAIMS_EPIC,
      feature: claim.section,
      story: result.verdict,
      environment,
      parameters: [{ name: 'environment', value: environment }],
      start: time,
      stop: time,
    });
  }
}

/**
 * The claims report of every audited environment (`ipc-conformance claims`): results in
 * <outputDir>/claims-results, the report in <outputDir>/claims-report; returns its index.html.
 */
export async function generateClaimsReport(outputDir: string, audits: readonly EnvironmentAudit[], tutorial?: string): Promise<string> {
  const resultsDir = join(outputDir, CLAIMS_RESULTS_FOLDER);
  await writeClaimResults(
    resultsDir,
    audits.flatMap((audit) => audit.results),
  );
  const environments = audits.map((audit) => audit.environment);
  const variables = {
    ...(tutorial ? { tutorial } : {}),
    environments: audits.map((audit) => `${audit.environment} (${audit.description})`).join(', '),
  };
  return generateAllureReport(
    [resultsDir],
    join(outputDir, CLAIMS_REPORT_FOLDER),
    environments,
    variables,
    join(outputDir, CLAIMS_HISTORY_FILE),
    {
      reportName: 'ipc-conformance: tutorial claims',
      groupBy: ['feature', 'story'],
    },
  );
}

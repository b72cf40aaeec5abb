// Decides each claim in one environment from that environment's property verdicts. A claim is never
// judged on a measurement of its own: the properties carry the observations, the claim only says
// which outcome supports it.
import type { Claim, ClaimVerdict } from '../../specs/claims/claimSchema.js';
import type { Verdict, VerdictFile } from '../verdict/verdict.js';

/** One piece of evidence as found in the environment. */
export interface EvidenceFound {
  property: string;
  supportsClaimWhen: 'passed' | 'failed';
  status: Verdict['status'] | 'absent';
  observed: Record<string, unknown> | null;
  reason?: string;
}

/** A claim's verdict in one environment, with what decided it. */
export interface ClaimResult {
  claim: Claim;
  environment: string;
  verdict: ClaimVerdict;
  evidence: EvidenceFound[];
  /** Why the verdict is what it is, in one line. */
  because: string;
}

export function auditClaim(claim: Claim, file: VerdictFile): ClaimResult {
  const environment = file.environment.name;
  const base = { claim, environment };
  if (claim.untestable) return { ...base, verdict: 'untestable', evidence: [], because: claim.untestable.en };
  if (claim.pending) return { ...base, verdict: 'pending', evidence: [], because: claim.pending.en };
  const decision = claim.decision!;
  const verdicts = new Map(file.verdicts.map((v) => [v.property, v]));
  const evidence: EvidenceFound[] = decision.evidence.map(({ property, supportsClaimWhen }) => {
    const verdict = verdicts.get(property);
    return { property, supportsClaimWhen, status: verdict?.status ?? 'absent', observed: verdict?.observed ?? null, reason: verdict?.reason };
  });
  const open = evidence.find((e) => e.status !== 'passed' && e.status !== 'failed');
  if (open) {
    const why = open.status === 'absent' ? 'was not checked in this run' : `was ${open.status}${open.reason ? `: ${open.reason}` : ''}`;
    return { ...base, verdict: 'undecided', evidence, because: `${open.property} ${why}` };
  }
  const against = evidence.filter((e) => e.status !== e.supportsClaimWhen);
  if (against.length === 0) {
    return { ...base, verdict: decision.whenSupported, evidence, because: 'every property turned out as the claim needs' };
  }
  return { ...base, verdict: decision.whenContradicted, evidence, because: `${against.map((e) => `${e.property} ${e.status}`).join(', ')}` };
}

/** Every claim in one environment. */
export function auditClaims(claims: readonly Claim[], file: VerdictFile): ClaimResult[] {
  return claims.map((claim) => auditClaim(claim, file));
}

/** Counts results per verdict. */
export function countClaimVerdicts(results: readonly ClaimResult[]): Record<ClaimVerdict, number> {
  const counts: Record<ClaimVerdict, number> = { accurate: 0, inaccurate: 0, imprecise: 0, pending: 0, untestable: 0, undecided: 0 };
  for (const result of results) counts[result.verdict]++;
  return counts;
}

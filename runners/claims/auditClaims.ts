// Decides each claim in one environment from that environment's property verdicts. A claim is never
// judged on a measurement of its own: the properties carry the observations, the claim only says
// which outcome supports it.
//
// The tutorial's performance table is the one place where the audit decides more than it reads.
// No document states a ratio between two mechanisms or a memory cost per channel, so the kit does
// not check those as properties (a run's exit status would then say the system diverges from its
// documentation when only the tutorial does); specs/performance.spec.ts MEASURES them in the run,
// non-gating, and here each measurement is read against the statement it was taken for:
// - paired: from its own observation — the ratio asked about, the pairs measured, those that bore
//   the ratio out, and the pairs the statement needs (measuredStatement below); the ratio the
//   claim's evidence asks about must be the one the pairs were counted against (a verdict file
//   from a run with other probe arguments may hold another: inconclusive, never misread);
// - memory: its figure per channel against the evidence's `bound`.
// The measurement's id names only what is measured (`performance.latency.dbus-vs-unix-stream`), and
// its verdict `passed` only that it was measured; the outcome here stands in for the `passed` or
// `failed` the evidence asks for, and the evidence carries what was measured in one sentence
// ("D-Bus round trip 4.6× UNIX stream's (median of 11 pairs), ≥ 10× in 0 of 11 pairs; needed ≥ 10×
// in 9 of 11"), worded as the statement holding or not, never as the measurement passing.
import type { Claim, ClaimVerdict, Evidence, MeasuredBound, MeasuredRatio } from '../../specs/claims/claimSchema.js';
import { type PairedMeasurement, pairedMeasurement, pairedOutcome, pairedSentence } from '../verdict/evaluate.js';
import type { Verdict, VerdictFile } from '../verdict/verdict.js';
import { ratioText } from './loadClaims.js';

/** The mechanism of the performance measurements (specs/performance.spec.ts). */
export const MEASUREMENTS_MECHANISM = 'performance';

/**
 * How one piece of evidence turned out: a verdict status; `absent` when the property was not checked;
 * `inconclusive` when a measurement was made but cannot decide its statement (too few pairs
 * measured, no bound to read a figure against).
 */
export type EvidenceStatus = Verdict['status'] | 'absent' | 'inconclusive';

/** One piece of evidence as found in the environment. */
export interface EvidenceFound {
  property: string;
  supportsClaimWhen: 'passed' | 'failed';
  status: EvidenceStatus;
  observed: Record<string, unknown> | null;
  reason?: string;
  /** For a performance measurement: what was measured, against what the statement needs. */
  measured?: string;
  /** For a paired measurement: the ratio the claim asks about. */
  ratio?: MeasuredRatio;
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

/** Whether the pairs were counted against the ratio a claim asks about. */
function countedAgainst(paired: PairedMeasurement, ratio: MeasuredRatio): boolean {
  return 'atLeast' in ratio
    ? paired.form === 'ratio' && paired.threshold === ratio.atLeast
    : paired.form === 'within' && paired.threshold === ratio.within;
}

/**
 * The statement a measurement was taken for, decided: passed (holds), failed (does not), or
 * inconclusive. `ratio`: the ratio the claim asks of a paired measurement, when it says.
 */
export function measuredStatement(
  verdict: Verdict,
  bound: MeasuredBound | undefined,
  pageSize: number | undefined,
  ratio?: MeasuredRatio,
): { status: 'passed' | 'failed' | 'inconclusive'; measured: string } {
  const observation = verdict.observations[0];
  const paired = observation ? pairedMeasurement(observation) : undefined;
  if (paired) {
    if (ratio && !countedAgainst(paired, ratio)) {
      return {
        status: 'inconclusive',
        measured: `${pairedSentence(paired)}; the claim asks about ${ratioText(ratio)}, which these pairs were not counted against`,
      };
    }
    // Pairs whose figures were zero or missing (gVisor reports no CPU time) give no ratio: 0 of 11
    // pairs bearing a ratio out would read as "does not hold" when nothing was compared.
    if (!Number.isFinite(paired.medianRatio))
      return { status: 'inconclusive', measured: `${pairedSentence(paired)}; the pairs gave no ratio (a figure was zero or missing)` };
    // Verdicts from before the probe reported `needed` kept it in the expectation.
    const needed = paired.needed ?? (typeof verdict.expected?.atLeast === 'number' ? verdict.expected.atLeast : undefined);
    if (needed === undefined)
      return { status: 'inconclusive', measured: `${pairedSentence(paired)}; the number of pairs needed is not recorded` };
    const holds = pairedOutcome(paired, needed);
    const measured = pairedSentence(paired, needed);
    if (holds === undefined) return { status: 'inconclusive', measured: `${measured} (too few pairs measured to tell)` };
    return { status: holds ? 'passed' : 'failed', measured };
  }
  const value = observation?.value;
  if (typeof value !== 'number') return { status: 'inconclusive', measured: 'the measurement recorded no figure' };
  const channel =
    typeof observation?.evidence.channel === 'string'
      ? observation.evidence.channel
      : String(observation?.evidence.mechanism ?? 'a channel');
  const pages = pageSize ? ` (${(value / pageSize).toFixed(2)} pages of ${pageSize} B)` : '';
  const figure = `${channel}: ${value} B per channel${pages}`;
  if (!bound) return { status: 'inconclusive', measured: `${figure}; the claim gives no bound to read it against` };
  const atMost = 'atMost' in bound;
  const limit = atMost ? bound.atMost : bound.atLeast;
  const limitText = typeof limit === 'number' ? `${limit} B` : `${limit.pages} page${limit.pages === 1 ? '' : 's'}`;
  const limitBytes = typeof limit === 'number' ? limit : pageSize ? limit.pages * pageSize : undefined;
  const needed = `needed ${atMost ? 'at most' : 'at least'} ${limitText}`;
  if (limitBytes === undefined)
    return { status: 'inconclusive', measured: `${figure}; ${needed}, and the environment's page size is not recorded` };
  const holds = atMost ? value <= limitBytes : value >= limitBytes;
  return { status: holds ? 'passed' : 'failed', measured: `${figure}; ${needed}` };
}

function found(evidence: Evidence, verdict: Verdict | undefined, file: VerdictFile): EvidenceFound {
  const { property, supportsClaimWhen } = evidence;
  const base = {
    property,
    supportsClaimWhen,
    status: verdict?.status ?? ('absent' as const),
    observed: verdict?.observed ?? null,
    reason: verdict?.reason,
    ...(evidence.ratio ? { ratio: evidence.ratio } : {}),
  };
  if (!verdict || verdict.mechanism !== MEASUREMENTS_MECHANISM || verdict.status !== 'passed') return base;
  const pageSize = typeof file.environment.pageSize === 'number' ? file.environment.pageSize : undefined;
  const statement = measuredStatement(verdict, evidence.bound, pageSize, evidence.ratio);
  return {
    ...base,
    status: statement.status,
    measured: statement.measured,
    ...(statement.status === 'inconclusive' ? { reason: statement.measured } : {}),
  };
}

/**
 * A piece of evidence in words. A measurement's own status only says it was measured, so for one the
 * words are the statement's: it `holds` or `does not hold` (and supports the claim when it does or
 * does not); a property keeps `passed` and `failed`.
 */
export function evidenceWords(e: EvidenceFound): { outcome: string; supportsWhen: string } {
  if (e.measured === undefined) return { outcome: e.status, supportsWhen: e.supportsClaimWhen };
  const statement = e.ratio ? `${ratioText(e.ratio)} ` : '';
  const outcome = `${statement}${e.status === 'passed' ? 'holds' : e.status === 'failed' ? 'does not hold' : e.status}`;
  return { outcome, supportsWhen: e.supportsClaimWhen === 'passed' ? 'it holds' : 'it does not hold' };
}

export function auditClaim(claim: Claim, file: VerdictFile): ClaimResult {
  const environment = file.environment.name;
  const base = { claim, environment };
  // An untestable or pending claim is reported as such, with its reason.
  if (claim.status !== 'decided') return { ...base, verdict: claim.status, evidence: [], because: claim.reason.en };
  const decision = claim.decision;
  const verdicts = new Map(file.verdicts.map((v) => [v.property, v]));
  const evidence = decision.evidence.map((e) => found(e, verdicts.get(e.property), file));
  const open = evidence.find((e) => e.status !== 'passed' && e.status !== 'failed');
  if (open) {
    const why = open.status === 'absent' ? 'was not checked in this run' : `was ${open.status}${open.reason ? `: ${open.reason}` : ''}`;
    return { ...base, verdict: 'undecided', evidence, because: `${open.property} ${why}` };
  }
  const against = evidence.filter((e) => e.status !== e.supportsClaimWhen);
  if (against.length === 0) {
    return { ...base, verdict: decision.whenSupported, evidence, because: 'every property turned out as the claim needs' };
  }
  const said = (e: EvidenceFound) =>
    e.measured ? `${e.property} ${e.status === 'passed' ? 'holds' : 'does not hold'}: ${e.measured}` : `${e.property} ${e.status}`;
  return { ...base, verdict: decision.whenContradicted, evidence, because: against.map(said).join('; ') };
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

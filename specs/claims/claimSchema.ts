// The vocabulary of the tutorial audit: each checkable statement of the tutorial under audit, in
// the kit's own words, and how the kit's properties decide it. A claim never carries a measured
// value: its verdict in an environment comes from that environment's property verdicts and, for
// the tutorial's performance table, from the measurements recorded in the same run.
import type { Bilingual } from '../schema.js';

/** What the audit concludes about a claim in one environment. */
export const CLAIM_VERDICTS = ['accurate', 'inaccurate', 'imprecise', 'pending', 'untestable', 'undecided'] as const;

/** One of CLAIM_VERDICTS. `undecided`: a property it needs was skipped or broke there. */
export type ClaimVerdict = (typeof CLAIM_VERDICTS)[number];

/** A bound on a measured figure (bytes, or pages of the environment's page size). */
export type MeasuredBound = { atMost: number | { pages: number } } | { atLeast: number | { pages: number } };

/**
 * The ratio a statement asks of a paired measurement (metric of A over metric of B, the measurement
 * id's `<A>-vs-<B>`): at least a value, or within a factor of it either way.
 */
export type MeasuredRatio = { atLeast: number } | { within: number };

/**
 * A property (or a performance measurement) the claim depends on, and the outcome that supports
 * the claim. A performance measurement (specs/performance.spec.ts) is never failed by the system:
 * the audit decides the statement it was taken for — a paired one against its `ratio`, from its own
 * observation (the pairs that bore the ratio out, the pairs needed), a memory figure against
 * `bound` — and that decision stands in for `passed` or `failed`. A measurement's id names what is
 * measured, never the statement, so the statement's numbers live here.
 */
export interface Evidence {
  /** A property id of the kit's specs. */
  property: string;
  /** `passed`: the claim needs the property (statement) to hold; `failed`: it needs it not to hold. */
  supportsClaimWhen: 'passed' | 'failed';
  /** For a measured figure (memory per channel): the bound the statement puts on it. */
  bound?: MeasuredBound;
  /** For a paired measurement (required there): the ratio the statement asks about. */
  ratio?: MeasuredRatio;
}

/** How a testable claim is decided from its evidence. */
export interface Decision {
  evidence: Evidence[];
  /** The verdict when every piece of evidence turns out as `supportsClaimWhen` says. */
  whenSupported: 'accurate' | 'imprecise';
  /** The verdict otherwise. */
  whenContradicted: 'inaccurate' | 'imprecise';
  /** Why these properties decide the claim, and what conditions the tutorial leaves unsaid. */
  reasoning: Bilingual;
  /** The correct statement, shown where the claim is not accurate. */
  correction: Bilingual;
}

/**
 * How a claim stands: experiments decide it (`decided`, with its `decision`), none can (`untestable`),
 * or the properties it needs do not exist yet (`pending`); the last two carry the `reason`.
 */
export const CLAIM_STATUSES = ['decided', 'untestable', 'pending'] as const;

/** One of CLAIM_STATUSES. */
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** What every claim says, whatever its status. */
interface ClaimStatement {
  /** Stable id: `<section-slug>.<statement-in-kebab-case>`, e.g. `signals.any-process-can-signal-any-other`. */
  id: string;
  /** The tutorial heading it comes from, as written there (e.g. `2. 信号(Signals)`). */
  section: string;
  /** What the tutorial asserts, paraphrased, in both languages. */
  claim: Bilingual;
}

/** A claim experiments decide. */
export interface DecidedClaim extends ClaimStatement {
  status: 'decided';
  /** How the kit's properties decide it. */
  decision: Decision;
  reason?: never;
}

/** A claim no experiment decides: `untestable` (e.g. "mainly used on the desktop"), or `pending` (yet). */
export interface ClaimWithReason extends ClaimStatement {
  status: Exclude<ClaimStatus, 'decided'>;
  /** Why no experiment can decide it, or which properties it still waits for. */
  reason: Bilingual;
  decision?: never;
}

/**
 * One statement of the tutorial, in the kit's words (never the tutorial's sentences). Its `status`
 * says which of a decision or a reason it has: a claim with both, or neither, does not compile.
 */
export type Claim = DecidedClaim | ClaimWithReason;

/** A file of claims: one tutorial section or a group of them. */
export interface ClaimFile {
  /** The tutorial under audit, relative to the shared reference folder. */
  tutorial: string;
  claims: Claim[];
}

/** Identity helper that gives a claims file type checking. */
export function defineClaims(file: ClaimFile): ClaimFile {
  return file;
}

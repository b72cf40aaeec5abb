// The vocabulary of the tutorial audit: each checkable statement of the tutorial under audit, in
// the kit's own words, and how the kit's properties decide it. A claim never carries a measured
// value: its verdict in an environment comes from that environment's property verdicts.
import type { Bilingual } from '../schema.js';

/** What the audit concludes about a claim in one environment. */
export const CLAIM_VERDICTS = ['accurate', 'inaccurate', 'imprecise', 'pending', 'untestable', 'undecided'] as const;

/** One of CLAIM_VERDICTS. `undecided`: a property it needs was skipped or broke there. */
export type ClaimVerdict = (typeof CLAIM_VERDICTS)[number];

/** A property the claim depends on, and the property verdict that supports the claim. */
export interface Evidence {
  /** A property id of the kit's specs. */
  property: string;
  /** `passed`: the claim needs the property to hold; `failed`: it needs the property not to hold. */
  supportsClaimWhen: 'passed' | 'failed';
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

/** One statement of the tutorial, in the kit's words (never the tutorial's sentences). */
export interface Claim {
  /** Stable id: `<section-slug>.<statement-in-kebab-case>`, e.g. `signals.any-process-can-signal-any-other`. */
  id: string;
  /** The tutorial heading it comes from, as written there (e.g. `2. 信号(Signals)`). */
  section: string;
  /** What the tutorial asserts, paraphrased, in both languages. */
  claim: Bilingual;
  /** Exactly one of: how experiments decide it; why none can (yet). */
  decision?: Decision;
  /** No experiment can decide it (e.g. "mainly used on the desktop"): the reason. */
  untestable?: Bilingual;
  /** It needs properties that do not exist yet (e.g. performance ones): the reason. */
  pending?: Bilingual;
}

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

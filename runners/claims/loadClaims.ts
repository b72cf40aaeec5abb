// Loads specs/claims/*.claims.ts and checks them against the kit's properties: unique ids, a status
// with what it needs (a decision, or a reason; the type says so, a claims file in plain JS is checked
// here), evidence that names existing properties, both languages,
// and on a paired performance measurement the ratio the claim asks about, equal to the one the
// measurement counts its pairs against (its id names only what is measured).
// Any mistake is a SpecError naming the file and the claim, like a malformed spec.
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CLAIM_STATUSES, type Claim, type ClaimFile, type MeasuredRatio } from '../../specs/claims/claimSchema.js';
import type { Property } from '../../specs/schema.js';
import { SpecError } from '../../specs/validate.js';

/** The kit's own claims folder (source or compiled). */
export const CLAIMS_DIR = fileURLToPath(new URL('../../specs/claims/', import.meta.url));

const CLAIMS_FILE = /\.claims\.(ts|js)$/;

/** A claim with the file it came from. */
export interface LoadedClaim {
  file: string;
  /** The tutorial the claim is from. */
  tutorial: string;
  claim: Claim;
}

/** Imports every claims file of `dir` (one per stem: a compiled folder holds .ts and .js). */
export async function loadClaims(dir: string = CLAIMS_DIR): Promise<LoadedClaim[]> {
  const stems = new Map<string, string>();
  for (const name of (await readdir(dir)).filter((n) => CLAIMS_FILE.test(n) && !n.endsWith('.d.ts')).sort()) {
    const stem = name.replace(CLAIMS_FILE, '');
    if (!stems.has(stem) || name.endsWith('.ts')) stems.set(stem, name);
  }
  const loaded: LoadedClaim[] = [];
  for (const name of stems.values()) {
    const path = join(dir, name);
    const file = relative(process.cwd(), path) || path;
    const module = (await import(pathToFileURL(path).href).catch((error: Error) => {
      throw new SpecError(`${file}: cannot be loaded: ${error.message.split('\n')[0]}`);
    })) as { default?: ClaimFile };
    if (!module.default || !Array.isArray(module.default.claims)) throw new SpecError(`${file}: no default export made with defineClaims`);
    for (const claim of module.default.claims) loaded.push({ file, tutorial: module.default.tutorial, claim });
  }
  return loaded;
}

const bilingual = (text: unknown) =>
  typeof text === 'object' &&
  text !== null &&
  typeof (text as { en?: unknown }).en === 'string' &&
  typeof (text as { zh?: unknown }).zh === 'string';

function boundIsValid(bound: unknown): boolean {
  if (typeof bound !== 'object' || bound === null) return false;
  const forms = Object.keys(bound);
  if (forms.length !== 1 || (forms[0] !== 'atMost' && forms[0] !== 'atLeast')) return false;
  const limit = (bound as Record<string, unknown>)[forms[0]];
  if (typeof limit === 'number') return Number.isFinite(limit);
  return (
    typeof limit === 'object' &&
    limit !== null &&
    typeof (limit as { pages?: unknown }).pages === 'number' &&
    Object.keys(limit).length === 1
  );
}

function ratioIsValid(ratio: unknown): ratio is MeasuredRatio {
  if (typeof ratio !== 'object' || ratio === null) return false;
  const forms = Object.keys(ratio);
  if (forms.length !== 1 || (forms[0] !== 'atLeast' && forms[0] !== 'within')) return false;
  const value = (ratio as Record<string, unknown>)[forms[0]];
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

/** A ratio as a statement reads: `≥ 3×`, `within 3× either way`. */
export function ratioText(ratio: MeasuredRatio): string {
  return 'atLeast' in ratio ? `≥ ${ratio.atLeast}×` : `within ${ratio.within}× either way`;
}

/**
 * The ratio a paired performance measurement counts its pairs against (bench-probe pairs: A/B at
 * least it; pairs-within: within it either way), or undefined for any other property.
 */
export function pairedRatioOf(property: Pick<Property, 'probes'>): MeasuredRatio | undefined {
  for (const probe of property.probes) {
    if (!('fixture' in probe) || probe.fixture !== 'bench' || (probe.case !== 'pairs' && probe.case !== 'pairs-within')) continue;
    // The ratio the pairs are counted against: `ratio` for pairs, `factor` for pairs-within
    // (c-fixtures/bench/probe.c declares both).
    const value = Number(probe.case === 'pairs' ? probe.args?.ratio : probe.args?.factor);
    if (!Number.isFinite(value)) return undefined;
    return probe.case === 'pairs' ? { atLeast: value } : { within: value };
  }
  return undefined;
}

const sameRatio = (x: MeasuredRatio, y: MeasuredRatio) =>
  'atLeast' in x ? 'atLeast' in y && x.atLeast === y.atLeast : 'within' in y && x.within === y.within;

const CLAIM_FIELDS = new Set(['id', 'section', 'claim', 'status', 'decision', 'reason']);

/**
 * What is wrong with a claim's status and what goes with it: a decided claim has a decision, the
 * others a reason, never both. The type says so; a claims file in plain JS is checked here.
 */
function statusProblem(claim: Claim): string | undefined {
  const { status } = claim as { status: unknown };
  if (!(CLAIM_STATUSES as readonly unknown[]).includes(status)) {
    return `needs a status: 'decided' with a decision, or 'untestable' or 'pending' with a reason (got ${status === undefined ? 'none' : `'${String(status)}'`})`;
  }
  const stray = Object.keys(claim).find((key) => !CLAIM_FIELDS.has(key));
  if (stray) return `'${stray}' is no field of a claim (a claim has ${[...CLAIM_FIELDS].join(', ')})`;
  const [needed, excluded] = status === 'decided' ? (['decision', 'reason'] as const) : (['reason', 'decision'] as const);
  const fields = claim as Partial<Record<'decision' | 'reason', unknown>>;
  if (fields[needed] === undefined || fields[excluded] !== undefined)
    return `status '${String(status)}' needs a ${needed} and no ${excluded}`;
  if (claim.status !== 'decided' && !bilingual(claim.reason)) return `${claim.status} needs its reason in en and zh`;
  return undefined;
}

/**
 * Throws SpecError at the first mistake; `propertyIds` are the ids of the kit's properties and
 * `pairedRatios` the ratio each paired measurement among them counts its pairs against.
 */
export function validateClaims(
  loaded: LoadedClaim[],
  propertyIds: ReadonlySet<string>,
  pairedRatios: ReadonlyMap<string, MeasuredRatio> = new Map(),
): void {
  const seen = new Set<string>();
  for (const { file, claim } of loaded) {
    const fail = (problem: string): never => {
      throw new SpecError(`${file}: claim '${claim.id}': ${problem}`);
    };
    if (!/^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)+$/.test(claim.id ?? '')) fail('the id must be dotted kebab-case');
    if (seen.has(claim.id)) fail('duplicate id');
    seen.add(claim.id);
    if (!claim.section) fail('names no tutorial section');
    if (!bilingual(claim.claim)) fail('needs the claim in en and zh');
    const problem = statusProblem(claim);
    if (problem) fail(problem);
    if (claim.status !== 'decided') continue;
    const decision = claim.decision;
    if (!decision.evidence?.length) fail('a decision needs evidence');
    for (const evidence of decision.evidence) {
      if (!propertyIds.has(evidence.property)) fail(`evidence names property '${evidence.property}', which does not exist`);
      if (evidence.supportsClaimWhen !== 'passed' && evidence.supportsClaimWhen !== 'failed')
        fail("supportsClaimWhen must be 'passed' or 'failed'");
      if (evidence.bound !== undefined && !boundIsValid(evidence.bound))
        fail(`evidence on '${evidence.property}' has a bound that is not { atMost } or { atLeast } of bytes or { pages }`);
      if (evidence.ratio !== undefined && !ratioIsValid(evidence.ratio))
        fail(`evidence on '${evidence.property}' has a ratio that is not { atLeast } or { within } of a positive number`);
      const measured = pairedRatios.get(evidence.property);
      if (measured && !evidence.ratio)
        fail(`evidence on '${evidence.property}', a paired measurement, needs the ratio the claim asks about (e.g. ratio: { atLeast: 3 })`);
      if (measured && !sameRatio(evidence.ratio!, measured)) {
        fail(
          `evidence on '${evidence.property}' asks about ${ratioText(evidence.ratio!)}, but the measurement counts its pairs against ${ratioText(measured)}`,
        );
      }
      if (!measured && evidence.ratio) fail(`evidence on '${evidence.property}' gives a ratio, but that property is no paired measurement`);
    }
    if (!bilingual(decision.reasoning) || !bilingual(decision.correction)) fail('a decision needs reasoning and correction in en and zh');
  }
}

// The relations an expectation may state between the observed value and another fact of the same
// observation (`{ relation: 'pow2-pages-covering', field: 'requested' }`): each one's meaning and
// the value it expects, computed from the evidence field. The `relation` form of
// specs/expectations.ts validates and judges with this table.

/** The smallest power-of-two number of pages that holds `bytes` (fcntl(2) F_SETPIPE_SZ rounding). */
export function powerOfTwoPagesCovering(bytes: number, pageSize: number): number {
  let pages = 1;
  while (pages * pageSize < bytes) pages *= 2;
  return pages * pageSize;
}

/** A relation: the value the observation must show, computed from one of its evidence fields. */
interface RelationDefinition {
  /** What the relation states, in one sentence. */
  readonly description: string;
  /** The expected value, from the evidence field's number. */
  expectedFrom(reference: number, pageSize: number): number;
}

/** A comparison between the observed value and other facts of the same observation. */
export const RELATIONS = {
  'equals-evidence': {
    description: 'value equals the observation evidence field named by `field`',
    expectedFrom: (reference) => reference,
  },
  'pow2-pages-covering': {
    description: 'value is the smallest power-of-two number of pages holding at least the evidence field named by `field` bytes',
    expectedFrom: powerOfTwoPagesCovering,
  },
} as const satisfies Record<string, RelationDefinition>;

/** One of the keys of RELATIONS. */
export type RelationName = keyof typeof RELATIONS;

// Open POSIX coverage of one interface: each assertion is `covered` (a property names it),
// `not applicable` (specs/peers/not-applicable.ts says why) or `todo`. A covered assertion counts as
// covered even when it is also listed as not applicable: a property that decides it wins.
import type { NotApplicable } from '../../specs/peers/not-applicable.js';
import type { PosixAssertion } from '../../specs/peers/peerLists.js';

/** The counts of a set of assertions and the share of the applicable ones that properties decide. */
export interface PosixTally {
  assertions: number;
  covered: number;
  notApplicable: number;
  todo: number;
  /** covered / (assertions − not applicable), in percent; null when nothing is applicable. */
  percent: number | null;
}

/** One interface's coverage, assertion by assertion. */
export interface PosixInterfaceCoverage extends PosixTally {
  interface: string;
  coveredBy: { id: number; properties: string[] }[];
  notApplicableList: ({ id: number } & NotApplicable)[];
  todoList: number[];
  /** Assertions listed as not applicable that a property names all the same (covered wins; worth a look). */
  decidedAnyway: number[];
}

/** The percentage of applicable assertions decided, one decimal; null when none is applicable. */
export function percentDecided(covered: number, applicable: number): number | null {
  return applicable === 0 ? null : Math.round((covered / applicable) * 1000) / 10;
}

/** The coverage of one interface's assertions. */
export function interfaceCoverage(
  name: string,
  assertions: readonly PosixAssertion[],
  named: ReadonlyMap<string, string[]>,
  notApplicable: Readonly<Record<string, NotApplicable>>,
): PosixInterfaceCoverage {
  const coveredBy: PosixInterfaceCoverage['coveredBy'] = [];
  const notApplicableList: PosixInterfaceCoverage['notApplicableList'] = [];
  const todoList: number[] = [];
  const decidedAnyway: number[] = [];
  for (const { id } of assertions) {
    const key = `${name}/${id}`;
    const properties = named.get(key);
    const reason = Object.hasOwn(notApplicable, key) ? notApplicable[key] : undefined;
    if (properties) {
      coveredBy.push({ id, properties: [...new Set(properties)].sort() });
      if (reason) decidedAnyway.push(id);
    } else if (reason) notApplicableList.push({ id, ...reason });
    else todoList.push(id);
  }
  return {
    interface: name,
    ...tally(assertions.length, coveredBy.length, notApplicableList.length),
    coveredBy,
    notApplicableList,
    todoList,
    decidedAnyway,
  };
}

/** The tally of some counts. */
export function tally(assertions: number, covered: number, notApplicable: number): PosixTally {
  return {
    assertions,
    covered,
    notApplicable,
    todo: assertions - covered - notApplicable,
    percent: percentDecided(covered, assertions - notApplicable),
  };
}

/** The sum of several tallies, with the percentage recomputed from the sums. */
export function sumTallies(tallies: readonly PosixTally[]): PosixTally {
  const sum = (field: 'assertions' | 'covered' | 'notApplicable') => tallies.reduce((total, t) => total + t[field], 0);
  return tally(sum('assertions'), sum('covered'), sum('notApplicable'));
}

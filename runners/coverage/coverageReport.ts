// The coverage of the reference suites by the kit's properties, as data: Open POSIX per interface
// (covered / not applicable / todo), and per mechanism the LTP and gVisor tests properties name.
// reports/coverage.json is this object; reports/coverage.md renders it.
import type { NotApplicable } from '../../specs/peers/not-applicable.js';
import type { PeerLists } from '../../specs/peers/peerLists.js';
import type { MechanismSpec } from '../../specs/schema.js';
import { namedPeers } from './namedPeers.js';
import { ltpGroupName, type MechanismScope, matchesGvisorPattern } from './peerScope.js';
import { interfaceCoverage, type PosixInterfaceCoverage, type PosixTally, sumTallies } from './posixCoverage.js';
import { type SuiteColumn, suiteColumn } from './suiteCoverage.js';

/** The share of applicable Open POSIX assertions the issue asks properties to decide. */
export const TARGET_PERCENT = 75;

/** One row of the per-mechanism table. */
export interface MechanismCoverage {
  mechanisms: readonly string[];
  posix: PosixTally;
  ltp: SuiteColumn;
  gvisor: SuiteColumn;
}

/** The whole report. */
export interface CoverageReport {
  targetPercent: number;
  /** Open POSIX, every interface in scope that the list holds, in scope order. */
  interfaces: PosixInterfaceCoverage[];
  /** Interfaces in scope that the list does not hold (no assertions.xml upstream or not imported). */
  interfacesNotListed: string[];
  total: PosixTally;
  mechanisms: MechanismCoverage[];
  /** Peer ids properties name outside the counted scope (related interfaces such as mmap), with the properties. */
  outsideScope: { peer: string; properties: string[] }[];
}

/** Computes the report from validated specs, the peer lists, the not-applicable table and the scope. */
export function computeCoverage(
  specs: readonly MechanismSpec[],
  lists: PeerLists,
  notApplicable: Readonly<Record<string, NotApplicable>>,
  scope: readonly MechanismScope[],
): CoverageReport {
  const named = namedPeers(specs);
  const listed = lists.openPosix.interfaces;
  const interfaces: PosixInterfaceCoverage[] = [];
  const interfacesNotListed: string[] = [];
  const mechanisms: MechanismCoverage[] = [];
  const inScope = { posix: new Set<string>(), ltp: new Set<string>(), gvisor: new Set<string>() };
  for (const row of scope) {
    const rowInterfaces: PosixInterfaceCoverage[] = [];
    for (const name of row.openPosix) {
      const assertions = Object.hasOwn(listed, name) ? listed[name] : undefined;
      if (!assertions) {
        interfacesNotListed.push(name);
        continue;
      }
      for (const { id } of assertions) inScope.posix.add(`${name}/${id}`);
      rowInterfaces.push(interfaceCoverage(name, assertions, named.posix, notApplicable));
    }
    interfaces.push(...rowInterfaces);
    const ltpGroups = row.ltp.map(ltpGroupName);
    const gvisorGroups = Object.keys(lists.gvisor.files).filter((stem) => matchesGvisorPattern(stem, row.gvisor));
    for (const group of ltpGroups) for (const test of lists.ltp.syscalls[group] ?? []) inScope.ltp.add(test);
    for (const group of gvisorGroups) for (const test of lists.gvisor.files[group] ?? []) inScope.gvisor.add(test);
    mechanisms.push({
      mechanisms: row.mechanisms,
      posix: sumTallies(rowInterfaces),
      ltp: suiteColumn(lists.ltp.syscalls, ltpGroups, named.ltp),
      gvisor: suiteColumn(lists.gvisor.files, gvisorGroups, named.gvisor),
    });
  }
  const outsideScope = (['posix', 'ltp', 'gvisor'] as const).flatMap((suite) =>
    [...named[suite]]
      .filter(([key]) => !inScope[suite].has(key))
      .map(([key, properties]) => ({ peer: `${suite}:${key}`, properties: [...new Set(properties)].sort() })),
  );
  return {
    targetPercent: TARGET_PERCENT,
    interfaces,
    interfacesNotListed,
    total: sumTallies(interfaces),
    mechanisms,
    outsideScope: outsideScope.sort((a, b) => a.peer.localeCompare(b.peer)),
  };
}

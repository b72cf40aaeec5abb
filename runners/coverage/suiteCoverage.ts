// LTP and gVisor coverage of a mechanism: which of the suite's tests in the mechanism's groups some
// property names. The lists hold tests, not assertions, so there is no "not applicable" here.

/** One suite's column for one mechanism. */
export interface SuiteColumn {
  /** Tests in the mechanism's groups. */
  total: number;
  /** The tests that properties name, with the properties. */
  named: { test: string; properties: string[] }[];
  /** Whether any of the mechanism's groups is in the list at all (false: nothing imported yet). */
  listed: boolean;
}

/** The column of the groups `groups` (keys of the suite's list) given the named tests. */
export function suiteColumn(
  list: Readonly<Record<string, readonly string[]>>,
  groups: readonly string[],
  named: ReadonlyMap<string, string[]>,
): SuiteColumn {
  const tests = groups.flatMap((group) => (Object.hasOwn(list, group) ? (list[group] ?? []) : []));
  return {
    total: tests.length,
    named: tests.filter((test) => named.has(test)).map((test) => ({ test, properties: [...new Set(named.get(test))].sort() })),
    listed: groups.some((group) => Object.hasOwn(list, group)),
  };
}

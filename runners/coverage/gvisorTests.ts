// Lists gVisor's syscall tests (gTest `TEST`, `TEST_P`, `TEST_F`) in the test files of the kit's
// mechanisms, as `Suite.Test`. Only the names are kept.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { matchesGvisorPattern } from './peerScope.js';

/** Where the syscall tests are inside a gVisor checkout. */
export const GVISOR_TESTS_DIR = join('test', 'syscalls', 'linux');

const GTEST = /^\s*TEST(?:_P|_F)?\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*,\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)/gm;

/** The `Suite.Test` names a C++ test file defines, sorted and without repeats. */
export function gtestNames(source: string): string[] {
  return [...new Set([...source.matchAll(GTEST)].map(([, suite, name]) => `${suite}.${name}`))].sort();
}

/** The tests of each file matching the patterns (grouped by file stem), and the exact names that matched no file. */
export async function readGvisorTests(
  gvisorRoot: string,
  patterns: readonly string[],
): Promise<{ files: Record<string, string[]>; missing: string[] }> {
  const dir = join(gvisorRoot, GVISOR_TESTS_DIR);
  const stems = (await readdir(dir))
    .filter((name) => name.endsWith('.cc'))
    .map((name) => name.slice(0, -'.cc'.length))
    .filter((stem) => matchesGvisorPattern(stem, patterns))
    .sort();
  const files: Record<string, string[]> = {};
  for (const stem of stems) {
    const names = gtestNames(await readFile(join(dir, `${stem}.cc`), 'utf8'));
    // Utility sources (socket_unix_*_util.cc …) define no test.
    if (names.length > 0) files[stem] = names;
  }
  const missing = patterns.filter((pattern) => !stems.some((stem) => matchesGvisorPattern(stem, [pattern])));
  return { files, missing };
}

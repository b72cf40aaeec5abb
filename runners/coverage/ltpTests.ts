// Lists LTP's tests in the syscall folders of the kit's mechanisms. A test is a C file whose name
// ends in its number (msgsnd05.c, pipe2_01.c); helpers (libmsgctl.c, *_common.c) are not tests.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ltpGroupName } from './peerScope.js';

/** Where the syscall folders are inside an LTP checkout. */
export const LTP_SYSCALLS_DIR = join('testcases', 'kernel', 'syscalls');

const TEST_SOURCE = /^([a-z][a-z0-9_]*[0-9])\.c$/;

/** The test names among a folder's file names, sorted. */
export function ltpTestNames(fileNames: readonly string[]): string[] {
  return fileNames
    .map((name) => TEST_SOURCE.exec(name)?.[1])
    .filter((name): name is string => name !== undefined && !name.startsWith('lib'))
    .sort();
}

/** The tests of each folder (grouped by syscall name), and the folders that do not exist. */
export async function readLtpTests(
  ltpRoot: string,
  folders: readonly string[],
): Promise<{ syscalls: Record<string, string[]>; missing: string[] }> {
  const syscalls: Record<string, string[]> = {};
  const missing: string[] = [];
  for (const folder of folders) {
    const names = await readdir(join(ltpRoot, LTP_SYSCALLS_DIR, folder)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (names === undefined) missing.push(folder);
    else syscalls[ltpGroupName(folder)] = ltpTestNames(names);
  }
  return { syscalls: Object.fromEntries(Object.entries(syscalls).sort(([a], [b]) => a.localeCompare(b))), missing };
}

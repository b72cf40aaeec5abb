// Generates specs/peers/{open-posix,ltp,gvisor}.json from checkouts of the reference suites:
//   node dist/runners/coverage/importPeerLists.js --ltp DIR --gvisor DIR [--out DIR] [--merge]
// DIR is a checkout of linux-test-project/ltp or google/gvisor (or a folder holding the same
// relative paths). Only ids and tag facts are written, never the suites' sentences or code.
// --merge keeps what the lists already in DIR hold beyond what these checkouts have (mergedWith):
// for adding a mechanism's groups from partial copies of the suites.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { GvisorList, LtpList, OpenPosixList } from '../../specs/peers/peerLists.js';
import { KIT_ROOT } from '../core/kitPaths.js';
import { GVISOR_TESTS_DIR, readGvisorTests } from './gvisorTests.js';
import { LTP_SYSCALLS_DIR, readLtpTests } from './ltpTests.js';
import { OPEN_POSIX_INTERFACES_DIR, readOpenPosixAssertions } from './openPosixAssertions.js';
import { GVISOR_FILES, IMPORTED_OPEN_POSIX_INTERFACES, LTP_FOLDERS } from './peerScope.js';

/** What an import found: the three lists and what the scope names but the checkouts lack. */
export interface PeerImport {
  openPosix: OpenPosixList;
  ltp: LtpList;
  gvisor: GvisorList;
  missing: string[];
}

/** Reads the lists of the kit's scope from an LTP and a gVisor checkout. */
export async function importPeerLists(ltpRoot: string, gvisorRoot: string): Promise<PeerImport> {
  const posix = await readOpenPosixAssertions(ltpRoot, IMPORTED_OPEN_POSIX_INTERFACES);
  const ltp = await readLtpTests(ltpRoot, LTP_FOLDERS);
  const gvisor = await readGvisorTests(gvisorRoot, GVISOR_FILES);
  return {
    openPosix: { source: `linux-test-project/ltp ${OPEN_POSIX_INTERFACES_DIR}/<interface>/assertions.xml`, interfaces: posix.interfaces },
    ltp: { source: `linux-test-project/ltp ${LTP_SYSCALLS_DIR}/<syscall>/<test>.c`, syscalls: ltp.syscalls },
    gvisor: { source: `google/gvisor ${GVISOR_TESTS_DIR}/<file>.cc`, files: gvisor.files },
    missing: [
      ...posix.missing.map((name) => `Open POSIX interface ${name} (no assertions.xml)`),
      ...ltp.missing.map((name) => `LTP folder ${name}`),
      ...gvisor.missing.map((name) => `gVisor file ${name}.cc`),
    ],
  };
}

import { formatJson } from './formatJson.js';

/** The JSON text of a list, laid out the way `make format` (Biome) keeps it, so regenerating leaves lint clean. */
export const listJson = (list: object): string => `${formatJson(list)}\n`;

/** Writes the three lists into `outDir` (specs/peers/ by default). */
export async function writePeerLists(found: PeerImport, outDir: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const files: [string, object][] = [
    ['open-posix.json', found.openPosix],
    ['ltp.json', found.ltp],
    ['gvisor.json', found.gvisor],
  ];
  for (const [name, list] of files) await writeFile(join(outDir, name), listJson(list));
  return files.map(([name]) => join(outDir, name));
}

/**
 * `found` with what `existing` holds beyond it kept: groups the checkouts lack stay whole, and test
 * names stay in groups both have (the lists name every id a suite has had: copies read from a code
 * index hold several versions of a file). Open POSIX interfaces found are replaced whole.
 */
export function mergedWith(existing: Pick<PeerImport, 'openPosix' | 'ltp' | 'gvisor'>, found: PeerImport): PeerImport {
  const sorted = <T>(groups: Record<string, T>) => Object.fromEntries(Object.entries(groups).sort(([a], [b]) => a.localeCompare(b)));
  const union = (before: Record<string, string[]>, after: Record<string, string[]>) =>
    sorted(
      Object.fromEntries(
        [...new Set([...Object.keys(before), ...Object.keys(after)])].map((group) => [
          group,
          [...new Set([...(before[group] ?? []), ...(after[group] ?? [])])].sort(),
        ]),
      ),
    );
  return {
    openPosix: { ...found.openPosix, interfaces: sorted({ ...existing.openPosix.interfaces, ...found.openPosix.interfaces }) },
    ltp: { ...found.ltp, syscalls: union(existing.ltp.syscalls, found.ltp.syscalls) },
    gvisor: { ...found.gvisor, files: union(existing.gvisor.files, found.gvisor.files) },
    missing: found.missing,
  };
}

async function readExisting(dir: string): Promise<Pick<PeerImport, 'openPosix' | 'ltp' | 'gvisor'>> {
  const read = async (name: string) => JSON.parse(await readFile(join(dir, name), 'utf8'));
  return { openPosix: await read('open-posix.json'), ltp: await read('ltp.json'), gvisor: await read('gvisor.json') };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { ltp: { type: 'string' }, gvisor: { type: 'string' }, out: { type: 'string' }, merge: { type: 'boolean' } },
  });
  if (!values.ltp || !values.gvisor) {
    console.error('usage: importPeerLists --ltp LTP_CHECKOUT --gvisor GVISOR_CHECKOUT [--out DIR] [--merge]');
    return 2;
  }
  const outDir = resolve(values.out ?? join(KIT_ROOT, 'specs', 'peers'));
  const imported = await importPeerLists(resolve(values.ltp), resolve(values.gvisor));
  const found = values.merge ? mergedWith(await readExisting(outDir), imported) : imported;
  const written = await writePeerLists(found, outDir);
  const count = (groups: Record<string, unknown[]>) => Object.values(groups).reduce((sum, ids) => sum + ids.length, 0);
  console.log(
    `open posix: ${count(found.openPosix.interfaces)} assertions in ${Object.keys(found.openPosix.interfaces).length} interfaces; ` +
      `ltp: ${count(found.ltp.syscalls)} tests; gvisor: ${count(found.gvisor.files)} tests in ${Object.keys(found.gvisor.files).length} files`,
  );
  for (const what of found.missing) console.log(`not found: ${what}`);
  console.log(`wrote ${written.join(', ')}`);
  return 0;
}

// Run as a script, not when imported by the tests.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`importPeerLists: ${error.message}`);
      process.exit(1);
    },
  );
}

// Where a run's guest is reached from every process of the run: a 0700 folder under the kit's
// temporary root named by the run id, holding the broker's socket, the guest's own run-time files
// (UML's uml_dir) and the identity of the process that owns the guest. Every process of the run
// derives the same path from the run id alone, as containers are found by their name.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kitTemporaryRoot } from '../process/runFolder.js';
import { identityOf, isRunning, type ProcessIdentity } from '../process/sweepDeadRuns.js';

const PREFIX = 'guest-';
const OWNER = 'owner.json';

/** The run's guest folder. */
export function guestFolder(runId: string): string {
  return join(kitTemporaryRoot(), `${PREFIX}${runId}`);
}

/** The broker's UNIX socket for the run's guest. */
export function guestSocketPath(runId: string): string {
  return join(guestFolder(runId), 'broker.sock');
}

/** Makes the run's guest folder, owned by this process; what was there before is removed. */
export function makeGuestFolder(runId: string): string {
  const folder = guestFolder(runId);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  writeFileSync(join(folder, OWNER), `${JSON.stringify(identityOf(process.pid))}\n`, { mode: 0o600 });
  return folder;
}

/**
 * Removes the guest folders whose owner is gone (a run killed outright). Its guest process was a
 * helper recorded in the owner's run folder, which the run folder sweep (runFolder()) has ended
 * first; a folder without a readable owner is one whose maker died while writing it.
 */
export function sweepDeadGuestFolders(): string[] {
  const root = kitTemporaryRoot();
  const removed: string[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(root).filter((name) => name.startsWith(PREFIX));
  } catch {
    return removed;
  }
  for (const name of names) {
    const folder = join(root, name);
    let owner: ProcessIdentity | null = null;
    try {
      owner = JSON.parse(readFileSync(join(folder, OWNER), 'utf8')) as ProcessIdentity | null;
    } catch {
      // no owner file: dead while it was made
    }
    if (owner && isRunning(owner)) continue;
    rmSync(folder, { recursive: true, force: true });
    removed.push(folder);
  }
  return removed;
}

// This process's run folder: every temporary folder the process makes (temporaryFolder.ts) and the
// private bus's folder go inside it, so that one folder holds everything the process would leave
// behind. It lives under the kit's temporary root ($TMPDIR/ipc-conformance/<pid>-<hex>/, TMPDIR as
// the process started with it), names its owner (pid, start time, boot id) and records the
// long-running helpers the process starts. It is removed when the process exits or is interrupted;
// when the process is killed outright, the next process of the kit that makes its own run folder
// sweeps it (sweepDeadRuns.ts) and ends what it recorded or marked.
//
// The root and the run folders are mode 0711: other users may pass through to a subfolder made for
// them (an exercise sandbox runs its program as an unprivileged uid in a subfolder chowned to it),
// but never list what is there. Folders made inside stay 0700 unless their maker changes that.
//
// One folder per process, not per command: a vitest worker owns the folder its probes work in, so
// every folder has exactly one owner, and a sweep never removes a folder whose owner still runs.
import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, constants, lstatSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { removeOnInterrupt } from './interruption.js';
import { findHierarchy, sweepDeadSandboxCgroups } from './sandboxCgroup.js';
import {
  HELPERS_FOLDER,
  type HelperRecord,
  identityOf,
  OWNER_FILE,
  RUN_MARK_VARIABLE,
  type RunOwner,
  sweepDeadRuns,
} from './sweepDeadRuns.js';

export interface RunFolder {
  readonly path: string;
  /**
   * Records a helper that outlives single commands (a daemon, a namespace holder) and leads a
   * process group of its own, so that a sweep ends it if this process dies first. Returns the
   * function that forgets it, once the helper has ended.
   */
  recordHelper(pid: number | undefined, what: string): () => void;
}

/** This process's run folder (one copy of this module per process, as for interruption.ts). */
interface State {
  /** TMPDIR when the process started: the kit's run changes TMPDIR for a moment (conformanceRun.ts). */
  tmp: string;
  folder?: RunFolder;
}
const state: State = { tmp: tmpdir() };

/** The kit's temporary root: $TMPDIR/ipc-conformance for root, …/ipc-conformance-<uid> for others. */
export function kitTemporaryRoot(tmp: string = state.tmp): string {
  const uid = process.geteuid?.() ?? 0;
  return join(tmp, uid === 0 ? 'ipc-conformance' : `ipc-conformance-${uid}`);
}

/** Makes the root (0711) if needed and checks it is a folder of ours, not a link someone planted. */
function ensureKitRoot(): string {
  const root = kitTemporaryRoot();
  try {
    mkdirSync(root, { mode: 0o711 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const stat = lstatSync(root);
  const uid = process.geteuid?.() ?? 0;
  if (!stat.isDirectory() || stat.uid !== uid) {
    throw new Error(`${root} is not a folder owned by uid ${uid}: remove it, it is the kit's temporary root`);
  }
  if ((stat.mode & 0o777) !== 0o711) chmodSync(root, 0o711);
  return root;
}

/** This process's run folder, made on first use after sweeping what dead runs left. */
export function runFolder(): RunFolder {
  if (state.folder) return state.folder;
  const root = ensureKitRoot();
  try {
    sweepDeadRuns(root);
    // The cgroups of sandboxed runs (exercises) of dead owners; only root can remove them.
    const hierarchy = process.geteuid?.() === 0 ? findHierarchy() : undefined;
    if (hierarchy && !('missing' in hierarchy)) sweepDeadSandboxCgroups(hierarchy);
  } catch (error) {
    // A sweep that fails must not keep this run from working; the next one tries again.
    if (process.env.IPC_CONFORMANCE_DEBUG) process.stderr.write(`ipc-conformance: sweeping ${root} failed: ${(error as Error).message}\n`);
  }
  const path = join(root, `${process.pid}-${randomBytes(3).toString('hex')}`);
  removeOnInterrupt(path); // before it exists: no moment when it is not registered
  process.once('exit', () => rmSync(path, { recursive: true, force: true }));
  mkdirSync(path, { mode: 0o711 });
  chmodSync(path, 0o711); // whatever the umask
  mkdirSync(join(path, HELPERS_FOLDER), { mode: 0o700 });
  const owner: RunOwner = { ...identityOf(process.pid)!, mark: path, argv: process.argv, since: new Date().toISOString() };
  writeFileSync(join(path, OWNER_FILE), `${JSON.stringify(owner)}\n`, { mode: 0o644 });
  // Everything this process starts from now on carries the mark, whatever it is called.
  process.env[RUN_MARK_VARIABLE] = path;
  state.folder = {
    path,
    recordHelper(pid, what) {
      const identity = pid === undefined ? null : identityOf(pid);
      if (!identity) return () => undefined;
      const record: HelperRecord = { ...identity, what };
      const file = join(path, HELPERS_FOLDER, `${identity.pid}.json`);
      writeFileSync(file, `${JSON.stringify(record)}\n`, { mode: 0o600 });
      return () => rmSync(file, { force: true });
    },
  };
  return state.folder;
}

let setpriv: string | null | undefined;
/** setpriv(1) on PATH, if there is one (util-linux). */
function findSetpriv(): string | null {
  if (setpriv !== undefined) return setpriv;
  for (const dir of (process.env.PATH ?? '/usr/bin:/bin').split(delimiter)) {
    try {
      accessSync(join(dir, 'setpriv'), constants.X_OK);
      setpriv = join(dir, 'setpriv');
      return setpriv;
    } catch {
      // not here
    }
  }
  setpriv = null;
  return setpriv;
}

/**
 * The argv that starts `argv` so that the kernel sends it SIGKILL when this process dies, however
 * it dies (setpriv --pdeathsig: prctl(PR_SET_PDEATHSIG) survives the exec). Without setpriv the
 * argv is unchanged, and only the helper's record bounds it.
 */
export function boundToThisProcess(argv: readonly string[]): string[] {
  const found = findSetpriv();
  return found ? [found, '--pdeathsig', 'KILL', '--', ...argv] : [...argv];
}

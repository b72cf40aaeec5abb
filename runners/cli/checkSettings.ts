// The environment variables the kit obeys, checked before any command starts. A bad one would
// otherwise surface late and badly: a TMPDIR that does not exist as a stack trace from a module
// that makes folders when it is imported, a reports root under /proc as mkdir looping for ever,
// a watchdog of "abc" as the default the caller did not ask for. Each becomes one line here.
import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, resolve, sep } from 'node:path';
import { UsageError } from '../core/errors.js';

/** Kernel pseudo-filesystems: files there are interfaces, not storage, so no report goes there. */
const PSEUDO_FILESYSTEMS = ['/proc', '/sys'];

/** The largest probe watchdog accepted, in seconds (the C probes check the same bound). */
const WATCHDOG_MAX_S = 86400;

/** Throws a UsageError naming the first setting that cannot work. */
export function checkSettings(env: NodeJS.ProcessEnv = process.env): void {
  checkTemporaryFolder(env);
  checkReportsRoot(env.IPC_CONFORMANCE_REPORTS_ROOT);
  checkWatchdog(env.IPC_PROBE_WATCHDOG_S);
}

function checkTemporaryFolder(env: NodeJS.ProcessEnv): void {
  // os.tmpdir() is what every temporary folder of the kit is made in: TMPDIR, else /tmp.
  const folder = env.TMPDIR ? env.TMPDIR : tmpdir();
  const named = env.TMPDIR ? `TMPDIR '${folder}'` : `the temporary folder '${folder}' (TMPDIR is unset)`;
  const problem = writableFolderProblem(folder);
  if (problem) throw new UsageError(`${named} ${problem}`);
}

function checkReportsRoot(root: string | undefined): void {
  if (root === undefined) return;
  if (root === '') throw new UsageError('IPC_CONFORMANCE_REPORTS_ROOT is set but empty; unset it to write into reports/');
  const absolute = resolve(root);
  // The folder may not exist yet (the kit makes it); its nearest existing ancestor, with symbolic
  // links resolved, says where it would really be and whether it can be made.
  let existing = absolute;
  while (!exists(existing)) existing = dirname(existing);
  const real = realpathSync(existing);
  const pseudo = PSEUDO_FILESYSTEMS.find((top) => real === top || real.startsWith(`${top}${sep}`));
  if (pseudo)
    throw new UsageError(
      `IPC_CONFORMANCE_REPORTS_ROOT '${root}' is under ${pseudo}, a kernel pseudo-filesystem where no report can be written`,
    );
  const problem = writableFolderProblem(existing);
  if (problem) throw new UsageError(`IPC_CONFORMANCE_REPORTS_ROOT '${root}' cannot be used: '${existing}' ${problem}`);
}

function checkWatchdog(seconds: string | undefined): void {
  if (seconds === undefined) return;
  if (!/^\d+$/.test(seconds) || Number(seconds) < 1 || Number(seconds) > WATCHDOG_MAX_S) {
    throw new UsageError(`IPC_PROBE_WATCHDOG_S must be a whole number of seconds from 1 to ${WATCHDOG_MAX_S}, not '${seconds}'`);
  }
}

const exists = (path: string): boolean => {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
};

/** Why `folder` cannot hold the kit's files, or undefined when it can. */
function writableFolderProblem(folder: string): string | undefined {
  let isFolder: boolean;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT'
      ? 'does not exist'
      : `cannot be examined (${(error as NodeJS.ErrnoException).code})`;
  }
  if (!isFolder) return 'is not a folder';
  try {
    accessSync(folder, constants.W_OK | constants.X_OK);
  } catch {
    return 'is not writable';
  }
  return undefined;
}

// What every exercise sandbox of one command needs from this machine, checked once: root (to
// make cgroups and to drop to the sandbox's uid), bubblewrap and setpriv, user namespaces for an
// unprivileged uid, a cgroup hierarchy with the memory, pids and cpu controllers, and the kit's
// own sandbox files (built by `make fixtures`). A missing piece is one line that says the fix.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { kitPaths } from '../../core/kitPaths.js';
import { runCommand } from '../../process/runCommand.js';
import { findHierarchy } from '../../process/sandboxCgroup.js';
import { BWRAP, SETPRIV } from './sandboxCommand.js';

/** The sandbox's first process and its seccomp filter (c-fixtures/sandbox/). */
export const SANDBOX_INIT = join(kitPaths.root, 'build', 'sandbox', 'sandbox_init');
export const SECCOMP_FILTER = join(kitPaths.root, 'build', 'sandbox', 'exercise-seccomp.bpf');

/**
 * Sandboxed programs run as a uid of their own, outside any range a login or a container engine
 * hands out (those stay below 2^31 - 2^30 in practice): it owns no file of the machine. The pid
 * makes it differ between two kits running at once.
 */
const UID_BASE = 1_600_000_000;

/** A checked machine, ready for sandboxes. */
export interface SandboxSetup {
  uid: number;
  hierarchy: Exclude<ReturnType<typeof findHierarchy>, { missing: string }>;
  seccompFilter: string;
}

/** uids that /etc/passwd names: the sandbox's must not be one of them. */
function namedUids(): Set<number> {
  const passwd = readFileSync('/etc/passwd', 'utf8');
  return new Set(passwd.split('\n').map((line) => Number(line.split(':')[2])));
}

let checked: Promise<SandboxSetup> | undefined;

async function check(): Promise<SandboxSetup> {
  const why = (reason: string) => new UsageError(`students' programs run in a sandbox, and ${reason}`);
  if ((process.geteuid?.() ?? -1) !== 0) throw why('making its cgroup needs root: run the exercise as root');
  for (const [tool, pkg] of [
    [BWRAP, 'bubblewrap'],
    [SETPRIV, 'util-linux'],
  ] as const) {
    if (!existsSync(tool)) throw why(`${tool} is missing: apt-get install ${pkg} (or run \`make setup\`)`);
  }
  for (const file of [SANDBOX_INIT, SECCOMP_FILTER]) if (!existsSync(file)) throw why(`${file} is not built: run \`make fixtures\``);
  const hierarchy = findHierarchy();
  if ('missing' in hierarchy) throw why(`it needs a cgroup for its limits: ${hierarchy.missing}`);
  let uid = UID_BASE + process.pid;
  const taken = namedUids();
  while (taken.has(uid)) uid++;
  // The one thing only a trial shows: whether this kernel lets an unprivileged uid make a user
  // namespace (Debian's kernel.unprivileged_userns_clone, or user.max_user_namespaces = 0, forbid it).
  const trial = await runCommand(
    [
      SETPRIV,
      `--reuid=${uid}`,
      `--regid=${uid}`,
      '--clear-groups',
      '--',
      BWRAP,
      '--unshare-user',
      '--unshare-pid',
      '--ro-bind',
      SANDBOX_INIT,
      '/init',
      '--',
      '/init',
      '1000',
      '-',
      '0',
      '--',
      '/init',
    ],
    { timeoutMs: 10_000 },
  ).catch((error: Error) => ({ exitCode: -1, stderr: error.message, stdout: '' }));
  if (!trial.stdout.includes('"timed_out"')) {
    const said = trial.stderr.trim().split('\n')[0] ?? '';
    throw why(
      `bubblewrap cannot make a user namespace for an unprivileged uid here (${said}): allow it with sysctl kernel.unprivileged_userns_clone=1 and user.max_user_namespaces > 0`,
    );
  }
  return { uid, hierarchy, seccompFilter: SECCOMP_FILTER };
}

/** The machine's sandbox setup, checked on first use; rejects with the missing piece. */
export function sandboxSetup(): Promise<SandboxSetup> {
  checked ??= check();
  return checked;
}

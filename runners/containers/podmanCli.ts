// Rootless podman, as the kit uses it: every podman command runs as an unprivileged user of the
// kit's own (setup-podman.sh creates it, with subordinate uid/gid ranges), so its containers live in
// a user namespace whose root is that user on the host. setpriv switches to the user without a
// fork (runuser would stay in between), so a --pdeathsig given in the same call still reaches
// podman itself; the environment is reset to the user's, plus the runtime folder a logind session
// would have made, and the command starts in the user's home.
import { existsSync, readFileSync } from 'node:fs';
import { EngineCli, type EngineLauncher } from './engineCli.js';

/** The user podman runs as; setup-podman.sh reads the same variable. */
export const PODMAN_USER = process.env.IPC_CONFORMANCE_PODMAN_USER || 'ipc-conformance-podman';

const SETUP = '`sh runners/containers/setup-podman.sh` (or `make setup-kernels`) as root';

/** The user's entry in /etc/passwd, if there is one. */
export interface PodmanUser {
  uid: number;
  gid: number;
  home: string;
  /** XDG_RUNTIME_DIR: where podman keeps its locks and sockets. */
  runtimeDir: string;
}

export function podmanUser(): PodmanUser | undefined {
  const passwd = readFileSync('/etc/passwd', 'utf8');
  const fields = passwd
    .split('\n')
    .map((line) => line.split(':'))
    .find((entry) => entry[0] === PODMAN_USER);
  if (!fields) return undefined;
  const [uid, gid] = [Number(fields[2]), Number(fields[3])];
  return { uid, gid, home: fields[5]!, runtimeDir: `/run/user/${uid}` };
}

function asPodmanUser(bound: boolean): string[] {
  const user = podmanUser();
  // Missing user: the command fails with setpriv's words; available() says how to set it up first.
  const ids = user ? ['--reuid', String(user.uid), '--regid', String(user.gid)] : ['--reuid', PODMAN_USER];
  return [
    'setpriv',
    ...(bound ? ['--pdeathsig', 'KILL'] : []),
    ...ids,
    '--init-groups',
    '--reset-env',
    '--',
    'env',
    '-C',
    user?.home ?? '/',
    `XDG_RUNTIME_DIR=${user?.runtimeDir ?? ''}`,
    'podman',
  ];
}

const podmanLauncher: EngineLauncher = {
  prefix: () => asPodmanUser(false),
  boundPrefix: () => asPodmanUser(true),
};

/** The podman engine, run as PODMAN_USER. */
export const podmanEngine = new EngineCli('podman', podmanLauncher);

/** Why rootless podman cannot be used here, with the way out; undefined when it can. */
export async function podmanProblem(): Promise<string | undefined> {
  if (process.geteuid?.() !== 0) return `the kit switches to the user ${PODMAN_USER} to run podman, which needs root`;
  const user = podmanUser();
  if (!user) return `no user ${PODMAN_USER}: run ${SETUP}`;
  for (const file of ['/etc/subuid', '/etc/subgid']) {
    const ranges = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (!ranges.split('\n').some((line) => line.startsWith(`${PODMAN_USER}:`)))
      return `${PODMAN_USER} has no range in ${file}: run ${SETUP}`;
  }
  if (!existsSync(user.runtimeDir))
    return `${PODMAN_USER}'s runtime folder ${user.runtimeDir} is missing (gone with a reboot): run ${SETUP}`;
  const info = await podmanEngine
    .run(['info', '--format', '{{.Host.Security.Rootless}}'], 30_000)
    .catch((error: Error) => ({ exitCode: -1, stdout: '', stderr: error.message, timedOut: false }));
  if (info.exitCode !== 0 || info.timedOut) {
    const said = info.stderr.trim().split('\n').filter(Boolean).pop() ?? 'no answer';
    return `podman info as ${PODMAN_USER} fails (${said}): run ${SETUP}`;
  }
  if (info.stdout.trim() !== 'true') return `podman does not run rootless as ${PODMAN_USER}`;
  return undefined;
}

/** `podman <version> rootless as <user> (<runtime> <version>)`, as podman reports them. */
export async function podmanRuntimeDescription(): Promise<string> {
  const version = await podmanEngine.call(['version', '--format', '{{.Client.Version}}']);
  const runtime = await podmanEngine.call(['info', '--format', '{{.Host.OCIRuntime.Name}}\n{{.Host.OCIRuntime.Version}}']);
  const [name, versionLine] = runtime.split('\n');
  return `podman ${version} rootless as ${PODMAN_USER} (${name}: ${versionLine?.replace(/^\S+ version /, '') ?? 'version unknown'})`;
}

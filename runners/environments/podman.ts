// Rootless Podman: the container environment (containerEnvironment.ts) with podman as the engine,
// run as an unprivileged user of the kit's own (podmanCli.ts), with the OCI runtime setup-podman.sh
// chose (crun; runc where crun refuses the machine's cgroup layout). Its containers live in a user
// namespace whose root is that user on the host: root inside owns the container's IPC namespace but
// lacks every capability over the host's (CAP_SYS_RESOURCE against the initial namespace's limits,
// writes to sysctls the initial namespace owns …), and uids other than 0 map to the user's
// subordinate range. Everything the environment says about itself — capabilities, sysctls, the uid
// mapping — is read inside.
import { chown } from 'node:fs/promises';
import { IMAGE_PATHS } from '../containers/kitImage.js';
import { PODMAN_USER, podmanEngine, podmanProblem, podmanRuntimeDescription, podmanUser } from '../containers/podmanCli.js';
import { ContainerEnvironment } from './containerEnvironment.js';
import type { Availability, EnvironmentDescription, RunContext } from './environment.js';
import { kitBuildAvailability } from './kitBuild.js';

/** Prints the namespace's uid mapping as the kernel shows it to a process inside. */
const READ_UID_MAP = "process.stdout.write(require('fs').readFileSync('/proc/self/uid_map', 'utf8'))";

export class PodmanEnvironment extends ContainerEnvironment {
  constructor(run?: RunContext) {
    // No --runtime: the one setup-podman.sh configured (crun, or runc where crun cannot run).
    super('podman', '', run, podmanEngine);
  }

  override async available(): Promise<Availability> {
    const build = kitBuildAvailability();
    if (!build.ok) return build;
    const problem = await podmanProblem();
    return problem ? { ok: false, reason: problem } : { ok: true };
  }

  override async describe(): Promise<EnvironmentDescription> {
    const description = await super.describe();
    const read = await this.exec([IMAGE_PATHS.node, '-e', READ_UID_MAP], { timeoutMs: 20_000 });
    const uidMap = read.exitCode === 0 ? read.stdout.trim().replace(/\s+/g, ' ') : `unreadable (${read.stderr.trim()})`;
    return { ...description, uidMap };
  }

  /** The containers' root is PODMAN_USER on the host: the pair's folder (the kit's, 0700) becomes its. */
  protected override async shareWithContainers(sharedDir: string): Promise<void> {
    const user = podmanUser();
    if (!user) throw new Error(`no user ${PODMAN_USER} to share ${sharedDir} with`);
    await chown(sharedDir, user.uid, user.gid);
  }

  protected override runtime(): Promise<string> {
    return podmanRuntimeDescription();
  }
}

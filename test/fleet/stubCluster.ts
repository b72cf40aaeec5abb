// No cluster is reachable from here, so the deploy scripts are run against a stand-in: a `kubectl`
// on PATH (stub-kubectl.sh) that keeps what is applied as files, says every Job completed, and
// serves `cp` and `exec` of a collector pod from a folder per node that plays the node's
// /var/lib/ipc-conformance. It checks the scripts' own logic (which objects, which names, which
// paths, what is merged), not Kubernetes: the manifests are checked against the API's rules in
// deploy.test.ts.
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';

/** A stand-in cluster: PATH and variables for the scripts, and where each node's files are. */
export interface StubCluster {
  env: Record<string, string>;
  /** The folder that plays /var/lib/ipc-conformance of `node`. */
  nodeDir(node: string): string;
  /** Where the stand-in keeps the applied objects (objects/) and its calls (calls.log). */
  state: string;
}

/** Makes the stand-in under `root` for `nodes`. */
export async function stubCluster(root: string, nodes: readonly string[]): Promise<StubCluster> {
  const bin = join(root, 'bin');
  const state = join(root, 'state');
  const nodesDir = join(root, 'nodes');
  await mkdir(bin, { recursive: true });
  await mkdir(join(state, 'objects'), { recursive: true });
  await symlink(join(import.meta.dirname, 'stub-kubectl.sh'), join(bin, 'kubectl'));
  return {
    env: {
      PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      STUB_STATE: state,
      STUB_NODES: nodes.join(' '),
      STUB_NODES_DIR: nodesDir,
    },
    nodeDir: (node) => join(nodesDir, node),
    state,
  };
}

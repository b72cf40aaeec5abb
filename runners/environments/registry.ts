// The environments the kit knows by name; `--env` accepts exactly these.
import { UsageError } from '../core/errors.js';
import { ContainerEnvironment } from './containerEnvironment.js';
import type { Environment, RunContext } from './environment.js';
import { HostEnvironment } from './host.js';
import { PodmanEnvironment } from './podman.js';
import { SandboxEnvironment } from './sandbox.js';

const FACTORIES: Record<string, (run?: RunContext) => Environment> = {
  host: (run) => new HostEnvironment({ run }),
  sandbox: (run) => new SandboxEnvironment({ run }),
  docker: (run) => new ContainerEnvironment('docker', 'runc', run),
  gvisor: (run) => new ContainerEnvironment('gvisor', 'runsc', run),
  podman: (run) => new PodmanEnvironment(run),
};

/** The names `--env` accepts. */
export const ENVIRONMENT_NAMES = Object.keys(FACTORIES);

/**
 * The environment called `name`, as an object of `run` (a run of its own when absent); an unknown
 * name is a UsageError listing the known ones.
 */
export function createEnvironment(name: string, run?: RunContext): Environment {
  const factory = FACTORIES[name];
  if (!factory) throw new UsageError(`unknown environment '${name}' (known: ${ENVIRONMENT_NAMES.join(', ')})`);
  return factory(run);
}

// The environments the kit knows by name; `--env` accepts exactly these.
import { UsageError } from '../cli/usageError.js';
import { ContainerEnvironment } from './containerEnvironment.js';
import type { Environment } from './environment.js';
import { HostEnvironment } from './host.js';
import { SandboxEnvironment } from './sandbox.js';

const FACTORIES: Record<string, () => Environment> = {
  host: () => new HostEnvironment(),
  sandbox: () => new SandboxEnvironment(),
  docker: () => new ContainerEnvironment('docker', 'runc'),
  gvisor: () => new ContainerEnvironment('gvisor', 'runsc'),
};

/** The names `--env` accepts. */
export const ENVIRONMENT_NAMES = Object.keys(FACTORIES);

/** The environment called `name`; an unknown name is a UsageError listing the known ones. */
export function createEnvironment(name: string): Environment {
  const factory = FACTORIES[name];
  if (!factory) throw new UsageError(`unknown environment '${name}' (known: ${ENVIRONMENT_NAMES.join(', ')})`);
  return factory();
}

// The environments the kit knows by name; `--env` accepts exactly these.
import { UsageError } from '../core/errors.js';
import { ContainerEnvironment } from './containerEnvironment.js';
import type { Environment, RunContext } from './environment.js';
import { HostEnvironment } from './host.js';
import { PodmanEnvironment } from './podman.js';
import { QEMU_PREFIX, qemuEnvironmentNamed } from './qemu.js';
import { SandboxEnvironment } from './sandbox.js';
import { UmlEnvironment } from './uml.js';

const FACTORIES: Record<string, (run?: RunContext) => Environment> = {
  host: (run) => new HostEnvironment({ run }),
  sandbox: (run) => new SandboxEnvironment({ run }),
  docker: (run) => new ContainerEnvironment('docker', 'runc', run),
  gvisor: (run) => new ContainerEnvironment('gvisor', 'runsc', run),
  uml: (run) => new UmlEnvironment(run),
  podman: (run) => new PodmanEnvironment(run),
};

/** The names `--env` accepts. */
export const ENVIRONMENT_NAMES = Object.keys(FACTORIES);

/**
 * The environment called `name`, as an object of `run` (a run of its own when absent); an unknown
 * name is a UsageError listing the known ones.
 */
export function createEnvironment(name: string, run?: RunContext): Environment {
  // qemu:<package>: any Debian kernel image package, booted from the kit's kernel cache.
  if (name.startsWith(QEMU_PREFIX)) return qemuEnvironmentNamed(name, run);
  const factory = FACTORIES[name];
  if (!factory) throw unknownEnvironment(name);
  return factory(run);
}

/** Throws the UsageError `--env NAME` deserves when no environment is called `name`. */
export function checkEnvironmentName(name: string): void {
  if (name.startsWith(QEMU_PREFIX)) qemuEnvironmentNamed(name);
  else if (!FACTORIES[name]) throw unknownEnvironment(name);
}

const unknownEnvironment = (name: string) =>
  new UsageError(`unknown environment '${name}' (known: ${ENVIRONMENT_NAMES.join(', ')}, qemu:<kernel package>)`);

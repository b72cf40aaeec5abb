// Which of a kernel package's modules the guest's first process loads, in dependency order: what
// the boot needs (virtio PCI, the 9p file system over virtio, virtio-serial ports) and whatever
// those depend on, read from each module's own .modinfo section (`depends=`), since a package
// unpacked with dpkg-deb has no modules.dep (depmod runs at installation). A module the kernel has
// built in (modules.builtin) needs no loading.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** How the guest reaches the host's root: 9p where the kernel has it, else virtiofs (the cloud flavour). */
export type RootTransport = '9p' | 'virtiofs';

/** What the boot needs: the root file system's transport and the agent's virtio-serial port. */
export const BOOT_MODULES: Record<RootTransport, readonly string[]> = {
  '9p': ['virtio_pci', '9pnet_virtio', '9p', 'virtio_console'],
  virtiofs: ['virtio_pci', 'virtiofs', 'virtio_console'],
};

/** A module's name as the kernel spells it: file name without .ko, '-' as '_'. */
const moduleName = (file: string) => file.replace(/\.ko(\.[a-z]+)?$/, '').replaceAll('-', '_');

/** Every .ko file under the release's modules folder, by module name. */
function indexModules(folder: string): Map<string, string> {
  const index = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.ko$/.test(entry.name)) index.set(moduleName(entry.name), path);
    }
  };
  walk(join(folder, 'kernel'));
  return index;
}

function builtInModules(folder: string): Set<string> {
  const file = join(folder, 'modules.builtin');
  if (!existsSync(file)) return new Set();
  return new Set(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((path) => moduleName(path.split('/').pop()!)),
  );
}

/** The modules a .ko file names in its `depends=` field. */
function dependencies(file: string): string[] {
  const text = readFileSync(file).toString('latin1');
  const match = /\0depends=([^\0]*)\0/.exec(text);
  return match?.[1] ? match[1].split(',').filter(Boolean) : [];
}

/**
 * The .ko files to load, each after everything it depends on, for `wanted` (module names) in the
 * release's modules folder. A module that is neither a file nor built in is an error: the guest
 * could not boot without it.
 */
export function moduleLoadOrder(folder: string, wanted: readonly string[]): string[] {
  const index = indexModules(folder);
  const builtIn = builtInModules(folder);
  const order: string[] = [];
  const visiting = new Set<string>();
  const done = new Set<string>();
  const visit = (name: string) => {
    if (done.has(name) || visiting.has(name)) return;
    const file = index.get(name);
    if (!file) {
      if (builtIn.has(name)) return;
      throw new Error(`kernel module ${name} is neither in ${folder} nor built in: this kernel cannot boot the kit's guest`);
    }
    visiting.add(name);
    for (const dependency of dependencies(file)) visit(dependency);
    visiting.delete(name);
    done.add(name);
    order.push(file);
  };
  for (const name of wanted) visit(name);
  return order;
}

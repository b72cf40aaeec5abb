// The initramfs of a qemu:<kernel> guest: a static busybox, the modules the boot needs (in load
// order), the first process (guest-init.sh), busybox init's table and the agent's start script. It
// is a newc cpio archive (uncompressed: every kernel reads that) written into the caller's folder.
import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, copyFileSync, existsSync, mkdirSync, openSync, readSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { kitPaths } from '../core/kitPaths.js';
import { BOOT_MODULES, moduleLoadOrder } from './guestModules.js';
import type { CachedKernel } from './kernelCache.js';
import { rootTransport } from './kernelConfig.js';

export const GUEST_INIT_SCRIPT = join(kitPaths.root, 'runners', 'kernels', 'guest-init.sh');
/** Where the guest's root (the host's, over 9p) is mounted before busybox init chroots the agent into it. */
const GUEST_ROOT = '/newroot';

/** The statically linked busybox the initramfs needs (Debian busybox-static), or why there is none. */
export function staticBusybox(): { path: string } | { missing: string } {
  for (const path of ['/bin/busybox', '/usr/bin/busybox']) if (existsSync(path) && isStatic(path)) return { path };
  return { missing: 'no statically linked busybox (/bin/busybox): run `make setup-kernels` as root (installs busybox-static)' };
}

/** An ELF file without a PT_INTERP program header needs no dynamic loader. */
function isStatic(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(64);
    readSync(fd, header, 0, 64, 0);
    if (header.readUInt32BE(0) !== 0x7f454c46 || header[4] !== 2) return false; // ELF, 64-bit
    const tableOffset = Number(header.readBigUInt64LE(32));
    const entrySize = header.readUInt16LE(54);
    const entries = header.readUInt16LE(56);
    const table = Buffer.alloc(entrySize * entries);
    readSync(fd, table, 0, table.length, tableOffset);
    for (let i = 0; i < entries; i++) if (table.readUInt32LE(i * entrySize) === 3) return false; // PT_INTERP
    return true;
  } finally {
    closeSync(fd);
  }
}

/** What the guest runs once it is up: argv inside the guest's root, with these variables only. */
export interface GuestAgentCommand {
  argv: readonly string[];
  env: Record<string, string>;
}

/** A shell word holding `text` as written. */
const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

/** Writes `<folder>/initramfs.cpio` for `kernel`, running `agent`; returns its path. */
export function buildInitramfs(kernel: CachedKernel, agent: GuestAgentCommand, folder: string): string {
  const busybox = staticBusybox();
  if ('missing' in busybox) throw new Error(busybox.missing);
  const tree = join(folder, 'initramfs');
  for (const dir of ['bin', 'lib/modules', 'etc', 'proc', 'sys', 'dev', GUEST_ROOT.slice(1)])
    mkdirSync(join(tree, dir), { recursive: true });
  copyFileSync(busybox.path, join(tree, 'bin', 'busybox'));
  chmodSync(join(tree, 'bin', 'busybox'), 0o755);
  const transport = rootTransport(kernel.config);
  writeFileSync(join(tree, 'etc', 'root-transport'), `${transport}\n`);
  // The kit's folder: the init puts it back where a tmpfs of the guest's covers it (a checkout in /tmp).
  writeFileSync(join(tree, 'etc', 'kit-root'), `${kitPaths.root}\n`);
  const modules = moduleLoadOrder(kernel.modules, BOOT_MODULES[transport]);
  for (const module of modules) copyFileSync(module, join(tree, 'lib', 'modules', basename(module)));
  writeFileSync(join(tree, 'lib', 'modules', 'order'), `${modules.map((module) => basename(module)).join('\n')}\n`);
  copyFileSync(GUEST_INIT_SCRIPT, join(tree, 'init'));
  chmodSync(join(tree, 'init'), 0o755);
  // busybox init reaps every orphan of the guest (the probes' helpers included), as an init does.
  writeFileSync(join(tree, 'etc', 'inittab'), '::once:/agent\n::ctrlaltdel:/bin/poweroff -f\n');
  const variables = Object.entries(agent.env).map(([name, value]) => quote(`${name}=${value}`));
  const agentScript = [
    '#!/bin/sh',
    '# The guest agent, in the host root the guest sees; the guest powers off when it ends.',
    `chroot ${GUEST_ROOT} /usr/bin/env -i ${variables.join(' ')} ${agent.argv.map(quote).join(' ')}`,
    'echo "ipc-guest: agent ended with status $?" >/dev/console',
    'poweroff -f',
    '',
  ].join('\n');
  writeFileSync(join(tree, 'agent'), agentScript, { mode: 0o755 });
  const archive = join(folder, 'initramfs.cpio');
  const files = execFileSync(busybox.path, ['find', '.'], { cwd: tree, encoding: 'utf8' });
  const cpio = execFileSync(busybox.path, ['cpio', '-o', '-H', 'newc'], {
    cwd: tree,
    input: files,
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  writeFileSync(archive, cpio, { mode: 0o600 });
  return archive;
}

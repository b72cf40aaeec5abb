// The kit's cache of Debian kernel packages for the qemu:<package> environments: each package is
// fetched with `apt-get download` and unpacked with `dpkg-deb -x` into a folder of its own
// ($XDG_CACHE_HOME/ipc-conformance/kernels/<package>/root), never installed into this machine's
// /boot. A lock file keeps two runs from fetching the same package at once; it is removed on every
// path (done, failed, interrupted), and one left by a process that no longer runs is taken over.
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { lastOnInterrupt } from '../process/interruption.js';
import { runCommand } from '../process/runCommand.js';

/** A Debian kernel image package the kit can boot: linux-image-<version>-<flavour>-unsigned or signed. */
const PACKAGE_NAME = /^linux-image-[0-9][0-9a-z.+~-]*-amd64(-unsigned)?$/;

/** One unpacked kernel package. */
export interface CachedKernel {
  package: string;
  /** The kernel release, as /lib/modules names it: 6.1.0-57-amd64. */
  release: string;
  vmlinuz: string;
  /** The package's /boot/config-<release>. */
  config: string;
  /** The package's /lib/modules/<release>. */
  modules: string;
}

/** Whether `name` can be a Debian amd64 kernel image package (the qemu:<package> names). */
export function isKernelPackageName(name: string): boolean {
  return PACKAGE_NAME.test(name);
}

/** The cache's root folder. */
export function kernelCacheRoot(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'ipc-conformance', 'kernels');
}

function packageFolder(pkg: string): string {
  if (!isKernelPackageName(pkg))
    throw new UsageError(`'${pkg}' is not a Debian amd64 kernel image package name (linux-image-…-amd64-unsigned)`);
  return join(kernelCacheRoot(), pkg);
}

/** The unpacked package, or undefined when it is not in the cache (or only partly there). */
export function cachedKernel(pkg: string): CachedKernel | undefined {
  const root = join(packageFolder(pkg), 'root');
  const boot = join(root, 'boot');
  if (!existsSync(boot)) return undefined;
  const vmlinuz = readdirSync(boot).find((file) => file.startsWith('vmlinuz-'));
  if (!vmlinuz) return undefined;
  const release = vmlinuz.slice('vmlinuz-'.length);
  return {
    package: pkg,
    release,
    vmlinuz: join(boot, vmlinuz),
    config: join(boot, `config-${release}`),
    modules: join(root, 'lib', 'modules', release),
  };
}

/** Every package in the cache that is completely unpacked, by name. */
export function cachedKernels(): CachedKernel[] {
  const root = kernelCacheRoot();
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter(isKernelPackageName)
    .sort()
    .flatMap((pkg) => cachedKernel(pkg) ?? []);
}

/** Whether apt knows the package (so that ensureKernel can fetch it), and why not. */
export async function kernelFetchable(pkg: string): Promise<{ ok: true } | { ok: false; reason: string }> {
  const answer = await runCommand(['apt-cache', 'show', '--no-all-versions', pkg], { timeoutMs: 30_000 }).catch(
    (error: Error) => ({ exitCode: 1, stdout: '', stderr: error.message }) as const,
  );
  if (answer.exitCode === 0 && answer.stdout.includes('Package:')) return { ok: true };
  return { ok: false, reason: `kernel package ${pkg} is neither in the cache (${kernelCacheRoot()}) nor known to apt` };
}

/** The package unpacked in the cache, fetched first if it is not there. */
export async function ensureKernel(pkg: string, progress: (line: string) => void = () => undefined): Promise<CachedKernel> {
  const found = cachedKernel(pkg);
  if (found) return found;
  const folder = packageFolder(pkg);
  mkdirSync(folder, { recursive: true, mode: 0o755 });
  const release = await takeLock(join(folder, 'fetch.lock'), progress);
  try {
    // Another process may have fetched it while this one waited for the lock.
    const fetched = cachedKernel(pkg);
    if (fetched) return fetched;
    return await fetchInto(pkg, folder, progress);
  } finally {
    release();
  }
}

async function fetchInto(pkg: string, folder: string, progress: (line: string) => void): Promise<CachedKernel> {
  const download = join(folder, `download-${process.pid}`);
  const staging = join(folder, `root-${process.pid}`);
  const forget = lastOnInterrupt(() => {
    rmSync(download, { recursive: true, force: true });
    rmSync(staging, { recursive: true, force: true });
  });
  try {
    rmSync(download, { recursive: true, force: true });
    mkdirSync(download, { mode: 0o755 });
    progress(`kernels: downloading ${pkg}`);
    const got = await runCommand(['apt-get', 'download', '-q', pkg], { timeoutMs: 600_000, cwd: download });
    const deb = readdirSync(download).find((file) => file.endsWith('.deb'));
    if (got.exitCode !== 0 || !deb) throw new Error(`apt-get download ${pkg} failed: ${(got.stderr || got.stdout).trim().slice(-400)}`);
    progress(`kernels: unpacking ${deb}`);
    const unpacked = await runCommand(['dpkg-deb', '-x', join(download, deb), staging], { timeoutMs: 300_000 });
    if (unpacked.exitCode !== 0) throw new Error(`dpkg-deb -x ${deb} failed: ${unpacked.stderr.trim()}`);
    rmSync(join(folder, 'root'), { recursive: true, force: true });
    renameSync(staging, join(folder, 'root'));
    const kernel = cachedKernel(pkg);
    if (!kernel) throw new Error(`${deb} holds no /boot/vmlinuz-*: not a kernel image package`);
    progress(`kernels: ${pkg} is in the cache (${kernel.release})`);
    return kernel;
  } finally {
    rmSync(download, { recursive: true, force: true });
    rmSync(staging, { recursive: true, force: true });
    forget();
  }
}

/** Takes the lock file (waiting for a live holder, taking over a dead one's); returns its release. */
async function takeLock(path: string, progress: (line: string) => void): Promise<() => void> {
  for (let waited = 0; ; waited++) {
    try {
      const fd = openSync(path, 'wx', 0o644);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      const forget = lastOnInterrupt(() => rmSync(path, { force: true }));
      return () => {
        rmSync(path, { force: true });
        forget();
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = lockHolder(path);
    if (holder === undefined) continue; // released meanwhile
    // 0: just made, its pid not yet written.
    if (holder !== 0 && !alive(holder)) {
      rmSync(path, { force: true });
      continue;
    }
    if (waited === 0) progress(`kernels: waiting for process ${holder}, which is fetching into ${path}`);
    if (waited > 1200) throw new Error(`${path} is held by process ${holder} for 10 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The pid in a lock file; undefined when the file is gone. */
function lockHolder(path: string): number | undefined {
  try {
    return Number(readFileSync(path, 'utf8').trim() || 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

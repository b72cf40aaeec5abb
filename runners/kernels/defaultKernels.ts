// The kernel set `make setup-kernels` fetches and `make kernels` expects: Debian's newest 6.1 kernel
// ABI that apt knows, in its generic, PREEMPT_RT and cloud flavours (unsigned images).
import { runCommand } from '../process/runCommand.js';

const FLAVOURS = ['amd64', 'rt-amd64', 'cloud-amd64'] as const;

/** The package names of the default set, e.g. linux-image-6.1.0-57-{amd64,rt-amd64,cloud-amd64}-unsigned. */
export async function defaultKernelPackages(): Promise<string[]> {
  const search = await runCommand(['apt-cache', 'search', '--names-only', '^linux-image-6\\.1\\.0-[0-9]+-amd64-unsigned$'], {
    timeoutMs: 60_000,
  });
  const abis = [...search.stdout.matchAll(/^linux-image-6\.1\.0-(\d+)-amd64-unsigned /gm)].map((match) => Number(match[1]));
  if (!abis.length)
    throw new Error('apt knows no linux-image-6.1.0-*-amd64-unsigned package: is a Debian 12 (bookworm) source configured?');
  const newest = Math.max(...abis);
  return FLAVOURS.map((flavour) => `linux-image-6.1.0-${newest}-${flavour}-unsigned`);
}

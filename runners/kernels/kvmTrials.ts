// Whether KVM can run the kit's virtual machines here. Under nested virtualisation /dev/kvm may
// exist and still fail (QEMU aborting on an MSR, or a guest hanging in the firmware), so a KVM boot
// is a trial: one that failed is remembered in the kernel cache, keyed by the kernel package, QEMU's
// version and this machine's kernel, so that later runs go to TCG at once.
import { accessSync, constants, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kernelCacheRoot } from './kernelCache.js';

/** Why KVM cannot be tried at all, or undefined. */
export function kvmProblem(): string | undefined {
  try {
    accessSync('/dev/kvm', constants.R_OK | constants.W_OK);
    return undefined;
  } catch (error) {
    return `/dev/kvm cannot be opened for reading and writing (${(error as NodeJS.ErrnoException).code})`;
  }
}

const trialsFile = () => join(kernelCacheRoot(), 'kvm-trials.json');

export function knownKvmFailure(key: string): string | undefined {
  try {
    const failed = (JSON.parse(readFileSync(trialsFile(), 'utf8')) as Record<string, string>)[key];
    return failed ? `${failed} (remembered in ${trialsFile()}; remove the file to try KVM again)` : undefined;
  } catch {
    return undefined;
  }
}

export function rememberKvmFailure(key: string, why: string): void {
  let trials: Record<string, string> = {};
  try {
    trials = JSON.parse(readFileSync(trialsFile(), 'utf8')) as Record<string, string>;
  } catch {
    // none yet
  }
  trials[key] = why;
  try {
    writeFileSync(trialsFile(), `${JSON.stringify(trials, null, 2)}\n`);
  } catch {
    // the next run tries KVM again
  }
}

// The qemu:<package> environment end to end: a cached Debian 6.1 kernel booted under QEMU (one boot
// for the file: under TCG it takes 10-30 s). Without QEMU, a static busybox or the kernel in the
// kit's cache (`make setup-kernels` as root) these tests skip and say why; they never download.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { UsageError } from '../../../runners/core/errors.js';
import { QemuEnvironment } from '../../../runners/environments/qemu.js';
import { createEnvironment } from '../../../runners/environments/registry.js';
import { guestFolder } from '../../../runners/guests/guestFolder.js';
import { cachedKernels } from '../../../runners/kernels/kernelCache.js';
import { checkProperty } from '../../../runners/verdict/checkProperty.js';
import { propertyById } from '../../support/kit.js';

// The generic flavour of the newest cached 6.1 kernel, if any.
const kernel = cachedKernels()
  .filter((cached) => /^linux-image-6\.1\.0-\d+-amd64-unsigned$/.test(cached.package))
  .at(-1);
const qemu = kernel ? new QemuEnvironment(kernel.package) : undefined;
const availability = qemu
  ? await qemu.available()
  : { ok: false as const, reason: 'no linux-image-6.1.0-*-amd64-unsigned in the kernel cache: run `make setup-kernels` as root' };
const why = availability.ok ? 'available' : `skipped: ${availability.reason}`;

/** QEMU processes booting `pkg` (the machine's -name carries the package). */
function qemuProcessesOf(pkg: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return argv.some((arg) => arg.endsWith('qemu-system-x86_64')) && argv.includes(`ipc-conformance-${pkg}`);
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

describe('qemu environment names', () => {
  test('qemu:<package> names a kernel image package; anything else is a usage error', () => {
    expect(createEnvironment('qemu:linux-image-6.1.0-57-rt-amd64-unsigned').name).toBe('qemu:linux-image-6.1.0-57-rt-amd64-unsigned');
    expect(() => createEnvironment('qemu:')).toThrow(UsageError);
    expect(() => createEnvironment('qemu:bash')).toThrow(/does not name a Debian kernel image package/);
    expect(() => createEnvironment('qemu:linux-image-6.1.0-57-amd64-unsigned; rm -rf /')).toThrow(UsageError);
  });
});

describe.skipIf(!availability.ok)(`qemu environment (${why})`, () => {
  const environment = qemu!;
  beforeAll(() => environment.prepare(), 240_000);
  afterAll(() => environment.release(), 60_000);

  test('runs a fixture and an FFI probe inside the guest kernel', async () => {
    const { mechanism, property } = await propertyById('pipe.capacity.default-is-16-pages'); // fixture and FFI probe
    const verdict = await checkProperty(mechanism, property, environment);
    expect(verdict.status, verdict.reason).toBe('passed');
    expect(verdict.observations.length).toBeGreaterThanOrEqual(2);
  }, 120_000);

  test('describes a 6.1 kernel read inside, the emulator, the accelerator and the package config', async () => {
    const description = await environment.describe();
    expect(description.kernel).toMatch(/^6\.1\.0-\d+-amd64 /);
    expect(description.arch).toBe('x86_64');
    expect(description.emulator).toMatch(/^qemu-system-x86_64 \d/);
    expect(['kvm', 'tcg']).toContain(description.accelerator);
    expect(description.kernelConfig?.CONFIG_SYSVIPC).toBe('y');
    expect(description.kernelConfig?.CONFIG_PREEMPT_RT).toBe('n');
    expect(description.mqueueMounted).toBe(true);
    // Timed measurements need the machine's CPU: offered under KVM only.
    expect((await environment.facts()).offers['native-cpu'].ok).toBe(description.accelerator === 'kvm');
  }, 120_000);

  test('refuses place pairs: one VM per run', async () => {
    await expect(environment.openPair('sibling')).rejects.toThrow(/one VM per run/);
  });

  test('release leaves no QEMU process, socket or guest folder behind', async () => {
    await environment.release();
    expect(qemuProcessesOf(kernel!.package)).toEqual([]);
    expect(existsSync(guestFolder(environment.run.runId))).toBe(false);
  }, 60_000);
});

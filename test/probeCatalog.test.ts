// The fixture manifest (c-fixtures/cases/*.json) is what the spec validator trusts; it must match
// what each built fixture says it can do, and every FFI probe must mirror a fixture case.
import { describe, expect, test } from 'vitest';
import { HostEnvironment } from '../runners/environments/host.js';
import { fixtureManifest, fixtureNames } from '../runners/probes/catalog.js';
import { FFI_PROBES } from '../runners/ffi/registry.js';
import { runCommand } from '../runners/process/runCommand.js';

const host = new HostEnvironment();

describe('probe catalog', () => {
  test.each(fixtureNames())('fixture %s lists exactly the cases of the manifest', async (fixture) => {
    const result = await runCommand([...host.fixtureCommand(fixture), '--list'], { timeoutMs: 5000 });
    expect(result.exitCode).toBe(0);
    const listed = result.stdout.trim().split('\n').sort();
    expect(listed).toEqual(Object.keys(fixtureManifest()[fixture]!).sort());
  });

  test('an unknown case is a usage error (exit 2), not an observation', async () => {
    const result = await runCommand([...host.fixtureCommand('pipe'), 'no-such-case'], { timeoutMs: 5000 });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  test('every FFI probe is named after a fixture case of its mechanism', () => {
    for (const id of Object.keys(FFI_PROBES)) {
      const [mechanism = '', ...rest] = id.split('.');
      expect(Object.keys(fixtureManifest()[mechanism] ?? {}), id).toContain(rest.join('.'));
    }
  });
});

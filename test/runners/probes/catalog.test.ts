// The fixture manifest (build/fixtures/cases.json) is what the spec validator and the runner trust.
// `make fixtures` generates it from each program's `--list --json`, so these tests check the
// generation: every probe folder is in it, it says what the binaries say, every case it lists is
// described, and the programs enforce what they declare.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fixtureBinaryName } from '../../../runners/core/fixtureBinary.js';
import { type FixtureCase, fixtureManifest, fixtureNames } from '../../../runners/core/fixtureManifest.js';
import { kitPaths } from '../../../runners/core/kitPaths.js';
import { HostEnvironment } from '../../../runners/environments/host.js';
import { FFI_PROBES } from '../../../runners/ffi/registry.js';
import { runCommand } from '../../../runners/process/runCommand.js';
import { loadValidatedSpecs } from '../../../runners/selection/specSet.js';

const host = new HostEnvironment();
const run = (fixture: string, ...args: string[]) => runCommand([...host.fixtureCommand(fixture), ...args], { timeoutMs: 5000 });

describe('the generated case manifest', () => {
  test('holds every probe program of c-fixtures/, by folder, and each is built under its binary name', () => {
    const folders = readdirSync(join(kitPaths.root, 'c-fixtures'), { withFileTypes: true })
      .filter(
        (entry) => entry.isDirectory() && existsSync(join(kitPaths.root, 'c-fixtures', entry.name, 'probe.c')) && entry.name !== 'common',
      )
      .map((entry) => entry.name)
      .sort();
    expect(fixtureNames().sort()).toEqual(folders);
    for (const fixture of folders) expect(existsSync(join(kitPaths.fixtureBinaries, fixtureBinaryName(fixture))), fixture).toBe(true);
  });

  test.each(fixtureNames())('fixture %s: the manifest is what the binary declares now', async (fixture) => {
    const declared = await run(fixture, '--list', '--json');
    expect(declared.exitCode, declared.stderr).toBe(0);
    expect(JSON.parse(declared.stdout) as FixtureCase[]).toEqual(fixtureManifest()[fixture]);
    const names = await run(fixture, '--list');
    expect(names.stdout.trim().split('\n')).toEqual(fixtureManifest()[fixture]!.map((c) => c.name));
  });

  test.each(fixtureNames())('fixture %s: every listed case is public and described, and so is every parameter', (fixture) => {
    for (const c of fixtureManifest()[fixture]!) {
      expect(c.name, fixture).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(c.name).not.toMatch(/^helper-/);
      expect(c.description.trim(), `${fixture}/${c.name}`).not.toBe('');
      for (const p of c.params) {
        expect(p.name, `${fixture}/${c.name}`).toMatch(/^[a-z0-9_]+$/);
        expect(p.description.trim(), `${fixture}/${c.name} ${p.name}`).not.toBe('');
      }
      // Optional parameters come last: the arguments given always form a prefix of the list.
      const firstOptional = c.params.findIndex((p) => !p.required);
      if (firstOptional >= 0)
        expect(
          c.params.slice(firstOptional).every((p) => !p.required),
          `${fixture}/${c.name}`,
        ).toBe(true);
    }
  });

  test('every probe a spec names exists with the arguments it is given', async () => {
    await expect(loadValidatedSpecs()).resolves.not.toHaveLength(0);
  });

  test('every FFI probe is named after a fixture case of its mechanism and declares the same parameters', () => {
    for (const [id, probe] of Object.entries(FFI_PROBES)) {
      const [mechanism = '', ...rest] = id.split('.');
      const mirrored = fixtureManifest()[mechanism]?.find((c) => c.name === rest.join('.'));
      expect(mirrored, `${id} mirrors no case of fixture ${mechanism}`).toBeDefined();
      // A spec passes both the same named arguments, so both must take the same ones.
      expect(
        probe.params.map(({ name, required }) => ({ name, required })),
        id,
      ).toEqual(mirrored!.params.map(({ name, required }) => ({ name, required })));
    }
  });

  test('the FFI entry lists its probes with their parameters, like a C probe', async () => {
    const listed = await runCommand([...host.ffiCommand(), '--list', '--json'], { timeoutMs: 20_000 });
    expect(listed.exitCode, listed.stderr).toBe(0);
    const probes = JSON.parse(listed.stdout) as Array<{ name: string; params: unknown[] }>;
    expect(probes.map((p) => p.name)).toEqual(Object.keys(FFI_PROBES));
    expect(probes.find((p) => p.name === 'pipe.set-size')?.params).toEqual([
      { name: 'size', description: 'bytes to ask F_SETPIPE_SZ for', required: true },
    ]);
    const missing = await runCommand([...host.ffiCommand(), 'pipe.set-size'], { timeoutMs: 20_000 });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr.trim()).toBe("pipe.set-size: missing argument 'size' (bytes to ask F_SETPIPE_SZ for)");
  });
});

describe('a probe program enforces its declaration', () => {
  const usageError = (result: Awaited<ReturnType<typeof run>>) => {
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    return result.stderr.trim();
  };

  test('an unknown case is a usage error (exit 2), not an observation', async () => {
    expect(usageError(await run('pipe', 'no-such-case'))).toBe("unknown case 'no-such-case' (try --list)");
  });
  test('a missing required argument names the parameter', async () => {
    expect(usageError(await run('pipe', 'set-size'))).toMatch(/^set-size: missing argument 'size' \(/);
  });
  test('an argument more than the case declares', async () => {
    expect(usageError(await run('pipe', 'default-capacity', '1'))).toBe('default-capacity: takes no arguments, got 1');
    expect(usageError(await run('tcp', 'stream-order', 'ipv4', '10', '3'))).toBe(
      'stream-order: takes at most 2 arguments (family bytes), got 3',
    );
  });
  test('a helper mode is not listed but still checks its arguments', async () => {
    expect(fixtureManifest().pipe!.map((c) => c.name)).not.toContain('helper-scm');
    expect(usageError(await run('pipe', 'helper-scm', 's'))).toMatch(/^helper-scm: missing argument 'inode'/);
  });
});

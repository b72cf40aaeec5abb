// The kit a verdict file names: the version of its package.json, and the commit only where the kit
// is the top of a git checkout (an installed copy inside someone else's repository has none).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { kitPaths } from '../../runners/core/kitPaths.js';
import { kitIdentity } from '../../runners/verdict/kitIdentity.js';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'ipc-conformance-kit-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-C', cwd, ...args], { encoding: 'utf8' }).trim();
const manifest = (version: string) => JSON.stringify({ name: 'ipc-conformance', version });

describe('kit identity', () => {
  test('this checkout: the package version and the HEAD commit', async () => {
    const { version } = JSON.parse(readFileSync(join(kitPaths.root, 'package.json'), 'utf8')) as { version: string };
    expect(await kitIdentity(kitPaths.root)).toEqual({ version, commit: git(kitPaths.root, 'rev-parse', 'HEAD') });
  });

  test('a copy outside any git checkout has no commit', async () => {
    const copy = join(scratch, 'installed');
    await mkdir(copy);
    await writeFile(join(copy, 'package.json'), manifest('9.8.7'));
    expect(await kitIdentity(copy)).toEqual({ version: '9.8.7', commit: null });
  });

  test('a copy inside another project’s repository does not take that repository’s commit', async () => {
    const project = join(scratch, 'project');
    const kit = join(project, 'node_modules', 'ipc-conformance');
    await mkdir(kit, { recursive: true });
    await writeFile(join(kit, 'package.json'), manifest('1.2.3'));
    git(project, 'init', '-q');
    git(project, '-c', 'user.name=t', '-c', 'user.email=t@localhost', 'commit', '-q', '--allow-empty', '-m', 'project');
    expect(await kitIdentity(kit)).toEqual({ version: '1.2.3', commit: null });
    // The same repository's top is a checkout of its own: there the commit is named.
    await writeFile(join(project, 'package.json'), manifest('1.2.3'));
    expect((await kitIdentity(project)).commit).toBe(git(project, 'rev-parse', 'HEAD'));
  });
});

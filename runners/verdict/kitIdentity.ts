// Which kit wrote a verdict file: the package version, and the git commit when the kit runs from a
// checkout. A verdict is only as good as the spec and probes that gave it, so a file compared months
// later must say which ones those were.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runCommand } from '../process/runCommand.js';
import type { KitIdentity } from './verdict.js';

/** The kit's version and commit; the commit is null when `root` is not the top of a git checkout. */
export async function kitIdentity(root: string): Promise<KitIdentity> {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown };
  const version = typeof manifest.version === 'string' && manifest.version !== '' ? manifest.version : '0.0.0';
  return { version, commit: await checkoutCommit(root) };
}

async function checkoutCommit(root: string): Promise<string | null> {
  // An installed package can sit inside someone else's repository (node_modules of a project): that
  // repository's HEAD is not the kit's, so the commit counts only when the kit's root is the top.
  const result = await runCommand(['git', '-C', root, 'rev-parse', '--show-toplevel', 'HEAD'], { timeoutMs: 10_000 }).catch(
    () => undefined,
  );
  if (result?.exitCode !== 0) return null;
  const [top, commit] = result.stdout.trim().split('\n');
  if (!top || !commit || resolve(top) !== resolve(root)) return null;
  return /^[0-9a-f]{40,64}$/.test(commit) ? commit : null;
}

// What the fleet tests share: runs of the kit made for the test, copies of a run as if another
// machine had made it, and the merged report's contents as Allure wrote them.
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { kitPaths } from '../../runners/core/kitPaths.js';
import { type CommandResult, runCommand } from '../../runners/process/runCommand.js';
import type { VerdictFile } from '../../runners/verdict/verdict.js';
import { cliCommand } from '../support/kit.js';

/** The kit's CLI with `args`, its reports (runs and the default matrix) kept under `reportsRoot`. */
export function cli(args: readonly string[], reportsRoot: string, timeoutMs = 180_000): Promise<CommandResult> {
  return runCommand([...cliCommand, ...args], { timeoutMs, cwd: kitPaths.root, env: { IPC_CONFORMANCE_REPORTS_ROOT: reportsRoot } });
}

/** A small real run of `environment` (pipe direction: three properties, a few seconds), in `reportsRoot`/<environment>. */
export async function smallRun(environment: string, reportsRoot: string): Promise<string> {
  const result = await cli(['run', '--env', environment, '--only', 'pipe.direction.*', '--no-report'], reportsRoot);
  // Exit 1 means a property failed: still a run with a verdict file, which is all a merge needs.
  if (result.exitCode !== 0 && result.exitCode !== 1)
    throw new Error(`run --env ${environment} exited ${result.exitCode}: ${result.stderr.trim().slice(-500)}`);
  return join(reportsRoot, environment);
}

export async function readJson<T>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, 'utf8')) as T;
}

/** What a copied run should look like it came from. */
export interface Disguise {
  /** The machine's host name, as a run on that machine records it. */
  machine?: string;
  /** When the run was written (a re-run of the same machine differs at least in this). */
  generatedAt?: string;
  /** Copy verdicts.json alone, as a user who copied only that file would. */
  verdictsOnly?: boolean;
}

/**
 * Copies a run's report folder (or only its verdict file) to `to`, rewriting the machine it
 * records, as if the same run had been made on another machine. Returns the verdict file's content.
 */
export async function copyRun(from: string, to: string, disguise: Disguise = {}): Promise<VerdictFile> {
  await mkdir(to, { recursive: true });
  if (!disguise.verdictsOnly && existsSync(join(from, 'allure-results')))
    await cp(join(from, 'allure-results'), join(to, 'allure-results'), { recursive: true });
  const file = await readJson<VerdictFile>(join(from, 'verdicts.json'));
  if (disguise.machine) {
    file.environment.machineHostname = disguise.machine;
    // A host run's own host name is its machine's; a container's or guest's stays its own.
    if (file.environment.name === 'host') file.environment.hostname = disguise.machine;
  }
  if (disguise.generatedAt) file.generatedAt = disguise.generatedAt;
  await writeFile(join(to, 'verdicts.json'), JSON.stringify(file, null, 2));
  return file;
}

/** The tests of a generated Allure report: test-results.json, written by Allure itself. */
export async function reportedTests(reportDir: string): Promise<{ name: string; status: string; environment: string }[]> {
  const results = await readJson<{ byId: Record<string, { name: string; status: string; environment: string }> }>(
    join(reportDir, 'test-results.json'),
  );
  return Object.values(results.byId);
}

/** The column headings of a matrix.md (after `property` and `kind`). */
export function matrixHeadings(markdown: string): string[] {
  const header = markdown.split('\n').find((line) => line.startsWith('| property | kind |'));
  if (!header) throw new Error('matrix.md has no table heading');
  return header
    .split(' | ')
    .slice(2)
    .map((cell) => cell.replace(/ \|$/, '').trim());
}

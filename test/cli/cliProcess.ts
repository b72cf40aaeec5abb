// How the CLI tests start the kit: the compiled command (`make build` first, as `make test` does),
// with a reports root of the test's own so that no test touches reports/, and the checks every
// error of the command line must pass.
import { expect } from 'vitest';
import { kitPaths } from '../../runners/core/kitPaths.js';
import { type CommandResult, runCommand } from '../../runners/process/runCommand.js';
import { cliCommand } from '../support/kit.js';

/** The escape character that starts every ANSI sequence; none may reach a log or a parser. */
export const ESC = String.fromCharCode(0x1b);

/** Runs `ipc-conformance ARGS` from the kit's folder with `env` added to this process's environment. */
export function cli(args: readonly string[], env: Record<string, string> = {}, timeoutMs = 30_000): Promise<CommandResult> {
  return runCommand([...cliCommand, ...args], { timeoutMs, env, cwd: kitPaths.root });
}

/** The one line a refused command line gives: exit status 2, nothing on stdout, no stack trace. */
export function onlyErrorLine(result: CommandResult): string {
  expect(result.timedOut).toBe(false);
  expect(result.exitCode, result.stderr).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^ipc-conformance: error: \S/);
  return lines[0]!.replace(/^ipc-conformance: error: /, '');
}

// The host as a place where a command runs: directly, in a scratch TMPDIR of its own that is
// removed afterwards, whatever the command left there. The host environment, the namespace holders
// (through nsenter) and the host side of an `ipc-host` pair all run commands this way.
import { join } from 'node:path';
import { fixtureBinaryName } from '../core/fixtureBinary.js';
import { kitPaths } from '../core/kitPaths.js';
import { type CommandResult, runCommand } from '../process/runCommand.js';
import { temporaryFolder } from '../process/temporaryFolder.js';
import type { ExecOptions, Place } from './environment.js';

/** Runs argv on this machine in a scratch TMPDIR that is removed afterwards, whatever the probe left. */
export async function execInScratchDir(
  argv: readonly string[],
  options: ExecOptions,
  extraEnv: Record<string, string> = {},
): Promise<CommandResult> {
  const scratch = temporaryFolder('ipc-conformance-run-');
  try {
    return await runCommand(argv, { timeoutMs: options.timeoutMs, env: { ...extraEnv, ...options.env, TMPDIR: scratch.path } });
  } finally {
    scratch.remove();
  }
}

/** The argv that starts fixture program `fixture` on this machine. */
export function hostFixtureCommand(fixture: string): string[] {
  return [join(kitPaths.fixtureBinaries, fixtureBinaryName(fixture))];
}

/** Whether argv starts the host's FFI entry (Node and dist/runners/ffi/main.js), as the host's ffiCommand() spells it. */
export function isFfiCommand(argv: readonly string[]): boolean {
  return argv[0] === process.execPath && argv[1] === kitPaths.ffiEntry;
}

/** The host machine as a place: a fixture runs directly, in a scratch TMPDIR. */
export const hostPlace: Place = {
  description: 'the host',
  exec: (argv, options) => execInScratchDir(argv, options),
  fixtureCommand: hostFixtureCommand,
};

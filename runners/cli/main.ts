// The `ipc-conformance` command line. Every mistake of the caller or of a spec ends as one line on
// stderr and exit status 2 (commander's own parse errors too: program.ts words them); a finding
// (a property failed, runs differ) is exit status 1; help and --version print on stdout and exit 0.
//
// The commands are imported only after the environment settings are checked: some of the modules
// they load make temporary folders as they are imported, and a bad TMPDIR would end there as a
// stack trace instead of one line.
import { SpecError } from '../../specs/validate.js';
import { UsageError } from '../core/errors.js';
import { kitPaths } from '../core/kitPaths.js';
import { VerdictFileError } from '../verdict/readVerdictFile.js';
import { checkSettings } from './checkSettings.js';

/** Whether the command line asks for help, which is the only output that lists the environments. */
const asksForHelp = (argv: string[]) => argv.some((word) => word === 'help' || word === '--help' || word === '-h');
/** Whether it asks for the version, the only output that needs git (for the commit). */
const asksForVersion = (argv: string[]) => argv.some((word) => word === '--version' || word === '-V');

async function main(argv: string[]): Promise<number> {
  checkSettings();
  const { buildProgram, CommandLineEnded, versionLine } = await import('./program.js');
  const environments = asksForHelp(argv) ? (await import('../environments/registry.js')).ENVIRONMENT_NAMES : [];
  const identity = asksForVersion(argv) ? await (await import('../verdict/kitIdentity.js')).kitIdentity(kitPaths.root) : undefined;
  const version = identity ? versionLine(identity) : 'ipc-conformance';
  const context = { environments, exitCode: 0 };
  const program = buildProgram(context, version);
  const names = program.commands.map((command) => command.name()).join(', ');
  if (argv.length === 0) throw new UsageError(`which command? (commands: ${names}; --help shows the usage)`);
  // commander answers `help <unknown>` with the whole help and status 1; it is a mistake like any other.
  const [first, second] = argv;
  if (first === 'help' && second !== undefined && !program.commands.some((command) => command.name() === second))
    throw new UsageError(`unknown command '${second}' (commands: ${names})`);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommandLineEnded) return error.exitCode;
    throw error;
  }
  return context.exitCode;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  const known = error instanceof UsageError || error instanceof SpecError || error instanceof VerdictFileError;
  // One line: a message that spans several (a compiler's, a library's) is cut to its first.
  process.stderr.write(`ipc-conformance: error: ${String((error as Error).message ?? error).split('\n')[0]}\n`);
  if (!known && process.env.IPC_CONFORMANCE_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
  process.exitCode = 2;
}

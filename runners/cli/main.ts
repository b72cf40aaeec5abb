// The `ipc-conformance` command line. Every mistake of the caller or of a spec ends as one line on
// stderr and exit status 2 (a missing command too: the line points to --help); a run with a failed
// or broken property exits 1. `--help` prints the usage on stdout and exits 0.
//
// The commands are imported only after the environment settings are checked: some of the modules
// they load make temporary folders as they are imported, and a bad TMPDIR would end there as a
// stack trace instead of one line.
import { parseArgs } from 'node:util';
import { SpecError } from '../../specs/validate.js';
import { UsageError } from '../core/errors.js';
import { VerdictFileError } from '../verdict/readVerdictFile.js';
import { checkSettings } from './checkSettings.js';
import { COMMAND_NAMES, COMMANDS, OPTIONS, type OptionValues } from './commands.js';

async function usage(): Promise<string> {
  const { ENVIRONMENT_NAMES } = await import('../environments/registry.js');
  return `usage:
${COMMAND_NAMES.map((name) => `  ipc-conformance ${COMMANDS[name].usage}`).join('\n')}

  --env    where probes run (known: ${ENVIRONMENT_NAMES.join(', ')}; default host)
  --only   comma-separated globs over property ids (bench: over workload ids), e.g. 'pipe.*,fifo.blocking.*'
  --specs  a folder of *.spec.js files to use instead of the kit's own specs`;
}

async function main(argv: string[]): Promise<number> {
  checkSettings();
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  const [command, ...rest] = positionals;
  if (values.help) {
    console.log(await usage());
    return 0;
  }
  if (!command) throw new UsageError(`which command? (commands: ${COMMAND_NAMES.join(', ')}; --help shows the usage)`);
  if (!(COMMAND_NAMES as string[]).includes(command))
    throw new UsageError(`unknown command '${command}' (commands: ${COMMAND_NAMES.join(', ')})`);
  const chosen = COMMANDS[command as keyof typeof COMMANDS];
  const misplaced = Object.keys(values).find((option) => !(chosen.options as readonly string[]).includes(option));
  if (misplaced) throw new UsageError(`${command} does not take --${misplaced}`);
  if (values.env !== undefined) {
    (await import('../environments/registry.js')).checkEnvironmentName(values.env);
  }
  if (values.only !== undefined && values.only.trim() === '')
    throw new UsageError('--only is empty: name at least one glob, e.g. --only pipe.*');
  return chosen.run(values as OptionValues, rest);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  const known =
    error instanceof UsageError ||
    error instanceof SpecError ||
    error instanceof VerdictFileError ||
    (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  // One line: a message that spans several (a compiler's, a library's) is cut to its first.
  process.stderr.write(`ipc-conformance: error: ${String((error as Error).message ?? error).split('\n')[0]}\n`);
  if (!known && process.env.IPC_CONFORMANCE_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
  process.exitCode = 2;
}

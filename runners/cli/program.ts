// The `ipc-conformance` command line as commander sees it: the commands, --version, the help (with
// exit statuses and environment variables), and every parse error turned into the kit's one line.
// commander prints nothing of its own errors here: each becomes a UsageError (exit status 2) whose
// message says what was wrong in this command's terms, on one line.
import { Command, type CommanderError } from 'commander';
import { UsageError } from '../core/errors.js';
import type { KitIdentity } from '../verdict/verdict.js';
import { addAuditCommands } from './auditCommands.js';
import { optionNames } from './commandOptions.js';
import { addConformanceCommands, type CommandContext } from './commands.js';
import { programHelpEpilogue } from './helpText.js';

/** The parse ended as asked (help or version shown): exit with `exitCode`, print nothing more. */
export class CommandLineEnded extends Error {
  constructor(readonly exitCode: number) {
    super('command line ended');
  }
}

/** `list`, `kernels fetch`: how the user spells the command. */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let at: Command | null = command; at?.parent; at = at.parent) names.unshift(at.name());
  return names.join(' ');
}

/** The first quoted word of commander's message: the option, command or argument it is about. */
const quoted = (message: string) => /'([^']*)'/.exec(message)?.[1] ?? '';

/** commander's message on one line, without its `error: ` prefix. */
const oneLine = (message: string) =>
  message
    .replace(/^error: /, '')
    .replace(/\s*\n\s*/g, ' ')
    .trim();

/** The kit's line for an error commander found in `command`'s part of the command line. */
function commandLineError(command: Command, error: CommanderError): Error {
  if (['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(error.code)) return new CommandLineEnded(error.exitCode);
  const path = commandPath(command);
  const usage = `usage: ipc-conformance ${path} ${command.usage()}`.replace(/\s+/g, ' ');
  switch (error.code) {
    case 'commander.unknownOption': {
      const suggestion = /\(Did you mean (\S+)\?\)/.exec(error.message)?.[1];
      const option = quoted(error.message);
      if (!path) return new UsageError(`unknown option '${option}' before the command (ipc-conformance help lists the commands)`);
      return new UsageError(
        `${path} does not take ${option} (${suggestion ? `did you mean ${suggestion}?` : `${path} takes ${optionNames(command)}`})`,
      );
    }
    case 'commander.unknownCommand':
      return new UsageError(`unknown command '${quoted(error.message)}' (commands: ${commandNames(command).join(', ')})`);
    case 'commander.excessArguments':
      return new UsageError(`${path}: unexpected argument '${command.args[command.registeredArguments.length]}' (${usage})`);
    case 'commander.missingArgument':
      return new UsageError(`${path}: ${oneLine(error.message)} (${usage})`);
    default:
      return new UsageError(`${path ? `${path}: ` : ''}${oneLine(error.message)}`);
  }
}

/** The commands under `command`, as the unknown-command line lists them. */
const commandNames = (command: Command) => command.commands.map((sub) => sub.name()).filter((name) => name !== 'help');

/** Makes every command throw the kit's line instead of printing commander's and exiting. */
function throwKitErrors(command: Command): void {
  command.exitOverride((error) => {
    throw commandLineError(command, error);
  });
  command.configureOutput({ outputError: () => undefined });
  for (const sub of command.commands) throwKitErrors(sub);
}

/** The version line: the package's version, and the commit of a git checkout. */
export function versionLine({ version, commit }: KitIdentity): string {
  return `ipc-conformance ${version}${commit ? ` (commit ${commit.slice(0, 12)})` : ''}`;
}

/**
 * The whole command line; parsing it runs the command, whose exit status lands in `context`.
 * `version` is the line --version prints.
 */
export function buildProgram(context: CommandContext, version: string): Command {
  const program = new Command('ipc-conformance')
    .description('Checks what Linux IPC is documented to do (man pages, POSIX) against what this system does.')
    .version(version, '-V, --version', "print the kit's version (and git commit) and exit")
    .helpOption('-h, --help', 'print this help and exit')
    .helpCommand('help [command]', 'the help of a command (its options and exit statuses)')
    .addHelpText('after', programHelpEpilogue());
  addConformanceCommands(program, context);
  addAuditCommands(program, context);
  // An option belongs to the command it follows: `kernels fetch --only x` is refused, not read as kernels'.
  for (const command of [program, ...program.commands]) if (command.commands.length) command.enablePositionalOptions();
  throwKitErrors(program);
  return program;
}

// The `ipc-conformance` command line. Every mistake of the caller or of a spec ends as one line on
// stderr and exit status 2 (a missing command too: the line points to --help); a run with a failed
// or broken property exits 1. `--help` prints the usage on stdout and exits 0.
//
// The commands are imported only after the environment settings are checked: some of the modules
// they load make temporary folders as they are imported, and a bad TMPDIR would end there as a
// stack trace instead of one line.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EXERCISE_RUN_BOUNDS } from '../../exercises/exerciseSchema.js';
import { SpecError } from '../../specs/validate.js';
import { VerdictFileError } from '../verdict/readVerdictFile.js';
import { checkSettings } from './checkSettings.js';
import { UsageError } from './usageError.js';

const COMMANDS = ['list', 'run', 'report', 'matrix', 'diff', 'claims', 'bench', 'soak', 'exercise'] as const;
type Command = (typeof COMMANDS)[number];

/** The options each command reads; any other is refused rather than silently ignored. */
const OPTIONS_OF: Record<Exclude<Command, 'bench'>, readonly string[]> = {
  list: ['only', 'specs', 'lang'],
  run: ['env', 'only', 'specs', 'no-report'],
  report: ['env'],
  matrix: ['envs', 'only', 'specs'],
  diff: [],
  claims: ['envs'],
  soak: ['env', 'times', 'only', 'specs'],
  exercise: ['src', 'runs', 'no-report'],
};

async function usage(): Promise<string> {
  const { ENVIRONMENT_NAMES } = await import('../environments/registry.js');
  return `usage:
  ipc-conformance list [--only GLOBS] [--specs DIR] [--lang en|zh]
  ipc-conformance run [--env NAME] [--only GLOBS] [--specs DIR] [--no-report]
  ipc-conformance report [--env NAME]      rebuild the HTML report of the last run
  ipc-conformance matrix [--envs A,B] [--only GLOBS]   run every available environment, compare
  ipc-conformance diff A B                 what differs between two runs (report folders, verdict files or env names)
  ipc-conformance claims [--envs A,B]      the tutorial's claims decided per environment → reports/claims.md
  ipc-conformance bench [--env NAME] [--reps N] [--throughput-ms MS] [--quick]   IPC performance → reports/bench/<env>/
  ipc-conformance soak [--env NAME] [--times N] [--only GLOBS]   the suite N times; every verdict that changed
  ipc-conformance exercise NN [--src FILE.c|DIR] [--runs N] [--no-report]   an exercise's checks on a program

  --env    where probes run (known: ${ENVIRONMENT_NAMES.join(', ')}; default host)
  --only   comma-separated globs over property ids, e.g. 'pipe.*,fifo.blocking.*'
  --specs  a folder of *.spec.js files to use instead of the kit's own specs`;
}

async function main(argv: string[]): Promise<number> {
  checkSettings();
  if (argv[0] === 'bench') return (await import('../../bench/benchCommand.js')).benchCommand(argv.slice(1)); // has options of its own
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      env: { type: 'string' },
      envs: { type: 'string' },
      only: { type: 'string' },
      specs: { type: 'string' },
      lang: { type: 'string' },
      src: { type: 'string' },
      runs: { type: 'string' },
      times: { type: 'string' },
      'no-report': { type: 'boolean' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help) {
    console.log(await usage());
    return 0;
  }
  if (!command) throw new UsageError(`which command? (commands: ${COMMANDS.join(', ')}; --help shows the usage)`);
  if (!(COMMANDS as readonly string[]).includes(command)) throw new UsageError(`unknown command '${command}' (commands: ${COMMANDS.join(', ')})`);
  const known = command as Exclude<Command, 'bench'>;
  const misplaced = Object.keys(values).find((option) => option !== 'help' && !OPTIONS_OF[known].includes(option));
  if (misplaced) throw new UsageError(`${command} does not take --${misplaced}`);
  const environment = values.env ?? 'host';
  if (values.env !== undefined) {
    const { ENVIRONMENT_NAMES } = await import('../environments/registry.js');
    if (!ENVIRONMENT_NAMES.includes(environment)) throw new UsageError(`unknown environment '${environment}' (known: ${ENVIRONMENT_NAMES.join(', ')})`);
  }
  if (values.only !== undefined && values.only.trim() === '') throw new UsageError('--only is empty: name at least one glob, e.g. --only pipe.*');
  const report = !values['no-report'];
  if (known === 'diff') return (await import('./compareCommands.js')).diffCommand(rest[0], rest[1], rest.slice(2));
  if (known === 'exercise') {
    const { min, max } = EXERCISE_RUN_BOUNDS.runs;
    // The lower bound and the integer rule are the exercise command's own; the upper one keeps a
    // typo such as 1e9 from running for days.
    if (values.runs !== undefined && Number(values.runs) > max) throw new UsageError(`--runs must be from ${min} to ${max}, not '${values.runs}'`);
    if (rest.length > 1) throw new UsageError(`unexpected argument '${rest[1]}' (one exercise at a time)`);
    return (await import('./exerciseCommand.js')).exerciseCommand(rest[0], { src: values.src, runs: values.runs, report });
  }
  if (rest.length) throw new UsageError(`unexpected argument '${rest[0]}'`);
  if (values.specs !== undefined) process.env.IPC_CONFORMANCE_SPECS = resolve(values.specs);
  if (known === 'list') {
    const lang = values.lang ?? 'en';
    if (lang !== 'en' && lang !== 'zh') throw new UsageError(`--lang must be en or zh, not '${lang}'`);
    console.log(await (await import('./listProperties.js')).listProperties(values.only, lang));
    return 0;
  }
  if (known === 'run') {
    return (await (await import('./conformanceRun.js')).runConformance({ environment, only: values.only, report })).exitCode;
  }
  if (known === 'soak') return (await import('./soakCommand.js')).soakCommand({ environment, times: values.times, only: values.only });
  if (known === 'matrix') return (await import('./compareCommands.js')).matrixCommand({ environments: values.envs, only: values.only });
  if (known === 'claims') return (await import('./claimsCommand.js')).claimsCommand(values.envs);
  console.log(`report: ${await (await import('./conformanceRun.js')).rebuildReport(environment)}`);
  return 0;
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

// Every command of `ipc-conformance`, in one table: its usage line, the options it reads and what
// runs it. main.ts parses the command line once against this table; a command's module is loaded
// only when it runs (some modules make temporary folders as they load, which must wait until the
// settings are checked).
import { resolve } from 'node:path';
import { EXERCISE_RUN_BOUNDS } from '../../exercises/exerciseSchema.js';
import { UsageError } from '../core/errors.js';

/** The option values of one command line (node:util parseArgs over OPTIONS). */
export type OptionValues = { [name in keyof typeof OPTIONS]?: (typeof OPTIONS)[name]['type'] extends 'boolean' ? boolean : string };

/** Every option any command takes; each command names the ones it reads. */
export const OPTIONS = {
  env: { type: 'string' },
  envs: { type: 'string' },
  only: { type: 'string' },
  specs: { type: 'string' },
  lang: { type: 'string' },
  src: { type: 'string' },
  runs: { type: 'string' },
  times: { type: 'string' },
  reps: { type: 'string' },
  'throughput-ms': { type: 'string' },
  quick: { type: 'boolean' },
  seed: { type: 'string' },
  'no-report': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** One command: how it is written, which options it reads, and what runs it. */
export interface Command {
  usage: string;
  options: readonly (keyof typeof OPTIONS)[];
  run(values: OptionValues, args: string[]): Promise<number>;
}

/** The folder `--specs` names, absolute, or undefined for the kit's own specs. */
const specsDir = (values: OptionValues) => (values.specs === undefined ? undefined : resolve(values.specs));

/** Refuses arguments beyond the `allowed` positional ones. */
function noMoreThan(allowed: number, args: string[], why = ''): void {
  if (args.length > allowed) throw new UsageError(`unexpected argument '${args[allowed]}'${why}`);
}

export const COMMANDS = {
  list: {
    usage: 'list [--only GLOBS] [--specs DIR] [--lang en|zh]',
    options: ['only', 'specs', 'lang'],
    async run(values, args) {
      noMoreThan(0, args);
      const lang = values.lang ?? 'en';
      if (lang !== 'en' && lang !== 'zh') throw new UsageError(`--lang must be en or zh, not '${lang}'`);
      console.log(await (await import('./listProperties.js')).listProperties(values.only, lang, specsDir(values)));
      return 0;
    },
  },
  run: {
    usage: 'run [--env NAME] [--only GLOBS] [--specs DIR] [--no-report]',
    options: ['env', 'only', 'specs', 'no-report'],
    async run(values, args) {
      noMoreThan(0, args);
      const { runConformance } = await import('./conformanceRun.js');
      const options = { environment: values.env ?? 'host', only: values.only, specsDir: specsDir(values), report: !values['no-report'] };
      return (await runConformance(options)).exitCode;
    },
  },
  report: {
    usage: 'report [--env NAME]      rebuild the HTML report of the last run',
    options: ['env'],
    async run(values, args) {
      noMoreThan(0, args);
      console.log(`report: ${await (await import('./conformanceRun.js')).rebuildReport(values.env ?? 'host')}`);
      return 0;
    },
  },
  matrix: {
    usage: 'matrix [--envs A,B] [--only GLOBS]   run every available environment, compare',
    options: ['envs', 'only', 'specs'],
    async run(values, args) {
      noMoreThan(0, args);
      return (await import('./compareCommands.js')).matrixCommand({
        environments: values.envs,
        only: values.only,
        specsDir: specsDir(values),
      });
    },
  },
  diff: {
    usage: 'diff A B                 what differs between two runs (report folders, verdict files or env names)',
    options: [],
    async run(_values, args) {
      return (await import('./compareCommands.js')).diffCommand(args[0], args[1], args.slice(2));
    },
  },
  claims: {
    usage: "claims [--envs A,B]      the tutorial's claims decided per environment → reports/claims.md",
    options: ['envs'],
    async run(values, args) {
      noMoreThan(0, args);
      return (await import('./claimsCommand.js')).claimsCommand(values.envs);
    },
  },
  bench: {
    usage:
      'bench [--env NAME] [--reps N] [--throughput-ms MS] [--quick] [--only GLOBS] [--seed N]   IPC performance → reports/bench/<env>/',
    options: ['env', 'reps', 'throughput-ms', 'quick', 'only', 'seed'],
    async run(values, args) {
      const bench = await import('../bench/benchCommand.js');
      return bench.benchCommand(bench.benchOptionsFrom(values, args));
    },
  },
  soak: {
    usage: 'soak [--env NAME] [--times N] [--only GLOBS]   the suite N times; every verdict that changed',
    options: ['env', 'times', 'only', 'specs'],
    async run(values, args) {
      noMoreThan(0, args);
      const options = { environment: values.env ?? 'host', times: values.times, only: values.only, specsDir: specsDir(values) };
      return (await import('./soakCommand.js')).soakCommand(options);
    },
  },
  kernels: {
    usage: 'kernels [--only GLOBS] | kernels fetch [PACKAGE...]   host, uml and every cached qemu kernel → reports/kernels.md',
    options: ['only'],
    async run(values, args) {
      const kernels = await import('./kernelsCommand.js');
      if (args[0] === 'fetch') return kernels.fetchKernelsCommand(args.slice(1));
      noMoreThan(0, args, " (the only sub-command is 'fetch')");
      return kernels.kernelsCommand({ only: values.only });
    },
  },
  coverage: {
    usage: 'coverage [--specs DIR]   the reference suites decided by properties → reports/coverage.{md,json}',
    options: ['specs'],
    async run(values, args) {
      noMoreThan(0, args);
      return (await import('../coverage/coverageCommand.js')).coverageCommand(specsDir(values));
    },
  },
  exercise: {
    usage: "exercise NN [--src FILE.c|DIR] [--runs N] [--no-report]   an exercise's checks on a program",
    options: ['src', 'runs', 'no-report'],
    async run(values, args) {
      const { min, max } = EXERCISE_RUN_BOUNDS.runs;
      // The lower bound and the integer rule are the exercise command's own; the upper one keeps a
      // typo such as 1e9 from running for days.
      if (values.runs !== undefined && Number(values.runs) > max)
        throw new UsageError(`--runs must be from ${min} to ${max}, not '${values.runs}'`);
      noMoreThan(1, args, ' (one exercise at a time)');
      const options = { src: values.src, runs: values.runs, report: !values['no-report'] };
      return (await import('./exerciseCommand.js')).exerciseCommand(args[0], options);
    },
  },
} satisfies Record<string, Command>;

/** A command's name. */
export type CommandName = keyof typeof COMMANDS;

/** The command names, in the order the usage lists them. */
export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

// The commands beside the conformance run: the tutorial's claims, coverage of the reference suites,
// performance measurements and the exercises. As in commands.ts, each names its options and exit
// statuses, and its module is imported only when it runs.
import { type Command, Option } from 'commander';
import { EXERCISE_RUN_BOUNDS } from '../../exercises/exerciseSchema.js';
import { UsageError } from '../core/errors.js';
import { envOption, envsOption, onlyOption, outputOption, specsOption } from './commandOptions.js';
import type { CommandContext } from './commands.js';
import { ensureFixtures } from './ensureFixtures.js';
import { exitStatusHelp } from './helpText.js';
import { claimOutputFolder } from './outputFolder.js';

interface BenchValues {
  env?: string;
  reps?: string;
  throughputMs?: string;
  quick?: boolean;
  only?: string;
  seed?: string;
  output?: string;
}

export function addAuditCommands(program: Command, context: CommandContext): void {
  const done = (code: number) => {
    context.exitCode = code;
  };

  program
    .command('claims')
    .summary("the tutorial's claims decided in every environment that has verdicts")
    .description("Decides the tutorial's claims from each environment's last run and writes claims.md (bilingual) and claims.json.")
    .addOption(envsOption('whose verdicts decide the claims (default: every one that has verdicts)'))
    .addOption(outputOption('the folder for claims.md and claims.json, instead of reports/'))
    .addHelpText('after', exitStatusHelp({ 0: 'claims.md and claims.json were written' }))
    .action(async (values: { envs?: string; output?: string }) => {
      ensureFixtures();
      done(await (await import('./claimsCommand.js')).claimsCommand(values.envs, { outputDir: values.output }));
    });

  program
    .command('coverage')
    .summary("the reference suites' assertions the properties decide")
    .description('Counts the Open POSIX, LTP and gVisor assertions the properties decide; writes coverage.md and coverage.json.')
    .addOption(specsOption())
    .addOption(outputOption('the folder for coverage.md and coverage.json, instead of reports/'))
    .addHelpText('after', exitStatusHelp({ 0: 'coverage.md and coverage.json were written' }))
    .action(async (values: { specs?: string; output?: string }) => {
      ensureFixtures();
      done(await (await import('./coverageCommand.js')).coverageCommand({ specsDir: values.specs, outputDir: values.output }));
    });

  program
    .command('bench')
    .summary('IPC performance of every mechanism, measured in one environment')
    .description('Measures latency, throughput and costs of every workload in shuffled repetitions; writes reports/bench/<env>/.')
    .addOption(envOption(context.environments))
    .option('--reps <n>', 'measured repetitions per workload')
    .option('--throughput-ms <ms>', 'how long each throughput measurement runs')
    .option('--quick', 'shorter measurements, for a first look')
    .addOption(onlyOption('workload ids'))
    .option('--seed <n>', 'the shuffle seed, to repeat an order')
    .addOption(outputOption('the folder for bench.json, bench.md, the chart and the report, instead of reports/bench/<env>'))
    .addHelpText('after', exitStatusHelp({ 0: 'every workload was measured (or is unavailable, with the reason)', 1: 'a workload broke' }))
    .action(async (values: BenchValues) => {
      ensureFixtures();
      const bench = await import('../bench/benchCommand.js');
      // benchOptionsFrom reads the options as typed on the command line (and checks --env itself).
      const typed = { env: values.env, reps: values.reps, 'throughput-ms': values.throughputMs, quick: values.quick, only: values.only };
      const asTyped = { ...typed, seed: values.seed, output: values.output };
      const options = bench.benchOptionsFrom(asTyped);
      // A bench that does not know --output would write to reports/ while the caller looks elsewhere.
      if (values.output !== undefined && !('output' in options)) throw new UsageError('bench cannot write to --output in this build');
      // The same rule as every other --output: a new, empty or the kit's own folder, checked before measuring.
      if (values.output !== undefined) await claimOutputFolder(values.output, 'bench');
      done(await bench.benchCommand(options));
    });

  const { min, max } = EXERCISE_RUN_BOUNDS.runs;
  program
    .command('exercise')
    .summary("an exercise's checks on its starter or on your program")
    .description('Compiles and runs a C program in the exercise sandbox and checks what it does; writes an Allure report of the checks.')
    .argument('<NN>', 'the exercise: its number (01) or folder name (01-pipe)')
    .option('--src <path>', 'your program: a .c file or a folder of them (default: the starter)')
    .addOption(
      new Option('--runs <n>', `how many times the program runs, ${min} to ${max} (default: the exercise's own)`).argParser(
        (value: string) => {
          // The lower bound and the integer rule are the exercise command's own; the upper one keeps a
          // typo such as 1e9 from running for days.
          if (Number(value) > max) throw new UsageError(`--runs must be from ${min} to ${max}, not '${value}'`);
          return value;
        },
      ),
    )
    .addOption(outputOption('the folder for the check report, instead of reports/exercises/<exercise>/').conflicts('report'))
    .option('--no-report', 'print the checks only')
    .addHelpText('after', exitStatusHelp({ 0: 'every check held', 1: 'a check failed, or the program does not compile' }))
    .action(async (exercise: string, values: { src?: string; runs?: string; report: boolean; output?: string }) => {
      ensureFixtures();
      const options = { src: values.src, runs: values.runs, report: values.report, outputDir: values.output };
      done(await (await import('./exerciseCommand.js')).exerciseCommand(exercise, options));
    });
}

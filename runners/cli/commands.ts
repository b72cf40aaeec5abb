// The commands that check properties and compare the results: list, run, report, matrix, diff,
// soak, kernels. Each names its options (so that any other is refused), its exit statuses, and what
// runs it; a command's module is imported only when it runs, because some modules make temporary
// folders as they load, which must wait until main.ts has checked the settings.
import { type Command, Option } from 'commander';
import { RUN_FORMATS, type RunFormat } from '../formats/runFormats.js';
import { envOption, envsOption, oneOf, onlyOption, outputOption, portNumber, specsOption } from './commandOptions.js';
import { ensureFixtures } from './ensureFixtures.js';
import { exitStatusHelp } from './helpText.js';

/** What the commands share while the command line is parsed and run. */
export interface CommandContext {
  /** The environment names `--env` takes, for the help (empty when no help is shown). */
  environments: readonly string[];
  /** Set by the command that ran. */
  exitCode: number;
}

/** Rejects an unknown `--env` name in one line, before any work. */
async function checkEnvironment(name: string | undefined): Promise<string> {
  const environment = name ?? 'host';
  (await import('../environments/registry.js')).checkEnvironmentName(environment);
  return environment;
}

interface SelectionValues {
  env?: string;
  only?: string;
  specs?: string;
  output?: string;
}

export function addConformanceCommands(program: Command, context: CommandContext): void {
  const done = (code: number) => {
    context.exitCode = code;
  };

  program
    .command('list')
    .summary('the properties the kit checks, with their claims and sources')
    .description('Lists the selected properties: mechanism, id, kind, claim and sources (with --json, as one JSON array).')
    .addOption(onlyOption())
    .addOption(specsOption())
    .addOption(new Option('--lang <language>', "the claims' language: en (default) or zh").argParser(oneOf('--lang', ['en', 'zh'])))
    .option('--json', 'print one JSON array: id, mechanism, kind, requires, sources and claim of each property')
    .addHelpText('after', exitStatusHelp({ 0: 'the list was printed' }))
    .action(async (values: SelectionValues & { lang?: 'en' | 'zh'; json?: boolean }) => {
      ensureFixtures();
      const list = await import('./listProperties.js');
      console.log(
        values.json
          ? await list.listPropertiesJson(values.only, values.specs)
          : await list.listProperties(values.only, values.lang ?? 'en', values.specs),
      );
      done(0);
    });

  program
    .command('run')
    .summary('check the selected properties in one environment')
    .description(
      'Checks the selected properties in one environment, then writes verdicts.json, junit.xml, results.ktap, kcidb.json, ' +
        'the Allure results and report into a folder of the run (reports/runs/…, pointed at by reports/<env>) or into --output.',
    )
    .addOption(envOption(context.environments))
    .addOption(onlyOption())
    .addOption(specsOption())
    .addOption(outputOption("the run's folder: every file of the run goes there and reports/<env> is left as it was"))
    .addOption(
      new Option(
        '--format <format>',
        `what stdout carries: ${RUN_FORMATS.join(', ')} (default text, the summary); any other holds only that format, the lines for people going to stderr`,
      ).argParser(oneOf('--format', RUN_FORMATS)),
    )
    .option('--no-report', 'skip the Allure HTML report (its results are still written)')
    .addHelpText('after', exitStatusHelp({ 0: 'every property held (passed or skipped)', 1: 'a property failed or broke' }))
    .action(async (values: SelectionValues & { format?: RunFormat; report: boolean }) => {
      const environment = await checkEnvironment(values.env);
      ensureFixtures();
      const { runConformance } = await import('./conformanceRun.js');
      const options = { environment, only: values.only, specsDir: values.specs, report: values.report, outputDir: values.output };
      done((await runConformance({ ...options, format: values.format ?? 'text' })).exitCode);
    });

  program
    .command('report')
    .summary("rebuild (or serve) the HTML report of an environment's last run")
    .description(
      "Rebuilds the Allure report of reports/<env>'s run, or of the run folder --output names; with --serve, serves " +
        'that report on 127.0.0.1 (building it first where the run has none) until Ctrl-C or SIGTERM.',
    )
    .addOption(envOption(context.environments).conflicts('output'))
    .addOption(new Option('--output <dir>', 'the folder a `run --output` wrote, instead of reports/<env>'))
    .option('--serve', 'serve the report over HTTP on 127.0.0.1 until stopped, and print its address')
    .addOption(
      new Option('--port <number>', 'the port to serve on (default 0: any free one)').argParser(portNumber).implies({ serve: true }),
    )
    .addHelpText('after', exitStatusHelp({ 0: 'the report was written, or served until Ctrl-C or SIGTERM' }))
    .action(async (values: SelectionValues & { serve?: boolean; port?: number }) => {
      const environment = await checkEnvironment(values.env);
      const { reportCommand } = await import('./reportCommand.js');
      const serve = values.serve ? { port: values.port ?? 0 } : undefined;
      done(await reportCommand({ environment, runDir: values.output, serve }));
    });

  program
    .command('matrix')
    .summary('every available environment side by side, or verdict folders of other machines merged')
    .description(
      'Runs the selected properties in every available environment (or those --envs names), or merges the verdict ' +
        'folders and files --from names, into matrix.md, matrix.html and one Allure report.',
    )
    .addOption(envsOption('to run (default: every environment the kit knows)'))
    .addOption(new Option('--from <folders...>', 'verdict folders or files (copied from other machines) to merge instead of running'))
    .addOption(onlyOption())
    .addOption(specsOption())
    .addOption(outputOption('the folder for the matrix, its report and the runs'))
    .addHelpText('after', exitStatusHelp({ 0: 'the matrix was written (divergences are its content, not an error)' }))
    .action(async (values: SelectionValues & { envs?: string; from?: string[] }) => {
      ensureFixtures();
      const { matrixCommand } = await import('./compareCommands.js');
      const options = { environments: values.envs, only: values.only, specsDir: values.specs, from: values.from };
      done(await matrixCommand({ ...options, output: values.output }));
    });

  program
    .command('diff')
    .summary('what differs between two runs')
    .description('Lists every property whose verdict, or a fact its expectation pins down, differs between two runs.')
    .argument('<A>', 'a run: a report folder, a verdict file or an environment name (its reports/<env>)')
    .argument('<B>', 'the run to compare it with, named the same ways')
    .addHelpText('after', exitStatusHelp({ 0: 'nothing differs', 1: 'the runs differ (both values shown)' }))
    .action(async (a: string, b: string) => {
      done(await (await import('./compareCommands.js')).diffCommand(a, b));
    });

  program
    .command('soak')
    .summary('the suite N times in a row; every verdict that changed')
    .description('Runs the selected properties N times in one environment and lists every property whose verdict or pinned facts changed.')
    .addOption(envOption(context.environments))
    .option('--times <n>', 'how many runs, at least 2 (default 20)')
    .addOption(onlyOption())
    .addOption(specsOption())
    .addOption(outputOption('the folder for soak.json, soak.md and the last run, instead of reports/soak/<env>'))
    .addHelpText('after', exitStatusHelp({ 0: 'no verdict changed', 1: 'a verdict changed between runs' }))
    .action(async (values: SelectionValues & { times?: string }) => {
      const environment = await checkEnvironment(values.env);
      ensureFixtures();
      const { soakCommand } = await import('./soakCommand.js');
      done(await soakCommand({ environment, times: values.times, only: values.only, specsDir: values.specs, outputDir: values.output }));
    });

  const kernels = program
    .command('kernels')
    .summary('host, uml and every cached qemu kernel side by side')
    .description('Runs the selected properties on the host, under User-Mode Linux and in every qemu:<package> kernel of the cache.')
    .addOption(onlyOption())
    .addOption(outputOption("the folder for kernels.md, kernels.html, the report and each environment's run"))
    .addHelpText('after', exitStatusHelp({ 0: 'kernels.md and kernels.html were written' }))
    .action(async (values: SelectionValues) => {
      ensureFixtures();
      done(await (await import('./kernelsCommand.js')).kernelsCommand({ only: values.only, outputDir: values.output }));
    });
  kernels
    .command('fetch')
    .description("Fetches Debian kernel packages (default: the kit's set) into the kernel cache.")
    .argument('[packages...]', 'linux-image-…-amd64-unsigned package names')
    .addHelpText('after', exitStatusHelp({ 0: 'every kernel is in the cache' }))
    .action(async (packages: string[]) => {
      done(await (await import('./kernelsCommand.js')).fetchKernelsCommand(packages));
    });
}

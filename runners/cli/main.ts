// The `ipc-conformance` command line. Every mistake of the caller or of a spec ends as one line on
// stderr and exit status 2; a run with a failed or broken property exits 1.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { benchCommand } from '../../bench/benchCommand.js';
import { SpecError } from '../../specs/validate.js';
import { ENVIRONMENT_NAMES } from '../environments/registry.js';
import { claimsCommand } from './claimsCommand.js';
import { diffCommand, matrixCommand } from './compareCommands.js';
import { exerciseCommand } from './exerciseCommand.js';
import { soakCommand } from './soakCommand.js';
import { rebuildReport, runConformance } from './conformanceRun.js';
import { listProperties } from './listProperties.js';
import { UsageError } from './usageError.js';

const USAGE = `usage:
  ipc-conformance list [--only GLOBS] [--specs DIR] [--lang en|zh]
  ipc-conformance run [--env NAME] [--only GLOBS] [--specs DIR] [--no-report]
  ipc-conformance report [--env NAME]      rebuild the HTML report of the last run
  ipc-conformance matrix [--envs A,B] [--only GLOBS]   run every available environment, compare
  ipc-conformance diff A B                 what differs between two runs (report folders or env names)
  ipc-conformance claims [--envs A,B]      the tutorial's claims decided per environment → reports/claims.md
  ipc-conformance bench [--env NAME] [--reps N] [--throughput-ms MS] [--quick]   IPC performance → reports/bench/<env>/
  ipc-conformance soak [--env NAME] [--times N] [--only GLOBS]   the suite N times; every verdict that changed
  ipc-conformance exercise NN [--src FILE.c|DIR] [--runs N] [--no-report]   an exercise's checks on a program

  --env    where probes run (known: ${ENVIRONMENT_NAMES.join(', ')}; default host)
  --only   comma-separated globs over property ids, e.g. 'pipe.*,fifo.blocking.*'
  --specs  a folder of *.spec.js files to use instead of the kit's own specs`;

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'bench') return benchCommand(argv.slice(1)); // has options of its own
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      env: { type: 'string', default: 'host' },
      envs: { type: 'string' },
      only: { type: 'string' },
      specs: { type: 'string' },
      lang: { type: 'string', default: 'en' },
      src: { type: 'string' },
      runs: { type: 'string' },
      times: { type: 'string' },
      'no-report': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  if (command === 'diff') return diffCommand(rest[0], rest[1]);
  if (command === 'exercise') return exerciseCommand(rest[0], { src: values.src, runs: values.runs, report: !values['no-report'] });
  if (rest.length) throw new UsageError(`unexpected argument '${rest[0]}'`);
  if (values.specs) process.env.IPC_CONFORMANCE_SPECS = resolve(values.specs);
  if (command === 'list') {
    if (values.lang !== 'en' && values.lang !== 'zh') throw new UsageError(`--lang must be en or zh, not '${values.lang}'`);
    console.log(await listProperties(values.only, values.lang));
    return 0;
  }
  if (command === 'run') {
    return (await runConformance({ environment: values.env, only: values.only, report: !values['no-report'] })).exitCode;
  }
  if (command === 'soak') return soakCommand({ environment: values.env, times: values.times, only: values.only });
  if (command === 'matrix') return matrixCommand({ environments: values.envs, only: values.only });
  if (command === 'claims') return claimsCommand(values.envs);
  if (command === 'report') {
    console.log(`report: ${await rebuildReport(values.env)}`);
    return 0;
  }
  throw new UsageError(`unknown command '${command}' (commands: list, run, report, matrix, diff, claims, bench)`);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  const known = error instanceof UsageError || error instanceof SpecError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(`ipc-conformance: error: ${(error as Error).message}\n`);
  if (!known && process.env.IPC_CONFORMANCE_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
  process.exitCode = 2;
}

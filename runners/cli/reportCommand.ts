// `ipc-conformance report`: rebuilds the Allure report of a run (reports/<env>, or the folder a
// `run --output DIR` wrote), or with --serve serves it on 127.0.0.1 until Ctrl-C: a report opened
// from disk cannot fetch its own data in every browser, one served over HTTP can.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { reportDir } from '../core/kitPaths.js';
import { createEnvironment } from '../environments/registry.js';
import { generateEnvironmentReport } from '../reporting/allureReport.js';
import { serveReport } from '../reporting/serveReport.js';
import { readVerdictFile } from '../verdict/readVerdictFile.js';

/** Options of `ipc-conformance report`. */
export interface ReportCommandOptions {
  environment: string;
  /** A run's folder (`run --output DIR`) instead of reports/<env>. */
  runDir?: string;
  /** Serve the report instead of only writing it; a port of 0 takes any free one. */
  serve?: { port: number };
}

/** The report's index.html, rebuilt from the run's verdicts and Allure results. */
async function rebuild(runDir: string): Promise<string> {
  return generateEnvironmentReport(runDir, (await readVerdictFile(runDir)).environment);
}

/** Resolves on the first SIGINT or SIGTERM. */
function stopSignal(): Promise<NodeJS.Signals> {
  // Whatever handled these before (the interruption registry, installed by the report's build) would
  // exit with 128 + the signal at once, before the server is closed: stopping a server is its
  // normal end, so it closes and the command exits 0.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.removeAllListeners(signal);
  return new Promise((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve(signal));
  });
}

/** Writes (and with --serve, serves) the report; exit status 0. */
export async function reportCommand(options: ReportCommandOptions): Promise<number> {
  const runDir = options.runDir ?? reportDir(createEnvironment(options.environment).name); // rejects unknown names
  const index = join(runDir, 'allure-report', 'index.html');
  if (!options.serve) {
    console.log(`report: ${await rebuild(runDir)}`);
    return 0;
  }
  // Serving shows the report the run already has; one is built only where there is none yet.
  if (!existsSync(index)) console.error(`report: building ${await rebuild(runDir)}`);
  const stopped = stopSignal();
  const served = await serveReport(join(runDir, 'allure-report'), { port: options.serve.port });
  console.log(`report: ${served.url} (serving ${join(runDir, 'allure-report')} on loopback; Ctrl-C stops)`);
  await stopped;
  await served.close();
  return 0;
}

// `--output DIR`: the folder a command writes its reports into instead of reports/. The kit may
// remove and replace what it wrote there before, so it writes only into a folder that is new, empty
// or marked as its own: `--output .` in a project, or a typo naming a folder of photos, is refused
// before anything is written. The mark is a small file naming the kit and the command.
import { lstat, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { kitPaths } from '../core/kitPaths.js';
import type { ReportRun } from '../reporting/reportRuns.js';

/** The file that marks a folder as one the kit wrote (and may write into again). */
export const OUTPUT_MARK = '.ipc-conformance-output';

/** Makes `dir` ready for `command`'s reports and returns its absolute path; refuses a folder that is not the kit's. */
export async function claimOutputFolder(dir: string, command: string): Promise<string> {
  const path = resolve(dir);
  const stat = await lstat(path).catch(() => undefined);
  if (stat && !stat.isDirectory()) throw new UsageError(`--output '${dir}' is not a folder`);
  const entries = stat ? await readdir(path) : [];
  if (entries.length > 0 && !entries.includes(OUTPUT_MARK))
    throw new UsageError(`--output '${dir}' is not empty and was not written by ipc-conformance: name a new or empty folder`);
  try {
    await mkdir(path, { recursive: true });
  } catch (error) {
    throw new UsageError(`--output '${dir}' cannot be made: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const mark = { writtenBy: 'ipc-conformance', command, at: new Date().toISOString() };
  await writeFile(join(path, OUTPUT_MARK), `${JSON.stringify(mark)}\n`);
  return path;
}

/** Where `command` writes: the `--output` folder when one was given, else reports/ (made if need be). */
export async function reportsFolder(outputDir: string | undefined, command: string): Promise<string> {
  if (outputDir !== undefined) return claimOutputFolder(outputDir, command);
  await mkdir(kitPaths.reports, { recursive: true });
  return kitPaths.reports;
}

/**
 * A run's report folder at `dir` (`run --output DIR`) in place of reports/runs/…. What the kit wrote
 * there before is replaced, so that no earlier result joins this run's report; the Allure histories
 * (history.jsonl, claims-history.jsonl: reportRuns.ts) stay, and go on. Publishing changes nothing:
 * reports/<env> is left alone.
 */
export async function outputFolderRun(dir: string): Promise<ReportRun> {
  const path = await claimOutputFolder(dir, 'run');
  const kept = (name: string) => name === OUTPUT_MARK || name.endsWith('history.jsonl');
  const removeOutputs = async () => {
    const earlier = (await readdir(path)).filter((name) => !kept(name));
    await Promise.all(earlier.map((name) => rm(join(path, name), { recursive: true, force: true })));
  };
  await removeOutputs();
  return {
    dir: path,
    async publish() {},
    async discard() {
      await removeOutputs();
    },
  };
}

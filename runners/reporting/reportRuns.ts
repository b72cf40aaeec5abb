// Every conformance run writes into a folder of its own, reports/runs/<env>-<time>-<pid>/, and
// reports/<env> is a symlink to the latest run of that environment that completed, switched by
// renaming a new symlink over it (rename(2) replaces it in one step: a reader sees the old run or
// the new one, never a half-written one). So two runs in one checkout never destroy each other's
// files, and `diff`, `report`, `matrix` and `claims` keep reading reports/<env>.
//
// Each run folder names its owner (pid, start time, boot id). When a run starts, and once it is
// published, it prunes the folders no symlink points at: those of completed runs that were
// replaced, and those of runs that died before completing. A run still going keeps its folder. The Allure
// histories (history.jsonl of the properties, claims-history.jsonl of the tutorial audit) are carried
// from the run reports/<env> points at to the new one; a run without a report passes them on as it got them.

import { randomBytes } from 'node:crypto';
import { copyFile, lstat, mkdir, readdir, readFile, readlink, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { kitPaths, reportDir } from '../core/kitPaths.js';
import { identityOf, isRunning, type ProcessIdentity } from '../process/sweepDeadRuns.js';

/** The file in a run's report folder that names its owner and says whether it completed. */
const RUN_FILE = 'run.json';
/** Allure 3's history of earlier runs, appended to by every report (allureReport.ts). */
export const ALLURE_HISTORY_FILE = 'history.jsonl';
/** The same for the claims report. */
export const CLAIMS_HISTORY_FILE = 'claims-history.jsonl';
/** A symlink being made: `.<env>.<pid>.<start time>.<hex>.link`, renamed over reports/<env>. */
const NEW_LINK = /^\.(.+)\.(\d+)\.(\d+)\.[0-9a-f]+\.link$/;

interface RunRecord {
  environment: string;
  owner: ProcessIdentity;
  completedAt?: string;
}

/** The report folder of one run. */
export interface ReportRun {
  readonly dir: string;
  /** Marks the run complete and points reports/<env> at it. */
  publish(): Promise<void>;
  /** Removes the folder of a run that did not complete. */
  discard(): Promise<void>;
}

/** reports/runs/: the folders of the runs. */
export const reportRunsDir = () => join(kitPaths.reports, 'runs');

async function readRecord(dir: string): Promise<RunRecord | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, RUN_FILE), 'utf8')) as RunRecord;
  } catch {
    return undefined;
  }
}

/** The names in reports/runs/ that a symlink in reports/ points at. */
async function currentRuns(): Promise<Set<string>> {
  const current = new Set<string>();
  for (const name of await readdir(kitPaths.reports).catch(() => [] as string[])) {
    const path = join(kitPaths.reports, name);
    if (!(await lstat(path).catch(() => undefined))?.isSymbolicLink()) continue;
    current.add(basename(await readlink(path).catch(() => '')));
  }
  return current;
}

/** Removes the folders of replaced and of dead runs, and symlinks a dead run left half made. */
export async function pruneReportRuns(): Promise<string[]> {
  const removed: string[] = [];
  const current = await currentRuns();
  for (const name of await readdir(reportRunsDir()).catch(() => [] as string[])) {
    if (current.has(name)) continue;
    const dir = join(reportRunsDir(), name);
    const record = await readRecord(dir);
    if (record && !record.completedAt && isRunning(record.owner)) continue; // still going
    await rm(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  for (const name of await readdir(kitPaths.reports).catch(() => [] as string[])) {
    const link = NEW_LINK.exec(name);
    if (!link) continue;
    const bootId = identityOf(process.pid)!.bootId;
    if (!isRunning({ pid: Number(link[2]), startTime: Number(link[3]), bootId })) await rm(join(kitPaths.reports, name), { force: true });
  }
  return removed;
}

const timestamp = () =>
  new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

/** Makes the run's report folder (after pruning what earlier runs left). */
export async function startReportRun(environment: string): Promise<ReportRun> {
  await pruneReportRuns();
  const owner = identityOf(process.pid)!;
  const name = `${environment}-${timestamp()}-${process.pid}`;
  const dir = join(reportRunsDir(), name);
  await mkdir(dir, { recursive: true });
  const record: RunRecord = { environment, owner };
  await writeFile(join(dir, RUN_FILE), `${JSON.stringify(record, null, 2)}\n`);
  // The earlier runs' Allure histories go on in this run's reports.
  for (const history of [ALLURE_HISTORY_FILE, CLAIMS_HISTORY_FILE])
    await copyFile(join(reportDir(environment), history), join(dir, history)).catch(() => undefined);
  return {
    dir,
    async publish() {
      await writeFile(join(dir, RUN_FILE), `${JSON.stringify({ ...record, completedAt: new Date().toISOString() }, null, 2)}\n`);
      const target = reportDir(environment);
      const newLink = join(kitPaths.reports, `.${environment}.${owner.pid}.${owner.startTime}.${randomBytes(3).toString('hex')}.link`);
      await symlink(join('runs', name), newLink);
      // A reports/<env> folder from before runs had folders of their own: kept as a replaced run.
      if ((await lstat(target).catch(() => undefined))?.isDirectory()) {
        const legacy = join(reportRunsDir(), `${environment}-before-${timestamp()}-${process.pid}`);
        await rename(target, legacy).catch(() => undefined);
      }
      await rename(newLink, target);
      // The run this one replaced is of no use any more.
      await pruneReportRuns().catch(() => undefined);
    },
    async discard() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}

// Runs for the format tests: the real runs kept in test/verdict/fixtures (older files, without the
// 1.0.0 fields), the gvisor excerpt brought to the current format (kit, selection, each verdict's
// timing), and a run whose texts hold everything a writer must escape or fold.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VERDICT_SCHEMA_VERSION, type Verdict, type VerdictFile } from '../../runners/verdict/verdict.js';
import { REAL_RUNS, realRun } from '../verdict/fixtures.js';

/** The gvisor excerpt as a kit of the current format writes it: failures, broken and skipped verdicts with timing. */
export function currentRun(): VerdictFile {
  const file = realRun('gvisor-excerpt');
  const start = Date.parse(file.generatedAt) - 60_000;
  return {
    ...file,
    schemaVersion: VERDICT_SCHEMA_VERSION,
    kit: { version: '0.1.0', commit: '0123456789abcdef0123456789abcdef01234567' },
    selection: { only: 'eventfd.*,fifo.*,file-locks.*', specs: null },
    verdicts: file.verdicts.map((verdict, i) => ({ ...verdict, startedAt: new Date(start + i * 250).toISOString(), durationMs: 40 + i })),
  };
}

const awkwardText = 'line one <a href="x">&amp;</a>\nline two\t"quoted" # not a directive \u0001\u001b[31mred\u001b[0m';

/** A small run whose reasons and facts hold markup, quotes, "#", line breaks and control characters. */
export function awkwardRun(): VerdictFile {
  const base = currentRun();
  const pick = (status: Verdict['status']) => base.verdicts.find((v) => v.status === status)!;
  const verdicts: Verdict[] = [
    { ...pick('passed') },
    { ...pick('failed'), reason: awkwardText, observed: { value: awkwardText, errno: null } },
    { ...pick('skipped'), reason: awkwardText },
    { ...pick('broken'), reason: awkwardText },
  ];
  return { ...base, environment: { ...base.environment, kernel: `${String(base.environment.kernel)} <&>` }, verdicts };
}

/** Every run the format tests render, by name. */
export function allRuns(): Array<[string, VerdictFile]> {
  return [...REAL_RUNS.map((run): [string, VerdictFile] => [run, realRun(run)]), ['current', currentRun()], ['awkward', awkwardRun()]];
}

/** Runs a command and gives its exit status and output, without throwing on failure. */
export function run(command: string, args: string[]): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.error) throw result.error;
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Writes text to a file in `dir` and gives its path. */
export function written(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

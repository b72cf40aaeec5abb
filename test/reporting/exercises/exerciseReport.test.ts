// The exercise report of a real check of exercise 02's starter (two runs): each check links its man
// pages, carries the program's output and the tracer's log of the run that decided it, and lasts
// as long as the runs did. Root only, as the exercises are (their sandbox needs it).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkProgram } from '../../../runners/exercises/checkProgram.js';
import { writeExerciseReports } from '../../../runners/exercises/exerciseAllure.js';
import type { ExerciseResult } from '../../../runners/exercises/judgeExercise.js';
import { findExercise } from '../../../runners/exercises/loadExercises.js';
import { manPageUrl } from '../../../runners/reporting/allureLinks.js';
import { attachmentsOf, embeddedFiles, reportedResults } from '../support/reportData.js';

const isRoot = process.geteuid?.() === 0;

describe.runIf(isRoot)("the report of exercise 02's starter", () => {
  let scratch: string;
  let result: ExerciseResult;
  let reportDir: string;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'ipc-conformance-exercise-report-'));
    const loaded = await findExercise('02');
    result = await checkProgram(loaded, [join(loaded.folder, 'starter.c')], 2);
    const index = await writeExerciseReports(scratch, result, 'starter.c');
    reportDir = join(index, '..');
  }, 120_000);
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  test("one result per check, with the check's status", () => {
    const results = reportedResults(reportDir);
    expect(results.map((r) => r.name).sort()).toEqual(result.checks.map((c) => c.check.id).sort());
    for (const check of result.checks) {
      const shown = results.find((r) => r.name === check.check.id)!;
      expect(shown.status).toBe(check.status === 'not-observed' ? 'skipped' : check.status);
    }
    expect(results.some((r) => r.status === 'failed')).toBe(true); // the starter's mistakes
  });

  test('man pages are links', () => {
    for (const check of result.checks) {
      const shown = reportedResults(reportDir).find((r) => r.name === check.check.id)!;
      expect(shown.links.map((l) => l.url)).toEqual(check.check.man.map((page) => manPageUrl(page)));
    }
  });

  test("the deciding run's program output and tracer log are attached", () => {
    const files = embeddedFiles(reportDir);
    for (const shown of reportedResults(reportDir)) {
      const run = result.checks.find((c) => c.check.id === shown.name)!.example!.run;
      const attached = attachmentsOf(shown);
      expect(attached.map((a) => a.name)).toEqual([`program output (run ${run})`, `tracer log (run ${run})`]);
      const output = files.get(attached[0]!.path)?.toString('utf8') ?? '';
      expect(output).toMatch(new RegExp(`^run ${run}: (exit status \\d+|ended by SIG\\w+|killed at the time limit) after \\d+ ms`));
      expect(output).toContain('--- stderr ---');
      const trace = files.get(attached[1]!.path)?.toString('utf8') ?? '';
      // The starter's FIFO, as the tracer saw it made.
      expect(
        trace
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line).ev),
      ).toContain('object');
    }
  });

  test("each check lasts from the first run's start to the last run's end", () => {
    const [first, last] = [result.runLogs[0]!, result.runLogs.at(-1)!];
    for (const shown of reportedResults(reportDir)) {
      expect(shown.start).toBe(first.startedAt);
      expect(shown.stop).toBe(last.startedAt + last.durationMs);
      expect(shown.duration).toBeGreaterThan(0);
    }
  });
});

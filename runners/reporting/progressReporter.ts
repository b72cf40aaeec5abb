// The progress of a conformance run as the properties are decided. A CI log (any stream that is not
// a terminal) gets one line per property: its place in the run, its verdict, its id and how long it
// took, so that a stalled or slow run shows where it is. A terminal gets one line rewritten in place
// (the counts so far and the last property), so that 790 properties do not scroll the screen away.
// Neither mode writes an escape sequence: the terminal line is rewritten with a carriage return and
// spaces, which every terminal and log viewer understands.
import type { Reporter, TestCase, TestModule } from 'vitest/node';
import type { VerdictStatus } from '../verdict/verdict.js';

/** Where the progress goes: process.stdout or process.stderr, or anything shaped like them. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Options for ProgressReporter. */
export interface ProgressReporterOptions {
  stream: ProgressStream;
  /** Where the suite's own failures (a module that did not load, an unhandled error) go. */
  errors?: ProgressStream;
  /** The environment's name, for the first line. */
  environment?: string;
}

/** The errors vitest hands to onTestRunEnd (its SerializedError, named through the Reporter type). */
type UnhandledErrors = Parameters<NonNullable<Reporter['onTestRunEnd']>>[1];

const STATUSES: readonly VerdictStatus[] = ['passed', 'failed', 'skipped', 'broken'];

/** A test's verdict; a test that ended without one (the harness failed) counts as broken. */
function statusOf(testCase: TestCase): VerdictStatus {
  const recorded = testCase.meta().verdict?.status;
  if (recorded) return recorded;
  const state = testCase.result().state;
  return state === 'passed' ? 'passed' : state === 'skipped' ? 'skipped' : 'broken';
}

const firstLine = (text: string | undefined) => (text ?? 'unknown error').split('\n')[0]!;

export default class ProgressReporter implements Reporter {
  private total = 0;
  private decided = 0;
  private readonly counts: Record<VerdictStatus, number> = { passed: 0, failed: 0, skipped: 0, broken: 0 };
  /** Length of the line now on the terminal, to blank out what a shorter one leaves. */
  private shown = 0;

  constructor(private readonly options: ProgressReporterOptions) {}

  private get inPlace(): boolean {
    return this.options.stream.isTTY === true;
  }

  onTestModuleCollected(testModule: TestModule): void {
    this.total += [...testModule.children.allTests()].length;
    if (!this.inPlace && this.options.environment)
      this.options.stream.write(`checking ${this.total} properties in ${this.options.environment}\n`);
  }

  onTestCaseResult(testCase: TestCase): void {
    const status = statusOf(testCase);
    this.decided += 1;
    this.counts[status] += 1;
    const place = `${String(this.decided).padStart(String(this.total).length)}/${this.total}`;
    if (!this.inPlace) {
      // The verdict's own time: vitest dates a concurrent test from when it was queued, not started.
      const ms = Math.round(testCase.meta().verdict?.durationMs ?? testCase.diagnostic()?.duration ?? 0);
      this.options.stream.write(`${place} ${status.padEnd(7)} ${testCase.name} ${ms} ms\n`);
      return;
    }
    const counts = STATUSES.map((name) => `${this.counts[name]} ${name}`).join(', ');
    this.rewrite(`${place}  ${counts}  ${testCase.name}`);
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: UnhandledErrors): void {
    if (this.inPlace) this.rewrite('');
    // No other reporter prints these: without them "the suite ended without verdicts" would be all.
    const errors = this.options.errors ?? this.options.stream;
    for (const module of testModules)
      for (const error of module.errors()) errors.write(`error: ${module.moduleId}: ${firstLine(error.message)}\n`);
    for (const error of unhandledErrors) errors.write(`error: unhandled in the suite: ${firstLine(error.message)}\n`);
  }

  /** Replaces the terminal line with `text`, cut to the terminal's width so that it never wraps. */
  private rewrite(text: string): void {
    // A pseudo-terminal nobody sized reports 0 columns: taken as the usual 80.
    const width = Math.max((this.options.stream.columns || 80) - 1, 20);
    const line = text.length > width ? `${text.slice(0, width - 1)}…` : text;
    this.options.stream.write(`\r${line.padEnd(this.shown)}${line ? '' : '\r'}`);
    this.shown = line.length;
  }
}

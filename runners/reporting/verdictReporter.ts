// A vitest reporter that collects the verdict each conformance test recorded in its task meta,
// keeps them for the command that made it (`file`, in memory) and writes the run's verdicts.json:
// the machine-readable contract read by diff, the matrix and the claims audit. Its shape is the zod
// schema in runners/verdict/verdictSchema.ts (published as runners/verdict/verdicts.schema.json).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type {} from 'vitest';
import type { Reporter, TestModule } from 'vitest/node';
import { kitPaths } from '../core/kitPaths.js';
import type { EnvironmentDescription } from '../environments/environment.js';
import { kitIdentity } from '../verdict/kitIdentity.js';
import { type RunSelection, type SuitePhases, VERDICT_SCHEMA_VERSION, type Verdict, type VerdictFile } from '../verdict/verdict.js';

declare module 'vitest' {
  interface TaskMeta {
    /** Set by the conformance suite: the verdict of the property the test checks. */
    verdict?: Verdict;
  }
}

/** Options for VerdictReporter. */
export interface VerdictReporterOptions {
  outputFile: string;
  /** Describes the run's environment (the command's own prepared object), once the run ends. */
  describe(): Promise<EnvironmentDescription>;
  /** The run's `--only` and `--specs`, recorded in the file; absent means the kit's defaults (both null). */
  selection?: RunSelection;
}

export default class VerdictReporter implements Reporter {
  /** The run's verdicts once it has ended; undefined before (or when it never ended). */
  file: VerdictFile | undefined;

  constructor(private readonly options: VerdictReporterOptions) {}

  async onTestRunEnd(testModules: ReadonlyArray<TestModule>): Promise<void> {
    const verdicts: Verdict[] = [];
    const spans: Record<keyof SuitePhases, { start: number; end: number }[]> = { functionalMs: [], measurementsMs: [] };
    for (const module of testModules) {
      for (const testCase of module.children.allTests()) {
        const recorded = testCase.meta().verdict;
        const timing = testCase.diagnostic();
        if (timing) {
          const phase = recorded?.kind === 'performance' ? 'measurementsMs' : 'functionalMs';
          spans[phase].push({ start: timing.startTime, end: timing.startTime + timing.duration });
        }
        if (recorded) {
          verdicts.push(recorded);
          continue;
        }
        // The harness itself failed before a verdict existed: still a verdict, never a silent gap.
        const error = testCase.result().errors?.[0]?.message ?? 'the test ended without recording a verdict';
        const [mechanism = 'unknown'] = testCase.name.split('.');
        verdicts.push({
          property: testCase.name,
          mechanism,
          kind: 'lifecycle',
          status: 'broken',
          expected: null,
          observed: null,
          reason: `harness error: ${error}`,
          probes: [],
          observations: [],
        });
      }
    }
    const environment = await this.options.describe();
    // vitest dates a concurrent test from when it was queued, so the phases are told apart by their
    // ends: the functional properties from the first start to their last end, the measurements
    // (which run after them, one at a time) from there to their own last end.
    const lastEnd = (list: { end: number }[]) => Math.max(...list.map((span) => span.end));
    const functionalEnd = spans.functionalMs.length ? lastEnd(spans.functionalMs) : 0;
    const phases: SuitePhases = {
      functionalMs: spans.functionalMs.length ? Math.round(functionalEnd - Math.min(...spans.functionalMs.map((span) => span.start))) : 0,
      measurementsMs: spans.measurementsMs.length
        ? Math.round(lastEnd(spans.measurementsMs) - (functionalEnd || Math.min(...spans.measurementsMs.map((span) => span.start))))
        : 0,
    };
    const file: VerdictFile = {
      schemaVersion: VERDICT_SCHEMA_VERSION,
      kit: await kitIdentity(kitPaths.root),
      selection: this.options.selection ?? { only: null, specs: null },
      environment: { ...environment },
      generatedAt: new Date().toISOString(),
      verdicts,
      phases,
    };
    await mkdir(dirname(this.options.outputFile), { recursive: true });
    await writeFile(this.options.outputFile, `${JSON.stringify(file, null, 2)}\n`);
    this.file = file;
  }
}

// The vitest options of a conformance run, in one place: the CLI passes them inline (no config
// file to bundle, so a read-only checkout works) and conformance/vitest.config.ts reuses them for
// people who start vitest by hand.
import { join } from 'node:path';
import type { TestUserConfig } from 'vitest/node';
import { kitPaths } from '../core/kitPaths.js';
import type { ConformanceSuiteRun } from '../run/suiteContract.js';
import { ConformanceAllureReporter } from './allureVitestReporter.js';
import ProgressReporter from './progressReporter.js';
import type VerdictReporter from './verdictReporter.js';

/** What a conformance run's vitest options depend on. */
export interface ConformanceConfigOptions {
  /** The environment's name, for the progress's first line. */
  environment: string;
  /** Where the run's Allure results go. */
  reportDir: string;
  /** The run, handed to the suite (conformance/SEAM.md); absent when a globalSetup provides it. */
  run?: ConformanceSuiteRun;
  /** Files that prepare and provide the run themselves (vitest started by hand). */
  globalSetup?: string[];
  /** Receives the verdicts in memory and writes verdicts.json. */
  verdicts?: VerdictReporter;
  /** Shows the run's progress; by default a ProgressReporter on stdout. */
  progress?: ProgressReporter;
}

/** vitest `test` options that run the conformance suite. */
export function conformanceTestConfig(options: ConformanceConfigOptions): TestUserConfig {
  const { environment, reportDir } = options;
  return {
    root: join(kitPaths.root, 'conformance'),
    include: ['**/*.test.ts'],
    testTimeout: 60_000,
    maxConcurrency: 12,
    cache: false,
    ...(options.run ? { provide: { conformanceRun: options.run } } : {}),
    ...(options.globalSetup ? { globalSetup: options.globalSetup } : {}),
    // JUnit, TAP and the other machine formats are written from the verdicts (runners/formats/).
    reporters: [
      options.progress ?? new ProgressReporter({ stream: process.stdout, environment }),
      new ConformanceAllureReporter(join(reportDir, 'allure-results')),
      ...(options.verdicts ? [options.verdicts] : []),
    ],
  };
}

// The vitest options of a conformance run, in one place: the CLI passes them inline (no config
// file to bundle, so a read-only checkout works) and conformance/vitest.config.ts reuses them for
// people who start vitest by hand.
import { join } from 'node:path';
import type { TestUserConfig } from 'vitest/node';
import { kitPaths } from '../kitPaths.js';
import VerdictReporter from './verdictReporter.js';

/** vitest `test` options that run the conformance suite for `environment` into `reportDir`. */
export function conformanceTestConfig(environment: string, reportDir: string): TestUserConfig {
  return {
    root: join(kitPaths.root, 'conformance'),
    include: ['**/*.test.ts'],
    testTimeout: 60_000,
    maxConcurrency: 6,
    cache: false,
    reporters: [
      'dot',
      ['junit', { suiteName: `ipc-conformance ${environment}`, classnameTemplate: `ipc-conformance.${environment}` }],
      ['allure-vitest/reporter', { resultsDir: join(reportDir, 'allure-results') }],
      new VerdictReporter({ outputFile: join(reportDir, 'verdicts.json'), environment }),
    ],
    outputFile: { junit: join(reportDir, 'junit.xml') },
  };
}

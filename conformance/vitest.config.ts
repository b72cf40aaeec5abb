// vitest configuration for a conformance run; the CLI sets IPC_CONFORMANCE_ENV and
// IPC_CONFORMANCE_REPORT_DIR (reports/<env>/) before starting vitest with this file.
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

const environment = process.env.IPC_CONFORMANCE_ENV ?? 'host';
const reportDir = process.env.IPC_CONFORMANCE_REPORT_DIR ?? join(import.meta.dirname, '..', 'reports', environment);

export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['**/*.test.ts'],
    testTimeout: 60_000,
    maxConcurrency: 6,
    reporters: [
      'dot',
      ['junit', { suiteName: `ipc-conformance ${environment}` }],
      ['allure-vitest/reporter', { resultsDir: join(reportDir, 'allure-results') }],
      [join(import.meta.dirname, '..', 'runners', 'reporting', 'verdictReporter.ts'), { outputFile: join(reportDir, 'verdicts.json'), environment }],
    ],
    outputFile: { junit: join(reportDir, 'junit.xml') },
  },
});

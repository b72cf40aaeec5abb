// For starting the conformance suite by hand (`npx vitest run --config conformance/vitest.config.ts`):
// the suite runs on the host, prepared by globalSetup.ts, with its Allure results in
// reports/host-by-hand/. `ipc-conformance run` passes the same options inline and provides the run
// it prepared itself, with verdicts.json and the summary (conformance/SEAM.md).
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import { reportDir } from '../runners/core/kitPaths.js';
import { conformanceTestConfig } from '../runners/reporting/conformanceVitestConfig.js';

export default defineConfig({
  test: conformanceTestConfig({
    environment: 'host',
    reportDir: reportDir('host-by-hand'),
    globalSetup: [join(import.meta.dirname, 'globalSetup.ts')],
  }),
});

// For starting the conformance suite by hand (`npx vitest --config conformance/vitest.config.ts`);
// `ipc-conformance run` passes the same options inline. The environment and report folder come
// from IPC_CONFORMANCE_ENV and IPC_CONFORMANCE_REPORT_DIR.
import { defineConfig } from 'vitest/config';
import { reportDir } from '../runners/kitPaths.js';
import { conformanceTestConfig } from '../runners/reporting/conformanceVitestConfig.js';

const environment = process.env.IPC_CONFORMANCE_ENV ?? 'host';

export default defineConfig({
  test: conformanceTestConfig(environment, process.env.IPC_CONFORMANCE_REPORT_DIR ?? reportDir(environment)),
});

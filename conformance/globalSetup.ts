// vitest's globalSetup for a suite started by hand (conformance/vitest.config.ts): prepares the
// host the way `ipc-conformance run` does (run folder, private bus), provides the run to the suite
// with every property of the kit's specs, and ends it afterwards.
import type { TestProject } from 'vitest/node';
import { runFolder } from '../runners/process/runFolder.js';
import { prepareRun } from '../runners/run/preparedRun.js';
import { SUITE_RUN_KEY } from '../runners/run/suiteContract.js';
import { loadValidatedSpecs } from '../runners/selection/specSet.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const mechanisms = await loadValidatedSpecs();
  runFolder();
  const run = await prepareRun('host');
  project.provide(SUITE_RUN_KEY, { environment: run.handle, mechanisms });
  return () => run.end();
}

// Where the kit's own files are, whether this module runs from source (vitest) or from dist/.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findKitRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'ipc-conformance') {
      return dir;
    }
    if (dirname(dir) === dir) throw new Error(`cannot find the ipc-conformance package above ${start}`);
  }
}

/** The repository (package) root. */
export const KIT_ROOT = findKitRoot(dirname(fileURLToPath(import.meta.url)));

/** Fixed locations inside the kit. */
export const kitPaths = {
  root: KIT_ROOT,
  fixtureBinaries: join(KIT_ROOT, 'build', 'fixtures'),
  faultShims: join(KIT_ROOT, 'build', 'faults'),
  /** The case manifest `make fixtures` generates from the probes' `--list --json`: fixture id → its cases. */
  fixtureCases: join(KIT_ROOT, 'build', 'fixtures', 'cases.json'),
  ffiEntry: join(KIT_ROOT, 'dist', 'runners', 'ffi', 'main.js'),
  /** The FFI fork server (runners/ffi/forkServer.ts) and the C helper it forks probe processes with. */
  ffiForkServer: join(KIT_ROOT, 'dist', 'runners', 'ffi', 'forkServer.js'),
  forkProbeHelper: join(KIT_ROOT, 'build', 'forkserver', 'fork-probe.so'),
  // IPC_CONFORMANCE_REPORTS_ROOT lets the kit's own tests run end to end without touching reports/.
  reports: process.env.IPC_CONFORMANCE_REPORTS_ROOT ?? join(KIT_ROOT, 'reports'),
} as const;

/** The report folder of one environment: reports/<env>/. */
export function reportDir(environment: string): string {
  return join(kitPaths.reports, environment);
}

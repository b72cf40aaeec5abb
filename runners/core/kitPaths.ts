// Where the kit's own files are, whether this module runs from source (vitest) or from dist/, in a
// checkout or installed as a package (npm install, npx).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageName = (dir: string) => (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name;

function findKitRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && packageName(dir) === 'ipc-conformance') return dir;
    if (dirname(dir) === dir) throw new Error(`cannot find the ipc-conformance package above ${start}`);
  }
}

/** The repository (package) root. */
export const KIT_ROOT = findKitRoot(dirname(fileURLToPath(import.meta.url)));

/** Whether the kit is an installed package (below a node_modules folder) rather than a checkout. */
export const KIT_IS_INSTALLED = KIT_ROOT.split(sep).includes('node_modules');

/**
 * Where reports go unless IPC_CONFORMANCE_REPORTS_ROOT says otherwise (the kit's own tests set it to
 * run end to end without touching reports/). A checkout keeps them in its reports/; an installed
 * package writes into the folder it was started from, as other test tools do, since its own folder
 * belongs to the package manager (and a global install's is not even writable).
 */
function defaultReportsRoot(): string {
  return KIT_IS_INSTALLED ? join(process.cwd(), 'reports') : join(KIT_ROOT, 'reports');
}

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
  reports: process.env.IPC_CONFORMANCE_REPORTS_ROOT ?? defaultReportsRoot(),
} as const;

/** The report folder of one environment: reports/<env>/. */
export function reportDir(environment: string): string {
  return join(kitPaths.reports, environment);
}

/**
 * A file of an installed dependency (`.bin/allure`, `koffi/package.json`), found the way Node finds
 * packages: in the nearest node_modules folder above the kit that has it. In a checkout that is the
 * kit's own node_modules; in an installed package the dependencies sit beside it, hoisted.
 */
export function dependencyFile(path: string): string {
  for (let dir = KIT_ROOT; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', path);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`node_modules/${path} not found above ${KIT_ROOT}: run \`npm ci\` in the kit`);
  }
}

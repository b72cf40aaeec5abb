// Compiles the student's program the same way every time (warnings on, no optimisation that could
// hide a race, no _FORTIFY_SOURCE so stdio calls reach the tracer under their own names), as the
// sandbox's unprivileged uid inside a sandbox of its own: gcc sees /usr, the copied sources and an
// output folder, nothing else of the machine — so `#include "/root/secret"` finds no file, and
// its diagnostics can only quote what the student handed in.
import { copyFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { runCommand } from '../process/runCommand.js';
import { makeOwnedFolder } from './sandbox/ownedFolder.js';
import { runSandboxed } from './sandbox/runSandboxed.js';
import type { SandboxSetup } from './sandbox/sandboxSetup.js';

/** The compiler the kit uses for students' programs (a name on the sandbox's PATH, /usr/bin). */
const CC = process.env.CC || 'gcc';

/** Bounds of one compilation: gcc on one file needs far less, a fork bomb in a header gets no more. */
const COMPILE_LIMITS = { memoryBytes: 1 << 30, processes: 64, cpus: 1 };
const COMPILE_TIME_LIMIT_MS = 60_000;

/** The program failed to compile: what gcc said is the teaching output. */
export class CompileError extends Error {
  override name = 'CompileError';
  constructor(
    readonly sources: string[],
    readonly diagnostics: string,
  ) {
    super(`${sources.join(' ')} does not compile`);
  }
}

/** The C files of SRC: one file, or every .c file of a folder (a solution/ folder). */
export function sourceFiles(src: string): string[] {
  const path = resolve(src);
  if (!existsSync(path)) throw new UsageError(`${src} does not exist`);
  if (statSync(path).isDirectory()) {
    const files = readdirSync(path)
      .filter((name) => name.endsWith('.c'))
      .sort()
      .map((name) => join(path, name));
    if (files.length === 0) throw new UsageError(`${src} holds no .c file`);
    return files;
  }
  if (!path.endsWith('.c')) throw new UsageError(`${src} is not a .c file`);
  return [path];
}

/** Linker flags for `link`: plain flags pass through, `pkg:NAME` asks pkg-config (outside: trusted). */
async function linkFlags(link: readonly string[]): Promise<{ cflags: string[]; libs: string[] }> {
  const cflags: string[] = [];
  const libs: string[] = [];
  for (const item of link) {
    if (!item.startsWith('pkg:')) {
      libs.push(item);
      continue;
    }
    const name = item.slice(4);
    const flags = await runCommand(['pkg-config', '--cflags', '--libs', name], { timeoutMs: 10_000 }).catch(() => undefined);
    if (flags?.exitCode !== 0) {
      throw new UsageError(
        `the exercise links with ${name}, whose development files are missing: run 'make setup' (apt-get install pkg-config lib${name}-dev)`,
      );
    }
    for (const flag of flags.stdout.trim().split(/\s+/)) (flag.startsWith('-l') ? libs : cflags).push(flag);
  }
  return { cflags, libs };
}

/** Copies the sources, and the headers beside them, into `folder` (owned by the sandbox's uid). */
function copySources(sources: string[], folder: string, uid: number): string[] {
  const headers = new Set(
    sources.flatMap((source) =>
      readdirSync(dirname(source))
        .filter((name) => name.endsWith('.h'))
        .map((name) => join(dirname(source), name)),
    ),
  );
  for (const file of [...sources, ...headers]) {
    if (!statSync(file).isFile()) continue;
    copyFileSync(file, join(folder, basename(file)));
  }
  makeOwnedFolder(folder, uid, { contents: true });
  return sources.map((source) => basename(source));
}

/** Names the student's own files again in gcc's diagnostics (inside, they are under /src). */
function showOriginalPaths(diagnostics: string, sources: string[]): string {
  const originalFolder = dirname(sources[0]!);
  return diagnostics.replaceAll('/src/', `${originalFolder}/`);
}

/**
 * Compiles `sources` into `${workFolder}/bin/program`; throws CompileError with gcc's diagnostics
 * on failure. `workFolder` belongs to the sandbox's uid.
 */
export async function compileProgram(
  setup: SandboxSetup,
  sources: string[],
  workFolder: string,
  link: readonly string[] = [],
): Promise<string> {
  const { cflags, libs } = await linkFlags(link);
  const sourceFolder = join(workFolder, 'src');
  const binFolder = join(workFolder, 'bin');
  makeOwnedFolder(sourceFolder, setup.uid);
  makeOwnedFolder(binFolder, setup.uid);
  const names = copySources(sources, sourceFolder, setup.uid);
  const argv = [
    CC,
    '-std=gnu11',
    '-Wall',
    '-O0',
    '-g',
    '-pthread',
    '-U_FORTIFY_SOURCE',
    ...cflags,
    ...names,
    '-o',
    '/out/program',
    ...libs,
    '-lrt',
  ];
  const outcome = await runSandboxed({
    setup,
    spec: {
      system: 'toolchain',
      binds: [
        { source: sourceFolder, target: '/src', writable: false },
        { source: binFolder, target: '/out', writable: true },
      ],
      tmpfsBytes: 256 << 20,
      cwd: '/src',
      argv,
      asPid1: false,
      seccomp: true,
    },
    limits: COMPILE_LIMITS,
    env: { PATH: '/usr/bin:/bin', LC_ALL: 'C', HOME: '/tmp', TMPDIR: '/tmp' },
    killAfterMs: COMPILE_TIME_LIMIT_MS,
  });
  if (outcome.killed) throw new CompileError(sources, `the compiler did not finish within ${COMPILE_TIME_LIMIT_MS / 1000} s`);
  // bwrap names a command it cannot start (exit status 1, "bwrap: execvp CC: …"): not the student's fault.
  if (/^bwrap: execvp /m.test(outcome.stderr)) {
    throw new UsageError(
      `cannot run the C compiler '${CC}' in the sandbox: install it with 'apt-get install gcc libc6-dev' (or run 'make setup')`,
    );
  }
  if (outcome.exitCode !== 0) {
    const said = (outcome.stderr || outcome.stdout).trim();
    const limits = outcome.limitsHit.length ? `\n(the compiler hit the sandbox's ${outcome.limitsHit.join(' and ')} limit)` : '';
    throw new CompileError(sources, showOriginalPaths(said, sources) + limits);
  }
  return join(binFolder, 'program');
}

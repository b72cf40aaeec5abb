// Compiles the student's program the same way every time (warnings on, no optimisation that could
// hide a race, no _FORTIFY_SOURCE so stdio calls reach the tracer under their own names).
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../cli/usageError.js';
import { runCommand } from '../process/runCommand.js';

/** The compiler the kit uses for students' programs. */
const CC = process.env.CC || 'gcc';

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
    const files = readdirSync(path).filter((name) => name.endsWith('.c')).sort().map((name) => join(path, name));
    if (files.length === 0) throw new UsageError(`${src} holds no .c file`);
    return files;
  }
  if (!path.endsWith('.c')) throw new UsageError(`${src} is not a .c file`);
  return [path];
}

/** Linker flags for `link`: plain flags pass through, `pkg:NAME` asks pkg-config. */
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
    if (!flags || flags.exitCode !== 0) {
      throw new UsageError(`the exercise links with ${name}, whose development files are missing: run 'make setup' (apt-get install pkg-config lib${name}-dev)`);
    }
    for (const flag of flags.stdout.trim().split(/\s+/)) (flag.startsWith('-l') ? libs : cflags).push(flag);
  }
  return { cflags, libs };
}

/** Compiles `sources` into `output`; throws CompileError with gcc's diagnostics on failure. */
export async function compileProgram(sources: string[], output: string, link: readonly string[] = []): Promise<void> {
  const { cflags, libs } = await linkFlags(link);
  const argv = [CC, '-std=gnu11', '-Wall', '-O0', '-g', '-pthread', '-U_FORTIFY_SOURCE', ...cflags, ...sources, '-o', output, ...libs, '-lrt'];
  const result = await runCommand(argv, { timeoutMs: 60_000 }).catch((error: Error) => {
    throw new UsageError(`cannot run the C compiler '${CC}' (${error.message}): install it with 'apt-get install gcc libc6-dev' (or run 'make setup')`);
  });
  if (result.exitCode !== 0) throw new CompileError(sources, (result.stderr || result.stdout).trim());
}
